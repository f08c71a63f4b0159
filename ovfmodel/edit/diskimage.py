"""Disk image headers: format and capacity of a disk file, read from its first bytes only.

VMDK hosted sparse extents (monolithicSparse and streamOptimized, VMware's "Virtual Disk
Format 1.1"), QEMU qcow2 (versions 2 and 3) and raw images (anything else: capacity is the file
size; VHD, VHDX and VDI are recognised and refused rather than taken for raw). The file is
never loaded: at most the header and the VMDK embedded descriptor are read.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..cim import DiskFormat
from ..errors import EditError

SECTOR = 512
_VMDK_MAGIC = b"KDMV"
_QCOW_MAGIC = b"QFI\xfb"
_MAX_DESCRIPTOR = 1 << 20


@dataclass(frozen=True)
class DiskImage:
    """What a disk file says about itself: its `ovf:format` URI, capacity and stored size."""

    path: Path
    format: DiskFormat
    capacity: int  # bytes the guest sees
    size: int  # bytes of the file


def read_disk_image(path: str | Path) -> DiskImage:
    """Format and capacity of a disk file from its header; EditError if it is not usable."""
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            size = fh.seek(0, 2)
            fh.seek(0)
            head = fh.read(SECTOR)
            if head[:4] == _VMDK_MAGIC:
                return _vmdk(p, fh, head, size)
    except OSError as exc:
        raise EditError(
            f"cannot read the disk image: {exc.strerror or exc}", file=str(p), hint="check the path"
        ) from None
    if head[:4] == _QCOW_MAGIC:
        if len(head) < 32:
            raise _bad(p, "its qcow2 header is cut short")
        version, capacity = struct.unpack(">I", head[4:8])[0], struct.unpack(">Q", head[24:32])[0]
        if version not in (2, 3) or capacity <= 0:
            raise _bad(p, f"qcow2 version {version} with capacity {capacity} is not readable")
        return DiskImage(p, DiskFormat.QCOW2, capacity, size)
    other = _other_format(head)
    if other is not None:
        raise EditError(
            f"is a {other} image, whose capacity ovfmodel does not read",
            file=str(p),
            hint="convert it to VMDK streamOptimized or qcow2 (qemu-img convert), or give raw",
        )
    if head.lstrip().startswith(b"# Disk DescriptorFile"):
        raise EditError(
            "is a VMDK descriptor file, not a disk image",
            file=str(p),
            hint="give a monolithic VMDK (convert with `qemu-img convert -O vmdk "
            "-o subformat=streamOptimized` or vmware-vdiskmanager)",
        )
    if size == 0:
        raise _bad(p, "the file is empty")
    return DiskImage(p, DiskFormat.RAW, size, size)


def _vmdk(p: Path, fh: BinaryIO, head: bytes, size: int) -> DiskImage:
    if len(head) < 79:
        raise _bad(p, "its VMDK header is cut short")
    version, flags, capacity = struct.unpack("<IIQ", head[4:20])
    desc_offset, desc_size = struct.unpack("<QQ", head[28:44])
    compress = struct.unpack("<H", head[77:79])[0]
    if capacity <= 0:
        raise _bad(p, "its VMDK header gives no capacity")
    create_type = ""
    if desc_offset and 0 < desc_size * SECTOR <= _MAX_DESCRIPTOR:
        fh.seek(desc_offset * SECTOR)
        text = fh.read(desc_size * SECTOR).split(b"\0", 1)[0].decode("utf-8", "replace")
        for line in text.splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "createType":
                create_type = value.strip().strip('"')
    stream = create_type == "streamOptimized" or (compress == 1 and bool(flags & (1 << 16)))
    fmt = DiskFormat.VMDK_STREAM_OPTIMIZED if stream else DiskFormat.VMDK_SPARSE
    _ = version
    return DiskImage(p, fmt, capacity * SECTOR, size)


def _other_format(head: bytes) -> str | None:
    """Formats that would otherwise pass for raw: refused rather than mis-sized."""
    if head.startswith(b"conectix"):
        return "VHD (dynamic)"
    if head.startswith(b"vhdxfile"):
        return "VHDX"
    if head[64:68] == b"\x7f\x10\xda\xbe":
        return "VirtualBox VDI"
    return None


def _bad(p: Path, why: str) -> EditError:
    return EditError(f"not a usable disk image: {why}", file=str(p), hint="check the file")
