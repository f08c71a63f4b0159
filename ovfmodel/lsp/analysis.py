"""One version of one open document, analysed: validator report, lxml tree, tags in the text.

An `Analysis` is made off the event loop (it costs what validation costs) and is immutable
afterwards except for caches filled on first use: the mapping of elements to their tags (a
scan of the whole text) and the reference index. The text goes to `ovfmodel.validation.validate`
for the diagnostics and to `ovfmodel.xmlsafe.parse_xml` for the tree the editor features read;
a document that is not well-formed has no tree, only the validator's OVF001 at the parser's
position.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from lxml import etree

from ovfmodel.diagnostics import Report
from ovfmodel.errors import OvfError
from ovfmodel.validation import validate
from ovfmodel.xmlsafe import parse_xml, read_source

from .text import Attr, TextMap, Token, attributes, tokens

if TYPE_CHECKING:
    from .references import RefIndex

Element: TypeAlias = etree._Element


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
        self._lock = threading.Lock()

    def run(self, xsd: bool = True) -> Analysis:
        """Validate and parse (the slow part, run in a worker thread)."""
        self.report = validate(self.data, name=self.name, xsd=xsd)
        try:
            self.root = parse_xml(self.data, self.name).getroot()
        except OvfError:
            self.root = None
        return self

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

    @cached_property
    def _tags(self) -> tuple[list[Element], list[Token], dict[Element, int], list[int]]:
        """Elements in document order with their start (or empty) tags and element ends."""
        with self._lock:
            if self.root is None:
                return [], [], {}, []
            elements = list(self.root.iter(etree.Element))
            found = tokens(self.text)
            starts: list[Token] = []
            ends: list[int] = []
            stack: list[int] = []
            for tok in found:
                if tok.kind == "end":
                    if stack:
                        ends[stack.pop()] = tok.end
                    continue
                starts.append(tok)
                ends.append(tok.end)
                if tok.kind == "start":
                    stack.append(len(starts) - 1)
            count = min(len(elements), len(starts))
            index = {el: i for i, el in enumerate(elements[:count])}
            return elements[:count], starts[:count], index, ends[:count]

    def tag(self, el: Element) -> Token | None:
        """The start (or empty-element) tag of an element of the tree."""
        i = self._tags[2].get(el)
        return None if i is None else self._tags[1][i]

    def extent(self, el: Element) -> tuple[int, int] | None:
        """Offsets from the element's `<` to just past its end tag."""
        i = self._tags[2].get(el)
        return None if i is None else (self._tags[1][i].start, self._tags[3][i])

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
        uri = el.nsmap.get(a.prefix) if a.prefix else None
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

    @cached_property
    def _starts(self) -> list[int]:
        return [t.start for t in self._tags[1]]

    def element_at(self, offset: int) -> tuple[Element | None, bool]:
        """The element whose start tag holds `offset` (second value True), else the innermost
        element whose content holds it (False)."""
        elements, starts, index, ends = self._tags
        i = bisect_right(self._starts, offset) - 1
        while i >= 0:
            tok = starts[i]
            if tok.start <= offset < tok.end:
                return elements[i], True
            if offset < ends[i]:
                return elements[i], False
            parent = elements[i].getparent()
            i = index[parent] if parent is not None else -1
        return None, False

    def first_tag_on_line(self, line: int) -> int | None:
        """Index of the first element whose start tag reaches 1-based `line`."""
        starts = self._tags[1]
        if not starts:
            return None
        line_start = self.map.starts[max(0, min(line - 1, len(self.map.starts) - 1))]
        ends = self._tag_ends
        i = bisect_left(ends, line_start + 1)
        return i if i < len(starts) else None

    @cached_property
    def _tag_ends(self) -> list[int]:
        return [t.end for t in self._tags[1]]

    def element(self, i: int) -> Element:
        return self._tags[0][i]

    def tag_index(self, el: Element) -> int | None:
        return self._tags[2].get(el)

    def elements(self) -> list[Element]:
        return self._tags[0]

    # --- references ---------------------------------------------------------------------------

    @cached_property
    def refs(self) -> RefIndex:
        from .references import RefIndex

        return RefIndex.build(self)
