"""A package folder holds exactly one descriptor (DSP0243 5.1): pack, port and edit refuse to
write a package into a folder holding another package's descriptor, even with --force, before
writing anything; the folder's own package may still be rewritten in place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_package_support import make_source

from ovfmodel.errors import PackageError
from ovfmodel.package import open_package, unpack, write_directory


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ovfmodel", *args], capture_output=True, text=True, check=False
    )


def _other_package(folder: Path) -> dict[str, bytes]:
    """A folder package named other.ovf; returns its files' bytes to compare after."""
    desc = make_source(folder.parent / "other-src")
    write_directory(desc.rename(desc.with_name("other.ovf")), folder)
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _unchanged(folder: Path, before: dict[str, bytes]) -> bool:
    return {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_pack_refuses_a_folder_holding_another_package(tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = _other_package(out)
    src = make_source(tmp_path / "src")
    for extra in ([], ["--force"]):
        done = run("pack", str(src), "-o", str(out), "--directory", *extra)
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("ovfmodel: error:")
        assert "other.ovf" in done.stderr and "exactly one" in done.stderr
        assert _unchanged(out, before)
    assert open_package(out).check().ok
    # an empty folder, and the same package again over itself, are fine
    assert run("pack", str(src), "-o", str(tmp_path / "fresh"), "--directory").returncode == 0
    again = run("pack", str(src), "-o", str(tmp_path / "fresh"), "--directory", "--force")
    assert again.returncode == 0, again.stderr


def test_write_directory_names_the_other_descriptor(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _other_package(out)
    (out / "third.OVF").write_bytes(b"<x/>")
    src = make_source(tmp_path / "src")
    try:
        write_directory(src, out)
    except PackageError as exc:
        assert exc.file == str(out) and "other.ovf (and 1 more)" in exc.message
    else:
        raise AssertionError("write_directory wrote a second package into the folder")
    assert not (out / "vm.ovf").exists()


def test_packing_in_place_is_not_refused(tmp_path: Path) -> None:
    """A folder already holding several descriptors (sharing disks) can still get a manifest
    for one of them: nothing new lands beside the others."""
    src = make_source(tmp_path / "src")
    (src.parent / "twin.ovf").write_bytes(src.read_bytes())
    write_directory(src, src.parent)
    assert (src.parent / "vm.mf").is_file()


def test_port_and_edit_refuse_a_folder_holding_another_package(tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = _other_package(out)
    src = make_source(tmp_path / "src")
    ova = tmp_path / "vm.ova"
    assert run("pack", str(src), "-o", str(ova)).returncode == 0
    port = run("port", "--target", "vsphere", str(ova), "-o", str(out), "--force")
    assert port.returncode == 2 and "other.ovf" in port.stderr, port.stdout + port.stderr
    edit = run("edit", str(ova), "--annotation", "edited", "-o", str(out))
    assert edit.returncode == 2 and "other.ovf" in edit.stderr, edit.stdout + edit.stderr
    assert _unchanged(out, before)
    # editing a folder package in place still works
    edited = run("edit", str(out / "other.ovf"), "--annotation", "edited")
    assert edited.returncode == 0, edited.stderr


def test_edit_and_convert_refuse_a_second_descriptor_in_the_input_folder(tmp_path: Path) -> None:
    """Writing the edited package under another name into its own folder would leave the input's
    descriptor and manifest beside the new ones: two packages in one folder."""
    folder = tmp_path / "pkg"
    write_directory(make_source(tmp_path / "src"), folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    edit = run("edit", str(folder / "vm.ovf"), "--annotation", "x", "-o", str(folder / "new.ovf"))
    assert edit.returncode == 2 and "vm.ovf" in edit.stderr, edit.stdout + edit.stderr
    assert edit.stderr.startswith("ovfmodel: error:")
    conv = run("convert", "--to", "2.0", str(folder), "-o", str(folder / "v2.ovf"))
    assert conv.returncode == 2 and "vm.ovf" in conv.stderr, conv.stdout + conv.stderr
    assert _unchanged(folder, before)
    # the same name in the same folder is an edit in place
    same = run("edit", str(folder), "--annotation", "x", "-o", str(folder / "vm.ovf"))
    assert same.returncode == 0, same.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(before)
    assert open_package(folder).check().ok


def test_unpack_refuses_a_folder_holding_another_package(tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = _other_package(out)
    ova = tmp_path / "vm.ova"
    assert run("pack", str(make_source(tmp_path / "src")), "-o", str(ova)).returncode == 0
    for extra in ([], ["--overwrite"]):
        done = run("unpack", str(ova), "-d", str(out), *extra)
        assert done.returncode == 2, done.stdout + done.stderr
        assert done.stderr.startswith("ovfmodel: error:") and "other.ovf" in done.stderr
        assert _unchanged(out, before)
    try:
        unpack(ova, out, overwrite=True)
    except PackageError as exc:
        assert exc.file == str(out) and "other.ovf" in exc.message
    else:
        raise AssertionError("unpack extracted a second package into the folder")
    assert _unchanged(out, before)
    # the same package again over itself is fine
    fresh = tmp_path / "fresh"
    assert run("unpack", str(ova), "-d", str(fresh)).returncode == 0
    again = run("unpack", str(ova), "-d", str(fresh), "--overwrite")
    assert again.returncode == 0, again.stderr
