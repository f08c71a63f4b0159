"""Small files a user names on the command line (keys, certificates, trust anchors, build specs,
license texts) are read like descriptors: regular files only, bounded in size.

`ovfmodel verify X.ova --trust /dev/zero` read until the kernel killed it; `build /dev/zero`,
`edit --eula-file /dev/zero` and `pack --sign /dev/zero` ended in a MemoryError traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import ovfmodel
from ovfmodel import model

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ovfmodel", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def package(tmp_path: Path) -> Path:
    folder = tmp_path / "pkg"
    folder.mkdir()
    descriptor = folder / "appliance.ovf"
    doc = ovfmodel.parse(EXAMPLES / "appliance.ovf")
    for f in model.files(doc):  # small disks (the example's are 1.3 GB: gigabytes per test)
        f.size = 512
        (folder / f.href).write_bytes(b"\0" * 512)
    descriptor.write_bytes(ovfmodel.serialize(doc))
    ova = tmp_path / "appliance.ova"
    assert run("pack", descriptor, "-o", ova, cwd=tmp_path).returncode == 0
    return ova


def special_files(tmp_path: Path) -> list[Path]:
    fifo = tmp_path / "fifo.pem"
    os.mkfifo(fifo)  # opening it would wait for a writer
    return [Path("/dev/zero"), fifo, tmp_path]


def assert_refused(done: subprocess.CompletedProcess[str], path: Path) -> None:
    assert done.returncode in (1, 2), done
    assert done.stderr.startswith("ovfmodel: error: "), done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert str(path) in done.stderr


def test_trust_sign_and_cert_refuse_what_is_no_file(tmp_path: Path, package: Path) -> None:
    for path in special_files(tmp_path):
        assert_refused(run("verify", package, "--trust", path, cwd=tmp_path), path)
        signed = tmp_path / "signed.ova"
        descriptor = tmp_path / "pkg" / "appliance.ovf"
        done = run("pack", descriptor, "-o", signed, "--sign", path, "--cert", path, cwd=tmp_path)
        assert_refused(done, path)
        assert not signed.exists()


def test_build_spec_and_eula_refuse_what_is_no_file(tmp_path: Path) -> None:
    descriptor = tmp_path / "vm.ovf"
    descriptor.write_bytes((EXAMPLES / "appliance.ovf").read_bytes())
    before = descriptor.read_bytes()
    for path in special_files(tmp_path):
        assert_refused(run("build", path, "-o", tmp_path / "out.ovf", cwd=tmp_path), path)
        assert_refused(run("edit", descriptor, "--eula-file", path, cwd=tmp_path), path)
    assert descriptor.read_bytes() == before
    assert not (tmp_path / "out.ovf").exists()


def test_a_huge_pem_is_refused_before_it_is_read(tmp_path: Path, package: Path) -> None:
    huge = tmp_path / "huge.pem"
    with open(huge, "wb") as fh:
        fh.truncate(65 * 1024 * 1024)  # sparse: costs no disk
    done = run("verify", package, "--trust", huge, cwd=tmp_path)
    assert_refused(done, huge)
    assert "MiB" in done.stderr
