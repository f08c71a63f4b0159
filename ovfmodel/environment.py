"""The OVF environment (DSP0243 clause 11, schema DSP8027): reading, writing and building it.

A deployment platform hands each guest an `ovf-env.xml` whose PropertySection carries the values
of the descriptor's ProductSection properties. This module reads and writes such documents
losslessly (same Binder/Writer as descriptors, so vendor content such as VMware's
`ve:EthernetAdapterSection` stays where it was), builds one from a descriptor plus user values
with the checks a platform must make before powering on (`environment_for`), and gives a guest
agent the plain key/value view (`properties`).

Key naming (DSP0243 9.5): a property is known in the environment by its fully qualified key
`[class.]key[.instance]`, where `class` and `instance` are the ovf:class and ovf:instance of its
ProductSection and are left out, with their dot, when absent.

Collections (DSP0243 11): the PropertySection of a virtual system holds its own properties and
those of its immediate parent VirtualSystemCollection (the child's win on equal keys), and one
Entity per sibling carries the exact PropertySection that sibling sees.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from . import atomicfile
from ._generated import ovf_environment_1 as ovfenv
from ._generated.wscim_common import CimString
from .binding import SourceInfo, source_info
from .cim import PROPERTY_INT_RANGES, Qualifiers
from .document import XSI_NS, Family, OvfDocument, _declared_encoding, _python_codec
from .errors import OvfEnvironmentError, OvfParseError
from .model import COLLECTION, content, iter_content, product_sections
from .model import properties as descriptor_properties
from .model import section as find_section
from .xmlsafe import Source, parse_xml, read_source, xml_declaration

ENV_NS = "http://schemas.dmtf.org/ovf/environment/1"
VMWARE_ENV_NS = "http://www.vmware.com/schema/ovfenv"

PropertyValue = str | int | float | bool
"""What a caller may give as a property value; written as its OVF lexical form."""

# Produced documents look like the ones ESXi writes: default namespace for elements, `oe:` for
# the attributes (which the schema qualifies), xsi declared.
_ROOT_DECL: tuple[tuple[str | None, str], ...] = ((None, ENV_NS), ("oe", ENV_NS), ("xsi", XSI_NS))
FAMILY_ENV = Family(ovfenv, ovfenv.Environment, ENV_NS, _ROOT_DECL)


@dataclass
class EnvironmentDocument:
    """A parsed (or built) OVF environment; `environment` is the generated DSP8027 dataclass."""

    environment: ovfenv.Environment
    source: str | None = None
    declaration: str | None = '<?xml version="1.0" encoding="UTF-8"?>'
    prolog: list[str] = field(default_factory=list)
    epilog: list[str] = field(default_factory=list)
    problems: list[tuple[SourceInfo | None, str]] = field(default_factory=list, repr=False)

    def __eq__(self, other: object) -> bool:
        # equal models are equal documents, wherever the text came from
        return isinstance(other, EnvironmentDocument) and self.environment == other.environment

    __hash__ = None  # type: ignore[assignment]

    @property
    def id(self) -> str:
        """The ovfenv:id: the ovf:id of the VirtualSystem (or collection) this is for."""
        return str(self.environment.id)

    @property
    def platform(self) -> ovfenv.PlatformSection | None:
        return next(
            (s for s in self.environment.sections if isinstance(s, ovfenv.PlatformSection)), None
        )

    def entity(self, entity_id: str) -> ovfenv.EntityType | None:
        """The Entity of a sibling (or child) by its ovfenv:id, or None."""
        return next((e for e in self.environment.entity if e.id == entity_id), None)


# ----------------------------------------------------------------------------- reading/writing


def parse_environment(source: Source, *, name: str | None = None) -> EnvironmentDocument:
    """Parse an ovf-env.xml from a path, bytes, XML text or binary file object.

    Hardened like descriptor parsing (no DTD, no entities); raises OvfParseError when the input
    is not XML or its root is not an OVF Environment.
    """
    data, label = read_source(source, name)
    tree = parse_xml(data, label)
    root = tree.getroot()
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag != "{" + ENV_NS + "}Environment":
        raise OvfParseError(
            f"the root element is {tag or root.tag!r}, not an OVF Environment",
            file=label,
            line=root.sourceline if isinstance(root.sourceline, int) else None,
            column=1,
            hint="an OVF environment's root is Environment in namespace " + ENV_NS,
        )
    binder = FAMILY_ENV.binder(ENV_NS)
    env = binder.bind(root, ovfenv.Environment)
    return EnvironmentDocument(
        environment=env,
        source=label,
        declaration=xml_declaration(data),
        prolog=_siblings(root, preceding=True),
        epilog=_siblings(root, preceding=False),
        problems=binder.problems,
    )


def _siblings(root: Any, preceding: bool) -> list[str]:
    from lxml import etree

    nodes = list(root.itersiblings(preceding=preceding))
    if preceding:
        nodes.reverse()
    return [etree.tostring(n, encoding="unicode", with_tail=False) for n in nodes]


def serialize_environment(doc: EnvironmentDocument, *, encoding: str | None = None) -> bytes:
    """The environment as XML bytes: what was read, with whatever was changed since."""
    writer = FAMILY_ENV.writer(ENV_NS)
    body = writer.write_root(
        doc.environment, "{" + ENV_NS + "}Environment", dict(FAMILY_ENV.root_decl)
    )
    enc = encoding or _declared_encoding(doc.declaration) or "UTF-8"
    parts: list[str] = []
    if doc.declaration:
        parts.append(doc.declaration + "\n")
    elif encoding:
        parts.append(f'<?xml version="1.0" encoding="{enc}"?>\n')
    parts.extend(node + "\n" for node in doc.prolog)
    parts.append(body)
    parts.extend("\n" + node for node in doc.epilog)
    parts.append("\n")
    return "".join(parts).encode(_python_codec(enc), "xmlcharrefreplace")


def write_environment(doc: EnvironmentDocument, path: str | Path) -> None:
    """Serialize to `path` atomically (see `ovfmodel.atomicfile`)."""
    atomicfile.write_bytes(path, serialize_environment(doc))


def properties(doc: EnvironmentDocument, entity: str | None = None) -> dict[str, str]:
    """The key/value pairs a guest sees: its PropertySection (or a sibling Entity's).

    What a guest agent needs after reading ovf-env.xml. Later duplicates win, as in a plain
    key/value reading of the list.
    """
    holder: Any = doc.environment
    if entity is not None:
        holder = doc.entity(entity)
        if holder is None:
            known = ", ".join(e.id for e in doc.environment.entity) or "none"
            raise OvfEnvironmentError(
                f"the environment has no Entity {entity!r}",
                file=doc.source,
                hint=f"entities present: {known}",
            )
    found: dict[str, str] = {}
    for sec in holder.sections:
        if isinstance(sec, ovfenv.PropertySectionType):
            for prop in sec.property:
                found[prop.key] = prop.value
    return found


# ----------------------------------------------------------------------------- descriptor side


@dataclass(frozen=True)
class Platform:
    """PlatformSection content: who deploys, in which locale and time zone (minutes from UTC)."""

    kind: str | None = None
    version: str | None = None
    vendor: str | None = None
    locale: str | None = None
    timezone: int | None = None


@dataclass
class PropertySpec:
    """One descriptor property as the environment sees it (for listing and checking)."""

    full_key: str
    key: str
    type: str
    qualifiers: str | None
    user_configurable: bool
    password: bool
    default: str | None  # for the chosen configuration; None when the descriptor gives none
    owner: str  # ovf:id of the VirtualSystem/Collection whose ProductSection declares it
    label: str | None = None


class EnvironmentValueError(OvfEnvironmentError):
    """Values refused while building an environment; `problems` lists one message each."""

    def __init__(self, problems: list[str], *, file: str | None = None) -> None:
        self.problems = problems
        head = f"{len(problems)} propert{'y' if len(problems) == 1 else 'ies'} refused"
        super().__init__(head + ":\n  " + "\n  ".join(problems), file=file)


def full_key(key: str, class_id: str | None = None, instance: str | None = None) -> str:
    """`[class.]key[.instance]`: the name DSP0243 9.5 gives a property in the environment."""
    return ".".join(p for p in (class_id, key, instance) if p)


def _has_attr(obj: object, local: str) -> bool:
    info = source_info(obj)
    return info is not None and any(a.rsplit("}", 1)[-1] == local for a in info.attrs)


def _default_of(prop: Any, configuration: str | None) -> str | None:
    """The default for a configuration: its Value element, else ovf:value (0.9: defaultValue)."""
    if configuration is not None:
        for alt in prop.value:
            if alt.configuration and configuration in alt.configuration.split():
                return str(alt.value)
    if prop.value_attribute != "" or _has_attr(prop, "value"):
        value = str(prop.value_attribute)
        if value == "" and prop.type_value != "string":
            return None  # an empty number or boolean is no value at all
        return value
    for name, value in (prop.any_attributes or {}).items():
        if name.rsplit("}", 1)[-1] == "defaultValue":
            return str(value)
    return None


def _specs(container: Any, configuration: str | None) -> list[PropertySpec]:
    owner = str(getattr(container, "id", ""))
    specs: list[PropertySpec] = []
    for ps in product_sections(container):
        for prop in descriptor_properties(ps):
            only_in = getattr(prop, "configuration", None)  # OVF 2: property per configuration
            if only_in and configuration is not None and configuration not in only_in.split():
                continue
            label = prop.label.value if prop.label is not None else None
            specs.append(
                PropertySpec(
                    full_key=full_key(prop.key, ps.class_value, ps.instance),
                    key=prop.key,
                    type=str(prop.type_value),
                    qualifiers=prop.qualifiers,
                    user_configurable=bool(prop.user_configurable),
                    password=bool(prop.password),
                    default=_default_of(prop, configuration),
                    owner=owner,
                    label=label,
                )
            )
    return specs


def _is_collection(node: Any) -> bool:
    return isinstance(node, COLLECTION)


def _parents(doc: OvfDocument) -> dict[int, Any]:
    parents: dict[int, Any] = {}
    for node in iter_content(doc):
        if _is_collection(node):
            for child in node.content:
                parents[id(child)] = node
    return parents


def _view(node: Any, parents: Mapping[int, Any], configuration: str | None) -> list[PropertySpec]:
    """What `node` sees: its own properties over those of its immediate parent collection."""
    own = _specs(node, configuration)
    parent = parents.get(id(node))
    if parent is None:
        return own
    keys = {s.full_key for s in own}
    return [s for s in _specs(parent, configuration) if s.full_key not in keys] + own


def configurations(doc: OvfDocument) -> tuple[list[str], str | None]:
    """(configuration ids, the default one) from the envelope's DeploymentOptionSection."""
    dos = find_section(doc.envelope, "DeploymentOptionSection")
    if dos is None:
        return [], None
    ids = [str(c.id) for c in dos.configuration]
    default = next((str(c.id) for c in dos.configuration if c.default), None)
    return ids, default if default is not None else (ids[0] if ids else None)


def _target(doc: OvfDocument, system: str | None) -> Any:
    if system is None:
        top = content(doc)
        if top is None:
            raise OvfEnvironmentError(
                "the descriptor has no VirtualSystem or VirtualSystemCollection",
                file=doc.source,
                hint="an environment is made for a virtual system",
            )
        return top
    for node in iter_content(doc):
        if getattr(node, "id", None) == system:
            return node
    known = ", ".join(str(n.id) for n in iter_content(doc))
    raise OvfEnvironmentError(
        f"no VirtualSystem or VirtualSystemCollection with ovf:id {system!r}",
        file=doc.source,
        hint=f"choose one of: {known}",
    )


def property_specs(
    doc: OvfDocument, *, system: str | None = None, configuration: str | None = None
) -> list[PropertySpec]:
    """The properties the chosen system's environment will carry, with their defaults."""
    config = _configuration(doc, configuration)
    return _view(_target(doc, system), _parents(doc), config)


def _configuration(doc: OvfDocument, configuration: str | None) -> str | None:
    ids, default = configurations(doc)
    if configuration is None:
        return default
    if configuration not in ids:
        hint = f"choose one of: {', '.join(ids)}" if ids else "the descriptor has no "
        if not ids:
            hint += "DeploymentOptionSection; leave the configuration out"
        raise OvfEnvironmentError(
            f"unknown deployment configuration {configuration!r}", file=doc.source, hint=hint
        )
    return configuration


# ----------------------------------------------------------------------------- value checks

_INT_RANGES = PROPERTY_INT_RANGES
_INT_RE = re.compile(r"[+-]?\d+\Z")
_REAL_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\Z")
_REAL32_MAX = 3.4028234663852886e38
_MACRO_RE = re.compile(r"\$\{([^}]+)\}")
_TYPE_HINTS = {
    "boolean": "true or false",
    "string": "text",
    "real32": "a decimal number",
    "real64": "a decimal number",
}


def _type_hint(type_name: str) -> str:
    rng = _INT_RANGES.get(type_name)
    if rng is not None:
        return f"an integer from {rng[0]} to {rng[1]}"
    return _TYPE_HINTS.get(type_name, "text")


def lexical(value: PropertyValue) -> str:
    """The OVF lexical form of a Python value (booleans as true/false)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def check_value(spec: PropertySpec, text: str) -> tuple[str | None, str | None]:
    """(normalised value, None) if `text` fits the property's type and qualifiers, else
    (None, why not)."""
    t = spec.type
    value = text
    number: Decimal | None = None
    if t in _INT_RANGES:
        stripped = text.strip()
        if not _INT_RE.match(stripped):
            return None, f"{text!r} is not {_type_hint(t)} ({t})"
        n = int(stripped)
        lo, hi = _INT_RANGES[t]
        if not lo <= n <= hi:
            return None, f"{n} is out of range for {t} ({lo}..{hi})"
        value, number = str(n), Decimal(n)
    elif t == "boolean":
        b = text.strip().lower()
        if b not in ("true", "false", "1", "0"):
            return None, f"{text!r} is not a boolean (true or false)"
        value = "true" if b in ("true", "1") else "false"
    elif t in ("real32", "real64"):
        stripped = text.strip()
        if not _REAL_RE.match(stripped):
            return None, f"{text!r} is not {_type_hint(t)} ({t})"
        f = float(stripped)
        if math.isinf(f) or (t == "real32" and abs(f) > _REAL32_MAX):
            return None, f"{stripped} is out of range for {t}"
        value = stripped
        try:
            number = Decimal(stripped)
        except InvalidOperation:  # pragma: no cover - the regex already admits only numbers
            return None, f"{text!r} is not a number"
    problem = Qualifiers.parse(spec.qualifiers).check(value, number)
    if problem is not None:
        # lengths are told without the value (it may be a password)
        subject = {"MinLen": "", "MaxLen": "", "ValueMap": repr(value)}.get(problem.name, value)
        return None, f"{subject} {problem.text}".lstrip()
    return value, None


# ----------------------------------------------------------------------------- building


def environment_for(
    doc: OvfDocument,
    values: Mapping[str, PropertyValue] | None = None,
    *,
    system: str | None = None,
    configuration: str | None = None,
    platform: Platform | None = None,
    allow_non_configurable: bool = False,
) -> EnvironmentDocument:
    """The OVF environment a platform gives the chosen system, with `values` applied.

    `values` are keyed by the full environment key (`class.key.instance`), or by the bare
    ovf:key when that is unambiguous; a key may be prefixed `"<ovf:id>/"` to set it for one
    system only. `system` is an ovf:id (default: the descriptor's top-level content; for a
    collection that gives its properties plus one Entity per child). `configuration` defaults
    to the DeploymentOptionSection's default. Every refusal (unknown key, wrong type, qualifier
    violation, value for a property that is not userConfigurable, required value missing) is
    collected and raised together as EnvironmentValueError.
    """
    config = _configuration(doc, configuration)
    parents = _parents(doc)
    target = _target(doc, system)
    given = {k: lexical(v) for k, v in (values or {}).items()}

    # the Entities: siblings (DSP0243 11), and for a collection its children
    others: list[Any] = []
    parent = parents.get(id(target))
    if parent is not None:
        others.extend(c for c in parent.content if c is not target)
    if _is_collection(target):
        others.extend(target.content)

    views = [(target, _view(target, parents, config))]
    views += [(o, _view(o, parents, config)) for o in others]
    problems: list[str] = []
    assignments = _route(given, views, problems)

    resolved: list[tuple[Any, list[tuple[str, str]]]] = []
    for node, specs in views:
        resolved.append(
            (node, _resolve(node, specs, assignments, problems, allow_non_configurable))
        )
    if problems:
        raise EnvironmentValueError(problems, file=doc.source)

    env = ovfenv.Environment(id=str(getattr(target, "id", "")))
    if platform is not None:
        env.sections.append(_platform_section(platform))
    env.sections.append(_property_section(resolved[0][1]))
    for node, pairs in resolved[1:]:
        env.entity.append(ovfenv.EntityType(id=str(node.id), sections=[_property_section(pairs)]))
    return EnvironmentDocument(environment=env, source=None)


def _route(
    given: Mapping[str, str],
    views: list[tuple[Any, list[PropertySpec]]],
    problems: list[str],
) -> dict[tuple[int, str], str]:
    """Map each given key onto (node, full key) pairs; unknown or ambiguous keys are problems."""
    out: dict[tuple[int, str], str] = {}
    ids = {str(getattr(n, "id", "")): n for n, _ in views}
    for raw_key, value in given.items():
        scope = views
        key = raw_key
        if "/" in raw_key:
            head, _, rest = raw_key.partition("/")
            if head in ids:
                scope = [(n, s) for n, s in views if n is ids[head]]
                key = rest
        hits = [(n, s) for n, specs in scope for s in specs if s.full_key == key]
        if not hits:
            bare = [(n, s) for n, specs in scope for s in specs if s.key == key]
            if len({s.full_key for _, s in bare}) > 1:
                names = ", ".join(sorted({s.full_key for _, s in bare}))
                problems.append(f"{raw_key}: ambiguous key; use the full key, one of {names}")
                continue
            hits = bare
        if not hits:
            known = sorted({s.full_key for _, specs in scope for s in specs})
            shown = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
            seen_by = ", ".join(str(getattr(n, "id", "")) for n, _ in scope)
            problems.append(
                f"{raw_key}: no such property for {seen_by}"
                + (f" (known keys: {shown})" if known else " (none of them has properties)")
                + "; a system sees its own properties and its immediate parent collection's"
            )
            continue
        for node, spec in hits:
            out[(id(node), spec.full_key)] = value
    return out


def _resolve(
    node: Any,
    specs: list[PropertySpec],
    assignments: Mapping[tuple[int, str], str],
    problems: list[str],
    allow_non_configurable: bool,
) -> list[tuple[str, str]]:
    """Final (key, value) pairs of one view, checking every value; problems are appended."""
    raw: dict[str, str | None] = {}
    origin: dict[str, str] = {}
    for spec in specs:
        given = assignments.get((id(node), spec.full_key))
        if given is not None and not spec.user_configurable and not allow_non_configurable:
            problems.append(
                f"{spec.full_key}: not userConfigurable in the descriptor, so it keeps its "
                f"default {spec.default!r}; leave it out (or allow non-configurable values)"
            )
            given = None
        raw[spec.full_key] = given if given is not None else spec.default
        origin[spec.full_key] = "value" if given is not None else "default"
    pairs: list[tuple[str, str]] = []
    by_key = {s.full_key: s for s in specs}
    for spec in specs:
        value = _expand(raw[spec.full_key], raw, by_key)
        where = f" (in {spec.owner})" if spec.owner else ""
        if value is None:
            problems.append(
                f"{spec.full_key}{where}: required, the descriptor gives no default; "
                f"set it to {_type_hint(spec.type)} ({spec.type}"
                + (f", {spec.qualifiers}" if spec.qualifiers else "")
                + f"), e.g. --set {spec.full_key}=..."
            )
            continue
        checked, why = check_value(spec, value)
        if checked is None:
            from_default = origin[spec.full_key] == "default"
            source = "the descriptor's default" if from_default else "the given value"
            problems.append(
                f"{spec.full_key}{where}: {source} {why}; expected {_type_hint(spec.type)} "
                f"({spec.type}"
                + (f", {spec.qualifiers}" if spec.qualifiers else "")
                + ")"
                + (f"; set a valid value with --set {spec.full_key}=..." if from_default else "")
            )
            continue
        pairs.append((spec.full_key, checked))
    return pairs


def _expand(
    value: str | None, raw: Mapping[str, str | None], specs: Mapping[str, PropertySpec]
) -> str | None:
    """Replace `${key}` macros (DSP0243 9.5) with the referenced property's value."""
    if value is None or "${" not in value:
        return value
    seen: set[str] = set()

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        target = name if name in raw else next((k for k, s in specs.items() if s.key == name), None)
        if target is None or target in seen:
            return match.group(0)
        seen.add(target)
        inner = _expand(raw.get(target), raw, specs)
        return inner if inner is not None else match.group(0)

    return _MACRO_RE.sub(sub, value)


def _property_section(pairs: Iterable[tuple[str, str]]) -> ovfenv.PropertySection:
    return ovfenv.PropertySection(
        property=[ovfenv.PropertySectionTypeProperty(key=k, value=v) for k, v in pairs]
    )


def _platform_section(platform: Platform) -> ovfenv.PlatformSection:
    def cim(text: str | None) -> CimString | None:
        return None if text is None else CimString(value=text)

    return ovfenv.PlatformSection(
        kind=cim(platform.kind),
        version=cim(platform.version),
        vendor=cim(platform.vendor),
        locale=cim(platform.locale),
        timezone=platform.timezone,
    )


__all__ = [
    "ENV_NS",
    "VMWARE_ENV_NS",
    "EnvironmentDocument",
    "EnvironmentValueError",
    "Platform",
    "PropertySpec",
    "PropertyValue",
    "check_value",
    "configurations",
    "environment_for",
    "full_key",
    "lexical",
    "parse_environment",
    "properties",
    "property_specs",
    "serialize_environment",
    "write_environment",
]
