"""Small readings several importers share: resource types, item lookups, sizes in MiB."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ovfmodel.cim import ResourceType, UnitsError, parse_allocation_units

from .reading import Descriptor, Disk, Item, System, to_int
from .registry import Finding

RT = ResourceType
CPU, MEMORY = int(RT.PROCESSOR), int(RT.MEMORY)
IDE, SCSI, SATA = int(RT.IDE_CONTROLLER), int(RT.PARALLEL_SCSI_HBA), int(RT.OTHER_STORAGE_DEVICE)
NIC, DISK = int(RT.ETHERNET_ADAPTER), int(RT.DISK_DRIVE)
FLOPPY, CD, DVD = int(RT.FLOPPY_DRIVE), int(RT.CD_DRIVE), int(RT.DVD_DRIVE)
MIB = 1 << 20


def at(obj: Item | Disk | System, message: str) -> Finding:
    """A finding located at an item, disk or virtual system."""
    return Finding(message, obj.el, obj.path)


def shown(value: object, missing: str) -> str:
    """A value quoted for a message, or what stands for it when absent (never Python's None)."""
    return missing if value is None or value == "" else repr(value)


def of_type(vs: System, *types: int) -> list[Item]:
    return [it for it in vs.items if it.rt in types]


def top_system(d: Descriptor) -> System | None:
    """The Envelope's own VirtualSystem (not one inside a collection), as XPath
    /Envelope/VirtualSystem finds it."""
    return next((vs for vs in d.systems if vs.depth == 0), None)


def bytes_of(units: str | None, quantity: int | None, default: int = 1) -> int | None:
    """quantity * bytes-per-unit, or None when either is unknown or the units are not bytes."""
    if quantity is None:
        return None
    if units is None or not units.strip():
        return quantity * default
    try:
        return quantity * parse_allocation_units(units)
    except UnitsError:
        return None


def memory_mib(item: Item) -> int | None:
    """The memory an item asks for, in MiB, read by its AllocationUnits (MiB when absent)."""
    size = bytes_of(item.units, item.quantity, MIB)
    return None if size is None else size // MIB


def disk_bytes(disk: Disk) -> int | None:
    return bytes_of(disk.units, to_int(disk.capacity))


def host_disk_id(host: str) -> str | None:
    """The disk id of an `ovf:/disk/ID` host resource (also `ovf://disk/ID`, `/disk/ID`)."""
    for prefix in ("ovf://disk/", "ovf:/disk/", "/disk/"):
        if host.startswith(prefix):
            return host[len(prefix) :] or None
    return None


def simultaneous(items: Iterable[Item], configs: list[str | None]) -> Iterator[list[Item]]:
    """For each deployment option (None when there are none), the items that apply to it."""
    found = list(items)
    for config in configs or [None]:
        yield [it for it in found if it.in_config(config)]


def configs(d: Descriptor) -> list[str | None]:
    return [cid for cid, _, _ in d.configurations] or [None]


def has_configurations(items: Iterable[Item]) -> bool:
    return any(it.configuration for it in items)


def ignored_properties(systems: Iterable[System], what: str = "properties") -> Iterator[Finding]:
    """For importers that do not read ProductSection: one finding a system, at its first
    property, counting what is lost."""
    for vs in systems:
        if vs.properties:
            first = vs.properties[0]
            yield Finding(f"{len(vs.properties)} {what} are ignored", first.el, first.path)
