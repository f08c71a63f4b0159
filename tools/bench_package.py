"""Benchmark package verification: speed against sha256sum, and peak memory on a big OVA.

Not a test. Creates a disk of random-looking data (1 MiB of os.urandom, varied per MiB so no
two blocks are equal), packs it into a signed OVA, then

1. times `Package.check()` on the OVA against `sha256sum` on the bare disk (best of N, warm
   page cache for both) and prints the ratio of throughputs;
2. verifies a larger OVA in a child process and prints the child's peak RSS
   (resource.getrusage(RUSAGE_CHILDREN).ru_maxrss), next to a child that only imports.

    .venv/bin/python tools/bench_package.py [--size-gib 1] [--rss-size-gib 4] [--dir /tmp]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from ovfmodel.package import open_package, write_ova

MIB = 1024 * 1024

DESCRIPTOR = """<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/2"
    xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/2">
  <References><File ovf:id="file1" ovf:href="disk1.vmdk" ovf:size="{size}"/></References>
  <DiskSection><Info>Disks</Info>
    <Disk ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:capacity="{size}"/></DiskSection>
  <VirtualSystem ovf:id="bench"><Info>Benchmark</Info>
    <VirtualHardwareSection><Info>Hardware</Info></VirtualHardwareSection>
  </VirtualSystem>
</Envelope>
"""


def make_disk(path: Path, size_mib: int) -> None:
    base = bytearray(os.urandom(MIB))
    with open(path, "wb") as f:
        for i in range(size_mib):
            base[0:8] = i.to_bytes(8, "little")  # every MiB differs
            base[MIB // 2 : MIB // 2 + 8] = (i * 2654435761).to_bytes(8, "little")
            f.write(base)


def make_package(folder: Path, size_mib: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    make_disk(folder / "disk1.vmdk", size_mib)
    descriptor = folder / "bench.ovf"
    descriptor.write_text(DESCRIPTOR.format(size=size_mib * MIB))
    return descriptor


def make_signer(folder: Path) -> tuple[Path, Path]:
    key = rsa.generate_private_key(65537, 2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bench")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = folder / "key.pem", folder / "cert.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def best_of(runs: int, fn: object) -> float:
    assert callable(fn)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def child_peak_rss_kib(code: str) -> int:
    """Peak RSS (KiB on Linux) of a fresh Python child running ``code``.

    os.wait4 returns the child's own rusage, so earlier children (sha256sum) cannot leak into
    the figure as they can with getrusage(RUSAGE_CHILDREN), which is a maximum over all.
    """
    proc = subprocess.Popen([sys.executable, "-c", code])
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"child failed with {proc.returncode}")
    return usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size-gib", type=float, default=1.0, help="disk for the speed test")
    parser.add_argument("--rss-size-gib", type=float, default=4.0, help="disk for the RSS test")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None, help="where to put temporary files")
    args = parser.parse_args()
    sha256sum = shutil.which("sha256sum")

    with tempfile.TemporaryDirectory(dir=args.dir, prefix="ovfbench-") as tmp:
        root = Path(tmp)
        key, cert = make_signer(root)
        size_mib = int(args.size_gib * 1024)
        t = time.perf_counter()
        desc = make_package(root / "speed", size_mib)
        print(f"created {size_mib} MiB disk in {time.perf_counter() - t:.1f} s")
        ova = root / "speed.ova"
        t = time.perf_counter()
        write_ova(desc, ova, sign=(key, cert))
        pack_s = time.perf_counter() - t
        print(
            f"write_ova (hash while copying, signed): {pack_s:.2f} s, {size_mib / pack_s:.0f} MiB/s"
        )

        def verify() -> None:
            report = open_package(ova).check()
            assert report.ok, report.codes()

        disk = root / "speed" / "disk1.vmdk"

        def coreutils() -> None:
            assert sha256sum is not None
            subprocess.run([sha256sum, str(disk)], check=True, stdout=subprocess.DEVNULL)

        verify()  # warm the page cache for both files
        if sha256sum:
            coreutils()
        ours = best_of(args.runs, verify)
        print(f"ovfmodel verify {ova.name}: {ours:.2f} s, {size_mib / ours:.0f} MiB/s")
        if sha256sum:
            theirs = best_of(args.runs, coreutils)
            print(f"sha256sum {disk.name}:        {theirs:.2f} s, {size_mib / theirs:.0f} MiB/s")
            print(f"speed ratio (ovfmodel / sha256sum throughput): {theirs / ours:.2f}")
        else:
            print("sha256sum not found; no ratio")
        openssl = shutil.which("openssl")
        if openssl:  # the same SHA-256 code hashlib uses: the ceiling for one core

            def openssl_dgst() -> None:
                assert openssl is not None
                subprocess.run(
                    [openssl, "dgst", "-sha256", str(disk)], check=True, stdout=subprocess.DEVNULL
                )

            ossl = best_of(args.runs, openssl_dgst)
            print(f"openssl dgst -sha256 {disk.name}: {ossl:.2f} s, {size_mib / ossl:.0f} MiB/s")
            print(f"speed ratio (ovfmodel / openssl dgst throughput): {ossl / ours:.2f}")
        shutil.rmtree(root / "speed")
        ova.unlink()

        rss_mib = int(args.rss_size_gib * 1024)
        desc = make_package(root / "rss", rss_mib)
        big = root / "rss.ova"
        write_ova(desc, big, sign=(key, cert))
        shutil.rmtree(root / "rss")
        baseline = child_peak_rss_kib("import ovfmodel.package")
        code = (
            "import sys\n"
            "from ovfmodel.package import open_package\n"
            f"r = open_package({str(big)!r}).check()\n"
            "sys.exit(0 if r.ok else 1)\n"
        )
        t = time.perf_counter()
        peak = child_peak_rss_kib(code)
        took = time.perf_counter() - t
        print(f"child importing ovfmodel.package: peak RSS {baseline / 1024:.1f} MiB")
        print(
            f"child verifying a {big.stat().st_size / MIB / 1024:.2f} GiB OVA: "
            f"peak RSS {peak / 1024:.1f} MiB ({took:.1f} s)"
        )
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(
            f"(getrusage(RUSAGE_CHILDREN).ru_maxrss, max over all children: {children / 1024:.1f} MiB)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
