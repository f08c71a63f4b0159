"""Validation of OVF descriptors: XML Schema plus the DSP0243 rules the schema cannot express.

    report = validate("appliance.ovf")
    if not report.ok:
        for d in report.diagnostics:
            print(d.format_text())

Rules have stable codes (see `ovfmodel.diagnostics.CATALOG` and docs/rules.md) and can be
selected or ignored by code or code prefix, like a linter: `select=["OVF4"]`,
`ignore=["OVF107", "OVF305"]`. Other checkers (the package checker's PKG rules) plug in through
`checkers` (functions of the parsed document) or `extra` (diagnostics found elsewhere); selection
applies to them too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ovfmodel.diagnostics import CATALOG, Diagnostic, Location, Report, make
from ovfmodel.document import OvfDocument, parse
from ovfmodel.errors import OvfParseError
from ovfmodel.xmlsafe import Source

from . import rules
from .rules import sort_diagnostics
from .xsd import validate_xsd

Checker = Callable[[OvfDocument], Iterable[Diagnostic]]
"""A function adding diagnostics for a parsed document (e.g. the package checker)."""

__all__ = ["Checker", "Selector", "matches", "rules", "unknown_selectors", "validate"]

Selector = str | Iterable[str] | None


def _codes(selector: Selector) -> list[str] | None:
    if selector is None:
        return None
    items = [selector] if isinstance(selector, str) else list(selector)
    out: list[str] = []
    for item in items:
        out.extend(part.strip().upper() for part in item.split(",") if part.strip())
    return out


def matches(code: str, prefixes: Iterable[str]) -> bool:
    """True when `code` starts with one of `prefixes` ("OVF4" matches OVF401; "ALL" matches all)."""
    return any(p == "ALL" or code.startswith(p) for p in prefixes)


def unknown_selectors(selector: Selector) -> list[str]:
    """The entries of a selector that match no registered rule (for usage errors)."""
    return [c for c in _codes(selector) or [] if not any(matches(r.code, [c]) for r in CATALOG)]


def _label(source: Source | OvfDocument) -> str | None:
    if isinstance(source, OvfDocument):
        return source.source
    if isinstance(source, Path):
        return str(source)
    if isinstance(source, str) and not source.lstrip().startswith("<"):
        return source
    return None


def validate(
    source: Source | OvfDocument,
    *,
    select: Selector = None,
    ignore: Selector = None,
    xsd: bool = True,
    checkers: Iterable[Checker] = (),
    extra: Iterable[Diagnostic] = (),
) -> Report:
    """Validate an OVF descriptor (path, bytes, XML text, binary file or parsed OvfDocument).

    Returns a Report whose `.ok` is true when no diagnostic is an error. Unreadable input is
    reported as OVF001 with the parser's line and column, never raised. `select`/`ignore` take
    codes or prefixes (a list or a comma-separated string); `xsd=False` skips schema validation.
    """
    chosen, dropped = _codes(select), _codes(ignore) or []
    label = _label(source)
    diags: list[Diagnostic] = list(extra)
    if isinstance(source, OvfDocument):
        doc = source
    else:
        try:
            doc = parse(source)
        except OvfParseError as exc:
            text = exc.message + (f". {exc.hint}" if exc.hint else "")
            loc = Location(file=exc.file or label, line=exc.line, column=exc.column, path=exc.path)
            diags.append(make(rules.UNREADABLE, text, loc))
            return _report(exc.file or label, diags, chosen, dropped)
    file = doc.source or label
    semantic, lines = rules.run(doc, file)
    diags.extend(semantic)
    if xsd and _wanted("OVF9", chosen, dropped):
        diags.extend(validate_xsd(doc, file, lines))
    for checker in checkers:
        diags.extend(checker(doc))
    return _report(file, diags, chosen, dropped)


def _wanted(prefix: str, chosen: list[str] | None, dropped: list[str]) -> bool:
    """Whether any code starting with `prefix` can survive the selection."""
    codes = [r.code for r in CATALOG if r.code.startswith(prefix)]
    return any((chosen is None or matches(c, chosen)) and not matches(c, dropped) for c in codes)


def _report(
    file: str | None, diags: list[Diagnostic], chosen: list[str] | None, dropped: list[str]
) -> Report:
    kept = [
        d
        for d in diags
        if (chosen is None or matches(d.code, chosen)) and not matches(d.code, dropped)
    ]
    return Report(source=file, diagnostics=sort_diagnostics(kept))
