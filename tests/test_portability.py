"""Target rules (ovfmodel.portability): each rule on a small descriptor that shows the importer
behaviour it predicts, the base descriptor clean for every target, and the real vendor files."""

from __future__ import annotations

import pytest
from portability_fixtures import (
    CPU,
    DISK,
    DISKS,
    FILES,
    ITEMS,
    MEMORY,
    NIC,
    OVF2,
    SCSI,
    descriptor,
    item,
    replace,
)

from ovfmodel import portability
from ovfmodel.diagnostics import CATALOG, Severity
from ovfmodel.portability.reading import Descriptor
from ovfmodel.validation import validate
from ovfmodel.validation.source import SourceDoc

ALL = list(portability.TARGETS)
# infos the base descriptor gets: facts about it, not problems
BASE_INFOS = {"VSPHERE003", "XEN013", "PVE010", "V2V015"}
VMW_CONFIG = '<vmw:Config ovf:required="false" vmw:key="firmware" vmw:value="{}"/>'
SATA = item(20, "6", ResourceSubType="{}")
CD_ON = item(15, "7", Parent="{}", AddressOnParent="1")
IDE = item(5, "8", Address="0")
CONFIGS = (
    '<DeploymentOptionSection><Info>c</Info><Configuration ovf:id="small" ovf:default="true">'
    "<Label>s</Label><Description>s</Description></Configuration>"
    '<Configuration ovf:id="large"><Label>l</Label><Description>l</Description>'
    "</Configuration></DeploymentOptionSection>"
)
PRODUCT = (
    '<ProductSection><Info>p</Info><Product>app</Product><Property ovf:key="ip" '
    'ovf:type="string" ovf:userConfigurable="true"/></ProductSection>'
)
TWO_CPUS = [
    item(3, "1", attrs=' ovf:configuration="small"', VirtualQuantity="2"),
    item(3, "11", attrs=' ovf:configuration="large"', VirtualQuantity="8"),
    MEMORY,
    SCSI,
    DISK,
    NIC,
]
TWO_MEMORY = [
    CPU,
    item(
        4,
        "2",
        attrs=' ovf:configuration="small"',
        AllocationUnits="byte * 2^20",
        VirtualQuantity="1024",
    ),
    item(
        4,
        "12",
        attrs=' ovf:configuration="large"',
        AllocationUnits="byte * 2^20",
        VirtualQuantity="4096",
    ),
    SCSI,
    DISK,
    NIC,
]
GIB_MEMORY = replace(MEMORY, item(4, "2", AllocationUnits="byte * 2^30", VirtualQuantity="4"))
SECOND_SCSI_DISK = [
    *ITEMS,
    item(6, "13", ResourceSubType="lsilogic", Address="1"),
    item(17, "14", Parent="13", AddressOnParent="0", HostResource="ovf:/disk/vmdisk2"),
]
TWO_DISKS = DISKS + (
    f'<Disk ovf:diskId="vmdisk2" ovf:fileRef="file2" ovf:capacity="1" '
    f'ovf:capacityAllocationUnits="byte * 2^30" ovf:format="{DISKS.split("format=")[1][1:-3]}"/>'
)
TWO_FILES = FILES + '<File ovf:id="file2" ovf:href="disk2.vmdk"/>'
TWO_IDE_DISKS = [
    CPU,
    MEMORY,
    item(5, "3", Address="0"),
    item(5, "13", Address="1"),
    item(17, "4", Parent="3", AddressOnParent="0", HostResource="ovf:/disk/vmdisk1"),
    item(17, "14", Parent="13", AddressOnParent="0", HostResource="ovf:/disk/vmdisk2"),
    NIC,
]
DISK_ON = item(17, "4", Parent="3", AddressOnParent="0", HostResource="{}")
BLANK = DISKS.replace('ovf:fileRef="file1" ', "")
SUBSTRING_DISKS = DISKS + DISKS.replace("vmdisk1", "vmdisk10").replace("file1", "file10")
SUBSTRING_FILES = FILES + FILES.replace("file1", "file10").replace("disk1.vmdk", "disk10.vmdk")
NINE_NICS = [
    *ITEMS,
    *(item(10, f"2{n}", ResourceSubType="E1000", Connection="NAT") for n in range(8)),
]

