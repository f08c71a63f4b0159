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


def ovf1_top_system(d: Descriptor) -> System | None:
    """The system the XPath readers of Proxmox and virt-v2v find: /ovf:Envelope/ovf:VirtualSystem
    in the OVF 1 namespace only (a 0.9 or 2.x descriptor gives them none)."""
    return top_system(d) if d.is_ovf1 else None


def ovf1_top_items(d: Descriptor, *types: int) -> Iterator[tuple[System, Item]]:
    """The items of `types` of `ovf1_top_system` (none when there is no such system)."""
    vs = ovf1_top_system(d)
    if vs is None:
        return
    for it in of_type(vs, *types):
        yield vs, it


# memory units the XPath readers take at face value as MiB (they ignore AllocationUnits)
MIB_UNITS = frozenset({"byte * 2^20", "MegaBytes", "MB"})


def memory_read_as_mib(d: Descriptor) -> Iterator[Finding]:
    """A finding for each memory item of `ovf1_top_system` whose units are not MiB: a reader
    ignoring AllocationUnits takes its VirtualQuantity as that many MiB."""
    for _, it in ovf1_top_items(d, ResourceType.MEMORY):
        if (it.units or "byte * 2^20") not in MIB_UNITS:
            yield at(
                it,
                f"VirtualQuantity {shown(it.quantity, '(none)')} x {it.units!r} is read as that "
                "many MiB",
            )


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
