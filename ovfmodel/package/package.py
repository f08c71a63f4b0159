"""An OVF package as it is stored: a descriptor with files beside it, or an OVA tar.

`open_package` finds the descriptor and indexes the files without reading them; `check`
then streams every file once (straight out of the tar for an OVA) to compare sizes, chunks
and digests with the descriptor, the manifest and the certificate, and reports findings as
diagnostics rather than exceptions, so one run lists every problem. This module holds the
opening and reading; what `check` verifies is in `checks`, the file roles and chunk names
shared by both in `files` (all importable from here as before).
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509

from ovfmodel.diagnostics import Report
from ovfmodel.document import OvfDocument
from ovfmodel.errors import PackageError
from ovfmodel.package.checks import MAX_MISSING_LISTED, MAX_PER_RULE, check_package
from ovfmodel.package.files import (
    FileRole,
    PackageFile,
    PackageKind,
    chunk_index,
    split_chunk_name,
)
from ovfmodel.package.ova import MAX_MEMBERS, RangeReader, TarIndex, read_tar_index
from ovfmodel.package.references import (
    MAX_DESCRIPTOR_BYTES,
    FileReference,
    descriptor_references,
    href_problem,
    leaves_folder,
    parse_descriptor,
)
from ovfmodel.xmlsafe import special_kind

if TYPE_CHECKING:
    from ovfmodel.package.progress import Progress

__all__ = [
    "MAX_MISSING_LISTED",
    "MAX_PER_RULE",
    "FileRole",
    "Package",
    "PackageFile",
    "PackageKind",
    "chunk_index",
    "files_table",
    "open_package",
    "split_chunk_name",
]


@dataclass(frozen=True)
class _Stored:
    path: Path
    offset: int
    size: int


class Package:
    """An opened package. Use `open_package` to make one.

    ``files`` lists every file in storage order (tar order for an OVA) with its role;
    ``references`` is what the descriptor's References section says; ``document`` is the
    descriptor parsed with ``ovfmodel.parse`` (leniently), for any further reading.
    """

    def __init__(
        self,
        *,
        path: Path,
        kind: PackageKind,
        descriptor_name: str,
        descriptor: bytes,
        stored: dict[str, _Stored],
        order: list[str],
        document: OvfDocument,
        tar: TarIndex | None = None,
        outside: dict[str, Path] | None = None,
    ) -> None:
        self.path = path
        self.kind = kind
        self.descriptor_name = descriptor_name
        self._descriptor = descriptor
        self._stored = stored
        self._chunks = chunk_index(stored)
        self._outside = dict(outside or {})
        self._tar = tar
        self.document = document
        self.references: list[FileReference] = descriptor_references(
            document, self.display(descriptor_name)
        )
        stem = (
            descriptor_name[: -len(".ovf")]
            if descriptor_name.lower().endswith(".ovf")
            else (descriptor_name)
        )
        self.manifest_name = self._companion(stem, ".mf")
        self.certificate_name = self._companion(stem, ".cert")
        self._expected = self._expected_names()
        self.files: list[PackageFile] = [self._classify(name) for name in order]

    # --- construction helpers ---------------------------------------------------------------

    def _companion(self, stem: str, ext: str) -> str | None:
        """The manifest/certificate: named after the descriptor or, in an OVA, the only one.

        A folder may hold other packages, so there only the descriptor's own name counts.
        """
        if stem + ext in self._stored:
            return stem + ext
        if self.kind is not PackageKind.OVA:
            return None
        others = [n for n in self._stored if "/" not in n and n.lower().endswith(ext)]
        return others[0] if len(others) == 1 else None

    def _chunk_names(self, ref: FileReference) -> dict[int, str]:
        """Chunks present for a chunked File, by index (from the index built once)."""
        return self._chunks.get(ref.href, {})

    def _expected_names(self) -> dict[str, tuple[int, FileReference, int | None]]:
        """Stored names that belong to a File: name -> (References index, File, chunk index)."""
        expected: dict[str, tuple[int, FileReference, int | None]] = {}
        for i, ref in enumerate(self.references):
            if ref.is_external or href_problem(ref.href):
                continue
            if ref.chunk_size:
                for idx, name in self._chunk_names(ref).items():
                    expected.setdefault(name, (i, ref, idx))
            elif ref.href in self._stored:
                expected.setdefault(ref.href, (i, ref, None))
        return expected

    def _classify(self, name: str) -> PackageFile:
        size = self._stored[name].size
        if name == self.descriptor_name:
            return PackageFile(name, size, FileRole.DESCRIPTOR)
        if name == self.manifest_name:
            return PackageFile(name, size, FileRole.MANIFEST)
        if name == self.certificate_name:
            return PackageFile(name, size, FileRole.CERTIFICATE)
        if name in self._expected:
            _, ref, chunk = self._expected[name]
            role = FileRole.DISK if ref.disk else FileRole.REFERENCED
            return PackageFile(name, size, role, ref, chunk)
        return PackageFile(name, size, FileRole.EXTRA)

    # --- access -----------------------------------------------------------------------------

    def __repr__(self) -> str:
        return f"Package({str(self.path)!r}, {self.kind.value}, {len(self.files)} files)"

    def display(self, name: str) -> str:
        """How diagnostics name a file: its path, or 'package.ova!member' inside an OVA."""
        if self.kind is PackageKind.OVA:
            return f"{self.path}!{name}"
        return str(self._root / name)

    @property
    def _root(self) -> Path:
        return self.path if self.path.is_dir() else self.path.parent

    def file(self, name: str) -> PackageFile | None:
        return next((f for f in self.files if f.name == name), None)

    def stored_range(self, name: str) -> tuple[Path, int, int] | None:
        """Where a stored file's bytes are: (file, offset, length); for an OVA the range of
        its member inside the tar. None if the package has no such file."""
        stored = self._stored.get(name)
        return None if stored is None else (stored.path, stored.offset, stored.size)

    def descriptor_bytes(self) -> bytes:
        """The descriptor exactly as stored (read when the package was opened)."""
        return self._descriptor

    def open(self, name: str) -> io.BufferedReader:
        """A binary stream over one stored file (read directly from the tar for an OVA)."""
        stored = self._stored.get(name)
        if stored is None:
            raise PackageError(f"no file {name!r} in the package", file=str(self.path))
        return io.BufferedReader(
            RangeReader(stored.path, stored.offset, stored.size), buffer_size=1024 * 1024
        )

    def read_bytes(self, name: str, limit: int) -> bytes:
        """A whole small file; refuses files above ``limit`` bytes."""
        stored = self._stored.get(name)
        if stored is None:
            raise PackageError(f"no file {name!r} in the package", file=str(self.path))
        if stored.size > limit:
            raise PackageError(
                f"{stored.size} bytes, more than the {limit} allowed for this kind of file",
                file=self.display(name),
            )
        with self.open(name) as f:
            return f.read()

    # --- checking ---------------------------------------------------------------------------

    def check(
        self,
        *,
        trust: Sequence[x509.Certificate] | None = None,
        at_time: dt.datetime | None = None,
        progress: Progress | None = None,
    ) -> Report:
        """Check sizes, chunks, compression, manifest digests, signature and (OVA) order.

        Every file is read once, in storage order. ``trust``: CA certificates the signer must
        chain to (None: the signature is checked but its origin is not, see PKG306; given, a
        package without a valid, trusted signature fails, PKG310); ``at_time``: when
        certificates must be valid (default now); ``progress``: told the bytes hashed.
        """
        return check_package(self, trust=trust, at_time=at_time, progress=progress)


def _sniff_descriptor(path: Path) -> bool:
    if path.suffix.lower() == ".ovf":
        return True
    if path.suffix.lower() == ".ova":
        return False
    with open(path, "rb") as f:
        head = f.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def _read_descriptor(path: Path, offset: int, size: int, display: str) -> bytes:
    if size > MAX_DESCRIPTOR_BYTES:
        raise PackageError(
            f"descriptor is {size} bytes, more than {MAX_DESCRIPTOR_BYTES}",
            file=display,
            hint="This is not an OVF descriptor",
        )
    with RangeReader(path, offset, size) as f:
        return f.read()


def _list_files(folder: Path, prefix: str, display: Path) -> dict[str, Path]:
    """The regular files directly in ``folder`` (links followed), named ``prefix + name``;
    refuses a folder of more than MAX_MEMBERS files (it is not a package)."""
    found: dict[str, Path] = {}
    try:
        with os.scandir(folder) as it:
            for entry in it:
                try:
                    if not entry.is_file():
                        continue
                except OSError:
                    continue
                found[prefix + entry.name] = Path(entry.path)
                if len(found) > MAX_MEMBERS:
                    raise PackageError(
                        f"more than {MAX_MEMBERS} files: this is not a package folder",
                        file=str(display),
                    )
    except OSError as exc:
        if folder == display:
            raise PackageError(
                f"cannot list the folder: {exc.strerror}", file=str(display)
            ) from None
    return found


def _open_directory(descriptor: Path) -> Package:
    root = descriptor.parent
    candidates = _list_files(root, "", root)
    if descriptor.name not in candidates:
        raise PackageError("no such file", file=str(descriptor))
    data = _read_descriptor(descriptor, 0, descriptor.stat().st_size, str(descriptor))
    document = parse_descriptor(data, str(descriptor))
    # files in subfolders belong to the package only when an href names them (or their chunks):
    # each such subfolder is listed once, whatever the number of Files in it
    refs = descriptor_references(document, str(descriptor))
    wanted: set[str] = set()
    for ref in refs:
        if ref.is_external or href_problem(ref.href) or "/" not in ref.href:
            continue
        sub = ref.href.rsplit("/", 1)[0]
        if sub + "/" not in wanted:
            wanted.add(sub + "/")
            candidates.update(_list_files(root / sub, sub + "/", root))
        wanted.add(ref.href)

    def belongs(name: str) -> bool:
        split = split_chunk_name(name)
        return "/" not in name or name in wanted or (split is not None and split[0] in wanted)

    keep = [name for name in candidates if belongs(name)]
    # links are followed only while they stay inside the package folder
    stored: dict[str, _Stored] = {}
    outside: dict[str, Path] = {}
    for name in sorted(keep):
        path = candidates[name]
        real = leaves_folder(path, root) if name != descriptor.name else None
        if real is not None:
            outside[name] = real
            continue
        try:
            stored[name] = _Stored(path, 0, path.stat().st_size)
        except OSError:
            continue  # removed while listed
    order = [descriptor.name] + [n for n in stored if n != descriptor.name]
    return Package(
        path=root,
        kind=PackageKind.DIRECTORY,
        descriptor_name=descriptor.name,
        descriptor=data,
        stored=stored,
        order=order,
        document=document,
        outside=outside,
    )


def _open_ova(path: Path) -> Package:
    index = read_tar_index(path)
    ovfs = [m for m in index.members if m.name.lower().endswith(".ovf")]
    top = [m for m in ovfs if "/" not in m.name]
    if len(top) != 1:
        found = ", ".join(m.name for m in ovfs) or "none"
        raise PackageError(
            f"an OVA must hold exactly one descriptor (.ovf) at its top level; found {found}",
            file=str(path),
            hint="Repack the OVA with a single descriptor",
        )
    desc = top[0]
    stored = {m.name: _Stored(path, m.offset, m.size) for m in index.members}
    data = _read_descriptor(path, desc.offset, desc.size, f"{path}!{desc.name}")
    document = parse_descriptor(data, f"{path}!{desc.name}")
    return Package(
        path=path,
        kind=PackageKind.OVA,
        descriptor_name=desc.name,
        descriptor=data,
        stored=stored,
        order=[m.name for m in index.members],
        document=document,
        tar=index,
    )


def open_package(path: str | Path) -> Package:
    """Open a package from a descriptor (.ovf), a folder holding one, or an OVA.

    Reads only the descriptor and the tar headers; raises PackageError if the input is not a
    readable package (no single descriptor, hostile or damaged tar, malformed descriptor).
    """
    p = Path(path)
    if p.is_dir():
        ovfs = sorted(x for x in p.iterdir() if x.suffix.lower() == ".ovf" and x.is_file())
        if len(ovfs) != 1:
            found = ", ".join(x.name for x in ovfs) or "none"
            raise PackageError(
                f"a package folder must hold exactly one descriptor (.ovf); found {found}",
                file=str(p),
                hint="Pass the descriptor's path instead",
            )
        return _open_directory(ovfs[0])
    if not p.is_file():
        kind = special_kind(p)  # /dev/zero, a named pipe: refused before reading
        if kind is not None:
            raise PackageError(
                f"{kind}, not a file or folder", file=str(p), hint="give an .ovf, .ova or folder"
            )
        raise PackageError("no such file or folder", file=str(p))
    if _sniff_descriptor(p):
        return _open_directory(p)
    return _open_ova(p)


def files_table(files: Iterable[PackageFile]) -> list[dict[str, object]]:
    """The file list as plain data (for JSON output)."""
    return [
        {
            "name": f.name,
            "size": f.size,
            "role": f.role.value,
            "file_id": f.reference.id if f.reference else None,
            "uses": [u.value for u in f.reference.uses] if f.reference else [],
            "chunk": f.chunk,
        }
        for f in files
    ]
