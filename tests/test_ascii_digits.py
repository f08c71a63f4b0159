"""Numbers in OVF are written in ASCII digits (XML Schema's decimal and integer lexical spaces).

Python's `\\d` and `int()` also take other scripts' digits ("٣", fullwidth "３"): a property
value of "٣" passed the validator's OVF602 check and `ovfmodel env` wrote it into ovf-env.xml
for a real32, where no guest reads it as a number.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import ovfmodel
from ovfmodel import model
from ovfmodel.environment import EnvironmentValueError, environment_for, properties

DATA = Path(__file__).parent / "data"
COLLECTOR = DATA / "generic-ovf20-storage-ethernet-items.ovf"  # uint16 and real32 properties
OTHER_DIGITS = ["\u0663", "\uff13", "1\u0660", "\u0663.\u0665", "3e\u0661"]


@pytest.mark.parametrize("value", OTHER_DIGITS)
@pytest.mark.parametrize("key", ["collector.retention_days", "collector.sample_rate"])
def test_env_refuses_numbers_in_other_digits(key: str, value: str) -> None:
    with pytest.raises(EnvironmentValueError, match=key):
        environment_for(ovfmodel.parse(COLLECTOR), {key: value})


def test_env_still_takes_ascii_numbers() -> None:
    values = {"collector.retention_days": " +7 ", "collector.sample_rate": "2.5e-1"}
    got = properties(environment_for(ovfmodel.parse(COLLECTOR), values))
    assert got == {"collector.retention_days": "7", "collector.sample_rate": "2.5e-1"}


@pytest.mark.parametrize("value", OTHER_DIGITS)
def test_validate_reports_a_default_in_other_digits(tmp_path: Path, value: str) -> None:
    text = COLLECTOR.read_text(encoding="utf-8")
    assert 'ovf:value="30"' in text and 'ovf:value="0.5"' in text
    for old in ('ovf:value="30"', 'ovf:value="0.5"'):
        path = tmp_path / "digits.ovf"
        path.write_text(text.replace(old, f'ovf:value="{value}"'), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "ovfmodel", "validate", str(path)],
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        assert done.returncode == 1, done.stdout + done.stderr
        assert "OVF602" in done.stdout


def test_parse_keeps_an_integer_in_other_digits_verbatim(tmp_path: Path) -> None:
    # the schema refuses "\u0664" as an xs:unsignedLong; the binder converted it to 4
    text = COLLECTOR.read_text(encoding="utf-8")
    old = "<rasd:VirtualQuantity>4</rasd:VirtualQuantity>"
    assert old in text
    path = tmp_path / "quantity.ovf"
    path.write_text(
        text.replace(old, "<rasd:VirtualQuantity>\u0664</rasd:VirtualQuantity>"), encoding="utf-8"
    )
    doc = ovfmodel.parse(path)
    cpu = model.items(model.virtual_systems(doc)[0])[0]
    assert cpu.virtual_quantity is not None and cpu.virtual_quantity.value is None
    assert ovfmodel.raw_value(cpu.virtual_quantity, "value") == "\u0664"
    assert "<rasd:VirtualQuantity>\u0664<".encode() in ovfmodel.serialize(doc)
    done = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "validate", "--no-xsd", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "OVF004" in done.stdout
