"""What a package becomes on one platform, as that importer reads it (`ovfmodel info --target`).

Slotted dataclasses with pydantic at the JSON boundary (`ovfmodel.jsonboundary`), so the same
summary is printed as text, without pydantic, or as JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ovfmodel.display import printable
from ovfmodel.jsonboundary import JsonBoundary, about

# unknown keys are ignored when JSON is read (pydantic's default; said explicitly because a
# stdlib dataclass without a config takes that of the class holding it: `Info` forbids them)
_IGNORE = {"extra": "ignore"}


@dataclass(slots=True, kw_only=True)
class DiskView(JsonBoundary):
    __pydantic_config__ = _IGNORE

    disk_id: str | None = None
    file: str | None = field(default=None, metadata=about("href of the image the importer reads"))
    controller: str | None = field(default=None, metadata=about("bus or controller as imported"))
    size_bytes: int | None = field(default=None, metadata=about("virtual size the importer uses"))


@dataclass(slots=True, kw_only=True)
class NicView(JsonBoundary):
    __pydantic_config__ = _IGNORE

    network: str | None = None
    model: str | None = field(default=None, metadata=about("adapter model as imported"))


@dataclass(slots=True, kw_only=True)
class Machine(JsonBoundary):
    """One VM the importer creates."""

    __pydantic_config__ = _IGNORE

    source: str | None = field(
        default=None, metadata=about("path of the VirtualSystem it comes from")
    )
    name: str | None = None
    cpus: int | None = None
    memory_mib: int | None = None
    os: str | None = None
    firmware: str | None = None
    disks: list[DiskView] = field(default_factory=list)
    nics: list[NicView] = field(default_factory=list)
    properties: list[str] = field(default_factory=list, metadata=about("ProductSection keys read"))
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class PlatformSummary(JsonBoundary):
    __pydantic_config__ = _IGNORE

    target: str
    title: str
    source: str | None = None
    refused: list[str] = field(
        default_factory=list, metadata=about("error diagnostics: why the importer refuses")
    )
    machines: list[Machine] = field(default_factory=list)

    def render_text(self) -> str:
        """Human-readable; text from the descriptor is shown with control characters escaped."""
        return "".join(printable(line) + "\n" for line in self._lines())

    def _lines(self) -> list[str]:
        lines = [f"{self.source or '<input>'} on {self.title} ({self.target}):"]
        if self.refused:
            lines.append("  REFUSED:")
            lines += [f"    {why}" for why in self.refused]
        if not self.machines:
            lines.append("  no virtual machine is imported")
        for m in self.machines:
            lines.append(f"  VM {m.name or '(no name)'}  [from {m.source or '?'}]")
            mem = f"{m.memory_mib} MiB" if m.memory_mib is not None else "default"
            cpus = str(m.cpus) if m.cpus is not None else "default"
            lines.append(f"    CPUs {cpus}, memory {mem}")
            if m.os:
                lines.append(f"    guest OS {m.os}")
            if m.firmware:
                lines.append(f"    firmware {m.firmware}")
            lines.append(f"    disks: {len(m.disks)}")
            for disk in m.disks:
                size = (
                    f"{disk.size_bytes} bytes" if disk.size_bytes is not None else "size from image"
                )
                lines.append(
                    f"      {disk.disk_id or '?'} on {disk.controller or '?'}: "
                    f"{disk.file or 'no file'} ({size})"
                )
            lines.append(f"    NICs: {len(m.nics)}")
            for nic in m.nics:
                lines.append(f"      {nic.model or 'default model'} on {nic.network or '?'}")
            props = ", ".join(m.properties) if m.properties else "none"
            lines.append(f"    properties read: {props}")
            lines += [f"    note: {n}" for n in m.notes]
        return lines
