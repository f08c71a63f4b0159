"""Writing an OVA (tar), with a manifest and optionally a signature.

Disks are streamed, never read whole, and hashed while they are copied. An OVA is laid out as
DSP0243 requires (descriptor, manifest, certificate, then the files in References order,
chunks ascending) even though the manifest is only known after the files are hashed: its size
is known in advance (fixed-length lines), so its tar member is reserved and filled in at the
end. The result is written to a temporary file and renamed, so a failed run leaves nothing.

What goes into the package is planned in `members`; folder packages are written by
`directory`, and the checks on the output folder are in `targets`. `write_directory`,
`stale_companions`, `refuse_other_descriptor`, `SignSpec` and `PathLike` are importable from
here as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tarfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509

from ovfmodel.atomicfile import atomic_write
from ovfmodel.errors import PackageError
from ovfmodel.package.directory import stale_companions, write_directory
from ovfmodel.package.manifest import BLOCK_SIZE, DigestAlgorithm, Manifest, format_line
from ovfmodel.package.members import (
    Member,
    PathLike,
    Piece,
    SignSpec,
    load_signer,
    plan,
    resolve_digest,
    stem_of,
)
from ovfmodel.package.ova import RangeReader
from ovfmodel.package.signing import SigningKey, make_certificate_file
from ovfmodel.package.targets import io_error, refuse_existing, refuse_other_descriptor

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

    from ovfmodel.package.progress import Progress

__all__ = [
    "MAX_MTIME",
    "PathLike",
    "SignSpec",
    "refuse_other_descriptor",
    "stale_companions",
    "write_directory",
    "write_ova",
    "write_ova_from",
]

#: Largest time stamp a ustar header holds (11 octal digits)
MAX_MTIME = 8**11 - 1


class _HashingReader(io.RawIOBase):
    """Reads a member's pieces in order, feeding every byte to a hash on the way."""

    def __init__(
        self, member: Member, hasher: hashlib._Hash | None, progress: Progress | None = None
    ) -> None:
        super().__init__()
        self._pieces = list(member.pieces)
        self._current: RangeReader | None = None
        self._hasher = hasher
        self._progress = progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        view = memoryview(buffer).cast("B")
        while True:
            if self._current is None:
                if not self._pieces:
                    return 0
                piece = self._pieces.pop(0)
                self._current = RangeReader(piece.path, piece.offset, piece.length)
            n = self._current.readinto(view)
            if n:
                if self._hasher is not None:
                    self._hasher.update(view[:n])
                if self._progress is not None:
                    self._progress.update(n)
                return n
            self._current.close()
            self._current = None

    def read(self, size: int = -1) -> bytes:
        """Fill ``size`` bytes unless the pieces end (tarfile expects full reads)."""
        if size < 0:
            return self.readall()
        buf = bytearray(size)
        view = memoryview(buf)
        got = 0
        while got < size:
            n = self.readinto(view[got:])
            if not n:
                break
            got += n
        return bytes(view[:got])

    def close(self) -> None:
        if self._current is not None:
            self._current.close()
        super().close()


def _manifest_size(algorithm: DigestAlgorithm, names: Iterable[str]) -> int:
    dummy = "0" * algorithm.hex_length
    return sum(len(format_line(algorithm, n, dummy).encode("utf-8")) for n in names)


def _tarinfo(name: str, size: int, mtime: int) -> tarfile.TarInfo:
    ti = tarfile.TarInfo(name)
    ti.size = size
    ti.mtime = mtime
    ti.mode = 0o644
    ti.uid = ti.gid = 0
    ti.uname = ti.gname = ""
    ti.type = tarfile.REGTYPE
    return ti


def _check_ova_target(out: Path, overwrite: bool = True) -> None:
    if out.is_dir():
        raise PackageError(
            "is a folder, not an OVA file name",
            file=str(out),
            hint="Give the file to write (-o appliance.ova), or write a folder package "
            "(--directory, write_directory)",
        )
    if not out.parent.is_dir():
        raise PackageError(
            "the folder to write the OVA into does not exist",
            file=str(out.parent),
            hint="Create it first",
        )
    if not overwrite:
        refuse_existing([out])


def write_ova(
    descriptor: PathLike,
    out: PathLike,
    *,
    digest: str | DigestAlgorithm | None = "sha256",
    sign: SignSpec | None = None,
    key_password: bytes | None = None,
    mtime: int | None = None,
    progress: Progress | None = None,
    overwrite: bool = True,
) -> Path:
    """Pack the descriptor and the files it references into an OVA at ``out``.

    ``digest``: manifest algorithm (sha1, sha256, sha512; None for no manifest). ``sign``:
    (private key PEM, certificate PEM with the signer first) to add a .cert. ``mtime``: the
    members' time (default now). The tar is POSIX (ustar headers, pax only where a name or
    size needs it) with fixed owner (0/0, no names) and mode (0644): with a fixed ``mtime``
    the same inputs give a byte-identical OVA (signed with RSA; ECDSA signatures are
    randomised). ``out`` may not be one of the inputs (the descriptor, a file it references,
    the key or certificate): compared as files, not by name. ``progress``: told the bytes
    packed. ``overwrite=False``: raise PackageError if ``out`` exists (``pack`` without
    ``--force``). Every href must name a file beside the descriptor (DSP0243 5.3): a URL or
    absolute path raises PackageError.
    """
    descriptor = Path(descriptor)
    out = Path(out)
    algorithm = resolve_digest(digest)
    if sign is not None and algorithm is None:
        raise PackageError("signing needs a manifest", hint="Give a digest algorithm")
    _check_ova_target(out)
    signer = load_signer(sign, key_password)
    data, members = plan(descriptor, for_ova=True)
    _check_member_names(descriptor.name, members)
    _refuse_own_input(out, [descriptor, *(p.path for m in members for p in m.pieces)], sign)
    if not overwrite:
        refuse_existing([out])
    return _write_ova(descriptor.name, data, members, out, algorithm, signer, mtime, progress)


