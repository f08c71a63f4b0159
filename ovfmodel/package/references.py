"""What the descriptor says about the package's files: References/File and who uses each.

The descriptor is read with ``ovfmodel.parse`` and the version-independent navigation of
``ovfmodel.model``, so OVF 0.9, 1.x and 2.x descriptors (including 0.9's ``xsi:type``
sections) go through one code path. This is the only place the package code looks into the
descriptor.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from posixpath import normpath
from typing import Any

from ovfmodel import model
from ovfmodel.binding import raw_value, source_info
from ovfmodel.document import OvfDocument, parse
from ovfmodel.errors import OvfParseError, PackageError

#: Descriptors are small; anything bigger is not one (and must not be read whole into memory).
MAX_DESCRIPTOR_BYTES = 64 * 1024 * 1024

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
#: rasd:HostResource values naming a File directly (DSP0243 writes ovf:/file/<id>).
_HOST_FILE = re.compile(r"^\s*ovf:/?file/(.+?)\s*$")


class FileUse(StrEnum):
    """What in the descriptor refers to a File (by its ovf:id)."""

    DISK = "disk"  # DiskSection/Disk ovf:fileRef
    SHARED_DISK = "shared disk"  # SharedDiskSection/SharedDisk ovf:fileRef (OVF 2.x)
    ICON = "icon"  # ProductSection/Icon ovf:fileRef
    STRINGS = "strings"  # Strings ovf:fileRef (resource bundle); OVF 2.x Strings/Msg too
    ENVIRONMENT_FILE = "environment file"  # EnvironmentFilesSection/File ovf:fileRef (2.x)
    HOST_RESOURCE = "host resource"  # rasd:HostResource ovf:/file/<id> (e.g. an ISO)


@dataclass(frozen=True)
class FileReference:
    """One References/File element: what the package must contain under ``href``.

    ``size`` is the stored size (compressed size for gzip, total of all chunks for chunked
    files); ``line`` is the element's line in the descriptor, for diagnostics; ``uses`` is
    what refers to the file, in document order (empty when nothing does).
    """

    id: str
    href: str
    size: int | None = None
    compression: str | None = None
    chunk_size: int | None = None
    line: int | None = None
    uses: tuple[FileUse, ...] = ()

    @property
    def disk(self) -> bool:
        """True when a Disk or SharedDisk uses the file through ovf:fileRef."""
        return FileUse.DISK in self.uses or FileUse.SHARED_DISK in self.uses

    @property
    def is_external(self) -> bool:
        """True for URLs (http:, https:, file:, ...): such files are not part of the package."""
        return is_url(self.href)

    @property
    def is_gzip(self) -> bool:
        return (self.compression or "").strip().lower() == "gzip"

    def chunk_name(self, index: int) -> str:
        """DSP0243: chunk N of href is named ``href.`` followed by N as nine decimal digits."""
        return f"{self.href}.{index:09d}"


def is_url(href: str) -> bool:
    """True for an href with a URL scheme (http:, https:, file:...), not a Windows drive."""
    return bool(_SCHEME.match(href)) and not _looks_like_windows_drive(href)


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


def leaves_folder(path: Path, root: Path) -> Path | None:
    """Where ``path`` really is, if a symbolic link on the way leads out of ``root``; else None.

    Packages are read and packed only from inside their folder: a member that is a link to
    /etc/passwd must not have its size and digest printed, or its content packed.
    """
    real = Path(os.path.realpath(path))
    base = os.path.realpath(root)
    if str(real) == base or str(real).startswith(base.rstrip(os.sep) + os.sep):
        return None
    return real


def _line(obj: object) -> int | None:
    info = source_info(obj)
    return info.line if info is not None else None


def _uint(file: Any, field: str, attr: str, name: str, line: int | None) -> int | None:
    """A File's integer attribute, refusing text that is not a non-negative integer."""
    value = getattr(file, field)
    text = raw_value(file, field)
    if text is None and (value is None or value >= 0):
        return None if value is None else int(value)
    shown = text if text is not None else str(value)
    raise PackageError(
        f"{attr}={shown!r} is not a non-negative integer",
        file=name,
        line=line,
        path=f"References/File[{file.id}]" if file.id else "References/File",
        hint="Write the size in bytes as a decimal number",
    )


