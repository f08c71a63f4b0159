"""Writing packages: an OVA (tar) or a folder, with a manifest and optionally a signature.

Disks are streamed, never read whole, and hashed while they are copied. An OVA is laid out as
DSP0243 requires (descriptor, manifest, certificate, then the files in References order,
chunks ascending) even though the manifest is only known after the files are hashed: its size
is known in advance (fixed-length lines), so its tar member is reserved and filled in at the
end. The result is written to a temporary file and renamed, so a failed run leaves nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tarfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from cryptography import x509

from ovfmodel.atomicfile import FileGroup, atomic_group, atomic_write, created_folder
from ovfmodel.display import printable
from ovfmodel.errors import PackageError
from ovfmodel.package.manifest import BLOCK_SIZE, DigestAlgorithm, Manifest, format_line
from ovfmodel.package.ova import MAX_MEMBERS, RangeReader, iter_blocks
from ovfmodel.package.references import (
    MAX_DESCRIPTOR_BYTES,
    FileReference,
    href_problem,
    leaves_folder,
    references_from_descriptor,
)
from ovfmodel.package.signing import (
    SigningKey,
    load_certificates,
    load_signing_key,
    make_certificate_file,
)

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

    from ovfmodel.package.progress import Progress

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: folder packages are not locked
    fcntl = None  # type: ignore[assignment]

PathLike = str | Path
#: Largest time stamp a ustar header holds (11 octal digits)
MAX_MTIME = 8**11 - 1
SignSpec = tuple[PathLike, PathLike]


@dataclass(frozen=True)
class _Piece:
    path: Path
    offset: int
    length: int


@dataclass(frozen=True)
class _Member:
    """A file to store under ``name``, made of byte ranges of source files."""

    name: str
    pieces: tuple[_Piece, ...]

    @property
    def size(self) -> int:
        return sum(p.length for p in self.pieces)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size if path.is_file() else None
    except OSError:
        return None


def _plan(descriptor: Path, *, for_ova: bool = False) -> tuple[bytes, list[_Member]]:
    """Read the descriptor and decide what goes into the package, checking it is complete.

    Raises PackageError for anything that would make a package fail its own check: a missing
    file, a wrong ovf:size, missing or mis-sized chunks, an href leaving the folder.
    """
    size = _size(descriptor)
    if size is None:
        raise PackageError(
            "descriptor not found" + (" (it is a folder)" if descriptor.is_dir() else ""),
            file=str(descriptor),
            hint="Pass the path of the .ovf file",
        )
    if descriptor.suffix.lower() == ".ova":
        raise PackageError(
            "is an OVA, not a descriptor",
            file=str(descriptor),
            hint="Pass the .ovf file; to repack an OVA, extract it first "
            "(ovfmodel unpack X.ova -d DIR)",
        )
    if size > MAX_DESCRIPTOR_BYTES:
        raise PackageError(
            f"descriptor is {size} bytes; not an OVF descriptor", file=str(descriptor)
        )
    try:
        data = descriptor.read_bytes()
    except OSError as exc:
        raise _io_error(exc, descriptor, "read") from None
    root = descriptor.parent
    members: list[_Member] = []
    seen: set[str] = set()
    for ref in references_from_descriptor(data, str(descriptor)):
        if ref.is_external and for_ova:
            raise PackageError(
                f"ovf:href {ref.href!r} (File {ref.id}) is a URL; every file of an OVA must be "
                "inside it, named by a relative path (DSP0243 5.3)",
                file=str(descriptor),
                line=ref.line,
                hint="Copy the file beside the descriptor and reference it by its name, "
                "or write a folder package (--directory), which may reference URLs",
            )
        if ref.is_external:
            continue
        problem = href_problem(ref.href)
        if problem:
            raise PackageError(
                f"ovf:href {ref.href!r} cannot be packed: {problem}",
                file=str(descriptor),
                line=ref.line,
            )
        if ref.href in seen:
            raise PackageError(
                f"{ref.href!r} is referenced by two File elements",
                file=str(descriptor),
                line=ref.line,
            )
        seen.add(ref.href)
        members.extend(_members_for(ref, root, str(descriptor)))
    return data, members


def _members_for(ref: FileReference, root: Path, descriptor: str) -> list[_Member]:
    def fail(message: str, hint: str | None = None) -> PackageError:
        return PackageError(printable(message), file=descriptor, line=ref.line, hint=hint)

    for name in (ref.href, ref.chunk_name(0)):
        outside = leaves_folder(root / name, root)
        if outside is not None and os.path.lexists(root / name):
            raise fail(
                f"{name!r} is a symbolic link leading out of the package folder (to {outside})",
                hint="Copy the file into the folder; links out of a package are not packed",
            )
    if not ref.chunk_size:
        size = _size(root / ref.href)
        if size is None:
            raise fail(f"{ref.href!r} (File {ref.id}) not found beside the descriptor")
        if ref.size is not None and ref.size != size:
            raise fail(
                f"{ref.href!r} is {size} bytes but ovf:size says {ref.size}",
                hint=f'Set ovf:size="{size}"',
            )
        return [_Member(ref.href, (_Piece(root / ref.href, 0, size),))]

    chunk = ref.chunk_size
    parts: list[_Member] = []
    idx = 0
    while (size := _size(root / ref.chunk_name(idx))) is not None:
        if leaves_folder(root / ref.chunk_name(idx), root) is not None:
            raise fail(f"{ref.chunk_name(idx)!r} is a symbolic link leading out of the folder")
        parts.append(_Member(ref.chunk_name(idx), (_Piece(root / ref.chunk_name(idx), 0, size),)))
        idx += 1
        if idx > MAX_MEMBERS:
            raise fail(f"more than {MAX_MEMBERS} chunks of {ref.href!r}")
    if not parts:
        # only the whole file exists: split it into chunks while packing
        whole = _size(root / ref.href)
        if whole is None:
            raise fail(f"neither {ref.href!r} nor its chunks {ref.chunk_name(0)!r}... found")
        if -(-whole // chunk) > MAX_MEMBERS:
            raise fail(
                f"ovf:chunkSize={chunk} splits {ref.href!r} ({whole} bytes) into "
                f"{-(-whole // chunk)} chunks; an OVA holds at most {MAX_MEMBERS} files",
                hint="Use a larger ovf:chunkSize",
            )
        offsets = range(0, max(whole, 1), chunk)
        parts = [
            _Member(ref.chunk_name(i), (_Piece(root / ref.href, off, min(chunk, whole - off)),))
            for i, off in enumerate(offsets)
        ]
    total = sum(p.size for p in parts)
    for i, p in enumerate(parts):
        last = i == len(parts) - 1
        if (not last and p.size != chunk) or (last and p.size > chunk):
            raise fail(f"chunk {p.name!r} is {p.size} bytes; ovf:chunkSize is {chunk}")
    if ref.size is not None and total != ref.size:
        raise fail(
            f"the chunks of {ref.href!r} total {total} bytes but ovf:size says {ref.size}",
            hint=f'Set ovf:size="{total}"',
        )
    return parts


class _HashingReader(io.RawIOBase):
    """Reads a member's pieces in order, feeding every byte to a hash on the way."""

    def __init__(
        self, member: _Member, hasher: hashlib._Hash | None, progress: Progress | None = None
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


def _resolve_digest(digest: str | DigestAlgorithm | None) -> DigestAlgorithm | None:
    if digest is None or isinstance(digest, DigestAlgorithm):
        return digest
    return DigestAlgorithm.parse(digest)


def _load_signer(
    sign: SignSpec | None, password: bytes | None
) -> tuple[SigningKey, list[x509.Certificate]] | None:
    if sign is None:
        return None
    key = load_signing_key(sign[0], password)
    chain = load_certificates(sign[1])
    if not chain:
        raise PackageError("no certificate in the file", file=str(sign[1]))
    return key, list(chain)


def _manifest_size(algorithm: DigestAlgorithm, names: Iterable[str]) -> int:
    dummy = "0" * algorithm.hex_length
    return sum(len(format_line(algorithm, n, dummy).encode("utf-8")) for n in names)


def _stem(descriptor: Path) -> str:
    return descriptor.name[: -len(descriptor.suffix)] if descriptor.suffix else descriptor.name


def _tarinfo(name: str, size: int, mtime: int) -> tarfile.TarInfo:
    ti = tarfile.TarInfo(name)
    ti.size = size
    ti.mtime = mtime
    ti.mode = 0o644
    ti.uid = ti.gid = 0
    ti.uname = ti.gname = ""
    ti.type = tarfile.REGTYPE
    return ti


def _io_error(exc: OSError, fallback: Path, action: str) -> PackageError:
    """An OSError (missing folder, no permission, disk full) as a PackageError naming the file."""
    name = exc.filename if isinstance(exc.filename, str) else str(fallback)
    return PackageError(
        f"cannot {action}: {exc.strerror or exc}",
        file=name,
        hint="Check the path, its permissions and the free space",
    )


def _refuse_existing(paths: Iterable[Path]) -> None:
    """Refuse to replace files the user already has (``overwrite=False``)."""
    existing = [p for p in paths if os.path.lexists(p)]
    if existing:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise PackageError(
            f"already exists{more}; not replaced",
            file=str(existing[0]),
            hint="Replace it with --force (overwrite=True), or give another output name",
        )


def refuse_other_descriptor(folder: Path, name: str) -> None:
    """Refuse to write package ``name`` into a folder holding another descriptor: a package
    folder holds exactly one (DSP0243 5.1), so the result would be no package at all, and
    `--force` replaces only files of the same names. Checked before anything is written."""
    if not folder.is_dir():
        return
    try:
        others = sorted(
            p.name
            for p in folder.iterdir()
            if p.suffix.lower() == ".ovf" and p.name != name and p.is_file()
        )
    except OSError as exc:
        raise _io_error(exc, folder, "list the package folder") from None
    if others:
        more = f" (and {len(others) - 1} more)" if len(others) > 1 else ""
        raise PackageError(
            f"holds another package's descriptor, {others[0]}{more}; writing {name} beside it "
            "would leave two descriptors, and a package folder holds exactly one (DSP0243 5.1)",
            file=str(folder),
            hint="Write into an empty folder, or remove the other package's files first",
        )


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
        _refuse_existing([out])


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
    algorithm = _resolve_digest(digest)
    if sign is not None and algorithm is None:
        raise PackageError("signing needs a manifest", hint="Give a digest algorithm")
    _check_ova_target(out)
    signer = _load_signer(sign, key_password)
    data, members = _plan(descriptor, for_ova=True)
    _check_member_names(descriptor.name, members)
    _refuse_own_input(out, [descriptor, *(p.path for m in members for p in m.pieces)], sign)
    if not overwrite:
        _refuse_existing([out])
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
    algorithm = _resolve_digest(digest)
    if sign is not None and algorithm is None:
        raise PackageError("signing needs a manifest", hint="Give a digest algorithm")
    _check_ova_target(out)
    signer = _load_signer(sign, key_password)
    planned = [
        _Member(name, tuple(_Piece(Path(p), offset, length) for p, offset, length in pieces))
        for name, pieces in members
    ]
    _check_member_names(descriptor_name, planned)
    return _write_ova(descriptor_name, descriptor, planned, out, algorithm, signer, mtime, progress)


def _check_member_names(descriptor_name: str, members: list[_Member]) -> None:
    stem = _stem(Path(descriptor_name))
    names = [descriptor_name, *(m.name for m in members)]
    if len(set(names) | {f"{stem}.mf", f"{stem}.cert"}) != len(names) + 2:
        raise PackageError(
            "a referenced file has the name of the descriptor, manifest or certificate",
            file=descriptor_name,
        )


def _write_ova(
    descriptor_name: str,
    data: bytes,
    members: list[_Member],
    out: Path,
    algorithm: DigestAlgorithm | None,
    signer: tuple[SigningKey, list[x509.Certificate]] | None,
    mtime: int | None,
    progress: Progress | None,
) -> Path:
    stem = _stem(Path(descriptor_name))
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
        raise _io_error(exc, out, "write the OVA") from None
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


def _copy_hashing(
    member: _Member,
    dest: Path | None,
    hasher: hashlib._Hash | None,
    group: FileGroup,
    progress: Progress | None,
) -> None:
    """Copy a member to ``dest`` in ``group`` (None: only hash it)."""
    out: BinaryIO | None = None
    with contextlib.ExitStack() as stack:
        if dest is not None:
            dest.parent.mkdir(parents=True, exist_ok=True)
            out = stack.enter_context(group.open(dest))
        for piece in member.pieces:
            for block in iter_blocks(piece.path, piece.offset, piece.length):
                if hasher is not None:
                    hasher.update(block)
                if out is not None:
                    out.write(block)
                if progress is not None:
                    progress.update(len(block))


@contextlib.contextmanager
def _folder_lock(target: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder while a package is written into it; a second
    writer is refused rather than made to wait, since its result would replace this one's."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    fd = os.open(target, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PackageError(
                "another process is writing a package into this folder",
                file=str(target),
                hint="Wait for it to finish, or write to another folder",
            ) from None
        yield
    finally:
        os.close(fd)  # releases the lock


def stale_companions(
    descriptor: PathLike,
    out_dir: PathLike,
    *,
    digest: str | DigestAlgorithm | None = "sha256",
    sign: SignSpec | None = None,
) -> list[Path]:
    """Files in ``out_dir`` named like the package's manifest or certificate (``NAME.mf``,
    ``NAME.cert`` for descriptor ``NAME.ovf``) that a `write_directory` with these options
    would not rewrite: a manifest when ``digest`` is None, a certificate when not signing.

    Left in place they would describe an earlier state of the package (a certificate signs
    the old manifest and no longer verifies), so `write_directory` refuses to run while any
    exists unless told to remove them.
    """
    descriptor = Path(descriptor)
    target = Path(out_dir)
    stem = _stem(descriptor)
    found: list[Path] = []
    if _resolve_digest(digest) is None and (target / f"{stem}.mf").is_file():
        found.append(target / f"{stem}.mf")
    if sign is None and (target / f"{stem}.cert").is_file():
        found.append(target / f"{stem}.cert")
    return found


def _stale_error(stale: list[Path], descriptor: Path) -> PackageError:
    names = " and ".join(p.name for p in stale)
    why = []
    fixes = []
    if any(p.suffix == ".mf" for p in stale):
        why.append("no manifest is written, so its digests would describe other files")
        fixes.append("give a digest (--digest sha256) to replace the manifest")
    if any(p.suffix == ".cert" for p in stale):
        why.append(
            "nothing is signed, so the old signature would cover an outdated manifest and "
            "fail verification"
        )
        fixes.append("sign again (--sign KEY --cert CERT) to replace the certificate")
    fixes.append("or remove the old file(s) (--remove-stale, remove_stale=True)")
    return PackageError(
        f"{names} from an earlier packing would be left beside {descriptor.name}: "
        + "; ".join(why),
        file=str(stale[0].parent),
        hint="To fix: " + ", ".join(fixes),
    )


def write_directory(
    descriptor: PathLike,
    out_dir: PathLike,
    *,
    digest: str | DigestAlgorithm | None = "sha256",
    sign: SignSpec | None = None,
    key_password: bytes | None = None,
    remove_stale: bool = False,
    progress: Progress | None = None,
    overwrite: bool = True,
) -> Path:
    """Write a folder package: the descriptor, its files, a manifest and optionally a .cert.

    The package is replaced as a whole: every file is written to a temporary beside its
    target and all are renamed into place only when all were written, so a failure (disk
    full, a killed process) leaves the folder's previous package as it was. Writers of one
    folder exclude each other: while one runs, another raises PackageError ("another process
    is writing a package into this folder") instead of mixing its files into the first one's.

    If ``out_dir`` is the descriptor's own folder nothing is copied (only chunks split from a
    whole file are written) and the manifest/certificate are written in place; otherwise
    files of the same names in ``out_dir`` are replaced.

    ``NAME.mf`` and ``NAME.cert`` are the package's own: this run replaces those it writes.
    One it does not write (no ``digest``: the manifest; no ``sign``: the certificate) would
    be stale, see `stale_companions`: by default the call then raises PackageError before
    writing anything; with ``remove_stale=True`` such files are deleted once the package
    has been written.

    ``overwrite=False`` (``pack --directory`` without ``--force``): raise PackageError before
    writing anything if a file this run would write exists in ``out_dir`` (the manifest and
    certificate of a package packed in its own folder excepted). A folder this call creates is
    removed again if writing fails.
    """
    descriptor = Path(descriptor)
    target = Path(out_dir)
    algorithm = _resolve_digest(digest)
    if sign is not None and algorithm is None:
        raise PackageError("signing needs a manifest", hint="Give a digest algorithm")
    stale = stale_companions(descriptor, target, digest=algorithm, sign=sign)
    if stale and not remove_stale:
        raise _stale_error(stale, descriptor)
    signer = _load_signer(sign, key_password)
    data, members = _plan(descriptor)
    if target.exists() and not target.is_dir():
        raise PackageError(
            "is a file, not a folder to write the package into",
            file=str(target),
            hint="Give a folder (it is created if needed), or leave out --directory for an OVA",
        )
    if target.is_dir() and target.resolve() != descriptor.parent.resolve():
        refuse_other_descriptor(target, descriptor.name)
    if not overwrite and target.is_dir():
        _refuse_existing(_folder_outputs(descriptor, target, members, algorithm, signer))
    try:
        with created_folder(target):
            with _folder_lock(target), atomic_group() as group:
                _write_folder(descriptor, target, data, members, algorithm, signer, group, progress)
            for path in stale:  # only reached with remove_stale=True
                path.unlink(missing_ok=True)
    except OSError as exc:
        raise _io_error(exc, target, "write the package folder") from None
    finally:
        if progress is not None:
            progress.close()
    return target


def _folder_outputs(
    descriptor: Path,
    target: Path,
    members: list[_Member],
    algorithm: DigestAlgorithm | None,
    signer: tuple[SigningKey, list[x509.Certificate]] | None,
) -> list[Path]:
    """The files of ``target`` a `write_directory` would write (see `_write_folder`)."""
    if target.resolve() == descriptor.parent.resolve():
        # packing in place: the files are the package's own; only split chunks are new
        return [
            target / m.name
            for m in members
            if not (
                len(m.pieces) == 1 and m.pieces[0].path.resolve() == (target / m.name).resolve()
            )
        ]
    stem = _stem(descriptor)
    paths = [target / m.name for m in members] + [target / descriptor.name]
    if algorithm is not None:
        paths.append(target / f"{stem}.mf")
        if signer is not None:
            paths.append(target / f"{stem}.cert")
    return paths


def _write_folder(
    descriptor: Path,
    target: Path,
    data: bytes,
    members: list[_Member],
    algorithm: DigestAlgorithm | None,
    signer: tuple[SigningKey, list[x509.Certificate]] | None,
    group: FileGroup,
    progress: Progress | None,
) -> None:
    in_place = target.resolve() == descriptor.parent.resolve()
    stem = _stem(descriptor)
    manifest = Manifest()
    if algorithm is not None:
        h = algorithm.new()
        h.update(data)
        manifest.add(algorithm, descriptor.name, h.hexdigest())
    if progress is not None:
        progress.start(sum(m.size for m in members), "pack")
    for member in members:
        piece = member.pieces[0]
        unchanged = (
            in_place
            and len(member.pieces) == 1
            and piece.offset == 0
            and piece.path.resolve() == (target / member.name).resolve()
        )
        hasher = algorithm.new() if algorithm is not None else None
        dest = None if unchanged else target / member.name
        _copy_hashing(member, dest, hasher, group, progress)
        if algorithm is not None and hasher is not None:
            manifest.add(algorithm, member.name, hasher.hexdigest())
    # committed in this order: the files, then the descriptor, manifest and certificate
    if not in_place:
        group.write_bytes(target / descriptor.name, data)
    mf_path, cert_path = target / f"{stem}.mf", target / f"{stem}.cert"
    if algorithm is not None:
        mf_bytes = manifest.to_bytes()
        group.write_bytes(mf_path, mf_bytes)
        if signer is not None:
            key, chain = signer
            h = algorithm.new()
            h.update(mf_bytes)
            group.write_bytes(
                cert_path,
                make_certificate_file(key, chain, mf_path.name, h.digest(), algorithm),
            )
