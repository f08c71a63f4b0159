"""Where namespace declarations stand in the source bytes, found in time linear in the source.

lxml reports an element's namespace declarations apart from its attributes and records only the
line on which its start tag ends. Binding needs two things from the source text itself: which
lines can hold a start tag that declares namespaces (so `el.nsmap`, as costly as the rest of
binding, is asked only there), and how a start tag interleaved declarations and attributes (VMware
writes `vmw:buildId` before its xmlns list), so the writer can give the same order back.

`declared_tags` finds both in one forward pass: each `xmlns` in the text leads to the `<` before
it, searched only back to the previous `xmlns` (a `<` cannot stand inside a start tag), and each
start tag is read once. A document holding "xmlns" 160,000 times in text, or one start tag with
200,000 attributes, costs a few hundred milliseconds rather than minutes.
"""

from __future__ import annotations

import re
from typing import AnyStr, NamedTuple

XML_NS = "http://www.w3.org/XML/1998/namespace"

_XMLNS = re.compile(rb"xmlns")
_START_NAME = re.compile(rb"<([^\s/>!?<=\"']+)")
ATTRIBUTE = re.compile(rb"""\s+([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')""")
_TAG_CLOSE = re.compile(rb"\s*/?>")


# libxml2 (as lxml calls it here) numbers lines exactly up to this one; every element past it
# has this sourceline, so a line says nothing about where such an element is
LAST_EXACT_LINE = 65535


class StartTag(NamedTuple):
    """A start tag holding `xmlns`: its first and last line, the offset of its `<`, its name."""

    first_line: int
    last_line: int
    offset: int
    qname: bytes


def ascii_compatible(data: bytes) -> bool:
    """Whether markup characters of `data` are single ASCII bytes (not UTF-16 or UTF-32)."""
    head = data[:4]
    return not (head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head)


_ASCII_START = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*<[^\x00]")
_ASCII_ENCODINGS = frozenset({"UTF-8", "UTF8", "US-ASCII", "ASCII", "ISO-8859-1", "LATIN1"})


def may_spell(data: bytes, encoding: str | None, word: bytes) -> bool:
    """Whether a document may hold the ASCII `word` in a name, value or text: false only when
    its bytes (in `encoding`, as lxml's docinfo names it) are ASCII-compatible text without
    `word` and without character references (`&#88;` could spell it; entities are spelled in
    the document too). Lets a caller skip a walk of the whole tree for what a document never
    mentions."""
    if _ASCII_START.match(data) is None:
        return True
    if (encoding or "UTF-8").upper() not in _ASCII_ENCODINGS:
        return True
    # `&` first: a one-byte search is many times faster than one for `&#`
    return (b"&" in data and b"&#" in data) or contains(data, word)


# hits of the pivot byte checked one by one before `contains` leaves the rest to `in`
_PIVOT_HITS = 64


def contains(data: AnyStr, word: AnyStr) -> bool:
    """`word in data` (bytes or text), many times faster when a character of `word` is rare
    in `data`.

    `in` runs at about 3 GB/s on markup (its first bytes, `<`, `x`, are everywhere); a search
    for one byte is memchr, tens of GB/s. So the character of `word` rarest in the first 2 Ki
    of `data` is searched for, and `word` checked around each hit; past _PIVOT_HITS hits, `in`
    takes over from there (a document full of that character costs what `in` costs)."""
    if len(word) < 2 or len(data) < 1 << 16:
        return word in data
    sample = data[: 1 << 11]
    counts = {c: sample.count(c) for c in {word[i : i + 1] for i in range(len(word))}}
    pivot = min(range(len(word)), key=lambda i: counts[word[i : i + 1]])
    char = word[pivot : pivot + 1]
    pos = data.find(char, pivot)
    for _ in range(_PIVOT_HITS):
        if pos < 0:
            return False
        if data.startswith(word, pos - pivot):
            return True
        pos = data.find(char, pos + 1)
    return pos >= 0 and data.find(word, pos - pivot) >= 0


# longest source line searched for a column: a document on one line holds many elements of a
# name, so searching it for each would be quadratic and could still name the wrong one
MAX_COLUMN_SEARCH = 65536
TAG_END = frozenset(bytes([c]) for c in b" \t\r\n/>")  # what may follow a start tag's name


