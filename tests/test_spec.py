"""Declarative spec and the build/schema CLI commands."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from lxml import etree
from pydantic import ValidationError

import ovfmodel
from ovfmodel import model, schemas
from ovfmodel.builder.cli import main, register
from ovfmodel.builder.spec import ApplianceSpec, build_spec, load_spec, spec_json_schema

ROOT = Path(__file__).resolve().parent.parent
YAML = ROOT / "examples" / "appliance.yaml"


def test_yaml_example_builds_valid_descriptor() -> None:
    doc = build_spec(load_spec(YAML))
    text = ovfmodel.serialize(doc)
    schema = schemas.for_namespace(doc.namespace)
    assert schema is not None
    schema.assertValid(etree.fromstring(text))
    assert ovfmodel.parse(text) == doc
    vs = model.virtual_systems(doc)[0]
    configs = {i.configuration for i in model.items(vs)}
    assert configs == {None, "small", "large"}


@pytest.mark.parametrize("version", ["1.0", "1.1", "2.0"])
def test_minimal_json_spec_each_version(tmp_path: Path, version: str) -> None:
    path = tmp_path / "a.json"
    path.write_text(
        json.dumps(
            {
                "name": "mini",
                "ovf_version": version,
                "os": {"type": 101},
                "networks": [{"name": "lan"}],
                "nics": [{"network": "lan"}],
                "disks": [{"id": "root", "capacity": 2}],
                "hardware": {
                    "controllers": [{"kind": "sata"}],
                    "usb": True,
                    "serial_ports": 1,
                    "sound": True,
                    "floppy": True,
                    "cdrom": True,
                },
            }
        )
    )
    doc = build_spec(load_spec(path))
    text = ovfmodel.serialize(doc)
    schema = schemas.for_namespace(doc.namespace)
    assert schema is not None
    schema.assertValid(etree.fromstring(text))


def test_spec_errors_name_the_field() -> None:
    with pytest.raises(ValidationError) as err:
        ApplianceSpec.model_validate({"name": "x", "disks": [{"id": "d", "capacity": 0}]})
    assert err.value.errors()[0]["loc"] == ("disks", 0, "capacity")
    with pytest.raises(ValidationError, match="nics\\[0\\].network"):
        ApplianceSpec.model_validate({"name": "x", "nics": [{"network": "nope"}]})
    with pytest.raises(ValidationError, match="extra"):
        ApplianceSpec.model_validate({"name": "x", "colour": "red"})
    with pytest.raises(ValidationError, match="OS type"):
        ApplianceSpec.model_validate({"name": "x", "os": {"type": "BEOS9"}})


def test_json_schema() -> None:
    schema = spec_json_schema()
    assert schema["title"] == "ApplianceSpec"
    assert "disks" in schema["properties"] and "name" in schema["required"]


def test_cli_build_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "a.ovf"
    assert main(["build", str(YAML), "-o", str(out)]) == 0
    assert ovfmodel.parse(out) == build_spec(load_spec(YAML))


def test_cli_invalid_spec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nhardware: {cpus: 0}\n")
    assert main(["build", str(bad), "-o", str(tmp_path / "o.ovf")]) == 1
    assert "hardware.cpus: Input should be greater than 0" in capsys.readouterr().err
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("name: x\nproducts: [{properties: [{key: k, type: uint8, default: 300}]}]\n")
    assert main(["build", str(wrong), "-o", str(tmp_path / "o.ovf")]) == 1
    assert "uint8" in capsys.readouterr().err


def test_cli_unreadable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(tmp_path / "missing.yaml")]) == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed\n")
    assert main(["build", str(broken)]) == 2
    assert "not valid YAML" in capsys.readouterr().err


def test_cli_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "spec"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "ApplianceSpec"


def test_register_sets_handlers() -> None:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["build", "x.yaml", "-o", "y.ovf"])
    assert args.output == "y.ovf" and callable(args.func)
