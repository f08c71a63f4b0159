"""Hardened XML parsing: no DTDs, no entities, no network, bounded sizes.

OVF descriptors come from strangers. A DOCTYPE is never needed in one, so any document carrying
one is refused outright (that removes billion-laughs, quadratic blow-up and external entities in
one rule); libxml2's default limits (no huge_tree) bound text size and nesting depth.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import IO

from lxml import etree

from .errors import OvfParseError

_DECL_RE = re.compile(rb"^(\xef\xbb\xbf)?\s*(<\?xml[^>]*\?>)")
_ENC_RE = re.compile(r"""encoding\s*=\s*["'][^"']*["']""")

Source = str | bytes | Path | IO[bytes]

NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0 (2.2, Char) excludes, even as a character reference (4.1, Legal Character): the
C0 controls but tab, newline and carriage return, the surrogates (a lone one is what Python makes
of an undecodable byte in a command line) and U+FFFE, U+FFFF."""


def not_xml_char(text: str) -> str | None:
    """A message naming the first character of `text` that XML 1.0 cannot carry, or None."""
    found = NOT_XML_CHAR.search(text)
    if found is None:
        return None
    return (
        f"holds U+{ord(found.group()):04X}, a character XML 1.0 cannot carry, "
        "not even as a character reference"
    )


MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""Largest document read from a file or stream. Real descriptors are kilobytes to a few
megabytes (10,000 hardware items: 3.6 MB); this bounds what reading a device or a pipe costs."""


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
        isinstance(source, str) and not source.lstrip("\ufeff \t\r\n").startswith("<")
    ):
        return read_file(Path(source), name)
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
    label = name or str(getattr(source, "name", "<stream>"))
    return read_bounded(source, label), label


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, for messages; None for a regular file."""
    for test, kind in (
        (stat.S_ISREG, None),
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a regular file"


def special_kind(path: Path) -> str | None:
    """What `path` is when it exists but is neither a regular file nor a directory
    ("a character device", "a named pipe", ...); None otherwise. Follows symlinks."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    return None if stat.S_ISDIR(mode) else _kind(mode)


def read_file(path: Path, name: str | None = None) -> tuple[bytes, str]:
    """The bytes of the regular file at `path` (at most MAX_DOCUMENT_BYTES), and its label.

    Anything else (a directory, /dev/zero, a named pipe, a socket) is refused before a byte is
    read: a device could be read forever, and opening a pipe would wait for a writer (the file
    is opened without blocking, then checked).
    """
    label = name or _short(str(path))
    # messages start with the label: name the path again only when the label is another name
    it = "it" if label == _short(str(path)) else _short(str(path))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
        raise OvfParseError(
            f"cannot read {it}: {getattr(exc, 'strerror', None) or exc}",
            file=label,
            hint="check the path and permissions",
        ) from exc
    try:
        kind = _kind(os.fstat(fd).st_mode)
    except BaseException:
        os.close(fd)
        raise
    if kind is not None:
        os.close(fd)
        raise OvfParseError(
            f"{it} is {kind}, not a file",
            file=label,
            hint="give the path of an OVF descriptor (.ovf) or environment (.xml) file",
        )
    with os.fdopen(fd, "rb") as fh:
        try:
            return read_bounded(fh, label), label
        except OSError as exc:
            raise OvfParseError(
                f"cannot read {it}: {exc.strerror or exc}",
                file=label,
                hint="check the path and permissions",
            ) from exc


def read_regular(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path`, for the small files a user names (keys,
    certificates, build specs, license texts): anything else (/dev/zero, a named pipe, a
    folder) and a file over `limit` bytes (default MAX_DOCUMENT_BYTES) raise OSError naming
    `path`, before more than the limit is read."""
    limit = MAX_DOCUMENT_BYTES if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)  # without blocking: a pipe would wait for a writer
    try:
        info = os.fstat(fd)
    except BaseException:
        os.close(fd)
        raise
    kind = _kind(info.st_mode)
    too_large = OSError(
        errno.EFBIG, f"it is larger than {limit // (1024 * 1024)} MiB", os.fspath(path)
    )
    if kind is not None or info.st_size > limit:
        os.close(fd)
        if kind is not None:
            raise OSError(errno.EINVAL, f"it is {kind}, not a file", os.fspath(path))
        raise too_large
    with os.fdopen(fd, "rb") as fh:
        data = fh.read(limit + 1)  # (a file that grew meanwhile)
    if len(data) > limit:
        raise too_large
    return data


