"""ovfmodel.atomicfile: the one way every output file is written."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from ovfmodel import atomicfile


def test_mode_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomicfile.write_bytes(tmp_path / "a.ovf", b"<x/>")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.ovf").stat().st_mode) == 0o640
    assert atomicfile.current_umask() == old


def test_failure_keeps_the_old_file_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "a.ovf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomicfile.atomic_write(target) as fh:
        fh.write(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ovf"]


def test_a_planted_symlink_is_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.write_bytes(b"precious")
    folder = tmp_path / "out"
    folder.mkdir()
    # the names earlier versions used, and a plausible guess at a temporary name
    for name in (".a.ovf.tmp", ".a.ovf.partial"):
        (folder / name).symlink_to(outside)
    atomicfile.write_bytes(folder / "a.ovf", b"new")
    assert outside.read_bytes() == b"precious"
    assert (folder / "a.ovf").read_bytes() == b"new"


def test_concurrent_writers_each_leave_a_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "a.ovf"
    payloads = [bytes([65 + i]) * 200_000 for i in range(8)]
    errors: list[BaseException] = []

    def run(data: bytes) -> None:
        try:
            for _ in range(5):
                atomicfile.write_bytes(target, data)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(p,)) for p in payloads]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert target.read_bytes() in payloads
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ovf"]


def test_a_group_is_replaced_together_or_not_at_all(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_bytes(b"old a")
    b.write_bytes(b"old b")
    with pytest.raises(OSError, match="disk full"), atomicfile.atomic_group() as group:
        group.write_bytes(a, b"new a")
        with group.open(b) as fh:
            fh.write(b"new")
            raise OSError(28, "disk full")
    assert (a.read_bytes(), b.read_bytes()) == (b"old a", b"old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]
    with atomicfile.atomic_group() as group:
        group.write_bytes(a, b"new a")
        group.write_bytes(b, b"new b")
        assert (a.read_bytes(), b.read_bytes()) == (b"old a", b"old b")  # not before the end
    assert (a.read_bytes(), b.read_bytes()) == (b"new a", b"new b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def test_errors_name_the_target_not_the_temporary(tmp_path: Path) -> None:
    target = tmp_path / "app.ova"
    with pytest.raises(OSError) as info, atomicfile.atomic_write(target):
        raise OSError(28, "No space left on device")
    assert info.value.filename == str(target) and info.value.errno == 28
    # a folder that does not exist: named by the file asked for
    with pytest.raises(FileNotFoundError) as missing:
        atomicfile.write_bytes(tmp_path / "nowhere" / "a.ovf", b"x")
    assert missing.value.filename == str(tmp_path / "nowhere" / "a.ovf")
    group = atomicfile.FileGroup()
    with pytest.raises(OSError) as grouped, group.open(target):
        raise OSError(28, "No space left on device")
    group.discard()
    assert grouped.value.filename == str(target)
    assert list(tmp_path.iterdir()) == []


def test_created_folder_is_removed_on_failure_only_if_new(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), atomicfile.created_folder(tmp_path / "a" / "b") as made:
        (made / "half").write_bytes(b"x")
        raise RuntimeError("disk full")
    assert not (tmp_path / "a").exists()
    (tmp_path / "old").mkdir()
    with pytest.raises(RuntimeError), atomicfile.created_folder(tmp_path / "old" / "new"):
        raise RuntimeError("disk full")
    assert (tmp_path / "old").is_dir() and not (tmp_path / "old" / "new").exists()


def _drain(path: Path, into: list[bytes]) -> threading.Thread:
    """A reader of the named pipe `path` (opening one for writing waits for a reader)."""

    def read() -> None:
        with open(path, "rb") as fh:
            into.append(fh.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_a_named_pipe_or_a_link_to_one_is_written_into_not_replaced(tmp_path: Path) -> None:
    # `-o /dev/stdout` is a link to a pipe or a terminal: renaming over it replaced the link
    # (and, as root, the node of /dev/null or /dev/full) with a regular file
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to(fifo)
    for target in (fifo, link):
        got: list[bytes] = []
        reader = _drain(fifo, got)
        atomicfile.write_bytes(target, b"<x/>")
        reader.join(10)
        assert got == [b"<x/>"]
        assert stat.S_ISFIFO(fifo.lstat().st_mode) and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe", "stdout"]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_character_device_is_written_into_not_replaced(tmp_path: Path) -> None:
    null = tmp_path / "null"  # the node of /dev/null, made here so a failure harms nothing
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    atomicfile.write_bytes(null, b"<x/>")
    assert stat.S_ISCHR(null.lstat().st_mode)
    full = tmp_path / "full"  # /dev/full: every write fails with ENOSPC, which is told
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    with pytest.raises(OSError) as info:
        atomicfile.write_bytes(full, b"<x/>")
    assert info.value.errno == 28
    assert stat.S_ISCHR(full.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full", "null"]


def test_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(OSError, match="a socket, not a file"):
            atomicfile.write_bytes(path, b"<x/>")
        assert stat.S_ISSOCK(path.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s"]


def test_env_writes_into_a_pipe_given_as_output(tmp_path: Path) -> None:
    import subprocess
    import sys

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    descriptor = Path(__file__).parent / "data" / "cisco-appliance-deployment-options.ovf"
    got: list[bytes] = []
    reader = _drain(fifo, got)
    done = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "env", str(descriptor), "-o", str(fifo)],
        capture_output=True,
        timeout=120,
    )
    reader.join(10)
    assert done.returncode == 0, done.stderr
    assert got and got[0].startswith(b'<?xml version="1.0"') and b"<Environment" in got[0]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]
