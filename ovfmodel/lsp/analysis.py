"""One version of one open document, analysed: validator report, lxml tree, tags in the text.

An `Analysis` is made off the event loop (it costs what validation costs) and is immutable
afterwards except for caches filled on first use: the mapping of elements to their tags (a
scan of the whole text) and the reference index. The text goes to `ovfmodel.validation.validate`
for the diagnostics and to `ovfmodel.xmlsafe.parse_xml` for the tree the editor features read;
a document that is not well-formed has no tree, only the validator's OVF001 at the parser's
position.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from lxml import etree

from ovfmodel.diagnostics import Report
from ovfmodel.document import OVF09_NS, OVF1_NS, OVF2_NS
from ovfmodel.errors import OvfError
from ovfmodel.markup import (
    Attr,
    Token,
    attributes,
    element_tags,
    end_tag_after,
    tag_at,
    tokens,
)
from ovfmodel.validation import validate
from ovfmodel.xmlsafe import parse_xml, read_source

from .text import TextMap

if TYPE_CHECKING:
    from .references import RefIndex

Element: TypeAlias = etree._Element
OVF_NAMESPACES = (OVF1_NS, OVF2_NS, OVF09_NS)
XML_NS = "http://www.w3.org/XML/1998/namespace"


def to_bytes(text: str, name: str) -> bytes:
    """The bytes the validator and the parser read for an editor buffer: UTF-8, with the XML
    declaration's encoding (if any) rewritten, since the buffer is already decoded."""
    body = text.lstrip("\ufeff \t\r\n")
    if body.startswith("<"):
        try:
            return read_source(text, name)[0]
        except OvfError:
            pass
    return text.encode("utf-8", "replace")