# (code, the changed descriptor): the rule reports it, and the base descriptor does not
CASES: list[tuple[str, bytes]] = [
    # vSphere
    ("VSPHERE001", descriptor(system_type="virtualbox-2.2")),
    ("VSPHERE002", descriptor(system_type="vmx-22")),
    ("VSPHERE004", descriptor(items=[*ITEMS, item(5, "8", ResourceSubType="PIIX4")])),
    ("VSPHERE005", descriptor(items=replace(SCSI, item(6, "3", ResourceSubType="virtio-scsi")))),
    ("VSPHERE006", descriptor(items=[*ITEMS, SATA.format("AHCI")])),
    ("VSPHERE007", descriptor(items=replace(NIC, item(10, "5", ResourceSubType="virtio", Connection="NAT")))),
    ("VSPHERE008", descriptor(items=replace(DISK, DISK.replace("<rasd:Parent>3", "<rasd:Parent>2")))),
    ("VSPHERE009", descriptor(items=[*ITEMS, item(4, "9", AllocationUnits="byte * 2^20", VirtualQuantity="2048")])),
    ("VSPHERE010", descriptor(ns=OVF2, version="2.0", items=replace(NIC, NIC.replace("Item", "EthernetPortItem")))),
    ("VSPHERE011", descriptor(hw_extra='<xenovf:VirtualSystemOtherConfigurationData Name="platform"><xenovf:Value>x</xenovf:Value></xenovf:VirtualSystemOtherConfigurationData>')),
    ("VSPHERE012", descriptor(items=[*ITEMS, item(19, "9")])),
    ("VSPHERE013", descriptor(items=[*ITEMS, item(19, "9", attrs=' ovf:required="false"')])),
    ("VSPHERE014", descriptor(hw_extra='<vmw:ExtraConfig ovf:required="false" vmw:key="a" vmw:value="b"/>')),
    ("VSPHERE015", descriptor(disks=DISKS.replace("#streamOptimized", "#"))),
    ("VSPHERE016", descriptor(files=FILES.replace("/>", ' ovf:compression="gzip"/>'))),
    # VirtualBox
    ("VBOX001", descriptor(disks=DISKS.replace('ovf:capacity="1"', 'ovf:capacity="${size}"'))),
    ("VBOX002", descriptor(files='<File ovf:id="other" ovf:href="x.vmdk"/>')),
    ("VBOX003", descriptor(items=replace(MEMORY, item(4, "2", AllocationUnits="byte*2^20", VirtualQuantity="1024")))),
    ("VBOX004", descriptor(items=[*ITEMS, SATA.format("LsiLogicSATA")])),
    ("VBOX005", descriptor(items=[*ITEMS, item(16, "9")])),
    ("VBOX006", descriptor(items=[*ITEMS, item(5, "").replace("<rasd:InstanceID></rasd:InstanceID>", "")])),
    ("VBOX007", descriptor(items=[*ITEMS, CD_ON.format("42")])),
    ("VBOX008", descriptor(items=replace(DISK, DISK_ON.format("ovf:/disk/nothere")))),
    ("VBOX009", descriptor(os_id="linux")),
    ("VBOX010", descriptor(disks=DISKS.replace(DISKS.split('ovf:format="')[1].split('"')[0], "http://go.microsoft.com/fwlink/?LinkId=137171"))),
    ("VBOX011", descriptor(items=SECOND_SCSI_DISK, disks=TWO_DISKS, files=TWO_FILES)),
    ("VBOX012", descriptor(items=[*ITEMS, item(6, "13", ResourceSubType="lsilogic")])),
    ("VBOX013", descriptor(items=replace(NIC, item(10, "5", ResourceSubType="VmxNet3", Connection="NAT")))),
    ("VBOX014", descriptor(items=replace(NIC, item(10, "5", ResourceSubType="E1000", Connection="VM Network")))),
    ("VBOX015", descriptor(items=NINE_NICS)),
    ("VBOX016", descriptor(items=TWO_CPUS, env_extra=CONFIGS)),
    ("VBOX017", descriptor(vs_extra=PRODUCT)),
    ("VBOX018", descriptor(items=[*ITEMS, item(17, "9", Parent="3", AddressOnParent="1", HostResource="ovf:/disk/vmdisk1")])),
    ("VBOX019", descriptor(vs_extra='<vbox:Machine ovf:required="false" version="1.16"/>')),
    # Proxmox VE
    ("PVE001", descriptor(ns=OVF2, version="2.0")),
    ("PVE002", descriptor(collection=1)),
    ("PVE003", descriptor(items=TWO_CPUS, env_extra=CONFIGS)),
    ("PVE004", descriptor(items=GIB_MEMORY)),
    ("PVE005", descriptor(items=replace(DISK, DISK_ON.format("ovf:/disk/a b")))),
    ("PVE006", descriptor(items=replace(DISK, DISK.replace("<rasd:Parent>3", "<rasd:Parent>5")))),
    ("PVE007", descriptor(files=FILES.replace("disk1.vmdk", "images/disk1.vmdk"))),
    ("PVE008", descriptor(items=TWO_IDE_DISKS, disks=TWO_DISKS, files=TWO_FILES)),
    ("PVE009", descriptor(items=replace(NIC, item(10, "5", ResourceSubType="virtio", Connection="NAT")))),
    ("PVE011", descriptor(vs_extra=PRODUCT)),
    ("PVE012", descriptor(items=[*ITEMS, IDE, CD_ON.format("8")])),
    ("PVE013", descriptor(os_id="1")),
    ("PVE014", descriptor(hw_extra=VMW_CONFIG.format("efi"))),
    ("PVE015", descriptor(files=FILES.replace("disk1.vmdk", "disk1.vhd"))),
    ("PVE016", descriptor(disks=DISKS.replace(' ovf:capacityAllocationUnits="byte * 2^30"', ""))),
    # virt-v2v
    ("V2V001", descriptor(ns=OVF2, version="2.0")),
    ("V2V002", descriptor(collection=1)),
    ("V2V003", descriptor(items=replace(DISK, DISK_ON.format("ovf:/file/file1")))),
    ("V2V004", descriptor(disks=BLANK)),
    ("V2V005", descriptor(files=FILES.replace("/>", ' ovf:compression="xz"/>'))),
    ("V2V006", descriptor(hw_extra=VMW_CONFIG.format("uefi"))),
    ("V2V007", descriptor(items=GIB_MEMORY)),
    ("V2V008", descriptor(items=TWO_MEMORY, env_extra=CONFIGS)),
    ("V2V009", descriptor(items=replace(CPU, item(3, "1", VirtualQuantity="2", vendor="<vmw:CoresPerSocket ovf:required=\"false\">4</vmw:CoresPerSocket>")))),
    ("V2V010", descriptor(items=replace(DISK, DISK.replace("<rasd:Parent>3", "<rasd:Parent>2")))),
    ("V2V011", descriptor(items=replace(NIC, item(10, "5", ResourceSubType="E1000")))),
    ("V2V012", descriptor(vs_extra=PRODUCT)),
    ("V2V013", descriptor(files=FILES.replace("disk1.vmdk", "../disk1.vmdk"))),
    ("V2V014", descriptor(name=None)),
    # XenServer
    ("XEN001", descriptor(ns=OVF2, version="2.0")),
    ("XEN002", descriptor(system_type="vmx-19")),
    ("XEN003", descriptor(version="1.1.0")),
    ("XEN004", descriptor(files=FILES.replace("disk1.vmdk", "disk1.qcow2"))),
    ("XEN005", descriptor(items=replace(MEMORY, item(4, "2", VirtualQuantity="1024")))),
    ("XEN006", descriptor(items=TWO_MEMORY, env_extra=CONFIGS)),
    ("XEN007", descriptor(items=[*ITEMS, item(23, "9")])),
    ("XEN008", descriptor(items=replace(NIC, item(10, "5", ResourceSubType="E1000", Connection="lan")))),
    ("XEN009", descriptor(items=replace(DISK, DISK_ON.format("ovf:/disk/vmdisk10")), disks=SUBSTRING_DISKS, files=SUBSTRING_FILES)),
    ("XEN010", descriptor(collection=2)),
    ("XEN011", descriptor(files=FILES.replace("/>", ' ovf:compression="xz"/>'))),
    ("XEN012", descriptor(vs_extra=PRODUCT)),
    ("XEN014", descriptor(items=replace(CPU, item(3, "1", VirtualQuantity="0")))),
    ("XEN015", descriptor(vs_extra='<VirtualHardwareSection><Info>x</Info><System><vssd:ElementName>x</vssd:ElementName><vssd:InstanceID>9</vssd:InstanceID><vssd:VirtualSystemType>xen-3.0-x64</vssd:VirtualSystemType></System></VirtualHardwareSection>')),
]  # fmt: skip
# rules whose behaviour the base descriptor itself shows (all infos): tested on it
BASE_CASES = {"VSPHERE003", "XEN013", "PVE010", "V2V015"}


