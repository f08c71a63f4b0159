"""XenServer / XCP-ng through XenCenter's Import wizard: rules XEN0xx.

From XenCenter's own source (xenserver/xenadmin): the OVF library XenOvfApi (Validation.cs,
OVF.cs, Utilities/Utilities.cs, whose XmlSerializer classes are the OVF 1 schema) and the import
action XenModel/Actions/OvfActions/Import.cs. XenCenter shows the validation warnings in a
dialog the user may accept; errors stop the wizard or the import.
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
    IDE,
    MEMORY,
    NIC,
    SATA,
    SCSI,
    at,
    bytes_of,
    disk_bytes,
    has_configurations,
    ignored_properties,
    of_type,
)
from .reading import XEN_NS, Descriptor, Disk, Hardware, Item, System, ns_of
from .registry import INFO, E, Finding, RuleSet, Source, Target, W

if TYPE_CHECKING:
    from ovfmodel.document import OvfDocument

    from . import edits
    from .summary import Machine

VALIDATION = "xenserver/xenadmin XenOvfApi/Validation.cs (b210cd2, 2023-12-13)"
OVF_CS = "xenserver/xenadmin XenOvfApi/OVF.cs, Utilities/Utilities.cs (b210cd2, 2023-12-13)"
IMPORT = "xenserver/xenadmin XenModel/Actions/OvfActions/Import.cs (b210cd2, 2023-12-13)"

KNOWN_TYPES = frozenset(
    {
        "xen-3.0-unknown", "xen-3.0-x32", "xen-3.0-x86", "xen-3.0-x64",
        "hvm-3.0-unknown", "hvm-3.0-x32", "hvm-3.0-x86", "hvm-3.0-x64", "hvm-3.0-hvm",
        "301", "vmx-4", "vmx-04", "vmx-6", "vmx-06", "vmx-7", "vmx-07",
        "DMTF:xen:pv", "DMTF:xen:hvm", "virtualbox-2.2",
    }
)  # fmt: skip
KNOWN_VERSIONS = frozenset(
    {"0.9", "1.0", "1.0.0", "1.0.0a", "1.0.0.b", "1.0.0c", "1.0.0d", "1.0.1", "1.0.0e"}
)
KNOWN_EXTENSIONS: tuple[str, ...] = (
    ".vhd",
    ".pvp",
    ".vmdk",
    ".mf",
    ".cert",
    ".xva",
    ".ovf",
    ".wim",
    ".vdi",
)
KNOWN_EXTENSIONS += (".sdi", ".iso", ".gz")
HANDLED = frozenset({CPU, MEMORY, IDE, SCSI, 7, 8, 9, NIC, CD, DVD, DISK, 19, SATA, 21})
DISK_TYPES = (DISK, 19, 21)
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")

rules = RuleSet("XEN")


def _disk_for(d: Descriptor, it: Item) -> Disk | None:
    """XenCenter's lookup: the first Disk whose diskId occurs anywhere in the HostResource (or,
    without one, the InstanceID). Found through the reference's substrings, so a descriptor
    with thousands of disks costs no more than one with a few."""
    ref = it.hosts[0] if it.hosts else (it.iid or "")
    order = d.disk_order
    best: tuple[int, Disk] | None = None
    for start in range(len(ref)):
        for end in range(start + 1, min(len(ref), start + _LONGEST_REF) + 1):
            found = order.get(ref[start:end])
            if (
                found is not None
                and len(found[1].id or "") <= _LONGEST_REF
                and (best is None or found[0] < best[0])
            ):
                best = found
    return None if best is None else best[1]


_LONGEST_REF = 256  # longer diskIds are not looked for inside references


def _exact_disk(d: Descriptor, it: Item) -> Disk | None:
    ref = it.hosts[0] if it.hosts else ""
    return d.disk(ref.rpartition("/")[2]) if "/" in ref else None


def _imported(d: Descriptor) -> list[System]:
    """The virtual systems XenCenter imports: the top one, or the direct members of the top
    collection."""
    return [vs for vs in d.systems if vs.depth <= 1]


@rules.rule(
    1,
    "Descriptor not in the OVF 1 namespace",
    E,
    OVF_CS,
    "XenCenter deserializes the descriptor into its OVF 1 schema classes; an OVF 2 envelope "
    "cannot be read ('This appliance does not contain a valid OVF file').",
)
def namespace(d: Descriptor) -> Iterator[Finding]:
    if d.is_ovf2:
        yield Finding("XenCenter reads OVF 1 descriptors only", d.root, "Envelope")


@rules.rule(
    2,
    "Hardware type XenCenter does not know",
    W,
    VALIDATION,
    "XenCenter compares the whole VirtualSystemType with its list (xen-3.0-*, hvm-3.0-*, 301, "
    "vmx-04/06/07, DMTF:xen:*, virtualbox-2.2) and warns 'Found unexpected virtual hardware "
    "type' for any other, then imports as HVM.",
)
def hardware_type(d: Descriptor) -> Iterator[Finding]:
    for vs in _imported(d):
        for hw in vs.hardware:
            if hw.system_type and hw.system_type not in KNOWN_TYPES:
                yield Finding(
                    f"unexpected virtual hardware type {hw.system_type!r}", hw.el, hw.path
                )


@rules.rule(
    3,
    "OVF version XenCenter does not list",
    W,
    VALIDATION,
    "XenCenter warns 'OVF version ... is not supported' for an ovf:version outside 0.9, 1.0, "
    "1.0.0, 1.0.0a-e, 1.0.1 (1.1.0 included) and imports anyway.",
)
def version(d: Descriptor) -> Iterator[Finding]:
    if d.is_ovf1 and d.version is not None and d.version not in KNOWN_VERSIONS:
        yield Finding(f"OVF version {d.version!r} is reported as not supported", d.root, "Envelope")


@rules.rule(
    4,
    "File extension XenCenter does not know",
    W,
    VALIDATION,
    "Referenced files should end in .vhd, .vmdk, .vdi, .iso, .xva, .wim, .sdi, .pvp or .gz; "
    "XenCenter warns 'File ... has an unsupported extension' for others (.img, .qcow2, .raw).",
)
def extension(d: Descriptor) -> Iterator[Finding]:
    for f in d.files:
        href = (f.href or "").lower()
        if href and not href.endswith(KNOWN_EXTENSIONS):
            yield Finding(f"file {f.href!r} has an unsupported extension", f.el, f.path)


@rules.rule(
    5,
    "Memory item without AllocationUnits",
    E,
    VALIDATION + "; " + IMPORT,
    "XenCenter reads the memory item's AllocationUnits to size the VM; without them it warns "
    "('Memory allocation unit is invalid') and the import fails creating the VM.",
)
def memory_units(d: Descriptor) -> Iterator[Finding]:
    for vs in _imported(d):
        for it in of_type(vs, MEMORY):
            if not it.units:
                yield at(it, "memory item has no AllocationUnits")


@rules.rule(
    6,
    "Several CPU or memory items are added up",
    W,
    IMPORT,
    "XenCenter adds up the VirtualQuantity of every Processor item and of every Memory item: "
    "items of different deployment options (not read) give the sum of them all.",
)
def summed(d: Descriptor) -> Iterator[Finding]:
    for vs in _imported(d):
        for rt, what in ((CPU, "CPU counts"), (MEMORY, "memory sizes")):
            items = of_type(vs, rt)
            if len(items) > 1:
                note = " (deployment options are not read)" if has_configurations(items) else ""
                yield at(items[1], f"the {what} of {len(items)} items are added up{note}")


@rules.rule(
    7,
    "Required item XenCenter does not import",
    W,
    VALIDATION,
    "Items of types other than 3-10, 15-17, 19-21 with ovf:required not false are reported "
    "('A required resource ... was not recognized') and not imported (USB, floppy, sound, "
    "video, ...).",
)
def unhandled(d: Descriptor) -> Iterator[Finding]:
    for vs in _imported(d):
        for it in vs.items:
            if it.required and it.rt not in HANDLED:
                yield at(it, f"required resource type {it.rt} is not imported")


@rules.rule(
    8,
    "NIC connected to no listed network",
    W,
    VALIDATION,
    "A NIC's Connection should name a Network of the NetworkSection; XenCenter warns 'A network "
    "is not connected to a device' otherwise.",
)
def nic_network(d: Descriptor) -> Iterator[Finding]:
    names = {name for name, _ in d.networks}
    for vs in _imported(d):
        for it in of_type(vs, NIC):
            if not it.connections or it.connections[0] not in names:
                yield at(it, "NIC is connected to no network of the NetworkSection")


@rules.rule(
    9,
    "Disk id contained in another disk's reference",
    W,
    OVF_CS,
    "XenCenter finds a drive's Disk as the first whose diskId occurs anywhere in the "
    "HostResource: with ids such as vmdisk1 and vmdisk10, the drive of vmdisk10 gets the image "
    "of vmdisk1.",
)
def disk_lookup(d: Descriptor) -> Iterator[Finding]:
    for vs in _imported(d):
        for it in vs.items:
            if it.rt in DISK_TYPES and it.hosts:
                got, meant = _disk_for(d, it), _exact_disk(d, it)
                if meant is not None and got is not None and got is not meant:
                    yield at(it, f"gets the image of disk {got.id!r}, not {meant.id!r}")


@rules.rule(
    10,
    "Virtual systems in nested collections",
    W,
    IMPORT,
    "XenCenter imports the top VirtualSystem or the VirtualSystems directly inside the top "
    "collection; those of nested collections are not imported.",
)
def nested(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        if vs.depth > 1:
            yield at(vs, "a VirtualSystem of a nested collection is not imported")


@rules.rule(
    11,
    "Compression XenCenter does not read",
    E,
    OVF_CS,
    "Disk files may be uncompressed or gzip; another ovf:compression stops the import.",
)
def compression(d: Descriptor) -> Iterator[Finding]:
    for f in d.files:
        if f.compression and f.compression.lower() not in ("identity", "gzip"):
            yield Finding(f"compression {f.compression!r} is not supported", f.el, f.path)


@rules.rule(
    12,
    "ProductSection properties ignored",
    W,
    IMPORT,
    "XenCenter's import does not read ProductSection: properties are not passed to the guest.",
)
def properties(d: Descriptor) -> Iterator[Finding]:
    return ignored_properties(_imported(d))


@rules.rule(
    13,
    "No XenServer configuration",
    INFO,
    IMPORT,
    "Without xenovf:VirtualSystemOtherConfigurationData the VM is created as HVM with BIOS boot "
    "order 'dc' and XenCenter's default platform flags (nx, acpi, apic, pae).",
)
def no_xen_config(d: Descriptor) -> Iterator[Finding]:
    for vs in _imported(d):
        for hw in vs.hardware[:1]:
            if not any(ns_of(el.tag) == XEN_NS for el in hw.vendor):
                yield Finding(
                    "created as HVM with XenCenter's default boot settings", hw.el, hw.path
                )


@rules.rule(
    14,
    "Processor item without a CPU count",
    W,
    VALIDATION,
    "A Processor item without a positive VirtualQuantity is reported ('Processor quantity is "
    "invalid'); the VM gets 1 vCPU.",
)
def cpu_quantity(d: Descriptor) -> Iterator[Finding]:
    for vs in _imported(d):
        for it in of_type(vs, CPU):
            if not it.quantity or it.quantity <= 0:
                yield at(it, "processor quantity is invalid")


@rules.rule(
    15,
    "Several hardware sections",
    INFO,
    OVF_CS,
    "Of several VirtualHardwareSections XenCenter uses one, preferring a xen-* type, then "
    "hvm-*, then 301; the others are not read.",
)
def several_sections(d: Descriptor) -> Iterator[Finding]:
    for vs in _imported(d):
        if len(vs.hardware) > 1:
            chosen = _section(vs)
            what = f"only the section of type {chosen.system_type!r} is read"
            yield Finding(what, chosen.el, chosen.path)


def _section(vs: System) -> Hardware:
    best, rank = vs.hardware[0], 99
    for hw in vs.hardware:
        t = (hw.system_type or "").lower()
        r = (
            0
            if t.startswith("xen")
            else 2
            if t.startswith("hvm")
            else 3
            if t.startswith("301")
            else 5
        )
        if not t:
            r = 5
        if r < rank:
            best, rank = hw, r
    return best


def _name(vs: System) -> str | None:
    if vs.name:
        return vs.name
    if vs.id and not _GUID.match(vs.id):
        return vs.id
    return vs.id or None


def read(d: Descriptor) -> list[Machine]:
    from .summary import DiskView, Machine, NicView  # pydantic, for summaries alone

    if d.is_ovf2:
        return []
    machines = []
    for vs in _imported(d):
        m = Machine(source=vs.path, name=_name(vs))
        hw = _section(vs) if vs.hardware else None
        items = hw.items if hw else []
        cpus = sum(it.quantity or 0 for it in items if it.rt == CPU)
        mem = sum(bytes_of(it.units, it.quantity, 1 << 20) or 0 for it in items if it.rt == MEMORY)
        m.cpus = max(cpus, 1)
        m.memory_mib = mem >> 20 if mem else None
        for it in items:
            if it.rt in DISK_TYPES:
                disk = _disk_for(d, it)
                found = d.file(disk.file_ref) if disk else None
                if disk is not None and found is not None:
                    size = disk_bytes(disk)
                    view = DiskView(
                        disk_id=disk.id, file=found.href, controller="VBD", size_bytes=size
                    )
                    m.disks.append(view)
            elif it.rt == NIC:
                net = it.connections[0] if it.connections else None
                m.nics.append(NicView(network=net, model="VIF"))
        if m.memory_mib is None:
            m.notes.append("memory: XenCenter's default for imported images")
        machines.append(m)
    return machines


def port(doc: OvfDocument) -> list[edits.Change]:

    return []


TARGET = Target(
    name="xenserver",
    title="XenServer / XCP-ng (XenCenter Import)",
    rules=rules,
    sources=(
        Source(
            "xenserver/xenadmin",
            "XenOvfApi/Validation.cs, OVF.cs, Utilities/Utilities.cs",
            "b210cd2 (2023-12-13)",
        ),
        Source(
            "xenserver/xenadmin", "XenModel/Actions/OvfActions/Import.cs", "b210cd2 (2023-12-13)"
        ),
    ),
    read=read,
    port=port,
    summary=(
        "Deserializes an OVF 1 descriptor, imports the top VirtualSystem or those directly in "
        "the top collection (an appliance), names each by Name (else a non-GUID ovf:id), adds "
        "up CPU and memory items, imports disk images (17, 19, 21) as VDIs (VHD, VMDK and other "
        "formats its disk library reads, gzip allowed), CD drives and NICs on the networks "
        "chosen in the wizard, StartupSection order and xenovf configuration."
    ),
    ignores=("DeploymentOptionSection", "ProductSection", "nested collections"),
    port_changes=(),
)
