"""Which elements and attributes the DMTF schema of a document's version allows where.

Completion needs the content model (`Envelope` holds `References`, sections substitute for
`ovf:Section`, an `Item` holds the RASD properties, ...), which lxml's compiled XMLSchema does
not expose. This reads the installed pinned XSD files (found by `ovfmodel.schemas`, imports
followed through its catalog) into a small index of global elements, named types, groups and
substitution groups, and answers "children of element X" and "attributes of element X" from
it. Without installed schemas it answers nothing and completion offers only values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TypeAlias

from lxml import etree

from ovfmodel import schemas
from ovfmodel.errors import OvfError
from ovfmodel.xmlsafe import parse_xml

XS = "{http://www.w3.org/2001/XMLSchema}"
_ENTRIES = {
    "http://schemas.dmtf.org/ovf/envelope/1": schemas.ENVELOPE_1,
    "http://schemas.dmtf.org/ovf/envelope/2": schemas.ENVELOPE_2,
}
_Node: TypeAlias = etree._Element


@dataclass
class Allowed:
    """Children (Clark names, in schema order) and attributes an element may have, with the
    documentation the schema gives them."""

    elements: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, str] = field(default_factory=dict)
    required_attributes: set[str] = field(default_factory=set)
    decls: dict[str, _Node] = field(default_factory=dict)


def _qname(node: _Node, value: str) -> str:
    prefix, _, local = value.rpartition(":")
    uri = node.nsmap.get(prefix or None, "")
    return f"{{{uri}}}{local}" if uri else local


def _doc(node: _Node) -> str:
    texts = node.findall(f"{XS}annotation/{XS}documentation")
    return " ".join(" ".join((t.text or "").split()) for t in texts)


class SchemaModel:
    """The content model of one OVF envelope schema and everything it imports."""

    def __init__(self, directory: Path, entry: str) -> None:
        self.directory = directory
        self.elements: dict[str, _Node] = {}
        self.types: dict[str, _Node] = {}
        self.groups: dict[str, _Node] = {}
        self.attribute_groups: dict[str, _Node] = {}
        self.attributes: dict[str, _Node] = {}
        self.substitutes: dict[str, list[str]] = {}
        self._targets: dict[_Node, tuple[str, bool, bool]] = {}
        self._roots: list[_Node] = []
        self._load(entry, set())
        self._cache: dict[_Node, Allowed] = {}

    def _load(self, file: str, seen: set[str]) -> None:
        if file in seen:
            return
        seen.add(file)
        path = self.directory / file
        try:
            root = parse_xml(path.read_bytes(), str(path)).getroot()
            self._roots.append(root)
        except (OSError, OvfError):  # xmldsig/xenc carry DOCTYPEs: not needed for OVF content
            return
        tns = root.get("targetNamespace", "")
        qualified = root.get("elementFormDefault") == "qualified"
        attr_qualified = root.get("attributeFormDefault") == "qualified"
        mapping = schemas.catalog()
        for imp in root.iterchildren(f"{XS}import", f"{XS}include"):
            location = imp.get("schemaLocation", "")
            name = mapping.get(location) or Path(location).name
            if name:
                self._load(name, seen)
        for node in root:
            name = node.get("name")
            if not name or not isinstance(node.tag, str):
                continue
            clark = f"{{{tns}}}{name}" if tns else name
            self._targets[node] = (tns, qualified, attr_qualified)
            if node.tag == f"{XS}element":
                self.elements[clark] = node
                head = node.get("substitutionGroup")
                if head:
                    self.substitutes.setdefault(_qname(node, head), []).append(clark)
            elif node.tag in (f"{XS}complexType", f"{XS}simpleType"):
                self.types[clark] = node
            elif node.tag == f"{XS}group":
                self.groups[clark] = node
            elif node.tag == f"{XS}attributeGroup":
                self.attribute_groups[clark] = node
            elif node.tag == f"{XS}attribute":
                self.attributes[clark] = node
            for sub in node.iter(f"{XS}element", f"{XS}complexType", f"{XS}attribute"):
                self._targets.setdefault(sub, (tns, qualified, attr_qualified))

    def _target(self, node: _Node) -> tuple[str, bool, bool]:
        while node is not None:
            found = self._targets.get(node)
            if found is not None:
                return found
            node = node.getparent()
        return "", False, False

    def _type_of(self, decl: _Node) -> _Node | None:
        inline = decl.find(f"{XS}complexType")
        if inline is not None:
            return inline
        type_name = decl.get("type")
        return self.types.get(_qname(decl, type_name)) if type_name else None

    def allowed_at(self, path: list[str]) -> Allowed:
        """What the schema allows inside and on the last element of `path` (Clark names from
        the root down); an element the schema does not know there ends the walk with nothing,
        unless it is declared globally (an extension section of a known namespace)."""
        decl = self.elements.get(path[0]) if path else None
        for name in path[1:]:
            if decl is None:
                break
            local = self._allowed(decl).decls.get(name)
            decl = local if local is not None else self.elements.get(name)
        return self._allowed(decl) if decl is not None else Allowed()

    def _abstract(self, decl: _Node) -> bool:
        """An abstract element, or one of an abstract type (ovf:Section, ovf:Content)."""
        if decl.get("abstract") in ("true", "1"):
            return True
        ctype = self._type_of(decl)
        return ctype is not None and ctype.get("abstract") in ("true", "1")

    def _allowed(self, decl: _Node) -> Allowed:
        cached = self._cache.get(decl)
        if cached is None:
            cached = Allowed()
            ctype = self._type_of(decl)
            if ctype is not None:
                self._collect(ctype, cached, set())
            self._cache[decl] = cached
        return cached

    def _collect(self, node: _Node, out: Allowed, seen: set[str]) -> None:
        for child in node.iterchildren():
            tag = child.tag
            if tag in (f"{XS}annotation",):
                continue
            if tag == f"{XS}element":
                self._element(child, out)
            elif tag == f"{XS}attribute":
                self._attribute(child, out)
            elif tag == f"{XS}group" and child.get("ref"):
                ref = _qname(child, child.get("ref", ""))
                if ref not in seen and ref in self.groups:
                    self._collect(self.groups[ref], out, seen | {ref})
            elif tag == f"{XS}attributeGroup" and child.get("ref"):
                ref = _qname(child, child.get("ref", ""))
                if ref not in seen and ref in self.attribute_groups:
                    self._collect(self.attribute_groups[ref], out, seen | {ref})
            elif tag in (f"{XS}extension", f"{XS}restriction"):
                base = _qname(child, child.get("base", ""))
                if base not in seen and base in self.types and tag == f"{XS}extension":
                    self._collect(self.types[base], out, seen | {base})
                self._collect(child, out, seen)
            elif tag in (
                f"{XS}sequence",
                f"{XS}choice",
                f"{XS}all",
                f"{XS}complexContent",
                f"{XS}simpleContent",
            ):
                self._collect(child, out, seen)

    def _element(self, node: _Node, out: Allowed) -> None:
        ref = node.get("ref")
        if ref:
            clark = _qname(node, ref)
            heads = [clark]
            while heads:
                head = heads.pop(0)
                decl = self.elements.get(head)
                if decl is not None and not self._abstract(decl):
                    out.elements.setdefault(head, _doc(decl) or _doc(node))
                    out.decls.setdefault(head, decl)
                heads.extend(self.substitutes.get(head, []))
            return
        name = node.get("name", "")
        tns, qualified, _ = self._target(node)
        clark = f"{{{tns}}}{name}" if qualified and tns else name
        out.elements.setdefault(clark, _doc(node))
        out.decls.setdefault(clark, node)

    def _attribute(self, node: _Node, out: Allowed) -> None:
        ref = node.get("ref")
        if ref:
            clark = _qname(node, ref)
            decl = self.attributes.get(clark)
            out.attributes.setdefault(clark, _doc(node) or (_doc(decl) if decl is not None else ""))
        else:
            name = node.get("name", "")
            tns, _, attr_qualified = self._target(node)
            clark = f"{{{tns}}}{name}" if attr_qualified and tns else name
            out.attributes.setdefault(clark, _doc(node))
        if node.get("use") == "required":
            out.required_attributes.add(clark)


@cache
def model_for(namespace: str) -> SchemaModel | None:
    """The content model of an envelope namespace, or None without installed schemas."""
    entry = _ENTRIES.get(namespace)
    if entry is None:
        return None
    try:
        directory = schemas.schema_dir()
    except OvfError:
        return None
    return SchemaModel(directory, entry)
