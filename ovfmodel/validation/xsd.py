"""XML Schema validation against the pristine DMTF schema of the document's version.

Schemas are compiled offline through the catalog (ovfmodel.schemas). Extension sections (children
of Envelope, VirtualSystem and VirtualSystemCollection in a non-DMTF namespace) are removed from a
private copy of the tree before validation: DSP0243 allows them (7.3) but the pristine schema
cannot know them, and libxml2 stops checking the rest of a parent's children after the first
element it does not expect, so leaving them in would hide real errors behind them. The semantic
rules report those sections (OVF304/OVF305). Line numbers survive the removal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import cast

from lxml import etree

from ovfmodel import schemas
from ovfmodel.diagnostics import Diagnostic, Location, make
from ovfmodel.document import OVF09_NS, OvfDocument
from ovfmodel.errors import OvfError, SchemaNotFoundError
from ovfmodel.xmlsafe import parse_xml

from . import rules
from .paths import LineIndex

_DMTF = "http://schemas.dmtf.org/"
_CONTAINERS = ("Envelope", "VirtualSystem", "VirtualSystemCollection")
_NS_IN_MESSAGE = "Element '{"


def _foreign(tag: object) -> bool:
    return isinstance(tag, str) and tag.startswith("{") and not tag.startswith("{" + _DMTF)


def _strip_extension_sections(root: etree._Element, ovf_ns: str) -> None:
    stack = [root]
    while stack:
        node = stack.pop()
        for child in list(node):
            tag = child.tag
            if _foreign(tag):
                node.remove(child)
            elif isinstance(tag, str) and tag in {f"{{{ovf_ns}}}{c}" for c in _CONTAINERS[1:]}:
                stack.append(child)


_ELEMENT = re.compile(r"^Element '(?:\{[^}]*\})?([^']+)'")


def _column(text_lines: list[bytes], line: int, message: str) -> int | None:
    """libxml2 reports no column for schema errors: find the element's start tag on its line."""
    if line > len(text_lines):
        return None
    match = _ELEMENT.match(message)
    src = text_lines[line - 1].decode("utf-8", "replace")
    if match:
        found = re.search(r"<(?:[\w.-]+:)?" + re.escape(match.group(1)) + r"[\s/>]", src + " ")
        if found:
            return found.start() + 1
    stripped = len(src) - len(src.lstrip())
    return stripped + 1 if src.strip() else None


def validate_xsd(
    doc: OvfDocument, file: str | None, lines: LineIndex | None = None
) -> list[Diagnostic]:
    """Schema diagnostics for one document (an info for OVF 0.9, a warning without schemas)."""
    if doc.namespace == OVF09_NS:
        return [
            make(
                rules.XSD_NO_SCHEMA,
                "OVF 0.9 (VMware's pre-standard namespace) has no "
                "DMTF schema; schema validation skipped, semantic rules applied",
                Location(file=file),
            )
        ]
    try:
        schema = schemas.for_namespace(doc.namespace)
    except SchemaNotFoundError as exc:
        return [make(rules.XSD_MISSING, str(exc), Location(file=file))]
    except OvfError as exc:  # an integrity problem with the installed files
        return [make(rules.XSD_MISSING, str(exc), Location(file=file))]
    if schema is None or doc._text is None:
        return [
            make(
                rules.XSD_NO_SCHEMA,
                f"no DMTF schema for namespace {doc.namespace}",
                Location(file=file),
            )
        ]
    tree = parse_xml(doc._text, file or "<input>")
    root = tree.getroot()
    _strip_extension_sections(root, doc.namespace)
    if schema.validate(tree):
        return []
    out: list[Diagnostic] = []
    text_lines: list[bytes] = []
    for entry in cast(Iterable[etree._LogEntry], schema.error_log):
        message = entry.message
        line = entry.line or None
        column = entry.column or None
        if line is not None and column is None:
            if not text_lines:
                text_lines = doc._text.split(b"\n")
            column = _column(text_lines, line, message)
        path = lines.lookup(line) if lines is not None else None
        rule = rules.XSD_ERROR
        if message.startswith(_NS_IN_MESSAGE):
            ns = message[len(_NS_IN_MESSAGE) :].split("}", 1)[0]
            if not ns.startswith(_DMTF):
                rule = rules.XSD_EXTENSION
        elif "attribute '{" in message:
            ns = message.split("attribute '{", 1)[1].split("}", 1)[0]
            if not ns.startswith(_DMTF):
                rule = rules.XSD_EXTENSION
        out.append(make(rule, message, Location(file=file, line=line, column=column, path=path)))
    return out