def local_name(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def namespace(tag: object) -> str:
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag.startswith("{") else ""


# libxml2 numbers lines exactly below this (an unsigned short, 65535 meaning "or more")
_EXACT_LINES = 65535

# beyond this many tags on one line, an element's place among them is looked up in an index
_WALK_LIMIT = 32


def _last_element(el: Element) -> Element | None:
    for child in reversed(el):
        if isinstance(child.tag, str):
            return child
    return None


def _ordinal(el: Element, line: int) -> int:
    """How many elements before `el` in document order have their start tag end on `line`
    (walking back from `el`: usually one step, without indexing the whole tree)."""
    count = 0
    node = el
    while True:
        prev = node.getprevious()
        while prev is not None and not isinstance(prev.tag, str):
            prev = prev.getprevious()
        if prev is None:
            node = node.getparent()
            if node is None:
                return count
        else:  # the last element inside the previous sibling comes right before
            last = _last_element(prev)
            while last is not None:
                prev, last = last, _last_element(last)
            node = prev
        if node.sourceline != line:
            return count
        count += 1


class Analysis:
    """The validator's report and the tree of one version of a document."""

    def __init__(
        self,
        uri: str,
        version: int | None,
        text: str,
        path: Path | None,
        encoding: str = "utf-16",
    ) -> None:
        self.uri = uri
        self.version = version
        self.text = text
        self.path = path
        self.map = TextMap(text, encoding)
        self.name = str(path) if path is not None else uri
        self.data = to_bytes(text, self.name)
        self.report: Report = Report(source=self.name)
        self.root: Element | None = None
        self._line_cache: dict[int, list[Token]] = {}
        self._children: dict[Element, dict[tuple[str, str | None], Element]] = {}

    def run(self, xsd: bool = True) -> Analysis:
        """Validate and parse (the slow part, run in a worker thread)."""
        self.report = validate(self.data, name=self.name, xsd=xsd)
        try:
            self.root = parse_xml(self.data, self.name).getroot()
        except OvfError:
            self.root = None
        return self

    @cached_property
    def is_ovf(self) -> bool:
        """Whether this is an OVF descriptor: named *.ovf, or an XML document whose root is an
        OVF Envelope (or, not well-formed, that mentions an OVF envelope namespace near its
        start). Editors attach the server to every XML file; other XML gets no diagnostics."""
        if self.path is not None and self.path.suffix.lower() == ".ovf":
            return True
        if self.root is not None:
            return (
                local_name(self.root.tag) == "Envelope"
                and namespace(self.root.tag) in OVF_NAMESPACES
            )
        head = self.text[:8192]
        return any(ns in head for ns in OVF_NAMESPACES)

    # --- the envelope's namespace and prefix ----------------------------------------------

    @cached_property
    def ovf_ns(self) -> str:
        return namespace(self.root.tag) if self.root is not None else ""

    def ovf(self, local: str) -> str:
        """Clark name of an attribute in the envelope namespace: `{ns}fileRef`."""
        return f"{{{self.ovf_ns}}}{local}"

    @cached_property
    def ovf_prefix(self) -> str | None:
        """A prefix bound to the envelope namespace on the root (for attributes we write)."""
        if self.root is None:
            return None
        for prefix, uri in self.root.nsmap.items():
            if uri == self.ovf_ns and prefix:
                return str(prefix)
        return None

    # --- elements and their tags -------------------------------------------------------------
    #
    # libxml2 records for each element the line on which its start tag ends. The start (and
    # empty-element) tags ending on one line, in text order, are the elements of that line in
    # document order, so an element's tag is found by scanning its line only: diagnostics,
    # references and hovers never pay for a scan of the whole text. libxml2 keeps exact lines
    # only up to 65534 (past that an element gets the line of the text after its start tag),
    # so a longer document maps elements to tags by their order instead, after one scan of the
    # whole text (`_order`).

    @cached_property
    def long(self) -> bool:
        """More lines than libxml2 numbers exactly."""
        return len(self.map.starts) >= _EXACT_LINES

    @cached_property
    def _order(self) -> tuple[dict[Element, int], list[Element], list[Token], list[int]]:
        """Elements in document order, their tags in text order, and the tags' ends."""
        elements, tags = element_tags(self.text, self.root) if self.root is not None else ([], [])
        return {el: i for i, el in enumerate(elements)}, elements, tags, [t.end for t in tags]

    @cached_property
    def _by_line(self) -> dict[int, list[Element]]:
        found: dict[int, list[Element]] = defaultdict(list)
        if self.root is not None:
            for el in self.root.iter(etree.Element):
                found[el.sourceline or 0].append(el)
        return found

    def line_tags(self, line: int) -> list[Token]:
        """The closed start and empty tags ending on 1-based `line`, in text order."""
        cached = self._line_cache.get(line)
        if cached is not None:
            return cached
        starts = self.map.starts
        if not 0 < line <= len(starts):
            return []
        begin = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        scan = begin
        lt = self.text.rfind("<", 0, begin)
        if lt >= 0 and self.text.find(">", lt, begin) < 0:
            scan = lt  # a tag (or comment) begun on an earlier line
        found = [
            t
            for t in tokens(self.text, end, scan)
            if t.kind != "end" and t.closed and t.end > begin
        ]
        self._line_cache[line] = found
        return found

    def tag(self, el: Element) -> Token | None:
        """The start (or empty-element) tag of an element of the tree."""
        if self.long:
            index, _, tags, _ = self._order
            found = index.get(el)
            return None if found is None else tags[found]
        line = el.sourceline or 0
        tags = self.line_tags(line)
        # on a crowded line (a document written on one line) walking back from each element
        # would be quadratic: the elements' places are then indexed once
        crowded = len(tags) > _WALK_LIMIT
        i = self._ordinals.get(el, len(tags)) if crowded else _ordinal(el, line)
        return tags[i] if i < len(tags) else None

    @cached_property
    def _ordinals(self) -> dict[Element, int]:
        return {el: i for same in self._by_line.values() for i, el in enumerate(same)}

    def element_of(self, tok: Token) -> Element | None:
        """The element a start or empty tag of the text belongs to."""
        if self.long:
            _, elements, tags, ends = self._order
            i = bisect_left(ends, tok.end)
            return elements[i] if i < len(tags) and tags[i].start == tok.start else None
        line = bisect_right(self.map.starts, tok.end - 1)
        for i, other in enumerate(self.line_tags(line)):
            if other.start == tok.start:
                same = self._by_line.get(line, [])
                return same[i] if i < len(same) else None
        return None

    def first_on_line(self, line: int) -> tuple[Element, Token] | None:
        """The first element whose start tag ends on 1-based `line`, with its tag."""
        if self.long:
            _, elements, tags, ends = self._order
            starts = self.map.starts
            i = bisect_left(ends, starts[max(0, min(line, len(starts)) - 1)] + 1)
            return (elements[i], tags[i]) if i < len(tags) else None
        same = self._by_line.get(line, [])
        tags = self.line_tags(line)
        return (same[0], tags[0]) if same and tags else None

    def child(self, parent: Element, name: str, key: str | None) -> Element | None:
        """The first child element of `parent` with local name `name` known by `key` (an
        attribute value, or `InstanceID=N` for an item), or just by its name when `key` is
        None. A parent's children are indexed on the first question about them."""
        index = self._children.get(parent)
        if index is None:
            index = self._children[parent] = {}
            for c in parent.iterchildren(etree.Element):
                local = local_name(c.tag)
                keys: list[str | None] = [None, *c.attrib.values()]
                for grandchild in c:
                    if local_name(grandchild.tag) == "InstanceID":
                        keys.append(f"InstanceID={(grandchild.text or '').strip()}")
                for k in keys:
                    index.setdefault((local, k), c)
        return index.get((name, key))

    def extent(self, el: Element) -> tuple[int, int] | None:
        """Offsets from the element's `<` to just past its end tag: its last descendants'
        ends are found first (one short scan each), never the whole text."""
        chain: list[Token] = []
        node: Element | None = el
        while node is not None:
            tag = self.tag(node)
            if tag is None:
                return None
            chain.append(tag)
            if tag.kind == "empty":
                break
            node = next((c for c in reversed(node) if isinstance(c.tag, str)), None)
        end = -1
        for tag in reversed(chain):
            if tag.kind == "empty":
                end = tag.end
            else:
                end = end_tag_after(self.text, tag.end if end < 0 else end)
        return chain[0].start, end

    def attrs(self, el: Element) -> list[Attr]:
        tag = self.tag(el)
        return attributes(self.text, tag) if tag is not None else []

    def attr(self, el: Element, clark: str) -> Attr | None:
        """The written attribute of `el` whose Clark name is `clark` (`{ns}id` or `id`)."""
        want_ns, local = namespace(clark), local_name(clark) or clark
        for a in self.attrs(el):
            if a.local != local:
                continue
            uri = el.nsmap.get(a.prefix) if a.prefix else ""
            if uri == want_ns:
                return a
        return None

    def value(self, el: Element, a: Attr) -> str:
        """The value of a written attribute as the parser read it (entities replaced)."""
        uri = (XML_NS if a.prefix == "xml" else el.nsmap.get(a.prefix)) if a.prefix else None
        found = el.get(f"{{{uri}}}{a.local}" if uri else a.local)
        return found if found is not None else self.text[a.value_start : a.value_end]

    def content(self, el: Element) -> tuple[int, int] | None:
        """Offsets of the element's leading text (up to its first child or end tag), without
        surrounding blanks; an empty element gives the empty range after its start tag."""
        tag = self.tag(el)
        if tag is None:
            return None
        if tag.kind == "empty":
            return tag.end, tag.end
        start = tag.end
        stop = self.text.find("<", start)
        stop = len(self.text) if stop < 0 else stop
        raw = self.text[start:stop]
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip())
        if lead == len(raw):
            return start, start
        return start + lead, stop - trail

    def element_at(self, offset: int) -> tuple[Element | None, bool]:
        """The element whose start tag holds `offset` (second value True), else the element
        whose leading text holds it (False); None elsewhere."""
        if self.root is None:
            return None, False
        tok = tag_at(self.text, offset)
        if tok is not None:
            if tok.kind == "end" or not tok.closed:
                return None, False
            return self.element_of(tok), True
        lt = self.text.rfind("<", 0, offset)
        before = tag_at(self.text, lt + 1) if lt >= 0 else None
        if before is None or before.kind != "start" or not before.closed:
            return None, False
        return self.element_of(before), False

    # --- references ---------------------------------------------------------------------------

    @cached_property
    def refs(self) -> RefIndex:
        from .references import RefIndex

        return RefIndex.build(self)
