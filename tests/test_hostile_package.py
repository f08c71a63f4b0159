"""Attacks on the package tools (issue 11): each test reproduces one attack on real files.

Sections: signatures, data loss, bounded cost, containment and output. Where the CLI is the
feature the real `python -m ovfmodel` process runs.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import os
import resource
import signal
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import ExtendedKeyUsageOID
from test_package_support import (
    Ref,
    descriptor,
    make_ca,
    make_leaf,
    make_pki,
    make_source,
    ova_members,
    tar_bytes,
)

from ovfmodel.errors import PackageError
from ovfmodel.package import open_package, sign_manifest, unpack, verify_certificate, write_ova


def ovfmodel(*argv: str, stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ovfmodel", *argv],
        capture_output=True,
        text=True,
        check=False,
        stdin=stdin,
    )


def _mf(members: dict[str, bytes], names: list[str]) -> bytes:
    return b"".join(
        f"SHA256({n})= {hashlib.sha256(members[n]).hexdigest()}\n".encode() for n in names
    )


# --- signatures -------------------------------------------------------------------------------


@pytest.fixture
def signed(tmp_path: Path) -> tuple[Path, Path]:
    """A signed OVA and the CA that issued its signer."""
    pki = make_pki(tmp_path / "pki")
    out = tmp_path / "vm.ova"
    write_ova(make_source(tmp_path / "src"), out, sign=(pki.key_path, pki.cert_path))
    return out, pki.ca_path


@pytest.mark.parametrize("keep_manifest", [True, False])
def test_trust_fails_closed_when_the_signature_is_stripped(
    tmp_path: Path, signed: tuple[Path, Path], keep_manifest: bool
) -> None:
    ova, ca = signed
    members = dict(ova_members(ova))
    members["disk1.vmdk"] = b"evil" + members["disk1.vmdk"][4:]  # the attacker's disk
    order = ["vm.ovf", "disk1.vmdk", "tools.iso"]
    content = [(n, members[n]) for n in order]
    if keep_manifest:  # the manifest recomputed over the new disk, the .cert dropped
        content.insert(1, ("vm.mf", _mf(members, order)))
    tampered = tmp_path / "tampered.ova"
    tampered.write_bytes(tar_bytes(content))

    verify = ovfmodel("verify", str(tampered), "--trust", str(ca))
    assert verify.returncode == 1, verify.stdout
    assert "error PKG310" in verify.stdout
    validate = ovfmodel("validate", str(tampered), "--trust", str(ca))
    assert validate.returncode == 1 and "PKG310" in validate.stdout
    # without --trust nobody asked about the origin: the digests match, so it passes
    assert ovfmodel("verify", str(tampered)).returncode == 0


@pytest.mark.parametrize(
    "usage",
    ["server-auth", "no-digital-signature"],
)
def test_trust_refuses_a_certificate_not_issued_for_signing(tmp_path: Path, usage: str) -> None:
    ca, ca_key = make_ca()
    if usage == "server-auth":
        leaf, key = make_leaf(ca, ca_key, eku=ExtendedKeyUsageOID.SERVER_AUTH)
    else:  # a TLS key-exchange certificate: keyUsage keyEncipherment only
        leaf, key = make_leaf(ca, ca_key, eku=None)
        builder = (
            x509.CertificateBuilder()
            .subject_name(leaf.subject)
            .issuer_name(leaf.issuer)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(leaf.not_valid_before_utc)
            .not_valid_after(leaf.not_valid_after_utc)
            .add_extension(
                x509.KeyUsage(False, False, True, False, False, False, False, False, False),
                critical=True,
            )
        )
        leaf = builder.sign(ca_key, hashes.SHA256())
    manifest = b"SHA256(vm.ovf)= " + b"ab" * 32 + b"\n"
    data = sign_manifest(manifest, "vm.mf", key, [leaf])
    diags = verify_certificate(data, manifest, manifest_name="vm.mf", trust=[ca])
    assert [(d.code, d.severity.value) for d in diags] == [("PKG311", "error")]


def test_expired_signer_is_reported_once(tmp_path: Path) -> None:
    # the signer was valid months ago, before the CA certificate given as anchor was issued
    # (a renewed CA): the chain cannot be valid at any one moment, which is the expiry again
    now = dt.datetime.now(dt.UTC)
    ca, ca_key = make_ca(past_days=100)
    leaf, key = make_leaf(
        ca, ca_key, not_before=now - dt.timedelta(days=150), not_after=now - dt.timedelta(days=120)
    )
    manifest = b"SHA256(vm.ovf)= " + b"ab" * 32 + b"\n"
    data = sign_manifest(manifest, "vm.mf", key, [leaf])
    diags = verify_certificate(data, manifest, manifest_name="vm.mf", trust=[ca])
    assert [d.code for d in diags] == ["PKG304"]
    # an untrusted signer that is also expired is still reported as untrusted
    other, _ = make_ca("Other CA")
    diags = verify_certificate(data, manifest, manifest_name="vm.mf", trust=[other])
    assert [d.code for d in diags] == ["PKG304", "PKG305"]


def test_oversized_certificate_is_one_diagnostic(tmp_path: Path, signed: tuple[Path, Path]) -> None:
    ova, ca = signed
    members = ova_members(ova)
    content = [(n, d + b"\n" * (1024 * 1024) if n == "vm.cert" else d) for n, d in members]
    content = [(n, b"x" + d[1:] if n == "tools.iso" else d) for n, d in content]
    big = tmp_path / "big.ova"
    big.write_bytes(tar_bytes(content))
    result = ovfmodel("verify", str(big), "--trust", str(ca))
    assert result.returncode == 1, result.stderr
    assert result.stdout.count("error PKG301") == 1
    assert "more than the 1048576 allowed" in result.stdout
    assert "error PKG203" in result.stdout  # the rest of the package was still checked
    assert "Traceback" not in result.stderr


# --- data loss --------------------------------------------------------------------------------


def _file_size_limit(limit: int) -> Callable[[], None]:
    """For a subprocess: writing past ``limit`` bytes fails with EFBIG, as a full disk would."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def _limited(limit: int, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ovfmodel", *argv],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_file_size_limit(limit),
    )


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_unpack_overwrite_that_fails_keeps_the_users_files(tmp_path: Path) -> None:
    ova = write_ova(make_source(tmp_path / "src", disk_size=3 * 1024 * 1024), tmp_path / "vm.ova")
    target = tmp_path / "mine"
    target.mkdir()
    for name in ("vm.ovf", "vm.mf", "disk1.vmdk", "tools.iso"):
        (target / name).write_bytes(f"the user's own {name}".encode())
    before = _snapshot(target)
    # the disk cannot be written whole: the file system fills up part-way
    result = _limited(1024 * 1024, "unpack", str(ova), "-d", str(target), "--overwrite")
    assert result.returncode == 2, result.stderr
    assert "nothing was extracted" in result.stderr
    assert _snapshot(target) == before  # every file as it was, no staging folder left
    # and with room it works, replacing them
    assert ovfmodel("unpack", str(ova), "-d", str(target), "--overwrite").returncode == 0
    assert open_package(target).check().ok


