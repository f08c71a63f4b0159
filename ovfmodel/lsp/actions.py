"""Code actions for the findings with one obvious fix.

- a reference that names nothing (OVF108, OVF202, OVF206, OVF402, OVF403, OVF404, OVF501,
  OVF605): remove it (the attribute, the one name of an ovf:configuration list, or the
  HostResource/Connection/Parent element with its line); for a missing File, add the File to
  References;
- an unknown section required (OVF304): set ovf:required="false";
- a File whose ovf:size differs from the file beside the descriptor (or has none): set it.

Every edit is a text edit on an exact span; nothing else in the file changes.
"""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from .analysis import Analysis, Element, local_name, namespace
from .diagnostics import SOURCE, to_range
from .references import Ref

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
QUICKFIX = lsp.CodeActionKind.QuickFix


def _action(
    an: Analysis, title: str, edits: list[tuple[int, int, str]], diag: lsp.Diagnostic | None
) -> lsp.CodeAction:
    return lsp.CodeAction(
        title=title,
        kind=QUICKFIX,
        diagnostics=[diag] if diag is not None else None,
        edit=lsp.WorkspaceEdit(
            changes={
                an.uri: [lsp.TextEdit(range=to_range(an, s, e), new_text=t) for s, e, t in edits]
            }
        ),
    )


