"""Issue 13: edits of parsed descriptors change what they are about and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from editing import (
    DATA,
    VENDOR,
    check_edit,
    either,
    item_of_type,
    named,
    qcow2_image,
    vmdk_image,
)

import ovfmodel
from ovfmodel import model
from ovfmodel.cim import DiskFormat, OsType
from ovfmodel.edit import Editor, read_disk_image
from ovfmodel.errors import EditError, OvfError

VMWARE = DATA / "vmware-ovftool-appliance.ovf"
CISCO = DATA / "cisco-appliance-deployment-options.ovf"
OVF2 = DATA / "generic-ovf20-storage-ethernet-items.ovf"
GIB = 2**30


def _quantity(doc: ovfmodel.OvfDocument, rtype: int, configuration: str | None) -> list[int]:
    """VirtualQuantity of the Items of a type a configuration deploys."""
    vs = model.virtual_systems(doc)[0]
    found = []
    for item in model.items(vs):
        kind = model.cim(item.resource_type)
        if kind is None or int(kind.value) != rtype:
            continue
        names = (item.configuration or "").split()
        if configuration is None or not names or configuration in names:
            quantity = model.cim(item.virtual_quantity)
            assert quantity is not None
            found.append(int(quantity))
    return found


@pytest.mark.parametrize("path", VENDOR, ids=lambda p: p.name)
def test_set_cpus_everywhere(path: Path) -> None:
    doc, _ = check_edit(path, lambda ed: ed.set_cpus(6), item_of_type(3))
    assert set(_quantity(doc, 3, None)) == {6}


@pytest.mark.parametrize("path", VENDOR, ids=lambda p: p.name)
def test_set_memory_everywhere(path: Path) -> None:
    doc, _ = check_edit(path, lambda ed: ed.set_memory("6GiB"), item_of_type(4))
    vs = model.virtual_systems(doc)[0]
    for item in model.items(vs):
        kind = model.cim(item.resource_type)
        if kind is not None and int(kind.value) == 4:
            units = model.cim(item.allocation_units) or "byte"
            quantity = model.cim(item.virtual_quantity)
            assert quantity is not None
            assert quantity * ovfmodel.cim.parse_allocation_units(units) == 6 * GIB


@pytest.mark.parametrize("path", [VMWARE, CISCO], ids=lambda p: p.name)
def test_set_cpus_for_one_configuration(path: Path) -> None:
    before = ovfmodel.parse(path)
    configs = Editor(before).configurations()
    target = configs[-1]
    doc, _ = check_edit(path, lambda ed: ed.set_cpus(12, configuration=target), item_of_type(3))
    assert _quantity(doc, 3, target) == [12]
    for other in configs[:-1]:
        assert _quantity(doc, 3, other) == _quantity(before, 3, other)


def test_set_cpus_splits_an_item_shared_by_configurations() -> None:
    # cisco's 1-CPU item is for one profile; an unconditional memory item is shared by all
    before = ovfmodel.parse(CISCO)
    configs = Editor(before).configurations()
    doc, _ = check_edit(
        CISCO, lambda ed: ed.set_memory(16384, configuration=configs[0]), item_of_type(4)
    )
    assert _quantity(doc, 4, configs[0]) == [16384]
    for other in configs[1:]:
        assert _quantity(doc, 4, other) == _quantity(before, 4, other)


def test_cores_per_socket_are_vmware_elements() -> None:
    _, out = check_edit(VMWARE, lambda ed: ed.set_cpus(8, cores_per_socket=4), item_of_type(3))
    assert out.count(b">4</vmw:CoresPerSocket>") >= 1
    with pytest.raises(EditError, match="cannot be split"):
        Editor(ovfmodel.parse(VMWARE)).set_cpus(6, cores_per_socket=4)


def test_quantities_outside_unsigned_long_are_refused() -> None:
    """VirtualQuantity is xs:unsignedLong: the builder's range check refuses larger counts."""
    doc = ovfmodel.parse(VMWARE)
    before = ovfmodel.serialize(doc)
    ed = Editor(doc)
    with pytest.raises(EditError, match=r"CPU quantity .* outside 1\.\.18446744073709551615"):
        ed.set_cpus(2**64)
    with pytest.raises(EditError, match=r"memory quantity .* outside 1\.\.18446744073709551615"):
        ed.set_memory(f"{2**64}MiB")
    with pytest.raises(EditError, match="outside"):
        ed.set_memory(2**70)
    assert ovfmodel.serialize(doc) == before
    ed.set_cpus(2**64 - 1)
    assert set(_quantity(doc, 3, None)) == {2**64 - 1}


