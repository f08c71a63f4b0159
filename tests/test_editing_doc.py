"""Issue 13: every recipe of docs/editing.md runs (Python blocks exec'd, shell lines run)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from editing import DATA, vmdk_image
from test_edit_package import vendor_folder
from test_package_support import Pki, make_pki

from ovfmodel.package import write_ova

DOC = Path(__file__).parent.parent / "docs" / "editing.md"
_BLOCK = re.compile(r"^```(python|sh)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks() -> list[tuple[str, str, str]]:
    text = DOC.read_text(encoding="utf-8")
    found: list[tuple[str, str, str]] = []
    heading = "intro"
    position = 0
    for match in _BLOCK.finditer(text):
        for title in re.findall(r"^## (.+)$", text[position : match.start()], re.MULTILINE):
            heading = title
        position = match.end()
        found.append((f"{heading}-{match.group(1)}-{len(found)}", match.group(1), match.group(2)))
    return found


BLOCKS = _blocks()


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def workspace(tmp_path: Path, pki: Pki) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    descriptor = vendor_folder(tmp_path / "src")
    write_ova(descriptor, work / "appliance.ova")
    shutil.copy(DATA / "vmware-ovftool-appliance.ovf", work / "appliance.ovf")
    vmdk_image(work / "data.vmdk", 2**30)
    (work / "user-data").write_text("#cloud-config\nhostname: gw-01\n")
    (work / "meta-data").write_text("instance-id: gw-01\n")
    (work / "notes.txt").write_text("release notes\n")
    shutil.copy(pki.key_path, work / "key.pem")
    shutil.copy(pki.cert_path, work / "cert.pem")
    return work


def test_the_page_has_a_recipe_per_cot_command() -> None:
    text = DOC.read_text(encoding="utf-8")
    for command in (
        "edit-hardware", "edit-product", "edit-properties", "add-disk", "add-file",
        "remove-file", "inject-config", "info",
    ):  # fmt: skip
        assert f"## cot {command}" in text
    kinds = {(name.split("-")[0], kind) for name, kind, _ in BLOCKS}
    assert len(BLOCKS) >= 15 and {k for _, k in kinds} == {"python", "sh"}


@pytest.mark.parametrize(("name", "kind", "code"), BLOCKS, ids=[b[0] for b in BLOCKS])
def test_recipe_runs(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, name: str, kind: str, code: str
) -> None:
    monkeypatch.chdir(workspace)
    if kind == "python":
        exec(compile(code, f"{DOC.name}:{name}", "exec"), {"__name__": "recipe"})
        return
    for line in code.strip().splitlines():
        args = shlex.split(line)
        assert args[0] == "ovfmodel", line
        done = subprocess.run(
            [sys.executable, "-m", "ovfmodel", *args[1:]],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"{line}\n{done.stdout}{done.stderr}"