def target_codes(data: bytes, targets: list[str] | None = None) -> list[str]:
    report = validate(data, targets=targets or ALL, xsd=False)
    return [d.code for d in report.diagnostics if not d.code.startswith("OVF")]


def test_base_descriptor_imports_as_described_everywhere() -> None:
    report = validate(descriptor(), targets=ALL)
    assert report.ok
    found = {d.code for d in report.diagnostics}
    assert found == BASE_INFOS, found
    assert all(d.severity is Severity.INFO for d in report.diagnostics)


@pytest.mark.parametrize(("code", "data"), CASES, ids=[c for c, _ in CASES])
def test_rule_reports_the_behaviour_it_predicts(code: str, data: bytes) -> None:
    rule = CATALOG[code]
    report = validate(data, targets=ALL, xsd=False)
    found = [d for d in report.diagnostics if d.code == code]
    assert found, f"{code} not reported; got {target_codes(data)}"
    d = found[0]
    assert d.severity is rule.severity and d.spec == rule.spec
    assert d.location.line is not None and d.location.path
    assert code not in target_codes(descriptor())


def test_every_target_rule_has_a_case() -> None:
    cased = {c for c, _ in CASES} | BASE_CASES
    for target in portability.TARGETS.values():
        codes = [rule.code for rule, _ in target.rules.checks]
        assert len(codes) >= 10, target.name
        assert set(codes) <= cased, sorted(set(codes) - cased)


