"""What a package becomes on one platform, as that importer reads it (`ovfmodel info --target`).

Pydantic models, so the same summary is printed as text or JSON.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from ovfmodel.display import printable


class DiskView(BaseModel):
    disk_id: str | None = None
    file: str | None = Field(default=None, description="href of the image the importer reads")
    controller: str | None = Field(default=None, description="bus or controller as imported")
    size_bytes: int | None = Field(default=None, description="virtual size the importer uses")


class NicView(BaseModel):
    network: str | None = None
    model: str | None = Field(default=None, description="adapter model as imported")


class Machine(BaseModel):
    """One VM the importer creates."""

    source: str | None = Field(default=None, description="path of the VirtualSystem it comes from")
    name: str | None = None
    cpus: int | None = None
    memory_mib: int | None = None
    os: str | None = None
    firmware: str | None = None
    disks: list[DiskView] = Field(default_factory=list)
    nics: list[NicView] = Field(default_factory=list)
    properties: list[str] = Field(default_factory=list, description="ProductSection keys read")
    notes: list[str] = Field(default_factory=list)


class PlatformSummary(BaseModel):
    target: str
    title: str
    source: str | None = None
    refused: list[str] = Field(
        default_factory=list, description="error diagnostics: why the importer refuses"
    )
    machines: list[Machine] = Field(default_factory=list)

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
