"""One descriptor as the validator sees it: its bytes, its lxml tree and where things are.

The validator never builds the typed model: the rules read the XML infoset directly (parsing the
bytes once with the hardened parser) and the XML Schema check reuses the same tree. libxml2
records only the line of an element, so columns are computed for reported diagnostics alone,
from the source lines split once per document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TypeAlias, TypeVar

from lxml import etree

from ovfmodel.diagnostics import Diagnostic, Location, Rule
from ovfmodel.document import MODEL_NS, OVF1_NS, OVF2_NS, Family, family_for
from ovfmodel.errors import OvfParseError
from ovfmodel.markup import tokens
from ovfmodel.starttags import LAST_EXACT_LINE
from ovfmodel.xmlsafe import parse_xml

ENV_NS = "http://schemas.dmtf.org/ovf/environment/1"  # ovfmodel.environment.ENV_NS

Element: TypeAlias = etree._Element
_M = TypeVar("_M", Location, Diagnostic)

# longest source line searched for a column (longer ones hold many elements anyway, so the first
# start tag of a name is not necessarily the one meant)
MAX_COLUMN_SEARCH = 65536
_TAG_END = frozenset(bytes([c]) for c in b" \t\r\n/>")


class SourceDoc:
    """A parsed descriptor (or OVF environment document) plus the diagnostics found in it so
    far.

    `ns` is the envelope namespace the file is written in (OVF 1.x, 2.x or VMware's 0.9, or the
    environment namespace when `environment` is true); `family` the generated classes whose
    binding plans describe an envelope.
    """

    def __init__(self, data: bytes, file: str | None, tree: etree._ElementTree) -> None:
        self.data = data
        self.file = file
        self.tree = tree
        self.root: Element = tree.getroot()
        tag = self.root.tag if isinstance(self.root.tag, str) else ""
        self.ns = tag[1:].partition("}")[0] if tag.startswith("{") else ""
        self.environment = tag == "{" + ENV_NS + "}Environment"
        known = self.environment or self.ns in MODEL_NS
        if not known or tag.rpartition("}")[2] not in ("Envelope", "Environment"):
            raise OvfParseError(
                f"the root element is {tag or self.root.tag!r}, not an OVF Envelope (nor an "
                "OVF environment)",
                file=file,
                line=self.root.sourceline,
                column=1,
                hint=f"an OVF descriptor's root is Envelope in namespace {OVF2_NS} or {OVF1_NS}",
            )
        self.out: list[Diagnostic] = []
        self._lines: list[bytes] | None = None
        self._locations: dict[tuple[Element | None, str | None], Location] = {}
        self._needles: dict[tuple[str, str | None], bytes] = {}
        self._order: dict[Element, tuple[int, list[int]]] | None = None

    @property
    def family(self) -> Family:
        """The envelope classes (imported on first use; the 1.x ones for an environment)."""
        family = family_for(OVF1_NS if self.environment else self.ns)
        assert family is not None  # the namespace was checked when the document was loaded
        return family

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
        if src is None or len(src) > MAX_COLUMN_SEARCH:
            return None  # a document on one line: searching it for every diagnostic is too slow
        needle = self._needles.get((tag, prefix))
        if needle is None:
            local = tag.rpartition("}")[2]
            needle = ("<" + (f"{prefix}:{local}" if prefix else local)).encode("utf-8")
            self._needles[(tag, prefix)] = needle
        found = _find_tag(src, needle)
        if found is None and prefix:  # an element renamed from no namespace (OVF 0.9, OVF007)
            found = _find_tag(src, ("<" + tag.rpartition("}")[2]).encode("utf-8"))
        return found or 1

    def long_position(self, el: Element) -> tuple[int | None, int | None]:
        """Line and column of an element past line 65534, where libxml2's line is that of the
        text after the start tag: the n-th element in document order is the n-th start tag of
        the text (`ovfmodel.markup.tokens`), found in one scan on first use."""
        if self._order is None:
            encoding = self.tree.docinfo.encoding or "utf-8"
            try:
                text = self.data.decode(encoding, "replace")
            except LookupError:
                text = self.data.decode("utf-8", "replace")
            elements = list(self.root.iter(etree.Element))
            tags = [t for t in tokens(text) if t.kind != "end"]
            starts = [0] + [m.end() for m in re.finditer("\n", text)]
            self._order = {}
            if len(elements) == len(tags):  # else entities expand to elements: no pairing
                self._order = {el: (t.start, starts) for el, t in zip(elements, tags, strict=True)}
        found = self._order.get(el)
        if found is None:  # the text and the tree disagree (entities expanding to elements)
            return el.sourceline, None
        offset, starts = found
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    # --- reporting ---------------------------------------------------------------------------

    def report(self, rule: Rule, message: str, el: Element | None, path: str | None) -> None:
        """A diagnostic of `rule` at element `el` (line and column where its start tag is)."""
        key = (el, path)
        where = self._locations.get(key)
        if where is None:  # an element often gets more than one diagnostic: located once
            line = column = None
            if el is not None:
                line = el.sourceline
                if line is not None and line >= LAST_EXACT_LINE and isinstance(el.tag, str):
                    line, column = self.long_position(el)
                elif line is not None and isinstance(el.tag, str):
                    column = self.column(line, el.tag, el.prefix)
            where = self._locations[key] = location(self.file, line, column, path)
        self.out.append(diagnostic(rule, message, where))


def _find_tag(src: bytes, needle: bytes) -> int | None:
    """1-based column of the start tag `needle` (`<prefix:local`) in one source line."""
    pos = src.find(needle)
    while pos >= 0:  # `<Item` must not match `<ItemX`
        after = src[pos + len(needle) : pos + len(needle) + 1]
        if not after or after in _TAG_END:
            before = src[:pos]
            return (pos if before.isascii() else len(before.decode("utf-8", "replace"))) + 1
        pos = src.find(needle, pos + 1)
    return None


# pydantic's validated construction costs about 5 us a diagnostic, a fifth of the time of a
# descriptor with thousands of findings. Codes, severities and locations made by the rules are
# well-typed, so the models are assembled the way `model_construct` does it (every field set),
# without its per-field overhead. tests/test_validation.py checks that the result equals,
# dumps and hashes like a validated one.
_LOCATION_FIELDS = frozenset(Location.model_fields)
_DIAGNOSTIC_FIELDS = frozenset(Diagnostic.model_fields)
_set = object.__setattr__


def location(file: str | None, line: int | None, column: int | None, path: str | None) -> Location:
    """`Location(file=..., line=..., column=..., path=...)` for data the validator made."""
    found = _new(Location)
    _set(found, "__dict__", {"file": file, "line": line, "column": column, "path": path})
    _set(found, "__pydantic_fields_set__", set(_LOCATION_FIELDS))
    _set(found, "__pydantic_extra__", None)
    _set(found, "__pydantic_private__", None)
    return found


def diagnostic(rule: Rule, message: str, where: Location) -> Diagnostic:
    """`make(rule, message, where)` for data the validator made."""
    found = _new(Diagnostic)
    _set(
        found,
        "__dict__",
        {
            "code": rule.code,
            "severity": rule.severity,
            "message": message,
            "spec": rule.spec,
            "location": where,
        },
    )
    _set(found, "__pydantic_fields_set__", set(_DIAGNOSTIC_FIELDS))
    _set(found, "__pydantic_extra__", None)
    _set(found, "__pydantic_private__", None)
    return found


def _new(cls: type[_M]) -> _M:
    return cls.__new__(cls)
