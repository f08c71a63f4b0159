"""The rules of OVF environment documents (DSP0243 11.1, the DSP8027 schema): OVF7xx.

An environment (ovf-env.xml) is read from the same lxml tree the XML Schema check uses. On its
own it is checked for what 11.1 asks of any environment: an Entity per sibling with its id, at
most one PlatformSection and one PropertySection (Table 8), each key once. Given the descriptor
it was made from (`against`), every key must be a property that descriptor defines for that
system, or for its immediate parent collection, every value must fit the property's type and
qualifiers (the same check `ovfmodel env` applies when building one), and the Entities must
be exactly the system's siblings.
"""

from __future__ import annotations

from typing import Any

from ovfmodel.document import OvfDocument
from ovfmodel.environment import ENV_NS, PropertySpec, check_value, property_specs
from ovfmodel.errors import OvfError
from ovfmodel.model import COLLECTION, iter_content

from . import paths, rules
from .paths import LineIndex
from .source import Element, SourceDoc

_E = "{" + ENV_NS + "}"


class _Holder:
    """The Environment or one Entity: its id, element, path and PropertySection."""

    def __init__(self, el: Element, eid: str | None, path: str) -> None:
        self.el = el
        self.id = eid
        self.path = path
        self.properties: Element | None = None


def _siblings(doc: OvfDocument, system: str) -> list[str] | None:
    """The ovf:id of the other children of the collection holding `system` (None: no such
    system in the descriptor; [] when it has no parent collection)."""
    found = False
    for node in iter_content(doc):
        if getattr(node, "id", None) == system:
            found = True
        if isinstance(node, COLLECTION):
            ids = [str(child.id) for child in getattr(node, "content", ())]
            if system in ids:
                return [i for i in ids if i != system]
    return [] if found else None


class EnvironmentChecker:
    """One environment document; `run` reports into `src.out`."""

    def __init__(self, src: SourceDoc, descriptor: OvfDocument | None) -> None:
        self.src = src
        self.descriptor = descriptor
        self.lines = LineIndex()
        self.report = src.report

    def run(self) -> LineIndex:
        root = self.src.root
        env_id = root.get(_E + "id")
        top = _Holder(root, env_id, paths.keyed("Environment", env_id))
        self.lines.add(root.sourceline, top.path)
        self.sections(top, ("PlatformSection", "PropertySection"))
        entities: list[_Holder] = []
        seen: dict[str, Element] = {}
        for el in root.iterchildren(_E + "Entity"):
            eid = el.get(_E + "id")
            holder = _Holder(el, eid, paths.join(top.path, paths.keyed("Entity", eid)))
            self.lines.add(el.sourceline, holder.path)
            entities.append(holder)
            if not eid:
                self.report(
                    rules.ENV_ENTITY_ID,
                    "Entity has no ovfenv:id; give it the ovf:id of the sibling it stands for",
                    el,
                    holder.path,
                )
            elif eid in seen:
                self.report(
                    rules.ENV_ENTITY_ID,
                    f"a second Entity for {eid!r} (first at line {self.src.line(seen[eid])}); one "
                    "Entity per sibling",
                    el,
                    holder.path,
                )
            else:
                seen[eid] = el
            self.sections(holder, ("PropertySection",))
        for holder in (top, *entities):
            self.duplicate_keys(holder)
        if self.descriptor is not None:
            self.against(top, entities, self.descriptor)
        return self.lines

    def sections(self, holder: _Holder, once: tuple[str, ...]) -> None:
        """OVF702: each of `once` at most once in the holder; remembers its PropertySection."""
        for local in once:
            found = list(holder.el.iterchildren(_E + local))
            if local == "PropertySection" and found:
                holder.properties = found[0]
            for extra in found[1:]:
                self.report(
                    rules.ENV_SECTION_COUNT,
                    f"a second {local} (first at line {self.src.line(found[0])}); an environment "
                    f"holds at most one {local} here",
                    extra,
                    paths.join(holder.path, local),
                )

    def pairs(self, holder: _Holder) -> list[tuple[Element, str | None, str | None]]:
        if holder.properties is None:
            return []
        return [
            (p, p.get(_E + "key"), p.get(_E + "value"))
            for p in holder.properties.iterchildren(_E + "Property")
        ]

    def duplicate_keys(self, holder: _Holder) -> None:
        """OVF707: each key once in a PropertySection."""
        seen: dict[str, Element] = {}
        for p, key, _ in self.pairs(holder):
            if key is None:
                continue
            if key in seen:
                self.report(
                    rules.ENV_DUPLICATE_KEY,
                    f"property {key!r} is listed twice (first at line {self.src.line(seen[key])}); "
                    "an overridden property is left out of the list",
                    p,
                    paths.join(holder.path, "PropertySection", paths.keyed("Property", key)),
                )
            else:
                seen[key] = p

    # --- against a descriptor ---------------------------------------------------------------

    def against(self, top: _Holder, entities: list[_Holder], doc: OvfDocument) -> None:
        siblings = _siblings(doc, top.id or "")
        if siblings is None:
            known = ", ".join(str(getattr(n, "id", "")) for n in iter_content(doc)) or "none"
            self.report(
                rules.ENV_UNKNOWN_ID,
                f"ovfenv:id {top.id!r} is the ovf:id of no VirtualSystem or "
                f"VirtualSystemCollection of the descriptor (known: {known})",
                top.el,
                top.path,
            )
            return
        self.properties_of(top, doc)
        present = {e.id for e in entities if e.id}
        for holder in entities:
            if holder.id and holder.id not in siblings:
                self.report(
                    rules.ENV_SIBLINGS,
                    f"Entity {holder.id!r} is not a sibling of {top.id!r} in the descriptor "
                    f"(siblings: {', '.join(siblings) or 'none'})",
                    holder.el,
                    holder.path,
                )
            elif holder.id:
                self.properties_of(holder, doc)
        for missing in (s for s in siblings if s not in present):
            self.report(
                rules.ENV_SIBLINGS,
                f"no Entity for sibling {missing!r}; an environment has one Entity per sibling "
                "VirtualSystem or VirtualSystemCollection",
                top.el,
                top.path,
            )

    def properties_of(self, holder: _Holder, doc: OvfDocument) -> None:
        """OVF704/OVF705: every key a property of that system, every value fitting it."""
        try:
            specs: list[PropertySpec] = property_specs(doc, system=holder.id)
        except OvfError:  # no such system: reported above
            return
        by_key: dict[str, PropertySpec] = {s.full_key: s for s in specs}
        for p, key, value in self.pairs(holder):
            if key is None:
                continue
            path = paths.join(holder.path, "PropertySection", paths.keyed("Property", key))
            spec = by_key.get(key)
            if spec is None:
                self.report(
                    rules.ENV_UNKNOWN_KEY,
                    f"property {key!r} is not defined by the descriptor for {holder.id!r} (nor "
                    "by its parent collection); keys are [class.]key[.instance]",
                    p,
                    path,
                )
                continue
            if value is None:
                continue
            _, problem = check_value(spec, value)
            if problem is not None:
                self.report(
                    rules.ENV_BAD_VALUE,
                    f"property {key!r} ({spec.type}): {problem}",
                    p,
                    path,
                )


def run(src: SourceDoc, descriptor: Any | None) -> LineIndex:
    """Every environment rule on one document; `descriptor` is the typed descriptor it was
    made from, or None."""
    return EnvironmentChecker(src, descriptor).run()