def find_start_tag(line: bytes, needle: bytes, *, last: bool = False) -> int | None:
    """Byte offset in `line` of the first (or `last`) start tag `needle` (`<prefix:local`),
    not a longer name (`<Item` is not `<ItemX`), or None."""
    pos = line.rfind(needle) if last else line.find(needle)
    while pos >= 0:
        after = line[pos + len(needle) : pos + len(needle) + 1]
        if not after or after in TAG_END:
            return pos
        pos = line.rfind(needle, 0, pos) if last else line.find(needle, pos + 1)
    return None


def char_column(line: bytes, offset: int) -> int:
    """The 1-based column (in characters of the UTF-8 text) of a byte offset of `line`."""
    before = line[:offset]
    return (offset if before.isascii() else len(before.decode("utf-8", "replace"))) + 1


def declared_tags(data: bytes) -> list[StartTag]:
    """The start tags of `data` that hold the text `xmlns`, in document order.

    Over-approximates (`xmlns` in an attribute value, or a start tag inside a comment, is listed
    too); never misses a declaration of an ASCII-compatible document. Linear in len(data).
    """
    tags: list[StartTag] = []
    line, line_pos = 1, 0  # a line number and an offset on it; both only grow
    searched = 0  # the text before this offset has been searched for `<` already
    for match in _XMLNS.finditer(data):
        pos = match.start()
        lt = data.rfind(b"<", searched, pos)
        searched = pos
        if lt < line_pos:
            continue  # the same start tag (or text) as the previous `xmlns`
        name = _START_NAME.match(data, lt)
        if name is None:
            continue  # an end tag, comment, processing instruction or CDATA section
        end = name.end()
        while (attribute := ATTRIBUTE.match(data, end)) is not None:
            end = attribute.end()
        close = _TAG_CLOSE.match(data, end)
        if close is None or pos >= close.end():
            continue  # not a whole start tag, or the `xmlns` is in the text after it
        end = close.end()
        first = line + data.count(b"\n", line_pos, lt)
        line, line_pos = first + data.count(b"\n", lt, end), end
        tags.append(StartTag(first, line, lt, name.group(1)))
    return tags


def declaration_lines(tags: list[StartTag]) -> set[int]:
    """Every line a listed start tag runs over (lxml's sourceline is the line it ends on)."""
    lines: set[int] = set()
    for tag in tags:
        lines.update(range(tag.first_line, tag.last_line + 1))
    return lines


def is_declaration(name: str) -> bool:
    """Whether an entry of SourceInfo.attrs marks a namespace declaration ("xmlns:p")."""
    return name == "xmlns" or name.startswith("xmlns:")


class TagFinder:
    """Finds the listed start tag of each element in turn; elements must be asked for in
    document order (the root may be asked again at the end). Linear over a whole binding."""

    def __init__(self, tags: list[StartTag]) -> None:
        self.tags = tags
        self.next = 0  # tags before this index belong to elements already asked for

    def find(self, line: int, qname: bytes, root: bool = False) -> int | None:
        """Offset of the `<` of the start tag named `qname` that ends on `line`, or None.
        Past LAST_EXACT_LINE, where libxml2 gives every element that line, the next listed
        tag of that name is taken."""
        tags = self.tags
        capped = line >= LAST_EXACT_LINE

        def on_line(tag: StartTag) -> bool:
            return tag.last_line == line or (capped and tag.last_line > line)

        i = 0 if root else self.next
        while i < len(tags) and (
            tags[i].last_line < line or (on_line(tags[i]) and tags[i].qname != qname)
        ):
            i += 1
        found = i < len(tags) and on_line(tags[i])
        if not root:
            self.next = i + 1 if found else i
        return tags[i].offset if found else None


def start_tag_order(data: bytes, start: int, nsmap: dict[str | None, str]) -> list[str] | None:
    """The attribute names of the start tag whose `<` is at `start`, in source order: Clark
    names for attributes, "xmlns" and "xmlns:p" for declarations. None when a prefix is not in
    `nsmap` (the element's in-scope namespaces), so the tag is not the element's."""
    name = _START_NAME.match(data, start)
    if name is None:
        return None
    order: list[str] = []
    pos = name.end()
    while (match := ATTRIBUTE.match(data, pos)) is not None:
        qname = match.group(1).decode("utf-8", "replace")
        pos = match.end()
        if is_declaration(qname):
            order.append(qname)
            continue
        prefix, _, local_name = qname.rpartition(":")
        if not prefix:
            order.append(local_name)
        elif prefix == "xml":
            order.append("{" + XML_NS + "}" + local_name)
        elif prefix in nsmap:
            order.append("{" + nsmap[prefix] + "}" + local_name)
        else:
            return None
    return order
