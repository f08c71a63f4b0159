"""The one pass over a descriptor that every clause module reads: what it indexes, the small
records it makes, and the helpers the rules share.

One linear pass indexes the document (files, disks, networks, configurations, property keys,
content and sections); each rule is then linear in what it reads. Hardware items, the bulk of a
large descriptor, are read once into small dicts of CIM property local name -> text. Which
child is a section, content, an item property or a vendor extension is decided by the typed
binder's plans (see `vocabulary`), so the rules see what `ovfmodel.parse` would bind, for OVF
0.9, 1.x and 2.x alike, without building any object.

Values are read the way the binder reads them (`to_int` is its xs:int lexical rule). A value
that does not fit its schema type is skipped here: it is OVF004's (or, with the XML Schema,
OVF901's) to report, once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ovfmodel import cim
from ovfmodel.namespaces import OVF09_NS, OVF1_NS, OVF2_NS

from . import paths, rules
from .paths import LineIndex
from .source import Element, SourceDoc
from .vocabulary import Vocabulary, kind, vocabulary

# ASCII digits and XML whitespace only: int() also reads "٣" and "1_0", no XML integers
_INT_RE = re.compile(r"\s*[+-]?\d+\s*\Z", re.ASCII)
_UNSEEN = object()
_VENDOR_NS = (OVF1_NS, OVF2_NS, OVF09_NS, "")
BOOLS = {"true": True, "1": True, "false": False, "0": False}


def to_int(text: str | None) -> int | None:
    """An xs:int-like value as the binder converts it, or None when it does not fit (also when
    it has more digits than Python converts: no OVF number has thousands of digits)."""
    if text is None or _INT_RE.match(text) is None:
        return None
    try:
        return int(text)
    except ValueError:
        return None


def configs(text: str | None) -> frozenset[str] | None:
    return frozenset(text.split()) if text and text.strip() else None


def overlap(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    """Whether two ovf:configuration lists select a common configuration (None: all)."""
    return a is None or b is None or bool(a & b)


def vendor_attr(el: Element, local: str) -> str | None:
    """An OVF attribute on a vendor element (any OVF namespace, or unqualified)."""
    for ns in _VENDOR_NS:
        value: str | None = el.get("{" + ns + "}" + local if ns else local)
        if value is not None:
            return value
    return None


def is_required(el: Element) -> bool:
    value = vendor_attr(el, "required")
    return value is None or value.strip().lower() not in ("false", "0")


class Item:
    """One Item / StorageItem / EthernetPortItem: its CIM properties by local name (the first
    of each, as the binder keeps it), HostResource and Connection lists, key attributes.

    Ten thousand of these are made for a large descriptor, so what most items lack (attributes,
    host resources, connections, a path nobody asked for) is a class-level default.
    """

    hosts: list[str] | tuple[()] = ()
    conns: list[str] | tuple[()] = ()
    cfg_text: str | None = None
    cfg: frozenset[str] | None = None
    bound: str | None = None
    iid: str | None = None
    _path: str | None = None
    limit: tuple[int, str] | bool | None = False  # computed when used as a controller
    rt_raw: str | None = None  # ResourceType as written ("" reads as no value)
    rt: int | None = None  # ... as a number, when it is one

    def __init__(self, el: Element, kind: ItemKind) -> None:
        self.el = el
        self.kind = kind
        self.fields: dict[str, str] = {}

    @property
    def fmap(self) -> dict[str, str]:
        """Clark name -> local name of the CIM properties this kind of item binds."""
        return self.kind.fmap

    @property
    def path(self) -> str:
        """`.../VirtualHardwareSection/Item[InstanceID=4]`, made when first asked for (most
        items are never reported)."""
        if self._path is None:
            iid, kind = self.iid, self.kind
            name = kind.name if iid is None else f"{kind.name}[InstanceID={iid}]"
            self._path = f"{kind.base}/{name}"
        return self._path

    def all_fields(self) -> dict[str, list[str]]:
        """Every CIM property of the item, by local name, each with all its values (read from
        the element: for the few items a rule looks at closely, such as range markers)."""
        found: dict[str, list[str]] = {}
        fmap = self.fmap
        for child in self.el:
            local = fmap.get(child.tag) if isinstance(child.tag, str) else None
            if local is not None:
                found.setdefault(local, []).append("" if len(child) else child.text or "")
        return found


class ItemKind:
    """What the items of one kind in one section share."""

    __slots__ = ("base", "fmap", "name")

    def __init__(self, name: str, fmap: dict[str, str], base: str) -> None:
        self.name = name  # Item, StorageItem or EthernetPortItem
        self.fmap = fmap
        self.base = base  # the path of the section


Section = tuple[Element, str | None, str]
"""A section element, its model class (None: a vendor section) and its kind (class name)."""


class ContentNode:
    """A VirtualSystem, VirtualSystemCollection (or bare Content) and its sections."""

    __slots__ = ("children", "el", "id", "kind", "path", "sections")

    def __init__(self, el: Element, kind_name: str, path: str) -> None:
        self.el = el
        self.kind = kind_name
        self.path = path
        self.sections: list[Section] = []
        self.children: list[ContentNode] = []  # the content directly inside
        self.id: str | None = None


class Base:
    """The state of one validation pass and the helpers every clause module uses. The clause
    modules (`references`, `content`, `hardware`, `product`) add their rules as mixins of this
    class; `semantic.Checker` combines them."""

    def __init__(self, src: SourceDoc) -> None:
        self.src = src
        self.voc: Vocabulary = vocabulary(src.ns)
        self.ns = src.ns
        self.A = "{" + src.ns + "}"  # OVF attributes are qualified with the envelope namespace
        self.T = self.A  # and so are OVF elements; 0.9 files are also read in the 1.x namespace
        self.M = "{" + self.voc.model_ns + "}"
        self.lines = LineIndex()
        self.files: dict[str, Element] = {}
        self.file_order: list[str] = []  # File ids in References order
        self.file_positions: dict[str, int] = {}
        self.disks: dict[str, Element] = {}
        self.disk_paths: dict[str, str] = {}
        self.networks: set[str] = set()
        self.configurations: set[str] = set()
        self.property_keys: set[str] = set()
        self.property_types: dict[str, str] = {}  # key (bare and full) -> ovf:type
        self.used_disks: set[str] = set()
        self.used_files: set[str] = set()
        self.hardware: list[tuple[Element, str, list[Item]]] = []
        self.contents: list[ContentNode] = []
        self.top: list[Element] = []  # every Content element directly in the Envelope
        self.env_sections: list[Section] = []
        self.references: Element | None = None
        self.strings: list[Element] = []
        self._units: dict[str, str | None] = {}
        self._ints: dict[str, int | None] = {}
        self.report = src.report

    # --- helpers ----------------------------------------------------------------------------

    def attr(self, el: Element, local: str) -> str | None:
        value: str | None = el.get(self.A + local)
        return value

    def mark(self, el: Element, path: str) -> str:
        """Remember el's path for line lookups; returns the path."""
        self.lines.add(el.sourceline, path)
        return path

    def children(self, el: Element, *names: str) -> Iterator[Element]:
        """Child elements named one of `names` in the envelope namespace (0.9: or its model's),
        matched by libxml2: no tag string is made for the children it passes over (thousands of
        Files, Disks or Items)."""
        found: Iterator[Element] = el.iterchildren(
            *{ns + local for local in names for ns in (self.T, self.M)}
        )
        return found

    def ints(self, text: str | None) -> int | None:
        """`to_int`, remembered: items repeat a few numbers (ResourceType 17, 10, 6...) by the
        thousand."""
        if text is None:
            return None
        cache = self._ints
        value = cache.get(text, _UNSEEN)
        if value is _UNSEEN:
            value = to_int(text)
            if len(cache) < 4096:  # a hostile file's many distinct values stay uncached
                cache[text] = value
        return value  # type: ignore[return-value]

    def units_problem(self, units: str) -> str | None:
        """Why allocation units do not parse (None if they do); a descriptor repeats a handful
        of unit strings thousands of times, so each is parsed once."""
        cache = self._units
        if units not in cache:
            try:
                cim.parse_allocation_units(units)
                cache[units] = None
            except cim.UnitsError as exc:
                cache[units] = f"{exc.message}; {exc.hint}"
        return cache[units]

    def section_path(self, section: Element, skind: str, parent: str = "") -> str:
        if not skind:  # a vendor section: its element name
            return paths.join(parent, paths.local_name(section.tag))
        if skind == "ProductSection":
            key = ".".join(
                p for p in (self.attr(section, "class"), self.attr(section, "instance")) if p
            )
            return paths.join(parent, paths.keyed(skind, key or None))
        if skind == "VirtualHardwareSection":
            return paths.join(parent, paths.keyed(skind, self.attr(section, "id")))
        return paths.join(parent, skind)

    def check_configuration_ref(self, text: str | None, el: Element, path: str | None) -> None:
        """OVF501: every name of an ovf:configuration list is a Configuration (9.8)."""
        if not text:
            return
        for name in text.split():
            if name not in self.configurations:
                known = ", ".join(sorted(self.configurations)) or "none: no DeploymentOptionSection"
                self.report(
                    rules.UNKNOWN_CONFIGURATION,
                    f"ovf:configuration names {name!r}, which is not a Configuration "
                    f"(known: {known})",
                    el,
                    path,
                )

    # --- the rules other modules provide (see semantic.Checker) ------------------------------

    def check_hardware(self, hw: Element, cls: str, path: str, types: bool) -> None:
        raise NotImplementedError

    def check_product(self, section: Element, path: str) -> None:
        raise NotImplementedError

    def check_resource_allocation(self, section: Element, cls: str, path: str) -> None:
        raise NotImplementedError

    def check_product_pairs(self, node: ContentNode) -> None:
        raise NotImplementedError

    # --- the index --------------------------------------------------------------------------

    def index_envelope(self) -> None:
        """Envelope children and the content tree, with property keys (capacities need them)."""
        voc = self.voc
        root = voc.root
        for child in self.src.root:
            if not isinstance(child.tag, str):
                continue
            entry = voc.entry(root, child)
            if entry is None:  # the section wildcard takes whatever the schema does not name
                self.env_sections.append((child, None, ""))
                continue
            field, cls = entry
            if field == "sections":
                self.env_sections.append((child, cls, kind(cls, child.tag)))
            elif field == "content":
                self.top.append(child)
                if len(self.top) == 1:  # a second one is kept verbatim by the binder (OVF003)
                    self.index_content(child, cls)
            elif field == "references":
                if self.references is None:
                    self.references = child
            elif field == "strings":
                self.strings.append(child)

    def index_content(self, top: Element, top_cls: str | None) -> None:
        voc = self.voc
        stack: list[tuple[Element, str | None, ContentNode | None]] = [(top, top_cls, None)]
        while stack:
            el, cls, parent = stack.pop()
            kind_name = kind(cls, el.tag)
            cid = self.attr(el, "id")
            parent_path = parent.path if parent is not None else ""
            node = ContentNode(
                el, kind_name, self.mark(el, paths.join(parent_path, paths.keyed(kind_name, cid)))
            )
            node.id = cid
            if parent is not None:
                parent.children.append(node)
            self.contents.append(node)
            if cls is None:
                continue
            nested: list[tuple[Element, str | None, ContentNode | None]] = []
            for child in el:
                if not isinstance(child.tag, str):
                    continue
                entry = voc.entry(cls, child)
                if entry is None:
                    node.sections.append((child, None, ""))
                    continue
                field, ccls = entry
                if field == "sections":
                    skind = kind(ccls, child.tag)
                    node.sections.append((child, ccls, skind))
                    if skind == "ProductSection":
                        self.index_properties(child)
                elif field == "content":
                    nested.append((child, ccls, node))
            stack.extend(reversed(nested))

    def index_properties(self, section: Element) -> None:
        cls_value = self.attr(section, "class")
        instance = self.attr(section, "instance")
        prefix = f"{cls_value}." if cls_value else ""
        suffix = f".{instance}" if instance else ""
        for p in self.children(section, "Property"):
            key = self.attr(p, "key")
            if key is not None:
                ptype = (self.attr(p, "type") or "").strip()
                for name in (key, prefix + key + suffix):
                    self.property_keys.add(name)
                    self.property_types.setdefault(name, ptype)
