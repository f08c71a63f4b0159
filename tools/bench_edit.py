"""Benchmark editing a big OVA: peak memory of `ovfmodel edit` while a sparse disk is streamed.

Not a test. Builds an appliance around a sparse raw disk of --size GiB (a hole: no disk space
for the source, though the OVA holds its bytes), packs it into an OVA, then runs
`ovfmodel edit IN.ova -o OUT.ova --cpus 4 --memory 8GiB --add-network lan --nic lan` in a child
process and prints the child's peak RSS (resource.getrusage(RUSAGE_CHILDREN).ru_maxrss) next
to a child that only runs `ovfmodel --version`, and the time taken. With --json it prints
one JSON object instead (tests/test_edit_bench.py reads it with a small disk).

    .venv/bin/python tools/bench_edit.py [--size-gib 4] [--dir /tmp]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ovfmodel.builder import EnvelopeBuilder
from ovfmodel.cim import DiskFormat
from ovfmodel.document import write
from ovfmodel.package import write_ova

GIB = 2**30


def make_ova(folder: Path, size: int) -> Path:
    disk = folder / "disk.img"
    with open(disk, "wb") as fh:
        fh.truncate(size)  # sparse: a hole of `size` bytes
    b = EnvelopeBuilder("1.1")
    b.add_file("file1", "disk.img", size=size)
    b.add_disk("disk1", size, units="byte", file="file1", format=DiskFormat.RAW)
    b.add_network("VM Network")
    vs = b.virtual_system("vm", name="Big disk")
    hw = vs.hardware()
    hw.cpus(1)
    hw.memory(1024)
    hw.disk("disk1", hw.scsi_controller())
    hw.nic("VM Network")
    descriptor = folder / "vm.ovf"
    write(b.build(), descriptor)
    return write_ova(descriptor, folder / "in.ova")


def child_rss(args: list[str]) -> tuple[int, float]:
    """Peak RSS (KiB) and seconds of a child `python -m ovfmodel ARGS`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ovfmodel", *args], check=True, capture_output=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(peak, before), seconds


def measure(size: int, folder: Path) -> dict[str, float]:
    ova = make_ova(folder, size)
    # the baseline runs first: RUSAGE_CHILDREN keeps the largest child seen so far
    baseline, _ = child_rss(["--version"])
    out = folder / "out.ova"
    edit = ["edit", str(ova), "-o", str(out), "--cpus", "4", "--memory", "8GiB"]
    peak, seconds = child_rss([*edit, "--add-network", "lan", "--nic", "lan"])
    return {
        "disk_bytes": size,
        "ova_bytes": os.path.getsize(out),
        "baseline_rss_kib": baseline,
        "edit_rss_kib": peak,
        "edit_seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-gib", type=float, default=4.0)
    parser.add_argument("--dir", type=Path, default=None, help="where to put the OVAs")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    size = int(args.size_gib * GIB) // 512 * 512
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="bench-edit-") as tmp:
        result = measure(size, Path(tmp))
    if args.json:
        print(json.dumps(result))
        return
    print(f"disk {size / GIB:.2f} GiB, edited OVA {result['ova_bytes'] / GIB:.2f} GiB")
    print(f"peak RSS: ovfmodel --version {result['baseline_rss_kib'] / 1024:.1f} MiB")
    print(
        f"peak RSS: ovfmodel edit       {result['edit_rss_kib'] / 1024:.1f} MiB "
        f"({result['edit_seconds']:.1f} s, "
        f"{size / GIB / result['edit_seconds']:.2f} GiB/s)"
    )


if __name__ == "__main__":
    main()
