"""XML Schema validation against the pristine DMTF schemas, on the tree the rules read.

Vendor extension sections (children of Envelope, VirtualSystem and VirtualSystemCollection in a
foreign namespace) are not members of the ovf:Section substitution group, so the pristine schema
rejects every one of them, and libxml2 stops checking the rest of their parent at the first one,
so leaving them in would hide real errors behind them. They are removed from the tree before
validation (the semantic rules have already read it and report those sections as OVF304/OVF305);
line numbers survive the removal.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import cast

from lxml import etree

from ovfmodel import schemas
from ovfmodel.diagnostics import Diagnostic, Location, make
from ovfmodel.display import clip
from ovfmodel.errors import OvfError, SchemaNotFoundError
from ovfmodel.namespaces import OVF09_NS
from ovfmodel.starttags import LAST_EXACT_LINE, MAX_COLUMN_SEARCH

from . import rules
from .paths import LineIndex
from .source import SourceDoc

_DMTF = "http://schemas.dmtf.org/"
_CONTAINERS = ("VirtualSystem", "VirtualSystemCollection")
_NS_IN_MESSAGE = "Element '{"
_ELEMENT = re.compile(r"^Element '(?:\{[^}]*\})?([^']+)'")


# libxml2 quotes the offending value in full: a number of thousands of digits is cut (names
# with their namespace, the longest other quoted text, stay well under this length)
_LONG_QUOTED = re.compile(r"'([^']{200,})'")


def _clipped(match: re.Match[str]) -> str:
    return clip(match.group(1))


def _foreign(tag: object) -> bool:
    return isinstance(tag, str) and tag.startswith("{") and not tag.startswith("{" + _DMTF)


def _strip_extension_sections(root: etree._Element, ovf_ns: str) -> None:
    containers = {f"{{{ovf_ns}}}{c}" for c in _CONTAINERS}
    stack = [root]
    while stack:
        node = stack.pop()
        for child in list(node):
            tag = child.tag
            if _foreign(tag):
                node.remove(child)
            elif isinstance(tag, str) and tag in containers:
                stack.append(child)


def schema_for(src: SourceDoc) -> tuple[etree.XMLSchema | None, Diagnostic | None]:
    """The DMTF schema of the document's version, or the diagnostic telling why there is none
    (an info for OVF 0.9, a warning when the schemas are not installed)."""
    where = Location(file=src.file)
    if src.ns == OVF09_NS:
        message = (
            "OVF 0.9 (VMware's pre-standard namespace) has no DMTF schema; schema validation "
            "skipped, semantic rules applied"
        )
        return None, make(rules.XSD_NO_SCHEMA, message, where)
    try:
        schema = schemas.for_namespace(src.ns)
    except SchemaNotFoundError as exc:
        return None, make(rules.XSD_MISSING, str(exc), where)
    except OvfError as exc:  # an integrity problem with the installed files
        return None, make(rules.XSD_MISSING, str(exc), where)
    if schema is None:
        message = f"no DMTF schema for namespace {src.ns}"
        return None, make(rules.XSD_NO_SCHEMA, message, where)
    return schema, None


def _column(src: SourceDoc, line: int, message: str) -> int | None:
    """libxml2 reports no column for schema errors: find the element's start tag on its line."""
    raw = src.source_line(line)
    if raw is None or len(raw) > MAX_COLUMN_SEARCH:
        return None
    text = raw.decode("utf-8", "replace")
    match = _ELEMENT.match(message)
    if match:
        found = re.search(r"<(?:[\w.-]+:)?" + re.escape(match.group(1)) + r"[\s/>]", text + " ")
        if found:
            return found.start() + 1
    stripped = len(text) - len(text.lstrip())
    return stripped + 1 if text.strip() else None


class _Guards:
    """One lock per compiled schema object, held while it validates and its errors are read.

    lxml's XMLSchema object keeps the error log of its last run: two threads validating with
    one object clear, mix and lose each other's errors. Lending each thread an object of its
    own would need compiling more while other threads parse, which libxml2 does not always
    survive (imports then fail to resolve), so validations with one schema take turns; the
    parsing and the rules around them still run in parallel.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._guards: dict[int, tuple[etree.XMLSchema, threading.Lock]] = {}

    def guard(self, schema: etree.XMLSchema) -> threading.Lock:
        with self._lock:
            entry = self._guards.get(id(schema))
            if entry is None or entry[0] is not schema:  # keeps `schema` alive with its id
                entry = self._guards[id(schema)] = (schema, threading.Lock())
            return entry[1]


_GUARDS = _Guards()


def validate_xsd(src: SourceDoc, schema: etree.XMLSchema, lines: LineIndex) -> list[Diagnostic]:
    """Schema diagnostics for the document. Removes extension sections from `src.tree` in
    place (copying the tree would cost as much as parsing it): run the rules first.

    Safe from several threads at once: `schema` is used by this call alone while it
    validates."""
    _strip_extension_sections(src.root, src.ns)
    with _GUARDS.guard(schema):
        if schema.validate(src.tree):
            return []
        errors = cast(Iterable[etree._LogEntry], schema.error_log)  # a copy: ours alone
    out: list[Diagnostic] = []
    for entry in errors:
        message = entry.message
        line = entry.line or None
        column = entry.column or None
        path = lines.lookup(line)  # indexed by libxml2's lines, as the error's
        if line is not None and line >= LAST_EXACT_LINE:
            line, column = _exact_position(src, entry, line)
        elif line is not None and column is None:
            column = _column(src, line, message)
        rule = rules.XSD_ERROR
        if message.startswith(_NS_IN_MESSAGE):
            ns = message[len(_NS_IN_MESSAGE) :].split("}", 1)[0]
            if not ns.startswith(_DMTF):
                rule = rules.XSD_EXTENSION
        elif "attribute '{" in message:
            ns = message.split("attribute '{", 1)[1].split("}", 1)[0]
            if not ns.startswith(_DMTF):
                rule = rules.XSD_EXTENSION
        where = Location(file=src.file, line=line, column=column, path=path)
        out.append(make(rule, _LONG_QUOTED.sub(_clipped, message), where))
    return out


def _exact_position(
    src: SourceDoc, entry: etree._LogEntry, line: int
) -> tuple[int | None, int | None]:
    """Where the element a schema error is about starts, past libxml2's exact lines (its line
    is then that of the text after the start tag): the error's node path names the element
    (in the tree as validated); otherwise the line as libxml2 gave it."""
    try:
        found = src.tree.xpath(entry.path) if entry.path else []
    except etree.XPathError:
        found = []
    if len(found) == 1 and isinstance(found[0], etree._Element):
        return src.long_position(found[0])
    return line, None
