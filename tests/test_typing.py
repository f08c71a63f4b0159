"""Issue 13: what a mypy user sees from `ovfmodel.model` and `ovfmodel.edit` (no Any)."""

from __future__ import annotations

from pathlib import Path

from mypy import api

ROOT = Path(__file__).parent.parent

GOOD = """
from typing import assert_type

import ovfmodel
from ovfmodel import model
from ovfmodel._generated import ovf_envelope_1 as ovf1, ovf_envelope_2 as ovf2

doc = ovfmodel.parse("appliance.ovf")
vs = model.virtual_systems(doc)[0]
assert_type(vs, ovf1.VirtualSystemType | ovf2.VirtualSystemType)
assert_type(model.files(doc), list[model.File])
assert_type(model.disks(doc)[0].capacity, str)
assert_type(model.networks(doc)[0].name, str)
item = model.items(vs)[0]
assert_type(item, model.Item)
assert_type(model.cim(item.instance_id), str)
assert_type(model.cim(item.parent), str | None)
hw = model.section(vs, "VirtualHardwareSection")
assert_type(hw, model.HardwareSection | None)
for ps in model.product_sections(vs):
    for prop in model.properties(ps):
        assert_type(prop.key, str)
        assert_type(prop.value_attribute, str)
assert_type(model.sections(vs), list[model.Section])

from ovfmodel.edit import Editor

ed = Editor(doc)
assert_type(ed.set_cpus(4, configuration="large"), list[model.Item])
assert_type(ed.add_nic("VM Network"), model.Item)
assert_type(ed.add_disk(capacity="20GiB", controller="scsi0"), model.Disk)
assert_type(ed.add_file("notes.txt"), model.File)
assert_type(ed.rename_network("a", "b"), model.Network)
assert_type(ed.set_property("hostname", "gw"), model.Property)
assert_type(ed.add_deployment_option("large", "Large"), model.Configuration)
"""

BAD = """
import ovfmodel
from ovfmodel import model

doc = ovfmodel.parse("appliance.ovf")
vs = model.virtual_systems(doc)[0]
print(vs.nonexistent_attribute)
"""

BAD_EDIT = """
import ovfmodel
from ovfmodel.edit import Editor

ed = Editor(ovfmodel.parse("appliance.ovf"))
ed.set_cpus("four")
"""


def _mypy(tmp_path: Path, source: str) -> tuple[str, int]:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(source)
    out, err, status = api.run(
        [
            "--strict",
            "--no-error-summary",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            str(snippet),
        ]
    )
    return out + err, status


def test_navigation_is_typed(tmp_path: Path) -> None:
    out, status = _mypy(tmp_path, GOOD)
    assert status == 0, out


def test_unknown_attribute_is_an_error(tmp_path: Path) -> None:
    out, status = _mypy(tmp_path, BAD)
    assert status == 1
    assert 'has no attribute "nonexistent_attribute"' in out, out


def test_edit_arguments_are_checked(tmp_path: Path) -> None:
    out, status = _mypy(tmp_path, BAD_EDIT)
    assert status == 1
    assert 'incompatible type "str"; expected "int"' in out, out
