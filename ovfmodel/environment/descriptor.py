"""The descriptor side of an environment: which properties a system sees, and value checks.

Key naming (DSP0243 9.5): a property is known in the environment by its fully qualified key
`[class.]key[.instance]`, where `class` and `instance` are the ovf:class and ovf:instance of its
ProductSection and are left out, with their dot, when absent.

Collections (DSP0243 11): a virtual system sees its own properties and those of its immediate
parent VirtualSystemCollection (the child's win on equal keys).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ..binding import source_info
from ..cim import PROPERTY_INT_RANGES, REAL_LEXICAL, Qualifiers, real_problem
from ..display import clip
from ..document import OvfDocument
from ..errors import OvfEnvironmentError
from ..model import COLLECTION, content, iter_content, product_sections
from ..model import properties as descriptor_properties
from ..model import section as find_section
from ..xmlsafe import not_xml_char

PropertyValue = str | int | float | bool
"""What a caller may give as a property value; written as its OVF lexical form."""


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
    # no ovf:value is the empty string (DSP0243 9.5, the schema's default=""): a value is forced
    # only where "" does not fit, a number or a string qualified MinLen(1) and more
    return "" if str(prop.type_value) == "string" else None


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
        if isinstance(node, COLLECTION):
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
_INT_RE = re.compile(r"[+-]?\d+\Z", re.ASCII)  # "٣" is no XML number
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
    unfit = not_xml_char(text)  # an ovf-env.xml could not carry it (told without the value)
    if unfit is not None:
        return None, unfit
    t = spec.type
    value = text
    number: Decimal | None = None
    if t in _INT_RANGES:
        stripped = text.strip()
        if not _INT_RE.match(stripped):
            return None, f"{clip(text)} is not {_type_hint(t)} ({t})"
        lo, hi = _INT_RANGES[t]
        if len(stripped.lstrip("+-").lstrip("0")) > 20:  # int() refuses 4,300 digits and more
            return None, f"{clip(stripped)} is out of range for {t} ({lo}..{hi})"
        n = int(stripped)
        if not lo <= n <= hi:
            return None, f"{n} is out of range for {t} ({lo}..{hi})"
        value, number = str(n), Decimal(n)
    elif t == "boolean":
        b = text.strip().lower()
        if b not in ("true", "false", "1", "0"):
            return None, f"{clip(text)} is not a boolean (true or false)"
        value = "true" if b in ("true", "1") else "false"
    elif t in ("real32", "real64"):
        stripped = text.strip()
        if real_problem(t, stripped) is not None:  # said in this module's words:
            if not REAL_LEXICAL.match(stripped):
                return None, f"{clip(text)} is not {_type_hint(t)} ({t})"
            shown = stripped if len(stripped) <= 40 else clip(stripped)
            return None, f"{shown} is out of range for {t}"
        value = stripped
        try:
            number = Decimal(stripped)
        except InvalidOperation:  # pragma: no cover - the regex already admits only numbers
            return None, f"{text!r} is not a number"
    problem = Qualifiers.parse(spec.qualifiers).check(value, number)
    if problem is not None:
        # lengths are told without the value (it may be a password)
        shown = value if len(value) <= 40 else clip(value)
        subject = {"MinLen": "", "MaxLen": "", "ValueMap": clip(value)}.get(problem.name, shown)
        return None, f"{subject} {problem.text}".lstrip()
    return value, None
