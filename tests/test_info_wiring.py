"""Issue 13: `ovfmodel info` shows profiles, properties, NIC -> network, disk -> controller."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ovfmodel.info import describe, render_text

DATA = Path(__file__).parent / "data"
VMWARE = DATA / "vmware-ovftool-appliance.ovf"


def test_profiles_wiring_and_properties_in_the_model() -> None:
    info = describe(VMWARE)
    assert [(p.id, p.default) for p in info.profiles] == [
        ("standard", True),
        ("performance", False),
    ]
    items = {(i.instance_id, tuple(i.configuration or ())): i for i in info.contents[0].items}
    assert items[("1", ("performance",))].quantity == 4
    assert items[("10", ())].connection == ["VM Network"]
    disk = items[("8", ())]
    assert (disk.parent, disk.address_on_parent, disk.host_resource) == (
        "3",
        "0",
        ["ovf:/disk/vmdisk1"],
    )
    props = {p.key: p for p in info.contents[0].products[0].properties}
    assert props["hostname"].qualifiers == "MinLen(1) MaxLen(63)"


def test_text_shows_the_profile_table_and_wiring() -> None:
    text = render_text(describe(VMWARE))
    assert "standard (default): Standard" in text
    assert "performance             4  8192 byte * 2^20" in text
    assert "[10] type 10: Network adapter 1  (network VM Network)" in text
    assert "Hard disk 1  (on SCSI Controller 0 [3] unit 0; ovf:/disk/vmdisk1)" in text
    assert "admin.password [string, user-configurable, password] = ''" in text


def test_json_carries_per_profile_values(tmp_path: Path) -> None:
    from ovfmodel import parse, write
    from ovfmodel.edit import Editor

    doc = parse(VMWARE)
    Editor(doc).set_property("uplink.mtu", 9000, configuration="performance")
    path = tmp_path / "vm.ovf"
    write(doc, path)
    done = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "info", str(path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(done.stdout)
    props = {p["key"]: p for p in data["contents"][0]["products"][0]["properties"]}
    assert props["uplink.mtu"]["values"] == {"performance": "9000"}
    assert "; performance: '9000'" in render_text(describe(path))
