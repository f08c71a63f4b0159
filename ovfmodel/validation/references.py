"""The rules of References (DSP0243 7.1, 5.3, 10) and DiskSection (9.1): OVF1xx and OVF2xx,
and what Icons, Strings bundles and EnvironmentFiles refer to (OVF108)."""

from __future__ import annotations

import re

from ovfmodel import cim

from . import paths, rules
from .source import Element
from .walk import Base, to_int

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_DRIVE = re.compile(r"^[A-Za-z]:")
_CHUNK_SUFFIX = re.compile(r"\.\d{9}$", re.ASCII)
_PLACEHOLDER = re.compile(r"^\$\{([^}]+)\}$")
_WHOLE = re.compile(r"\d+", re.ASCII)
_FILE_URI = re.compile(r"ovf:/file/([^\s\"'<>]+)")
_SUPPORTED_SCHEMES = ("file", "https")  # http is OVF104's, the rest OVF109's
_INTEGER_TYPES = frozenset(cim.PROPERTY_INT_RANGES)


class References(Base):
    """OVF1xx (References), OVF2xx (DiskSection) and OVF107/OVF108/OVF203 (what is used)."""

    # --- OVF1xx: References -----------------------------------------------------------------

    def check_references(self) -> None:
        if self.references is None:
            return
        id_key, href_key, chunk_key = self.A + "id", self.A + "href", self.A + "chunkSize"
        files = self.files
        hrefs: dict[str, Element] = {}
        add_line = self.lines.add
        for f in self.children(self.references, "File"):
            fid = f.get(id_key)
            path = f"References/File[{fid}]" if fid else "References/File"
            add_line(f.sourceline, path)
            if fid is not None:
                first = files.get(fid)
                if first is not None:
                    self.report(
                        rules.DUPLICATE_FILE_ID,
                        f"File id {fid!r} is already used (line {first.sourceline})",
                        f,
                        path,
                    )
                else:
                    files[fid] = f
                    self.file_order.append(fid)
            href = f.get(href_key) or ""
            if href:
                same = hrefs.get(href)
                if same is not None:
                    self.report(
                        rules.DUPLICATE_HREF,
                        f"href {href!r} is already the href of File {same.get(id_key)!r} (line "
                        f"{same.sourceline}); two Files cannot reference the same file",
                        f,
                        path,
                    )
                else:
                    hrefs[href] = f
            if ":" in href or "\\" in href or href[:1] == "/" or ".." in href:
                self.check_href(f, href, path)  # the plain relative name needs no look
            chunk = f.get(chunk_key)
            chunk_size = to_int(chunk) if chunk is not None else None
            if chunk_size is not None:
                if chunk_size <= 0:
                    self.report(
                        rules.BAD_CHUNK_SIZE,
                        f"ovf:chunkSize is {chunk_size}; give the chunk size in bytes (> 0) or "
                        "drop the attribute",
                        f,
                        path,
                    )
                if _CHUNK_SUFFIX.search(href):
                    self.report(
                        rules.CHUNK_HREF,
                        f"href {href!r} already ends in a chunk number; write "
                        f"{_CHUNK_SUFFIX.sub('', href)!r}, chunks are named href.000000000, "
                        "href.000000001, ...",
                        f,
                        path,
                    )
        self.check_strings_first()

    def check_href(self, f: Element, href: str, path: str) -> None:
        scheme = _SCHEME.match(href)
        if scheme and len(scheme.group(1)) > 1:  # one letter is a Windows drive
            name = scheme.group(1).lower()
            if name == "http":
                self.report(
                    rules.CLEARTEXT_HREF,
                    f"href {href!r} is fetched over http, without transport security; use "
                    "https:// or ship the file in the package",
                    f,
                    path,
                )
            elif name in _SUPPORTED_SCHEMES:
                self.report(
                    rules.REMOTE_HREF,
                    f"href {href!r} is a {name}: URL: the file is fetched at deployment, not "
                    "carried in the package",
                    f,
                    path,
                )
            else:
                self.report(
                    rules.OTHER_SCHEME,
                    f"href {href!r} uses the {name}: scheme; consumers support only relative "
                    "paths and file:, http: and https: URLs",
                    f,
                    path,
                )
            return
        norm = href.replace("\\", "/")
        if norm.startswith("/") or _DRIVE.match(href) or "\\" in href:
            self.report(
                rules.UNSAFE_HREF,
                f"href {href!r} is not a relative-path reference; write the path relative to "
                "the descriptor with / separators",
                f,
                path,
            )
        elif ".." in norm.split("/"):
            self.report(
                rules.DOT_SEGMENTS,
                f"href {href!r} climbs out of the descriptor's folder with '..': fine for a "
                "package folder, not allowed inside an OVA",
                f,
                path,
            )

    def check_strings_first(self) -> None:
        """OVF112: Files of external message bundles come before every other File."""
        bundles = {ref for s in self.strings if (ref := self.attr(s, "fileRef"))}
        if not bundles:
            return
        other_seen: str | None = None
        for fid in self.file_order:
            if fid not in bundles:
                other_seen = other_seen or fid
            elif other_seen is not None:
                self.report(
                    rules.STRINGS_FILE_ORDER,
                    f"File {fid!r} holds an external message bundle but comes after File "
                    f"{other_seen!r}; list string bundles first in References",
                    self.files[fid],
                    paths.join("References", paths.keyed("File", fid)),
                )

    # --- OVF2xx: disks ----------------------------------------------------------------------

    def check_disks(self) -> None:
        key = self.A.__add__
        id_key, file_key, cap_key = key("diskId"), key("fileRef"), key("capacity")
        units_key, parent_key = key("capacityAllocationUnits"), key("parentRef")
        format_key, populated_key = key("format"), key("populatedSize")
        known, used_files = self.disks, self.used_files
        add_line = self.lines.add
        delta: list[tuple[Element, str, str, int]] = []  # disks with a parentRef, checked last
        position: dict[str, int] = {}
        for section, _, skind in self.env_sections:
            if skind not in ("DiskSection", "SharedDiskSection"):
                continue
            local = "Disk" if skind == "DiskSection" else "SharedDisk"
            file_refs: dict[str, Element] = {}
            last_file: tuple[int, str] | None = None  # References position of the last fileRef
            for d in self.children(section, local):
                disk_id = d.get(id_key)
                path = f"{skind}/{local}[{disk_id}]" if disk_id else f"{skind}/{local}"
                add_line(d.sourceline, path)
                if disk_id is not None and disk_id in known:
                    self.report(
                        rules.DUPLICATE_DISK_ID,
                        f"Disk id {disk_id!r} is already used (line {known[disk_id].sourceline})",
                        d,
                        path,
                    )
                elif disk_id is not None:
                    known[disk_id] = d
                    self.disk_paths[disk_id] = path
                    position[disk_id] = len(position)
                file_ref = d.get(file_key)
                if file_ref:
                    used_files.add(file_ref)
                    last_file = self.check_disk_file(
                        d, disk_id, file_ref, path, file_refs, last_file
                    )
                    if not (d.get(format_key) or "").strip():
                        self.report(
                            rules.NO_FORMAT,
                            f"Disk {disk_id!r} has content (File {file_ref!r}) but no ovf:format; "
                            "give the format URI of its disk image",
                            d,
                            path,
                        )
                cap = (d.get(cap_key) or "").strip()
                if not cap.isdigit() or not cap.isascii():
                    self.check_capacity(d, cap, path, bool(file_ref))
                units = d.get(units_key)
                if units:
                    problem = self.units_problem(units)
                    if problem is not None:
                        self.report(rules.BAD_UNITS, problem, d, path)
                populated = d.get(populated_key)
                if populated is not None:
                    self.check_populated(d, populated, cap, units, path)
                parent_ref = d.get(parent_key)
                if parent_ref:
                    delta.append((d, path, parent_ref, len(position) - 1))
        for d, path, parent_ref, at in delta:
            self.used_disks.add(parent_ref)
            disk_id = d.get(id_key)
            if parent_ref not in known:
                self.report(
                    rules.DISK_PARENTREF,
                    f"Disk {disk_id!r} has ovf:parentRef {parent_ref!r}, which names no Disk",
                    d,
                    path,
                )
            elif parent_ref == disk_id or position[parent_ref] >= at:
                why = "itself" if parent_ref == disk_id else "a Disk that comes after it"
                self.report(
                    rules.PARENT_ORDER,
                    f"Disk {disk_id!r} has ovf:parentRef {parent_ref!r}, {why}; a parent Disk "
                    "comes before its children",
                    d,
                    path,
                )

    def check_disk_file(
        self,
        d: Element,
        disk_id: str | None,
        file_ref: str,
        path: str,
        file_refs: dict[str, Element],
        last_file: tuple[int, str] | None,
    ) -> tuple[int, str] | None:
        """OVF202, OVF209, OVF210 for one Disk's fileRef; returns the References position of
        the last File named so far."""
        if file_ref not in self.files:
            self.report(
                rules.DISK_FILEREF,
                f"Disk {disk_id!r} has ovf:fileRef {file_ref!r}, which names no "
                "References/File; add the File or fix the fileRef",
                d,
                path,
            )
            return last_file
        first = file_refs.get(file_ref)
        if first is not None:
            self.report(
                rules.SHARED_FILEREF,
                f"Disk {disk_id!r} names File {file_ref!r}, already the content of Disk "
                f"{first.get(self.A + 'diskId')!r} (line {first.sourceline})",
                d,
                path,
            )
            return last_file
        file_refs[file_ref] = d
        at = self.file_position(file_ref)
        if last_file is not None and at < last_file[0]:
            self.report(
                rules.DISK_ORDER,
                f"Disk {disk_id!r} names File {file_ref!r}, which References lists before "
                f"File {last_file[1]!r} of an earlier Disk; order the Disks as their Files",
                d,
                path,
            )
            return last_file
        return (at, file_ref)

    def file_position(self, file_id: str) -> int:
        """Position of a File in References (the map is made on first use)."""
        if len(self.file_positions) != len(self.file_order):
            self.file_positions = {fid: n for n, fid in enumerate(self.file_order)}
        return self.file_positions[file_id]

    def check_capacity(self, d: Element, cap: str, path: str, has_content: bool) -> None:
        placeholder = _PLACEHOLDER.match(cap)
        if placeholder:
            name = placeholder.group(1)
            problem: str | None = None
            if has_content:
                problem = (
                    f"capacity {cap!r} is a property reference, which only an empty disk (no "
                    "ovf:fileRef) may use; write the capacity of the disk image"
                )
            elif name not in self.property_keys:
                problem = (
                    f"capacity {cap!r} refers to property {name!r}, which no ProductSection "
                    "declares; add the Property or write the capacity as a number"
                )
            elif self.property_types.get(name) not in _INTEGER_TYPES:
                problem = (
                    f"capacity {cap!r} refers to property {name!r} of type "
                    f"{self.property_types.get(name)!r}, which does not resolve to an xs:long "
                    "integer; give the property an integer type"
                )
            if problem is not None:
                self.report(rules.BAD_CAPACITY, problem, d, path)
        elif not _WHOLE.fullmatch(cap):
            self.report(
                rules.BAD_CAPACITY,
                f"capacity {cap!r} is neither a whole number nor a ${{property}} reference",
                d,
                path,
            )

    def check_populated(
        self, d: Element, populated: str, cap: str, units: str | None, path: str
    ) -> None:
        """OVF211: populatedSize (bytes) not above capacity (in its allocation units)."""
        used = to_int(populated)
        size = to_int(cap) if _WHOLE.fullmatch(cap) else None
        if used is None or size is None or not 0 <= used < 2**63:
            return  # not an xs:long: the schema's (OVF004/OVF901) to report
        factor = 1
        if units:
            try:
                factor = cim.parse_allocation_units(units)
            except cim.UnitsError:  # OVF205's to report
                return
        capacity = size * factor
        if used > capacity:
            self.report(
                rules.POPULATED_SIZE,
                f"ovf:populatedSize {used} bytes is larger than the capacity ({cap}"
                f"{' ' + units if units else ' bytes'} = {capacity} bytes)",
                d,
                path,
            )

    # --- OVF108: what Icons, Strings bundles and EnvironmentFiles refer to -------------------

    def check_file_refs(self) -> None:
        """Every Icon, Strings bundle, Msg and EnvironmentFiles File fileRef names a File."""
        refs: list[tuple[Element, str, str | None]] = []
        for s in self.strings:
            lang = s.get("{http://www.w3.org/XML/1998/namespace}lang")
            spath = paths.keyed("Strings", lang)
            refs.append((s, "Strings bundle", spath))
            for m in self.children(s, "Msg"):
                if self.attr(m, "fileRef") is not None:
                    refs.append((m, "Msg", paths.join(spath, "Msg")))
        for node in self.contents:
            for section, _, skind in node.sections:
                if skind == "ProductSection":
                    what, local = "Icon", "Icon"
                elif skind == "EnvironmentFilesSection":
                    what, local = "EnvironmentFiles File", "File"
                else:
                    continue
                spath = self.section_path(section, skind, node.path)
                for el in self.children(section, local):
                    refs.append((el, what, paths.join(spath, local)))
        for el, what, path in refs:
            ref = self.attr(el, "fileRef")
            if ref and ref not in self.files:
                self.report(
                    rules.DANGLING_FILEREF,
                    f"{what} has ovf:fileRef {ref!r}, which names no References/File; add "
                    "the File or fix the fileRef",
                    el,
                    path,
                )

    # --- OVF107, OVF203: unused files and disks ---------------------------------------------

    def check_unused(self) -> None:
        for disk_id, d in self.disks.items():
            if disk_id not in self.used_disks:
                self.report(
                    rules.UNUSED_DISK,
                    f"Disk {disk_id!r} is not used by any Item (no HostResource "
                    f"ovf:/disk/{disk_id}); attach it or remove it",
                    d,
                    self.disk_paths.get(disk_id),
                )
        if not self.files:
            return
        used = self.used_files
        for s in self.strings:
            ref = self.attr(s, "fileRef")
            if ref:
                used.add(ref)
            for m in self.children(s, "Msg"):
                ref = self.attr(m, "fileRef")
                if ref:
                    used.add(ref)
        for node in self.contents:
            for section, _, skind in node.sections:
                if skind == "ProductSection":
                    for icon in self.children(section, "Icon"):
                        used.add(self.attr(icon, "fileRef") or "")
                elif skind == "EnvironmentFilesSection":
                    for f in self.children(section, "File"):
                        used.add(self.attr(f, "fileRef") or "")
        if any(file_id not in used for file_id in self.files):
            # vmw:ExtraConfig vmw:value="ovf:/file/file2" (nvram) and the like
            for hw, cls, items in self.hardware:
                kinds = self.voc.item_kinds(cls)
                for child in hw:
                    if child.tag not in kinds and self.voc.entry(cls, child) is None:
                        self._vendor_file_refs(child)
                for it in items:
                    for child in it.el:
                        if child.tag not in it.fmap:
                            self._vendor_file_refs(child)
        for file_id, f in self.files.items():
            if file_id not in used:
                self.report(
                    rules.UNUSED_FILE,
                    f"File {file_id!r} ({self.attr(f, 'href')}) is not referenced by any Disk, "
                    "HostResource, Icon, Strings or EnvironmentFiles entry",
                    f,
                    paths.join("References", paths.keyed("File", file_id)),
                )

    def _vendor_file_refs(self, el: Element) -> None:
        """ovf:/file/ID in the attributes of a vendor element."""
        tag = el.tag
        if not isinstance(tag, str) or tag[:1] != "{":
            return
        for value in el.attrib.values():
            if "ovf:/file/" in value:
                self.used_files.update(_FILE_URI.findall(value))
