"""Proxmox VE (Import guest from an OVF/OVA on a storage): rules PVE0xx.

From Proxmox's own source: the OVF parser src/PVE/GuestImport/OVF.pm of proxmox/pve-storage
(and the import metadata in src/PVE/Storage/DirPlugin.pm, the name patterns in
src/PVE/Storage.pm). The parser reads the descriptor with fixed XPath expressions in the OVF 1
namespace, so it sees only what those expressions find.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .common import (
    CD,
    CPU,
    DISK,
    DVD,
    FLOPPY,
    IDE,
    MEMORY,
    MIB_UNITS,
    NIC,
    SATA,
    SCSI,
    at,
    ignored_properties,
    memory_read_as_mib,
    of_type,
    ovf1_top_items,
    ovf1_top_system,
    shown,
)
from .reading import VMW_NS, Descriptor, Item, System, to_int
from .registry import INFO, E, Finding, RuleSet, Source, Target, W

if TYPE_CHECKING:
    from ovfmodel.document import OvfDocument

    from . import edits
    from .summary import Machine

PARSER = "proxmox/pve-storage src/PVE/GuestImport/OVF.pm (0c56bad, 2026-07-24)"
STORAGE = "proxmox/pve-storage src/PVE/Storage.pm, Storage/DirPlugin.pm (0c56bad, 2026-07-24)"

BUS = {IDE: "ide", SCSI: "scsi", SATA: "sata"}
NIC_MODELS = ("e1000", "e1000e", "vmxnet3")
_UNRESERVED = r"[A-Za-z0-9\-._~]"
_HOST = re.compile(rf"^(?:ovf:)?/({_UNRESERVED}+)/({_UNRESERVED}+)$")
_FILEREF = re.compile(r"^[A-Za-z0-9\-._~/]+$")
_SAFE_HREF = re.compile(r"^[ a-zA-Z0-9\-.+=_]+$")
_OVA_MEMBER = re.compile(r"^[ a-zA-Z0-9\-.+=_]+\.(qcow2|raw|vmdk)$")
_UNITS = re.compile(r"^\s*byte\s*\*\s*([0-9]+)\s*\^\s*([0-9]+)\s*$")
# CIM OS ids -> Proxmox ostype (the parser's table; every other id is 'other')
OSTYPES = {18: "winxp", 29: "solaris", 36: "l26", 58: "w2k", 67: "wxp", 69: "w2k3", 70: "w2k3"}
OSTYPES |= {71: "wxp", 72: "wxp", 73: "wvista", 74: "wvista", 75: "wxp", 76: "w2k8", 77: "w2k8"}
OSTYPES |= dict.fromkeys((79, 80, 82, 83, 84, 85, 87, 89, 90, 91, 92, 93, 94, 95, 96, 99), "l26")
OSTYPES |= dict.fromkeys((100, 101, 106, 107, 108, 109), "l26")
OSTYPES |= {81: "solaris", 97: "l24", 98: "l24", 103: "win7", 105: "win7"}
OSTYPES |= dict.fromkeys((111, 112, 113, 114, 115, 117, 118), "win8")
OSTYPES |= {116: "win10", 119: "win10", 120: "win10", 121: "win10", 122: "win11", 123: "win11"}

rules = RuleSet("PVE")


def _disk_file(d: Descriptor, it: Item) -> tuple[str | None, str | None]:
    """(href, why the disk is skipped) following the parser's chain Item -> Disk -> File."""
    host = it.hosts[0] if it.hosts else ""
    m = _HOST.match(host)
    if not m:
        return None, f"HostResource {host!r} is not of the form ovf:/disk/ID"
    disk = d.disk(m.group(2))
    ref = disk.file_ref if disk is not None else None
    if not ref or not _FILEREF.match(ref):
        return None, f"disk {m.group(2)!r} has no usable fileRef (blank disks are not created)"
    found = d.file(ref)
    if found is None or not found.href:
        return None, f"file reference {ref!r} names no File"
    return found.href, None


def _address(vs: System, it: Item) -> str | None:
    parent = vs.by_iid(it.parent) if it.parent else None
    if parent is None or parent.rt not in BUS:
        return None
    return BUS[parent.rt or 0] + (it.fields.get("AddressOnParent") or "")


