"""The markup of an XML text, read as text: start, end and empty-element tags in order.

Attribute values cannot hold a raw `<` in XML, so a tag's extent is found by scanning;
comments, processing instructions, CDATA and declarations are skipped. The text may be
unfinished (an editor's buffer): a half-written tag is a Token with `closed` false.

The n-th start or empty tag is the n-th element of lxml's document order, which is how the
language server and the validator find an element's place in the text without libxml2, which
records only lines, and past line 65534 not even those exactly (`element_tags`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lxml import etree

MARKUP = re.compile(
    r"<(?:!--.*?(?:-->|\Z)|\?.*?(?:\?>|\Z)|!\[CDATA\[.*?(?:\]\]>|\Z)|![^>]*>?"
    r"|(/)?([^\s/>!?<]*)((?:[^<>\"'/]|\"[^\"<]*\"?|'[^'<]*'?|/(?!>))*)(/?)(>?))",
    re.S,
)
ATTR_RE = re.compile(r"([^\s=/>\"'<]+)\s*=\s*(?:\"([^\"<]*)\"?|'([^'<]*)'?)")


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
    for m in MARKUP.finditer(text, start, len(text) if stop is None else stop):
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
    for m in MARKUP.finditer(text, start):
        if m.group(1):
            return m.end()
    return len(text)


def attributes(text: str, tag: Token) -> list[Attr]:
    """The attributes of a start or empty tag, with their offsets."""
    stop = tag.end - (1 if tag.closed else 0) - (1 if tag.kind == "empty" else 0)
    found: list[Attr] = []
    for m in ATTR_RE.finditer(text, tag.attrs_text_start, stop):
        group = 2 if m.group(2) is not None else 3
        found.append(Attr(m.group(1), m.start(1), m.start(group), m.end(group)))
    return found


def tag_at(text: str, offset: int) -> Token | None:
    """The start, empty or end tag whose markup contains `offset` (its `<` is before it and
    nothing closes it in between), or None in text content."""
    lt = text.rfind("<", 0, offset)
    if lt < 0:
        return None
    m = MARKUP.match(text, lt)
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
    for m in MARKUP.finditer(text, 0, offset):
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


def element_tags(
    text: str, root: etree._Element, *, exact: bool = False
) -> tuple[list[etree._Element], list[Token]]:
    """The elements under `root` (itself included) in document order and their start or empty
    tags in `text`, paired by position. When they differ in number (a document whose entities
    expand to elements, a half-written buffer) they are cut to the shorter, or with `exact`
    none are paired."""
    elements = list(root.iter(etree.Element))
    tags = [t for t in tokens(text) if t.kind != "end"]
    if exact and len(elements) != len(tags):
        return [], []
    count = min(len(elements), len(tags))
    return elements[:count], tags[:count]
