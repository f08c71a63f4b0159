"""VMware vSphere (ESXi / vCenter "Deploy OVF Template", ovftool): rules VSPHERE0xx.

vSphere's importer is closed source; the facts come from VMware's published references (the
hardware-version table of the vSphere Automation API, the OVF ExtraConfig reference), from
VMware's own Go bindings (govmomi: the device types the vSphere API creates, and the OVF import
model of its simulator) and from the error messages vSphere prints, as users reported them in
public issue trackers (cited per rule).
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
    NIC,
    SATA,
    SCSI,
    at,
    configs,
    disk_bytes,
    host_disk_id,
    memory_mib,
    shown,
    simultaneous,
)
from .reading import XEN_NS, Descriptor, ns_of
from .registry import INFO, E, Finding, RuleSet, Source, Target, W

if TYPE_CHECKING:
    from ovfmodel.document import OvfDocument

    from . import edits
    from .summary import Machine

HW_VERSIONS = "Broadcom vSphere Automation API, Hardware.Version (developer.broadcom.com, 2026)"
GOVMOMI = (
    "vmware/govmomi object/virtual_device_list.go, simulator/ovf_manager.go (fd06160, 2026-08-21)"
)
EXTRA = "Broadcom vSphere Automation API, Ovf ExtraConfig (developer.broadcom.com, 2026)"

# hardware version -> first ESXi release that runs it (the API's Hardware.Version table;
# 6, 12 and 16 are Workstation-only versions)
FIRST_ESXI = {
    3: "ESXi 2.5",
    4: "ESXi 3.0",
    7: "ESXi 4.0",
    8: "ESXi 5.0",
    9: "ESXi 5.1",
    10: "ESXi 5.5",
    11: "ESXi 6.0",
    13: "ESXi 6.5",
    14: "ESXi 6.7",
    15: "ESXi 6.7 U2",
    17: "ESXi 7.0",
    18: "ESXi 7.0 U1",
    19: "ESXi 7.0 U2",
    20: "ESXi 8.0",
    21: "ESXi 8.0 U2",
}
NEWEST = max(FIRST_ESXI)
PORT_FAMILY = "vmx-13"  # ESXi 6.5 and later; the oldest version with NVMe and every device here
SCSI_TYPES = {"lsilogic": "lsilogic", "buslogic": "buslogic", "lsilogicsas": "lsilogicsas"}
SCSI_TYPES["virtualscsi"] = "VirtualSCSI"
SATA_TYPES = {"vmware.sata.ahci": "vmware.sata.ahci", "ahci": "vmware.sata.ahci"}
SATA_TYPES |= {"vmware.nvme.controller": "vmware.nvme.controller", "nvme": "vmware.nvme.controller"}
NIC_TYPES = frozenset(
    {
        "e1000",
        "e1000e",
        "pcnet32",
        "vmxnet",
        "vmxnet2",
        "vmxnet3",
        "vmxnet3vrdma",
        "sriovethernetcard",
    }
)
# resource types vSphere's OVF import makes a device of: govmomi's import model (1 VMCI and
# sound, 23 USB, 24 video), plus 20 (SATA, NVMe) and 21 (serial ports) as VMware's and
# vSphere appliance vendors' exports in tests/data write them
DEVICES = frozenset({1, CPU, MEMORY, IDE, SCSI, NIC, FLOPPY, CD, DISK, SATA, 21, 23, 24})
DISK_CONTROLLERS = (IDE, SCSI, SATA)
_VMX = re.compile(r"vmx-0*(\d+)\Z")

rules = RuleSet("VSPHERE")


def vmx_versions(families: list[str]) -> list[int]:
    return [int(m.group(1)) for f in families if (m := _VMX.match(f))]


@rules.rule(
    1,
    "Hardware family is not a VMware one",
    E,
    "vSphere errors in owncloud-archive/vm#53, cyphonmdr/cyphon#176; " + HW_VERSIONS,
    "vSphere deploys only the vmx-N hardware families of its hardware-version table and refuses "
    "any other VirtualSystemType ('Unsupported hardware family virtualbox-2.2'). A type may list "
    "several families; one vmx-N entry is enough. `ovfmodel port --target vsphere` adds one.",
)
def hardware_family(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for hw in vs.hardware:
            if hw.system_type and not vmx_versions(hw.families):
                yield Finding(
                    f"unsupported hardware family {hw.system_type!r}: vSphere needs a vmx-N "
                    "family in vssd:VirtualSystemType",
                    hw.el,
                    hw.path,
                )


@rules.rule(
    2,
    "Hardware family newer than any ESXi release",
    E,
    "vSphere error in librenms/packer-builds#36; " + HW_VERSIONS,
    f"Every vmx-N family listed is newer than vmx-{NEWEST} ({FIRST_ESXI[NEWEST]}), the newest "
    "hardware version in VMware's table; hosts refuse families they do not know ('Unsupported "
    "hardware family vmx-20' on ESXi 7.0.3).",
)
def hardware_too_new(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for hw in vs.hardware:
            versions = vmx_versions(hw.families)
            if versions and min(versions) > NEWEST:
                yield Finding(
                    f"hardware family {hw.system_type!r} is newer than vmx-{NEWEST}, the newest "
                    "in VMware's hardware-version table",
                    hw.el,
                    hw.path,
                )


@rules.rule(
    3,
    "Oldest ESXi release that accepts the hardware family",
    INFO,
    HW_VERSIONS,
    "The oldest ESXi release that runs the oldest vmx-N family listed; older hosts refuse the "
    "package ('Unsupported hardware family').",
)
def oldest_host(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for hw in vs.hardware:
            known = [v for v in vmx_versions(hw.families) if v in FIRST_ESXI]
            if known:
                low = min(known)
                yield Finding(f"vmx-{low} deploys on {FIRST_ESXI[low]} and later", hw.el, hw.path)


@rules.rule(
    4,
    "IDE controller with a ResourceSubType",
    E,
    "vSphere 6.7 error in inverse-inc/packetfence#5522",
    "vSphere has one IDE controller model and accepts no ResourceSubType on it: VirtualBox's "
    "'PIIX4' is refused (\"Value 'PIIX4' of ResourceSubType element not found in []\"). "
    "`port` removes the subtype.",
)
def ide_subtype(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for it in vs.items:
            if it.rt == IDE and it.subtype:
                yield at(it, f"IDE controller ResourceSubType {it.subtype!r} is not accepted")


@rules.rule(
    5,
    "Unknown SCSI controller type",
    E,
    "vSphere error in siderolabs/talos#3515; " + GOVMOMI,
    "A parallel SCSI controller (ResourceType 6) must name one of vSphere's SCSI controllers: "
    "lsilogic, buslogic, lsilogicsas or VirtualSCSI (paravirtual; which ones a guest may use "
    "depends on its guest OS and hardware version).",
)
def scsi_subtype(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for it in vs.items:
            if it.rt == SCSI and not any(s.lower() in SCSI_TYPES for s in it.subtypes):
                yield at(
                    it,
                    f"SCSI controller ResourceSubType {shown(it.subtype, '(none)')} is none of lsilogic, "
                    "buslogic, lsilogicsas, VirtualSCSI",
                )


@rules.rule(
    6,
    "Other storage controller is not SATA (AHCI) or NVMe",
    E,
    GOVMOMI + "; VMware exports in tests/data",
    "vSphere writes and reads SATA controllers as ResourceType 20 'vmware.sata.ahci' and NVMe "
    "controllers as 'vmware.nvme.controller'; other subtypes are not a vSphere device. `port` "
    "renames VirtualBox's 'AHCI' and 'NVMe'.",
)
def sata_subtype(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for it in vs.items:
            if it.rt == SATA and not any(s.lower() in SATA_TYPES.values() for s in it.subtypes):
                yield at(
                    it,
                    f"storage controller ResourceSubType {it.subtype!r} is neither "
                    "vmware.sata.ahci nor vmware.nvme.controller",
                )


@rules.rule(
    7,
    "Unknown network adapter type",
    E,
    GOVMOMI,
    "An Ethernet adapter's ResourceSubType must be one of vSphere's virtual NICs: E1000, "
    "E1000e, PCNet32, Vmxnet, Vmxnet2, VmxNet3, Vmxnet3Vrdma, SriovEthernetCard (compared "
    "without case). 'virtio' and other hypervisors' models have no vSphere device.",
)
def nic_subtype(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for it in vs.items:
            if it.rt == NIC and it.subtype and not any(s.lower() in NIC_TYPES for s in it.subtypes):
                yield at(it, f"network adapter ResourceSubType {it.subtype!r} is not a vSphere NIC")


@rules.rule(
    8,
    "Drive attached to something that is not a disk controller",
    E,
    "vSphere errors in siderolabs/talos#3515, vmware/open-vmdk#21",
    "A disk or CD drive's Parent must be the InstanceID of an IDE, SCSI, SATA or NVMe "
    "controller item (\"Value '3' of Parent element does not refer to a ref of type "
    'DiskControllerReference").',
)
def drive_parent(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for hw in vs.hardware:
            for it in hw.items:
                if it.rt not in (DISK, CD, DVD) or it.parent is None:
                    continue
                parent = hw.by_iid(it.parent)
                if parent is None or parent.rt not in DISK_CONTROLLERS:
                    yield at(
                        it,
                        f"Parent {it.parent!r} is not a disk controller of this hardware section",
                    )


@rules.rule(
    9,
    "More than one CPU or memory item for one configuration",
    E,
    "vSphere error in vmware/open-vmdk#21",
    "Each deployment option may have one Processor and one Memory item; vSphere refuses more "
    "(\"Multiple 'memory' elements are not allowed\"). Give each its ovf:configuration.",
)
def one_cpu_memory(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for rt, what in ((CPU, "Processor"), (MEMORY, "Memory")):
            for group in simultaneous((it for it in vs.items if it.rt == rt), configs(d)):
                if len(group) > 1:
                    yield at(group[1], f"a second {what} item applies to the same configuration")
                    break


@rules.rule(
    10,
    "OVF 2 StorageItem or EthernetPortItem",
    E,
    "VMware OVF import error in BlackArch/blackarch#1937",
    "VMware's OVF import knows the OVF 1 Item only: StorageItem and EthernetPortItem (OVF 2, "
    "SASD/EPASD) are 'Unsupported element'. Write disks and NICs as Item.",
)
def ovf2_items(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for it in vs.items:
            if it.kind != "Item":
                yield at(it, f"{it.kind} is not supported by VMware's OVF import")


@rules.rule(
    11,
    "XenServer configuration elements",
    E,
    "VMware OVF import error in xcp-ng/xenadmin#202",
    "XenServer's xenovf:VirtualSystemOtherConfigurationData elements in a VirtualHardwareSection "
    "are 'Unsupported element' to VMware's OVF import. `port` removes them (they configure "
    "XenServer only).",
)
def xen_elements(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for hw in vs.hardware:
            for el in hw.vendor:
                if ns_of(el.tag) == XEN_NS:
                    yield Finding(
                        "XenServer element is not supported by VMware's OVF import",
                        el,
                        hw.path,
                    )


@rules.rule(
    12,
    "Required item of a type vSphere has no device for",
    E,
    GOVMOMI,
    "vSphere makes devices of resource types 1 (VMCI, sound), 3, 4, 5, 6, 10, 14, 15, 17, 20, "
    "21, 23 and 24; a required item of another type (16 DVD, 19 storage extent, 35 sound) is "
    "an unsupported device "
    '(OvfUnsupportedType). Mark it ovf:required="false" if the appliance runs without it.',
)
def unsupported_device(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for it in vs.items:
            if it.required and it.rt is not None and it.rt not in DEVICES:
                yield at(it, f"vSphere has no device for resource type {it.rt}")


@rules.rule(
    13,
    "Optional item of a type vSphere has no device for",
    INFO,
    GOVMOMI,
    'An item marked ovf:required="false" of a resource type vSphere makes no device of is skipped.',
)
def skipped_device(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for it in vs.items:
            if not it.required and it.rt is not None and it.rt not in DEVICES:
                yield at(it, f"optional resource type {it.rt} is skipped")


@rules.rule(
    14,
    "vmw:ExtraConfig settings",
    INFO,
    EXTRA,
    "vmw:ExtraConfig entries go into the virtual machine's .vmx under the restrictions of the "
    "vSphere API's extraConfig: keys other configuration properties set are not accepted.",
)
def extra_config(d: Descriptor) -> Iterator[Finding]:
    for vs in d.systems:
        for hw in vs.hardware:
            found = [
                el for el in hw.vendor if el.tag == "{http://www.vmware.com/schema/ovf}ExtraConfig"
            ]
            found += [
                el
                for it in hw.items
                for el in it.vendor
                if el.tag == "{http://www.vmware.com/schema/ovf}ExtraConfig"
            ]
            if found:
                yield Finding(
                    f"{len(found)} vmw:ExtraConfig entries are applied as .vmx settings",
                    found[0],
                    hw.path,
                )


VMDK_FORMATS = frozenset(
    {
        "http://www.vmware.com/interfaces/specifications/vmdk.html#streamoptimized",
        "http://www.vmware.com/specifications/vmdk.html#sparse",
        "http://www.vmware.com/specifications/vmdk.html#compressed",
        "http://www.vmware.com/interfaces/specifications/vmdk.html#compressed",
    }
)


@rules.rule(
    15,
    "Disk format that is not a VMware VMDK",
    E,
    "ESXi error in ilbers/isar#106",
    "A Disk's ovf:format must name a VMware VMDK format (the streamOptimized URI "
    "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized, or the sparse "
    "and compressed ones); ESXi refuses other values ('Not supported value ... for attribute "
    "format of element disk'): a VHD, a raw image or a VMDK URI without its variant.",
)
def disk_format(d: Descriptor) -> Iterator[Finding]:
    for disk in d.disks:
        if (disk.format or "").lower() not in VMDK_FORMATS:
            yield at(disk, f"disk format {disk.format!r} is not a VMware VMDK format")


@rules.rule(
    16,
    "Compressed disk files",
    W,
    "vSphere Client 6.5 errors in EMCECS/ECS-CommunityEdition#329, sexibytes/sexilog#49",
    "The vSphere Client's Deploy OVF Template refuses packages whose Files are gzip-compressed "
    "('OVF package with compressed disks is currently not supported'), while ovftool, which "
    "writes them (--compress), reads them: deploy with ovftool or store the images "
    "uncompressed. A warning, since one of vSphere's importers takes the package.",
)
def compressed(d: Descriptor) -> Iterator[Finding]:
    for f in d.files:
        if f.compression and f.compression.lower() != "identity":
            yield Finding(
                f"file is {f.compression}-compressed: the vSphere Client refuses it, ovftool "
                "reads it",
                f.el,
                f.path,
            )


# --- what vSphere makes of the package -----------------------------------------------------


def read(d: Descriptor) -> list[Machine]:
    """One VM per VirtualSystem (collections become vApps); the default configuration's items.
    The VM is named by Name, else by ovf:id (govmomi ovf/importer/importer.go)."""
    from .summary import DiskView, Machine, NicView  # pydantic, for summaries alone

    machines = []
    config = d.default_configuration()
    for vs in d.systems:
        m = Machine(source=vs.path, name=vs.name or vs.id)
        hw = vs.hardware[0] if vs.hardware else None
        if hw is None:
            machines.append(m)
            continue
        for it in hw.items:
            if not it.in_config(config):
                continue
            if it.rt == CPU:
                m.cpus = it.quantity
            elif it.rt == MEMORY:
                m.memory_mib = memory_mib(it)
            elif it.rt == DISK:
                disk = d.disk(host_disk_id(it.hosts[0])) if it.hosts else None
                parent = hw.by_iid(it.parent)
                ctrl = None if parent is None else _controller(parent.rt, parent.subtype)
                m.disks.append(
                    DiskView(
                        disk_id=None if disk is None else disk.id,
                        file=_href(d, disk),
                        controller=ctrl,
                        size_bytes=None if disk is None else disk_bytes(disk),
                    )
                )
            elif it.rt == NIC:
                net = it.connections[0] if it.connections else None
                m.nics.append(NicView(network=net, model=it.subtype))
        m.os = (
            None
            if vs.os_el is None
            else vs.os_el.get("{http://www.vmware.com/schema/ovf}osType") or vs.os_id
        )
        m.properties = [p.key for p in vs.properties if p.key]
        m.notes.append(f"hardware family {hw.system_type or 'not given'}")
        machines.append(m)
    return machines


def _controller(rt: int | None, subtype: str | None) -> str | None:
    names = {IDE: "IDE", SCSI: "SCSI", SATA: "SATA"}
    base = names.get(rt or 0)
    return f"{base} {subtype}" if base and subtype else base


def _href(d: Descriptor, disk: object) -> str | None:
    file_ref = getattr(disk, "file_ref", None)
    found = d.file(file_ref)
    return None if found is None else found.href


# --- port ----------------------------------------------------------------------------------


def port(doc: OvfDocument) -> list[edits.Change]:
    from . import edits  # the typed model: loaded to port, not to check

    changes: list[edits.Change] = []
    for _, hw, hpath in edits.hardware(doc):
        system = hw.system
        vst = None if system is None else system.virtual_system_type
        families = re.split(r"[\s,]+", edits.text(vst) or "")
        if vst is not None and families != [""] and not vmx_versions([f for f in families if f]):
            old = edits.text(vst)
            vst.value = f"{PORT_FAMILY} {old}"
            changes.append(
                edits.Change(
                    hpath, f"VirtualSystemType {old!r} -> {vst.value!r}", code="VSPHERE001"
                )
            )
        kept = [el for el in hw.other_element if not _is_xen(el)]
        if len(kept) != len(hw.other_element):
            removed = len(hw.other_element) - len(kept)
            hw.other_element[:] = kept
            changes.append(
                edits.Change(
                    hpath, f"{removed} XenServer configuration elements removed", code="VSPHERE011"
                )
            )
    for found in edits.items(doc):
        rt, subtype = found.rt, found.subtype
        if rt == IDE and subtype:
            changes.append(_coded(edits.set_subtype(found, None), "VSPHERE004"))
        elif rt == DVD:
            changes.append(_coded(edits.dvd_as_cd(found), "VSPHERE012"))
        elif rt == SATA and subtype and subtype.lower() in SATA_TYPES:
            wanted = SATA_TYPES[subtype.lower()]
            if wanted != subtype:
                changes.append(_coded(edits.set_subtype(found, wanted), "VSPHERE006"))
        elif rt == SCSI and subtype and subtype.lower() in SCSI_TYPES:
            wanted = SCSI_TYPES[subtype.lower()]
            if wanted != subtype:
                changes.append(_coded(edits.set_subtype(found, wanted), "VSPHERE005"))
    return changes


def _is_xen(el: object) -> bool:
    qname = getattr(el, "qname", None)
    return isinstance(qname, str) and qname.startswith("{" + XEN_NS + "}")


def _coded(change: edits.Change, code: str) -> edits.Change:
    change.code = code
    return change


TARGET = Target(
    name="vsphere",
    title="VMware vSphere (ESXi, vCenter, ovftool)",
    rules=rules,
    sources=(
        Source("Broadcom", "vSphere Automation API: Hardware.Version, Ovf ExtraConfig", "2026"),
        Source(
            "vmware/govmomi",
            "object/virtual_device_list.go, simulator/ovf_manager.go, ovf/importer/importer.go",
            "fd06160 (2026-08-21)",
        ),
        Source("public issue trackers", "error messages quoted per rule", "2015-2024"),
    ),
    read=read,
    port=port,
    summary=(
        "Deploys every VirtualSystem (collections become vApps) with the default deployment "
        "option, names the VM by Name (else ovf:id), reads CPUs, memory with its units, IDE, "
        "SCSI, SATA and NVMe controllers by ResourceSubType, disks, CD and floppy drives, NICs "
        "with their network, ProductSection properties (vApp options) and vmw: extensions."
    ),
    ignores=("OVF 2 StorageItem/EthernetPortItem (refused)", "other hypervisors' vendor elements"),
    port_changes=(
        "adds vmx-13 in front of a VirtualSystemType that lists no vmx-N family (VSPHERE001)",
        "removes the ResourceSubType of IDE controllers (VSPHERE004)",
        "writes SATA 'AHCI' as vmware.sata.ahci and 'NVMe' as vmware.nvme.controller (VSPHERE006)",
        "writes SCSI subtypes in vSphere's spelling (lsilogic, buslogic, lsilogicsas, "
        "VirtualSCSI) (VSPHERE005)",
        "removes xenovf:VirtualSystemOtherConfigurationData (VSPHERE011)",
        "writes DVD drives (16) as CD drives (15), vSphere's CD/DVD drive (VSPHERE012)",
    ),
)
