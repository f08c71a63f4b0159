"""Issue 13: `ovfmodel edit` as a user runs it (the real process)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from editing import DATA, errors, vmdk_image
from test_edit_package import members, vendor_folder
from test_package_support import Pki, make_pki

import ovfmodel
from ovfmodel import model
from ovfmodel.package import write_ova


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ovfmodel", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_many_edits_on_a_signed_ova(tmp_path: Path, pki: Pki) -> None:
    ova = write_ova(
        vendor_folder(tmp_path / "src"), tmp_path / "in.ova", sign=(pki.key_path, pki.cert_path)
    )
    image = vmdk_image(tmp_path / "data.vmdk", 2**30)
    seed = tmp_path / "user-data"
    seed.write_text("#cloud-config\n")
    out = tmp_path / "out.ova"
    done = run(
        "edit", ova, "-o", out,
        "--cpus", "8", "--profile", "performance", "--memory", "16GiB",
        "--add-network", "backend", "--nic", "backend:E1000",
        "--add-disk", image, "--inject-config", seed, "--iso-label", "cidata",
        "--set-property", "hostname=from-cli", "--product-version", "4.0",
        "--sign", pki.key_path, "--cert", pki.cert_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    verified = run("verify", out, "--trust", pki.ca_path)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    data = members(out)
    doc = ovfmodel.parse(data["appliance.ovf"])
    assert errors(data["appliance.ovf"]) == []
    assert "backend" in [n.name for n in model.networks(doc)]
    assert [f.href for f in model.files(doc)][-2:] == ["data.vmdk", "config.iso"]
    assert b'ovf:value="from-cli"' in data["appliance.ovf"]


def test_signature_dropped_with_a_warning(tmp_path: Path, pki: Pki) -> None:
    ova = write_ova(
        vendor_folder(tmp_path / "src"), tmp_path / "in.ova", sign=(pki.key_path, pki.cert_path)
    )
    done = run("edit", ova, "--annotation", "edited in place")
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("ovfmodel: warning:") and "--sign KEY --cert CERT" in done.stderr
    assert "appliance.cert" not in members(ova)
    assert run("verify", ova).returncode == 0


def test_refused_edit_writes_nothing(tmp_path: Path) -> None:
    ova = write_ova(vendor_folder(tmp_path / "src"), tmp_path / "in.ova")
    before = ova.read_bytes()
    out = tmp_path / "out.ova"
    done = run("edit", ova, "-o", out, "--cpus", "4", "--remove-network", "VM Network")
    assert done.returncode == 1
    assert done.stderr.startswith("ovfmodel: error: ") and "--with-users" in done.stderr
    assert not out.exists()
    done = run("edit", ova, "--cpus", "4", "--set-property", "no.such.key=1")
    assert done.returncode == 1
    assert ova.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sign", "key.pem"], "--sign and --cert go together"),
        (["--rename-network", "novalue"], "--rename-network takes"),
        (["--cores-per-socket", "2"], "--cores-per-socket goes with --cpus"),
    ],
)
def test_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    descriptor = tmp_path / "vm.ovf"
    shutil.copy(DATA / "vmware-ovftool-appliance.ovf", descriptor)
    done = run("edit", descriptor, *args)
    assert done.returncode == 2
    assert done.stderr.startswith("ovfmodel: error: ") and message in done.stderr


def test_descriptor_in_place_keeps_the_rest(tmp_path: Path) -> None:
    descriptor = tmp_path / "vm.ovf"
    shutil.copy(DATA / "cisco-appliance-deployment-options.ovf", descriptor)
    original = descriptor.read_bytes()
    seed = tmp_path / "seed" / "user-data"
    seed.parent.mkdir()
    seed.write_text("x")
    done = run(
        "edit", descriptor, "--memory", "6GiB", "--rename-network", "GigabitEthernet3=wan",
        "--inject-config", seed, "--add-empty-disk", "16GiB",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = descriptor.read_bytes()
    assert out != original and errors(out) == []
    assert (tmp_path / "config.iso").is_file()
    doc = ovfmodel.parse(out)
    assert "wan" in [n.name for n in model.networks(doc)]
    assert b"<!--" not in original or b"<!--" in out


def test_descriptor_without_references(tmp_path: Path) -> None:
    """Tester defect: any edit crashed on a descriptor without <References> (AttributeError)."""
    descriptor = tmp_path / "vm.ovf"
    shutil.copy(DATA / "quirk-missing-references.ovf", descriptor)
    done = run("edit", descriptor, "-o", tmp_path / "cpus.ovf", "--cpus", "2")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert model.virtual_systems(ovfmodel.parse(tmp_path / "cpus.ovf"))
    extra = tmp_path / "notes.txt"
    extra.write_text("hello\n")
    done = run("edit", descriptor, "-o", tmp_path / "file.ovf", "--add-file", extra)
    assert done.returncode == 0, done.stderr
    assert [f.href for f in model.files(ovfmodel.parse(tmp_path / "file.ovf"))] == ["notes.txt"]


def test_no_edit_option_is_a_usage_error(tmp_path: Path) -> None:
    descriptor = tmp_path / "vm.ovf"
    shutil.copy(DATA / "vmware-ovftool-appliance.ovf", descriptor)
    before = descriptor.stat().st_mtime_ns, descriptor.read_bytes()
    for extra in ([], ["--controller", "scsi0", "--with-users"]):
        done = run("edit", descriptor, *extra)
        assert done.returncode == 2
        assert done.stdout == ""
        assert done.stderr.startswith("ovfmodel: error: no edit given")
        assert "--cpus" in done.stderr and "--add-disk" in done.stderr
    assert (descriptor.stat().st_mtime_ns, descriptor.read_bytes()) == before


def test_descriptor_without_virtual_system(tmp_path: Path) -> None:
    descriptor = tmp_path / "empty.ovf"
    descriptor.write_text(
        '<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1"'
        ' xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"><References/>'
        '<VirtualSystemCollection ovf:id="empty"><Info>none inside</Info>'
        "</VirtualSystemCollection></Envelope>"
    )
    done = run("edit", descriptor, "--cpus", "2")
    assert done.returncode == 1
    assert "no virtual system to edit" in done.stderr
    assert "name one" not in done.stderr


@pytest.mark.parametrize(
    "args", [["--cpus", "99999999999999999999999"], ["--memory", "99999999999999999999GiB"]]
)
def test_quantity_too_large_for_the_schema(tmp_path: Path, args: list[str]) -> None:
    descriptor = tmp_path / "vm.ovf"
    shutil.copy(DATA / "vmware-ovftool-appliance.ovf", descriptor)
    out = tmp_path / "out.ovf"
    done = run("edit", descriptor, "-o", out, *args)
    assert done.returncode == 1
    assert "outside 1..18446744073709551615" in done.stderr
    assert not out.exists()


def test_add_property_takes_the_build_specs_property_shape_as_json(tmp_path: Path) -> None:
    src = tmp_path / "vm.ovf"
    shutil.copy(DATA / "vmware-ovftool-appliance.ovf", src)
    spec = (
        '{"key": "support.password", "type": "string", "label": "Admin password",'
        ' "password": true, "min_len": 8, "max_len": 64}'
    )
    done = run("edit", src, "--add-property", spec, "--add-property", "ntp:string=pool.ntp.org")
    assert done.returncode == 0, done.stderr
    doc = ovfmodel.parse(src)
    props = {
        str(p.key): p
        for vs in model.iter_content(doc)
        for ps in model.product_sections(vs)
        for p in model.properties(ps)
    }
    added = props["support.password"]
    assert added.password is True and added.user_configurable is True
    assert str(added.qualifiers) == "MinLen(8),MaxLen(64)"
    assert added.label is not None and added.label.value == "Admin password"
    assert props["ntp"].value_attribute == "pool.ntp.org"
    before = src.read_bytes()
    for bad, said in (
        ('{"key": "k", "typ": "string"}', "typ: Extra inputs are not permitted"),
        ('{"key": "k", "type": "uint8", "default": 300}', "does not fit uint8"),
        ("{nope", "not JSON"),
        ('["k"]', "give a JSON object"),
    ):
        refused = run("edit", src, "--add-property", bad)
        assert refused.returncode in (1, 2) and said in refused.stderr, refused.stderr
        assert "Traceback" not in refused.stderr
    assert src.read_bytes() == before


def test_categories_are_added_and_removed(tmp_path: Path) -> None:
    src = tmp_path / "vm.ovf"
    shutil.copy(DATA / "cisco-appliance-deployment-options.ovf", src)
    original = src.read_bytes()

    def headings_and_keys() -> list[str]:
        doc = ovfmodel.parse(src)
        return [
            f"[{e.value}]" if not hasattr(e, "key") else str(e.key)
            for vs in model.iter_content(doc)
            for ps in model.product_sections(vs)
            for e in ps.category_or_property
        ]

    before = headings_and_keys()
    assert "[2. Features]" in before
    # a category that still lists properties is refused, naming them; nothing is written
    refused = run("edit", src, "--remove-category", "2. Features")
    assert refused.returncode == 1 and "lists properties" in refused.stderr, refused.stderr
    assert src.read_bytes() == original
    unknown = run("edit", src, "--remove-category", "Nope")
    assert unknown.returncode == 1 and "'1. Bootstrap Properties'" in unknown.stderr
    # with its properties: the heading and exactly the properties under it go
    done = run("edit", src, "--remove-category", "2. Features", "--with-users")
    assert done.returncode == 0, done.stderr
    start = before.index("[2. Features]")
    end = before.index("[3. Additional Settings]")
    assert headings_and_keys() == before[:start] + before[end:]
    # new headings, each property under the heading given before it on the command line
    done = run(
        "edit", src, "--add-property", "k1:boolean", "--add-category", "4. Extra",
        "--add-property", "k2:boolean", "--add-category", "5. More", "--add-property", "k3:string",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert headings_and_keys()[-5:] == ["k1", "[4. Extra]", "k2", "[5. More]", "k3"]
    again = run("edit", src, "--add-category", "4. Extra")
    assert again.returncode == 1 and "exists already" in again.stderr


@pytest.mark.parametrize("command", [["edit", "--cpus", "4"], ["convert", "--to", "2.0"]])
def test_output_that_exists_needs_force(tmp_path: Path, command: list[str]) -> None:
    # as build, pack and port: -o never replaces another file without --force
    ova = write_ova(vendor_folder(tmp_path / "src"), tmp_path / "in.ova")
    precious = tmp_path / "other.ova"
    precious.write_bytes(b"another package")
    name, *options = command
    done = run(name, ova, "-o", precious, *options)
    assert done.returncode == 2, done
    assert done.stderr == f"ovfmodel: error: {precious} exists; use --force to replace it\n"
    assert precious.read_bytes() == b"another package"
    done = run(name, ova, "-o", precious, *options, "--force")
    assert done.returncode == 0, done.stderr
    assert members(precious)  # now the edited package
    # a descriptor likewise; naming the input itself is editing in place, no --force needed
    descriptor = tmp_path / "vm.ovf"
    shutil.copy(DATA / "vmware-ovftool-appliance.ovf", descriptor)
    notes = tmp_path / "notes.ovf"
    notes.write_text("keep me")
    assert run(name, descriptor, "-o", notes, *options).returncode == 2
    assert notes.read_text() == "keep me"
    done = run(name, descriptor, "-o", descriptor, *options)
    assert done.returncode == 0, done.stderr
    assert run(name, descriptor, "-o", tmp_path / "new.ovf", *options).returncode == 0
