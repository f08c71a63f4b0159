"""generated/ is exactly what tools/generate.py produces from the pinned schemas."""

from __future__ import annotations

import filecmp
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import generate  # noqa: E402


def _tree(path: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(path)): p.read_bytes()
        for p in sorted(path.rglob("*.py"))
        if "__pycache__" not in p.parts
    }


@pytest.mark.skipif(
    shutil.which("ruff", path=str(Path(sys.executable).parent)) is None,
    reason="the pinned ruff (dev extra) is needed to regenerate",
)
def test_regenerating_gives_the_committed_code(tmp_path: Path) -> None:
    from ovfmodel import schemas

    out = tmp_path / "generated"
    generate.generate(schemas.schema_dir(), out)
    assert _tree(out) == _tree(ROOT / "generated"), (
        "generated/ differs from what tools/generate.py produces: run `python tools/generate.py`"
    )
    assert not filecmp.dircmp(out, ROOT / "generated").left_only


def test_patches_are_numbered_and_documented() -> None:
    for number, (_, patch, _) in enumerate(generate.PATCHES, start=1):
        assert patch.__name__.startswith(f"patch_{number}_")
        assert (patch.__doc__ or "").startswith(f"{number}. ")
