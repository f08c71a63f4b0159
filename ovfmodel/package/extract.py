"""Unpacking an OVA: verified first, extracted beside the target, moved into place at the end.

`unpack` checks the package (sizes, manifest digests, signature when present) before writing
anything, unless told not to. It then extracts every member into a staging folder created
inside the target folder (so it is on the same file system), and only when every member has
been written and flushed moves them into place, one rename each. A failure part-way (disk
full, a killed process, Ctrl-C) removes the staging folder and leaves the target exactly as it
was: with ``overwrite`` the user's files are replaced only by complete new ones, never deleted
first. Runs of zero bytes in members are not written but skipped over, so extracted raw disks
stay sparse.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ovfmodel.atomicfile import PARTIAL_SUFFIX, created_folder, current_umask
from ovfmodel.display import printable
from ovfmodel.errors import PackageError
from ovfmodel.package.ova import TarMember, iter_blocks, read_tar_index
from ovfmodel.package.targets import refuse_other_descriptor

if TYPE_CHECKING:
    from cryptography import x509

    from ovfmodel.package.progress import Progress

#: Granularity of hole detection: zero runs shorter than this are written.
SPARSE_BLOCK = 64 * 1024
_ZEROS = bytes(SPARSE_BLOCK)
#: Errors named in the message when verification refuses a package.
_SHOWN_ERRORS = 3


def _looks_like_xml(path: str | Path) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(512)
    except OSError:
        return False  # read_tar_index reports it
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _verify(ova: Path, trust: Sequence[x509.Certificate] | None, progress: Progress | None) -> None:
    from ovfmodel.package.package import open_package  # cryptography: only to verify

    report = open_package(ova).check(trust=trust, progress=progress)
    if report.ok:
        return
    errors = report.errors
    shown = "; ".join(printable(f"{d.code} {d.message}") for d in errors[:_SHOWN_ERRORS])
    more = f" (and {len(errors) - _SHOWN_ERRORS} more)" if len(errors) > _SHOWN_ERRORS else ""
    raise PackageError(
        f"the package fails verification, nothing was extracted: {shown}{more}",
        file=str(ova),
        hint="See every finding with ovfmodel verify; to extract it anyway, --no-verify "
        "(verify=False)",
    )


def _destinations(ova: Path, members: list[TarMember], root: Path, overwrite: bool) -> list[Path]:
    """Where each member goes; refuses (before anything is written) links on the way and
    existing files (unless ``overwrite``, and never a link or anything but a plain file)."""
    out: list[Path] = []
    for member in members:
        parts = member.name.split("/")
        parent = root
        for part in parts[:-1]:
            parent = parent / part
            if parent.is_symlink() or (parent.exists() and not parent.is_dir()):
                raise PackageError(
                    f"cannot extract {printable(member.name)!r}: {parent} is not a plain folder",
                    file=str(ova),
                )
        dest = parent / parts[-1]
        if dest.is_symlink() or (dest.exists() and not (overwrite and dest.is_file())):
            raise PackageError(
                f"cannot extract {printable(member.name)!r}: {dest} already exists",
                file=str(ova),
                hint="Extract into an empty folder"
                + ("" if overwrite else ", or allow overwriting (--overwrite, overwrite=True)"),
            )
        out.append(dest)
    return out


def unpack(
    ova: str | Path,
    target: str | Path,
    *,
    overwrite: bool = False,
    verify: bool = True,
    trust: Sequence[x509.Certificate] | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Extract an OVA's files into ``target`` (created if needed); returns the written paths.

    ``verify`` (default): check the package first, as `Package.check` does (``trust``: the
    anchors its signer must chain to), and raise PackageError without writing anything if it
    has errors. Never writes outside ``target``: member names are checked when the archive is
    indexed and no symbolic link on the way is followed. An existing file is an error unless
    ``overwrite``; either way nothing in ``target`` changes unless every member was extracted.
    A folder holding another package's descriptor is refused, with ``overwrite`` too (a
    package folder holds one descriptor, DSP0243 5.1).
    """
    ova = Path(ova)
    if _looks_like_xml(ova):
        raise PackageError(
            "is an OVF descriptor, not an OVA: there is nothing to extract",
            file=str(ova),
            hint="Its files are the ones beside it; check them with ovfmodel verify",
        )
    index = read_tar_index(ova)
    root = Path(target)
    if root.exists() and not root.is_dir():
        raise PackageError(
            "is a file, not a folder to extract into", file=str(root), hint="Give a folder"
        )
    descriptors = [m.name for m in index.members if m.name.lower().endswith(".ovf")]
    if len(descriptors) == 1 and "/" not in descriptors[0]:
        # a folder holds one package (DSP0243 5.1), even with overwrite, as pack refuses
        refuse_other_descriptor(root, descriptors[0])
    if verify:
        _verify(ova, trust, progress)
    folder = contextlib.ExitStack()
    try:
        # removed again if extraction fails, when this call created it
        folder.enter_context(created_folder(root))
    except OSError as exc:
        raise PackageError(
            f"cannot create the folder: {exc.strerror or exc}",
            file=str(root),
            hint="Check the path and its permissions",
        ) from None
    with folder:
        root = root.resolve()
        plan = list(
            zip(index.members, _destinations(ova, index.members, root, overwrite), strict=True)
        )
        if progress is not None:
            progress.start(sum(m.size for m in index.members), "unpack")
        staging: Path | None = None
        written: list[Path] = []
        try:
            staging = Path(
                tempfile.mkdtemp(dir=root, prefix=".ovfmodel-unpack.", suffix=PARTIAL_SUFFIX)
            )
            staged = [_extract(ova, member, staging, progress) for member, _ in plan]
            mode = 0o666 & ~current_umask()
            for (member, dest), path in zip(plan, staged, strict=True):
                os.chmod(path, mode)
                _move(ova, member, path, dest, root, overwrite)
                written.append(dest)
        except BaseException as exc:
            if not overwrite:  # what this call moved into place is new: take it back
                for path in written:
                    path.unlink(missing_ok=True)
            if not isinstance(exc, OSError):
                raise
            raise PackageError(
                f"cannot write: {exc.strerror or exc}; nothing was extracted"
                + (
                    " (files already replaced keep their new content)"
                    if written and overwrite
                    else ""
                ),
                file=exc.filename if isinstance(exc.filename, str) else str(root),
                hint="Check the folder's permissions and the free space",
            ) from None
        finally:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
            if progress is not None:
                progress.close()
        return written


