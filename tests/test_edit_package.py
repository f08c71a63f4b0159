"""Issue 13: edits of OVAs and package folders, written back as verified packages."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pycdlib
import pytest
from editing import DATA, vmdk_image
from test_package_support import Pki, make_pki

import ovfmodel
from ovfmodel import model
from ovfmodel.edit import open_package_editor
from ovfmodel.errors import EditError
from ovfmodel.package import open_package, write_ova

VMWARE = DATA / "vmware-ovftool-appliance.ovf"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


def vendor_folder(folder: Path, source: Path = VMWARE) -> Path:
    """A package folder around a vendor descriptor: random bytes for each File."""
    folder.mkdir(parents=True)
    doc = ovfmodel.parse(source)
    for index, file in enumerate(model.files(doc)):
        data = os.urandom(3000 + index)
        (folder / file.href).write_bytes(data)
        file.size = len(data)
    descriptor = folder / "appliance.ovf"
    ovfmodel.write(doc, descriptor)
    return descriptor


def verify(path: Path, pki: Pki | None = None) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-m", "ovfmodel", "verify", str(path)]
    if pki is not None:
        args += ["--trust", str(pki.ca_path)]
    return subprocess.run(args, capture_output=True, text=True, check=False)


def members(ova: Path) -> dict[str, bytes]:
    with tarfile.open(ova) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]


def order(ova: Path) -> list[str]:
    with tarfile.open(ova) as tar:
        return tar.getnames()


@pytest.mark.parametrize("resign", [True, False], ids=["re-signed", "signature-dropped"])
def test_edit_signed_ova(tmp_path: Path, pki: Pki, resign: bool) -> None:
    descriptor = vendor_folder(tmp_path / "src")
    ova = write_ova(
        descriptor, tmp_path / "in.ova", digest="sha512", sign=(pki.key_path, pki.cert_path)
    )
    image = vmdk_image(tmp_path / "data.vmdk", 2**30)
    sign = (pki.key_path, pki.cert_path) if resign else None
    with open_package_editor(ova) as ed:
        assert ed.signed and ed.digest is not None and ed.digest.value == "SHA512"
        ed.set_cpus(8, configuration="performance")
        ed.set_property(ed.find_property("hostname").key, "edited-host")
        ed.add_disk(image)
        result = ed.save(tmp_path / "out.ova", sign=sign)
    assert bool(result.warnings) is not resign
    if not resign:
        assert "--sign KEY --cert CERT" in result.warnings[0]
    run = verify(result.path, pki if resign else None)
    assert run.returncode == 0, run.stdout + run.stderr
    before, after = members(ova), members(result.path)
    for name, data in before.items():
        if name.endswith((".vmdk", ".nvram", ".png")):
            assert after[name] == data  # untouched bytes, streamed through
    assert after["data.vmdk"] == image.read_bytes()
    names = order(result.path)
    expected = ["appliance.ovf", "appliance.mf"] + (["appliance.cert"] if resign else [])
    assert names[: len(expected)] == expected
    doc = ovfmodel.parse(after["appliance.ovf"])
    assert [f.href for f in model.files(doc)] == names[len(expected) :]
    assert model.files(doc)[-1].size == image.stat().st_size
    assert after["appliance.mf"].startswith(b"SHA512(")


def test_edit_folder_in_place(tmp_path: Path) -> None:
    from ovfmodel.package import write_directory

    descriptor = vendor_folder(tmp_path / "pkg")
    write_directory(descriptor, descriptor.parent, digest="sha256")
    disk_file = model.files(ovfmodel.parse(descriptor))[0].href
    disk_id = model.disks(ovfmodel.parse(descriptor))[0].disk_id
    with open_package_editor(descriptor.parent) as ed:
        ed.remove_disk(disk_id)
        ed.add_disk(capacity="8GiB")
        result = ed.save()
    assert result.path == descriptor
    assert any(disk_file in w for w in result.warnings)
    run = verify(descriptor.parent)
    assert run.returncode == 0, run.stdout + run.stderr
    doc = ovfmodel.parse(descriptor)
    assert disk_file not in [f.href for f in model.files(doc)]
    assert (descriptor.parent / "appliance.mf").read_text().startswith("SHA256(")


def test_ova_to_folder_and_back(tmp_path: Path) -> None:
    ova = write_ova(vendor_folder(tmp_path / "src"), tmp_path / "in.ova", digest=None)
    with open_package_editor(ova) as ed:
        assert ed.digest is None
        ed.set_memory("2GiB")
        folder = ed.save(tmp_path / "unpacked").path.parent
    assert not (folder / "appliance.mf").exists()
    assert verify(folder).returncode == 0
    with open_package_editor(folder) as ed:
        ed.set_annotation("again")
        out = ed.save(tmp_path / "again.ova", digest="sha256").path
    assert verify(out).returncode == 0
    assert members(out)["appliance.mf"].startswith(b"SHA256(")


def test_inject_config(tmp_path: Path) -> None:
    ova = write_ova(vendor_folder(tmp_path / "src"), tmp_path / "in.ova")
    user_data = tmp_path / "user-data"
    user_data.write_text("#cloud-config\nhostname: edited\n")
    meta = tmp_path / "meta-data"
    meta.write_text("instance-id: 1\n")
    with open_package_editor(ova) as ed:
        drive = ed.inject_config([user_data, meta], label="cidata")
        out = ed.save(tmp_path / "out.ova").path
    assert verify(out).returncode == 0
    doc = ovfmodel.parse(members(out)["appliance.ovf"])
    iso_file = model.files(doc)[-1]
    assert iso_file.href == "config.iso"
    assert [h.value for h in drive.host_resource] == [f"ovf:/file/{iso_file.id}"]
    (tmp_path / "config.iso").write_bytes(members(out)["config.iso"])
    iso = pycdlib.PyCdlib()
    iso.open(str(tmp_path / "config.iso"))
    try:
        names = [
            child.rock_ridge.name()
            for child in iso.list_children(rr_path="/")
            if child.rock_ridge is not None and not child.is_dot() and not child.is_dotdot()
        ]
        assert sorted(names) == [b"meta-data", b"user-data"]
        assert iso.pvd.volume_identifier.rstrip() == b"cidata"
    finally:
        iso.close()


def test_missing_member_is_refused(tmp_path: Path) -> None:
    ova = write_ova(vendor_folder(tmp_path / "src"), tmp_path / "in.ova")
    with open_package_editor(ova) as ed:
        ed.builder().add_file("ghost", "ghost.vmdk")
        with pytest.raises(EditError, match="ghost.vmdk"):
            ed.save(tmp_path / "out.ova")
    assert not (tmp_path / "out.ova").exists()


def test_lone_descriptor_needs_a_place_for_the_iso(tmp_path: Path) -> None:
    from ovfmodel.edit import Editor

    config = tmp_path / "user-data"
    config.write_text("x")
    ed = Editor(ovfmodel.parse(VMWARE))
    with pytest.raises(EditError, match="iso_path"):
        ed.inject_config([config])
    ed.inject_config([config], iso_path=tmp_path / "seed.iso")
    assert (tmp_path / "seed.iso").stat().st_size > 0
    assert open_package is not None
