"""Builder tests: every path validates against its pristine XSD and round-trips exactly."""

from __future__ import annotations

import difflib
import runpy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from xsdata.formats.dataclass.models.generics import AnyElement

import ovfmodel
from ovfmodel import model, schemas
from ovfmodel.builder import (
    ControllerKind,
    EnvelopeBuilder,
    HardwareBuilder,
    HardwareEditor,
    Localized,
    ScsiSubtype,
    VirtualSystemBuilder,
)
from ovfmodel.cim import DiskFormat, OsType, ResourceType
from ovfmodel.environment import environment_for, properties
from ovfmodel.errors import BuilderError

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = ["1.0", "1.1", "2.0"]


def check(doc: ovfmodel.OvfDocument, *, valid: bool = True) -> bytes:
    """Schema-valid, parses back equal, and serializes again byte-identical."""
    text = ovfmodel.serialize(doc)
    schema = schemas.for_namespace(doc.namespace)
    assert schema is not None
    if valid:
        schema.assertValid(etree.fromstring(text))
    again = ovfmodel.parse(text)
    assert again == doc
    assert ovfmodel.serialize(again) == text
    return text


def full(version: str) -> EnvelopeBuilder:
    """Every builder path in one appliance."""
    v2 = version.startswith("2")
    b = EnvelopeBuilder(version)
    b.add_file("f-sys", "sys.vmdk", size=1000, compression="gzip", chunk_size=512)
    b.add_file("f-iso", "tools.iso", size=10)
    b.add_file("f-flp", "boot.flp")
    b.add_disk("sys", 16, file="f-sys", populated_size=900)
    b.add_disk("data", 512, units="byte * 2^20", format=DiskFormat.QCOW2)
    b.add_disk("delta", 16, parent="sys", format=None)
    b.add_disk("raw", 4096, units="byte")
    b.add_network("lan", description=Localized("Local network", "net.lan"))
    b.add_network("wan")
    b.add_deployment_option("small", "Small", "Small footprint", default=True)
    b.add_deployment_option("large", Localized("Large", "cfg.large"), "Large footprint")
    b.set_attribute("{http://example.com/ovf}build", "77")
    vs = b.virtual_system("vm", name="Appliance")
    vs.set_attribute("{http://example.com/ovf}tier", "web")
    p = vs.product(
        "App",
        vendor="ACME",
        version="1.0",
        full_version="1.0.0",
        product_url="http://p",
        vendor_url="http://v",
        app_url="http://a",
    )
    p.category("Integers")
    for t, val in [
        ("uint8", 255),
        ("sint8", -128),
        ("uint16", 65535),
        ("sint16", -5),
        ("uint32", 7),
        ("sint32", -7),
        ("uint64", 2**64 - 1),
        ("sint64", -(2**63)),
    ]:
        p.property(f"p_{t}", t, val)
    p.category(Localized("Others", "cat.others"))
    p.property("p_bool", "boolean", False)
    p.property("p_real32", "real32", 1.5, min_value=0, max_value=2)
    p.property("p_real64", "real64", "2.25")
    p.property(
        "p_str",
        "string",
        "abc",
        min_len=1,
        max_len=5,
        user_configurable=True,
        label=Localized("A string", "p.str.label"),
        description="Some text",
        per_configuration={"large": "abcde"},
    )
    p.property("p_pw", "string", password=True, user_configurable=True)
    p.property("p_map", "string", "b", value_map=["a", "b"])
    p.property("p_num", "uint16", 10, min_value=1, max_value=100, per_configuration={"large": 99})
    if v2:
        p.property("p_cfg", "string", "only-large", configuration="large")
    vs.product("Addon", class_="com.acme.addon", instance="1").property("x", "string", "y")
    vs.annotation("note")
    vs.eula("license one")
    vs.eula(Localized("license two", "eula.2"))
    vs.operating_system(OsType.RHEL_64, version="9")
    vs.install(initial_boot_stop_delay=30)
    hw = vs.hardware("vmx-19 vmx-21", transport="iso")
    hw.cpus(
        2,
        cores_per_socket=2,
        reservation_mhz=1000,
        limit_mhz=4000,
        weight=1000,
        configuration="small",
    )
    hw.cpus(8, configuration="large")
    hw.memory(2048, reservation=1024, limit=4096, weight=10)
    ide = hw.ide_controller()
    hw.ide_controller()
    scsi = hw.scsi_controller(ScsiSubtype.LSILOGIC_SAS)
    sata = hw.sata_controller()
    nvme = hw.nvme_controller()
    hw.scsi_controller("buslogic")
    hw.disk("sys", scsi)
    hw.disk("data", sata, slot=29)
    hw.disk("delta", nvme, storage_item=v2)
    hw.disk("raw", scsi, slot=8, configuration="large")
    hw.cdrom(ide, iso_file="f-iso")
    hw.cdrom(ide, dvd=True)
    hw.floppy(image_file="f-flp")
    hw.nic("lan", mac="00:50:56:aa:bb:cc")
    hw.nic("wan", subtype="E1000e", connected=False, port_item=v2)
    hw.nic("lan", subtype="virtio", configuration="large")
    hw.nic("lan", subtype="PCNet32")
    hw.usb_controller(subtype="vmware.usb.ehci")
    hw.serial_port()
    hw.video(video_memory_kb=16384)
    hw.sound()
    b.vendor_element(
        hw.section, '<vbox:Machine xmlns:vbox="http://www.virtualbox.org/ovf/machine"/>'
    )
    b.vendor_element(p.section, '<x:Hint xmlns:x="urn:x">t</x:Hint>', required=True)
    if v2:  # OVF 1.x: only in a VirtualSystemCollection (DSP0243 9.3, Table 5)
        vs.resource_allocation(ResourceType.MEMORY, reservation=512, units="byte * 2^20")
        vs.resource_allocation(ResourceType.PROCESSOR, limit=2000, configuration="large")
    else:
        with pytest.raises(BuilderError, match="only in a VirtualSystemCollection"):
            vs.resource_allocation(ResourceType.MEMORY, reservation=512)
    b.add_strings("de-DE", {"net.lan": "Lokales Netz", "cfg.large": "Groß", "eula.2": "Lizenz"})
    b.add_strings("fr-FR", {"net.lan": "Réseau local"})
    return b


