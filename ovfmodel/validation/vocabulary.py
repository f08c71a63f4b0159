"""What the binding plans say about the elements of one envelope namespace.

The validator reads lxml trees, but which child goes to which field (a section, the content,
a RASD property, a vendor extension) is exactly what the typed binder decides from its per-class
plans. tools/gen_vocabulary.py writes what the validator needs of those plans into plain tables
(ovfmodel._generated.ovf_vocabulary_1 and _2), so that validating imports neither the generated
classes nor xsdata (issue 16), and tests/test_vocabulary.py checks that the tables and `entry`
answer as the binder does: a child the binder would keep as a vendor section is one here too,
and OVF 0.9's `xsi:type` sections and VirtualBox's `.xsd`-suffixed namespaces resolve the same
way. Classes are named by key (`ovf_envelope_2.DiskSectionType`: module and class name).
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType

from lxml import etree

from ovfmodel.namespaces import MODEL_NS, OVF1_NS, OVF2_NS, XSI_TYPE, ns_aliases, xsi_type_name

Entry = tuple[str, str | None]
"""A child's field name, and the key of its class (None for a simple-typed field)."""

ITEM_FIELDS = ("item", "storage_item", "ethernet_port_item")
# model namespace -> its table module (tools/gen_vocabulary.py: TABLES)
_TABLES = {
    OVF1_NS: "ovfmodel._generated.ovf_vocabulary_1",
    OVF2_NS: "ovfmodel._generated.ovf_vocabulary_2",
}
_NONE: dict[str, Entry] = {}


@cache
def _table(model_ns: str) -> ModuleType:
    return importlib.import_module(_TABLES[model_ns])


class Vocabulary:
    """The tables and namespace aliases for documents written in `source_ns` (use
    `vocabulary()`)."""

    def __init__(self, source_ns: str) -> None:
        self.model_ns = MODEL_NS[source_ns]  # KeyError: callers pass envelope namespaces only
        table = _table(self.model_ns)
        self.aliases: dict[str, str] = ns_aliases(source_ns, self.model_ns)
        self.root: str = table.ROOT
        self._elements: dict[str, dict[str, Entry]] = table.ELEMENTS
        self._types: dict[str, str] = table.TYPES
        self._bases: dict[str, tuple[str, ...]] = table.BASES
        self._item_fields: dict[str, dict[str, str]] = {}
        self._item_kinds: dict[str, dict[str, tuple[str, dict[str, str]]]] = {}
        self._item_tags: dict[tuple[str, frozenset[str]], tuple[str, ...]] = {}

    def elements(self, cls: str) -> dict[str, Entry]:
        """Child element Clark name (the model's spelling) -> entry, for class `cls`."""
        return self._elements.get(cls, _NONE)

    def model_tag(self, tag: str) -> str:
        """The Clark name in the model's namespace (0.9 and `.xsd` spellings are aliases)."""
        if tag[:1] == "{":
            ns, _, local = tag[1:].partition("}")
            alias = self.aliases.get(ns)
            if alias is not None:
                return "{" + alias + "}" + local
        return tag

    def entry(self, cls: str, child: etree._Element) -> Entry | None:
        """The field a child element of a `cls` element binds to, its class resolved through
        the namespace aliases and xsi:type; None when no field takes it (a vendor wildcard or
        an unexpected element). As `ovfmodel.binding.Binder.entry`."""
        tag = child.tag
        if not isinstance(tag, str):
            return None
        elems = self._elements.get(cls, _NONE)
        entry = elems.get(tag)
        if entry is None:
            entry = elems.get(self.model_tag(tag))
        if entry is not None and child.get(XSI_TYPE) is not None:
            name, clazz = entry
            xsi = self.xsi_class(child)
            if xsi is not None and (clazz is None or self.derives(xsi, self.base(clazz))):
                return name, xsi
        return entry

    def xsi_class(self, el: etree._Element) -> str | None:
        """The class an element's xsi:type names (OVF 0.9 writes sections that way)."""
        name = xsi_type_name(el, self.aliases)
        return None if name is None else self._types.get(name)

    def base(self, cls: str) -> str:
        """The *_Type class an element class derives from (xsi:type names a type, not an
        element); the class itself when it derives from none."""
        bases = self._bases.get(cls)
        return bases[0] if bases else cls

    def derives(self, cls: str, base: str) -> bool:
        """Whether class `cls` is `base` or a subclass of it."""
        return cls == base or base in self._bases.get(cls, ())

    def spellings(self, tag: str) -> list[str]:
        """A model Clark name and every source spelling that aliases to it."""
        ns, _, local = tag[1:].partition("}")
        return [tag] + ["{" + a + "}" + local for a, target in self.aliases.items() if target == ns]

    def item_fields(self, cls: str) -> dict[str, str]:
        """Clark name -> local name of every CIM property element an item class binds, in
        every spelling of its namespace (VirtualBox's `.xsd` suffix)."""
        found = self._item_fields.get(cls)
        if found is None:
            found = {}
            for tag in self.elements(cls):
                for spelling in self.spellings(tag):
                    found[spelling] = tag.rpartition("}")[2]
            self._item_fields[cls] = found
        return found

    def item_tags(self, section_cls: str, wanted: frozenset[str]) -> tuple[str, ...]:
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

    def item_kinds(self, section_cls: str) -> dict[str, tuple[str, dict[str, str]]]:
        """For a section holding items (VirtualHardwareSection, ResourceAllocationSection):
        item element Clark name (every spelling) -> (element name, its `item_fields`)."""
        found = self._item_kinds.get(section_cls)
        if found is None:
            found = {}
            for tag, (name, clazz) in self.elements(section_cls).items():
                if name in ITEM_FIELDS and clazz is not None:
                    entry = (tag.rpartition("}")[2], self.item_fields(clazz))
                    for spelling in self.spellings(tag):
                        found[spelling] = entry
            self._item_kinds[section_cls] = found
        return found


@cache
def vocabulary(source_ns: str) -> Vocabulary:
    return Vocabulary(source_ns)


def kind(cls: str | None, tag: str) -> str:
    """The element name a class stands for: `DiskSection` for DiskSection and DiskSectionType
    (an xsi:typed `<Section>`), else the element's own local name."""
    if cls is None:
        return tag.rpartition("}")[2]
    name = cls.rpartition(".")[2]
    return name[: -len("Type")] if name.endswith("Type") else name
