"""One descriptor as the validator sees it: its bytes, its lxml tree and where things are.

The validator never builds the typed model: the rules read the XML infoset directly (parsing the
bytes once with the hardened parser) and the XML Schema check reuses the same tree. libxml2
records only the line of an element, so columns are computed for reported diagnostics alone,
from the source lines split once per document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TypeAlias

from lxml import etree

from ovfmodel.diagnostics import Diagnostic, Location, Rule, diagnostic, location
from ovfmodel.errors import OvfParseError
from ovfmodel.markup import element_tags
from ovfmodel.namespaces import MODEL_NS, OVF1_NS, OVF2_NS
from ovfmodel.starttags import (
    LAST_EXACT_LINE,
    MAX_COLUMN_SEARCH,
    TAG_END,
    char_column,
    find_start_tag,
    may_spell,
)
from ovfmodel.xmlsafe import parse_xml

ENV_NS = "http://schemas.dmtf.org/ovf/environment/1"  # ovfmodel.environment.ENV_NS

Element: TypeAlias = etree._Element

# a document whose bytes spell ASCII as ASCII: no UTF-16/32 or EBCDIC start (libxml2 detects
# the encoding from the first bytes) and a declared encoding, if any, among these
_ASCII_START = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*<[^\x00]")
_UTF8 = frozenset({"UTF-8", "UTF8", "US-ASCII", "ASCII"})


class SourceDoc:
    """A parsed descriptor (or OVF environment document) plus the diagnostics found in it so
    far.

    `ns` is the envelope namespace the file is written in (OVF 1.x, 2.x or VMware's 0.9, or the
    environment namespace when `environment` is true); `ovfmodel.validation.vocabulary` says
    what the binder's plans make of an envelope's elements.
    """

    def __init__(self, data: bytes, file: str | None, tree: etree._ElementTree) -> None:
        self.data = data
        self.file = file
        self.tree = tree
        self.root: Element = tree.getroot()
        tag = self.root.tag if isinstance(self.root.tag, str) else ""
        self.ns = tag[1:].partition("}")[0] if tag.startswith("{") else ""
        self.environment = tag == "{" + ENV_NS + "}Environment"
        known = self.environment or self.ns in MODEL_NS
        if not known or tag.rpartition("}")[2] not in ("Envelope", "Environment"):
            raise OvfParseError(
                f"the root element is {tag or self.root.tag!r}, not an OVF Envelope (nor an "
                "OVF environment)",
                file=file,
                line=self.root.sourceline,
                column=1,
                hint=f"an OVF descriptor's root is Envelope in namespace {OVF2_NS} or {OVF1_NS}",
            )
        self.out: list[Diagnostic] = []
        self._lines: list[bytes] | None = None
        self._locations: dict[tuple[Element | None, str | None], Location] = {}
        self._needles: dict[tuple[str, str | None], bytes] = {}
        self._order: dict[Element, tuple[int, list[int]]] | None = None
        self._is_utf8: bool | None = None

    @classmethod
    def load(cls, data: bytes, file: str | None) -> SourceDoc:
        """Parse `data` safely; raises OvfParseError when it is not a readable OVF Envelope."""
        return cls(data, file, parse_xml(data, file or "<input>"))

    def may_spell(self, word: bytes) -> bool:
        """Whether the document may hold the ASCII `word` (`ovfmodel.starttags.may_spell`)."""
        return may_spell(self.data, self.tree.docinfo.encoding, word)

    # --- locations ---------------------------------------------------------------------------

    def source_line(self, line: int) -> bytes | None:
        """One line of the source (1-based); the text is split once, on first use."""
        lines = self._source_lines()
        return lines[line - 1] if 0 < line <= len(lines) else None

    def column(self, line: int, tag: str, prefix: str | None) -> int | None:
        """1-based column of the start tag `<prefix:local` on `line` (1 if not found there)."""
        src = self.source_line(line)
        if src is None or len(src) > MAX_COLUMN_SEARCH:
            return None  # a document on one line: searching it for every diagnostic is too slow
        needle = self._needles.get((tag, prefix))
        if needle is None:
            local = tag.rpartition("}")[2]
            needle = ("<" + (f"{prefix}:{local}" if prefix else local)).encode("utf-8")
            self._needles[(tag, prefix)] = needle
        found = _find_tag(src, needle)
        if found is None and prefix:  # an element renamed from no namespace (OVF 0.9, OVF007)
            found = _find_tag(src, ("<" + tag.rpartition("}")[2]).encode("utf-8"))
        return found or 1

    def line(self, el: Element) -> int | None:
        """The line of an element's start tag, for messages naming another element's line
        (libxml2's own past line 65534 is that of the text after the tag: see long_position)."""
        line: int | None = el.sourceline
        if line is not None and line >= LAST_EXACT_LINE and isinstance(el.tag, str):
            return self.long_position(el)[0]
        return line

    def long_position(self, el: Element) -> tuple[int | None, int | None]:
        """Line and column of an element past line 65534, where libxml2's line is that of the
        text after the start tag: read from that text where it says it exactly (`_before_text`),
        else by pairing the n-th element in document order with the n-th start tag of the text
        (`ovfmodel.markup.tokens`, one scan of the whole document on first use)."""
        found = self._before_text(el)
        return found if found is not None else self._paired(el)

    def _before_text(self, el: Element) -> tuple[int, int] | None:
        """The start tag of an element past LAST_EXACT_LINE whose text (up to its first child)
        holds a line break, such as an Item's indentation: libxml2's line for it is the line
        where that text ends, at the first `<` of the line, and the start tag is the last `<`
        before. Taken only when the bytes say so exactly (`<qname`, the rest of a start tag,
        then the element's text byte for byte, in UTF-8 with LF or CR LF line ends), else None.
        One or two lines are read, where the pairing scans the whole document (a third of a
        second for 10,000 items)."""
        text, line = el.text, el.sourceline
        if not text or "\n" not in text or line is None or not self._utf8():
            return None
        lines = self._source_lines()
        end = lines[line - 1].find(b"<") if line <= len(lines) else -1
        if end < 0:
            return None
        region = [lines[line - 1][:end]]  # the start tag and the text, lines last to first
        start, at = line - 1, -1  # the line of the start tag (1-based), its `<`
        while start >= 1 and (at := lines[start - 1].rfind(b"<")) < 0:
            region.append(lines[start - 1])  # a line of the text
            start -= 1
        if at < 0:
            return None
        region.append(lines[start - 1][at:])
        found = b"\n".join(reversed(region))
        local = el.tag.rpartition("}")[2] if isinstance(el.tag, str) else ""
        qname = b"<" + (f"{el.prefix}:{local}" if el.prefix else local).encode("utf-8")
        body = text.encode("utf-8")  # as libxml2 reads it: CR LF line ends are LF in the text
        if (
            found.startswith(qname)
            and found[len(qname) : len(qname) + 1] in TAG_END
            and (found.endswith(b">" + body) or found.endswith(b">" + body.replace(b"\n", b"\r\n")))
        ):
            return start, len(lines[start - 1][:at].decode("utf-8", "replace")) + 1
        return None

    def _utf8(self) -> bool:
        """Whether the source is UTF-8 (or ASCII) text, its lines split on b"\n" as libxml2 and
        the pairing count them."""
        if self._is_utf8 is None:
            encoding = (self.tree.docinfo.encoding or "UTF-8").upper()
            self._is_utf8 = bool(_ASCII_START.match(self.data)) and encoding in _UTF8
        return self._is_utf8

    def _source_lines(self) -> list[bytes]:
        if self._lines is None:
            self._lines = self.data.split(b"\n")
        return self._lines

    def _paired(self, el: Element) -> tuple[int | None, int | None]:
        """`long_position` by the n-th start tag of the text for the n-th element."""
        if self._order is None:
            encoding = self.tree.docinfo.encoding or "utf-8"
            try:
                text = self.data.decode(encoding, "replace")
            except LookupError:
                text = self.data.decode("utf-8", "replace")
            # unpaired when entities expand to elements (the counts differ)
            elements, tags = element_tags(text, self.root, exact=True)
            starts = [0] + [m.end() for m in re.finditer("\n", text)]
            self._order = {el: (t.start, starts) for el, t in zip(elements, tags, strict=True)}
        found = self._order.get(el)
        if found is None:  # the text and the tree disagree (entities expanding to elements)
            return el.sourceline, None
        offset, starts = found
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    # --- reporting ---------------------------------------------------------------------------

    def report(self, rule: Rule, message: str, el: Element | None, path: str | None) -> None:
        """A diagnostic of `rule` at element `el` (line and column where its start tag is)."""
        key = (el, path)
        where = self._locations.get(key)
        if where is None:  # an element often gets more than one diagnostic: located once
            line = column = None
            if el is not None:
                line = el.sourceline
                if line is not None and line >= LAST_EXACT_LINE and isinstance(el.tag, str):
                    line, column = self.long_position(el)
                elif line is not None and isinstance(el.tag, str):
                    column = self.column(line, el.tag, el.prefix)
            where = self._locations[key] = location(self.file, line, column, path)
        self.out.append(diagnostic(rule, message, where))


def _find_tag(src: bytes, needle: bytes) -> int | None:
    """1-based column of the start tag `needle` (`<prefix:local`) in one source line."""
    pos = find_start_tag(src, needle)
    return None if pos is None else char_column(src, pos)
