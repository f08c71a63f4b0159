"""Schema pins, catalog and fetching: every file is the pinned release, found offline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from ovfmodel import schemas
from ovfmodel.errors import SchemaIntegrityError, SchemaNotFoundError

ROOT = Path(__file__).resolve().parent.parent


def test_catalog_and_pins_agree() -> None:
    pinned = {p.file for p in schemas.pinned()}
    mapping = schemas.catalog()
    assert set(mapping.values()) == pinned
    for p in schemas.pinned():
        for url in (p.url, *p.aliases):
            assert mapping[url] == p.file


def test_no_schema_file_is_committed() -> None:
    tracked = [p for p in (ROOT / "schemas").rglob("*.xsd") if "xsd" not in p.parent.name]
    assert tracked == []


def test_fetch_from_a_folder_checks_every_hash(tmp_path: Path) -> None:
    source = schemas.schema_dir()
    written = schemas.fetch(tmp_path / "ok", source)
    assert len(written) == len(schemas.pinned())
    schemas.verify(tmp_path / "ok")
    tampered = tmp_path / "tampered"
    shutil.copytree(source, tampered)
    target = tampered / "common.xsd"
    target.write_bytes(target.read_bytes().replace(b"CIM", b"CIN", 1))
    with pytest.raises(SchemaIntegrityError, match="common.xsd"):
        schemas.fetch(tmp_path / "bad", tampered)
    with pytest.raises(SchemaIntegrityError):
        schemas.verify(tampered)


def test_missing_schemas_say_how_to_get_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(schemas.ENV_VAR, str(tmp_path))
    with pytest.raises(SchemaNotFoundError, match="ovfmodel schemas fetch"):
        schemas.schema_dir()


@pytest.mark.parametrize("example", ["appliance.ovf", "legacy-vmware-1.0.ovf"], ids=lambda n: n)
def test_pristine_schemas_compile_offline_and_validate(example: str) -> None:
    doc = etree.parse(str(ROOT / "examples" / example))
    ns = etree.QName(doc.getroot()).namespace
    xsd = schemas.for_namespace(ns or "")
    assert xsd is not None
    xsd.assertValid(doc)
