"""Hardened XML parsing: no DTDs, no entities, no network, bounded sizes.

OVF descriptors come from strangers. A DOCTYPE is never needed in one, so any document carrying
one is refused outright (that removes billion-laughs, quadratic blow-up and external entities in
one rule); libxml2's default limits (no huge_tree) bound text size and nesting depth.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO

from lxml import etree

from .errors import OvfParseError

_DECL_RE = re.compile(rb"^(\xef\xbb\xbf)?\s*(<\?xml[^>]*\?>)")
_ENC_RE = re.compile(r"""encoding\s*=\s*["'][^"']*["']""")

Source = str | bytes | Path | IO[bytes]


class _ExternalRefused(Exception):
    """Raised from inside libxml2 when it asks to load anything external."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


class _RefuseAll(etree.Resolver):
    """Refuses every external load (DTD subsets, entities, XInclude), local files included.

    load_dtd=False alone is not enough: collect_ids=False sets a bit of libxml2's `loadsubset`,
    which makes it read a DOCTYPE's external subset (`SYSTEM "file:///..."`) from local files.
    """

    def resolve(self, system_url: str, public_id: str, context: object) -> None:
        raise _ExternalRefused(str(system_url or public_id))


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        collect_ids=False,
    )
    parser.resolvers.add(_RefuseAll())
    return parser


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def read_source(source: Source, name: str | None = None) -> tuple[bytes, str]:
    """The bytes of a path, bytes, XML text or binary file object, and a name for messages."""
    if isinstance(source, bytes | bytearray):
        return bytes(source), name or "<bytes>"
    if isinstance(source, Path) or (
        isinstance(source, str) and not source.lstrip().startswith("<")
    ):
        path = Path(source)
        try:
            return path.read_bytes(), name or str(path)
        except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
            raise OvfParseError(
                f"cannot read {_short(str(path))}: {getattr(exc, 'strerror', None) or exc}",
                file=_short(str(path)),
                hint="check the path and permissions",
            ) from exc
    if isinstance(source, str):
        text = source.lstrip("\ufeff")
        match = _DECL_RE.match(text[:200].encode("utf-8", "surrogatepass"))
        if match:  # the text is already decoded: its declared encoding no longer applies
            decl = match.group(2).decode("utf-8", "surrogatepass")
            text = text.replace(decl, _ENC_RE.sub('encoding="UTF-8"', decl), 1)
        try:
            return text.encode("utf-8"), name or "<string>"
        except UnicodeEncodeError as exc:  # lone surrogates cannot be XML characters
            raise OvfParseError(
                f"the text holds a character that cannot be encoded: {exc.reason}",
                file=name or "<string>",
                hint="XML text cannot hold lone surrogate code points",
            ) from None
    data = source.read()
    if not isinstance(data, bytes):
        raise OvfParseError("file object must be opened in binary mode", file=name)
    return data, name or str(getattr(source, "name", "<stream>"))


# up to this many attributes, lxml's own items() is the fastest way to read them
_FEW_ATTRIBUTES = 16


def attribute_items(el: etree._Element) -> list[tuple[str, str]]:
    """(Clark name, value) of every attribute of `el`, in document order, in linear time.

    lxml's `el.attrib.items()` (and `dict(el.attrib)`) looks each value up by name along the
    element's attribute list: quadratic, minutes for one start tag with 200,000 attributes.
    An XPath `@*` reads the values in one walk.
    """
    attrib = el.attrib
    if len(attrib) <= _FEW_ATTRIBUTES:
        return list(attrib.items())
    values = el.xpath("@*", smart_strings=False)
    assert isinstance(values, list)
    return list(zip(attrib.keys(), (str(v) for v in values), strict=True))


def xml_declaration(data: bytes) -> str | None:
    """The XML declaration exactly as the source wrote it, if it has one."""
    match = _DECL_RE.match(data[:400])
    return match.group(2).decode("ascii", "replace") if match else None


def parse_xml(data: bytes, name: str) -> etree._ElementTree:
    """Parse untrusted XML bytes safely, or raise OvfParseError naming file, line and column."""
    if not data or data.isspace():  # not data.strip(): that copies a large file for nothing
        raise OvfParseError("the file is empty", file=name, hint="an OVF descriptor is an XML file")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        message = exc.msg or str(exc)
        hint = "the file is not well-formed XML"
        if "huge" in message.lower() or "too long" in message.lower() or "depth" in message.lower():
            hint = "the document exceeds the parser's safety limits (size or nesting depth)"
        raise OvfParseError(message, file=name, line=line, column=column, hint=hint) from None
    except _ExternalRefused as exc:
        raise OvfParseError(
            f"the document refers to an external resource ({_short(exc.url)})",
            file=name,
            line=1,
            hint="OVF never uses DTDs or entities; nothing external is ever loaded",
        ) from None
    except (ValueError, LookupError) as exc:  # unknown or inconsistent encodings
        raise OvfParseError(
            f"cannot decode the document: {exc}",
            file=name,
            hint="save it as UTF-8 with a matching XML declaration",
        ) from None
    tree = root.getroottree()
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise OvfParseError(
            "the document has a DOCTYPE declaration",
            file=name,
            line=1,
            hint="OVF never uses DTDs or entities; they are refused so that no entity is "
            "expanded and no external file or URL is read",
        )
    return tree
