"""Issue 13: editing an OVA streams its disk: memory does not grow with the disk's size.

tools/bench_edit.py prints the figure for a 4 GiB disk; this runs it on a 256 MiB sparse disk
and checks, with a generous bound, that the edit's peak RSS stays well below the disk size
above a child that only starts ovfmodel.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
MIB = 1024


def test_edit_of_a_big_ova_is_bounded_in_memory(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "bench_edit.py"), "--size-gib", "0.25", "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    result = json.loads(done.stdout)
    assert result["ova_bytes"] > result["disk_bytes"]
    # loading the disk would add 256 MiB; streaming adds buffers only
    assert result["edit_rss_kib"] - result["baseline_rss_kib"] < 96 * MIB, result
