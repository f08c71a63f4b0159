"""Readable element paths for diagnostics.

A path names each element by what a reader searches for in the file, not by position:
`VirtualSystem[vm1]/VirtualHardwareSection/Item[InstanceID=4]`, `References/File[file1]`,
`DiskSection/Disk[vmdisk1]`, `ProductSection[org.app]/Property[ip]`. Diagnostics that only know
a line (XSD errors, misplaced elements) get the path of the nearest element that starts at or
before that line.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Protocol

from lxml import etree


class HasPath(Protocol):
    """Something whose path is made only when asked for."""

    @property
    def path(self) -> str: ...


class Located(HasPath, Protocol):
    """... and whose element tells its line."""

    @property
    def el(self) -> etree._Element: ...


def local_name(tag: str) -> str:
    """`{ns}Name` -> `Name`."""
    return tag.rsplit("}", 1)[-1]


def join(*parts: str | None) -> str:
    return "/".join([p for p in parts if p])


def keyed(name: str, key: object | None) -> str:
    return f"{name}[{key}]" if key not in (None, "") else name


def item(name: str, instance_id: str | None) -> str:
    """`Item[InstanceID=4]` (OVF 2: also StorageItem / EthernetPortItem)."""
    return f"{name}[InstanceID={instance_id}]" if instance_id is not None else name


class LineIndex:
    """Paths by start line, to name the element a diagnostic that has only a line is in."""

    def __init__(self) -> None:
        self._lines: list[int] = []
        self._paths: list[str | HasPath] = []
        self._sorted = True
        self._pending: list[Sequence[Located]] = []

    def add(self, line: int | None, path: str | HasPath) -> None:
        if line is None:
            return
        if self._lines and line < self._lines[-1]:
            self._sorted = False
        self._lines.append(line)
        self._paths.append(path)

    def extend_lazily(self, found: Sequence[Located]) -> None:
        """`add` for many elements with a path (the items of a section), deferred to the first
        lookup: most validations never look a line up."""
        self._pending.append(found)

    def _settle(self) -> None:
        for found in self._pending:
            for obj in found:
                self.add(obj.el.sourceline, obj)
        self._pending.clear()

    def lookup(self, line: int | None) -> str | None:
        if self._pending:
            self._settle()
        if line is None or not self._lines:
            return None
        if not self._sorted:
            pairs = sorted(zip(self._lines, self._paths, strict=True), key=lambda p: p[0])
            self._lines = [p[0] for p in pairs]
            self._paths = [p[1] for p in pairs]
            self._sorted = True
        pos = bisect_right(self._lines, line)
        if not pos:
            return None
        found = self._paths[pos - 1]
        return found if isinstance(found, str) else found.path
