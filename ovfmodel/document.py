"""Reading and writing OVF descriptors: `parse`, `serialize`, `write` and `OvfDocument`.

OVF 1.x and 2.x bind to the classes generated from their DMTF schemas. OVF 0.9 (VMware's
pre-standard namespace) has no DMTF schema: it binds to the 1.x classes through a namespace alias
and `xsi:type` (0.9 wrote `<Section xsi:type="ovf:DiskSection_Type">`), and is written back in its
own namespace. Whatever does not fit the classes is kept in each object's SourceInfo, so that
`serialize(parse(x))` gives back `x`.
"""

from __future__ import annotations

import importlib
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Union

from lxml import etree

from . import plantable
from .binding import (
    INFO_ATTR,
    Binder,
    SourceInfo,
    model_equal,
    source_info,
    unconvertible_fields,
)
from .display import clip
from .errors import OvfParseError, OvfStrictError
from .gcpause import gc_paused

# every name of ovfmodel.namespaces is ovfmodel.document's too (OVF2_NS and the rest)
from .namespaces import *  # noqa: F403
from .namespaces import (
    EPASD_NS,
    MODEL_NS,
    OVF09_NS,
    OVF1_NS,
    OVF2_NS,
    RASD_NS,
    SASD_NS,
    VSSD_NS,
    XSI_NS,
    ns_aliases,
)
from .starttags import (
    LAST_EXACT_LINE,
    MAX_COLUMN_SEARCH,
    char_column,
    find_start_tag,
    may_spell,
)
from .writer import Writer
from .xmlsafe import Source, parse_xml, read_source, xml_declaration

if TYPE_CHECKING:
    from ._generated import ovf_envelope_1 as ovf1
    from ._generated import ovf_envelope_2 as ovf2

    Envelope = Union[ovf1.Envelope, ovf2.Envelope]  # noqa: UP007 (a runtime alias users import)
    FAMILY_1: Family
    FAMILY_2: Family

# parse binds repeated simple-content children (RASD items, disks, ...) on first read (see
# ovfmodel.lazy); False binds everything at once (tests compare the two)
LAZY = True


@dataclass(frozen=True)
class Family:
    """One set of generated classes and how a source namespace maps onto it."""

    module: ModuleType
    root: type
    model_ns: str
    root_decl: tuple[tuple[str | None, str], ...]

    @property
    def xsi_types(self) -> dict[str, str]:
        """xsi:type QName -> class key (OVF 0.9 and vendor files use xsi:type on sections)."""
        return plantable.xsi_types(self.module.__name__.rpartition(".")[2])

    @property
    def types_by_qname(self) -> dict[str, type]:
        """xsi:type QName -> class; imports every class it names (xsi_types does not)."""
        return {qname: plantable.resolve(key) for qname, key in self.xsi_types.items()}

    def binder(self, source_ns: str) -> Binder:
        binder = Binder(self.xsi_types, ns_aliases(source_ns, self.model_ns))
        binder.plans = _shared_plans(self.module.__name__)  # plans are built once per process
        return binder

    def writer(self, source_ns: str) -> Writer:
        rename = {self.model_ns: source_ns} if source_ns != self.model_ns else {}
        return Writer(self.binder(source_ns), rename)


@cache
def _shared_plans(module_name: str) -> dict[type, Any]:
    return {}


_STD_DECL_1: tuple[tuple[str | None, str], ...] = (
    ("ovf", OVF1_NS),
    ("rasd", RASD_NS),
    ("vssd", VSSD_NS),
    ("xsi", XSI_NS),
)
_STD_DECL_2: tuple[tuple[str | None, str], ...] = (
    ("ovf", OVF2_NS),
    ("rasd", RASD_NS),
    ("vssd", VSSD_NS),
    ("sasd", SASD_NS),
    ("epasd", EPASD_NS),
    ("xsi", XSI_NS),
)
# the generated classes of each OVF version are imported when a document of that version is first
# read or made (each costs tens of milliseconds): model namespace -> (module, root declarations)
_GENERATED = {
    OVF1_NS: ("ovfmodel._generated.ovf_envelope_1", _STD_DECL_1),
    OVF2_NS: ("ovfmodel._generated.ovf_envelope_2", _STD_DECL_2),
}


