"""Tests of the CIM vocabularies (ovfmodel.cim)."""

from __future__ import annotations

import pytest

from ovfmodel import cim
from ovfmodel._generated import cim_rasd
from ovfmodel._generated import ovf_envelope_2 as ovf2
from ovfmodel.errors import OvfError


def test_resource_types_match_the_schema_value_map() -> None:
    assert [m.value for m in cim.ResourceType] == list(range(1, 34))
    for member in cim.ResourceType:
        assert cim.to_generated(member) is cim_rasd.ResourceTypeValue(member.value)
        assert cim.from_generated(cim.to_generated(member)) is member
    assert cim.from_generated(None) is None
    assert cim.ResourceType.DISK_DRIVE.describe() == "Disk Drive"


def test_resource_type_outside_value_map() -> None:
    with pytest.raises(OvfError, match="outside"):
        cim.to_generated(35)


def test_resource_type_of_item() -> None:
    item = ovf2.RasdType(
        element_name=cim_rasd.ElementName(value="disk"),
        instance_id=cim_rasd.InstanceId(value="1"),
        resource_type=cim_rasd.ResourceType(value=cim_rasd.ResourceTypeValue.VALUE_17),
    )
    assert cim.resource_type_of(item) is cim.ResourceType.DISK_DRIVE
    assert cim.resource_type_of(object()) is None


def test_os_types() -> None:
    assert cim.OsType(94) is cim.OsType.UBUNTU_64
    assert cim.OsType.UBUNTU_64.describe() == "Ubuntu 64-Bit"
    assert cim.OsType.RHEL_64.describe() == "RedHat Enterprise Linux 64-Bit"
    assert cim.OsType.OTHER.describe() == "Other"
    assert cim.OsType.LINUX_64.describe() == "Linux 64-Bit"
    assert int(cim.OsType.VMWARE_ESXI) == 104
    assert max(cim.OsType) == 110


@pytest.mark.parametrize(
    ("units", "multiplier"),
    [
        ("byte", 1),
        ("byte * 2^30", 2**30),
        ("byte*2^20", 2**20),
        ("byte * 1024^3", 2**30),
        ("byte * 10^9", 10**9),
        ("GigaBytes", 2**30),
        ("MegaBytes", 2**20),
        ("KiloBytes", 1024),
    ],
)
def test_parse_allocation_units(units: str, multiplier: int) -> None:
    assert cim.parse_allocation_units(units) == multiplier


@pytest.mark.parametrize("units", ["bit * 2^10", "hertz * 10^6", "byte * 2^-1", "furlongs"])
def test_parse_allocation_units_errors(units: str) -> None:
    with pytest.raises(cim.UnitsError) as err:
        cim.parse_allocation_units(units)
    assert err.value.hint or "fraction" in err.value.message


def test_format_allocation_units() -> None:
    assert cim.format_allocation_units(1) == "byte"
    assert cim.format_allocation_units(2**30) == "byte * 2^30"
    assert cim.format_allocation_units(10**6) == "byte * 10^6"
    for bad in (0, 3000):
        with pytest.raises(cim.UnitsError):
            cim.format_allocation_units(bad)
    for m in (1, 2**20, 2**40, 10**9):
        assert cim.parse_allocation_units(cim.format_allocation_units(m)) == m


def test_to_bytes() -> None:
    assert cim.to_bytes(16, "byte * 2^30") == 16 * 2**30
    assert cim.to_bytes(5, None) == 5
    with pytest.raises(cim.UnitsError):
        cim.to_bytes(-1, "byte")


def test_disk_formats() -> None:
    uri = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"
    assert cim.DiskFormat(uri) is cim.DiskFormat.VMDK_STREAM_OPTIMIZED
    assert (
        cim.DiskFormat.lookup(uri.replace("http", "HTTPS")) is cim.DiskFormat.VMDK_STREAM_OPTIMIZED
    )
    assert cim.DiskFormat.lookup("urn:unknown") is None
    assert cim.DiskFormat.QCOW2.value.endswith("qcow-image-format.html")
