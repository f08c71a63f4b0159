"""Writing a folder package: the descriptor, its files, a manifest and optionally a .cert.

The package is replaced as a whole (`ovfmodel.atomicfile.FileGroup`: every file written to a
temporary, all renamed into place at the end) while the folder is locked against a second
writer. Packing a descriptor into its own folder copies nothing: only chunks split from a
whole file are written, and the manifest and certificate. Files are streamed and hashed
while they are copied, as for an OVA (`writer`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from cryptography import x509

from ovfmodel.atomicfile import FileGroup, atomic_group, created_folder
from ovfmodel.errors import PackageError
from ovfmodel.package.manifest import DigestAlgorithm, Manifest
from ovfmodel.package.members import (
    Member,
    PathLike,
    SignSpec,
    load_signer,
    plan,
    resolve_digest,
    stem_of,
)
from ovfmodel.package.ova import iter_blocks
from ovfmodel.package.signing import SigningKey, make_certificate_file
from ovfmodel.package.targets import io_error, refuse_existing, refuse_other_descriptor

if TYPE_CHECKING:
    from ovfmodel.package.progress import Progress

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: folder packages are not locked
    fcntl = None  # type: ignore[assignment]


def _copy_hashing(
    member: Member,
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
    stem = stem_of(descriptor)
    found: list[Path] = []
    if resolve_digest(digest) is None and (target / f"{stem}.mf").is_file():
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
    algorithm = resolve_digest(digest)
    if sign is not None and algorithm is None:
        raise PackageError("signing needs a manifest", hint="Give a digest algorithm")
    stale = stale_companions(descriptor, target, digest=algorithm, sign=sign)
    if stale and not remove_stale:
        raise _stale_error(stale, descriptor)
    signer = load_signer(sign, key_password)
    data, members = plan(descriptor)
    if target.exists() and not target.is_dir():
        raise PackageError(
            "is a file, not a folder to write the package into",
            file=str(target),
            hint="Give a folder (it is created if needed), or leave out --directory for an OVA",
        )
    if target.is_dir() and target.resolve() != descriptor.parent.resolve():
        refuse_other_descriptor(target, descriptor.name)
    if not overwrite and target.is_dir():
        refuse_existing(_folder_outputs(descriptor, target, members, algorithm, signer))
    try:
        with created_folder(target):
            with _folder_lock(target), atomic_group() as group:
                _write_folder(descriptor, target, data, members, algorithm, signer, group, progress)
            for path in stale:  # only reached with remove_stale=True
                path.unlink(missing_ok=True)
    except OSError as exc:
        raise io_error(exc, target, "write the package folder") from None
    finally:
        if progress is not None:
            progress.close()
    return target


def _folder_outputs(
    descriptor: Path,
    target: Path,
    members: list[Member],
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
    stem = stem_of(descriptor)
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
    members: list[Member],
    algorithm: DigestAlgorithm | None,
    signer: tuple[SigningKey, list[x509.Certificate]] | None,
    group: FileGroup,
    progress: Progress | None,
) -> None:
    in_place = target.resolve() == descriptor.parent.resolve()
    stem = stem_of(descriptor)
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
