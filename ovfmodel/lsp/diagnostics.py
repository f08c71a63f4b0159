"""Validator diagnostics as LSP diagnostics with precise ranges.

A validator `Diagnostic` names a line and the column of an element's start tag (libxml2 keeps
only lines, so for a start tag written over several lines it may point at the line where the tag
ends). The range sent to the editor is narrowed from that element:

1. the attribute the message names (`ovf:fileRef`, `capacity '${x}'`, XSD's `attribute '{ns}size'`),
   as the span of its value;
2. else, for a leaf element whose value the message quotes, that value;
3. else, the child element the message names with its value (`Connection 'lan'` on an Item),
   as the child's text;
4. else the element's start tag.

An unreadable document (OVF001) gets the parser's line and column, as a range to the end of the
word there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from lsprotocol import types as lsp
from lxml import etree

from ovfmodel.diagnostics import Diagnostic, Severity
from ovfmodel.markup import Token, attributes, tag_at

from .analysis import Analysis, Element, local_name

SOURCE = "ovfmodel"
_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
_WORD = re.compile(r"[^\s<>\"'=]+")


def default_rules_url() -> str | None:
    """docs/rules.md of a source checkout, as a file URI (None in an installed wheel)."""
    doc = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    return doc.as_uri() if doc.is_file() else None


def to_lsp(
    an: Analysis, diags: Iterable[Diagnostic], rules_url: str | None
) -> list[lsp.Diagnostic]:
    out: list[lsp.Diagnostic] = []
    for d in diags:
        start, end = span_of(an, d)
        out.append(
            lsp.Diagnostic(
                range=to_range(an, start, end),
                message=d.message + (f" ({d.spec})" if d.spec else ""),
                severity=_SEVERITY.get(d.severity, lsp.DiagnosticSeverity.Error),
                code=d.code,
                code_description=(
                    lsp.CodeDescription(href=f"{rules_url}#{d.code.lower()}") if rules_url else None
                ),
                source=SOURCE,
            )
        )
    return out


def to_range(an: Analysis, start: int, end: int) -> lsp.Range:
    sl, sc = an.map.position(start)
    el, ec = an.map.position(end)
    return lsp.Range(
        start=lsp.Position(line=sl, character=sc), end=lsp.Position(line=el, character=ec)
    )


def span_of(an: Analysis, d: Diagnostic) -> tuple[int, int]:
    """The offsets a diagnostic covers in the analysed text."""
    loc = d.location
    if loc.line is None:
        if an.root is not None:
            tag = an.tag(an.root)
            if tag is not None:
                return tag.start, tag.name_end
        return 0, 0
    offset = an.map.line_offset(loc.line, loc.column or 1)
    if an.root is None:
        return _word(an, offset, loc.line)
    found = _element_for(an, offset, loc.line, loc.path)
    if found is None:
        return _word(an, offset, loc.line)
    el, tok = found
    span = refine(an, el, tok, d.message)
    return span if span is not None else (tok.start, tok.end)


def _word(an: Analysis, offset: int, line: int) -> tuple[int, int]:
    """From `offset` to the end of the word there; past a line's last word, the whole line
    (`line` is 1-based, as the validator counts)."""
    m = _WORD.match(an.text, offset)
    if m is not None and m.end() > offset:
        return offset, m.end()
    index = max(1, min(line, len(an.map.starts))) - 1
    start = an.map.starts[index]
    end = start + len(an.map.line_text(index))
    return (offset, offset + 1) if offset < end else (start, end)


def _element_for(
    an: Analysis, offset: int, line: int, path: str | None
) -> tuple[Element, Token] | None:
    """The element the validator pointed at: the one whose start tag begins at `offset` when no
    other tag of its name shares the line; else the one its readable path names on that line
    (the validator's column is the first tag of the name on the line, none on a very long line,
    and it has only a line for a start tag written over several); else the tag at `offset`, or
    the first one whose start tag ends on `line`."""
    at: tuple[Element, Token] | None = None
    if an.text.startswith("<", offset):
        tok = tag_at(an.text, offset + 1)
        if tok is not None and tok.kind != "end" and tok.start == offset:
            el = an.element_of(tok)
            if el is not None:
                at = el, tok
                if sum(t.name == tok.name for t in an.line_tags(line)) <= 1:
                    return at
    named = by_path(an, path) if path else None
    if named is not None and (an.long or named.sourceline == line):
        tag = an.tag(named)
        if tag is not None:
            return named, tag
    return at or an.first_on_line(line)


_STEP = re.compile(r"^([^\[\]/]+)(?:\[(.*)\])?$")


def by_path(an: Analysis, path: str) -> Element | None:
    """The element a validator path names (`VirtualSystem[vm1]/VirtualHardwareSection/
    Item[InstanceID=4]`, `References/File[file1]`: each step a local name and the id, name,
    key or InstanceID it is known by), or None. Each parent's children are indexed once."""
    node = an.root
    for step in path.split("/"):
        m = _STEP.match(step)
        if node is None or m is None:
            return None
        node = an.child(node, m.group(1), m.group(2))
    return node


def _mentions(message: str, word: str) -> bool:
    return re.search(rf"(?<![\w.:{{}}-]){re.escape(word)}(?![\w-])", message) is not None


def _quotes(message: str, value: str, bare: bool = False) -> bool:
    """Whether the message quotes `value` (or, with `bare`, names it between blanks)."""
    if not value:
        return False
    if f"'{value}'" in message or f'"{value}"' in message:
        return True
    return bare and re.search(rf"(?<=\s){re.escape(value)}(?=[\s,;]|$)", message) is not None


def refine(an: Analysis, el: Element, tok: Token, message: str) -> tuple[int, int] | None:
    """The span inside `el` a message is about (see the module docstring), or None."""
    text = an.text
    for a in attributes(text, tok):
        value = text[a.value_start : a.value_end]
        if (
            (":" in a.name and a.name in message)
            or f"}}{a.local}'" in message
            or (_mentions(message, a.local) and _quotes(message, value))
        ):
            return a.value_start, a.value_end
    if len(el) == 0:
        span = an.content(el)
        if span is not None and span[0] < span[1] and _quotes(message, text[span[0] : span[1]]):
            return span
    for child in el.iterchildren(etree.Element):
        if len(child) or not _mentions(message, local_name(child.tag)):
            continue
        span = an.content(child)
        if (
            span is not None
            and span[0] < span[1]
            and _quotes(message, text[span[0] : span[1]], True)
        ):
            return span
    return None
