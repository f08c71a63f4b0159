"""An OVF package as it is stored: a descriptor with files beside it, or an OVA tar.

`open_package` finds the descriptor and indexes the files without reading them; `check`
then streams every file once (straight out of the tar for an OVA) to compare sizes, chunks
and digests with the descriptor, the manifest and the certificate, and reports findings as
diagnostics rather than exceptions, so one run lists every problem.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509

from ovfmodel.diagnostics import Diagnostic, Location, Report, Rule, make
from ovfmodel.document import OvfDocument
from ovfmodel.errors import PackageError
from ovfmodel.package import rules
from ovfmodel.package.manifest import (
    DigestAlgorithm,
    ManifestEntry,
    ManifestLineError,
    iter_manifest,
)
from ovfmodel.package.ova import MAX_MEMBERS, RangeReader, TarIndex, iter_blocks, read_tar_index
from ovfmodel.package.references import (
    MAX_DESCRIPTOR_BYTES,
    FileReference,
    descriptor_references,
    href_problem,
    leaves_folder,
    parse_descriptor,
)
from ovfmodel.package.signing import MAX_CERT_BYTES, CertificateFile, check_signature
from ovfmodel.xmlsafe import special_kind

if TYPE_CHECKING:
    from ovfmodel.package.progress import Progress

#: Diagnostics of one kind listed before the rest are only counted (a hostile manifest may
#: have a million bad lines; nobody reads a million diagnostics).
MAX_PER_RULE = 100
#: Missing chunks of one File named one by one; the rest are counted in one diagnostic.
MAX_MISSING_LISTED = 10

_GZIP_MAGIC = b"\x1f\x8b"


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


@dataclass(frozen=True)
class _Stored:
    path: Path
    offset: int
    size: int


class _Limiter:
    """Caps diagnostics per rule and appends a count of the rest at the end."""

    def __init__(self, out: list[Diagnostic]) -> None:
        self.out = out
        self.counts: dict[str, int] = {}

    def add(self, rule: Rule, message: str, location: Location | None = None) -> None:
        n = self.counts.get(rule.code, 0) + 1
        self.counts[rule.code] = n
        if n <= MAX_PER_RULE:
            self.out.append(make(rule, message, location))

    def finish(self) -> None:
        for code, n in self.counts.items():
            if n > MAX_PER_RULE:
                self.out.append(
                    make(
                        rules.TOO_MANY,
                        f"{n - MAX_PER_RULE} more {code} diagnostics not listed ({n} in all)",
                    )
                )


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
        out: list[Diagnostic] = []
        lim = _Limiter(out)
        for name, real in self._outside.items():
            lim.add(
                rules.LINK_OUTSIDE,
                f"{name!r} is a symbolic link leading out of the package folder (to {real}); "
                "it is not read. Copy the file into the folder",
                Location(file=self.display(name)),
            )
        self._check_references(lim)
        if self.kind is PackageKind.OVA:
            self._check_ova_layout(lim)
        self._check_manifest(lim, trust, at_time, progress)
        lim.finish()
        return Report(source=str(self.path), diagnostics=out)

    def _ref_location(self, ref: FileReference) -> Location:
        return Location(
            file=self.display(self.descriptor_name),
            line=ref.line,
            path=f"References/File[{ref.id}]",
        )

    def _check_references(self, lim: _Limiter) -> None:
        ids: set[str] = set()
        hrefs: set[str] = set()
        for ref in self.references:
            where = self._ref_location(ref)
            if ref.id in ids:
                lim.add(rules.DUPLICATE_FILE_ID, f"ovf:id {ref.id!r} is used by two Files", where)
            ids.add(ref.id)
            if ref.href in hrefs:
                lim.add(
                    rules.DUPLICATE_HREF,
                    f"{ref.href!r} is referenced by more than one File; give each file its own "
                    "File element and refer to that one",
                    where,
                )
                continue
            hrefs.add(ref.href)
            if ref.compression is not None and ref.compression.strip().lower() not in (
                "gzip",
                "identity",
                "",
            ):
                lim.add(
                    rules.UNKNOWN_COMPRESSION,
                    f'ovf:compression="{ref.compression}" for {ref.href!r}; use "gzip" or omit it',
                    where,
                )
            if ref.is_external and self.kind is PackageKind.OVA:
                lim.add(
                    rules.EXTERNAL_HREF_IN_OVA,
                    f"ovf:href {ref.href!r} is a URL; every file of an OVA must be stored in it",
                    where,
                )
                continue
            if ref.is_external:
                lim.add(rules.EXTERNAL_HREF, f"{ref.href!r} is outside the package", where)
                continue
            problem = href_problem(ref.href)
            if problem:
                lim.add(
                    rules.UNSAFE_HREF,
                    f"ovf:href {ref.href!r} cannot name a file in the package: {problem}",
                    where,
                )
                continue
            if ref.chunk_size:
                self._check_chunks(lim, ref, where)
                first = ref.chunk_name(0)
            else:
                first = ref.href
                stored = self._stored.get(ref.href)
                if stored is None and ref.href in self._outside:
                    continue  # reported as a link leaving the folder
                if stored is None:
                    lim.add(
                        rules.FILE_MISSING,
                        f"{ref.href!r} (File {ref.id}) is not in the package; add it or remove "
                        "the File element",
                        where,
                    )
                    continue
                if ref.size is not None and ref.size != stored.size:
                    lim.add(
                        rules.SIZE_MISMATCH,
                        f"{ref.href!r} is {stored.size} bytes but ovf:size says {ref.size}; set "
                        f'ovf:size="{stored.size}" if the file is right',
                        where,
                    )
            if ref.is_gzip and first in self._stored and self._stored[first].size > 0:
                with self.open(first) as f:
                    magic = f.read(2)
                if magic != _GZIP_MAGIC:
                    lim.add(
                        rules.NOT_GZIP,
                        f'{first!r} is declared ovf:compression="gzip" but is not a gzip file; '
                        "compress it with gzip or remove the attribute",
                        where,
                    )

    def _check_chunks(self, lim: _Limiter, ref: FileReference, where: Location) -> None:
        chunk = ref.chunk_size or 0
        found = self._chunk_names(ref)
        if not found:
            whole = " (the unchunked file is there: split it or drop ovf:chunkSize)"
            lim.add(
                rules.FILE_MISSING,
                f"no chunk of {ref.href!r} (File {ref.id}) is in the package; expected "
                f"{ref.chunk_name(0)!r} and following"
                + (whole if ref.href in self._stored else ""),
                where,
            )
            return
        count = max(found) + 1
        if ref.size is not None:
            count = max(count, -(-ref.size // chunk) if ref.size else 1)
        # count and compare without building the names of chunks that are not there: a File
        # may claim 10^12 chunks
        missing = count - len(found)
        absent = (i for i in range(count) if i not in found)
        for idx in itertools.islice(absent, MAX_MISSING_LISTED):
            lim.add(
                rules.CHUNK_MISSING,
                f"chunk {ref.chunk_name(idx)!r} of {ref.href!r} is missing; the file cannot be "
                "reassembled",
                where,
            )
        if missing > MAX_MISSING_LISTED:
            lim.add(
                rules.CHUNK_MISSING,
                f"{missing - MAX_MISSING_LISTED} more chunks of {ref.href!r} are missing "
                f"({missing} of the {count} that ovf:size and ovf:chunkSize call for)",
                where,
            )
        total = 0
        for idx in sorted(found):
            name = found[idx]
            size = self._stored[name].size
            total += size
            last = idx == count - 1
            if (not last and size != chunk) or (last and not 0 < size <= chunk):
                want = f"exactly {chunk}" if not last else f"1 to {chunk}"
                lim.add(
                    rules.CHUNK_SIZE,
                    f"chunk {name!r} is {size} bytes; it must be {want} bytes (ovf:chunkSize)",
                    where,
                )
        if ref.size is not None and not missing and total != ref.size:
            lim.add(
                rules.SIZE_MISMATCH,
                f"the chunks of {ref.href!r} total {total} bytes but ovf:size says {ref.size}",
                where,
            )

    def _check_ova_layout(self, lim: _Limiter) -> None:
        assert self._tar is not None
        names = [m.name for m in self._tar.members]
        if names and names[0] != self.descriptor_name:
            lim.add(
                rules.DESCRIPTOR_NOT_FIRST,
                f"{self.descriptor_name!r} is member {names.index(self.descriptor_name) + 1}, "
                f"after {names[0]!r}; the descriptor must come first",
                Location(file=str(self.path)),
            )
        roles = {f.name: f for f in self.files}
        for f in self.files:
            if f.role is FileRole.EXTRA:
                lim.add(
                    rules.UNREFERENCED,
                    f"{f.name!r} ({f.size} bytes) is not referenced by the descriptor",
                    Location(file=self.display(f.name)),
                )
        seq = [n for n in names if roles[n].role is not FileRole.EXTRA]
        want = [n for n in (self.manifest_name, self.certificate_name) if n is not None]
        if want:
            k = len(want)
            if seq[1 : 1 + k] != want and seq[len(seq) - k :] != want:
                lim.add(
                    rules.MANIFEST_MISPLACED,
                    f"members are {', '.join(seq)}; {' and '.join(want)} must follow the "
                    "descriptor directly or end the archive",
                    Location(file=str(self.path)),
                )
        previous: tuple[int, int] | None = None
        previous_name = ""
        for n in names:
            if n not in self._expected:
                continue
            i, _, chunk = self._expected[n]
            key = (i, chunk or 0)
            if previous is not None and key < previous:
                lim.add(
                    rules.ORDER,
                    f"{n!r} comes after {previous_name!r} but precedes it in References "
                    "(or in chunk order)",
                    Location(file=self.display(n)),
                )
            else:
                previous, previous_name = key, n
        if not self._tar.end_marker:
            lim.add(
                rules.NO_END_MARKER,
                "the archive ends without the two zero blocks that close a tar",
                Location(file=str(self.path)),
            )
        for d in self._tar.directories:
            lim.add(
                rules.DIRECTORY_MEMBER,
                f"directory entry {d!r} ignored",
                Location(file=str(self.path)),
            )

    def _check_manifest(
        self,
        lim: _Limiter,
        trust: Sequence[x509.Certificate] | None,
        at_time: dt.datetime | None,
        progress: Progress | None = None,
    ) -> None:
        stem = self.descriptor_name.rsplit(".", 1)[0]
        cert: CertificateFile | None = None
        cert_name = self.certificate_name
        if cert_name is not None:
            if cert_name != stem + ".cert":
                lim.add(
                    rules.MANIFEST_NAME,
                    f"certificate {cert_name!r} should be named {stem + '.cert'!r}",
                    Location(file=self.display(cert_name)),
                )
            try:
                cert = CertificateFile.parse(
                    self.read_bytes(cert_name, MAX_CERT_BYTES), name=self.display(cert_name)
                )
            except PackageError as exc:  # unparsable, or too big to be a .cert
                lim.add(
                    rules.CERT_SYNTAX,
                    exc.message + (f"; {exc.hint}" if exc.hint else ""),
                    Location(file=self.display(cert_name), line=exc.line),
                )
        if trust is not None and cert_name is None:
            lim.add(
                rules.NOT_SIGNED,
                "the package is not signed (no .cert"
                + (")" if self.manifest_name else " and no manifest)")
                + ", but trust anchors were given: its origin cannot be established",
                Location(file=str(self.path)),
            )
        mf_name = self.manifest_name
        if mf_name is None:
            if cert_name is not None:
                lim.add(
                    rules.CERT_WITHOUT_MANIFEST,
                    f"{cert_name!r} signs a manifest, but the package has none",
                    Location(file=self.display(cert_name)),
                )
            elif trust is None:
                lim.add(
                    rules.NO_MANIFEST,
                    "no manifest: file integrity is not checked",
                    Location(file=str(self.path)),
                )
            return
        if mf_name != stem + ".mf":
            lim.add(
                rules.MANIFEST_NAME,
                f"manifest {mf_name!r} should be named {stem + '.mf'!r}",
                Location(file=self.display(mf_name)),
            )

        # 1. stream the manifest, keeping only entries for files that exist
        mf_where = self.display(mf_name)
        chunked_wholes = {
            ref.href: ref
            for ref in self.references
            if ref.chunk_size and ref.href not in self._stored
        }
        missing_plain = {
            ref.href
            for ref in self.references
            if not ref.chunk_size and ref.href not in self._stored
        }
        chunked = {ref.href: ref for ref in self.references if ref.chunk_size}

        def referenced_but_missing(name: str) -> bool:
            """A file the descriptor calls for that is not stored (reported elsewhere)."""
            if name in missing_plain:
                return True
            split = split_chunk_name(name)
            ref = chunked.get(split[0]) if split else None
            if ref is None or split is None or not ref.chunk_size:
                return False
            return split[1] < -(-(ref.size or 0) // ref.chunk_size)

        not_listable = {mf_name, cert_name}
        entries: dict[str, ManifestEntry] = {}
        sig_hasher = cert.algorithm.new() if cert is not None else None
        weak_line: int | None = None
        with self.open(mf_name) as stream:
            for item in iter_manifest(stream, hashers=[sig_hasher] if sig_hasher else []):
                if isinstance(item, ManifestLineError):
                    lim.add(
                        rules.MANIFEST_SYNTAX,
                        f"line {item.line} {item.reason}: {item.text[:80]!r}; write it as "
                        "SHA256(file name)= hexdigest",
                        Location(file=mf_where, line=item.line),
                    )
                    continue
                loc = Location(file=mf_where, line=item.line)
                if item.algorithm is DigestAlgorithm.SHA1 and weak_line is None:
                    weak_line = item.line
                if item.name in not_listable:
                    lim.add(
                        rules.MANIFEST_EXTRA_ENTRY,
                        f"the manifest lists {item.name!r}, which cannot be covered by the "
                        "manifest; remove the line",
                        loc,
                    )
                elif item.name in self._stored or item.name in chunked_wholes:
                    if item.name in entries:
                        first = entries[item.name]
                        lim.add(
                            rules.MANIFEST_DUPLICATE,
                            f"{item.name!r} is listed again (first on line {first.line}); keep "
                            "one line per file",
                            loc,
                        )
                        if first.digest != item.digest or first.algorithm != item.algorithm:
                            # conflicting duplicates: check both, so a bad one is not hidden
                            entries[item.name + "\x00" + str(item.line)] = item
                    else:
                        entries[item.name] = item
                elif not referenced_but_missing(item.name):
                    lim.add(
                        rules.MANIFEST_EXTRA_ENTRY,
                        f"the manifest lists {item.name!r}, which is not in the package; remove "
                        "the line or add the file",
                        loc,
                    )
        if weak_line is not None:
            lim.add(
                rules.WEAK_DIGEST,
                "the manifest uses SHA1; regenerate it with SHA256 or SHA512",
                Location(file=mf_where, line=weak_line),
            )

        # 2. every package file must be listed
        if self.descriptor_name not in entries:
            lim.add(
                rules.DESCRIPTOR_NOT_IN_MANIFEST,
                f"no digest for {self.descriptor_name!r}; the descriptor can be altered unnoticed",
                Location(file=mf_where),
            )
        completeness = (
            rules.MANIFEST_MISSING_ENTRY_1X
            if self.document.version.startswith(("0.", "1."))
            else rules.MANIFEST_MISSING_ENTRY
        )
        for f in self.files:
            if f.reference is not None and f.name not in entries:
                lim.add(
                    completeness,
                    f"no digest for {f.name!r}; regenerate the manifest",
                    Location(file=mf_where),
                )

        # 3. hash each stored file once, in storage order
        by_file: dict[str, list[ManifestEntry]] = {}
        for entry in entries.values():
            by_file.setdefault(entry.name, []).append(entry)
        wholes = {
            name: ref
            for name, ref in chunked_wholes.items()
            if name in by_file and self._complete_chunks(ref)
        }
        whole_hashers: dict[str, dict[DigestAlgorithm, hashlib._Hash]] = {}
        for name in wholes:
            whole_hashers[name] = {e.algorithm: e.algorithm.new() for e in by_file[name]}
        part_of: dict[str, str] = {}
        for name, ref in wholes.items():
            for idx in range(len(self._chunk_names(ref))):
                part_of[ref.chunk_name(idx)] = name
        hashed = [f for f in self.files if f.name in by_file or f.name in part_of]
        if progress is not None:
            progress.start(sum(f.size for f in hashed), "verify")
        for f in hashed:
            wanted = by_file.get(f.name, [])
            whole = part_of.get(f.name)
            hashers = {e.algorithm: e.algorithm.new() for e in wanted}
            extra = list(whole_hashers[whole].values()) if whole else []
            stored = self._stored[f.name]
            for block in iter_blocks(stored.path, stored.offset, stored.size):
                for h in hashers.values():
                    h.update(block)
                for h in extra:
                    h.update(block)
                if progress is not None:
                    progress.update(len(block))
            for e in wanted:
                actual = hashers[e.algorithm].hexdigest()
                if actual != e.digest:
                    lim.add(
                        rules.DIGEST_MISMATCH,
                        f"{f.name!r} has {e.algorithm.value} {actual}, the manifest says "
                        f"{e.digest}; the file was changed or damaged",
                        Location(file=mf_where, line=e.line),
                    )
        if progress is not None:
            progress.close()
        for name, algos in whole_hashers.items():
            for e in by_file[name]:
                actual = algos[e.algorithm].hexdigest()
                if actual != e.digest:
                    lim.add(
                        rules.DIGEST_MISMATCH,
                        f"the chunks of {name!r} together have {e.algorithm.value} {actual}, "
                        f"the manifest says {e.digest}",
                        Location(file=mf_where, line=e.line),
                    )

        # 4. the signature over the manifest bytes
        if cert is not None and sig_hasher is not None and cert_name is not None:
            for d in check_signature(
                cert,
                sig_hasher.digest(),
                manifest_name=mf_name,
                cert_name=self.display(cert_name),
                trust=trust,
                at_time=at_time,
            ):
                lim.out.append(d)

    def _complete_chunks(self, ref: FileReference) -> bool:
        found = self._chunk_names(ref)
        return bool(found) and sorted(found) == list(range(len(found)))


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
