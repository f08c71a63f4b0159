"""`ovfmodel validate PACKAGE`: descriptor rules and package rules (PKG) in one report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_package_support import Ref, descriptor, flip_byte, make_source

import ovfmodel
from ovfmodel.package import open_package, write_directory, write_ova
from ovfmodel.validation import validate, validate_package
from ovfmodel.validation.cli import main


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A descriptor with a disk and an ISO beside it, no manifest."""
    return make_source(tmp_path / "src")


@pytest.fixture
def ova(tmp_path: Path, source: Path) -> Path:
    return write_ova(source, tmp_path / "vm.ova")


def test_ova_reports_descriptor_and_package(ova: Path) -> None:
    report = validate_package(ova)
    assert report.source == str(ova)
    # the test descriptor's ISO and disk are not attached to any Item: OVF107, OVF203
    assert set(report.codes()) == {"OVF107", "OVF203"}
    assert {d.location.file for d in report.diagnostics} == {f"{ova}!vm.ovf"}
    assert report.ok
    assert validate(ova).codes() == report.codes()  # validate() hands packages over
    assert ovfmodel.validate(str(ova)).codes() == report.codes()


def test_tampered_disk_in_ova(ova: Path) -> None:
    member = open_package(ova)._stored["disk1.vmdk"]
    flip_byte(ova, member.offset + 100)
    report = validate_package(ova)
    [digest] = [d for d in report.diagnostics if d.code == "PKG203"]
    assert digest.location.file == f"{ova}!vm.mf" and digest.location.line is not None
    assert "disk1.vmdk" in digest.message
    assert not report.ok
    assert validate_package(ova, package_checks=False).ok  # the descriptor alone is fine
    assert validate_package(ova, ignore="PKG2").ok


def test_package_folder_with_a_missing_file(tmp_path: Path, source: Path) -> None:
    folder = write_directory(source, tmp_path / "pkg")
    (folder / "tools.iso").unlink()
    report = validate_package(folder)
    assert report.source == str(folder)
    missing = [d for d in report.diagnostics if d.code == "PKG101"]
    assert missing and missing[0].location.file == str(folder / "vm.ovf")
    assert "OVF107" in report.codes()  # the descriptor's own rules ran too


def test_descriptor_beside_its_package_gets_package_checks(source: Path) -> None:
    (source.parent / "disk1.vmdk").write_bytes(b"shorter than declared")
    report = validate_package(source)
    assert report.source == str(source)
    assert "PKG102" in report.codes()  # ovf:size differs from the file
    assert "PKG102" not in validate_package(source, package_checks=False).codes()


def test_descriptor_alone_is_checked_as_a_descriptor(tmp_path: Path, source: Path) -> None:
    alone = tmp_path / "alone" / "vm.ovf"
    alone.parent.mkdir()
    shutil.copy(source, alone)
    report = validate_package(alone)
    assert report.codes() == validate(alone).codes()
    assert not [c for c in report.codes() if c.startswith("PKG")]


def test_package_rule_twins_are_reported_once(tmp_path: Path) -> None:
    folder = tmp_path / "dup"
    folder.mkdir()
    (folder / "a.vmdk").write_bytes(b"a" * 10)
    (folder / "b.vmdk").write_bytes(b"b" * 10)
    refs = [Ref("f1", "a.vmdk", 10), Ref("f1", "b.vmdk", 10, disk=False)]
    (folder / "vm.ovf").write_bytes(descriptor(refs))
    report = validate_package(folder / "vm.ovf")
    assert "OVF101" in report.codes() and "PKG111" not in report.codes()
    # ignoring the descriptor rule brings the package rule's report back
    assert "PKG111" in validate_package(folder / "vm.ovf", ignore="OVF101").codes()


def test_unreadable_package_is_ovf001(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ova"
    bad.write_bytes(b"this is not a tar archive" * 40)
    report = validate_package(bad)
    assert report.codes() == ["OVF001"] and not report.ok
    assert "cannot open the package" in report.diagnostics[0].message
    assert main(["validate", str(bad)]) == 2


def test_cli_validates_packages(ova: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(ova), "--format", "json"]) == 0
    [report] = json.loads(capsys.readouterr().out)
    assert report["source"] == str(ova)
    member = open_package(ova)._stored["disk1.vmdk"]
    flip_byte(ova, member.offset + 1)
    assert main(["validate", str(ova)]) == 1
    assert "PKG203" in capsys.readouterr().out
    assert main(["validate", "--no-package", str(ova)]) == 0
    assert main(["validate", "--trust", str(ova.parent / "missing.pem"), str(ova)]) == 2
