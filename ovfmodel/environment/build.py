"""Building the environment a platform hands a guest: values routed, expanded and checked.

For a collection or a system inside one (DSP0243 11), one Entity per sibling (and per child of a
collection) carries the exact PropertySection that system sees.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .._generated import ovf_environment_1 as ovfenv
from .._generated.wscim_common import CimString
from ..document import OvfDocument
from ..errors import OvfEnvironmentError
from .descriptor import (
    Platform,
    PropertySpec,
    PropertyValue,
    _configuration,
    _is_collection,
    _parents,
    _target,
    _type_hint,
    _view,
    check_value,
    lexical,
)
from .document import EnvironmentDocument
from .macros import MacroError, MacroExpander

MAX_TIMEZONE = 24 * 60
"""Largest PlatformSection Timezone accepted, in minutes either side of UTC (the schema's xs:int
takes far more; real offsets run from -720 to +840)."""


class EnvironmentValueError(OvfEnvironmentError):
    """Values refused while building an environment; `problems` lists one message each."""

    def __init__(self, problems: list[str], *, file: str | None = None) -> None:
        self.problems = problems
        head = f"{len(problems)} propert{'y' if len(problems) == 1 else 'ies'} refused"
        super().__init__(head + ":\n  " + "\n  ".join(problems), file=file)


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
    timezone = platform.timezone if platform is not None else None
    if timezone is not None and not -MAX_TIMEZONE <= timezone <= MAX_TIMEZONE:
        problems.append(
            f"timezone {timezone}: an offset of more than a day is no time zone; "
            "give minutes east of UTC, e.g. -300 for UTC-5, 330 for UTC+5:30"
        )
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
            if spec.default not in (None, ""):  # else "required" below says what to do
                problems.append(
                    f"{spec.full_key}: not userConfigurable in the descriptor, so it keeps its "
                    f"default {spec.default!r}; leave it out (or allow non-configurable values)"
                )
            given = None
        raw[spec.full_key] = given if given is not None else spec.default
        origin[spec.full_key] = "value" if given is not None else "default"
    pairs: list[tuple[str, str]] = []
    expander = MacroExpander(raw, {s.full_key: s for s in specs})
    for spec in specs:
        where = f" (in {spec.owner})" if spec.owner else ""
        try:
            value = expander.expand(spec.full_key)
        except MacroError as exc:
            problems.append(f"{spec.full_key}{where}: {exc.reason}")
            continue
        checked, why = (None, None) if value is None else check_value(spec, value)
        from_default = origin[spec.full_key] == "default"
        settable = spec.user_configurable or allow_non_configurable
        if value is None or (checked is None and from_default and value == ""):
            # no default, or the empty one where it does not fit (DSP0243 9.5: how a descriptor
            # forces the deployer to give a value)
            problems.append(
                f"{spec.full_key}{where}: required, the descriptor gives no default; "
                f"set it to {_type_hint(spec.type)} ({spec.type}"
                + (f", {spec.qualifiers}" if spec.qualifiers else "")
                + f"), e.g. {'' if settable else '--allow-non-configurable '}"
                + f"--set {spec.full_key}=..."
                + ("" if settable else " (the descriptor does not mark it userConfigurable)")
            )
            continue
        if checked is None:
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
