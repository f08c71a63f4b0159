"""Validation of OVF descriptors: XML Schema plus the DSP0243 rules the schema cannot express.

    report = validate("appliance.ovf")
    if not report.ok:
        for d in report.diagnostics:
            print(d.format_text())

The descriptor is parsed once, with the hardened parser, into an lxml tree; the rules read that
tree (never the typed model, whose construction would cost more than all the checks) and the
XML Schema validates the same tree. Rules have stable codes (see `ovfmodel.diagnostics.CATALOG`
and docs/rules.md) and can be selected or ignored by code or code prefix, like a linter:
`select=["OVF4"]`, `ignore=["OVF107", "OVF305"]`. Other checkers plug in through `checkers`
(functions of the typed document, parsed only when a checker is given) or `extra`
(diagnostics found elsewhere, such as the package checker's PKG rules); selection applies to
them too. `validate_package` checks an OVA or a package folder: descriptor and package.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ovfmodel.diagnostics import CATALOG, Diagnostic, Location, Report, make
from ovfmodel.errors import OvfParseError
from ovfmodel.gcpause import gc_paused
from ovfmodel.xmlsafe import Source, read_source

from . import rules, semantic
from .ovf09 import adopt_unqualified
from .rules import sort_diagnostics
from .source import SourceDoc
from .structure import check_structure
from .xsd import schema_for, validate_xsd

if TYPE_CHECKING:  # the typed model is imported only for documents, checkers and `against`
    from ovfmodel.document import OvfDocument

Checker = Callable[["OvfDocument"], Iterable[Diagnostic]]
"""A function adding diagnostics for the typed document (parsed lazily, only for checkers)."""

__all__ = [
    "Checker",
    "Selector",
    "matches",
    "rules",
    "unknown_selectors",
    "validate",
    "validate_package",
]

Selector = str | Iterable[str] | None
SERIALIZED = " (as serialized)"


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


def _is_package_path(source: Source | OvfDocument) -> bool:
    if isinstance(source, str) and source.lstrip().startswith("<"):
        return False
    if not isinstance(source, str | Path):
        return False
    try:
        path = Path(source)
        return path.is_dir() or (path.suffix.lower() == ".ova" and path.is_file())
    except (OSError, ValueError):  # ValueError: a NUL character in the path
        return False


def _document(source: object) -> OvfDocument | None:
    """`source` if it is an OvfDocument, else None. Only ovfmodel.document makes them: until it
    is imported (validating a path or bytes never imports it) nothing is one."""
    module = sys.modules.get("ovfmodel.document")
    cls = getattr(module, "OvfDocument", None)
    return source if cls is not None and isinstance(source, cls) else None


def _serialized(doc: OvfDocument) -> tuple[bytes, str]:
    """The bytes to validate for a typed document, and how to name them: the document's source
    when it serializes back to exactly what was read, else `<source> (as serialized)` (the
    locations are then those of the serialized text)."""
    from ovfmodel.document import serialize

    data = serialize(doc)
    if doc._text is not None and data == doc._text and doc.source:
        return data, doc.source
    return data, (doc.source or "<document>") + SERIALIZED


def validate(
    source: Source | OvfDocument,
    *,
    select: Selector = None,
    ignore: Selector = None,
    xsd: bool = True,
    checkers: Iterable[Checker] = (),
    extra: Iterable[Diagnostic] = (),
    name: str | None = None,
    targets: Selector = None,
    against: Source | OvfDocument | None = None,
) -> Report:
    """Validate an OVF descriptor (path, bytes, XML text, binary file or OvfDocument), or an OVF
    environment document (ovf-env.xml: DSP8027 schema and DSP0243 11.1, OVF7xx).

    Returns a Report whose `.ok` is true when no diagnostic is an error. Unreadable input is
    reported as OVF001 with the parser's line and column, never raised. `select`/`ignore` take
    codes or prefixes (a list or a comma-separated string); `xsd=False` skips schema validation
    (misplaced elements and mistyped values are then reported as OVF003/OVF004 instead of
    OVF901). An OvfDocument is validated as `ovfmodel.serialize` writes it. A path to an OVA or
    a package folder is checked with `validate_package`. `name` labels bytes, text and streams
    in diagnostics (default `<bytes>`, `<string>`, the stream's name). `targets` adds the
    rules of those importers (`["vsphere", "proxmox"]`, see `ovfmodel.portability`). `against`
    is the descriptor an environment document was made from: its keys and values are then
    checked against that descriptor's properties (ignored for descriptors); an unreadable
    `against` raises OvfParseError.
    """
    if _document(source) is None and _is_package_path(source):
        return validate_package(
            Path(source),  # type: ignore[arg-type]  # _is_package_path: a str or Path
            select=select,
            ignore=ignore,
            xsd=xsd,
            checkers=checkers,
            extra=extra,
            targets=targets,
        )
    report, _ = _validate(source, select, ignore, xsd, checkers, extra, name, targets, against)
    return report


def _validate(
    source: Source | OvfDocument,
    select: Selector,
    ignore: Selector,
    xsd: bool,
    checkers: Iterable[Checker],
    extra: Iterable[Diagnostic],
    name: str | None,
    targets: Selector = None,
    against: Source | OvfDocument | None = None,
) -> tuple[Report, SourceDoc | None]:
    """`validate` for a descriptor, also returning the parsed source (None if unreadable)."""
    chosen, dropped = _codes(select), _codes(ignore) or []
    diags: list[Diagnostic] = list(extra)
    doc = _document(source)
    label: str | None = None
    try:
        if doc is not None:
            data, label = _serialized(doc)
        else:
            data, label = read_source(source, name)  # type: ignore[arg-type]  # not a document
        src = SourceDoc.load(data, label)
    except OvfParseError as exc:
        text = exc.message + (f". {exc.hint}" if exc.hint else "")
        file = exc.file or label
        loc = Location(file=file, line=exc.line, column=exc.column, path=exc.path)
        diags.append(make(rules.UNREADABLE, text, loc))
        return _report(file, diags, chosen, dropped), None
    # tens of thousands of short-lived objects, none of them cyclic garbage; the report's are
    # kept by the caller: moved to the oldest generation at once instead of walked (keep=True)
    with gc_paused(keep=True):
        if src.environment:
            report = _check_environment(src, diags, chosen, dropped, xsd=xsd, against=against)
        else:
            report = _check(
                src, doc, diags, chosen, dropped, xsd=xsd, checkers=checkers, targets=targets
            )
    return report, src


def _check_environment(
    src: SourceDoc,
    diags: list[Diagnostic],
    chosen: list[str] | None,
    dropped: list[str],
    *,
    xsd: bool,
    against: Source | OvfDocument | None,
) -> Report:
    """An OVF environment document: 11.1 (and, with `against`, the descriptor's properties)
    and the DSP8027 schema."""
    from . import envdoc

    descriptor = None
    if against is not None:
        from ovfmodel.document import parse

        descriptor = _document(against)
        if descriptor is None:
            descriptor = parse(against)  # type: ignore[arg-type]  # not a document
    lines = envdoc.run(src, descriptor)
    diags.extend(src.out)
    if xsd and _wanted("OVF9", chosen, dropped):
        schema, why = schema_for(src)
        if why is not None:
            diags.append(why)
        if schema is not None:
            diags.extend(validate_xsd(src, schema, lines))
    return _report(src.file, diags, chosen, dropped)


def _check(
    src: SourceDoc,
    doc: OvfDocument | None,
    diags: list[Diagnostic],
    chosen: list[str] | None,
    dropped: list[str],
    *,
    xsd: bool,
    checkers: Iterable[Checker],
    targets: Selector = None,
) -> Report:
    adopt_unqualified(src)  # OVF 0.9 elements in no namespace are read as OVF elements
    schema = None
    if xsd and _wanted("OVF9", chosen, dropped):
        schema, why = schema_for(src)
        if why is not None:
            diags.append(why)
    # without a schema verdict, what it would report comes from the binder's plans instead
    lines = semantic.run(src, types=schema is None)
    if targets:  # the importers' rules; before validate_xsd, which strips vendor sections
        from ovfmodel import portability

        portability.check(src, targets)
    if schema is None:
        unexpected = _wanted(rules.UNEXPECTED_ELEMENT.code, chosen, dropped)
        values = _wanted(rules.BAD_VALUE.code, chosen, dropped)
        if unexpected or values:
            check_structure(src, lines, unexpected=unexpected, values=values)
    diags.extend(src.out)
    if schema is not None:
        diags.extend(validate_xsd(src, schema, lines))
    checkers = list(checkers)
    if checkers:
        from ovfmodel.document import parse

        typed = doc if doc is not None else parse(src.data, name=src.file)
        for checker in checkers:
            diags.extend(checker(typed))
    return _report(src.file, diags, chosen, dropped)


def _wanted(prefix: str, chosen: list[str] | None, dropped: list[str]) -> bool:
    """Whether any code starting with `prefix` can survive the selection."""
    codes = [r.code for r in CATALOG if r.code.startswith(prefix)]
    return any((chosen is None or matches(c, chosen)) and not matches(c, dropped) for c in codes)


def _select(
    diags: Iterable[Diagnostic], chosen: list[str] | None, dropped: list[str]
) -> list[Diagnostic]:
    if chosen is None and not dropped:
        return list(diags)
    return [
        d
        for d in diags
        if (chosen is None or matches(d.code, chosen)) and not matches(d.code, dropped)
    ]


def _report(
    file: str | None, diags: list[Diagnostic], chosen: list[str] | None, dropped: list[str]
) -> Report:
    return Report(source=file, diagnostics=sort_diagnostics(_select(diags, chosen, dropped)))


from .packages import validate_package  # noqa: E402  (it calls back into validate)
