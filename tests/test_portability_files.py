"""Targets on real files: the vendor corpus (expected codes recorded), the project's examples and
builder output, `port` per target (clean for the target, lossless, round-trips) and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from portability_fixtures import MEMORY, descriptor, item, replace

import ovfmodel
from ovfmodel import portability
from ovfmodel.document import OvfDocument
from ovfmodel.info import round_trips
from ovfmodel.portability.port import port
from ovfmodel.validation import validate
from ovfmodel.validation.source import SourceDoc

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"
EXPECTED: dict[str, list[str]] = json.loads((DATA / "portability-expected.json").read_text())
ALL = list(portability.TARGETS)
# what the builder's docs claim (ovfmodel/builder/__init__.py)
BUILDER_TARGETS = {"1.0": ALL, "1.1": ALL, "2.0": ["vsphere", "virtualbox"]}


def target_codes(path: Path | bytes | OvfDocument, targets: list[str] = ALL) -> list[str]:
    report = validate(path, targets=targets, xsd=False)  # target rules do not depend on XSD
    return sorted({d.code for d in report.diagnostics if not d.code.startswith("OVF")})


def errors(source: Path | bytes | OvfDocument, target: str) -> list[str]:
    report = validate(source, targets=[target], xsd=False)
    return [d.code for d in report.errors if not d.code.startswith("OVF")]


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.ovf")))
def test_vendor_descriptors_give_the_recorded_codes(name: str) -> None:
    assert target_codes(DATA / name) == EXPECTED[name]
    src = SourceDoc.load((DATA / name).read_bytes(), name)
    for target in ALL:  # the importer models read every file without crashing
        portability.summarize(src, target)


def test_recorded_codes_cover_what_the_vendors_are_known_for() -> None:
    assert "VSPHERE001" in EXPECTED["virtualbox-6-ovf10.ovf"]  # 'virtualbox-2.2' on vSphere
    assert "VSPHERE004" in EXPECTED["virtualbox-6-ovf10.ovf"]  # PIIX4 IDE subtype
    assert "XEN001" in EXPECTED["virtualbox-7-ovf20.ovf"]  # OVF 2 on XenCenter
    assert "VSPHERE011" in EXPECTED["xenserver-xencenter-export.ovf"]
    assert "V2V004" in EXPECTED["vmware-ovftool-appliance.ovf"]  # blank disk
    assert "PVE003" in EXPECTED["vmware-ovftool-appliance.ovf"]  # 2|4 CPUs joined
    # VMware's own exports carry no vSphere error (the vCenter one is gzip-compressed, which
    # the vSphere Client refuses and ovftool reads: a warning)
    from ovfmodel.diagnostics import CATALOG, Severity

    vmware = [n for n in EXPECTED if n.startswith("vmware-")]
    for name in vmware:
        vsphere = [c for c in EXPECTED[name] if c.startswith("VSPHERE")]
        assert [c for c in vsphere if CATALOG[c].severity is Severity.ERROR] == [], name
    assert "VSPHERE016" in EXPECTED["vmware-vcenter-nested-vapp.ovf"]


def _built(version: str) -> OvfDocument:
    source = (EXAMPLES / "build_appliance.py").read_text()
    namespace: dict[str, object] = {"__name__": "example"}
    source = source.replace('EnvelopeBuilder("2.0")', f'EnvelopeBuilder("{version}")')
    exec(compile(source, "build_appliance.py", "exec"), namespace)
    built = namespace["build"]
    assert callable(built)
    doc = built()
    assert isinstance(doc, OvfDocument)
    return doc


@pytest.mark.parametrize("version", sorted(BUILDER_TARGETS))
def test_builder_output_has_no_error_for_the_targets_it_claims(version: str) -> None:
    doc = _built(version)
    for target in BUILDER_TARGETS[version]:
        assert errors(doc, target) == [], (version, target)


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.ovf")))
def test_examples_have_no_error_for_the_builder_targets(name: str) -> None:
    doc = ovfmodel.parse(EXAMPLES / name)
    for target in BUILDER_TARGETS["2.0" if doc.version.startswith("2") else "1.0"]:
        assert errors(EXAMPLES / name, target) == [], (name, target)


PORT_CORPUS = sorted(DATA.glob("*.ovf")) + sorted(EXAMPLES.glob("*.ovf"))


@pytest.mark.parametrize("path", PORT_CORPUS, ids=[p.name for p in PORT_CORPUS])
def test_port_is_lossless_and_lists_what_it_refuses(path: Path) -> None:
    original = path.read_bytes()
    for target in ALL:
        result = port(path, target)
        out = ovfmodel.parse(result.data, name="out.ovf")
        assert round_trips(out, result.data)
        left = errors(result.data, target)
        assert sorted(left) == sorted(c.code for c in result.refused if c.code in left)
        assert result.clean is (not left)
        if not result.changes:
            assert result.data == original  # nothing to change: byte for byte the input


@pytest.mark.parametrize("target", ALL)
def test_port_output_of_examples_and_builder_is_clean(target: str, tmp_path: Path) -> None:
    sources: list[Path] = [EXAMPLES / "legacy-vmware-1.0.ovf"]
    built = tmp_path / "built.ovf"
    ovfmodel.write(_built("1.0"), built)
    sources.append(built)
    if target in BUILDER_TARGETS["2.0"]:
        sources.append(EXAMPLES / "appliance.ovf")
    for source in sources:
        result = port(source, target)
        assert result.clean, (source.name, [c.message for c in result.refused])
        assert errors(result.data, target) == []


def test_port_vsphere_fixes_a_virtualbox_export() -> None:
    result = port(DATA / "virtualbox-6-ovf10.ovf", "vsphere")
    fixed = {c.code for c in result.changes}
    assert fixed == {"VSPHERE001", "VSPHERE004", "VSPHERE006"}
    assert [c.code for c in result.refused] == ["VSPHERE012"]  # type 35 sound: no such device
    after = target_codes(result.data, ["vsphere"])
    assert "VSPHERE001" not in after and "VSPHERE004" not in after
    assert b"<vssd:VirtualSystemType>vmx-13 virtualbox-2.2<" in result.data


def test_port_rewrites_memory_units_for_the_importers_that_ignore_them() -> None:
    data = descriptor(
        items=replace(MEMORY, item(4, "2", AllocationUnits="byte * 2^30", VirtualQuantity="4"))
    )
    for target, code in (("proxmox", "PVE004"), ("virt-v2v", "V2V007")):
        assert code in target_codes(data, [target])
        result = port(data, target)
        assert [c.code for c in result.changes] == [code]
        assert b"<rasd:VirtualQuantity>4096</rasd:VirtualQuantity>" in result.data
        assert code not in target_codes(result.data, [target])
    odd = descriptor(
        items=replace(MEMORY, item(4, "2", AllocationUnits="byte*2^20", VirtualQuantity="512"))
    )
    result = port(odd, "virtualbox")
    assert result.clean and b"byte * 2^20" in result.data


def test_port_refuses_what_it_cannot_change_faithfully() -> None:
    result = port(EXAMPLES / "appliance.ovf", "xenserver")
    assert not result.clean and [c.code for c in result.refused] == ["XEN001"]
    assert "OVF 1" in result.refused[0].message


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ovfmodel", *args], capture_output=True, text=True, check=False
    )


def test_cli_validate_with_targets() -> None:
    vbox = str(DATA / "virtualbox-6-ovf10.ovf")
    done = run("validate", "--target", "vsphere", vbox)
    assert done.returncode == 1 and "error VSPHERE001" in done.stdout
    done = run("validate", "--target", "virtualbox,proxmox", "--select", "VBOX,PVE", vbox)
    assert done.returncode == 0 and "VSPHERE" not in done.stdout
    done = run("validate", "--select", "VBOX013", vbox)  # target codes need their target
    assert done.returncode == 2 and "--target virtualbox" in done.stderr
    done = run("validate", "--target", "hyperv", vbox)
    assert done.returncode == 2 and done.stderr.startswith(
        "ovfmodel: error: --target: unknown target"
    )
    done = run("validate", "--target", "all", "--format", "json", vbox)
    assert done.returncode == 1
    for code in ("VSPHERE001", "PVE009", "V2V015", "XEN007", "VBOX019"):
        assert f'"{code}"' in done.stdout


def test_cli_info_target_text_and_json() -> None:
    done = run("info", "--target", "proxmox", str(DATA / "vmware-ovftool-appliance.ovf"))
    assert done.returncode == 0 and "CPUs 24" in done.stdout and "scsi0" in done.stdout
    done = run("info", "--target", "virtualbox", "--json", str(EXAMPLES / "appliance.ovf"))
    (body,) = json.loads(done.stdout)["targets"]
    assert body["target"] == "virtualbox" and body["machines"][0]["memory_mib"] == 4096
    done = run("info", "--target", "xenserver", str(EXAMPLES / "appliance.ovf"))
    assert "REFUSED" in done.stdout and "XEN001" in done.stdout
    assert run("info", "--target", "nope", str(EXAMPLES / "appliance.ovf")).returncode == 2


def test_cli_port(tmp_path: Path) -> None:
    out = tmp_path / "out.ovf"
    vbox = str(DATA / "virtualbox-6-ovf10.ovf")
    done = run("port", "--target", "vsphere", vbox, "-o", str(out))
    assert done.returncode == 1 and "refused" in done.stdout and out.is_file()
    again = run("port", "--target", "vsphere", vbox, "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    done = run(
        "port", "--target", "virtualbox", vbox, "-o", str(out), "--force", "--format", "json"
    )
    assert done.returncode == 0 and json.loads(done.stdout)["clean"] is True
    assert out.read_bytes() == Path(vbox).read_bytes()
    missing = run(
        "port", "--target", "vsphere", str(tmp_path / "none.ovf"), "-o", str(tmp_path / "x.ovf")
    )
    assert missing.returncode == 2 and missing.stderr.startswith("ovfmodel: error:")


def test_targets_on_an_ova(tmp_path: Path) -> None:
    """validate --target and info --target read the descriptor inside an OVA."""
    from ovfmodel.info import describe
    from ovfmodel.package import write_ova

    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "vm.ovf").write_bytes(descriptor(system_type="virtualbox-2.2"))
    (folder / "disk1.vmdk").write_bytes(b"\0" * 1000)
    ova = tmp_path / "vm.ova"
    write_ova(folder / "vm.ovf", ova)
    report = validate(ova, targets=["vsphere"])
    (found,) = [d for d in report.diagnostics if d.code == "VSPHERE001"]
    assert found.location.file == f"{ova}!vm.ovf" and found.location.line is not None
    info = describe(ova, targets="vsphere,proxmox")
    assert [t.target for t in info.targets] == ["vsphere", "proxmox"]
    assert info.targets[0].refused and info.targets[1].machines[0].name == "vm"
    done = run("validate", "--target", "vsphere", str(ova))
    assert done.returncode == 1 and "vm.ova!vm.ovf" in done.stdout


def test_cli_port_never_prints_python_none(tmp_path: Path) -> None:
    """A drive without Parent was reported as "Parent None" (VBOX007), Python's None."""
    src = str(DATA / "xenserver-xencenter-export.ovf")
    for target in list(portability.TARGETS):
        out = tmp_path / f"{target}.ovf"
        done = run("port", "--target", target, src, "-o", str(out))
        assert done.returncode in (0, 1), done.stderr
        assert "None" not in done.stdout + done.stderr
    done = run("port", "--target", "virtualbox", src, "-o", str(tmp_path / "v.ovf"), "--force")
    assert "VBOX007: Parent (none) is no controller VirtualBox knows" in done.stdout


