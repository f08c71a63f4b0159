"""KVM through virt-v2v (`virt-v2v -i ova`): rules V2V0xx.

From virt-v2v's own source (libguestfs/virt-v2v): the OVF parser input/OVF.ml
(parse_ovf_from_ova), the OVA input input/input_ova.ml and the archive handling input/OVA.ml.
The parser reads fixed XPath expressions in the OVF 1 namespace; what they do not find is not
converted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ovfmodel.validation.source import Element

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
    has_configurations,
    host_disk_id,
    ignored_properties,
    memory_read_as_mib,
    of_type,
    ovf1_top_items,
    ovf1_top_system,
)
from .reading import VMW_NS, Descriptor, System, to_int
from .registry import INFO, E, Finding, RuleSet, Source, Target, W

if TYPE_CHECKING:
    from ovfmodel.document import OvfDocument

    from . import edits
    from .summary import Machine

OVF_ML = "libguestfs/virt-v2v input/OVF.ml (71376bd, 2026-08-21)"
OVA_ML = "libguestfs/virt-v2v input/input_ova.ml, input/OVA.ml (71376bd, 2026-08-21)"
BUS = {IDE: "IDE", SCSI: "SCSI", SATA: "SATA"}

rules = RuleSet("V2V")


def _firmware(vs: System) -> tuple[str | None, Element | None, str | None]:
    """(vmw:Config firmware value, its element, the section path)."""
    for hw in vs.hardware:
        for el in hw.vendor:
            if el.tag == f"{{{VMW_NS}}}Config" and el.get(f"{{{VMW_NS}}}key") == "firmware":
                return el.get(f"{{{VMW_NS}}}value"), el, hw.path
    return None, None, None


@rules.rule(
    1,
    "Descriptor not in the OVF 1 namespace",
    W,
    OVF_ML,
    "virt-v2v registers only the OVF 1 envelope namespace: an OVF 2 (or 0.9) descriptor "
    "converts with defaults (1 vCPU, 1 GiB, the OVA's file name) and no disk.",
)
def namespace(d: Descriptor) -> Iterator[Finding]:
    if not d.is_ovf1:
        yield Finding(
            f"virt-v2v reads OVF 1 only; nothing of this {d.ns} descriptor is read",
            d.root,
            "Envelope",
        )


@rules.rule(
    2,
    "Virtual systems inside a collection",
    W,
    OVF_ML,
    "Only /Envelope/VirtualSystem is read; a VirtualSystemCollection's systems are not converted.",
)
def collection(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        if vs.depth > 0 and d.is_ovf1:
            yield at(vs, "a VirtualSystem inside a collection is not converted")


@rules.rule(
    3,
    "Disk drive without an ovf:/disk/ host resource",
    E,
    OVF_ML,
    "Every disk drive (17) must have a HostResource ovf:/disk/ID; otherwise virt-v2v stops "
    "('could not parse disk rasd:HostResource').",
)
def host_resource(d: Descriptor) -> Iterator[Finding]:
    for _, it in ovf1_top_items(d, DISK):
        host = it.hosts[0] if it.hosts else ""
        if host_disk_id(host) is None or host.startswith("ovf://"):
            yield at(it, f"HostResource {host!r} is not ovf:/disk/ID")


@rules.rule(
    4,
    "Disk drive without an image file",
    E,
    OVF_ML,
    "A disk drive's Disk must exist and have a fileRef naming a File with an href: blank disks "
    "(no fileRef) stop virt-v2v ('error parsing disk fileRef', 'no href in ovf:File').",
)
def disk_file(d: Descriptor) -> Iterator[Finding]:
    for _, it in ovf1_top_items(d, DISK):
        disk_id = host_disk_id(it.hosts[0]) if it.hosts else None
        if disk_id is None:
            continue  # V2V003
        disk = d.disk(disk_id)
        found = d.file(disk.file_ref) if disk is not None else None
        if disk is None or not disk.file_ref:
            yield at(it, f"disk {disk_id!r} has no fileRef")
        elif found is None or not found.href:
            yield at(it, f"fileRef {disk.file_ref!r} names no File with an href")


@rules.rule(
    5,
    "Compression virt-v2v does not read",
    E,
    OVF_ML,
    "A disk's File may be uncompressed ('identity') or gzip; any other ovf:compression stops "
    "virt-v2v ('unsupported compression in OVF').",
)
def compression(d: Descriptor) -> Iterator[Finding]:
    for f in d.files:
        if f.compression not in (None, "identity", "gzip"):
            yield Finding(f"compression {f.compression!r} is not supported", f.el, f.path)


@rules.rule(
    6,
    "Unknown vmw:Config firmware value",
    E,
    OVF_ML,
    "vmw:Config firmware must be 'bios' or 'efi'; another value stops virt-v2v.",
)
def firmware(d: Descriptor) -> Iterator[Finding]:
    vs = ovf1_top_system(d)
    if vs is None:
        return
    value, el, path = _firmware(vs)
    if el is not None and value not in ("bios", "efi"):
        yield Finding(f"firmware {value!r} is neither 'bios' nor 'efi'", el, path)


@rules.rule(
    7,
    "Memory not in MiB",
    W,
    OVF_ML,
    "The memory item's VirtualQuantity is taken as MiB whatever its AllocationUnits say. "
    "`port` rewrites the amount in 'byte * 2^20'.",
)
def memory_units(d: Descriptor) -> Iterator[Finding]:
    return memory_read_as_mib(d)


@rules.rule(
    8,
    "Deployment options ignored",
    W,
    OVF_ML,
    "One Processor and one Memory item are read, whatever the deployment options: the "
    "DeploymentOptionSection is not read.",
)
def deployment_options(d: Descriptor) -> Iterator[Finding]:
    vs = ovf1_top_system(d)
    if vs is None:
        return
    for rt, what in ((CPU, "CPU"), (MEMORY, "memory")):
        items = of_type(vs, rt)
        if has_configurations(items) and len(items) > 1:
            yield at(items[0], f"one {what} item is read for every deployment option")


@rules.rule(
    9,
    "vmw:CoresPerSocket ignored",
    W,
    OVF_ML,
    "The CPU topology comes from vmw:CoresPerSocket on the Processor item; a value of 0 or less, "
    "or more than the CPU count, is ignored (virt-v2v warns).",
)
def cores_per_socket(d: Descriptor) -> Iterator[Finding]:
    for _, it in ovf1_top_items(d, CPU):
        for el in it.vendor:
            if el.tag == f"{{{VMW_NS}}}CoresPerSocket":
                cores = to_int(el.text)
                cpus = it.quantity or 1
                if cores is None or cores <= 0 or cpus // cores <= 0:
                    yield at(it, f"CoresPerSocket {el.text!r} is ignored for {cpus} CPUs")


@rules.rule(
    10,
    "Disk controller virt-v2v does not recognise",
    INFO,
    OVF_ML,
    "A disk's Parent should be an IDE (5), SCSI (6) or SATA (20) controller; otherwise virt-v2v "
    "warns and picks the bus itself.",
)
def disk_controller(d: Descriptor) -> Iterator[Finding]:
    for vs, it in ovf1_top_items(d, DISK, CD, DVD, FLOPPY):
        parent = vs.by_iid(it.parent) if it.parent else None
        if it.parent is not None and (parent is None or parent.rt not in BUS):
            yield at(it, f"Parent {it.parent!r} is no IDE, SCSI or SATA controller")


@rules.rule(
    11,
    "NIC without a network",
    W,
    OVF_ML,
    "A NIC's Connection names the bridge it is attached to; without one the NIC is attached to "
    "a network named ethN.",
)
def nic_network(d: Descriptor) -> Iterator[Finding]:
    for n, (_, it) in enumerate(ovf1_top_items(d, NIC)):
        if not it.connections:
            yield at(it, f"NIC is attached to network 'eth{n}'")


@rules.rule(
    12,
    "ProductSection properties ignored",
    W,
    OVF_ML,
    "virt-v2v does not read ProductSection: properties are not passed to the guest.",
)
def properties(d: Descriptor) -> Iterator[Finding]:
    return ignored_properties(d.systems)


@rules.rule(
    13,
    "Image path outside the archive",
    E,
    OVA_ML,
    "An href is resolved in the OVA's folder; a path leading outside it (absolute, ..) stops "
    "virt-v2v ('references a file outside the archive').",
)
def escaping(d: Descriptor) -> Iterator[Finding]:
    for f in d.files:
        href = f.href or ""
        if href.startswith("/") or ".." in href.replace("\\", "/").split("/"):
            yield Finding(f"href {href!r} leads outside the archive", f.el, f.path)


@rules.rule(
    14,
    "No VM name",
    INFO,
    OVA_ML,
    "Without a VirtualSystem Name, virt-v2v warns and names the guest after the OVA file.",
)
def no_name(d: Descriptor) -> Iterator[Finding]:
    vs = ovf1_top_system(d)
    if vs is not None and not vs.name:
        yield at(vs, "the guest is named after the OVA file")


@rules.rule(
    15,
    "Network adapter model converted",
    INFO,
    OVF_ML,
    "NIC models are read (E1000 as e1000, others lowercased); conversion installs virtio "
    "drivers where the guest supports them and gives the converted guest virtio NICs.",
)
def nic_model(d: Descriptor) -> Iterator[Finding]:
    for _, it in ovf1_top_items(d, NIC):
        if it.subtype and it.subtype.lower() not in ("virtio", "virtio-net"):
            yield at(it, f"adapter {it.subtype!r} may become virtio-net after conversion")


def read(d: Descriptor) -> list[Machine]:
    from .summary import DiskView, Machine, NicView  # pydantic, for summaries alone

    vs = ovf1_top_system(d)
    if vs is None:
        return [Machine(cpus=1, memory_mib=1024, notes=["defaults: nothing read"])]
    m = Machine(source=vs.path, name=vs.name)
    cpu = next(iter(of_type(vs, CPU)), None)
    mem = next(iter(of_type(vs, MEMORY)), None)
    m.cpus = (cpu.quantity if cpu else None) or 1
    m.memory_mib = (mem.quantity if mem else None) or 1024
    value, _, _ = _firmware(vs)
    m.firmware = {"efi": "UEFI", "bios": "BIOS"}.get(value or "", "unknown (detected)")
    for it in of_type(vs, DISK):
        disk = d.disk(host_disk_id(it.hosts[0])) if it.hosts else None
        found = d.file(disk.file_ref) if disk else None
        parent = vs.by_iid(it.parent) if it.parent else None
        m.disks.append(
            DiskView(
                disk_id=disk.id if disk else None,
                file=found.href if found else None,
                controller=BUS.get(parent.rt or 0) if parent else None,
            )
        )
    for n, it in enumerate(of_type(vs, NIC)):
        net = it.connections[0] if it.connections else f"eth{n}"
        model = "e1000" if it.subtype == "E1000" else (it.subtype or "").lower() or None
        m.nics.append(NicView(network=net, model=model))
    if not vs.name:
        m.notes.append("named after the OVA file")
    return [m]


def port(doc: OvfDocument) -> list[edits.Change]:
    from . import edits  # the typed model: loaded to port, not to check

    return edits.memory_in_mib_everywhere(doc, MIB_UNITS, "V2V007")


TARGET = Target(
    name="virt-v2v",
    title="KVM via virt-v2v (-i ova)",
    rules=rules,
    sources=(
        Source("libguestfs/virt-v2v", "input/OVF.ml", "71376bd (2026-08-21)"),
        Source("libguestfs/virt-v2v", "input/input_ova.ml, input/OVA.ml", "71376bd (2026-08-21)"),
    ),
    read=read,
    port=port,
    summary=(
        "Reads, in the OVF 1 namespace only, /Envelope/VirtualSystem: Name, one Processor and "
        "one Memory VirtualQuantity (taken as MiB), vmw:CoresPerSocket, vmw:Config firmware, "
        "disk drives through ovf:/disk/ID, Disk and File (gzip allowed) with their controller, "
        "CD and floppy drives, NICs with Connection, MAC and model; checks the manifest."
    ),
    ignores=(
        "VirtualSystemCollection",
        "DeploymentOptionSection",
        "ProductSection",
        "AllocationUnits",
        "NetworkSection",
    ),
    port_changes=("rewrites memory in other units as the same amount in 'byte * 2^20' (V2V007)",),
)
