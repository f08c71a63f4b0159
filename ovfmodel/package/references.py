"""What the descriptor says about the package's files: References/File.

This is the only place the package code looks into the descriptor, so that it can later read
the typed model (``ovfmodel.parse(data).files``) instead of raw XML without touching anything
else. Until then it reads the bytes with a hardened lxml parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from posixpath import normpath

from lxml import etree

from ovfmodel.errors import PackageError

#: Envelope namespaces whose References/File this module understands.
ENVELOPE_NAMESPACES = (
    "http://schemas.dmtf.org/ovf/envelope/1",
    "http://schemas.dmtf.org/ovf/envelope/2",
    "http://www.vmware.com/schema/ovf/1/envelope",  # OVF 0.9
)

#: Descriptors are small; anything bigger is not one (and must not be read whole into memory).
MAX_DESCRIPTOR_BYTES = 64 * 1024 * 1024

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


@dataclass(frozen=True)
class FileReference:
    """One References/File element: what the package must contain under ``href``.

    ``size`` is the stored size (compressed size for gzip, total of all chunks for chunked
    files); ``line`` is the element's line in the descriptor, for diagnostics; ``disk`` is true
    when a DiskSection/Disk uses the file through ovf:fileRef.
    """

    id: str
    href: str
    size: int | None = None
    compression: str | None = None
    chunk_size: int | None = None
    line: int | None = None
    disk: bool = False

    @property
    def is_external(self) -> bool:
        """True for URLs (http:, https:, file:, ...): such files are not part of the package."""
        return bool(_SCHEME.match(self.href)) and not _looks_like_windows_drive(self.href)

    @property
    def is_gzip(self) -> bool:
        return (self.compression or "").strip().lower() == "gzip"

    def chunk_name(self, index: int) -> str:
        """DSP0243: chunk N of href is named ``href.`` followed by N as nine decimal digits."""
        return f"{self.href}.{index:09d}"


def _looks_like_windows_drive(href: str) -> bool:
    return len(href) >= 2 and href[1] == ":" and href[0].isalpha()


def href_problem(href: str) -> str | None:
    """Why a relative href cannot name a file inside the package, or None if it can.

    Hrefs are used verbatim as member and file names (no percent-decoding), as OVF tools do.
    """
    if not href:
        return "it is empty"
    if "\\" in href:
        return "it contains a backslash"
    if "\x00" in href:
        return "it contains a NUL character"
    if href.startswith("/") or _looks_like_windows_drive(href):
        return "it is an absolute path"
    parts = href.split("/")
    if ".." in parts:
        return "it contains '..'"
    if normpath(href) != href or href.endswith("/"):
        return "it is not a normalized path (empty or '.' components)"
    return None


def _line(elem: etree._Element) -> int | None:
    line = elem.sourceline
    return line if isinstance(line, int) else None


def _parse_uint(value: str | None, what: str, name: str, line: int | None) -> int | None:
    if value is None:
        return None
    text = value.strip()
    if not text.isdigit():
        raise PackageError(
            f"{what}={value!r} is not a non-negative integer",
            file=name,
            line=line,
            hint="Write the size in bytes as a decimal number",
        )
    return int(text)


def references_from_descriptor(data: bytes, name: str) -> list[FileReference]:
    """Read References/File (and which of them back a Disk) from descriptor bytes.

    Raises PackageError when the bytes are not XML or not an OVF Envelope, so the package
    code never deals with a half-understood descriptor.
    """
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) else None
        raise PackageError(
            f"descriptor is not well-formed XML: {exc.msg}",
            file=name,
            line=line,
            hint="Fix the XML or pass the right .ovf file",
        ) from None
    qname = etree.QName(root)
    if qname.localname != "Envelope" or qname.namespace not in ENVELOPE_NAMESPACES:
        raise PackageError(
            f"root element is {{{qname.namespace or ''}}}{qname.localname}, not an OVF Envelope",
            file=name,
            line=_line(root),
            hint="Pass an OVF descriptor (.ovf)",
        )
    ns = qname.namespace

    def attr(elem: etree._Element, local: str) -> str | None:
        value = elem.get(f"{{{ns}}}{local}")
        return None if value is None else str(value)

    disk_refs = {
        ref
        for disk in root.iterfind("{*}DiskSection/{*}Disk")
        if (ref := attr(disk, "fileRef")) is not None
    }
    refs: list[FileReference] = []
    for elem in root.iterfind("{*}References/{*}File"):
        line = _line(elem)
        href = attr(elem, "href")
        file_id = attr(elem, "id")
        if href is None or file_id is None:
            missing = "ovf:href" if href is None else "ovf:id"
            raise PackageError(
                f"References/File has no {missing}",
                file=name,
                line=line,
                hint="Every File needs ovf:id and ovf:href",
            )
        chunk = _parse_uint(attr(elem, "chunkSize"), "ovf:chunkSize", name, line)
        if chunk == 0:
            raise PackageError(
                "ovf:chunkSize is 0", file=name, line=line, hint="Use a positive chunk size"
            )
        refs.append(
            FileReference(
                id=file_id,
                href=href,
                size=_parse_uint(attr(elem, "size"), "ovf:size", name, line),
                compression=attr(elem, "compression"),
                chunk_size=chunk,
                line=line,
                disk=file_id in disk_refs,
            )
        )
    return refs
