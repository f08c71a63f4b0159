"""Issue 13: `ovfmodel convert --to 1.0|1.1|2.0`; results validate, 2.x-only content refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from editing import DATA, VENDOR, errors
from lxml import etree
from test_edit_package import members, vendor_folder

import ovfmodel
from ovfmodel import model
from ovfmodel.document import OVF1_NS, OVF2_NS
from ovfmodel.edit.convert import convert
from ovfmodel.errors import EditError
from ovfmodel.package import write_ova

ONE_X = [p for p in VENDOR if ovfmodel.parse(p).namespace == OVF1_NS]


def _same_content(a: ovfmodel.OvfDocument, b: ovfmodel.OvfDocument) -> None:
    assert [f.href for f in model.files(a)] == [f.href for f in model.files(b)]
    assert [d.disk_id for d in model.disks(a)] == [d.disk_id for d in model.disks(b)]
    assert [n.name for n in model.networks(a)] == [n.name for n in model.networks(b)]
    for vs_a, vs_b in zip(model.virtual_systems(a), model.virtual_systems(b), strict=True):
        assert [model.instance_id(i) for i in model.items(vs_a)] == [
            model.instance_id(i) for i in model.items(vs_b)
        ]


@pytest.mark.parametrize("path", ONE_X, ids=lambda p: p.name)
def test_1x_to_2_0_and_back(path: Path) -> None:
    doc = ovfmodel.parse(path)
    known = set(errors(path.read_bytes()))
    two = convert(doc, "2.0")
    out = ovfmodel.serialize(two)
    assert (two.namespace, two.version) == (OVF2_NS, "2.0")
    assert [e for e in errors(out) if e not in known] == []
    assert ovfmodel.parse(out) == two
    _same_content(doc, two)
    back = convert(two, "1.1")
    assert (back.namespace, back.version) == (OVF1_NS, "1.1")
    assert [e for e in errors(ovfmodel.serialize(back)) if e not in known] == []
    _same_content(doc, back)
    # comments survive the conversion
    assert ovfmodel.serialize(back).count(b"<!--") == path.read_bytes().count(b"<!--")


@pytest.mark.parametrize(
    "name", ["generic-ovf20-storage-ethernet-items.ovf", "virtualbox-7-ovf20.ovf"]
)
def test_2_0_only_content_is_refused_with_a_list(name: str) -> None:
    with pytest.raises(EditError, match="OVF 1.x cannot express .*StorageItem \\(line \\d+\\)"):
        convert(ovfmodel.parse(DATA / name), "1.0")


def test_2_0_without_2_only_content_goes_to_1x() -> None:
    doc = ovfmodel.parse(Path(__file__).parent.parent / "examples" / "appliance.ovf")
    one = convert(doc, "1.0")
    assert one.namespace == OVF1_NS
    assert errors(ovfmodel.serialize(one)) == []


def test_0_9_to_1_0_and_2_0() -> None:
    doc = ovfmodel.parse(DATA / "vmware-legacy-0.9.ovf")
    for to in ("1.0", "2.0"):
        result = convert(doc, to)
        out = ovfmodel.serialize(result)
        assert errors(out) == []
        assert b"xsi:type" not in out and b"InstanceId" not in out
        vs = model.virtual_systems(result)[0]
        assert all(model.cim(i.instance_id) for i in model.items(vs))
        hostname = model.properties(model.product_sections(vs)[0])[0]
        assert (hostname.key, hostname.value_attribute) == ("hostname", "wiki")


def test_cli_convert_descriptor_and_ova(tmp_path: Path) -> None:
    out = tmp_path / "v2.ovf"
    done = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "convert", str(DATA / "vmware-legacy-0.9.ovf"),
         "--to", "1.0", "-o", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert ovfmodel.parse(out).version == "1.0"
    ova = write_ova(vendor_folder(tmp_path / "src"), tmp_path / "in.ova")
    converted = tmp_path / "v2.ova"
    done = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "convert", str(ova), "--to", "2.0", "-o", str(converted)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert ovfmodel.parse(members(converted)["appliance.ovf"]).version == "2.0"
    verify = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "verify", str(converted)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert verify.returncode == 0, verify.stdout
    refused = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "convert",
         str(DATA / "virtualbox-7-ovf20.ovf"), "--to", "1.1", "-o", str(tmp_path / "x.ovf")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert refused.returncode == 1
    assert "StorageItem" in refused.stderr and not (tmp_path / "x.ovf").exists()


def _padded_0_9() -> bytes:
    """VMware's 0.9 export with whitespace around its xsi:type values: the value is a QName,
    whose whitespace XML Schema collapses (XML Schema Part 2, 3.2.18), so it names the same
    types."""
    data = (DATA / "vmware-legacy-0.9.ovf").read_bytes()
    return data.replace(b'xsi:type="ovf:', b'xsi:type=" ovf:').replace(b'_Type"', b'_Type  "')


def test_xsi_type_with_whitespace_names_the_same_section() -> None:
    data = _padded_0_9()
    assert data.count(b'xsi:type=" ovf:') > 3
    plain = ovfmodel.parse(DATA / "vmware-legacy-0.9.ovf")
    padded = ovfmodel.parse(data)
    assert [d.disk_id for d in model.disks(padded)] == [d.disk_id for d in model.disks(plain)]
    assert len(model.disks(padded)) == 1
    assert b'xsi:type=" ovf:DiskSection_Type  "' in ovfmodel.serialize(padded)  # as written
    original = ovfmodel.validate(DATA / "vmware-legacy-0.9.ovf", targets=["virtualbox"])
    report = ovfmodel.validate(data, targets=["virtualbox"])
    assert report.codes() == original.codes()
    one = ovfmodel.serialize(convert(padded, "1.0"))
    assert one == ovfmodel.serialize(convert(plain, "1.0")) and errors(one) == []


def test_convert_refuses_an_xsi_type_naming_no_element(tmp_path: Path) -> None:
    data = (DATA / "vmware-legacy-0.9.ovf").read_bytes()
    bad = tmp_path / "bad.ovf"
    bad.write_bytes(data.replace(b'"ovf:DiskSection_Type"', b'"ovf:Disk Section_Type"'))
    done = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "convert", str(bad), "--to", "1.0",
         "-o", str(tmp_path / "out.ovf")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith("ovfmodel: error:") and "Disk Section_Type" in done.stderr
    assert not (tmp_path / "out.ovf").exists()


def test_a_0_9_vendor_section_becomes_the_vendors_element() -> None:
    """OVF 0.9 names a vendor section by its xsi:type (vmw:Foo_Type); OVF 1.x by an element in
    the vendor's namespace. It used to become ovf:Foo, which the 1.x schema refuses."""
    vmw = "http://www.vmware.com/schema/ovf"
    data = (
        (DATA / "vmware-legacy-0.9.ovf")
        .read_bytes()
        .replace(
            b'<Section ovf:required="false" xsi:type="ovf:AnnotationSection_Type">',
            f'<Section xmlns:vmw="{vmw}" ovf:required="false" xsi:type="vmw:BootSection_Type">'.encode(),
        )
    )
    assert b"vmw:BootSection_Type" in data
    one = ovfmodel.serialize(convert(ovfmodel.parse(data), "1.0"))
    root = etree.fromstring(one)
    [el] = root.iter(f"{{{vmw}}}BootSection")
    assert el.get(f"{{{OVF1_NS}}}required") == "false" and b"xsi:type" not in one
    undeclared = data.replace(b"vmw:BootSection_Type", b"nope:BootSection_Type")
    with pytest.raises(EditError, match="prefix is not declared"):
        convert(ovfmodel.parse(undeclared), "1.0")
