"""Files and disks: add a file or a disk image (format and capacity read from its header), an
empty disk, attach disks to controllers, remove disks and files with what uses them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import model
from ..builder import ControllerKind
from ..cim import DiskFormat, parse_allocation_units
from ..errors import EditError
from ._base import keep_only
from .configiso import make_config_iso
from .diskimage import read_disk_image
from .hardware import HardwareEdits, parse_size

GIB = 2**30
_HOST_DISK = re.compile(r"^\s*ovf:/?disk/(.+?)\s*$")
_HOST_FILE = re.compile(r"^\s*ovf:/?file/(.+?)\s*$")
_ID_CHARS = re.compile(r"[^\w.\-]")
_DISK_CONTROLLERS = (
    ControllerKind.SCSI,
    ControllerKind.SATA,
    ControllerKind.NVME,
    ControllerKind.IDE,
)


def _fail(message: str, hint: str) -> EditError:
    return EditError(message, hint=hint)


class StorageEdits(HardwareEdits):
    # -- files --------------------------------------------------------------------------------
    def add_file(
        self, path: str | Path, *, file_id: str | None = None, href: str | None = None
    ) -> model.File:
        """Reference a local file (its size read now); a package gets it when saved."""
        p = Path(path)
        if not p.is_file():
            raise EditError("no such file", file=str(p), hint="give the path of an existing file")
        href = href or p.name
        ids = {str(f.id) for f in model.files(self.doc)}
        file_id = file_id or _free_id(_ID_CHARS.sub("_", p.stem) or "file", ids)
        file: model.File = self.builder().add_file(file_id, href, size=p.stat().st_size)
        self.added_files[href] = p
        return file

    def file_users(self, file_id: str) -> list[str]:
        """What refers to a File, described for messages (disks, drives, icons, bundles)."""
        users = [f"disk {d.disk_id}" for d in model.disks(self.doc) if d.file_ref == file_id]
        for vs in model.virtual_systems(self.doc):
            for item in model.items(vs):
                if any(_host(h, _HOST_FILE) == file_id for h in item.host_resource):
                    users.append(f"item {model.cim(item.instance_id)} of {vs.id}")
        for content in model.iter_content(self.doc):
            for ps in model.product_sections(content):
                users.extend(f"icon of {content.id}" for i in ps.icon if i.file_ref == file_id)
        for bundle in model.strings(self.doc):
            if bundle.file_ref == file_id:
                users.append(f"Strings bundle {bundle.lang}")
        return users

    def remove_file(self, file_id: str, *, with_users: bool = False) -> model.File:
        """Remove a File; refused while something uses it, unless `with_users`: disks using
        it are removed (with their drives), drives holding it are emptied."""
        file = self._file(file_id)
        users = self.file_users(file_id)
        if users and not with_users:
            raise _fail(
                f"file {file_id!r} is used by " + ", ".join(users),
                "remove those first, or remove the file with its users (--with-users)",
            )
        blocking = [u for u in users if u.startswith(("icon", "Strings"))]
        if blocking:
            raise _fail(
                f"file {file_id!r} is used by " + ", ".join(blocking),
                "remove the icon or bundle from the descriptor first",
            )
        for disk in [d for d in model.disks(self.doc) if d.file_ref == file_id]:
            self.remove_disk(str(disk.disk_id), keep_file=True)
        for vs in model.virtual_systems(self.doc):
            for item in model.items(vs):
                before = len(item.host_resource)
                keep_only(item.host_resource, lambda h: _host(h, _HOST_FILE) != file_id)
                if len(item.host_resource) != before and item.automatic_allocation is not None:
                    item.automatic_allocation.value = False
        refs = model.envelope_of(self.doc).references
        keep_only(refs.file, lambda f: f is not file)
        self.added_files.pop(str(file.href), None)
        return file

    def _file(self, file_id: str) -> model.File:
        for file in model.files(self.doc):
            if file.id == file_id:
                return file
        known = ", ".join(str(f.id) for f in model.files(self.doc)) or "none"
        raise _fail(f"there is no file {file_id!r}", f"known: {known}")

    def attach_iso(
        self, iso: str | Path, *, controller: str | None = None, vs: str | None = None
    ) -> model.Item:
        """Add an ISO image as a File and attach it to a new CD-ROM drive."""
        file = self.add_file(iso)
        return self.add_cdrom(controller=controller, iso_file=str(file.id), vs=vs)

    def inject_config(
        self,
        files: Sequence[str | Path],
        *,
        iso_path: str | Path | None = None,
        iso_name: str = "config.iso",
        label: str = "config",
        controller: str | None = None,
        vs: str | None = None,
    ) -> model.Item:
        """Put `files` into an ISO 9660 image (at `iso_path`; a package editor keeps it until
        saved), add it as a File and attach it to a new CD-ROM drive."""
        self.hardware(vs)  # refuse before writing anything
        target = Path(iso_path) if iso_path is not None else self.place_for(iso_name)
        if any(f.href == target.name for f in model.files(self.doc)):
            raise _fail(f"a File already has href {target.name!r}", "choose another --iso-name")
        make_config_iso(files, target, label=label)
        return self.attach_iso(target, controller=controller, vs=vs)

    def place_for(self, name: str) -> Path:
        """Where a file made by an edit goes; a lone descriptor needs the caller to say."""
        raise _fail(
            f"there is nowhere to write {name}",
            "give iso_path, or edit the package (open_package_editor) instead",
        )

    # -- disks --------------------------------------------------------------------------------
    def add_disk(
        self,
        image: str | Path | None = None,
        *,
        capacity: int | str | None = None,
        controller: str | None = None,
        disk_id: str | None = None,
        file_id: str | None = None,
        configuration: str | None = None,
        vs: str | None = None,
    ) -> model.Disk:
        """Add a disk and attach it to a controller at its next free unit.

        `image`: a disk file (VMDK sparse/streamOptimized, qcow2 or raw) whose format and
        capacity come from its header; or None with `capacity` (int: GiB, or "20GiB") for an
        empty disk. `controller`: "scsi0", "sata0", "ide1", an InstanceID, or None for the
        first SCSI, SATA, NVMe or IDE controller with a free unit.
        """
        self.check_configuration(configuration)
        hw = self.hardware(vs)
        ctl = self.find_controller(hw, controller, _DISK_CONTROLLERS)
        if ctl.free_slot() is None:
            raise _fail(
                f"controller {ctl.instance_id} has no free unit",
                "add another controller (--add-controller) and name it (--controller)",
            )
        ids = {str(d.disk_id) for d in model.disks(self.doc)}
        if image is not None:
            if capacity is not None:
                raise _fail(
                    "a disk image brings its own capacity", "give either an image or --capacity"
                )
            info = read_disk_image(image)
            stem = _ID_CHARS.sub("_", info.path.stem) or "disk"
            disk_id = disk_id or _free_id(stem, ids)
            file = self.add_file(info.path, file_id=file_id)
            size, fmt, ref = info.capacity, info.format, str(file.id)
        else:
            if capacity is None:
                raise _fail("an empty disk needs a capacity", "give --capacity, e.g. 20GiB")
            size = parse_size(capacity, default_unit=GIB)
            fmt, ref = DiskFormat.VMDK_STREAM_OPTIMIZED, None
            disk_id = disk_id or _free_id("disk", ids)
        units = "byte * 2^30" if size % GIB == 0 else "byte"
        disk: model.Disk = self.builder().add_disk(
            disk_id,
            size // parse_allocation_units(units),
            units=units,
            file=ref,
            format=fmt,
        )
        hw = self.hardware(vs)
        ctl = self.find_controller(hw, ctl.instance_id, _DISK_CONTROLLERS)
        hw.disk(disk_id, ctl, configuration=configuration)
        return disk

    def remove_disk(self, disk_id: str, *, keep_file: bool = False) -> model.Disk:
        """Remove a disk, the drives that attach it, and its File when nothing else uses it."""
        found = [
            (s, d)
            for s in model.sections(model.envelope_of(self.doc), "DiskSection")
            for d in s.disk
            if d.disk_id == disk_id
        ]
        if not found:
            known = ", ".join(str(d.disk_id) for d in model.disks(self.doc)) or "none"
            raise _fail(f"there is no disk {disk_id!r}", f"known: {known}")
        children = [str(d.disk_id) for d in model.disks(self.doc) if d.parent_ref == disk_id]
        if children:
            raise _fail(
                f"disk {disk_id!r} is the parent of " + ", ".join(children),
                "remove the child disks first",
            )
        section, disk = found[0]
        drives = [
            (item, str(vs.id))
            for vs in model.virtual_systems(self.doc)
            for item in model.items(vs)
            if any(_host(h, _HOST_DISK) == disk_id for h in item.host_resource)
        ]
        self.refuse_losing_iso_drive([item for item, _ in drives])
        for item, vs_id in drives:
            self.remove_item(item, vs_id)
        keep_only(section.disk, lambda d: d is not disk)
        if not section.disk:
            sections = model.envelope_of(self.doc).sections
            keep_only(sections, lambda s: s is not section)
        if disk.file_ref and not keep_file and not self.file_users(disk.file_ref):
            self.remove_file(disk.file_ref)
        return disk


def _host(value: Any, pattern: re.Pattern[str]) -> str | None:
    match = pattern.match(str(getattr(value, "value", "") or ""))
    return match.group(1) if match else None


def _free_id(stem: str, taken: set[str]) -> str:
    if not re.match(r"^[A-Za-z_]", stem):
        stem = "_" + stem
    if stem not in taken:
        return stem
    n = 1
    while f"{stem}{n}" in taken:
        n += 1
    return f"{stem}{n}"