@pytest.mark.parametrize("path", VENDOR, ids=lambda p: p.name)
def test_add_network_and_nic(path: Path) -> None:
    def edit(ed: Editor) -> None:
        ed.add_network("backend", description="Backend traffic")
        ed.add_nic("backend", subtype="virtio")

    doc, out = check_edit(path, edit, either(item_of_type(10), named("Network")))
    assert b"<rasd:Connection>backend</rasd:Connection>" in out
    assert [n.name for n in model.networks(doc)][-1] == "backend"


@pytest.mark.parametrize("path", VENDOR, ids=lambda p: p.name)
def test_rename_network_renames_every_connection(path: Path) -> None:
    old = model.networks(ovfmodel.parse(path))[0].name
    doc, _ = check_edit(
        path,
        lambda ed: ed.rename_network(old, "renamed-net"),
        either(named("Network", "Connection")),
    )
    ed = Editor(doc)
    assert ed.network_users(old) == []
    assert "renamed-net" in [n.name for n in model.networks(doc)]


def test_remove_network_refused_while_used_then_with_users() -> None:
    doc = ovfmodel.parse(VMWARE)
    before = ovfmodel.serialize(doc)
    with pytest.raises(EditError, match="is used by NIC"):
        Editor(doc).remove_network("VM Network")
    assert ovfmodel.serialize(doc) == before
    doc, out = check_edit(
        VMWARE,
        lambda ed: ed.remove_network("VM Network", with_users=True),
        either(named("Network"), item_of_type(10)),
    )
    assert b"VM Network</rasd:Connection>" not in out


def test_reconnect_and_retype_nic() -> None:
    def edit(ed: Editor) -> None:
        nic = ed.nics()[0]
        ed.set_nic(nic, network="Uplink", subtype="E1000")

    _, out = check_edit(VMWARE, edit, item_of_type(10))
    assert out.count(b"<rasd:Connection>Uplink</rasd:Connection>") == 2
    with pytest.raises(EditError, match="not declared"):
        Editor(ovfmodel.parse(VMWARE)).set_nic("10", network="nowhere")


@pytest.mark.parametrize("path", VENDOR, ids=lambda p: p.name)
def test_remove_nic(path: Path) -> None:
    nics = Editor(ovfmodel.parse(path)).nics()
    if not nics:
        pytest.skip("no NIC")
    doc, _ = check_edit(path, lambda ed: ed.remove_device(nics[0]), item_of_type(10))
    assert Editor(doc).nics() == nics[1:]


def test_serial_port_cdrom_controller() -> None:
    def edit(ed: Editor) -> None:
        ed.add_serial_port()
        ed.add_controller("sata")
        ed.add_cdrom(controller="sata0")

    doc, _ = check_edit(VMWARE, edit, item_of_type(15, 20, 21))
    ed = Editor(doc)
    sata = ed.add_controller("sata")
    with pytest.raises(EditError, match="--with-children"):
        # the first SATA controller holds the CD-ROM
        ed.remove_device(ed.find_controller(ed.hardware(), "sata0", ()).instance_id)
    ed.remove_device(model.cim(sata.instance_id))


def test_remove_controller_with_children() -> None:
    doc = ovfmodel.parse(VMWARE)
    ed = Editor(doc)
    scsi = ed.find_controller(ed.hardware(), "scsi0", ()).instance_id
    _, out = check_edit(
        VMWARE,
        lambda e: e.remove_device(scsi, with_children=True),
        item_of_type(6, 17),
    )
    assert b"<rasd:ResourceType>17</rasd:ResourceType>" not in out