def test_cli_port_targets_offered_are_the_targets_accepted(tmp_path: Path) -> None:
    src = str(DATA / "xenserver-xencenter-export.ovf")
    done = run("port", "--target", "foo", src, "-o", str(tmp_path / "x.ovf"))
    assert done.returncode == 2
    assert "unknown target 'foo'" in done.stderr and "all" not in done.stderr
    offered = done.stderr.split("targets are ")[1].strip().split(", ")
    assert offered == list(portability.TARGETS)
    for name in offered:
        out = tmp_path / f"{name}.ovf"
        assert run("port", "--target", name, src, "-o", str(out)).returncode in (0, 1)
    done = run("port", "--target", "all", src, "-o", str(tmp_path / "all.ovf"))
    assert done.returncode == 2 and "one target is needed" in done.stderr
    assert not (tmp_path / "all.ovf").exists()


def test_cli_port_rewrites_an_ova_and_a_folder_as_packages(tmp_path: Path) -> None:
    """port reads an OVA or a package folder and writes a package that verifies, with the
    input's digest, signed again on request; the disks go through unchanged."""
    from test_package_support import make_pki

    from ovfmodel.package import open_package, write_ova

    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "vm.ovf").write_bytes(descriptor(system_type="virtualbox-2.2"))
    disk = b"disk" * 250  # the fixture says ovf:size="1000"
    (folder / "disk1.vmdk").write_bytes(disk)
    ova = tmp_path / "vm.ova"
    write_ova(folder / "vm.ovf", ova, digest="sha512")
    out = tmp_path / "vm-vsphere.ova"
    done = run("port", "--target", "vsphere", str(ova), "-o", str(out))
    assert done.returncode in (0, 1), done.stderr
    assert "VirtualSystemType" in done.stdout or "vmx-" in done.stdout
    ported = open_package(out)
    assert ported.check().ok
    with ported.open(ported.manifest_name or "vm.mf") as stream:
        assert stream.read().startswith(b"SHA512(")
    with ported.open("disk1.vmdk") as stream:
        assert stream.read() == disk
    assert "VSPHERE001" not in [d.code for d in validate(out, targets=["vsphere"]).diagnostics]
    # a folder in, a signed folder out
    pki = make_pki(tmp_path / "pki")
    signed = tmp_path / "signed"
    done = run(
        "port", "--target", "vsphere", str(folder), "-o", str(signed),
        "--sign", str(pki.key_path), "--cert", str(pki.cert_path),
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    assert (signed / "vm.cert").is_file() and open_package(signed).check().ok
    # --sign needs a package; an existing output needs --force
    lone = run(
        "port", "--target", "vsphere", str(folder / "vm.ovf"), "-o", str(tmp_path / "x.ovf"),
        "--sign", str(pki.key_path), "--cert", str(pki.cert_path),
    )  # fmt: skip
    assert lone.returncode == 2 and "--sign applies to packages" in lone.stderr
    assert run("port", "--target", "vsphere", str(ova), "-o", str(out)).returncode == 2