@pytest.mark.parametrize("victim", ["descriptor", "disk", "hard link to the disk", "key"])
def test_pack_refuses_to_overwrite_its_own_input(tmp_path: Path, victim: str) -> None:
    src = make_source(tmp_path / "src")
    pki = make_pki(tmp_path / "pki")
    out = {
        "descriptor": src,
        "disk": src.parent / "disk1.vmdk",
        "hard link to the disk": tmp_path / "out.ova",
        "key": pki.key_path,
    }[victim]
    if victim.startswith("hard link"):
        os.link(src.parent / "disk1.vmdk", out)
    before = out.read_bytes()
    sign = ["--sign", str(pki.key_path), "--cert", str(pki.cert_path)]
    result = ovfmodel("pack", str(src), "-o", str(out), *sign)
    assert result.returncode == 2, result.stdout
    # a name without .ova is refused before that (a tar is only ever written to NAME.ova)
    expected = "is an input of this package" if out.suffix == ".ova" else "name ends in .ova"
    assert expected in result.stderr
    assert out.read_bytes() == before


def test_folder_package_replaced_as_a_whole_or_not_at_all(tmp_path: Path) -> None:
    src = make_source(tmp_path / "src")
    target = tmp_path / "pkg"
    assert ovfmodel("pack", str(src), "-o", str(target), "--directory").returncode == 0
    before = _snapshot(target)
    # a new version with a bigger disk, written where the disk fills up part-way
    bigger = make_source(tmp_path / "src2", disk_size=3 * 1024 * 1024)
    result = _limited(1024 * 1024, "pack", str(bigger), "-o", str(target), "--directory")
    assert result.returncode == 2, result.stderr
    assert _snapshot(target) == before  # no new descriptor beside the old disk and manifest
    assert open_package(target).check().ok


def test_concurrent_folder_packers_are_refused(tmp_path: Path) -> None:
    target = tmp_path / "pkg"
    target.mkdir()
    sources = [make_source(tmp_path / f"src{i}", disk_size=2_000_000 + i) for i in range(4)]
    # one writer holds the folder: another is refused, not mixed in
    fd = os.open(target, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        held = ovfmodel("pack", str(sources[0]), "-o", str(target), "--directory")
    finally:
        os.close(fd)
    assert held.returncode == 2 and "another process is writing" in held.stderr
    assert list(target.iterdir()) == []
    # four at once: whoever wins, the folder holds one consistent package
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "ovfmodel", "pack", str(s), "-o", str(target), "--directory"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for s in sources
    ]
    results = [(p.wait(), p.communicate()[1]) for p in procs]
    assert any(code == 0 for code, _ in results)
    assert all(code == 0 or "another process" in err for code, err in results), results
    assert open_package(target).check().ok
    assert not [p for p in target.iterdir() if p.name.endswith(".partial")]