def write_ova_from(
    descriptor_name: str,
    descriptor: bytes,
    members: Sequence[tuple[str, Sequence[tuple[PathLike, int, int]]]],
    out: PathLike,
    *,
    digest: str | DigestAlgorithm | None = "sha256",
    sign: SignSpec | None = None,
    key_password: bytes | None = None,
    mtime: int | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write an OVA from a descriptor held in memory and members given as byte ranges
    ``(path, offset, length)`` of files, such as the members of another OVA: what editing a
    package writes. ``members`` are in References order; each is streamed, never loaded.
    ``out`` may be the OVA the ranges come from: it is replaced only once the new one is
    complete. Other options as for `write_ova`.
    """
    out = Path(out)
    algorithm = resolve_digest(digest)
    if sign is not None and algorithm is None:
        raise PackageError("signing needs a manifest", hint="Give a digest algorithm")
    _check_ova_target(out)
    signer = load_signer(sign, key_password)
    planned = [
        Member(name, tuple(Piece(Path(p), offset, length) for p, offset, length in pieces))
        for name, pieces in members
    ]
    _check_member_names(descriptor_name, planned)
    return _write_ova(descriptor_name, descriptor, planned, out, algorithm, signer, mtime, progress)


def _check_member_names(descriptor_name: str, members: list[Member]) -> None:
    stem = stem_of(Path(descriptor_name))
    names = [descriptor_name, *(m.name for m in members)]
    if len(set(names) | {f"{stem}.mf", f"{stem}.cert"}) != len(names) + 2:
        raise PackageError(
            "a referenced file has the name of the descriptor, manifest or certificate",
            file=descriptor_name,
        )


def _write_ova(
    descriptor_name: str,
    data: bytes,
    members: list[Member],
    out: Path,
    algorithm: DigestAlgorithm | None,
    signer: tuple[SigningKey, list[x509.Certificate]] | None,
    mtime: int | None,
    progress: Progress | None,
) -> Path:
    stem = stem_of(Path(descriptor_name))
    mf_name, cert_name = f"{stem}.mf", f"{stem}.cert"
    names = [descriptor_name, *(m.name for m in members)]
    when = int(time.time()) if mtime is None else mtime
    if when < 0:
        raise PackageError(f"mtime {when} is before 1970", hint="Give seconds since 1970")
    if when > MAX_MTIME:
        raise PackageError(
            f"mtime {when} does not fit a tar header (at most {MAX_MTIME})",
            hint="Give seconds since 1970 up to the year 6053",
        )

    try:
        with atomic_write(out) as fh:
            tar = tarfile.TarFile(
                fileobj=fh, mode="w", format=tarfile.PAX_FORMAT, copybufsize=BLOCK_SIZE
            )
            manifest = Manifest()
            tar.addfile(_tarinfo(descriptor_name, len(data), when), io.BytesIO(data))
            slots: dict[str, tuple[int, int]] = {}

            def reserve(name: str, size: int) -> None:
                tar.addfile(_tarinfo(name, size, when), io.BytesIO(bytes(size)))
                slots[name] = (tar.offset - -(-size // tarfile.BLOCKSIZE) * tarfile.BLOCKSIZE, size)

            cert_size = 0
            if algorithm is not None:
                h = algorithm.new()
                h.update(data)
                manifest.add(algorithm, descriptor_name, h.hexdigest())
                reserve(mf_name, _manifest_size(algorithm, names))
                if signer is not None:
                    key, chain = signer
                    cert_size = len(
                        make_certificate_file(
                            key, chain, mf_name, bytes(algorithm.new().digest_size), algorithm
                        )
                    )
                    reserve(cert_name, cert_size)
            if progress is not None:
                progress.start(sum(m.size for m in members), "pack")
            for member in members:
                hasher = algorithm.new() if algorithm is not None else None
                with _HashingReader(member, hasher, progress) as reader:
                    tar.addfile(_tarinfo(member.name, member.size, when), reader)
                if algorithm is not None and hasher is not None:
                    manifest.add(algorithm, member.name, hasher.hexdigest())
            tar.close()
            if algorithm is not None:
                mf_bytes = manifest.to_bytes()
                offset, size = slots[mf_name]
                if len(mf_bytes) != size:  # pragma: no cover - guarded by _manifest_size
                    raise PackageError("internal error: manifest size changed", file=str(out))
                fh.seek(offset)
                fh.write(mf_bytes)
                if signer is not None:
                    key, chain = signer
                    h = algorithm.new()
                    h.update(mf_bytes)
                    cert = make_certificate_file(
                        key, chain, mf_name, h.digest(), algorithm, size=cert_size
                    )
                    fh.seek(slots[cert_name][0])
                    fh.write(cert)
    except OSError as exc:
        raise io_error(exc, out, "write the OVA") from None
    finally:
        if progress is not None:
            progress.close()
    return out


def _refuse_own_input(out: Path, inputs: Iterable[Path], sign: SignSpec | None) -> None:
    """Refuse to write ``out`` over a file this run reads (by identity: hard links, symbolic
    links and other spellings of one path included)."""
    if not out.exists():
        return
    everything = [*inputs, *((Path(sign[0]), Path(sign[1])) if sign else ())]
    for path in dict.fromkeys(everything):
        with contextlib.suppress(OSError):
            if os.path.samefile(out, path):
                raise PackageError(
                    f"is an input of this package ({path}); writing the OVA there would destroy it",
                    file=str(out),
                    hint="Give another output name (-o NAME.ova)",
                )
