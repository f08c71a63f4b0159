"""What the binding plans say about the elements of one envelope namespace.

The validator reads lxml trees, but which child goes to which field (a section, the content,
a RASD property, a vendor extension) is exactly what the typed binder decides from its per-class
plans. Reading those plans (never building objects) keeps the two in agreement: a child the
binder would keep as a vendor section is one here too, and OVF 0.9's `xsi:type` sections and
VirtualBox's `.xsd`-suffixed namespaces resolve the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from lxml import etree

from ovfmodel.binding import Binder, ClassPlan, FieldPlan
from ovfmodel.document import family_for

Entry = tuple[FieldPlan, type | None, Callable[[str], Any] | None]

ITEM_FIELDS = ("item", "storage_item", "ethernet_port_item")


class Vocabulary:
    """Plans and namespace aliases for documents written in `source_ns` (use `vocabulary()`)."""

    def __init__(self, source_ns: str) -> None:
        family = family_for(source_ns)
        if family is None:
            raise KeyError(source_ns)  # callers pass only the namespaces of loaded envelopes
        self.family = family
        self.binder: Binder = family.binder(source_ns)  # shares the process-wide plans
        self.aliases: dict[str, str] = dict(self.binder.ns_aliases)
        self.root_plan = self.plan(family.root)
        self._item_fields: dict[type, dict[str, str]] = {}
        self._item_kinds: dict[type, dict[str, tuple[str, dict[str, str]]]] = {}
        self._item_tags: dict[tuple[type, frozenset[str]], tuple[str, ...]] = {}

    def plan(self, cls: type) -> ClassPlan:
        return self.binder.plans.get(cls) or self.binder.plan(cls)

    def model_tag(self, tag: str) -> str:
        """The Clark name in the model's namespace (0.9 and `.xsd` spellings are aliases)."""
        return self.binder.model_tag(tag)

    def entry(self, plan: ClassPlan, child: etree._Element) -> Entry | None:
        """The field a child element binds to (class resolved through xsi:type), or None when
        no field takes it (a vendor wildcard or an unexpected element)."""
        return self.binder.entry(plan, child)

    def spellings(self, tag: str) -> list[str]:
        """A model Clark name and every source spelling that aliases to it."""
        ns, _, local = tag[1:].partition("}")
        return [tag] + ["{" + a + "}" + local for a, target in self.aliases.items() if target == ns]

    def item_fields(self, cls: type) -> dict[str, str]:
        """Clark name -> local name of every CIM property element an item class binds, in
        every spelling of its namespace (VirtualBox's `.xsd` suffix)."""
        found = self._item_fields.get(cls)
        if found is None:
            found = {}
            for tag in self.plan(cls).elems:
                for spelling in self.spellings(tag):
                    found[spelling] = tag.rpartition("}")[2]
            self._item_fields[cls] = found
        return found

    def item_tags(self, section_cls: type, wanted: frozenset[str]) -> tuple[str, ...]:
        """Local names, in any namespace (`{*}Item`), of the items of a section class and of
        their CIM properties named in `wanted`, for a filtered walk of the section. libxml2
        matches such a name by its address alone; with the namespace it would also compare
        the 80-character CIM namespace strings of every element the walk yields (measured: 4%
        of a whole validation). The walker keeps the elements whose Clark name is an item's or
        a property's; the few vendor elements of the same local names are skipped there."""
        key = (section_cls, wanted)
        found = self._item_tags.get(key)
        if found is None:
            names: dict[str, None] = {}  # ordered: items first, properties as the schema has them
            for tag, (_, fmap) in self.item_kinds(section_cls).items():
                names[tag.rpartition("}")[2]] = None
                names.update((local, None) for local in fmap.values() if local in wanted)
            found = self._item_tags[key] = tuple("{*}" + name for name in names)
        return found

    def item_kinds(self, section_cls: type) -> dict[str, tuple[str, dict[str, str]]]:
        """For a section holding items (VirtualHardwareSection, ResourceAllocationSection):
        item element Clark name (every spelling) -> (element name, its `item_fields`)."""
        found = self._item_kinds.get(section_cls)
        if found is None:
            found = {}
            for tag, (fp, clazz, _) in self.plan(section_cls).elems.items():
                if fp.name in ITEM_FIELDS and clazz is not None:
                    entry = (tag.rpartition("}")[2], self.item_fields(clazz))
                    for spelling in self.spellings(tag):
                        found[spelling] = entry
            self._item_kinds[section_cls] = found
        return found


@cache
def vocabulary(source_ns: str) -> Vocabulary:
    return Vocabulary(source_ns)


def kind(cls: type | None, tag: str) -> str:
    """The element name a class stands for: `DiskSection` for DiskSection and DiskSectionType
    (an xsi:typed `<Section>`), else the element's own local name."""
    if cls is None:
        return tag.rpartition("}")[2]
    name = cls.__name__
    return name[: -len("Type")] if name.endswith("Type") else name
