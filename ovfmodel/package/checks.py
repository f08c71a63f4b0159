"""What `Package.check` verifies, one reading pass over a package opened by `open_package`.

The References against the stored files (sizes, chunks, gzip, unsafe or external hrefs), an
OVA's member order and layout (DSP0243 5.3), then the manifest's digests and the
certificate's signature over it, each file hashed once in storage order. Findings are
diagnostics (`rules`), capped per rule so a hostile package cannot flood the report. Kept
apart from `package`, which holds what a package is and how it is opened and read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cryptography import x509

from ovfmodel.diagnostics import Diagnostic, Location, Report, Rule, make
from ovfmodel.errors import PackageError
from ovfmodel.package import rules
from ovfmodel.package.files import FileRole, PackageKind, split_chunk_name
from ovfmodel.package.manifest import (
    DigestAlgorithm,
    ManifestEntry,
    ManifestLineError,
    iter_manifest,
)
from ovfmodel.package.ova import iter_blocks
from ovfmodel.package.references import FileReference, href_problem
from ovfmodel.package.signing import MAX_CERT_BYTES, CertificateFile, check_signature

if TYPE_CHECKING:
    from ovfmodel.package.package import Package
    from ovfmodel.package.progress import Progress

#: Diagnostics of one kind listed before the rest are only counted (a hostile manifest may
#: have a million bad lines; nobody reads a million diagnostics).
MAX_PER_RULE = 100
#: Missing chunks of one File named one by one; the rest are counted in one diagnostic.
MAX_MISSING_LISTED = 10

_GZIP_MAGIC = b"\x1f\x8b"


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


def check_package(
    pkg: Package,
    *,
    trust: Sequence[x509.Certificate] | None = None,
    at_time: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Report:
    """`Package.check` (see there for the arguments): every file read once, in storage order."""
    out: list[Diagnostic] = []
    lim = _Limiter(out)
    for name, real in pkg._outside.items():
        lim.add(
            rules.LINK_OUTSIDE,
            f"{name!r} is a symbolic link leading out of the package folder (to {real}); "
            "it is not read. Copy the file into the folder",
            Location(file=pkg.display(name)),
        )
    _check_references(pkg, lim)
    if pkg.kind is PackageKind.OVA:
        _check_ova_layout(pkg, lim)
    _check_manifest(pkg, lim, trust, at_time, progress)
    lim.finish()
    return Report(source=str(pkg.path), diagnostics=out)


def _ref_location(pkg: Package, ref: FileReference) -> Location:
    return Location(
        file=pkg.display(pkg.descriptor_name),
        line=ref.line,
        path=f"References/File[{ref.id}]",
    )


def _check_references(pkg: Package, lim: _Limiter) -> None:
    ids: set[str] = set()
    hrefs: set[str] = set()
    for ref in pkg.references:
        where = _ref_location(pkg, ref)
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
        if ref.is_external and pkg.kind is PackageKind.OVA:
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
            _check_chunks(pkg, lim, ref, where)
            first = ref.chunk_name(0)
        else:
            first = ref.href
            stored = pkg._stored.get(ref.href)
            if stored is None and ref.href in pkg._outside:
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
        if ref.is_gzip and first in pkg._stored and pkg._stored[first].size > 0:
            with pkg.open(first) as f:
                magic = f.read(2)
            if magic != _GZIP_MAGIC:
                lim.add(
                    rules.NOT_GZIP,
                    f'{first!r} is declared ovf:compression="gzip" but is not a gzip file; '
                    "compress it with gzip or remove the attribute",
                    where,
                )


def _check_chunks(pkg: Package, lim: _Limiter, ref: FileReference, where: Location) -> None:
    chunk = ref.chunk_size or 0
    found = pkg._chunk_names(ref)
    if not found:
        whole = " (the unchunked file is there: split it or drop ovf:chunkSize)"
        lim.add(
            rules.FILE_MISSING,
            f"no chunk of {ref.href!r} (File {ref.id}) is in the package; expected "
            f"{ref.chunk_name(0)!r} and following" + (whole if ref.href in pkg._stored else ""),
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
        size = pkg._stored[name].size
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


def _check_ova_layout(pkg: Package, lim: _Limiter) -> None:
    assert pkg._tar is not None
    names = [m.name for m in pkg._tar.members]
    if names and names[0] != pkg.descriptor_name:
        lim.add(
            rules.DESCRIPTOR_NOT_FIRST,
            f"{pkg.descriptor_name!r} is member {names.index(pkg.descriptor_name) + 1}, "
            f"after {names[0]!r}; the descriptor must come first",
            Location(file=str(pkg.path)),
        )
    roles = {f.name: f for f in pkg.files}
    for f in pkg.files:
        if f.role is FileRole.EXTRA:
            lim.add(
                rules.UNREFERENCED,
                f"{f.name!r} ({f.size} bytes) is not referenced by the descriptor",
                Location(file=pkg.display(f.name)),
            )
    seq = [n for n in names if roles[n].role is not FileRole.EXTRA]
    want = [n for n in (pkg.manifest_name, pkg.certificate_name) if n is not None]
    if want:
        k = len(want)
        if seq[1 : 1 + k] != want and seq[len(seq) - k :] != want:
            lim.add(
                rules.MANIFEST_MISPLACED,
                f"members are {', '.join(seq)}; {' and '.join(want)} must follow the "
                "descriptor directly or end the archive",
                Location(file=str(pkg.path)),
            )
    previous: tuple[int, int] | None = None
    previous_name = ""
    for n in names:
        if n not in pkg._expected:
            continue
        i, _, chunk = pkg._expected[n]
        key = (i, chunk or 0)
        if previous is not None and key < previous:
            lim.add(
                rules.ORDER,
                f"{n!r} comes after {previous_name!r} but precedes it in References "
                "(or in chunk order)",
                Location(file=pkg.display(n)),
            )
        else:
            previous, previous_name = key, n
    if not pkg._tar.end_marker:
        lim.add(
            rules.NO_END_MARKER,
            "the archive ends without the two zero blocks that close a tar",
            Location(file=str(pkg.path)),
        )
    for d in pkg._tar.directories:
        lim.add(
            rules.DIRECTORY_MEMBER,
            f"directory entry {d!r} ignored",
            Location(file=str(pkg.path)),
        )


def _check_manifest(
    pkg: Package,
    lim: _Limiter,
    trust: Sequence[x509.Certificate] | None,
    at_time: dt.datetime | None,
    progress: Progress | None = None,
) -> None:
    stem = pkg.descriptor_name.rsplit(".", 1)[0]
    cert: CertificateFile | None = None
    cert_name = pkg.certificate_name
    if cert_name is not None:
        if cert_name != stem + ".cert":
            lim.add(
                rules.MANIFEST_NAME,
                f"certificate {cert_name!r} should be named {stem + '.cert'!r}",
                Location(file=pkg.display(cert_name)),
            )
        try:
            cert = CertificateFile.parse(
                pkg.read_bytes(cert_name, MAX_CERT_BYTES), name=pkg.display(cert_name)
            )
        except PackageError as exc:  # unparsable, or too big to be a .cert
            lim.add(
                rules.CERT_SYNTAX,
                exc.message + (f"; {exc.hint}" if exc.hint else ""),
                Location(file=pkg.display(cert_name), line=exc.line),
            )
    if trust is not None and cert_name is None:
        lim.add(
            rules.NOT_SIGNED,
            "the package is not signed (no .cert"
            + (")" if pkg.manifest_name else " and no manifest)")
            + ", but trust anchors were given: its origin cannot be established",
            Location(file=str(pkg.path)),
        )
    mf_name = pkg.manifest_name
    if mf_name is None:
        if cert_name is not None:
            lim.add(
                rules.CERT_WITHOUT_MANIFEST,
                f"{cert_name!r} signs a manifest, but the package has none",
                Location(file=pkg.display(cert_name)),
            )
        elif trust is None:
            lim.add(
                rules.NO_MANIFEST,
                "no manifest: file integrity is not checked",
                Location(file=str(pkg.path)),
            )
        return
    if mf_name != stem + ".mf":
        lim.add(
            rules.MANIFEST_NAME,
            f"manifest {mf_name!r} should be named {stem + '.mf'!r}",
            Location(file=pkg.display(mf_name)),
        )

    # 1. stream the manifest, keeping only entries for files that exist
    mf_where = pkg.display(mf_name)
    chunked_wholes = {
        ref.href: ref for ref in pkg.references if ref.chunk_size and ref.href not in pkg._stored
    }
    missing_plain = {
        ref.href for ref in pkg.references if not ref.chunk_size and ref.href not in pkg._stored
    }
    chunked = {ref.href: ref for ref in pkg.references if ref.chunk_size}

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
    with pkg.open(mf_name) as stream:
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
            elif item.name in pkg._stored or item.name in chunked_wholes:
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
    if pkg.descriptor_name not in entries:
        lim.add(
            rules.DESCRIPTOR_NOT_IN_MANIFEST,
            f"no digest for {pkg.descriptor_name!r}; the descriptor can be altered unnoticed",
            Location(file=mf_where),
        )
    completeness = (
        rules.MANIFEST_MISSING_ENTRY_1X
        if pkg.document.version.startswith(("0.", "1."))
        else rules.MANIFEST_MISSING_ENTRY
    )
    for f in pkg.files:
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
        if name in by_file and _complete_chunks(pkg, ref)
    }
    whole_hashers: dict[str, dict[DigestAlgorithm, hashlib._Hash]] = {}
    for name in wholes:
        whole_hashers[name] = {e.algorithm: e.algorithm.new() for e in by_file[name]}
    part_of: dict[str, str] = {}
    for name, ref in wholes.items():
        for idx in range(len(pkg._chunk_names(ref))):
            part_of[ref.chunk_name(idx)] = name
    hashed = [f for f in pkg.files if f.name in by_file or f.name in part_of]
    if progress is not None:
        progress.start(sum(f.size for f in hashed), "verify")
    for f in hashed:
        wanted = by_file.get(f.name, [])
        whole = part_of.get(f.name)
        hashers = {e.algorithm: e.algorithm.new() for e in wanted}
        extra = list(whole_hashers[whole].values()) if whole else []
        stored = pkg._stored[f.name]
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
            cert_name=pkg.display(cert_name),
            trust=trust,
            at_time=at_time,
        ):
            lim.out.append(d)


def _complete_chunks(pkg: Package, ref: FileReference) -> bool:
    found = pkg._chunk_names(ref)
    return bool(found) and sorted(found) == list(range(len(found)))