@pytest.mark.parametrize("version", VERSIONS)
def test_every_path_is_schema_valid_and_round_trips(version: str) -> None:
    doc = full(version).build()
    assert doc.namespace == (
        ovfmodel.document.OVF2_NS if version == "2.0" else ovfmodel.document.OVF1_NS
    )
    text = check(doc)
    assert b"ovf:/disk/sys" in text and b"ovf:/file/f-iso" in text
    assert b"vmw:CoresPerSocket" in text
    assert ovfmodel.parse(text).version == version


def _rt(item: model.Item) -> int | None:
    """The ResourceType number of an Item."""
    rtype = model.cim(item.resource_type)
    return None if rtype is None else int(rtype.value)


def test_wiring() -> None:
    doc = full("2.0").build()
    vs = model.virtual_systems(doc)[0]
    items = model.items(vs)
    ids = [i.instance_id.value for i in items]
    assert len(ids) == len(set(ids))
    by_id = {i.instance_id.value: i for i in items}
    disks = [i for i in items if _rt(i) == 17]
    assert {d.host_resource[0].value for d in disks} == {
        "ovf:/disk/sys",
        "ovf:/disk/data",
        "ovf:/disk/delta",
        "ovf:/disk/raw",
    }
    for d in disks:
        assert d.parent is not None
        parent = by_id[d.parent.value]
        assert _rt(parent) in (6, 20)
    slots = {(model.cim(d.parent), model.cim(d.address_on_parent)) for d in disks}
    assert len(slots) == 4
    ide = [i for i in items if _rt(i) == 5]
    assert [model.cim(i.address) for i in ide] == ["0", "1"]
    cds = [i for i in items if _rt(i) in (15, 16)]
    assert [model.cim(c.address_on_parent) for c in cds] == ["0", "1"]