@cache
def _family(model_ns: str) -> Family:
    module_name, decl = _GENERATED[model_ns]
    module = importlib.import_module(module_name)
    return Family(module, module.Envelope, model_ns, decl)


def family_for(source_ns: str) -> Family | None:
    """The generated classes a document written in `source_ns` binds to (imported on first
    use), or None when `source_ns` is not an OVF envelope namespace."""
    model_ns = MODEL_NS.get(source_ns)
    return None if model_ns is None else _family(model_ns)


def family_of(envelope: object) -> Family:
    # a version whose classes were never imported cannot have made this envelope (and one
    # another thread is importing is waited for by _family, not read half made)
    for model_ns, (module_name, _) in _GENERATED.items():
        if module_name in sys.modules:
            family = _family(model_ns)
            if isinstance(envelope, family.module.EnvelopeType):
                return family
    raise TypeError(f"not an OVF envelope: {type(envelope).__name__}")


if not TYPE_CHECKING:  # mypy sees the imports above; at run time they are made on first use

    def __getattr__(name: str) -> Any:
        if name == "FAMILY_1":
            return _family(OVF1_NS)
        if name == "FAMILY_2":
            return _family(OVF2_NS)
        if name in ("ovf1", "ovf2", "Envelope"):
            ovf1, ovf2 = _family(OVF1_NS).module, _family(OVF2_NS).module
            envelope = Union[ovf1.Envelope, ovf2.Envelope]  # noqa: UP007 (as before: typing.Union)
            values = {"ovf1": ovf1, "ovf2": ovf2, "Envelope": envelope}
            globals().update(values)
            return values[name]
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class OvfDocument:
    """A parsed (or built) OVF descriptor.

    `envelope` is the generated dataclass of the document's schema version
    (`ovfmodel.ovf1.Envelope` or `ovfmodel.ovf2.Envelope`); edit it freely and `serialize`.
    """

    envelope: Envelope
    namespace: str = OVF2_NS
    source: str | None = None
    declaration: str | None = '<?xml version="1.0" encoding="UTF-8"?>'
    prolog: list[str] = field(default_factory=list)  # comments/PIs before the root, verbatim
    epilog: list[str] = field(default_factory=list)
    problems: list[tuple[SourceInfo | None, str]] = field(default_factory=list, repr=False)
    _text: bytes | None = field(default=None, repr=False, compare=False)
    _lines: list[bytes] | None = field(default=None, repr=False, compare=False)

    def __eq__(self, other: object) -> bool:
        # two documents are equal when their models are; where the text came from does not matter
        return (
            isinstance(other, OvfDocument)
            and self.namespace == other.namespace
            and model_equal(self.envelope, other.envelope)
        )

    __hash__ = None  # type: ignore[assignment]

    @property
    def family(self) -> Family:
        return family_of(self.envelope)

    @property
    def version(self) -> str:
        """The OVF version: "0.9", "1.0", "1.1", "2.0", ... from the namespace and ovf:version."""
        if self.namespace == OVF09_NS:
            return "0.9"
        declared = self.declared_version
        if declared:
            return declared
        return "2.0" if self.namespace == OVF2_NS else "1.0"

    @property
    def declared_version(self) -> str | None:
        """The `ovf:version` attribute of the Envelope, if the document has one."""
        attrs = getattr(self.envelope, "any_attributes", {}) or {}
        for key in (f"{{{self.namespace}}}version", f"{{{self.family.model_ns}}}version"):
            if key in attrs:
                return str(attrs[key])
        version = getattr(self.envelope, "version", None)
        return str(version) if version else None

    def location(self, obj: object) -> tuple[int | None, int | None]:
        """(line, column) where `obj` starts in the source, or (None, None) if made in code."""
        info = source_info(obj)
        if info is None or info.line is None:
            return None, None
        if info.column is None and self._text is not None:
            if self._lines is None:  # split once: a location per element stays linear
                self._lines = self._text.split(b"\n")
            if info.line >= LAST_EXACT_LINE:
                info.line, info.column = _long_position(self._lines, info) or (info.line, None)
            else:
                info.column = _column(self._lines, info)
        return info.line, info.column