def test_errors_are_what_the_importer_refuses() -> None:
    """The error rules of each target, on their cases, make the report fail; warnings do not."""
    for code, data in CASES:
        rule = CATALOG[code]
        report = validate(data, targets=[code_target(code)], xsd=False, select=[code])
        assert report.ok is (rule.severity is not Severity.ERROR), code


def code_target(code: str) -> str:
    prefix = code.rstrip("0123456789")
    return next(n for n, t in portability.TARGETS.items() if t.rules.prefix == prefix)


def test_selection_and_unknown_targets() -> None:
    data = descriptor(system_type="virtualbox-2.2")
    assert validate(data, targets="vsphere", select="VSPHERE001").codes() == ["VSPHERE001"]
    assert "VSPHERE001" not in validate(data, targets=["vsphere"], ignore="VSPHERE").codes()
    assert "VSPHERE001" not in validate(data).codes()  # no targets: DSP0243 rules only
    assert validate(data, targets="all").codes() == validate(data, targets=ALL).codes()
    from ovfmodel.errors import OvfError

    with pytest.raises(OvfError, match="unknown target 'hyperv'"):
        validate(data, targets=["hyperv"])


def test_proxmox_joins_the_values_of_several_items() -> None:
    """PVE003's prediction, on the real VMware export with two deployment options."""
    from pathlib import Path

    path = Path(__file__).parent / "data" / "vmware-ovftool-appliance.ovf"
    src = SourceDoc.load(path.read_bytes(), str(path))
    summary = portability.summarize(src, "proxmox")
    (vm,) = summary.machines
    assert vm.cpus == 24 and vm.memory_mib == 40968192  # 2|4 CPUs, 4096|8192 MiB, joined
    assert "PVE003" in validate(path, targets="proxmox").codes()


def test_descriptor_reading_is_robust_to_hostile_values() -> None:
    data = descriptor(
        items=[item(3, "1", VirtualQuantity="9" * 5000), item(4, "2", VirtualQuantity="-x")],
        disks='<Disk ovf:diskId="" ovf:capacity="1e999"/>',
        files='<File ovf:href=""/>',
    )
    d = Descriptor(SourceDoc.load(data, "x"))
    assert d.systems[0].items[0].quantity is None
    for target in ALL:
        portability.summarize(SourceDoc.load(data, "x"), target)
    validate(data, targets=ALL)


def test_targets_doc_is_up_to_date() -> None:
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "tools"))
    import gen_targets_doc

    doc = root / "docs" / "targets.md"
    assert doc.read_text(encoding="utf-8") == gen_targets_doc.render(), (
        "docs/targets.md is stale: run python tools/gen_targets_doc.py"
    )
    for target in portability.TARGETS.values():
        for rule, _ in target.rules.checks:
            assert f"### {rule.code}" in doc.read_text(encoding="utf-8")