def read_bounded(stream: IO[bytes], name: str, limit: int | None = None) -> bytes:
    """All of a binary stream (a file, a pipe, `sys.stdin.buffer`), refusing one longer than
    `limit` bytes (default MAX_DOCUMENT_BYTES) as soon as it gets there."""
    limit = MAX_DOCUMENT_BYTES if limit is None else limit
    data = stream.read(limit + 1)
    if not isinstance(data, bytes):
        raise OvfParseError(
            "file object must be opened in binary mode",
            file=name,
            hint="open it with mode 'rb' (sys.stdin.buffer for standard input)",
        )
    # a raw (unbuffered) stream may return less than asked: read until the end or the limit
    chunks = [data]
    size = len(data)
    while data and size <= limit:
        data = stream.read(limit + 1 - size)
        if not data:
            break
        chunks.append(data)
        size += len(data)
    if size > limit:
        raise OvfParseError(
            f"the document is larger than {limit // (1024 * 1024)} MiB",
            file=name,
            hint="ovfmodel reads descriptors of up to that size; this is not a descriptor",
        )
    return b"".join(chunks) if len(chunks) > 1 else chunks[0]


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


def _unmarked_wide_encoding(data: bytes) -> str | None:
    """The name of the wide encoding (UTF-16 or UTF-32) `data` seems to be in when it starts
    with `<` (or blanks) in one without a byte order mark. Asked only when libxml2 could not read
    `data`: it says "Document is empty" or "Char 0x0 out of allowed range" then."""
    head = data[:8]
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")) or len(head) < 4:
        return None
    if head[:4] in (b"<\x00\x00\x00", b"\x00\x00\x00<"):
        return "UTF-32"
    if (head[0:1] == b"\x00") != (head[1:2] == b"\x00") and b"\x00" in head[2:4]:
        text = head.decode("utf-16-le" if head[1:2] == b"\x00" else "utf-16-be", "replace")
        if text.lstrip().startswith("<"):
            return "UTF-16"
    return None


_EXCESSIVE_DEPTH = re.compile(r"Excessive depth in document: (\d+)")
_PARSE_HUGE = re.compile(r",? *use XML_PARSE_HUGE option")


def parse_xml(data: bytes, name: str) -> etree._ElementTree:
    """Parse untrusted XML bytes safely, or raise OvfParseError naming file, line and column."""
    if not data or data.isspace():  # not data.strip(): that copies a large file for nothing
        raise OvfParseError("the file is empty", file=name, hint="an OVF descriptor is an XML file")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        wide = _unmarked_wide_encoding(data)
        if wide is not None:
            raise OvfParseError(
                f"the document looks like {wide} without a byte order mark or an XML "
                "declaration naming its encoding",
                file=name,
                line=1,
                hint=f"save it as UTF-8, or as {wide} starting with a byte order mark",
            ) from None
        line, column = exc.position if exc.position else (None, None)
        message = exc.msg or str(exc)
        lower = message.lower()
        hint = "the file is not well-formed XML"
        if "amplification" in lower:
            # libxml2 stops a billion-laughs document before expanding it
            message = "entity amplification limit exceeded (entities expanding to huge text)"
            hint = (
                "OVF never uses DTDs or entities; such a document is refused, nothing is expanded"
            )
        elif depth := _EXCESSIVE_DEPTH.search(message):
            # libxml2 suggests XML_PARSE_HUGE, an option of its C API a user cannot set
            message = f"the document nests deeper than the parser's limit of {depth[1]} levels"
            hint = "OVF descriptors nest a few dozen levels at most; such a document is refused"
        elif "huge" in lower or "too long" in lower or "depth" in lower:
            message = _PARSE_HUGE.sub("", message).rstrip(" ,")
            hint = "the document exceeds the parser's safety limits on size"
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