def _needle(info: SourceInfo) -> bytes:
    local = info.tag.rsplit("}", 1)[-1]
    return ("<" + (f"{info.prefix}:{local}" if info.prefix else local)).encode("utf-8")


def _column(lines: list[bytes], info: SourceInfo) -> int | None:
    """1-based column of an element's start tag on its line (libxml2 records only lines)."""
    assert info.line is not None
    if not 0 < info.line <= len(lines) or len(lines[info.line - 1]) > MAX_COLUMN_SEARCH:
        return None
    line, needle = lines[info.line - 1], _needle(info)
    pos = find_start_tag(line, needle)
    if pos is None:
        pos = line.find(needle)
    return char_column(line, pos) if pos >= 0 else 1


# lines searched back for a start tag past libxml2's exact lines (an element's text between
# its start tag and its first child is rarely longer)
MAX_LINES_BACK = 1000


def _long_position(lines: list[bytes], info: SourceInfo) -> tuple[int, int] | None:
    """(line, column) of an element's start tag past libxml2's exact lines, where its line is
    that of the text after the tag: the last `<qname` up to the first tag of that line. Exact
    unless elements of one name stand side by side with no text between them (`<a/><a/>`)."""
    assert info.line is not None
    if not 0 < info.line <= len(lines):
        return None
    needle = _needle(info)
    last = lines[info.line - 1]
    first_tag = last.find(b"<")
    text = last if first_tag < 0 else last[: first_tag + len(needle) + 1]
    for number in range(info.line, max(0, info.line - MAX_LINES_BACK), -1):
        if number != info.line:
            text = lines[number - 1]
        if len(text) > MAX_COLUMN_SEARCH:
            return None
        pos = find_start_tag(text, needle, last=True)
        if pos is not None:
            return number, char_column(text, pos)
    return None


def _siblings_text(root: etree._Element, preceding: bool) -> list[str]:
    nodes = list(root.itersiblings(preceding=preceding))
    if preceding:
        nodes.reverse()
    return [etree.tostring(n, encoding="unicode", with_tail=False) for n in nodes]


def parse(source: Source, *, strict: bool = False, name: str | None = None) -> OvfDocument:
    """Parse an OVF descriptor from a path, bytes, XML text or binary file object.

    Lenient by default, as real files break the schema: whatever does not fit is kept verbatim
    and written back. With `strict=True`, content that does not fit the model raises
    OvfStrictError naming file, line, column and element.
    """
    data, label = read_source(source, name)
    tree = parse_xml(data, label)
    root = tree.getroot()
    tag = root.tag if isinstance(root.tag, str) else ""
    ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if local != "Envelope" or ns not in MODEL_NS:
        raise OvfParseError(
            f"the root element is {clip(tag or str(root.tag), 120)}, not an OVF Envelope",
            file=label,
            line=root.sourceline,
            column=1,
            hint="an OVF descriptor's root is Envelope in namespace " + OVF2_NS + " or " + OVF1_NS,
        )
    family = _family(MODEL_NS[ns])
    binder = family.binder(ns)
    with gc_paused(keep=True):
        # strict parsing checks every element now: nothing is deferred (see ovfmodel.lazy)
        envelope = binder.bind(root, family.root, data, lazy=LAZY and not strict)
    if may_spell(data, tree.docinfo.encoding, b"XInclude"):  # else no walk of the whole tree
        _note_xinclude(root, binder.problems)
    doc = OvfDocument(
        envelope=envelope,
        namespace=ns,
        source=label,
        declaration=xml_declaration(data),
        prolog=_siblings_text(root, preceding=True),
        epilog=_siblings_text(root, preceding=False),
        problems=binder.problems,
        _text=data,
    )
    if strict:
        _check_strict(doc, label)
    return doc


