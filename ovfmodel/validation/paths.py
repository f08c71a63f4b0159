"""Readable element paths for diagnostics.

A path names each element by what a reader searches for in the file, not by position:
`VirtualSystem[vm1]/VirtualHardwareSection/Item[InstanceID=4]`, `References/File[file1]`,
`DiskSection/Disk[vmdisk1]`, `ProductSection[org.app]/Property[ip]`. Diagnostics that only know
a line (XSD errors) get the path of the nearest element that starts at or before that line.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from xsdata.formats.dataclass.models.generics import AnyElement

from ovfmodel.binding import source_info

_ITEM_NAMES = {"RasdType": "Item", "SasdType": "StorageItem", "EpasdType": "EthernetPortItem"}


def local_name(tag: str) -> str:
    """`{ns}Name` -> `Name`."""
    return tag.rsplit("}", 1)[-1]


def join(*parts: str | None) -> str:
    return "/".join([p for p in parts if p])


def keyed(name: str, key: object | None) -> str:
    return f"{name}[{key}]" if key not in (None, "") else name


def content(obj: Any) -> str:
    """`VirtualSystem[id]` or `VirtualSystemCollection[id]`."""
    name = type(obj).__name__
    if name.endswith("Type"):
        name = name[: -len("Type")]
    if name not in ("VirtualSystem", "VirtualSystemCollection"):
        info = source_info(obj)
        name = local_name(info.tag) if info else name
    return keyed(name, getattr(obj, "id", None))


def section_kind(section: Any) -> str:
    """The element name of a section: `DiskSection`, or a vendor section's local name."""
    if isinstance(section, AnyElement):
        return local_name(section.qname or "Section")
    name = type(section).__name__
    return name[: -len("Type")] if name.endswith("Type") else name


def section(obj: Any) -> str:
    kind = section_kind(obj)
    if kind == "ProductSection":
        key = ".".join(p for p in (obj.class_value, obj.instance) if p)
        return keyed(kind, key or None)
    if kind == "VirtualHardwareSection":
        return keyed(kind, getattr(obj, "id", None))
    return kind


def instance_id(obj: Any) -> str | None:
    """An item's InstanceID; OVF 0.9 files spell it `rasd:InstanceId` (kept as extension)."""
    wrapper = getattr(obj, "instance_id", None)
    value = getattr(wrapper, "value", None)
    if value not in (None, ""):
        return str(value)
    for other in getattr(obj, "other_element", None) or []:
        if isinstance(other, AnyElement) and local_name(other.qname or "") == "InstanceId":
            return (other.text or "").strip() or None
    return None


def item(obj: Any) -> str:
    """`Item[InstanceID=4]` (OVF 2: also StorageItem / EthernetPortItem)."""
    name = _ITEM_NAMES.get(type(obj).__name__, "Item")
    instance = instance_id(obj)
    return f"{name}[InstanceID={instance}]" if instance is not None else name


class LineIndex:
    """Paths by start line, to name the element an XSD error (which has only a line) is in."""

    def __init__(self) -> None:
        self._lines: list[int] = []
        self._paths: list[str] = []
        self._sorted = True

    def add(self, line: int | None, path: str) -> None:
        if line is None:
            return
        if self._lines and line < self._lines[-1]:
            self._sorted = False
        self._lines.append(line)
        self._paths.append(path)

    def lookup(self, line: int | None) -> str | None:
        if line is None or not self._lines:
            return None
        if not self._sorted:
            pairs = sorted(zip(self._lines, self._paths, strict=True), key=lambda p: p[0])
            self._lines = [p[0] for p in pairs]
            self._paths = [p[1] for p in pairs]
            self._sorted = True
        pos = bisect_right(self._lines, line)
        return self._paths[pos - 1] if pos else None
