"""Small lossless edits of the typed model for `ovfmodel port`.

`ovfmodel.parse` keeps everything it does not bind and `ovfmodel.serialize` writes back what was
read, so changing one object (a ResourceSubType, a VirtualSystemType, the units of one Item)
changes only that element in the output. CIM properties are set with the edit API's `put`
(`ovfmodel.edit`), which keeps an existing element's prefix and attributes; port works below
the `Editor` because it also rewrites OVF 0.9 descriptors, which the Editor does not edit. Each edit returns a `Change` naming the element by the
validator's path conventions, so the list `port` prints matches the diagnostics it answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ovfmodel import model
from ovfmodel.cim import UnitsError, parse_allocation_units
from ovfmodel.document import OvfDocument
from ovfmodel.validation import paths

from .common import MEMORY

MIB = 1 << 20


@dataclass
class Change:
    """One change `port` made (`applied`) or could not make (`applied=False`, with the reason)."""

    path: str
    message: str
    applied: bool = True
    code: str | None = None


@dataclass
class TypedItem:
    vs: Any
    hw: Any
    item: Any
    path: str

    @property
    def rt(self) -> int | None:
        value = model.cim(self.item.resource_type)
        number = getattr(value, "value", value)
        return number if isinstance(number, int) else None

    @property
    def subtype(self) -> str | None:
        return text(self.item.resource_sub_type)


def text(wrapper: Any) -> str | None:
    """The plain text of a CIM property element, or None."""
    value = model.cim(wrapper)
    if value is None:
        return None
    value = getattr(value, "value", value)
    return str(value).strip()


def _content_paths(doc: OvfDocument) -> Iterator[tuple[Any, str]]:
    top = model.content(doc)
    stack: list[tuple[Any, str]] = [(top, "")] if top is not None else []
    while stack:
        node, parent = stack.pop()
        kind = "VirtualSystemCollection" if isinstance(node, model.COLLECTION) else "VirtualSystem"
        path = paths.join(parent, paths.keyed(kind, getattr(node, "id", None)))
        yield node, path
        if isinstance(node, model.COLLECTION):
            stack.extend((c, path) for c in reversed(list(getattr(node, "content", []))))


def hardware(doc: OvfDocument) -> Iterator[tuple[Any, Any, str]]:
    """(virtual system, VirtualHardwareSection, its path) for every section."""
    for node, path in _content_paths(doc):
        if not isinstance(node, model.VIRTUAL_SYSTEM):
            continue
        for hw in model.hardware_sections(node):
            yield node, hw, paths.join(path, paths.keyed("VirtualHardwareSection", hw.id))


def items(doc: OvfDocument) -> Iterator[TypedItem]:
    for vs, hw, hpath in hardware(doc):
        for kind, found in (
            ("Item", hw.item),
            ("StorageItem", getattr(hw, "storage_item", []) or []),
            ("EthernetPortItem", getattr(hw, "ethernet_port_item", []) or []),
        ):
            for item in found:
                iid = text(item.instance_id)
                yield TypedItem(vs, hw, item, paths.join(hpath, paths.item(kind, iid)))


def set_subtype(found: TypedItem, value: str | None) -> Change:
    from ovfmodel.edit._base import put  # the editor loads only when `port` changes something

    old = found.subtype
    if value is None:
        found.item.resource_sub_type = None
        return Change(found.path, f"ResourceSubType {old!r} removed")
    put(found.item, "resource_sub_type", value)
    return Change(found.path, f"ResourceSubType {old!r} -> {value!r}")


def memory_in_mib(found: TypedItem, accepted: frozenset[str], code: str) -> Change | None:
    """Rewrite a memory item's AllocationUnits to `byte * 2^20` with the same amount, when its
    units are not among `accepted` and the amount is a whole number of MiB. The change (made
    or refused) answers the target rule `code`."""
    from ovfmodel.edit._base import put  # the editor loads only when `port` changes something

    units = text(found.item.allocation_units)
    quantity = model.cim(found.item.virtual_quantity)
    if (units or "") in accepted or not isinstance(quantity, int):
        return None
    try:
        size = quantity * parse_allocation_units(units or "byte * 2^20")
    except UnitsError:
        return Change(found.path, f"memory units {units!r} are not bytes", False, code)
    if size % MIB:
        return Change(found.path, f"{size} bytes of memory is no whole MiB", False, code)
    put(found.item, "allocation_units", "byte * 2^20")
    put(found.item, "virtual_quantity", size // MIB)
    return Change(
        found.path,
        f"memory {quantity} x {units!r} written as {size // MIB} x 'byte * 2^20'",
        code=code,
    )


def memory_in_mib_everywhere(doc: OvfDocument, accepted: frozenset[str], code: str) -> list[Change]:
    """`memory_in_mib` on every memory Item of the descriptor: the port of importers whose only
    faithful change is memory written in units they read."""
    changes = []
    for found in items(doc):
        if found.rt == MEMORY:
            change = memory_in_mib(found, accepted, code)
            if change is not None:
                changes.append(change)
    return changes


def dvd_as_cd(found: TypedItem) -> Change:
    """ResourceType 16 (DVD drive) written as 15 (CD drive): the optical drive of importers
    that know only 15."""
    from ovfmodel.cim import ResourceType, to_generated

    found.item.resource_type.value = to_generated(ResourceType.CD_DRIVE)
    return Change(found.path, "ResourceType 16 (DVD drive) -> 15 (CD drive)")