def test_nested_collections_and_startup() -> None:
    b = EnvelopeBuilder()
    b.add_network("lan")
    top = b.collection("vapp", name="vApp")
    web = top.virtual_system("web")
    web.hardware().nic("lan")
    inner = top.collection("db-tier")
    inner.virtual_system("db1").operating_system(OsType.DEBIAN_64)
    inner.virtual_system("db2")
    inner.startup("db1", order=1, start_delay=10, waiting_for_guest=True)
    inner.startup("db2", order=2, stop_action="guestShutdown")
    top.startup("db-tier", order=1)
    top.startup("web", order=2)
    top.product("vApp product")
    top.annotation("collection note")
    top.resource_allocation(ResourceType.MEMORY, reservation=1024)
    doc = b.build()
    check(doc)
    assert [c.id for c in model.iter_content(doc)] == ["vapp", "web", "db-tier", "db1", "db2"]


def test_version_1_0_has_no_version_attribute() -> None:
    b = EnvelopeBuilder("1.0")
    b.virtual_system("vm")
    doc = b.build()
    text = check(doc)
    assert b"ovf:version" not in text
    b2 = EnvelopeBuilder("2.0", lang="de-DE")
    b2.virtual_system("vm")
    assert b'ovf:version="2.0"' in check(b2.build())


def test_vendor_section_is_kept_but_not_dmtf_valid() -> None:
    """DMTF schemas have no wildcard among sections: vendor sections need a vendor schema."""
    b = EnvelopeBuilder()
    b.vendor_section('<v:Cfg xmlns:v="urn:v"><v:x>1</v:x></v:Cfg>', info="vendor")
    vs = b.virtual_system("vm")
    vs.vendor_section('<v:Other xmlns:v="urn:v"/>', required=True)
    doc = b.build()
    text = check(doc, valid=False)
    assert b'ovf:required="false"' in text
    schema = schemas.for_namespace(doc.namespace)
    assert schema is not None and not schema.validate(etree.fromstring(text))


@pytest.mark.parametrize(
    "element",
    [
        AnyElement(qname="{urn:v}Cfg", text="\n"),  # found by hypothesis: layout became text
        '<v:Cfg xmlns:v="urn:v">keep <v:x>1</v:x> this</v:Cfg>',  # mixed text was dropped
    ],
)
def test_vendor_section_reads_back_equal(element: str | AnyElement) -> None:
    b = EnvelopeBuilder()
    b.vendor_section(element, info="vendor")
    b.virtual_system("vm")
    doc = b.build()
    assert ovfmodel.parse(ovfmodel.serialize(doc)) == doc


def test_vendor_section_text_is_read_as_every_xml() -> None:
    """Through ovfmodel.xmlsafe: a declared encoding is moot for decoded text, no entity is
    expanded, and text that is no element is refused rather than opened as a file."""
    b = EnvelopeBuilder()
    node = b.vendor_section(
        '\ufeff<?xml version="1.0" encoding="ISO-8859-1"?><v:C xmlns:v="urn:v">\u00e9</v:C>'
    )
    assert (node.qname, node.text) == ("{urn:v}C", "\u00e9")
    with pytest.raises(BuilderError, match="DOCTYPE"):
        b.vendor_section('<!DOCTYPE v [<!ENTITY e "x">]><v:C xmlns:v="urn:v">&e;</v:C>')
    with pytest.raises(BuilderError, match="does not start with an element"):
        b.vendor_section("README.md")
    with pytest.raises(BuilderError, match="cannot be encoded"):
        b.vendor_section('<v:C xmlns:v="urn:v">\ud800</v:C>')