_XINCLUDE_TAGS = ("{http://www.w3.org/2001/XInclude}*", "{http://www.w3.org/2003/XInclude}*")


def _note_xinclude(root: etree._Element, problems: list[tuple[SourceInfo | None, str]]) -> None:
    """XInclude is never processed: an xi: element stays an inert vendor element, reported as a
    problem (so strict parsing refuses it) because a consumer might expect it to be expanded."""
    for el in root.iter(*_XINCLUDE_TAGS):
        # a SourceInfo of its own, so strict mode names line, column and element like any other
        info = SourceInfo(el.sourceline, el.tag, el.prefix, None)
        problems.append(
            (info, f"XInclude is not supported: {el.tag} on line {el.sourceline} is kept inert")
        )


def _check_strict(doc: OvfDocument, label: str) -> None:
    for info, message in doc.problems:
        line, column = (info.line, None) if info else (None, None)
        if info is not None:
            line, column = info.line, _column((doc._text or b"").split(b"\n"), info)
        raise OvfStrictError(
            message,
            file=label,
            line=line,
            column=column,
            path=info.tag if info else None,
            hint="strict parsing accepts only what the OVF schema allows; parse leniently to keep it",
        )
    for obj in walk(doc.envelope):
        for field_name, text in unconvertible_fields(obj):
            line, column = doc.location(obj)
            info = source_info(obj)
            raise OvfStrictError(
                f"value {clip(text)} of {field_name} does not fit its schema type",
                file=label,
                line=line,
                column=column,
                path=info.tag if info else None,
                hint="fix the value, or parse leniently to keep it verbatim",
            )


def walk(obj: object) -> Any:
    """Every dataclass object in a model tree, depth first, parents before children."""
    stack = [obj]
    while stack:
        node = stack.pop()
        yield node
        d = getattr(node, "__dict__", None)
        if d is None:
            continue
        children: list[Any] = []
        for key, value in d.items():
            if key == INFO_ATTR:
                continue
            if isinstance(value, list):
                children.extend(v for v in value if hasattr(v, "__dataclass_fields__"))
            elif hasattr(value, "__dataclass_fields__"):
                children.append(value)
        stack.extend(reversed(children))


def serialize(doc: OvfDocument, *, encoding: str | None = None) -> bytes:
    """The document as XML bytes: what was read, with whatever was changed since."""
    family = doc.family
    writer = family.writer(doc.namespace)
    root_clark = "{" + family.model_ns + "}Envelope"
    with gc_paused():
        body = writer.write_root_parts(doc.envelope, root_clark, dict(family.root_decl))
    declaration = doc.declaration
    enc = encoding or _declared_encoding(declaration) or "UTF-8"
    parts: list[str] = []
    if declaration:
        parts.append(declaration + "\n")
    elif encoding:
        parts.append(f'<?xml version="1.0" encoding="{enc}"?>\n')
    for node in doc.prolog:
        parts.append(node + "\n")
    parts.extend(body)  # (one join of the whole text: a large document is copied once)
    for node in doc.epilog:
        parts.append("\n" + node)
    parts.append("\n")
    return "".join(parts).encode(_python_codec(enc), "xmlcharrefreplace")


def _declared_encoding(declaration: str | None) -> str | None:
    if not declaration:
        return None
    match = re.search(r"""encoding\s*=\s*["']([^"']+)["']""", declaration)
    return match.group(1) if match else None


def _python_codec(name: str) -> str:
    import codecs

    try:
        return codecs.lookup(name).name
    except LookupError:
        return "utf-8"


def write(doc: OvfDocument, path: str | Path) -> None:
    """Serialize `doc` to `path` atomically (see `ovfmodel.atomicfile`)."""
    from . import atomicfile  # (tempfile and shutil: ~1.5 ms no parse needs)

    atomicfile.write_bytes(path, serialize(doc))
