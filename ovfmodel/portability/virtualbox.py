"""Oracle VirtualBox (Import Appliance, VBoxManage import): rules VBOX0xx.

From VirtualBox's own source: the OVF reader src/VBox/Main/xml/ovfreader.cpp and the import
logic src/VBox/Main/src-server/ApplianceImplImport.cpp (Appliance::interpret), as published in
the VirtualBox/virtualbox repository.
"""

from __future__ import annotations

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
    NIC,
    SATA,
    SCSI,
    at,
    disk_bytes,
    has_configurations,
    host_disk_id,
    ignored_properties,
    of_type,
    shown,
)
from .reading import Descriptor, Item, System, to_int
from .registry import INFO, E, Finding, RuleSet, Source, Target, W

if TYPE_CHECKING:
    from ovfmodel.document import OvfDocument

    from . import edits
    from .summary import Machine

READER = "VirtualBox src/VBox/Main/xml/ovfreader.cpp (4908d8d)"
IMPORT = "VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (1d4010f)"

# AllocationUnits strings the reader accepts for memory, and the bytes each stands for
MEMORY_UNITS = {
    "MegaBytes": 1 << 20,
    "MB": 1 << 20,
    "byte * 2^20": 1 << 20,
    "GigaBytes": 1 << 30,
    "GB": 1 << 30,
    "byte * 2^30": 1 << 30,
}
SOUND = 35
USB = 23
HANDLED = frozenset({CPU, MEMORY, IDE, SCSI, NIC, FLOPPY, CD, DISK, SATA, USB, SOUND})
SATA_KINDS = {"ahci": "SATA", "vmware.sata.ahci": "SATA", "virtioscsi": "VirtioSCSI"}
SATA_KINDS |= {"virtio-scsi": "VirtioSCSI", "nvme": "NVMe", "vmware.nvme.controller": "NVMe"}
NIC_MODELS = {"pcnet32": "PCnet (Am79C970A)", "e1000": "Intel PRO/1000 (82545EM)"}
NIC_MODELS |= {"e10000": "Intel PRO/1000 (82545EM)", "virtionet": "virtio-net"}
NIC_MODELS |= {"virtio-net": "virtio-net", "3": "virtio-net"}
ATTACHMENTS = ("null", "nat", "bridged", "internal", "hostonly", "generic")
MAX_NICS = 8  # PIIX3 chipset, the one OVF imports are made with
DISK_FORMATS = {
    "http://www.vmware.com/interfaces/specifications/vmdk.html#streamoptimized": "VMDK",
    "http://www.vmware.com/specifications/vmdk.html#sparse": "VMDK",
    "http://www.vmware.com/specifications/vmdk.html#compressed": "VMDK",
    "http://www.vmware.com/interfaces/specifications/vmdk.html#compressed": "VMDK",
    "http://www.ecma-international.org/publications/standards/ecma-119.htm": "ISO",
    "http://go.microsoft.com/fwlink/?linkid=137171": "VHD",
}

rules = RuleSet("VBOX")


def controller_kind(it: Item) -> str | None:
    """The controller VirtualBox makes of an item, or None when it is no disk controller."""
    if it.rt == IDE:
        return "IDE"
    if it.rt == SCSI:
        return "SAS" if (it.subtype or "").lower() == "lsilogicsas" else "SCSI"
    if it.rt == SATA:
        return SATA_KINDS.get((it.subtype or "").lower())
    return None


def _dropped_controllers(vs: System) -> list[Item]:
    """Controllers beyond VirtualBox's limits (1 SATA, 1 per SCSI type, 1 virtio, 1 NVMe, 4 IDE),
    which interpret() leaves out."""
    seen: dict[str, int] = {}
    dropped = []
    for it in vs.items:
        kind = controller_kind(it)
        if kind is None:
            continue
        key = f"SCSI:{(it.subtype or '').lower()}" if kind == "SCSI" else kind
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > (4 if kind == "IDE" else 1):
            dropped.append(it)
    return dropped


@rules.rule(
    1,
    "Disk without diskId, format or a numeric capacity",
    E,
    READER,
    "The reader requires ovf:diskId, ovf:format and an integer ovf:capacity on every Disk; a "
    "missing one, or a placeholder capacity such as ${disk.size}, stops the import.",
)
def disk_attributes(d: Descriptor) -> Iterator[Finding]:
    for disk in d.disks:
        missing = [n for n, v in (("diskId", disk.id), ("format", disk.format)) if not v]
        if to_int(disk.capacity) is None:
            missing.append("capacity")
        if missing:
            yield at(disk, f"Disk lacks a usable {', '.join(missing)}")


