"""Positions in the text an editor holds, and the markup around them.

Everything here reads the buffer as text: offsets are indexes into the Python string (code
points), lines are split at "\\n" (a "\\r" before it belongs to the line break), as libxml2
counts them. LSP positions count UTF-16 code units unless the client negotiated another
encoding; `TextMap` converts both ways for one line at a time, so a multi-megabyte buffer is
never re-split per request.

`Token`s are the markup of a (possibly half-written) document in order: start tags, end tags,
empty-element tags. Attribute values cannot hold a raw `<` in XML, so a tag's extent is found
by scanning; comments, processing instructions, CDATA and declarations are skipped. The n-th
start or empty tag is the n-th element of lxml's document order, which is how the analysis
maps elements to their place in the text without asking libxml2 (which records only lines).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

_NEWLINE = re.compile("\n")
_MARKUP = re.compile(
    r"<(?:!--.*?(?:-->|\Z)|\?.*?(?:\?>|\Z)|!\[CDATA\[.*?(?:\]\]>|\Z)|![^>]*>?"
    r"|(/)?([^\s/>!?<]*)((?:[^<>\"'/]|\"[^\"<]*\"?|'[^'<]*'?|/(?!>))*)(/?)(>?))",
    re.S,
)
_ATTR = re.compile(r"([^\s=/>\"'<]+)\s*=\s*(?:\"([^\"<]*)\"?|'([^'<]*)'?)")


class Attr(NamedTuple):
    """An attribute as written: `name` with its prefix, offsets of its name and of its value
    (inside the quotes)."""

    name: str
    name_start: int
    value_start: int
    value_end: int

    @property
    def local(self) -> str:
        return self.name.rpartition(":")[2]

    @property
    def prefix(self) -> str:
        return self.name.partition(":")[0] if ":" in self.name else ""


class Token(NamedTuple):
    """One tag: kind "start", "end" or "empty"; `start` is the `<`, `end` just past the `>`
    (or where the unfinished tag stops); `closed` tells whether the `>` is there."""

    kind: str
    name: str
    start: int
    end: int
    closed: bool
    attrs_text_start: int

    @property
    def name_end(self) -> int:
        return self.start + 1 + (self.kind == "end") + len(self.name)


def tokens(text: str, stop: int | None = None, start: int = 0) -> list[Token]:
    """The tags of `text` from offset `start` up to offset `stop`, in document order."""
    out: list[Token] = []
    append = out.append
    for m in _MARKUP.finditer(text, start, len(text) if stop is None else stop):
        name = m.group(2)
        if name is None:
            continue  # comment, PI, CDATA, declaration
        if m.group(1):
            kind = "end"
        elif m.group(4):
            kind = "empty"
        else:
            kind = "start"
        append(Token(kind, name, m.start(), m.end(), bool(m.group(5)), m.start(3)))
    return out


def end_tag_after(text: str, start: int) -> int:
    """Just past the first end tag at or after `start` (comments, CDATA, PIs skipped), or the
    end of the text."""
    for m in _MARKUP.finditer(text, start):
        if m.group(1):
            return m.end()
    return len(text)


def attributes(text: str, tag: Token) -> list[Attr]:
    """The attributes of a start or empty tag, with their offsets."""
    stop = tag.end - (1 if tag.closed else 0) - (1 if tag.kind == "empty" else 0)
    found: list[Attr] = []
    for m in _ATTR.finditer(text, tag.attrs_text_start, stop):
        group = 2 if m.group(2) is not None else 3
        found.append(Attr(m.group(1), m.start(1), m.start(group), m.end(group)))
    return found


def tag_at(text: str, offset: int) -> Token | None:
    """The start, empty or end tag whose markup contains `offset` (its `<` is before it and
    nothing closes it in between), or None in text content."""
    lt = text.rfind("<", 0, offset)
    if lt < 0:
        return None
    m = _MARKUP.match(text, lt)
    if m is None or m.group(2) is None:
        return None
    if m.end() < offset or (m.group(5) and m.end() == offset):
        return None
    kind = "end" if m.group(1) else ("empty" if m.group(4) else "start")
    return Token(kind, m.group(2), m.start(), m.end(), bool(m.group(5)), m.start(3))


def open_elements(text: str, offset: int) -> list[Token]:
    """The start tags still open at `offset`, outermost first (works on unfinished text:
    an end tag closes the innermost element of its name, unmatched ones are ignored)."""
    stack: list[re.Match[str]] = []  # matches, not Tokens: this loop sees every tag
    for m in _MARKUP.finditer(text, 0, offset):
        name = m.group(2)
        if name is None:
            continue
        if m.group(1):
            for i in range(len(stack) - 1, -1, -1):
                if stack[i].group(2) == name:
                    del stack[i:]
                    break
        elif m.group(5) and not m.group(4):
            stack.append(m)
    return [Token("start", m.group(2), m.start(), m.end(), True, m.start(3)) for m in stack]


class TextMap:
    """Line starts of a text, for converting offsets to LSP positions and back."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        # an ASCII text (most descriptors) converts positions without looking at the line,
        # which matters for a long document written on one line
        self.ascii = text.isascii()

    def line_text(self, line: int) -> str:
        """Line `line` (0-based) without its line break."""
        if not 0 <= line < len(self.starts):
            return ""
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[line] : end].removesuffix("\r")

    def _units(self, chars: str) -> int:
        if self.encoding == "utf-32" or chars.isascii():
            return len(chars)
        if self.encoding == "utf-8":
            return len(chars.encode("utf-8", "surrogatepass"))
        return len(chars) + sum(1 for c in chars if ord(c) > 0xFFFF)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character in client units) of a code point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        if self.ascii or self.encoding == "utf-32":
            return line, offset - self.starts[line]
        return line, self._units(self.text[self.starts[line] : offset])

    def offset(self, line: int, character: int) -> int:
        """Code point offset of an LSP (line, character); clamped to the line."""
        if line >= len(self.starts):
            return len(self.text)
        if line < 0:
            return 0
        start = self.starts[line]
        if self.ascii or self.encoding == "utf-32":
            end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
            return min(start + character, end)
        chars = self.line_text(line)
        if chars.isascii():
            return start + min(character, len(chars))
        units = 0
        for i, c in enumerate(chars):
            if units >= character:
                return start + i
            units += (
                len(c.encode("utf-8", "surrogatepass"))
                if self.encoding == "utf-8"
                else (2 if ord(c) > 0xFFFF else 1)
            )
        return start + len(chars)

    def line_offset(self, line: int, column: int) -> int:
        """Offset of a 1-based line and 1-based code point column (validator locations)."""
        line = max(1, min(line, len(self.starts)))
        return min(self.starts[line - 1] + max(column, 1) - 1, len(self.text))