@pytest.mark.parametrize(
    ("maker", "fmt"),
    [
        (lambda p: vmdk_image(p / "data.vmdk", 4 * GIB), DiskFormat.VMDK_STREAM_OPTIMIZED),
        (lambda p: vmdk_image(p / "data.vmdk", 4 * GIB, stream=False), DiskFormat.VMDK_SPARSE),
        (lambda p: qcow2_image(p / "data.qcow2", 4 * GIB), DiskFormat.QCOW2),
    ],
    ids=["vmdk-stream", "vmdk-sparse", "qcow2"],
)
def test_disk_image_headers(tmp_path: Path, maker: object, fmt: DiskFormat) -> None:
    assert callable(maker)
    path = maker(tmp_path)
    info = read_disk_image(path)
    assert (info.format, info.capacity, info.size) == (fmt, 4 * GIB, path.stat().st_size)


def test_raw_image_and_refusals(tmp_path: Path) -> None:
    raw = tmp_path / "disk.img"
    raw.write_bytes(b"\1" * 4096)
    assert read_disk_image(raw).capacity == 4096
    text = tmp_path / "desc.vmdk"
    text.write_text("# Disk DescriptorFile\nversion=1\n")
    with pytest.raises(EditError, match="descriptor file"):
        read_disk_image(text)
    with pytest.raises(EditError, match="cannot read"):
        read_disk_image(tmp_path / "missing.vmdk")
    vhd = tmp_path / "disk.vhd"
    vhd.write_bytes(b"conectix" + bytes(1024))  # a footer saying nothing usable
    with pytest.raises(EditError, match="VHD disk type 0"):
        read_disk_image(vhd)


# images made by qemu-img 7.2 (`qemu-img create -f vpc|vhdx|vdi`), gzipped; the capacities are
# what `qemu-img info -f FORMAT` says of them (a VHD's is rounded to its CHS geometry)
DISKS = Path(__file__).parent / "data" / "disks"
QEMU_IMAGES = [
    ("fixed.vhd.gz", DiskFormat.VHD, 3168256),
    ("dynamic.vhd.gz", DiskFormat.VHD, 5368946688),
    ("disk.vhdx.gz", DiskFormat.VHDX, 7 * GIB),
    ("disk.vdi.gz", DiskFormat.VDI, 9 * GIB),
]


def _unpacked(name: str, folder: Path) -> Path:
    import gzip

    out = folder / name.removesuffix(".gz")
    out.write_bytes(gzip.decompress((DISKS / name).read_bytes()))
    return out


@pytest.mark.parametrize(("name", "fmt", "capacity"), QEMU_IMAGES, ids=str)
def test_vhd_vhdx_and_vdi_images_give_their_capacity(
    tmp_path: Path, name: str, fmt: DiskFormat, capacity: int
) -> None:
    path = _unpacked(name, tmp_path)
    info = read_disk_image(path)
    assert (info.format, info.capacity, info.size) == (fmt, capacity, path.stat().st_size)


@pytest.mark.parametrize(
    ("name", "keep", "said"),
    [
        ("dynamic.vhd.gz", 40, "VHD footer is cut short"),
        ("disk.vhdx.gz", 200 * 1024, "VHDX metadata table is missing"),
        ("disk.vhdx.gz", 100 * 1024, "region table names no metadata region"),
        ("disk.vdi.gz", 300, "VDI header is cut short"),
    ],
)
def test_cut_images_are_refused_with_the_reason(
    tmp_path: Path, name: str, keep: int, said: str
) -> None:
    path = _unpacked(name, tmp_path)
    path.write_bytes(path.read_bytes()[:keep])
    with pytest.raises(EditError, match=said):
        read_disk_image(path)


