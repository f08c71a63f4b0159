"""Cost of hostile packages (issue 11, items 9 and 10): time and peak memory, printed.

Not a test. Each case runs `ovfmodel verify` and `ovfmodel validate` in a child process with
its address space limited (so a regression fails with MemoryError instead of exhausting the
machine) and prints wall time, exit code and the child's peak RSS.

1. an 80 KB descriptor of chunked Files (10,000-character hrefs, ovf:size 10^12,
   ovf:chunkSize 1) in a folder with a manifest: 10^12 chunk names each if materialised;
2. an OVA whose descriptor has 15,000 chunked Files and 34,000 members (two chunks each and
   4,000 others): a regular expression per File over every member is 5 * 10^8 matches.

    .venv/bin/python tools/bench_package_hostile.py [--dir /tmp] [--limit-gib 3]
"""

from __future__ import annotations

import argparse
import io
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/2"
    xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/2">
  <References>
"""
TAIL = """  </References>
  <VirtualSystem ovf:id="vm"><Info>x</Info></VirtualSystem>
</Envelope>
"""


def chunked_descriptor_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    files: list[str] = []
    i = 0
    while sum(len(f) for f in files) < 80_000 - 12_000:
        href = f"{i}" + "h" * 10_000
        files.append(
            f'    <File ovf:id="f{i}" ovf:href="{href}" ovf:size="1000000000000" '
            'ovf:chunkSize="1"/>\n'
        )
        i += 1
    desc = (HEAD + "".join(files) + TAIL).encode()
    (folder / "vm.ovf").write_bytes(desc)
    import hashlib

    digest = hashlib.sha256(desc).hexdigest()
    (folder / "vm.mf").write_text(f"SHA256(vm.ovf)= {digest}\n")
    return folder / "vm.ovf"


def many_chunks_ova(path: Path, files: int = 15_000, members: int = 34_000) -> Path:
    refs = "".join(
        f'    <File ovf:id="f{i}" ovf:href="d{i}.vmdk" ovf:size="2" ovf:chunkSize="1"/>\n'
        for i in range(files)
    )
    desc = (HEAD + refs + TAIL).encode()
    names = [f"d{i}.vmdk.{c:09d}" for i in range(files) for c in range(2)]
    names += [f"extra{i}.bin" for i in range(members - len(names))]
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tf:
        info = tarfile.TarInfo("vm.ovf")
        info.size = len(desc)
        tf.addfile(info, io.BytesIO(desc))
        for name in names:
            info = tarfile.TarInfo(name)
            info.size = 1
            tf.addfile(info, io.BytesIO(b"x"))
    return path


_CHILD = """
import resource, sys
from ovfmodel.cli import main
rc = 2
try:
    rc = main(sys.argv[1:])
finally:
    print("PEAK", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(rc)
"""


def run(limit: int, *argv: str) -> tuple[float, int, int]:
    """Wall seconds, exit code and peak RSS (KiB) of `ovfmodel ARGV` in a limited child."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, *argv],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=limit_memory,
        timeout=1800,
    )
    elapsed = time.perf_counter() - start
    if "MemoryError" in proc.stderr:
        print("    MemoryError")
    peaks = [int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("PEAK ")]
    return elapsed, proc.returncode, peaks[-1] if peaks else -1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--limit-gib", type=float, default=3.0)
    args = parser.parse_args()
    limit = int(args.limit_gib * 1024**3)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        root = Path(tmp)
        desc = chunked_descriptor_folder(root / "chunked")
        size = desc.stat().st_size
        print(f"1. chunked descriptor, {size / 1000:.0f} KB, ovf:size 10^12, chunkSize 1")
        for cmd in ("verify", "validate"):
            elapsed, code, rss = run(limit, cmd, str(desc))
            print(
                f"   {cmd:<8} {elapsed:7.2f} s  exit {code}  peak RSS {rss / 1024:7.1f} MiB",
                flush=True,
            )
        ova = many_chunks_ova(root / "many.ova")
        print("2. OVA with 15,000 chunked Files and 34,000 members")
        for cmd in ("verify", "validate"):
            elapsed, code, rss = run(limit, cmd, str(ova))
            print(
                f"   {cmd:<8} {elapsed:7.2f} s  exit {code}  peak RSS {rss / 1024:7.1f} MiB",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