def _line_span(an: Analysis, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole lines when only blanks share them (the indentation before,
    the line break after)."""
    text = an.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end + 1
    if text[line_start:start].strip() or text[end:line_end].strip():
        return start, end
    return line_start, line_end


def _remove_attribute(an: Analysis, el: Element, clark: str) -> tuple[int, int] | None:
    found = an.attr(el, clark)
    if found is None:
        return None
    start = found.name_start
    while start > 0 and an.text[start - 1] in " \t\r\n":
        start -= 1
    return start, found.value_end + 1


def _remove(an: Analysis, ref: Ref) -> tuple[str, list[tuple[int, int, str]]] | None:
    el = ref.element
    ovf = an.ovf
    if ref.kind == "configuration":
        found = an.attr(el, ovf("configuration"))
        if found is None:
            return None
        names = an.text[found.value_start : found.value_end].split()
        if len(names) > 1:
            start, end = ref.start, ref.end
            while end < found.value_end and an.text[end].isspace():
                end += 1
            if end == found.value_end:  # the last name: take the blank before it instead
                while start > found.value_start and an.text[start - 1].isspace():
                    start -= 1
            return f"Remove configuration '{ref.key}' from the list", [(start, end, "")]
        span = _remove_attribute(an, el, ovf("configuration"))
        return (f'Remove ovf:configuration="{ref.key}"', [(*span, "")]) if span else None
    attribute = {"file": "fileRef", "disk": "parentRef", "message": "msgid"}.get(ref.kind)
    if (
        attribute is not None
        and namespace(el.tag) == an.ovf_ns
        and local_name(el.tag) != "HostResource"
    ):
        if ref.kind == "file" and local_name(el.tag) != "Disk":
            return None  # Icon, Strings and EnvironmentFiles need their fileRef
        span = _remove_attribute(an, el, ovf(attribute))
        return (f"Remove the dangling ovf:{attribute}", [(*span, "")]) if span else None
    extent = an.extent(el)
    if extent is None:
        return None
    start, end = _line_span(an, *extent)
    return f"Remove the dangling {local_name(el.tag)}", [(start, end, "")]


def _indent_before(an: Analysis, offset: int) -> str:
    line_start = an.text.rfind("\n", 0, offset) + 1
    lead = an.text[line_start:offset]
    return lead if not lead.strip() else ""


def _add_file(an: Analysis, key: str) -> tuple[str, list[tuple[int, int, str]]] | None:
    root = an.root
    if root is None:
        return None
    ovf_ns = an.ovf_ns
    prefix = an.ovf_prefix
    attr = f"{prefix}:" if prefix else None
    if attr is None:
        return None  # no prefix to write ovf:href with
    refs = root.find(f"{{{ovf_ns}}}References")
    root_tag = an.tag(root)
    if root_tag is None:
        return None
    el_prefix = root_tag.name.rpartition(":")[0]
    el_name = f"{el_prefix}:File" if el_prefix else "File"
    new = f'<{el_name} {attr}href="{key}" {attr}id="{key}"/>'
    if refs is None:
        indent = "  "
        refs_name = f"{el_prefix}:References" if el_prefix else "References"
        text = f"\n{indent}<{refs_name}>\n{indent * 2}{new}\n{indent}</{refs_name}>"
        return f"Add References with File '{key}'", [(root_tag.end, root_tag.end, text)]
    files = [c for c in refs if c.tag == f"{{{ovf_ns}}}File"]
    anchor = files[-1] if files else None
    if anchor is not None:
        extent = an.extent(anchor)
        tag = an.tag(anchor)
        if extent is None or tag is None:
            return None
        indent = _indent_before(an, tag.start)
        return f"Add File '{key}' to References", [(extent[1], extent[1], f"\n{indent}{new}")]
    tag = an.tag(refs)
    if tag is None or tag.kind == "empty":
        return None
    indent = _indent_before(an, tag.start)
    return f"Add File '{key}' to References", [(tag.end, tag.end, f"\n{indent}  {new}")]


def _required_false(an: Analysis, el: Element) -> tuple[str, list[tuple[int, int, str]]] | None:
    tag = an.tag(el)
    if tag is None:
        return None
    found = an.attr(el, an.ovf("required"))
    if found is not None:
        return 'Set ovf:required="false"', [(found.value_start, found.value_end, "false")]
    attrs = an.attrs(el)
    at = attrs[-1].value_end + 1 if attrs else tag.name_end
    prefix = an.ovf_prefix
    if prefix is None:
        return None
    return 'Add ovf:required="false"', [(at, at, f' {prefix}:required="false"')]


def _size_fix(an: Analysis, el: Element) -> tuple[str, list[tuple[int, int, str]]] | None:
    if an.path is None or an.ovf_prefix is None:
        return None
    href = el.get(an.ovf("href")) or ""
    if not href or _URL.match(href) or href.startswith("/") or ".." in href.split("/"):
        return None
    target = an.path.parent / href
    try:
        if not target.is_file():
            return None
        size = target.stat().st_size
    except OSError:
        return None
    found = an.attr(el, an.ovf("size"))
    if found is not None:
        if an.text[found.value_start : found.value_end] == str(size):
            return None
        return f"Set ovf:size to {size} (the size of {href})", [
            (found.value_start, found.value_end, str(size))
        ]
    attrs = an.attrs(el)
    tag = an.tag(el)
    if tag is None:
        return None
    at = attrs[-1].value_end + 1 if attrs else tag.name_end
    return f'Add ovf:size="{size}" (the size of {href})', [
        (at, at, f' {an.ovf_prefix}:size="{size}"')
    ]


def code_actions(
    an: Analysis, start: int, end: int, diagnostics: list[lsp.Diagnostic]
) -> list[lsp.CodeAction]:
    if an.root is None:
        return []
    out: list[lsp.CodeAction] = []
    for diag in diagnostics:
        if diag.source != SOURCE:
            continue
        offset = an.map.offset(diag.range.start.line, diag.range.start.character)
        ref = an.refs.at(offset)
        if ref is not None and not ref.is_def and not an.refs.definitions(ref):
            if ref.kind == "file":
                fix = _add_file(an, ref.key)
                if fix is not None:
                    out.append(_action(an, fix[0], fix[1], diag))
            removal = _remove(an, ref)
            if removal is not None:
                out.append(_action(an, removal[0], removal[1], diag))
        if diag.code == "OVF304":
            el, _ = an.element_at(offset)
            fix = _required_false(an, el) if el is not None else None
            if fix is not None:
                out.append(_action(an, fix[0], fix[1], diag))
    seen: set[int] = set()
    for offset in (start, end):
        el, _ = an.element_at(offset)
        while el is not None and not (
            namespace(el.tag) == an.ovf_ns
            and local_name(el.tag) == "File"
            and el.getparent() is not None
            and local_name(el.getparent().tag) == "References"
        ):
            el = el.getparent()
        if el is None or id(el) in seen:
            continue
        seen.add(id(el))
        fix = _size_fix(an, el)
        if fix is not None:
            out.append(_action(an, fix[0], fix[1], None))
    return out
