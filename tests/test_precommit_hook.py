""".pre-commit-hooks.yaml: the `ovfmodel-validate` hook runs the real `ovfmodel validate`.

The first tests read the hook file and run its entry as pre-commit would (entry, then the
matching file names); the last runs pre-commit itself (`pre-commit try-repo`, which installs
this checkout into a fresh environment) in CI (or with OVFMODEL_TEST_PRE_COMMIT=1) when
pre-commit is installed and the checkout is a git repository.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
GOOD = ROOT / "examples" / "appliance.ovf"
BAD = ROOT / "tests" / "data" / "invalid-hostresource-missing-disk.ovf"  # OVF403, an error


def hook() -> dict[str, object]:
    (only,) = [h for h in HOOKS if h["id"] == "ovfmodel-validate"]
    assert isinstance(only, dict)
    return only


def test_hook_file_shape() -> None:
    h = hook()
    assert h["language"] == "python"
    assert set(h) <= {"id", "name", "description", "entry", "language", "files", "types", "args"}
    command = shlex.split(str(h["entry"]))
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert command[0] in scripts and command[1:] == ["validate"]


def test_files_pattern_selects_descriptors_and_ovas() -> None:
    pattern = re.compile(str(hook()["files"]))  # pre-commit applies it with re.search
    chosen = ["a.ovf", "dir/b.ova", "C.OVF", "d.Ova"]
    ignored = ["a.ovf.bak", "a.mf", "a.cert", "notes.md", "ovf", "a.ovfx"]
    assert all(pattern.search(name) for name in chosen)
    assert not any(pattern.search(name) for name in ignored)


def test_entry_runs_the_real_cli() -> None:
    command = shlex.split(str(hook()["entry"]))
    exe = Path(sys.executable).parent / command[0]
    assert exe.is_file(), exe
    ok = subprocess.run([str(exe), *command[1:], str(GOOD)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = subprocess.run(
        [str(exe), *command[1:], str(GOOD), str(BAD)], capture_output=True, text=True
    )
    assert bad.returncode == 1 and "invalid-hostresource-missing-disk.ovf" in bad.stdout


@pytest.mark.skipif(
    not (os.environ.get("CI") or os.environ.get("OVFMODEL_TEST_PRE_COMMIT")),
    reason="installs this checkout and its dependencies into a new environment (about a "
    "minute): runs in CI, or with OVFMODEL_TEST_PRE_COMMIT=1",
)
@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout (an sdist)")
def test_pre_commit_runs_the_hook(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(GOOD, project / "good.ovf")
    shutil.copy(BAD, project / "bad.ovf")
    (project / "notes.txt").write_text("not a descriptor")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "OVFMODEL_SCHEMA_DIR": str(ROOT / "schemas" / "xsd"),
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    subprocess.run(["git", "init", "-q"], cwd=project, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=project, check=True, env=env)

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        argv = ["pre-commit", "try-repo", str(ROOT), "ovfmodel-validate", "--files", *files]
        return subprocess.run(
            argv, cwd=project, env=env, capture_output=True, text=True, timeout=600
        )

    failed = run("good.ovf", "bad.ovf", "notes.txt")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "bad.ovf" in failed.stdout and "OVF" in failed.stdout
    assert "notes.txt" not in failed.stdout.split("hook id:")[-1]
    passed = run("good.ovf", "notes.txt")
    assert passed.returncode == 0, passed.stdout + passed.stderr
