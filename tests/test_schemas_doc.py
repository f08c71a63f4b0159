"""docs/schemas/*.schema.json are generated from the pydantic models; this fails when stale."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import gen_schemas  # noqa: E402

from ovfmodel.cli import JSON_SCHEMAS  # noqa: E402


@pytest.mark.parametrize("name", sorted(JSON_SCHEMAS))
def test_published_schema_is_up_to_date(name: str) -> None:
    path = ROOT / "docs" / "schemas" / f"{name}.schema.json"
    assert path.read_text(encoding="utf-8") == gen_schemas.render(name), (
        f"{path.relative_to(ROOT)} is stale: run python tools/gen_schemas.py"
    )


def test_no_stale_schema_files() -> None:
    published = {p.name for p in (ROOT / "docs" / "schemas").glob("*.schema.json")}
    assert published == {f"{name}.schema.json" for name in JSON_SCHEMAS}
