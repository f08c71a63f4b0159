"""Disk image headers: format and capacity of a disk file, read from its headers only.

VMDK hosted sparse extents (monolithicSparse and streamOptimized, VMware's "Virtual Disk
Format 1.1"), QEMU qcow2 (versions 2 and 3), Microsoft VHD (fixed and dynamic: the 512-byte
footer at the end of the file, "Virtual Hard Disk Image Format Specification" 1.0), VHDX (the
region table and the Virtual Disk Size metadata item, [MS-VHDX] 2.2-2.6), VirtualBox VDI (the
1.1 header) and raw images (anything else: capacity is the file size). Differencing images
(VHD, VHDX, VDI) are refused: they need their parent file, which OVF cannot name. The file is
never loaded: at most the headers and the VMDK embedded descriptor are read.
"""

from __future__ import annotations

import struct
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..cim import DiskFormat
from ..errors import EditError

SECTOR = 512
_VMDK_MAGIC = b"KDMV"
_QCOW_MAGIC = b"QFI\xfb"
_MAX_DESCRIPTOR = 1 << 20
_VHD_COOKIE = b"conectix"
_VHD_FIXED, _VHD_DYNAMIC, _VHD_DIFFERENCING = 2, 3, 4
_VHDX_MAGIC = b"vhdxfile"
_VHDX_REGION_TABLES = (192 * 1024, 256 * 1024)
_VHDX_METADATA_REGION = uuid.UUID("8B7CA206-4790-4B9A-B8FE-575F050F886E").bytes_le
_VHDX_VIRTUAL_DISK_SIZE = uuid.UUID("2FA54224-CD1B-4876-B211-5DBED83BF4B8").bytes_le
_VHDX_PARENT_LOCATOR = uuid.UUID("A8D35F2D-B30B-454D-ABF7-D3D84834AB0C").bytes_le
_VDI_SIGNATURE = b"\x7f\x10\xda\xbe"  # 0xBEDA107F, little-endian
_VDI_V1_1 = 0x00010001
_VDI_DIFFERENCING = 4


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
            return _read(p, fh, head, size)
    except OSError as exc:
        raise EditError(
            f"cannot read the disk image: {exc.strerror or exc}", file=str(p), hint="check the path"
        ) from None


def _read(p: Path, fh: BinaryIO, head: bytes, size: int) -> DiskImage:
    if head[:4] == _VMDK_MAGIC:
        return _vmdk(p, fh, head, size)
    if head[:4] == _QCOW_MAGIC:
        if len(head) < 32:
            raise _bad(p, "its qcow2 header is cut short")
        version, capacity = struct.unpack(">I", head[4:8])[0], struct.unpack(">Q", head[24:32])[0]
        if version not in (2, 3) or capacity <= 0:
            raise _bad(p, f"qcow2 version {version} with capacity {capacity} is not readable")
        return DiskImage(p, DiskFormat.QCOW2, capacity, size)
    if head.startswith(_VHDX_MAGIC):
        return DiskImage(p, DiskFormat.VHDX, _vhdx_capacity(p, fh), size)
    if head[64:68] == _VDI_SIGNATURE:
        return DiskImage(p, DiskFormat.VDI, _vdi_capacity(p, head), size)
    vhd = _vhd_capacity(p, fh, head, size)
    if vhd is not None:
        return DiskImage(p, DiskFormat.VHD, vhd, size)
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


def _vhd_capacity(p: Path, fh: BinaryIO, head: bytes, size: int) -> int | None:
    """A VHD's current size from its footer (at the end; a dynamic disk also copies it at
    the start), or None when the file is no VHD. Images written before the 2005 revision of
    the format end with a 511-byte footer."""
    footer = head if head.startswith(_VHD_COOKIE) else b""
    for length in (SECTOR, SECTOR - 1):
        if footer or size < length:
            break
        fh.seek(size - length)
        tail = fh.read(length)
        if tail.startswith(_VHD_COOKIE):
            footer = tail
    if not footer:
        return None
    if len(footer) < 64:
        raise _bad(p, "its VHD footer is cut short")
    capacity, kind = struct.unpack(">Q", footer[48:56])[0], struct.unpack(">I", footer[60:64])[0]
    if kind == _VHD_DIFFERENCING:
        raise _differencing(p, "VHD")
    if kind not in (_VHD_FIXED, _VHD_DYNAMIC) or capacity <= 0:
        raise _bad(p, f"VHD disk type {kind} with size {capacity} is not readable")
    return int(capacity)


def _vhdx_capacity(p: Path, fh: BinaryIO) -> int:
    """The Virtual Disk Size metadata item of a VHDX, found through its region table."""
    metadata = None
    for offset in _VHDX_REGION_TABLES:  # the table and its copy
        fh.seek(offset)
        table = fh.read(16 + 32 * 2047)
        if table[:4] != b"regi":
            continue
        count = min(struct.unpack("<I", table[8:12])[0], 2047)
        for i in range(count):
            entry = table[16 + 32 * i : 48 + 32 * i]
            if entry[:16] == _VHDX_METADATA_REGION:
                metadata = struct.unpack("<QI", entry[16:28])
                break
        if metadata is not None:
            break
    if metadata is None:
        raise _bad(p, "its VHDX region table names no metadata region")
    region, region_length = metadata
    fh.seek(region)
    table = fh.read(min(region_length, 64 * 1024))
    if table[:8] != b"metadata":
        raise _bad(p, "its VHDX metadata table is missing")
    count = min(struct.unpack("<H", table[10:12])[0], 2047)
    found: dict[bytes, tuple[int, int]] = {}
    for i in range(count):
        entry = table[32 + 32 * i : 64 + 32 * i]
        if len(entry) == 32:
            found[entry[:16]] = struct.unpack("<II", entry[16:24])
    if _VHDX_PARENT_LOCATOR in found:
        raise _differencing(p, "VHDX")
    if _VHDX_VIRTUAL_DISK_SIZE not in found:
        raise _bad(p, "its VHDX metadata gives no virtual disk size")
    item_offset, item_length = found[_VHDX_VIRTUAL_DISK_SIZE]
    fh.seek(region + item_offset)
    value = fh.read(8)
    if item_length < 8 or len(value) < 8 or not (capacity := struct.unpack("<Q", value)[0]):
        raise _bad(p, "its VHDX virtual disk size is cut short or zero")
    return int(capacity)


def _vdi_capacity(p: Path, head: bytes) -> int:
    """The disk size of a VirtualBox VDI 1.1 header (the only version VirtualBox writes)."""
    if len(head) < 376:
        raise _bad(p, "its VDI header is cut short")
    version, kind = struct.unpack("<I", head[68:72])[0], struct.unpack("<I", head[76:80])[0]
    if version != _VDI_V1_1:
        raise _bad(p, f"VDI header version {version >> 16}.{version & 0xFFFF} is not readable")
    if kind == _VDI_DIFFERENCING:
        raise _differencing(p, "VDI")
    capacity = struct.unpack("<Q", head[368:376])[0]
    if capacity <= 0:
        raise _bad(p, "its VDI header gives no disk size")
    return int(capacity)


def _differencing(p: Path, kind: str) -> EditError:
    return EditError(
        f"is a differencing {kind} image: it needs its parent file, which OVF cannot name",
        file=str(p),
        hint="merge it into a standalone image first (qemu-img convert, VBoxManage clonemedium)",
    )


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


def _bad(p: Path, why: str) -> EditError:
    return EditError(f"not a usable disk image: {why}", file=str(p), hint="check the file")
