"""Reading OVA files (tar archives) without trusting them, and unpacking them safely.

Python's `tarfile` silently stops at a corrupt header in the middle of an archive and lists
members whose data runs past the end of the file, and OVAs come from the internet. So this
module reads the tar headers itself: ustar, pax (path, size) and GNU (long names, base-256
sizes) headers, every checksum verified, every member's data inside the file, and only plain
files accepted. The index it builds lets the package code stream any member straight from the
archive without extracting it (`extract.unpack` extracts one).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ovfmodel.errors import PackageError
from ovfmodel.package.manifest import BLOCK_SIZE

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

BLOCK = 512
#: An OVA holds a descriptor, manifest, certificate and disks (perhaps in chunks); a tar with
#: more members than this is not an OVA and is refused before it can exhaust memory.
MAX_MEMBERS = 50_000
#: Bound on pax extended headers and GNU long names, which are read into memory.
MAX_META_BYTES = 1024 * 1024

_ZERO_BLOCK = bytes(BLOCK)
_REGULAR = {b"0", b"\x00", b"7"}  # '7' (contiguous file) is a regular file to every reader
_REFUSED = {
    b"1": "a hard link",
    b"2": "a symbolic link",
    b"3": "a character device",
    b"4": "a block device",
    b"6": "a FIFO",
    b"S": "a GNU sparse file",
    b"M": "a multi-volume continuation",
    b"V": "a volume label",
}


@dataclass(frozen=True)
class TarMember:
    """A regular file in the archive: its name, size and where its data starts."""

    name: str
    size: int
    offset: int
    header_offset: int


@dataclass
class TarIndex:
    """The members of an archive in archive order."""

    path: Path
    members: list[TarMember] = field(default_factory=list)
    directories: list[str] = field(default_factory=list)
    end_marker: bool = True

    def get(self, name: str) -> TarMember | None:
        return next((m for m in self.members if m.name == name), None)


def _number(raw: bytes, what: str, path: Path, where: str) -> int:
    """A numeric header field: NUL/space terminated octal, or GNU base-256."""
    if raw and raw[0] & 0x80:
        if raw[0] != 0x80:
            raise PackageError(f"negative {what} in the tar header {where}", file=str(path))
        value = 0
        for b in raw[1:]:
            value = (value << 8) | b
        return value
    text = raw.split(b"\x00", 1)[0].strip(b" ")
    if not text:
        return 0
    if any(c not in b"01234567" for c in text):
        raise PackageError(
            f"{what} {text!r} is not octal in the tar header {where}", file=str(path)
        )
    return int(text, 8)


def _checksum_ok(header: bytes, stored: int) -> bool:
    unsigned = sum(header[:148]) + 8 * 32 + sum(header[156:])
    if unsigned == stored:
        return True
    signed = sum(b - 256 if b > 127 else b for b in header[:148] + header[156:]) + 8 * 32
    return signed == stored  # some historic tars summed signed chars


def _parse_pax(data: bytes, path: Path, where: str) -> dict[str, str]:
    """pax records: 'LEN key=value\\n' where LEN counts the whole record."""
    records: dict[str, str] = {}
    pos = 0
    while pos < len(data):
        if data[pos:].strip(b"\x00") == b"":
            break
        space = data.find(b" ", pos, pos + 20)
        length_text = data[pos:space] if space > 0 else b""
        if not length_text.isdigit():
            raise PackageError(f"malformed pax header {where}", file=str(path))
        length = int(length_text)
        record = data[pos : pos + length]
        if length <= space - pos + 1 or len(record) != length or not record.endswith(b"\n"):
            raise PackageError(f"malformed pax record {where}", file=str(path))
        key, sep, value = record[space - pos + 1 : -1].partition(b"=")
        if not sep:
            raise PackageError(f"malformed pax record {where}", file=str(path))
        try:
            records[key.decode("utf-8")] = value.decode("utf-8")
        except UnicodeDecodeError:
            raise PackageError(f"pax record is not UTF-8 {where}", file=str(path)) from None
        pos += length
    return records


def _safe_name(raw_name: str, path: Path, where: str) -> str:
    """The member name with leading './' removed; refuses names that could leave a folder."""
    name = raw_name
    while name.startswith("./"):
        name = name[2:]
    name = name.rstrip("/") if name not in ("", "/") else name
    problem = None
    if not name or name == ".":
        problem = "an empty name"
    elif name.startswith("/") or (len(name) > 1 and name[1] == ":" and name[0].isalpha()):
        problem = "an absolute path"
    elif "\\" in name:
        problem = "a backslash (a path separator on Windows)"
    elif "\x00" in name:
        problem = "a NUL character"
    elif any(part in ("..", ".", "") for part in name.split("/")):
        problem = "'..', '.' or empty path components"
    if problem:
        raise PackageError(
            f"member {raw_name!r} {where} has {problem}",
            file=str(path),
            hint="The archive tries to write outside its folder; do not use it",
        )
    return name


def read_tar_index(path: str | Path, *, max_members: int = MAX_MEMBERS) -> TarIndex:
    """Index the regular files of a tar, refusing anything unsafe or inconsistent.

    Raises PackageError naming the archive and the member for: bad checksums, truncation, data
    past the end of the file, links, devices, FIFOs, sparse files, absolute or '..' names,
    duplicate names, and more than ``max_members`` members.
    """
    path = Path(path)
    index = TarIndex(path)
    seen: set[str] = set()
    last = "the start of the archive"
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed in finally, read in many places
    except OSError as exc:
        raise PackageError(f"cannot open: {exc.strerror}", file=str(path)) from None
    try:
        file_size = os.fstat(f.fileno()).st_size
        head = f.read(3)
        if head[:2] == b"\x1f\x8b":
            raise PackageError(
                "the OVA is gzip-compressed",
                file=str(path),
                hint="DSP0243 requires a plain tar; gunzip it and check it again",
            )
        pos = 0
        pax: dict[str, str] = {}
        long_name: str | None = None
        while True:
            where = f"after {last}"
            if pos >= file_size:
                index.end_marker = False
                if pax or long_name is not None:
                    raise PackageError(
                        f"archive ends with an extended header but no member {where}",
                        file=str(path),
                    )
                break
            if pos + BLOCK > file_size:
                raise PackageError(
                    f"archive is truncated: partial header at offset {pos} {where}",
                    file=str(path),
                    hint="The download or copy was cut short; get the file again",
                )
            f.seek(pos)
            header = f.read(BLOCK)
            if header == _ZERO_BLOCK:
                if pax or long_name is not None:
                    raise PackageError(
                        f"extended header not followed by a member {where}", file=str(path)
                    )
                break  # end of archive (GNU tar and tarfile also stop at the first zero block)
            try:
                stored: int | None = _number(header[148:156], "checksum", path, where)
            except PackageError:
                stored = None
            if stored is None or not _checksum_ok(header, stored):
                what = "not a tar archive" if pos == 0 else f"corrupt tar header ({where})"
                raise PackageError(
                    f"{what}: checksum mismatch at offset {pos}",
                    file=str(path),
                    hint="The archive is damaged or not an OVA; get the file again",
                )
            typeflag = header[156:157]
            size = _number(header[124:136], "size", path, where)
            if typeflag in (b"x", b"g", b"L", b"K"):
                if size > MAX_META_BYTES:
                    raise PackageError(
                        f"extended header of {size} bytes {where} is implausibly large",
                        file=str(path),
                    )
                if pos + BLOCK + size > file_size:
                    raise PackageError(
                        f"archive is truncated inside an extended header {where}", file=str(path)
                    )
                data = f.read(size)
                pos += BLOCK + -(-size // BLOCK) * BLOCK
                if typeflag == b"x":
                    pax.update(_parse_pax(data, path, where))
                elif typeflag == b"g":
                    glob = _parse_pax(data, path, where)
                    if {"path", "size", "linkpath"} & glob.keys():
                        raise PackageError(
                            f"global pax header {where} changes member names or sizes",
                            file=str(path),
                        )
                elif typeflag == b"L":
                    try:
                        long_name = data.split(b"\x00", 1)[0].decode("utf-8")
                    except UnicodeDecodeError:
                        raise PackageError(
                            f"GNU long name {where} is not UTF-8", file=str(path)
                        ) from None
                continue  # 'K' (long link name) only precedes links, which are refused

            # the member's name and size, with pax and GNU overrides applied
            if "path" in pax:
                raw_name = pax["path"]
            elif long_name is not None:
                raw_name = long_name
            else:
                name_field = header[0:100].split(b"\x00", 1)[0]
                if header[257:263] == b"ustar\x00":  # POSIX: prefix holds leading directories
                    prefix = header[345:500].split(b"\x00", 1)[0]
                    if prefix:
                        name_field = prefix + b"/" + name_field
                try:
                    raw_name = name_field.decode("utf-8")
                except UnicodeDecodeError:
                    raise PackageError(
                        f"member name {name_field!r} {where} is not UTF-8", file=str(path)
                    ) from None
            if "size" in pax:
                if not pax["size"].isdigit():
                    raise PackageError(f"pax size {pax['size']!r} {where}", file=str(path))
                size = int(pax["size"])
            if any(k.startswith("GNU.sparse") for k in pax):
                raise PackageError(
                    f"member {raw_name!r} {where} is a GNU sparse file", file=str(path)
                )
            pax = {}
            long_name = None
            member_where = f"(header at offset {pos})"
            if typeflag in _REFUSED:
                raise PackageError(
                    f"member {raw_name!r} {member_where} is {_REFUSED[typeflag]}",
                    file=str(path),
                    hint="An OVA may contain regular files only; do not extract it with tar",
                )
            if typeflag not in _REGULAR and typeflag != b"5":
                raise PackageError(
                    f"member {raw_name!r} {member_where} has unknown type {typeflag!r}",
                    file=str(path),
                    hint="An OVA may contain regular files only",
                )
            name = _safe_name(raw_name, path, member_where)
            data_offset = pos + BLOCK
            if data_offset + size > file_size:
                raise PackageError(
                    f"member {name!r} claims {size} bytes but the archive ends "
                    f"{file_size - data_offset} bytes after its header",
                    file=str(path),
                    hint="The archive is truncated or its header lies; get the file again",
                )
            if typeflag == b"5":
                index.directories.append(name)
            else:
                if name in seen:
                    raise PackageError(
                        f"member {name!r} appears twice",
                        file=str(path),
                        hint="Tools disagree on which copy wins; do not use this archive",
                    )
                seen.add(name)
                if len(index.members) >= max_members:
                    raise PackageError(
                        f"more than {max_members} members; this is not an OVA", file=str(path)
                    )
                index.members.append(TarMember(name, size, data_offset, pos))
            last = f"member {name!r}"
            pos = data_offset + -(-size // BLOCK) * BLOCK
    finally:
        f.close()
    return index


class RangeReader(io.RawIOBase):
    """A read-only binary stream over ``length`` bytes at ``offset`` of a file.

    Used to stream OVA members and plain files alike; raises PackageError if the file is
    shorter than promised (it changed or was truncated while being read).
    """

    def __init__(self, path: str | Path, offset: int = 0, length: int | None = None) -> None:
        super().__init__()
        self._path = str(path)
        try:
            self._fh = open(path, "rb", buffering=0)  # noqa: SIM115 - closed in close()
        except OSError as exc:
            raise PackageError(f"cannot open: {exc.strerror}", file=self._path) from None
        if length is None:
            length = os.fstat(self._fh.fileno()).st_size - offset
        self._start = offset
        self._remaining = length
        self._fh.seek(offset)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        view = memoryview(buffer).cast("B")
        want = min(len(view), self._remaining)
        if want == 0:
            return 0
        got = self._fh.readinto(view[:want])
        if not got:
            raise PackageError(
                f"file ended {self._remaining} bytes early (changed or truncated while read)",
                file=self._path,
            )
        self._remaining -= got
        return got

    def close(self) -> None:
        if not self.closed:
            self._fh.close()
        super().close()


def iter_blocks(
    path: str | Path, offset: int = 0, length: int | None = None, block_size: int = BLOCK_SIZE
) -> Iterator[memoryview]:
    """Yield the bytes of a file range in large blocks.

    The yielded view is reused for the next block: consume it (hash, write) before advancing.
    """
    buf = bytearray(block_size)
    view = memoryview(buf)
    with RangeReader(path, offset, length) as reader:
        while True:
            n = reader.readinto(view)
            if not n:
                return
            yield view[:n]