def _sparse_source(folder: Path, size: int) -> Path:
    """A descriptor referencing a sparse disk of ``size`` bytes with some data every 64 MiB."""
    folder.mkdir(parents=True)
    disk = folder / "disk1.vmdk"
    with open(disk, "wb") as f:
        for off in range(0, size, 64 * 1024 * 1024):
            f.seek(off)
            f.write(b"data" * 1024)
        f.truncate(size)
    (folder / "vm.ovf").write_bytes(descriptor([Ref("file1", "disk1.vmdk", size)]))
    return folder / "vm.ovf"


def _sparse_ova(path: Path, size: int) -> Path:
    """An OVA (itself sparse) whose disk member is ``size`` bytes, mostly holes."""
    desc = descriptor([Ref("file1", "disk1.vmdk", size)])
    with open(path, "wb") as f:
        for name, length in (("vm.ovf", len(desc)), ("disk1.vmdk", size)):
            info = tarfile.TarInfo(name)
            info.size = length
            f.write(info.tobuf(tarfile.PAX_FORMAT))
            start = f.tell()
            if name == "vm.ovf":
                f.write(desc)
            else:
                for off in range(0, size, 64 * 1024 * 1024):
                    f.seek(start + off)
                    f.write(b"data" * 1024)
            f.seek(start + -(-length // 512) * 512)
        f.write(bytes(1024))
    return path


def _kill_when(proc: subprocess.Popen[bytes], ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 60
    while not ready():
        assert proc.poll() is None, "finished before it could be killed; make the disk bigger"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 128 + signal.SIGTERM


def test_killed_pack_leaves_no_partial_file(tmp_path: Path) -> None:
    src = _sparse_source(tmp_path / "src", 8 * 1024**3)
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ovfmodel", "pack", str(src), "-o", str(out / "vm.ova")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def writing() -> bool:
        return any(p.stat().st_size > 16 * 1024 * 1024 for p in out.iterdir())

    _kill_when(proc, writing)
    assert list(out.iterdir()) == []


def test_killed_unpack_leaves_no_partial_file(tmp_path: Path) -> None:
    ova = _sparse_ova(tmp_path / "vm.ova", 8 * 1024**3)
    target = tmp_path / "out"
    target.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ovfmodel", "unpack", str(ova), "-d", str(target), "--no-verify"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def writing() -> bool:
        return any(p.stat().st_size > 0 for p in target.rglob("disk1.vmdk"))

    _kill_when(proc, writing)
    assert list(target.iterdir()) == []


def test_unpack_verifies_before_extracting(tmp_path: Path) -> None:
    ova = write_ova(make_source(tmp_path / "src"), tmp_path / "vm.ova")
    members = ova_members(ova)
    tampered = tmp_path / "tampered.ova"
    tampered.write_bytes(
        tar_bytes([(n, b"evil" + d[4:] if n == "disk1.vmdk" else d) for n, d in members])
    )
    result = ovfmodel("unpack", str(tampered), "-d", str(tmp_path / "out"))
    assert result.returncode == 1, result.stderr
    assert "PKG203" in result.stderr and "nothing was extracted" in result.stderr
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    with pytest.raises(PackageError, match="fails verification"):
        unpack(tampered, tmp_path / "lib")
    # asked for explicitly, it extracts
    assert (
        ovfmodel("unpack", str(tampered), "-d", str(tmp_path / "out"), "--no-verify").returncode
        == 0
    )
    assert (tmp_path / "out" / "disk1.vmdk").read_bytes().startswith(b"evil")
    # a signed package is checked against --trust too
    pki = make_pki(tmp_path / "pki")
    signed = write_ova(
        make_source(tmp_path / "src3"), tmp_path / "s.ova", sign=(pki.key_path, pki.cert_path)
    )
    other = make_pki(tmp_path / "other")
    result = ovfmodel(
        "unpack", str(signed), "-d", str(tmp_path / "s"), "--trust", str(other.ca_path)
    )
    assert result.returncode == 1 and "PKG305" in result.stderr
    assert (
        ovfmodel(
            "unpack", str(signed), "-d", str(tmp_path / "s"), "--trust", str(pki.ca_path)
        ).returncode
        == 0
    )


def test_unpacked_zero_runs_stay_sparse(tmp_path: Path) -> None:
    size = 256 * 1024 * 1024
    ova = _sparse_ova(tmp_path / "vm.ova", size)
    written = unpack(ova, tmp_path / "out", verify=False)
    disk = tmp_path / "out" / "disk1.vmdk"
    assert disk in written and disk.stat().st_size == size
    assert disk.stat().st_blocks * 512 < size // 16  # 4 KiB of data per 64 MiB, the rest holes
    with open(disk, "rb") as f:
        f.seek(64 * 1024 * 1024)
        assert f.read(8) == b"datadata"
        f.seek(size - 1)
        assert f.read() == b"\x00"
