"""Writing a file so that readers see either the old file or the whole new one.

Every file ovfmodel writes (descriptors, environment documents, OVAs, package members, schemas)
goes through `atomic_write`: a temporary file with a unique name, created exclusively
(O_EXCL, so a planted symlink or a second writer cannot redirect it) in the target's own folder
(so the final rename stays on one file system), flushed to disk, given the mode a plain
`open(path, "w")` would give (0666 less the umask; mkstemp alone makes 0600), and renamed over
the target. On any failure, including KeyboardInterrupt and SystemExit, the temporary file is
removed and the target is left as it was.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

# suffix of temporary files, so a crashed writer's leftovers are recognisable
PARTIAL_SUFFIX = ".partial"

_umask_lock = threading.Lock()


def current_umask() -> int:
    """The process umask, read without changing it where the platform allows (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    # elsewhere the only way is to set and restore it; the lock keeps our own threads from
    # seeing the temporary value
    with _umask_lock:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _as_target_error(exc: OSError, tmp: Path, target: Path) -> OSError:
    """``exc`` naming ``target`` where it named the temporary file standing for it: the user
    asked for ``target`` and has never heard of ``.NAME.XXXX.partial``."""
    if exc.filename is not None and os.fspath(exc.filename) != os.fspath(tmp):
        return exc
    new = type(exc)(exc.errno, exc.strerror, os.fspath(target))
    new.__traceback__ = exc.__traceback__
    return new


def temporary_path(target: Path) -> Path:
    """A new, empty file beside `target`, created exclusively, named `.NAME.XXXX.partial`."""
    try:
        fd, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=PARTIAL_SUFFIX
        )
    except OSError as exc:
        if exc.filename is None or os.path.dirname(os.fspath(exc.filename)) == os.fspath(
            target.parent
        ):
            raise type(exc)(exc.errno, exc.strerror, os.fspath(target)) from None
        raise
    os.close(fd)
    return Path(name)


def commit(tmp: Path, target: Path, *, mode: int | None = None) -> None:
    """Give `tmp` its final mode (default: 0666 less the umask) and rename it over `target`."""
    os.chmod(tmp, (0o666 & ~current_umask()) if mode is None else mode)
    os.replace(tmp, target)


def _special(target: Path) -> str | None:
    """What `target` is when it exists (links followed) and is no regular file or folder."""
    try:
        mode = os.stat(target).st_mode
    except (OSError, ValueError):
        return None
    for test, kind in (
        (stat.S_ISREG, None),
        (stat.S_ISDIR, None),  # os.replace refuses to rename over it, naming it
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a regular file"


@contextmanager
def atomic_write(target: str | os.PathLike[str], *, mode: int | None = None) -> Iterator[BinaryIO]:
    """Open a temporary file for writing in place of `target`; rename it over `target` when the
    block ends without an exception, remove it otherwise.

    A character device or a named pipe (`-o /dev/null`, `-o /dev/stdout`, a link to either) is
    written into, as a shell redirection would: it holds no old content to keep, and renaming
    over it would replace the node itself (as root, /dev/null for the whole system). A block
    device or a socket is refused (OSError)."""
    target = Path(target)
    kind = _special(target)
    if kind in ("a character device", "a named pipe"):
        with open(target, "wb") as fh:
            yield fh
        return
    if kind is not None:
        raise OSError(errno.EINVAL, f"it is {kind}, not a file", os.fspath(target))
    tmp = temporary_path(target)
    try:
        with open(tmp, "r+b") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        commit(tmp, target, mode=mode)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        mapped = _as_target_error(exc, tmp, target)
        if mapped is exc:
            raise
        raise mapped from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(target: str | os.PathLike[str], data: bytes, *, mode: int | None = None) -> None:
    """Write `data` to `target` atomically (see the module docstring)."""
    with atomic_write(target, mode=mode) as fh:
        fh.write(data)


class FileGroup:
    """Files that are replaced together (a package folder): each is written to its own
    temporary beside its target, and only `commit` renames them, in the order they were added.

    A failure before the commit leaves every target as it was. The renames themselves are
    quick but not one atomic step: a reader looking during them may see some new files beside
    some old ones, so writers that need readers to be safe must also exclude each other (see
    `ovfmodel.package.directory`, which locks the folder).
    """

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    @contextmanager
    def open(self, target: str | os.PathLike[str]) -> Iterator[BinaryIO]:
        """A temporary file standing for `target` until `commit`; flushed when the block ends."""
        target = Path(target)
        tmp = temporary_path(target)
        self._pending.append((tmp, target))
        try:
            with open(tmp, "r+b") as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            mapped = _as_target_error(exc, tmp, target)
            if mapped is exc:
                raise
            raise mapped from None

    def write_bytes(self, target: str | os.PathLike[str], data: bytes) -> None:
        with self.open(target) as fh:
            fh.write(data)

    def commit(self, *, mode: int | None = None) -> None:
        """Rename every temporary over its target; on failure remove the ones not renamed."""
        try:
            while self._pending:
                tmp, target = self._pending[0]
                try:
                    commit(tmp, target, mode=mode)
                except OSError as exc:
                    mapped = _as_target_error(exc, tmp, target)
                    if mapped is exc:
                        raise
                    raise mapped from None
                self._pending.pop(0)
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove the temporaries not yet committed."""
        for tmp, _ in self._pending:
            tmp.unlink(missing_ok=True)
        self._pending.clear()


@contextmanager
def atomic_group() -> Iterator[FileGroup]:
    """A `FileGroup` committed when the block ends without an exception, discarded otherwise
    (KeyboardInterrupt and SystemExit included)."""
    group = FileGroup()
    try:
        yield group
    except BaseException:
        group.discard()
        raise
    group.commit()


@contextmanager
def created_folder(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Create the folder ``target`` (and missing parents) for the block; if the block fails,
    remove what this call created, never a folder that existed before."""
    target = Path(target)
    top: Path | None = None
    for folder in (target, *target.parents):
        if os.path.lexists(folder):
            break
        top = folder
    target.mkdir(parents=True, exist_ok=True)
    try:
        yield target
    except BaseException:
        if top is not None:
            shutil.rmtree(top, ignore_errors=True)
        raise