def _extract(ova: Path, member: TarMember, staging: Path, progress: Progress | None) -> Path:
    """Write one member under ``staging`` (created exclusively), leaving zero runs as holes."""
    path = staging / member.name
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "wb") as out:
        for block in iter_blocks(ova, member.offset, member.size):
            _write_sparse(out.fileno(), block)
            if progress is not None:
                progress.update(len(block))
        os.ftruncate(fd, member.size)  # a trailing hole still counts in the size
        os.fsync(fd)
    return path


def _write_sparse(fd: int, block: memoryview) -> None:
    """Write ``block`` at the current position, seeking over all-zero SPARSE_BLOCK pieces."""
    pos = 0
    end = len(block)
    while pos < end:
        piece = block[pos : pos + SPARSE_BLOCK]
        # the byte checks skip the copy for data; bytes == bytes is a memcmp (a memoryview
        # compared with bytes goes item by item, 20 times slower)
        if (
            len(piece) == SPARSE_BLOCK
            and not piece[0]
            and not piece[-1]
            and piece.tobytes() == _ZEROS
        ):
            os.lseek(fd, SPARSE_BLOCK, os.SEEK_CUR)
        else:
            view = piece
            while view:
                view = view[os.write(fd, view) :]
        pos += len(piece)


def _move(
    ova: Path, member: TarMember, path: Path, dest: Path, root: Path, overwrite: bool
) -> None:
    """Move a staged file to ``dest``: replacing a plain file only with ``overwrite``, never
    through or over a link (checked again, the folder may have changed since the plan)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if os.path.realpath(dest.parent) != str(dest.parent):
        raise PackageError(
            f"refusing to extract {printable(member.name)!r} outside {root}", file=str(ova)
        )
    if overwrite and not dest.is_symlink():
        os.replace(path, dest)
        return
    try:
        os.link(path, dest)  # fails if anything (a file, a link) took the name meanwhile
    except FileExistsError:
        raise PackageError(
            f"cannot extract {printable(member.name)!r}: {dest} already exists", file=str(ova)
        ) from None
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(dest):
            raise PackageError(
                f"cannot extract {printable(member.name)!r}: {dest} already exists",
                file=str(ova),
            ) from None
        os.rename(path, dest)
        return
    path.unlink()
