"""The vocabulary of a package's stored files: roles, package kinds, chunk names.

Shared by `package` (which opens a package and indexes its files) and `checks` (which
verifies them), so that neither imports the other for these small types. Chunk names are
the inverse of `FileReference.chunk_name` (DSP0243 7.1: ``href.`` and nine digits).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ovfmodel.package.references import FileReference


class FileRole(StrEnum):
    """Why a file is in the package."""

    DESCRIPTOR = "descriptor"
    MANIFEST = "manifest"
    CERTIFICATE = "certificate"
    DISK = "disk"  # referenced by a File that a DiskSection/Disk uses
    REFERENCED = "referenced"  # referenced by another File (ISO, resource bundle, ...)
    EXTRA = "extra"  # not part of the package


class PackageKind(StrEnum):
    OVA = "ova"
    DIRECTORY = "directory"


@dataclass(frozen=True)
class PackageFile:
    """One stored file: its name relative to the descriptor, size, role and its File element.

    For chunked files each chunk is a PackageFile with ``chunk`` set to its index.
    """

    name: str
    size: int
    role: FileRole
    reference: FileReference | None = None
    chunk: int | None = None


def split_chunk_name(name: str) -> tuple[str, int] | None:
    """(href, index) for a name ending in '.' and nine digits (DSP0243 7.1), else None."""
    if len(name) > 10 and name[-10] == "." and name[-9:].isascii() and name[-9:].isdigit():
        return name[:-10], int(name[-9:])
    return None


def chunk_index(names: Iterable[str]) -> dict[str, dict[int, str]]:
    """Every name that looks like a chunk, by href and index: built once per package, so
    finding the chunks of a File is a dictionary lookup, not a scan of every member."""
    index: dict[str, dict[int, str]] = {}
    for name in names:
        split = split_chunk_name(name)
        if split is not None:
            index.setdefault(split[0], {})[split[1]] = name
    return index
