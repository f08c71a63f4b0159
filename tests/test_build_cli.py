"""`ovfmodel build`: output naming, no silent overwrite, and spec mistakes pointed at their line
with the names they may have meant. Runs the real command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ovfmodel
from ovfmodel.builder.spec import SpecError, build_spec, load_spec

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "examples" / "appliance.yaml"


def ovfmodel_cmd(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ovfmodel", *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_output_named_after_the_spec_and_never_overwritten(tmp_path: Path) -> None:
    proc = ovfmodel_cmd("build", str(SPEC), cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, "wrote appliance.ovf\n"), proc.stderr
    out = tmp_path / "appliance.ovf"
    assert ovfmodel.parse(out).version == "2.0"
    out.write_text("mine")
    proc = ovfmodel_cmd("build", str(SPEC), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "ovfmodel: error: appliance.ovf exists; use --force to replace it\n"
    assert out.read_text() == "mine"
    assert ovfmodel_cmd("build", str(SPEC), "--force", cwd=tmp_path).returncode == 0
    assert ovfmodel.parse(out).version == "2.0"


def test_standard_output(tmp_path: Path) -> None:
    proc = ovfmodel_cmd("build", str(SPEC), "-o", "-", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stderr == ""
    assert ovfmodel.parse(proc.stdout.encode()) == build_spec(load_spec(SPEC))
    assert list(tmp_path.iterdir()) == []


def test_refused_extensions_write_nothing(tmp_path: Path) -> None:
    for name in ("x.ova", "x.OVA", "x.mf", "x.cert"):
        proc = ovfmodel_cmd("build", str(SPEC), "-o", name, cwd=tmp_path)
        assert proc.returncode == 2 and proc.stderr.startswith("ovfmodel: error: "), name
    assert list(tmp_path.iterdir()) == []


BAD = """\
name: web
ovf_version: 2.0
os: {type: UBUNTU64}
hardware:
  cpus: 2
  memroy_mb: 4096
disks:
  - {id: system, capacity: 16, fiel: web.vmdk}
"""


def test_mistakes_point_at_their_line_with_near_misses(tmp_path: Path) -> None:
    (tmp_path / "web.yaml").write_text(BAD)
    proc = ovfmodel_cmd("build", "web.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert lines[0] == (
        "ovfmodel: error: web.yaml is not a valid appliance spec (its format: ovfmodel schema spec):"
    )
    assert (
        "  web.yaml:3:12: os.type: unknown OS type name 'UBUNTU64'; close names: UBUNTU_64"
        in (lines[1])
    )
    assert lines[2] == (
        "  web.yaml:6:3: hardware.memroy_mb: unknown key 'memroy_mb'; did you mean 'memory_mb'?"
    )
    assert lines[3] == ("  web.yaml:8:32: disks[0].fiel: unknown key 'fiel'; did you mean 'file'?")
    assert len(lines) == 4  # ovf_version: 2.0 (a YAML number) is accepted as "2.0"
    assert not (tmp_path / "web.ovf").exists()


def test_json_mistakes_have_lines_too(tmp_path: Path) -> None:
    spec = tmp_path / "s.json"
    spec.write_text('{\n  "name": "x",\n  "netwroks": []\n}\n')
    try:
        load_spec(spec)
    except SpecError as err:
        (problem,) = err.problems
        assert (problem.line, problem.column, problem.path) == (3, 3, "netwroks")
        assert "did you mean 'networks'?" in problem.message
    else:
        raise AssertionError("no SpecError")


def test_yaml_number_versions(tmp_path: Path) -> None:
    for written, version in (("1.0", "1.0"), ("1.1", "1.1"), ("2", "2.0"), ("2.0", "2.0")):
        spec = tmp_path / "v.yaml"
        spec.write_text(f"name: x\novf_version: {written}\n")
        assert load_spec(spec).ovf_version == version
    spec.write_text("name: x\novf_version: 3.0\n")
    try:
        load_spec(spec)
    except SpecError as err:
        assert err.problems[0].line == 2 and "'1.0', '1.1' or '2.0'" in err.problems[0].message
    else:
        raise AssertionError("ovf_version 3.0 accepted")


def test_disk_file_outside_the_package_is_refused(tmp_path: Path) -> None:
    """A spec `file:` is the href written into References: it must stay inside the package."""
    text = SPEC.read_text()
    assert "file: web-system.vmdk" in text
    for href, problem, hint in (
        ("../x.vmdk", "it contains '..'", "'x.vmdk'"),
        ("/etc/passwd", "it is an absolute path", "'passwd'"),
    ):
        (tmp_path / "spec.yaml").write_text(text.replace("web-system.vmdk", f"'{href}'"))
        proc = ovfmodel_cmd("build", "spec.yaml", "-o", "out.ovf", cwd=tmp_path)
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr.startswith("ovfmodel: error: ")
        assert f"href {href!r}" in proc.stderr and problem in proc.stderr
        assert hint in proc.stderr
        assert not (tmp_path / "out.ovf").exists()
    (tmp_path / "spec.yaml").write_text(text.replace("web-system.vmdk", "disks/system.vmdk"))
    proc = ovfmodel_cmd("build", "spec.yaml", "-o", "out.ovf", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    hrefs = [f.href for f in ovfmodel.model.files(ovfmodel.parse(tmp_path / "out.ovf"))]
    assert "disks/system.vmdk" in hrefs
