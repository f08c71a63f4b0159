"""Attacks on the package tools (issue 11): each test reproduces one attack on real files.

Sections: signatures, data loss, bounded cost, containment and output. Where the CLI is the
feature the real `python -m ovfmodel` process runs.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import os
import pty
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
        held = ovfmodel("pack", str(sources[0]), "-o", str(target), "--directory", "--force")
    finally:
        os.close(fd)
    assert held.returncode == 2 and "another process is writing" in held.stderr
    assert list(target.iterdir()) == []
    # four at once: whoever wins, the folder holds one consistent package
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ovfmodel",
                "pack",
                str(s),
                "-o",
                str(target),
                "--directory",
                "--force",
            ],
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


# --- reproducible packages and progress (issue 10) --------------------------------------------


def test_pack_is_reproducible_with_mtime_or_source_date_epoch(tmp_path: Path) -> None:
    src = make_source(tmp_path / "src", chunk_size=1024, split=False)
    pki = make_pki(tmp_path / "pki")
    sign = ["--sign", str(pki.key_path), "--cert", str(pki.cert_path)]
    first, second = tmp_path / "a.ova", tmp_path / "b.ova"
    assert (
        ovfmodel("pack", str(src), "-o", str(first), "--mtime", "1700000000", *sign).returncode == 0
    )
    time.sleep(1.1)  # a clock-dependent field would now differ
    os.utime(src, (1, 1))  # so would one copied from the source files
    assert (
        ovfmodel("pack", str(src), "-o", str(second), "--mtime", "1700000000", *sign).returncode
        == 0
    )
    assert first.read_bytes() == second.read_bytes()
    with tarfile.open(first) as tf:
        for m in tf.getmembers():
            assert (m.mtime, m.uid, m.gid, m.uname, m.gname, m.mode) == (
                1700000000,
                0,
                0,
                "",
                "",
                0o644,
            ), m.name
            assert m.pax_headers == {}, m.name  # no atime/ctime or other per-run records
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    third = tmp_path / "c.ova"
    made = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "pack", str(src), "-o", str(third), *sign],
        env=env,
        capture_output=True,
        check=False,
    )
    assert made.returncode == 0 and third.read_bytes() == first.read_bytes()
    env["SOURCE_DATE_EPOCH"] = "yesterday"
    bad = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "pack", str(src), "-o", str(third)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and "SOURCE_DATE_EPOCH" in bad.stderr


def _in_a_terminal(argv: list[str]) -> tuple[int, str]:
    """Run `ovfmodel ARGV` with stderr on a pseudo-terminal; its exit code and what it drew."""
    main, child = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ovfmodel", *argv],
        stdout=subprocess.DEVNULL,
        stderr=child,
        stdin=subprocess.DEVNULL,
    )
    os.close(child)
    drawn = b""
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        drawn += data
    os.close(main)
    return proc.wait(), drawn.decode("utf-8", "replace")


@pytest.mark.parametrize("command", ["pack", "verify", "unpack", "validate"])
def test_progress_on_a_terminal_only(tmp_path: Path, command: str) -> None:
    src = make_source(tmp_path / "src", disk_size=3 * 1024 * 1024)
    ova = write_ova(src, tmp_path / "vm.ova")
    argv = {
        "pack": ["pack", str(src), "-o", str(tmp_path / "new.ova"), "--force"],
        "verify": ["verify", str(ova)],
        "unpack": ["unpack", str(ova), "-d", str(tmp_path / "out")],
        "validate": ["validate", str(ova)],
    }[command]
    code, drawn = _in_a_terminal(argv)
    assert code == 0 and "%|" in drawn and "3.00M" in drawn, drawn
    (tmp_path / "new.ova").unlink(missing_ok=True)
    if command == "unpack":
        argv = [*argv[:-1], str(tmp_path / "out2")]
    code, drawn = _in_a_terminal([*argv, "--quiet"])
    assert code == 0 and drawn == ""
    piped = ovfmodel(*argv[:-1], str(tmp_path / "out3") if command == "unpack" else argv[-1])
    assert piped.returncode == 0 and piped.stderr == ""


# --- bounded cost -----------------------------------------------------------------------------


def _limit_memory(limit: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def test_chunked_files_claiming_10_to_the_12_chunks(tmp_path: Path) -> None:
    # 80 KB of descriptor: 10,000-character hrefs, ovf:size 10^12, ovf:chunkSize 1; with a
    # manifest, so the manifest check sees them too. Materialising chunk names took gigabytes.
    folder = tmp_path / "pkg"
    folder.mkdir()
    refs = [Ref(f"f{i}", f"{i}" + "h" * 10_000, 10**12, chunk_size=1) for i in range(7)]
    refs.append(Ref("real", "disk.vmdk", 4, chunk_size=1))
    for i in range(3):
        (folder / f"disk.vmdk.{i:09d}").write_bytes(b"x")  # chunk 3 of 4 is missing
    desc = descriptor(refs)
    (folder / "vm.ovf").write_bytes(desc)
    (folder / "vm.mf").write_text(
        f"SHA256(vm.ovf)= {hashlib.sha256(desc).hexdigest()}\n"
        f"SHA256(0{'h' * 10_000}.000000005)= {'0' * 64}\n"
    )
    for command in ("verify", "validate"):
        result = subprocess.run(
            [sys.executable, "-m", "ovfmodel", command, str(folder / "vm.ovf")],
            capture_output=True,
            text=True,
            check=False,
            preexec_fn=_limit_memory(1024**3),
            timeout=120,
        )
        assert result.returncode == 1, result.stderr[-2000:]
        assert "MemoryError" not in result.stderr
        assert "disk.vmdk.000000003' of 'disk.vmdk' is missing" in result.stdout
    report = open_package(folder).check()
    # every chunkless File once, not one line per missing chunk
    assert report.codes().count("PKG101") == 7 and "PKG205" not in report.codes()
    assert len(report.diagnostics) < 20


def test_chunk_lookup_is_indexed_once() -> None:
    # 15,000 chunked Files over 34,000 members: one regular expression per File over every
    # member took minutes; the index is built once and looked up per File
    from ovfmodel.package.package import chunk_index, split_chunk_name

    names = [f"d{i}.vmdk.{c:09d}" for i in range(15_000) for c in range(2)]
    names += ["vm.ovf", "vm.mf", "d1.vmdk.12345678", "x.000000001.iso"]
    index = chunk_index(names)
    assert len(index) == 15_000 and index["d7.vmdk"] == {0: "d7.vmdk.000000000", 1: names[15]}
    assert split_chunk_name("d1.vmdk.12345678") is None  # eight digits: not a chunk
    assert split_chunk_name("a.b.000000012") == ("a.b", 12)


def test_many_chunked_files_in_an_ova(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # each member's name is looked at a bounded number of times, whatever the number of
    # chunked Files (a scan of every member per File is files x members: 5 * 10^8 for 15k x 34k)
    import ovfmodel.package.files as files_module  # where chunk names are split

    files = 3000
    refs = [Ref(f"f{i}", f"d{i}.vmdk", 2, chunk_size=1) for i in range(files)]
    members = [("vm.ovf", descriptor(refs))]
    members += [(f"d{i}.vmdk.{c:09d}", b"x") for i in range(files) for c in range(2)]
    ova = tmp_path / "many.ova"
    ova.write_bytes(tar_bytes(members))
    real = files_module.split_chunk_name
    calls = 0

    def counting(name: str) -> tuple[str, int] | None:
        nonlocal calls
        calls += 1
        return real(name)

    monkeypatch.setattr(files_module, "split_chunk_name", counting)
    report = open_package(ova).check()
    assert report.ok, report.codes()[:5]
    assert 0 < calls <= 2 * len(members)


def test_verify_text_lists_a_bounded_number_of_files(tmp_path: Path) -> None:
    files = 400
    refs = [Ref(f"f{i}", f"d{i}.iso", 1, disk=False) for i in range(files)]
    ova = tmp_path / "many.ova"
    ova.write_bytes(
        tar_bytes([("vm.ovf", descriptor(refs)), *((f"d{i}.iso", b"x") for i in range(files))])
    )
    result = ovfmodel("verify", str(ova))
    assert result.returncode == 0
    assert "201 more files (--format json lists all)" in result.stdout
    assert len(result.stdout.splitlines()) < 220


# --- containment and output -------------------------------------------------------------------


def test_links_out_of_a_package_folder_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_bytes(b"root:x:0:0:root:/root:/bin/bash\n")
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "disk1.vmdk").symlink_to(secret)
    (folder / "vm.ovf").write_bytes(descriptor([Ref("file1", "disk1.vmdk")]))
    result = ovfmodel("verify", str(folder))
    assert result.returncode == 1
    assert "error PKG112" in result.stdout and str(secret) in result.stdout
    assert hashlib.sha256(secret.read_bytes()).hexdigest() not in result.stdout
    assert f"{secret.stat().st_size}  disk1.vmdk" not in result.stdout
    # packing refuses it too, as OVA and as folder
    packed = ovfmodel("pack", str(folder / "vm.ovf"), "-o", str(tmp_path / "x.ova"))
    assert packed.returncode == 2 and "leading out of the package folder" in packed.stderr
    assert not (tmp_path / "x.ova").exists()
    # a link inside the folder is fine
    (folder / "disk1.vmdk").unlink()
    (folder / "data").mkdir()
    (folder / "data" / "real.vmdk").write_bytes(b"disk")
    (folder / "disk1.vmdk").symlink_to(folder / "data" / "real.vmdk")
    assert ovfmodel("verify", str(folder)).returncode == 0
    assert ovfmodel("pack", str(folder / "vm.ovf"), "-o", str(tmp_path / "x.ova")).returncode == 0


def test_member_names_cannot_drive_the_terminal(tmp_path: Path) -> None:
    evil = "x\x1b[2J\nOK disk1.vmdk\u202e.iso"
    ova = tmp_path / "evil.ova"
    ova.write_bytes(tar_bytes([("vm.ovf", descriptor([])), (evil, b"payload")]))
    for argv in (["verify", str(ova)], ["validate", str(ova)]):
        result = ovfmodel(*argv)
        assert "\x1b" not in result.stdout and "\u202e" not in result.stdout, argv
        assert "\nOK disk1.vmdk" not in result.stdout, argv
        assert "\\x1b[2J\\nOK disk1.vmdk\\u202e.iso" in result.stdout, argv
    unpacked = ovfmodel("unpack", str(ova), "-d", str(tmp_path / "out"))
    assert unpacked.returncode == 0 and "\x1b" not in unpacked.stdout
    assert (tmp_path / "out" / evil).read_bytes() == b"payload"


def test_members_are_named_with_an_exclamation_mark(tmp_path: Path) -> None:
    ova = write_ova(make_source(tmp_path / "src"), tmp_path / "vm.ova")
    members = ova_members(ova)
    bad = tmp_path / "bad.ova"
    bad.write_bytes(tar_bytes([(n, b"z" + d[1:] if n == "tools.iso" else d) for n, d in members]))
    verify = ovfmodel("verify", str(bad))
    validate = ovfmodel("validate", str(bad))
    assert f"{bad}!vm.mf:3: error PKG203" in verify.stdout
    assert f"{bad}!vm.mf:3: error PKG203" in validate.stdout
    assert f"{bad}/vm.mf" not in verify.stdout + validate.stdout