@rules.rule(
    1,
    "Descriptor not in the OVF 1 namespace",
    W,
    PARSER,
    "The parser registers only the OVF 1 envelope namespace: an OVF 2 (or 0.9) descriptor "
    "imports as a VM without the descriptor's name, CPUs, memory, disks or NICs.",
)
def namespace(d: Descriptor) -> Iterator[Finding]:
    if not d.is_ovf1:
        yield Finding(
            f"Proxmox reads OVF 1 only; nothing of this {d.ns} descriptor is imported",
            d.root,
            "Envelope",
        )


@rules.rule(
    2,
    "Content is not a single VirtualSystem",
    W,
    PARSER,
    "Only /Envelope/VirtualSystem is read; the virtual systems of a VirtualSystemCollection "
    "are not imported.",
)
def collection(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        if vs.depth > 0 and d.is_ovf1:
            yield at(vs, "a VirtualSystem inside a collection is not imported")


@rules.rule(
    3,
    "Several CPU or memory items",
    W,
    PARSER,
    "CPU count and memory are read with one XPath value each; with several Processor or Memory "
    "items (deployment options) the values of all of them are joined into one number "
    "(2 and 8 CPUs read as 28).",
)
def several(d: Descriptor) -> Iterator[Finding]:
    vs = ovf1_top_system(d)
    if vs is None:
        return
    for rt, what in ((CPU, "Processor"), (MEMORY, "Memory")):
        items = of_type(vs, rt)
        if len(items) > 1:
            joined = "".join(it.fields.get("VirtualQuantity", "") for it in items)
            yield at(items[1], f"{len(items)} {what} items are read as one value {joined!r}")


@rules.rule(
    4,
    "Memory not in MiB",
    W,
    PARSER,
    "The memory item's VirtualQuantity is taken as MiB whatever its AllocationUnits say (4 "
    "with 'byte * 2^30' becomes 4 MiB). `port` rewrites the amount in 'byte * 2^20'.",
)
def memory_units(d: Descriptor) -> Iterator[Finding]:
    return memory_read_as_mib(d)


@rules.rule(
    5,
    "Disk not imported",
    W,
    PARSER,
    "A disk drive is skipped when its HostResource is not ovf:/disk/ID, its Disk has no fileRef "
    "(a blank disk) or the fileRef names no File.",
)
def disk_skipped(d: Descriptor) -> Iterator[Finding]:
    for _, it in ovf1_top_items(d, DISK):
        _, why = _disk_file(d, it)
        if why:
            yield at(it, f"disk is not imported: {why}")


@rules.rule(
    6,
    "Disk on a controller Proxmox does not map",
    W,
    PARSER,
    "Disks get their bus from their Parent controller: IDE (5), parallel SCSI (6) or type 20 "
    "(SATA); a disk without a controller is skipped, one on another kind gets no bus.",
)
def disk_bus(d: Descriptor) -> Iterator[Finding]:
    for vs, it in ovf1_top_items(d, DISK):
        if _disk_file(d, it)[1] is None and _address(vs, it) is None:
            yield at(it, f"Parent {shown(it.parent, '(none)')} is no IDE, SCSI or SATA controller")


@rules.rule(
    7,
    "Image path Proxmox refuses",
    E,
    PARSER + "; " + STORAGE,
    "The href of a disk's File may hold only letters, digits, blanks and - . + = _ (no folder, "
    "no URL); anything else stops the import ('referenced path is invalid').",
)
def href(d: Descriptor) -> Iterator[Finding]:
    for vs, it in ovf1_top_items(d, DISK):
        found, why = _disk_file(d, it)
        usable = why is None and _address(vs, it) is not None and found is not None
        if usable and (not _SAFE_HREF.match(found or "") or found in (".", "..")):
            yield at(it, f"image path {found!r} is refused")


@rules.rule(
    8,
    "Two disks on one Proxmox bus address",
    W,
    PARSER,
    "A disk's address is its bus and AddressOnParent (ide0, scsi1, ...): two controllers of a "
    "kind both using slot 0 give two disks one address, and only the last is kept.",
)
def same_address(d: Descriptor) -> Iterator[Finding]:
    seen: dict[str, Item] = {}
    for vs, it in ovf1_top_items(d, DISK):
        addr = _address(vs, it) if _disk_file(d, it)[1] is None else None
        if addr is None:
            continue
        if addr in seen:
            yield at(seen[addr], f"disk at {addr} is replaced by a later disk at the same address")
        seen[addr] = it


@rules.rule(
    9,
    "Network adapter model replaced by e1000",
    W,
    PARSER,
    "A NIC's ResourceSubType, lowercased, is kept when it is e1000, e1000e or vmxnet3; any "
    "other model (virtio, PCNet32, ...) becomes e1000 (as does a NIC without a model).",
)
def nic_model(d: Descriptor) -> Iterator[Finding]:
    for _, it in ovf1_top_items(d, NIC):
        if it.subtype and it.subtype.lower() not in NIC_MODELS:
            yield at(it, f"adapter {it.subtype!r} becomes e1000")


@rules.rule(
    10,
    "Network names not read",
    INFO,
    PARSER,
    "NICs are created with their model only; the bridge is chosen at import, not from the "
    "NIC's Connection.",
)
def networks(d: Descriptor) -> Iterator[Finding]:
    for _, it in ovf1_top_items(d, NIC):
        if it.connections:
            yield at(it, f"network {it.connections[0]!r} is not read; choose a bridge at import")


@rules.rule(
    11,
    "ProductSection properties ignored",
    W,
    PARSER,
    "Proxmox does not read ProductSection: no property is asked for or passed to the guest.",
)
def properties(d: Descriptor) -> Iterator[Finding]:
    return ignored_properties(d.systems)


@rules.rule(
    12,
    "CD, DVD and floppy drives not imported",
    INFO,
    PARSER,
    "Only disk drives (17) are imported; CD/DVD (15, 16) and floppy (14) drives are not.",
)
def removables(d: Descriptor) -> Iterator[Finding]:
    for _, it in ovf1_top_items(d, CD, DVD, FLOPPY):
        yield at(it, "drive is not imported")


@rules.rule(
    13,
    "Guest OS imported as 'other'",
    INFO,
    PARSER,
    "The OperatingSystemSection's CIM id is mapped to a Proxmox ostype by a fixed table; other "
    "ids (and none) give 'other'.",
)
def ostype(d: Descriptor) -> Iterator[Finding]:
    vs = ovf1_top_system(d)
    if vs is not None and vs.os_el is not None and OSTYPES.get(to_int(vs.os_id) or -1) is None:
        yield Finding(f"OS id {vs.os_id!r} becomes ostype 'other'", vs.os_el, vs.path)


@rules.rule(
    14,
    "EFI firmware without its variables",
    INFO,
    PARSER + "; " + STORAGE,
    "vmw:Config firmware='efi' gives an OVMF VM with a new EFI disk: the source's EFI variables "
    "are not carried over (Proxmox's 'efi-state-lost' warning).",
)
def firmware(d: Descriptor) -> Iterator[Finding]:
    vs = ovf1_top_system(d)
    for hw in vs.hardware if vs else []:
        for el in hw.vendor:
            is_firmware = el.get(f"{{{VMW_NS}}}key") == "firmware"
            if (
                el.tag == f"{{{VMW_NS}}}Config"
                and is_firmware
                and el.get(f"{{{VMW_NS}}}value") == "efi"
            ):
                yield Finding("EFI firmware: EFI variables are not imported", el, hw.path)


@rules.rule(
    15,
    "Image name Proxmox cannot take from an OVA",
    W,
    STORAGE,
    "From an OVA, Proxmox extracts images named with letters, digits, blanks and - . + = _ and "
    "ending in .vmdk, .qcow2 or .raw; other images (.vhd, .img, ...) cannot be imported.",
)
def ova_member(d: Descriptor) -> Iterator[Finding]:
    for _, it in ovf1_top_items(d, DISK):
        found, why = _disk_file(d, it)
        if why is None and found and _SAFE_HREF.match(found) and not _OVA_MEMBER.match(found):
            yield at(it, f"image {found!r} cannot be extracted from an OVA")


@rules.rule(
    16,
    "Disk capacity Proxmox does not size",
    INFO,
    PARSER,
    "The virtual size of an OVA's disk comes from capacity x capacityAllocationUnits only when "
    "the units are written 'byte * B^E'; otherwise the size is read from the image.",
)
def capacity(d: Descriptor) -> Iterator[Finding]:
    vs = ovf1_top_system(d)
    used = {it.hosts[0].rpartition("/")[2] for it in of_type(vs, DISK) if it.hosts} if vs else set()
    for disk in d.disks:
        if disk.id in used and not _UNITS.match(disk.units or ""):
            yield at(disk, "capacity is not used: the size comes from the image")


def read(d: Descriptor) -> list[Machine]:
    from .summary import DiskView, Machine, NicView  # pydantic, for summaries alone

    vs = ovf1_top_system(d)
    if vs is None:
        return [Machine(notes=["nothing is read from the descriptor"])]
    name = vs.name or vs.id
    if name:
        name = re.sub(r"[^a-zA-Z0-9\-.]", "", re.sub(r"\s+", "-", name))
    m = Machine(source=vs.path, name=name or None)
    cpus = "".join(it.fields.get("VirtualQuantity", "") for it in of_type(vs, CPU))
    mem = "".join(it.fields.get("VirtualQuantity", "") for it in of_type(vs, MEMORY))
    m.cpus, m.memory_mib = to_int(cpus), to_int(mem)
    m.os = OSTYPES.get(to_int(vs.os_id) or -1, "other")
    disks: dict[str, DiskView] = {}
    for it in of_type(vs, DISK):
        found, why = _disk_file(d, it)
        addr = _address(vs, it)
        if why is None and addr is not None:
            hm = _HOST.match(it.hosts[0])
            disk = d.disk(hm.group(2)) if hm else None
            size = None
            um = _UNITS.match(disk.units or "") if disk else None
            if disk is not None and um and to_int(disk.capacity) is not None:
                size = (to_int(disk.capacity) or 0) * int(um.group(1)) ** int(um.group(2))
            disks[addr] = DiskView(
                disk_id=disk.id if disk else None, file=found, controller=addr, size_bytes=size
            )
    m.disks = list(disks.values())
    for it in of_type(vs, NIC):
        model = (it.subtype or "").lower()
        m.nics.append(NicView(network=None, model=model if model in NIC_MODELS else "e1000"))
    if m.disks:
        m.notes.append("boot order " + ";".join(disks))
    return [m]


def port(doc: OvfDocument) -> list[edits.Change]:
    from . import edits  # the typed model: loaded to port, not to check

    return edits.memory_in_mib_everywhere(doc, MIB_UNITS, "PVE004")


TARGET = Target(
    name="proxmox",
    title="Proxmox VE (guest import from OVF/OVA)",
    rules=rules,
    sources=(
        Source("proxmox/pve-storage", "src/PVE/GuestImport/OVF.pm", "0c56bad (2026-07-24)"),
        Source(
            "proxmox/pve-storage",
            "src/PVE/Storage.pm, src/PVE/Storage/DirPlugin.pm",
            "0c56bad (2026-07-24)",
        ),
    ),
    read=read,
    port=port,
    summary=(
        "Reads, in the OVF 1 namespace only, /Envelope/VirtualSystem: Name (else ovf:id) as a "
        "DNS-safe VM name, the Processor and Memory VirtualQuantity (taken as cores and MiB), "
        "the OS id, vmw:Config firmware, disk drives through HostResource, Disk, File and their "
        "controller (ide/scsi/sata + AddressOnParent), and NIC models."
    ),
    ignores=(
        "VirtualSystemCollection",
        "DeploymentOptionSection",
        "ProductSection",
        "NetworkSection and NIC connections",
        "AllocationUnits",
        "CD, DVD and floppy drives",
    ),
    port_changes=("rewrites memory in other units as the same amount in 'byte * 2^20' (PVE004)",),
)