def _uses(doc: OvfDocument) -> Iterator[tuple[str, FileUse]]:
    """(File ovf:id, use) for every reference to a File, in document order."""
    envelope = model.envelope_of(doc)
    containers = [envelope, *model.iter_content(doc)]
    for container in containers:
        for disk_section in model.sections(container, "DiskSection"):
            for disk in disk_section.disk:
                if disk.file_ref:
                    yield disk.file_ref, FileUse.DISK
        for shared in model.sections(container, "SharedDiskSection"):
            for disk in shared.shared_disk:
                if disk.file_ref:
                    yield disk.file_ref, FileUse.SHARED_DISK
        for env_files in model.sections(container, "EnvironmentFilesSection"):
            for env_file in env_files.file:
                if env_file.file_ref:
                    yield env_file.file_ref, FileUse.ENVIRONMENT_FILE
        for product in model.sections(container, "ProductSection"):
            for icon in product.icon:
                if icon.file_ref:
                    yield icon.file_ref, FileUse.ICON
    for bundle in model.strings(doc):
        if bundle.file_ref:
            yield bundle.file_ref, FileUse.STRINGS
        for msg in bundle.msg:
            ref = getattr(msg, "file_ref", None)  # OVF 2.x only
            if ref:
                yield ref, FileUse.STRINGS
    for vs in model.virtual_systems(doc):
        for item in model.items(vs):
            for host in getattr(item, "host_resource", []) or []:
                m = _HOST_FILE.match(host.value or "")
                if m:
                    yield m.group(1), FileUse.HOST_RESOURCE


def descriptor_references(doc: OvfDocument, name: str | None = None) -> list[FileReference]:
    """References/File of a parsed descriptor, with what uses each file.

    ``name`` is how messages name the descriptor (default: where it was parsed from). Raises
    PackageError naming the line when a File lacks ovf:id or ovf:href or has a size or chunk
    size that is not a non-negative integer, so the package code never deals with a
    half-understood File.
    """
    label = name or doc.source or "<descriptor>"
    uses: dict[str, list[FileUse]] = {}
    for file_id, use in _uses(doc):
        seen = uses.setdefault(file_id, [])
        if use not in seen:
            seen.append(use)
    refs: list[FileReference] = []
    for file in model.files(doc):
        line = _line(file)
        if not file.href or not file.id:
            missing = "ovf:href" if not file.href else "ovf:id"
            raise PackageError(
                f"References/File has no {missing}",
                file=label,
                line=line,
                path="References/File",
                hint="Every File needs ovf:id and ovf:href",
            )
        chunk = _uint(file, "chunk_size", "ovf:chunkSize", label, line)
        if chunk == 0:
            raise PackageError(
                "ovf:chunkSize is 0",
                file=label,
                line=line,
                path=f"References/File[{file.id}]",
                hint="Use a positive chunk size or remove ovf:chunkSize",
            )
        refs.append(
            FileReference(
                id=file.id,
                href=file.href,
                size=_uint(file, "size", "ovf:size", label, line),
                compression=file.compression or None,
                chunk_size=chunk,
                line=line,
                uses=tuple(uses.get(file.id, ())),
            )
        )
    return refs


def parse_descriptor(data: bytes, name: str) -> OvfDocument:
    """Parse descriptor bytes leniently; a file that is not an OVF descriptor is a PackageError."""
    try:
        return parse(data, name=name)
    except OvfParseError as exc:
        raise PackageError(
            f"the descriptor cannot be read: {exc.message}",
            file=exc.file or name,
            line=exc.line,
            column=exc.column,
            hint=exc.hint or "Pass an OVF descriptor (.ovf)",
        ) from None


def references_from_descriptor(data: bytes, name: str) -> list[FileReference]:
    """Read References/File (and what uses each file) from descriptor bytes.

    Raises PackageError when the bytes are not XML or not an OVF Envelope, so the package
    code never deals with a half-understood descriptor.
    """
    return descriptor_references(parse_descriptor(data, name), name)
