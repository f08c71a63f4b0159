"""One CLI style for every subcommand (ovfmodel.cliutil): `ovfmodel: error: MESSAGE` on stderr,
exit 0 clean, 1 findings, 2 bad usage or unreadable input, never a traceback.

Each case runs the real `ovfmodel` process.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPLIANCE = ROOT / "examples" / "appliance.ovf"
SPEC = ROOT / "examples" / "appliance.yaml"
PREFIX = "ovfmodel: error: "


def ovfmodel(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ovfmodel", *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def error_lines(proc: subprocess.CompletedProcess[str]) -> list[str]:
    """stderr without argparse's usage lines (which precede its error line)."""
    lines = proc.stderr.splitlines()
    while lines and (lines[0].startswith("usage:") or lines[0].startswith(" ")):
        lines.pop(0)
    return lines


# (argv, exit status, words the error line must hold); "{tmp}" is a fresh folder
CASES = [
    # argparse's own usage errors
    (["frobnicate"], 2, "invalid choice: 'frobnicate'"),
    (["info"], 2, "the following arguments are required: PATH"),
    (["schema", "nope"], 2, "invalid choice: 'nope'"),
    (["validate", "--format", "xml", str(APPLIANCE)], 2, "invalid choice: 'xml'"),
    (["pack", str(APPLIANCE)], 2, "the following arguments are required: -o/--output"),
    # usage the subcommand checks itself
    (["validate", "--select", "NOPE", str(APPLIANCE)], 2, "--select: no rule matches NOPE"),
    (["validate", "-", "-"], 2, "- (standard input) can be given only once"),
    (["env"], 2, "give a DESCRIPTOR to build from, or --read ENV"),
    (["env", str(APPLIANCE), "--set", "novalue"], 2, "--set 'novalue': expected KEY=VALUE"),
    (
        ["pack", str(APPLIANCE), "-o", "{tmp}/x.ova", "--sign", "k.pem"],
        2,
        "--sign and --cert go together",
    ),
    (["lsp", "--debounce", "-1"], 2, "--debounce must not be negative"),
    (["build", str(SPEC), "-o", "{tmp}/x.ova"], 2, "build writes a descriptor, not an OVA"),
    (["build", str(SPEC), "-o", "{tmp}/x.mf"], 2, "a descriptor is named NAME.ovf"),
    (["pack", str(APPLIANCE), "-o", "{tmp}/x.ovf"], 2, "an OVA's name ends in .ova"),
    (["pack", str(APPLIANCE), "-o", "{tmp}/x.ova", "--directory"], 2, "writes a folder"),
    # unreadable input
    (["info", "{tmp}/missing.ovf"], 2, "missing.ovf: no such file or folder"),
    (["verify", "{tmp}/missing.ova"], 2, "missing.ova"),
    (["unpack", "{tmp}/missing.ova", "-d", "{tmp}/out"], 2, "missing.ova"),
    (["build", "{tmp}/missing.yaml"], 2, "missing.yaml"),
    (["env", "--read", "{tmp}/missing.xml"], 2, "missing.xml"),
    (["schemas", "fetch", "--from", "{tmp}/none", "--target", "{tmp}/xsd"], 2, "none"),
    # findings
    (["env", str(APPLIANCE), "--set", "no.such.key=1"], 1, "values refused"),
]


@pytest.mark.parametrize(("argv", "status", "words"), CASES, ids=lambda c: str(c)[:40])
def test_error_format_and_exit_status(
    tmp_path: Path, argv: list[str], status: int, words: str
) -> None:
    proc = ovfmodel(*(a.replace("{tmp}", str(tmp_path)) for a in argv), cwd=tmp_path)
    assert proc.returncode == status, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = error_lines(proc)
    assert lines and lines[0].startswith(PREFIX), proc.stderr
    assert words in lines[0], proc.stderr
    # every further line is an indented detail under the error
    assert all(line.startswith((PREFIX, "  ")) for line in lines[1:]), proc.stderr


def test_clean_run_exits_0_and_prints_nothing_on_stderr() -> None:
    proc = ovfmodel("validate", str(APPLIANCE))
    assert (proc.returncode, proc.stderr) == (0, "")


def test_version() -> None:
    from ovfmodel import __version__

    proc = ovfmodel("--version")
    assert (proc.returncode, proc.stdout) == (0, f"ovfmodel {__version__}\n")