@pytest.mark.parametrize(
    ("name", "patch"),
    [
        # VHD footer: disk type at 60 (big-endian), 4 = differencing; the dynamic disk's footer
        # is at the start and at the end
        ("dynamic.vhd.gz", lambda d: _set(_set(d, 60, b"\0\0\0\4"), len(d) - 452, b"\0\0\0\4")),
        ("disk.vdi.gz", lambda d: _set(d, 76, b"\4\0\0\0")),  # VDI image type 4: differencing
    ],
    ids=["vhd", "vdi"],
)
def test_differencing_images_are_refused(tmp_path: Path, name: str, patch: Any) -> None:
    path = _unpacked(name, tmp_path)
    path.write_bytes(patch(path.read_bytes()))
    with pytest.raises(EditError, match="differencing .* needs its parent"):
        read_disk_image(path)


def _set(data: bytes, offset: int, value: bytes) -> bytes:
    return data[:offset] + value + data[offset + len(value) :]


def test_add_a_vhdx_disk_through_the_cli(tmp_path: Path) -> None:
    import subprocess
    import sys

    image = _unpacked("disk.vhdx.gz", tmp_path)
    src = tmp_path / "vm.ovf"
    src.write_bytes((DATA / "vmware-ovftool-appliance.ovf").read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "edit", str(src), "--add-disk", str(image)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    doc = ovfmodel.parse(src)
    (disk,) = [d for d in model.disks(doc) if str(d.format) == DiskFormat.VHDX.value]
    assert (disk.capacity, disk.capacity_allocation_units) == ("7", "byte * 2^30")


@pytest.mark.parametrize("path", VENDOR, ids=lambda p: p.name)
def test_add_disk_from_image(path: Path, tmp_path: Path) -> None:
    image = vmdk_image(tmp_path / "data-disk.vmdk", 3 * GIB)
    ed_before = Editor(ovfmodel.parse(path))
    holder: list[Editor] = []

    def edit(ed: Editor) -> None:
        holder.append(ed)
        ed.add_disk(image)

    try:
        ed_before.find_controller(ed_before.hardware(), None, ed_before_kinds())
    except EditError:
        pytest.skip("no controller with a free unit")
    doc, _ = check_edit(path, edit, either(named("File", "Disk"), item_of_type(17)))
    disk = model.disks(doc)[-1]
    assert (disk.capacity, disk.capacity_allocation_units) == ("3", "byte * 2^30")
    assert disk.format == DiskFormat.VMDK_STREAM_OPTIMIZED.value
    file = model.files(doc)[-1]
    assert (file.href, file.size, disk.file_ref) == (
        "data-disk.vmdk",
        image.stat().st_size,
        file.id,
    )
    assert holder[0].added_files == {"data-disk.vmdk": image}


def ed_before_kinds() -> tuple[ovfmodel.builder.ControllerKind, ...]:
    from ovfmodel.builder import ControllerKind

    return (ControllerKind.SCSI, ControllerKind.SATA, ControllerKind.NVME, ControllerKind.IDE)


def test_add_empty_disk_on_named_controller() -> None:
    doc, _ = check_edit(
        VMWARE,
        lambda ed: ed.add_disk(capacity="40GiB", controller="scsi0"),
        either(named("Disk"), item_of_type(17)),
    )
    disk = model.disks(doc)[-1]
    assert (disk.capacity, disk.file_ref) == ("40", None)
    with pytest.raises(EditError, match="no controller"):
        Editor(doc).add_disk(capacity=1, controller="nvme3")


def test_remove_disk_takes_drive_and_unused_file() -> None:
    doc0 = ovfmodel.parse(VMWARE)
    disk = model.disks(doc0)[0]
    doc, out = check_edit(
        VMWARE,
        lambda ed: ed.remove_disk(disk.disk_id),
        either(named("Disk", "File"), item_of_type(17)),
    )
    assert disk.disk_id not in [d.disk_id for d in model.disks(doc)]
    assert disk.file_ref not in [f.id for f in model.files(doc)]
    assert f"ovf:/disk/{disk.disk_id}".encode() not in out


def test_files_add_and_remove(tmp_path: Path) -> None:
    extra = tmp_path / "notes.txt"
    extra.write_bytes(b"hello")
    doc, _ = check_edit(VMWARE, lambda ed: ed.add_file(extra), named("File"))
    assert (model.files(doc)[-1].href, model.files(doc)[-1].size) == ("notes.txt", 5)
    with pytest.raises(EditError, match="used by disk"):
        Editor(ovfmodel.parse(VMWARE)).remove_file("file1")
    with pytest.raises(EditError, match="icon"):
        Editor(ovfmodel.parse(VMWARE)).remove_file("file3", with_users=True)
    doc, _ = check_edit(
        VMWARE,
        lambda ed: ed.remove_file("file1", with_users=True),
        either(named("Disk", "File"), item_of_type(17)),
    )
    assert "file1" not in [f.id for f in model.files(doc)]


def test_cdrom_iso_file_removal_empties_drive() -> None:
    _, out = check_edit(
        CISCO,
        lambda ed: ed.remove_file("file2", with_users=True),
        either(named("File"), item_of_type(15, 16)),
    )
    assert b"ovf:/file/file2" not in out


@pytest.mark.parametrize("path", VENDOR, ids=lambda p: p.name)
def test_set_product(path: Path) -> None:
    def edit(ed: Editor) -> None:
        ed.set_product(product="Renamed", vendor="ACME", version="9.9", full_version="9.9.1")

    doc, _ = check_edit(
        path, edit, named("Product", "Vendor", "Version", "FullVersion", "ProductSection")
    )
    ps = Editor(doc).product_section()
    assert ps.product is not None and ps.product.value == "Renamed"
    assert ps.full_version is not None and ps.full_version.value == "9.9.1"


def test_properties() -> None:
    doc0 = ovfmodel.parse(VMWARE)
    keys = [
        p.key
        for ps in model.product_sections(model.virtual_systems(doc0)[0])
        for p in model.properties(ps)
    ]
    key = keys[0]

    def edit(ed: Editor) -> None:
        ed.set_property(key, "changed-value")
        ed.set_property(key, "perf-value", configuration="performance")
        ed.add_property("ntp.server", "string", "pool.ntp.org", label="NTP", user_configurable=True)
        ed.add_property("support.password", "string", password=True, user_configurable=True)
        ed.remove_property(keys[1])
        ed.add_category("Time")

    doc, _ = check_edit(VMWARE, edit, named("Property", "Category"))
    ed = Editor(doc)
    prop = ed.find_property(key)
    assert prop.value_attribute == "changed-value"
    assert [(v.configuration, v.value) for v in prop.value] == [("performance", "perf-value")]
    assert ed.find_property("ntp.server").value_attribute == "pool.ntp.org"
    with pytest.raises(EditError, match="no property"):
        ed.find_property(keys[1])


def test_property_value_checked_against_type() -> None:
    doc = ovfmodel.parse(DATA / "invalid-property-default-outside-qualifiers.ovf")
    ed = Editor(doc)
    ed.add_property("port", "uint16", 80)
    with pytest.raises(EditError, match="out of range"):
        ed.set_property("port", 70000)
    with pytest.raises(EditError, match="not declared"):
        ed.set_property("port", 81, configuration="nope")


def test_deployment_options() -> None:
    def edit(ed: Editor) -> None:
        ed.add_deployment_option("huge", "Huge", "For the largest sites", default=True)
        ed.set_cpus(16, configuration="huge")
        ed.set_memory("32GiB", configuration="huge")

    doc, _ = check_edit(VMWARE, edit, either(named("Configuration"), item_of_type(3, 4)))
    assert _quantity(doc, 3, "huge") == [16]
    assert [c.id for c in model.configurations(doc) if c.default] == ["huge"]
    out = ovfmodel.serialize(doc)
    doc2, out2 = check_edit(
        out,
        lambda ed: ed.remove_deployment_option("huge"),
        either(named("Configuration"), item_of_type(3, 4)),
    )
    assert b"huge" not in out2
    assert _quantity(doc2, 3, "standard") == _quantity(ovfmodel.parse(VMWARE), 3, "standard")


def test_remove_deployment_option_keeps_shared_items() -> None:
    before = ovfmodel.parse(CISCO)
    configs = Editor(before).configurations()
    doc, _ = check_edit(
        CISCO,
        lambda ed: ed.remove_deployment_option(configs[0]),
        either(named("Configuration", "Item"), named("Value")),
    )
    assert Editor(doc).configurations() == configs[1:]
    for config in configs[1:]:
        assert _quantity(doc, 3, config) == _quantity(before, 3, config)


def test_default_deployment_option() -> None:
    doc, _ = check_edit(
        VMWARE, lambda ed: ed.set_default_deployment_option("performance"), named("Configuration")
    )
    assert [c.id for c in model.configurations(doc) if c.default] == ["performance"]


@pytest.mark.parametrize("path", VENDOR, ids=lambda p: p.name)
def test_texts(path: Path) -> None:
    def edit(ed: Editor) -> None:
        ed.set_annotation("Edited by ovfmodel")
        ed.set_eula("You may use this appliance.")
        ed.set_os(OsType.LINUX_64 if hasattr(OsType, "LINUX_64") else 101)

    names = ("AnnotationSection", "EulaSection", "OperatingSystemSection")
    doc, _ = check_edit(path, edit, named(*names))
    vs = model.virtual_systems(doc)[0]
    eula = model.section(vs, "EulaSection")
    assert eula is not None and eula.license.value == "You may use this appliance."
    os_section = model.section(vs, "OperatingSystemSection")
    assert os_section is not None and os_section.id == 101


def test_refused_edits_are_ovf_errors_and_change_nothing() -> None:
    doc = ovfmodel.parse(VMWARE)
    before = ovfmodel.serialize(doc)
    ed = Editor(doc)
    attempts: list[Callable[[], object]] = [
        lambda: ed.set_cpus(0),
        lambda: ed.set_cpus(2, configuration="nope"),
        lambda: ed.set_memory("lots"),
        lambda: ed.add_nic("nowhere"),
        lambda: ed.remove_device("999"),
        lambda: ed.rename_network("VM Network", "Uplink"),
        lambda: ed.remove_disk("nope"),
        lambda: ed.add_deployment_option("standard", "again"),
        ed.add_disk,
    ]
    for attempt in attempts:
        with pytest.raises(OvfError) as info:
            attempt()
        assert info.value.hint, info.value
    assert ovfmodel.serialize(doc) == before


def test_ovf_0_9_is_refused() -> None:
    with pytest.raises(EditError, match="0.9"):
        Editor(ovfmodel.parse(DATA / "vmware-legacy-0.9.ovf"))


def test_multiple_virtual_systems_need_a_name() -> None:
    doc = ovfmodel.parse(DATA / "vmware-vcenter-nested-vapp.ovf")
    with pytest.raises(EditError, match="virtual systems"):
        Editor(doc).set_cpus(2)
    check_edit(
        DATA / "vmware-vcenter-nested-vapp.ovf",
        lambda ed: ed.set_cpus(3, vs="app-01"),
        item_of_type(3),
    )


def test_the_last_cd_drive_of_an_iso_transport_is_kept() -> None:
    """DSP0243 11.2: the iso transport delivers the environment on a CD-ROM of that hardware
    section, so removing its last drive is refused before anything changes (found by the random
    edit property test: the document then failed OVF418)."""
    path = DATA / "cisco-appliance-deployment-options.ovf"
    doc = ovfmodel.parse(path)
    before = ovfmodel.serialize(doc)
    ed = Editor(doc)
    with pytest.raises(EditError, match="last CD-ROM"):
        ed.remove_device("7")
    assert ovfmodel.serialize(doc) == before
    hw = model.hardware_sections(model.virtual_systems(doc)[0])[0]
    hw.transport = "com.vmware.guestInfo"
    ed.remove_device("7")
    assert not ovfmodel.validate(ovfmodel.serialize(doc)).errors
