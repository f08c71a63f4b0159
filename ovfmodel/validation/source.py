"""One descriptor as the validator sees it: its bytes, its lxml tree and where things are.

The validator never builds the typed model: the rules read the XML infoset directly (parsing the
bytes once with the hardened parser) and the XML Schema check reuses the same tree. libxml2
records only the line of an element, so columns are computed for reported diagnostics alone,
from the source lines split once per document.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TypeAlias

from lxml import etree

from ovfmodel.diagnostics import Diagnostic, Location, Rule, make
from ovfmodel.document import FAMILY_1, FAMILY_2, OVF09_NS, OVF1_NS, OVF2_NS, Family
from ovfmodel.errors import OvfParseError
from ovfmodel.xmlsafe import parse_xml

Element: TypeAlias = etree._Element

_FAMILIES = {OVF1_NS: FAMILY_1, OVF09_NS: FAMILY_1, OVF2_NS: FAMILY_2}


@cache
def _start_tag(qname: str) -> re.Pattern[str]:
    return re.compile("<" + re.escape(qname) + r"[\s/>]")


class SourceDoc:
    """A parsed descriptor plus the diagnostics found in it so far.

    `ns` is the envelope namespace the file is written in (OVF 1.x, 2.x or VMware's 0.9);
    `family` the generated classes whose binding plans describe it.
    """

    def __init__(self, data: bytes, file: str | None, tree: etree._ElementTree) -> None:
        self.data = data
        self.file = file
        self.tree = tree
        self.root: Element = tree.getroot()
        tag = self.root.tag if isinstance(self.root.tag, str) else ""
        self.ns = tag[1:].partition("}")[0] if tag.startswith("{") else ""
        family = _FAMILIES.get(self.ns)
        if family is None or tag.rpartition("}")[2] != "Envelope":
            raise OvfParseError(
                f"the root element is {tag or self.root.tag!r}, not an OVF Envelope",
                file=file,
                line=self.root.sourceline,
                column=1,
                hint=f"an OVF descriptor's root is Envelope in namespace {OVF2_NS} or {OVF1_NS}",
            )
        self.family: Family = family
        self.out: list[Diagnostic] = []
        self._lines: list[bytes] | None = None

    @classmethod
    def load(cls, data: bytes, file: str | None) -> SourceDoc:
        """Parse `data` safely; raises OvfParseError when it is not a readable OVF Envelope."""
        return cls(data, file, parse_xml(data, file or "<input>"))

    # --- locations ---------------------------------------------------------------------------

    def source_line(self, line: int) -> bytes | None:
        """One line of the source (1-based); the text is split once, on first use."""
        if self._lines is None:
            self._lines = self.data.split(b"\n")
        return self._lines[line - 1] if 0 < line <= len(self._lines) else None

    def column(self, line: int, tag: str, prefix: str | None) -> int | None:
        """1-based column of the start tag `<prefix:local` on `line` (1 if not found there)."""
        src = self.source_line(line)
        if src is None:
            return None
        local = tag.rpartition("}")[2]
        match = _start_tag(f"{prefix}:{local}" if prefix else local).search(
            src.decode("utf-8", "replace") + " "
        )
        return match.start() + 1 if match else 1

    def location(self, el: Element | None, path: str | None) -> Location:
        line = column = None
        if el is not None:
            line = el.sourceline
            if line is not None and isinstance(el.tag, str):
                column = self.column(line, el.tag, el.prefix)
        return Location(file=self.file, line=line, column=column, path=path)

    # --- reporting ---------------------------------------------------------------------------

    def report(self, rule: Rule, message: str, el: Element | None, path: str | None) -> None:
        self.out.append(make(rule, message, self.location(el, path)))

    def report_at(
        self, rule: Rule, message: str, line: int | None, column: int | None, path: str | None
    ) -> None:
        loc = Location(file=self.file, line=line, column=column, path=path)
        self.out.append(make(rule, message, loc))