@rules.rule(
    2,
    "Disk fileRef names no File",
    E,
    READER,
    "A Disk's ovf:fileRef must name a References/File with an href; otherwise the reader stops "
    "('cannot find References/File element').",
)
def disk_file(d: Descriptor) -> Iterator[Finding]:
    for disk in d.disks:
        found = d.file(disk.file_ref)
        if disk.file_ref and (found is None or not found.href):
            yield at(disk, f"fileRef {disk.file_ref!r} names no File with an href")


@rules.rule(
    3,
    "Memory in units VirtualBox does not read",
    E,
    READER,
    "The memory item's AllocationUnits must be exactly one of MegaBytes, MB, 'byte * 2^20', "
    "GigaBytes, GB or 'byte * 2^30'; anything else (also no units, or 'byte*2^20' without "
    "blanks) stops the import. `port` rewrites the amount in 'byte * 2^20'.",
)
def memory_units(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for it in of_type(vs, MEMORY):
            if (it.units or "") not in MEMORY_UNITS:
                yield at(
                    it,
                    f"memory AllocationUnits {shown(it.units, '(none)')} is not read by VirtualBox",
                )


@rules.rule(
    4,
    "Storage controller of type 20 VirtualBox does not know",
    E,
    READER,
    "ResourceType 20 items must be AHCI / vmware.sata.ahci (SATA), VirtioSCSI / virtio-scsi or "
    "NVMe / vmware.nvme.controller; other subtypes stop the import.",
)
def storage_subtype(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for it in of_type(vs, SATA):
            if controller_kind(it) is None:
                yield at(
                    it,
                    f"ResourceSubType {shown(it.subtype, '(none)')} of a type 20 controller is unknown",
                )


@rules.rule(
    5,
    "Required item of a type VirtualBox does not know",
    E,
    READER,
    "VirtualBox reads resource types 3, 4, 5, 6, 10, 14, 15, 17, 20, 23 and 35; any other type "
    "(16 DVD drive, 21 serial port, 24 video, 1 other, ...) stops the import unless the item "
    'has ovf:required="false"; an item without a ResourceType stops it in any case. `port` '
    "writes 16 as 15 (a CD drive, VirtualBox's DVD).",
)
def unknown_type(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for it in vs.items:
            if not it.rt:  # the reader refuses an empty ResourceType, required or not
                raw = it.fields.get("ResourceType")
                why = f"ResourceType {raw!r} is not a type number" if raw else "no ResourceType"
                yield at(it, f"item has {why}")
            elif it.required and it.rt not in HANDLED:
                yield at(it, f"required item with resource type {it.rt} is unknown to VirtualBox")


@rules.rule(
    6,
    "Controller without InstanceID",
    E,
    READER,
    "IDE, SCSI and type 20 controllers must have an InstanceID (disks find them by it).",
)
def controller_id(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for it in of_type(vs, IDE, SCSI, SATA):
            if not it.iid:
                yield at(it, "controller has no InstanceID")


@rules.rule(
    7,
    "Disk or CD drive on no known controller",
    E,
    READER,
    "A disk drive's or CD drive's Parent must be the InstanceID of an IDE, SCSI, SATA, "
    "virtio-SCSI or NVMe controller VirtualBox read ('specifies invalid parent').",
)
def drive_parent(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for hw in vs.hardware:
            ids = {it.iid for it in hw.items if controller_kind(it) and it.iid}
            for it in hw.items:
                if it.rt in (DISK, CD) and (it.parent or "") not in ids:
                    yield at(
                        it, f"Parent {shown(it.parent, '(none)')} is no controller VirtualBox knows"
                    )


@rules.rule(
    8,
    "Disk drive whose HostResource names no Disk",
    E,
    READER,
    "A disk drive's HostResource must be ovf:/disk/ID (or ovf://disk/ID, /disk/ID) naming a "
    "Disk of the DiskSection ('specifies invalid host resource').",
)
def drive_host(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for it in of_type(vs, DISK):
            host = it.hosts[0] if it.hosts else ""
            if d.disk(host_disk_id(host)) is None:
                yield at(it, f"HostResource {host!r} names no Disk")


@rules.rule(
    9,
    "OperatingSystemSection without a numeric ovf:id",
    E,
    READER,
    "The reader requires the OperatingSystemSection's ovf:id to be a CIM OS number.",
)
def os_id(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        if vs.os_el is not None and to_int(vs.os_id) is None:
            yield Finding(
                f"OperatingSystemSection ovf:id {vs.os_id!r} is not a number", vs.os_el, vs.path
            )


@rules.rule(
    10,
    "Disk image format VirtualBox does not import",
    E,
    IMPORT,
    "Disks are imported from VMDK (the VMware format URIs, or a .vmdk file) or ISO images only; "
    "a VHD or any other format stops the import ('Unsupported format for virtual disk image').",
)
def disk_format(d: Descriptor) -> Iterator[Finding]:
    used = {host_disk_id(h) for vs in d.systems for it in of_type(vs, DISK) for h in it.hosts[:1]}
    for disk in d.disks:
        if disk.id in used and image_kind(d, disk.format, disk.file_ref) not in ("VMDK", "ISO"):
            yield at(disk, f"disk format {disk.format!r} is neither VMDK nor ISO")


def image_kind(d: Descriptor, fmt: str | None, file_ref: str | None) -> str | None:
    kind = DISK_FORMATS.get((fmt or "").lower())
    if kind is not None:
        return kind
    found = d.file(file_ref)
    name = (found.href or "") if found else ""
    if found is not None and (found.compression or "") == "gzip" and name.lower().endswith(".gz"):
        name = name[:-3]
    ext = name.rpartition(".")[2].lower() if "." in name else ""
    return {"vmdk": "VMDK", "iso": "ISO", "vhd": "VHD"}.get(ext, ext.upper() or None)


@rules.rule(
    11,
    "Disk on a controller VirtualBox leaves out",
    E,
    IMPORT,
    "VirtualBox keeps one SATA, one SCSI controller per type, one virtio-SCSI and one NVMe "
    "controller (and four IDE); a disk attached to one it left out stops the import ('Cannot "
    "find storage controller').",
)
def disk_on_dropped(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        dropped = {it.iid for it in _dropped_controllers(vs)}
        for it in of_type(vs, DISK):
            if it.parent in dropped:
                yield at(it, f"its controller {it.parent!r} is one VirtualBox leaves out")


@rules.rule(
    12,
    "Controller VirtualBox leaves out",
    W,
    IMPORT,
    "Controllers beyond one SATA, one SCSI per type, one virtio-SCSI, one NVMe and four IDE "
    "are not created.",
)
def dropped_controller(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for it in _dropped_controllers(vs):
            yield at(it, f"{controller_kind(it)} controller is not created")


@rules.rule(
    13,
    "Network adapter model replaced",
    W,
    IMPORT,
    "Only PCNet32, E1000 (and E10000) and VirtioNet / virtio-net are mapped to VirtualBox "
    "adapters; any other ResourceSubType (VmxNet3, E1000e, ...) becomes the guest OS type's "
    "default adapter.",
)
def nic_model(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for it in of_type(vs, NIC):
            if it.subtype and it.subtype.lower() not in NIC_MODELS:
                yield at(it, f"adapter {it.subtype!r} becomes the guest OS's default adapter")


@rules.rule(
    14,
    "Network connection replaced by Bridged",
    W,
    IMPORT,
    "A NIC's Connection is an attachment mode for VirtualBox (Null, NAT, Bridged, Internal, "
    "HostOnly, Generic); any other network name is attached as Bridged.",
)
def nic_network(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for it in of_type(vs, NIC):
            net = it.connections[0] if it.connections else ""
            if net.lower() not in ATTACHMENTS:
                yield at(it, f"network {net!r} is attached as Bridged")


@rules.rule(
    15,
    "More network adapters than VirtualBox creates",
    W,
    IMPORT,
    f"VirtualBox creates at most {MAX_NICS} network adapters (PIIX3 chipset); the rest are "
    "left out.",
)
def nic_count(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        nics = of_type(vs, NIC)
        if len(nics) > MAX_NICS:
            yield at(nics[MAX_NICS], f"{len(nics) - MAX_NICS} network adapters are left out")


@rules.rule(
    16,
    "Deployment options ignored",
    W,
    READER,
    "The reader skips DeploymentOptionSection and reads the items of every configuration: the "
    "last Processor and Memory item wins, whatever the default configuration says.",
)
def deployment_options(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for rt, what in ((CPU, "CPU"), (MEMORY, "memory")):
            items = of_type(vs, rt)
            if has_configurations(items) and len({it.quantity for it in items}) > 1:
                yield at(items[-1], f"the {what} of this item is used for every configuration")


@rules.rule(
    17,
    "ProductSection properties ignored",
    W,
    READER,
    "VirtualBox reads Product, Vendor, Version, ProductUrl and VendorUrl of a ProductSection; "
    "its properties are neither asked for nor passed to the guest.",
)
def properties(d: Descriptor) -> Iterator[Finding]:
    return ignored_properties(d.systems, "ProductSection properties")


@rules.rule(
    18,
    "Several disk drives of one Disk",
    W,
    READER,
    "Disk drives are kept by disk id: a second drive with the same HostResource replaces the "
    "first.",
)
def same_disk(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        seen: set[str] = set()
        for it in of_type(vs, DISK):
            disk_id = host_disk_id(it.hosts[0]) if it.hosts else None
            if disk_id is not None and disk_id in seen:
                yield at(it, f"drive replaces an earlier drive of disk {disk_id!r}")
            if disk_id is not None:
                seen.add(disk_id)


@rules.rule(
    19,
    "vbox:Machine replaces the OVF hardware",
    INFO,
    READER + "; " + IMPORT,
    "A vbox:Machine element (VirtualBox's own settings, written by its export) is used instead "
    "of the OVF hardware description; other importers read the OVF items.",
)
def ignored(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for el in vs.sections:
            if el.tag == "{http://www.virtualbox.org/ovf/machine}Machine":
                yield Finding("vbox:Machine replaces the OVF hardware description", el, vs.path)


def read(d: Descriptor) -> list[Machine]:
    from .summary import DiskView, Machine, NicView  # pydantic, for summaries alone

    machines = []
    for vs in d.systems:
        m = Machine(source=vs.path, name=vs.id or None)
        for it in vs.items:  # every configuration, in order: the last one wins
            if it.rt == CPU:
                m.cpus = it.quantity or 1
            elif it.rt == MEMORY and (it.units or "") in MEMORY_UNITS and it.quantity is not None:
                m.memory_mib = it.quantity * MEMORY_UNITS[it.units or ""] >> 20
        controllers = {it.iid: it for it in vs.items if controller_kind(it)}
        dropped = {it.iid for it in _dropped_controllers(vs)}
        for it in of_type(vs, DISK):
            disk = d.disk(host_disk_id(it.hosts[0])) if it.hosts else None
            parent = controllers.get(it.parent)
            if disk is None or parent is None or it.parent in dropped:
                continue
            found = d.file(disk.file_ref)
            m.disks.append(
                DiskView(
                    disk_id=disk.id,
                    file=None if found is None else found.href,
                    controller=controller_kind(parent),
                    size_bytes=disk_bytes(disk),
                )
            )
        for it in of_type(vs, NIC)[:MAX_NICS]:
            net = it.connections[0] if it.connections else ""
            mode = net if net.lower() in ATTACHMENTS else "Bridged"
            model = NIC_MODELS.get((it.subtype or "").lower(), "guest OS default")
            m.nics.append(NicView(network=mode, model=model))
        m.os = vs.os_id
        if not m.memory_mib:
            m.notes.append("memory: the guest OS type's recommended size")
        if any(it.rt == DVD for it in vs.items):
            m.notes.append("a type 16 DVD drive is refused unless ovf:required='false'")
        machines.append(m)
    return machines


def port(doc: OvfDocument) -> list[edits.Change]:
    from . import edits  # the typed model: loaded to port, not to check

    changes: list[edits.Change] = []
    for found in edits.items(doc):
        if found.rt == MEMORY:
            change = edits.memory_in_mib(found, frozenset(MEMORY_UNITS), "VBOX003")
            if change is not None:
                changes.append(change)
        elif found.rt == DVD:
            change = edits.dvd_as_cd(found)
            change.code = "VBOX005"
            changes.append(change)
    return changes


TARGET = Target(
    name="virtualbox",
    title="Oracle VirtualBox (Import Appliance)",
    rules=rules,
    sources=(
        Source("VirtualBox", "src/VBox/Main/xml/ovfreader.cpp", "4908d8d (VirtualBox/virtualbox)"),
        Source(
            "VirtualBox",
            "src/VBox/Main/src-server/ApplianceImplImport.cpp",
            "1d4010f (VirtualBox/virtualbox)",
        ),
    ),
    read=read,
    port=port,
    summary=(
        "Reads every VirtualSystem (collections are walked), names the VM by ovf:id, reads the "
        "items of every configuration (the last CPU and memory item win), IDE, SCSI, SATA, "
        "virtio-SCSI and NVMe controllers, VMDK disks and ISO images, NICs as attachment modes, "
        "and Product/Vendor/Version/URLs, License and Annotation."
    ),
    ignores=(
        "NetworkSection",
        "DeploymentOptionSection",
        "ProductSection properties",
        "VirtualSystemType",
    ),
    port_changes=(
        "rewrites memory in units VirtualBox does not read as the same amount in "
        "'byte * 2^20' (VBOX003)",
        "writes DVD drives (16) as CD drives (15), VirtualBox's optical drive (VBOX005)",
    ),
)