def test_parse_reads_text_starting_with_a_byte_order_mark() -> None:
    doc = EnvelopeBuilder()
    doc.virtual_system("vm")
    text = ovfmodel.serialize(doc.build()).decode()
    assert ovfmodel.parse("\ufeff" + text) == ovfmodel.parse(text)


def test_edit_parsed_document_shows_only_additions() -> None:
    path = ROOT / "tests" / "data" / "vmware-ovftool-appliance.ovf"
    doc = ovfmodel.parse(path)
    before = ovfmodel.serialize(doc).decode().splitlines()
    vs = model.virtual_systems(doc)[0]
    network = model.networks(doc)[0].name
    editor = HardwareEditor(doc, vs.id)
    editor.add_nic(network=network)
    scsi = editor.find_controller(ControllerKind.SCSI)
    editor.builder.add_disk("extra", 8)
    editor.disk("extra", scsi)
    after = ovfmodel.serialize(doc).decode().splitlines()
    changes = [
        line
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changes and all(line.startswith("+") for line in changes)
    assert any(f">{network}<" in line for line in changes)
    assert any('ovf:diskId="extra"' in line for line in changes)
    # the source reuses InstanceIDs across configurations; the additions take fresh ones
    ids = [i.instance_id.value for i in model.items(vs)]
    assert ids[-2] not in ids[:-2] and ids[-1] not in ids[:-1]
    with pytest.raises(BuilderError, match="not declared"):
        editor.add_nic(network="nope")


def test_examples_python_and_yaml_agree() -> None:
    from ovfmodel.builder.spec import build_spec, load_spec

    built = runpy.run_path(str(ROOT / "examples" / "build_appliance.py"))["build"]()
    text = check(built)
    from_yaml = build_spec(load_spec(ROOT / "examples" / "appliance.yaml"))
    assert check(from_yaml) == text
    vs = model.virtual_systems(built)[0]
    assert len([i for i in model.items(vs) if _rt(i) == 10]) == 2
    assert len(model.disks(built)) == 2
    assert len(model.properties(model.product_sections(vs)[0])) == 5


# -- every wrong call raises a BuilderError saying what to do ----------------------------------
def _twice(target: Any, method: str, *calls: tuple[Any, ...], **kwargs: Any) -> None:
    """Call a method once per argument tuple (on a fresh IDE controller for hardware)."""
    if isinstance(target, HardwareBuilder):
        ide = target.ide_controller()
        for args in calls:
            getattr(target, method)(*args, ide, **kwargs) if method == "disk" else getattr(
                target, method
            )(ide, **kwargs)
        return
    for args in calls:
        getattr(target, method)(*args, **kwargs)


def _base() -> tuple[EnvelopeBuilder, VirtualSystemBuilder]:
    b = EnvelopeBuilder()
    b.add_file("f1", "a.vmdk")
    b.add_disk("d1", 1, file="f1")
    b.add_disk("d2", 1)
    b.add_network("lan")
    b.add_deployment_option("small", "S", "s")
    vs = b.virtual_system("vm")
    return b, vs


WRONG: dict[str, tuple[Callable[[Any, Any, Any], object], str]] = {
    "duplicate file id": (lambda b, vs, hw: b.add_file("f1", "b.vmdk"), "duplicate file id"),
    "same href": (lambda b, vs, hw: b.add_file("f2", "a.vmdk"), "already referenced"),
    "negative file size": (lambda b, vs, hw: b.add_file("f3", "c", size=-1), "negative"),
    "bad compression": (lambda b, vs, hw: b.add_file("f3", "c", compression="zip"), "compression"),
    "zero chunk size": (lambda b, vs, hw: b.add_file("f3", "c", chunk_size=0), "chunk size"),
    "file size beyond xs:unsignedLong": (
        lambda b, vs, hw: b.add_file("f3", "c", size=2**64),
        "outside 0..",
    ),
    "populated size beyond xs:long": (
        lambda b, vs, hw: b.add_disk("d9", 1, populated_size=2**63),
        "outside 0..",
    ),
    "network name with surrounding whitespace": (
        lambda b, vs, hw: b.add_network("wan "),
        "whitespace",
    ),
    "install delay beyond xs:unsignedShort": (
        lambda b, vs, hw: vs.install(initial_boot_stop_delay=65536),
        "outside 0..65535",
    ),
    "allocation weight beyond uint32": (
        lambda b, vs, hw: vs.resource_allocation(ResourceType.MEMORY, weight=2**32),
        "outside 0..",
    ),
    "CPU count beyond uint64": (lambda b, vs, hw: hw.cpus(2**64), "outside 1.."),
    "negative memory weight": (lambda b, vs, hw: hw.memory(1, weight=-1), "outside 0.."),
    "memory limit beyond uint64": (lambda b, vs, hw: hw.memory(1, limit=2**64), "outside 0.."),
    "ValueMap entry with a comma": (
        lambda b, vs, hw: vs.product().property("k", "string", value_map=["a,b"]),
        "ValueMap entry",
    ),
    "ValueMap entry with a quote": (
        lambda b, vs, hw: vs.product().property("k", "string", value_map=['say "hi"']),
        "ValueMap entry",
    ),
    "bad id": (lambda b, vs, hw: b.add_file("1 x", "c"), "not a valid identifier"),
    "duplicate disk": (lambda b, vs, hw: b.add_disk("d1", 1), "duplicate disk id"),
    "zero capacity": (lambda b, vs, hw: b.add_disk("d9", 0), "not positive"),
    "bad units": (lambda b, vs, hw: b.add_disk("d9", 1, units="bit * 2^3"), "programmatic"),
    "unknown disk file": (lambda b, vs, hw: b.add_disk("d9", 1, file="nope"), "References"),
    "unknown parent disk": (lambda b, vs, hw: b.add_disk("d9", 1, parent="x"), "parent disk"),
    "duplicate network": (lambda b, vs, hw: b.add_network("lan"), "duplicate network"),
    "duplicate configuration": (
        lambda b, vs, hw: b.add_deployment_option("small", "S", "s"),
        "duplicate configuration",
    ),
    "two defaults": (
        lambda b, vs, hw: (
            b.add_deployment_option("a", "A", "a", default=True),
            b.add_deployment_option("c", "C", "c", default=True),
        ),
        "default",
    ),
    "second top content": (lambda b, vs, hw: b.virtual_system("other"), "top-level content"),
    "duplicate strings lang": (
        lambda b, vs, hw: (b.add_strings("de", {}), b.add_strings("de", {})),
        "already",
    ),
    "non-vendor attribute": (lambda b, vs, hw: b.set_attribute("plain", "x"), "vendor name"),
    "ovf-namespace vendor section": (
        lambda b, vs, hw: b.vendor_section(f'<ovf:X xmlns:ovf="{ovfmodel.document.OVF2_NS}"/>'),
        "vendor name",
    ),
    "malformed vendor xml": (lambda b, vs, hw: b.vendor_section("<a>"), "well-formed"),
    "two IDE disks one slot": (
        lambda b, vs, hw: _twice(hw, "disk", ("d1",), ("d2",), slot=0),
        "already taken",
    ),
    "ide slot out of range": (
        lambda b, vs, hw: hw.disk("d1", hw.ide_controller(), slot=2),
        "does not exist",
    ),
    "scsi slot 7": (lambda b, vs, hw: hw.disk("d1", hw.scsi_controller(), slot=7), "except 7"),
    "third IDE controller": (
        lambda b, vs, hw: [hw.ide_controller() for _ in range(3)],
        "at most 2",
    ),
    "full IDE controller": (
        lambda b, vs, hw: _twice(hw, "cdrom", (), (), ()),
        "is full",
    ),
    "undeclared disk": (lambda b, vs, hw: hw.disk("zz", hw.scsi_controller()), "DiskSection"),
    "NIC on undeclared network": (lambda b, vs, hw: hw.nic("wan"), "add_network"),
    "bad MAC": (lambda b, vs, hw: hw.nic("lan", mac="00:11"), "MAC"),
    "unknown configuration": (
        lambda b, vs, hw: hw.cpus(2, configuration="huge"),
        "add_deployment_option",
    ),
    "negative memory": (lambda b, vs, hw: hw.memory(-1), "positive"),
    "bad cores per socket": (lambda b, vs, hw: hw.cpus(3, cores_per_socket=2), "multiple"),
    "unknown controller kind": (lambda b, vs, hw: hw.controller("fdc"), "unknown controller"),
    "unknown scsi subtype": (lambda b, vs, hw: hw.scsi_controller("aha"), "subtype"),
    "undeclared iso": (lambda b, vs, hw: hw.cdrom(hw.ide_controller(), iso_file="x"), "add_file"),
    "second hardware": (lambda b, vs, hw: vs.hardware(), "already has"),
    "second OS section": (
        lambda b, vs, hw: (vs.operating_system(1), vs.operating_system(2)),
        "already has",
    ),
    "empty annotation": (lambda b, vs, hw: vs.annotation(""), "empty"),
    "unknown property type": (lambda b, vs, hw: vs.product().property("k", "int"), "property type"),
    "default over MaxLen": (
        lambda b, vs, hw: vs.product().property("k", "string", "abcdef", max_len=3),
        "MaxLen",
    ),
    "default under MinLen": (
        lambda b, vs, hw: vs.product().property("k", "string", "", min_len=1),
        "MinLen",
    ),
    "default outside ValueMap": (
        lambda b, vs, hw: vs.product().property("k", "string", "c", value_map=["a"]),
        "ValueMap",
    ),
    "default over MaxValue": (
        lambda b, vs, hw: vs.product().property("k", "uint8", 9, max_value=5),
        "MaxValue",
    ),
    "default under MinValue": (
        lambda b, vs, hw: vs.product().property("k", "real64", 0.5, min_value=1),
        "MinValue",
    ),
    "uint8 out of range": (lambda b, vs, hw: vs.product().property("k", "uint8", 256), "uint8"),
    "boolean not bool": (lambda b, vs, hw: vs.product().property("k", "boolean", "yes"), "true"),
    "real not number": (lambda b, vs, hw: vs.product().property("k", "real32", "x"), "number"),
    "real infinite": (
        lambda b, vs, hw: vs.product().property("k", "real64", float("inf")),
        "not a decimal number",
    ),
    "real NaN": (
        lambda b, vs, hw: vs.product().property("k", "real64", float("nan")),
        "not a decimal number",
    ),
    "real32 out of range": (
        lambda b, vs, hw: vs.product().property("k", "real32", 1e39),
        "out of range for real32",
    ),
    "MinLen on number": (
        lambda b, vs, hw: vs.product().property("k", "uint8", 1, min_len=1),
        "MinLen",
    ),
    "duplicate property": (
        lambda b, vs, hw: _twice(vs.product(), "property", ("k", "string"), ("k", "string")),
        "duplicate property",
    ),
    "per-config value for unknown configuration": (
        lambda b, vs, hw: vs.product().property("k", "string", per_configuration={"x": "1"}),
        "not declared",
    ),
    "per-config value outside qualifiers": (
        lambda b, vs, hw: vs.product().property(
            "k", "uint8", 1, max_value=5, per_configuration={"small": 6}
        ),
        "MaxValue",
    ),
    "password not string": (
        lambda b, vs, hw: vs.product().property("k", "uint8", password=True),
        "password",
    ),
    "same product class": (lambda b, vs, hw: (vs.product(), vs.product()), "class"),
    "vendor element on a Msg": (
        lambda b, vs, hw: b.vendor_element("text", '<v:x xmlns:v="urn:v"/>'),
        "extension point",
    ),
}


@pytest.mark.parametrize("case", sorted(WRONG))
def test_wrong_call_raises_at_the_call(case: str) -> None:
    b, vs = _base()
    hw = vs.hardware()
    action, expected = WRONG[case]
    with pytest.raises(BuilderError) as err:
        action(b, vs, hw)
    assert expected in str(err.value)
    assert err.value.hint, "every BuilderError says what to do instead"


def test_1x_only_errors() -> None:
    b = EnvelopeBuilder("1.1")
    b.add_network("lan")
    b.add_disk("d", 1)
    hw = b.virtual_system("vm").hardware()
    with pytest.raises(BuilderError, match="only in OVF 2"):
        hw.nic("lan", port_item=True)
    with pytest.raises(BuilderError, match="only in OVF 2"):
        hw.disk("d", hw.scsi_controller(), storage_item=True)
    with pytest.raises(BuilderError, match="version"):
        EnvelopeBuilder("3.0")


def test_property_keys_are_unique_per_class_and_instance_in_the_descriptor() -> None:
    """The builder keeps class.key.instance unique in the whole descriptor, stricter than
    DSP0243 9.5 (unique per ProductSection, the validator's OVF601), so no environment key of
    a parent collection is shadowed by accident."""
    b = EnvelopeBuilder()
    top = b.collection("c")
    top.virtual_system("a").product().property("ip", "string")
    second = top.virtual_system("b")
    with pytest.raises(BuilderError, match="duplicate property key 'ip'"):
        second.product().property("ip", "string")
    second.product(class_="db").property("ip", "string")  # another class: another property
    with pytest.raises(BuilderError, match="order 65536 is outside 0..65535"):
        top.startup("a", order=65536)


def test_collection_errors() -> None:
    b = EnvelopeBuilder()
    top = b.collection("c")
    top.virtual_system("a")
    with pytest.raises(BuilderError, match="not a child"):
        top.startup("zz", order=1)
    with pytest.raises(BuilderError, match="duplicate"):
        top.virtual_system("c")
    with pytest.raises(BuilderError, match="negative"):
        top.startup("a", order=-1)
    with pytest.raises(BuilderError, match="no virtual system"):
        EnvelopeBuilder().build()


def test_value_map_ranges_and_numbers_are_read_as_the_validator_reads_them() -> None:
    # CIM ValueMap entries may be ranges ("1..3", "..9", "10..") and match a number however it
    # is written ("07" is 7): the builder compared the text only, so it refused a default of 1
    # for ValueMap{"1..3","7"} that `ovfmodel validate` and `ovfmodel env` accept
    b = EnvelopeBuilder("2.0")
    product = b.virtual_system("vm").product("App")
    product.property("m", "uint8", 1, user_configurable=True, value_map=["1..3", "7"])
    product.property("n", "sint16", "07", value_map=["..-1", "7"])
    product.property("r", "real64", 0.25, value_map=["0..0.5"])
    for bad_value, value_map in ((4, ["1..3", "7"]), (8, ["..7"]), (2, ["3.."])):
        with pytest.raises(BuilderError, match="not in its ValueMap"):
            product.property(f"bad{bad_value}", "uint8", bad_value, value_map=value_map)
    with pytest.raises(BuilderError, match="not in its ValueMap"):
        product.property("s", "string", "1", value_map=["0..5"])  # strings compare as text
    doc = b.build()
    codes = {d.code for d in ovfmodel.validate(ovfmodel.serialize(doc)).diagnostics}
    assert not codes & {"OVF602", "OVF603"}, codes  # (no hardware here: OVF302)
    assert properties(environment_for(doc)) == {"m": "1", "n": "7", "r": "0.25"}
