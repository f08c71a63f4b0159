"""The DSP0243 rules the XML Schema cannot express, checked on the XML infoset (lxml tree).

One linear pass indexes the document (files, disks, networks, configurations, property keys,
content and sections); each rule is then linear in what it reads. Hardware items, the bulk of a
large descriptor, are read once into small dicts of CIM property local name -> text. Which
child is a section, content, an item property or a vendor extension is decided by the typed
binder's plans (see `vocabulary`), so the rules see what `ovfmodel.parse` would bind, for OVF
0.9, 1.x and 2.x alike, without building any object.

Values are read the way the binder reads them (`_int` is its xs:int lexical rule). A value that
does not fit its schema type is skipped here: it is OVF004's (or, with the XML Schema, OVF901's)
to report, once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ovfmodel import cim
from ovfmodel.binding import gc_paused
from ovfmodel.cim import PROPERTY_INT_RANGES, PropertyType, Qualifiers
from ovfmodel.document import OVF09_NS, OVF1_NS, OVF2_NS

from . import paths, rules
from .paths import LineIndex
from .source import Element, SourceDoc
from .vocabulary import Vocabulary, kind, vocabulary

_INT_RE = re.compile(r"\s*[+-]?\d+\s*\Z")
_UNSEEN = object()
_BOOLS = {"true": True, "1": True, "false": False, "0": False}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_CHUNK_SUFFIX = re.compile(r"\.\d{9}$")
_PLACEHOLDER = re.compile(r"^\$\{([^}]+)\}$")
_WHOLE = re.compile(r"\d+")
_HOST = re.compile(r"^(?:ovf:)?/{1,2}(disk|file)/(.+)$")
# possessive: spaces before the end must not be tried both inside and after the group
_HERTZ = re.compile(
    r"^\s*+(hertz\s*+(\*\s*+10\s*+\^\s*+\d++\s*+)?|(kilo|mega|giga)hertz|count)\s*+$", re.I
)
_FILE_URI = re.compile(r"ovf:/file/([^\s\"'<>]+)")
_RT = cim.ResourceType
_CPU, _MEMORY = int(_RT.PROCESSOR), int(_RT.MEMORY)
# the CIM properties of items that rules read
_ITEM_PROPERTIES = frozenset(
    {
        "Address",
        "AddressOnParent",
        "AllocationUnits",
        "Connection",
        "HostResource",
        "InstanceID",
        "Parent",
        "ResourceSubType",
        "ResourceType",
        "VirtualQuantity",
    }
)
_RT_ENUM = range(1, 34)  # the RASD schema's enumeration; other numbers are OVF407's
_BOUNDS = ("min", "max", "normal")
_ADDRESS_LIMITS = {
    int(_RT.IDE_CONTROLLER): (1, "IDE"),
    int(_RT.PARALLEL_SCSI_HBA): (15, "parallel SCSI"),
}
# Connection names a Network only on network devices (XenServer writes disk options there)
_NETWORK_TYPES = frozenset(
    {
        int(_RT.ETHERNET_ADAPTER),
        int(_RT.OTHER_NETWORK_ADAPTER),
        int(_RT.ETHERNET_SWITCH_PORT),
        int(_RT.ETHERNET_CONNECTION),
    }
)
_PROPERTY_TYPES = frozenset(str(t) for t in PropertyType)
_VENDOR_NS = (OVF1_NS, OVF2_NS, OVF09_NS, "")
_XINCLUDE = ("{http://www.w3.org/2001/XInclude}*", "{http://www.w3.org/2003/XInclude}*")


def _int(text: str | None) -> int | None:
    """An xs:int-like value as the binder converts it, or None when it does not fit (also when
    it has more digits than Python converts: no OVF number has thousands of digits)."""
    if text is None or _INT_RE.match(text) is None:
        return None
    try:
        return int(text)
    except ValueError:
        return None


def _configs(text: str | None) -> frozenset[str] | None:
    return frozenset(text.split()) if text and text.strip() else None


def _overlap(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    return a is None or b is None or bool(a & b)


def _vendor_attr(el: Element, local: str) -> str | None:
    """An OVF attribute on a vendor element (any OVF namespace, or unqualified)."""
    for ns in _VENDOR_NS:
        value: str | None = el.get("{" + ns + "}" + local if ns else local)
        if value is not None:
            return value
    return None


def _is_required(el: Element) -> bool:
    value = _vendor_attr(el, "required")
    return value is None or value.strip().lower() not in ("false", "0")


class _Item:
    """One Item / StorageItem / EthernetPortItem: its CIM properties by local name (the first
    of each, as the binder keeps it), HostResource and Connection lists, key attributes.

    Ten thousand of these are made for a large descriptor, so what most items lack (attributes,
    host resources, connections, a path nobody asked for) is a class-level default.
    """

    hosts: list[str] | tuple[()] = ()
    conns: list[str] | tuple[()] = ()
    cfg_text: str | None = None
    cfg: frozenset[str] | None = None
    bound: str | None = None
    iid: str | None = None
    _path: str | None = None
    limit: tuple[int, str] | bool | None = False  # computed when used as a controller
    rt_raw: str | None = None  # ResourceType as written ("" reads as no value)
    rt: int | None = None  # ... as a number, when it is one

    def __init__(self, el: Element, kind: _Kind) -> None:
        self.el = el
        self.kind = kind
        self.fields: dict[str, str] = {}

    @property
    def fmap(self) -> dict[str, str]:
        """Clark name -> local name of the CIM properties this kind of item binds."""
        return self.kind.fmap

    @property
    def path(self) -> str:
        """`.../VirtualHardwareSection/Item[InstanceID=4]`, made when first asked for (most
        items are never reported)."""
        if self._path is None:
            iid, kind = self.iid, self.kind
            name = kind.name if iid is None else f"{kind.name}[InstanceID={iid}]"
            self._path = f"{kind.base}/{name}"
        return self._path


class _Kind:
    """What the items of one kind in one section share."""

    __slots__ = ("base", "fmap", "name")

    def __init__(self, name: str, fmap: dict[str, str], base: str) -> None:
        self.name = name  # Item, StorageItem or EthernetPortItem
        self.fmap = fmap
        self.base = base  # the path of the section


class _Content:
    """A VirtualSystem, VirtualSystemCollection (or bare Content) and its sections."""

    __slots__ = ("el", "id", "kind", "members", "path", "sections")

    def __init__(self, el: Element, kind_name: str, path: str) -> None:
        self.el = el
        self.kind = kind_name
        self.path = path
        self.sections: list[tuple[Element, type | None, str]] = []  # element, class, kind
        self.members: set[str | None] = set()  # ovf:id of the content directly inside
        self.id: str | None = None


class Checker:
    """Runs every semantic rule on one document (`run`); diagnostics go to `src.out`."""

    def __init__(self, src: SourceDoc) -> None:
        self.src = src
        self.voc: Vocabulary = vocabulary(src.ns)
        self.ns = src.ns
        self.A = "{" + src.ns + "}"  # OVF attributes are qualified with the envelope namespace
        self.T = self.A  # and so are OVF elements; 0.9 files are also read in the 1.x namespace
        self.M = "{" + self.voc.family.model_ns + "}"
        self.lines = LineIndex()
        self.files: dict[str, Element] = {}
        self.disks: dict[str, Element] = {}
        self.disk_paths: dict[str, str] = {}
        self.networks: set[str] = set()
        self.configurations: set[str] = set()
        self.property_keys: set[str] = set()
        self.product_keys: dict[tuple[str, str, str], Element] = {}
        self.used_disks: set[str] = set()
        self.used_files: set[str] = set()
        self.hardware: list[tuple[Element, type, list[_Item]]] = []
        self.contents: list[_Content] = []
        self.env_sections: list[tuple[Element, type | None, str]] = []
        self.references: Element | None = None
        self.strings: list[Element] = []
        self._units: dict[str, str | None] = {}
        self._ints: dict[str, int | None] = {}
        self.report = src.report

    # --- helpers ----------------------------------------------------------------------------

    def attr(self, el: Element, local: str) -> str | None:
        value: str | None = el.get(self.A + local)
        return value

    def mark(self, el: Element, path: str) -> str:
        """Remember el's path for line lookups; returns the path."""
        self.lines.add(el.sourceline, path)
        return path

    def children(self, el: Element, local: str) -> Iterator[Element]:
        """Child elements named `local` in the envelope namespace (0.9: or its model's)."""
        names = (self.T + local, self.M + local)
        for child in el:
            if child.tag in names:
                yield child

    def children_named(self, el: Element, local: str) -> Iterator[Element]:
        """`children`, with the tags matched by libxml2 (for an element of many children)."""
        found: Iterator[Element] = el.iterchildren(*{self.T + local, self.M + local})
        return found

    # --- the pass ---------------------------------------------------------------------------

    def run(self, *, types: bool) -> LineIndex:
        """Every rule; `types` adds the ResourceType-not-a-number report (OVF004), which the
        XML Schema makes when it runs."""
        self.check_version()
        self.index_envelope()
        self.check_references()
        self.check_disks()
        self.index_networks_and_configurations()
        self.check_content(types)
        self.check_file_refs()
        self.check_unused()
        self.check_msgids()
        self.check_xinclude()
        return self.lines

    # --- OVF002 -----------------------------------------------------------------------------

    def check_version(self) -> None:
        root = self.src.root
        declared = root.get(self.A + "version")
        model_ns = self.voc.family.model_ns
        if declared is None and model_ns != self.ns:
            declared = root.get("{" + model_ns + "}version")
        if not declared:
            return
        expected = {OVF1_NS: "1", OVF2_NS: "2"}.get(self.ns)
        if self.ns == OVF09_NS:
            if not declared.strip().startswith("0.9"):
                self.report(
                    rules.VERSION_MISMATCH,
                    f"ovf:version={declared!r} in VMware's OVF 0.9 namespace; write 0.9, or move "
                    "the document to an OVF 1.x/2.x namespace",
                    root,
                    "Envelope",
                )
        elif expected and declared.strip().split(".", 1)[0] != expected:
            self.report(
                rules.VERSION_MISMATCH,
                f"ovf:version={declared!r} but the envelope namespace is {self.ns} "
                f"(OVF {expected}.x); fix one of them",
                root,
                "Envelope",
            )

    # --- index ------------------------------------------------------------------------------

    def index_envelope(self) -> None:
        """Envelope children and the content tree, with property keys (capacities need them)."""
        voc = self.voc
        plan = voc.root_plan
        top: Element | None = None
        for child in self.src.root:
            if not isinstance(child.tag, str):
                continue
            entry = voc.entry(plan, child)
            if entry is None:  # the section wildcard takes whatever the schema does not name
                self.env_sections.append((child, None, ""))
                continue
            fp, cls, _ = entry
            if fp.name == "sections":
                self.env_sections.append((child, cls, kind(cls, child.tag)))
            elif fp.name == "content":
                if top is None:  # a second one is kept verbatim by the binder (OVF003)
                    top = child
                    self.index_content(child, cls)
            elif fp.name == "references":
                if self.references is None:
                    self.references = child
            elif fp.name == "strings":
                self.strings.append(child)

    def index_content(self, top: Element, top_cls: type | None) -> None:
        voc = self.voc
        stack: list[tuple[Element, type | None, str]] = [(top, top_cls, "")]
        while stack:
            el, cls, parent_path = stack.pop()
            kind_name = kind(cls, el.tag)
            cid = self.attr(el, "id")
            node = _Content(
                el, kind_name, self.mark(el, paths.join(parent_path, paths.keyed(kind_name, cid)))
            )
            node.id = cid
            self.contents.append(node)
            if cls is None:
                continue
            plan = voc.plan(cls)
            nested: list[tuple[Element, type | None, str]] = []
            for child in el:
                if not isinstance(child.tag, str):
                    continue
                entry = voc.entry(plan, child)
                if entry is None:
                    node.sections.append((child, None, ""))
                    continue
                fp, ccls, _ = entry
                if fp.name == "sections":
                    skind = kind(ccls, child.tag)
                    node.sections.append((child, ccls, skind))
                    if skind == "ProductSection":
                        self.index_properties(child)
                elif fp.name == "content":
                    nested.append((child, ccls, node.path))
                    node.members.add(self.attr(child, "id"))
            stack.extend(reversed(nested))

    def index_properties(self, section: Element) -> None:
        cls_value = self.attr(section, "class")
        instance = self.attr(section, "instance")
        prefix = f"{cls_value}." if cls_value else ""
        suffix = f".{instance}" if instance else ""
        for p in self.children(section, "Property"):
            key = self.attr(p, "key")
            if key is not None:
                self.property_keys.add(key)
                self.property_keys.add(prefix + key + suffix)

    # --- OVF1xx: References -----------------------------------------------------------------

    def check_references(self) -> None:
        if self.references is None:
            return
        id_key, href_key, chunk_key = self.A + "id", self.A + "href", self.A + "chunkSize"
        files = self.files
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
            href = f.get(href_key) or ""
            if ":" in href or "\\" in href or href[:1] == "/" or ".." in href:
                self.check_href(f, href, path)  # the plain relative name needs no look
            chunk = f.get(chunk_key)
            chunk_size = _int(chunk) if chunk is not None else None
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

    def check_href(self, f: Element, href: str, path: str) -> None:
        scheme = _SCHEME.match(href)
        if scheme and len(scheme.group(1)) > 1:  # one letter is a Windows drive
            name = scheme.group(1).lower()
            if name == "file":
                self.report(
                    rules.UNSAFE_HREF,
                    f"href {href!r} is a file: URL, an absolute path outside the package; use a "
                    "path relative to the descriptor",
                    f,
                    path,
                )
            elif name in ("http", "ftp"):
                self.report(
                    rules.CLEARTEXT_HREF,
                    f"href {href!r} is fetched over {name}, without transport security; use "
                    "https:// or ship the file in the package",
                    f,
                    path,
                )
            else:
                self.report(
                    rules.REMOTE_HREF,
                    f"href {href!r} is remote: it is fetched at deployment, not carried in the "
                    "package",
                    f,
                    path,
                )
            return
        norm = href.replace("\\", "/")
        if norm.startswith("/") or re.match(r"^[A-Za-z]:", href):
            self.report(
                rules.UNSAFE_HREF,
                f"href {href!r} is an absolute path; use a path relative to the descriptor",
                f,
                path,
            )
        elif ".." in norm.split("/"):
            self.report(
                rules.UNSAFE_HREF,
                f"href {href!r} climbs out of the package with '..'; use a path inside the package",
                f,
                path,
            )

    # --- OVF2xx: disks ----------------------------------------------------------------------

    def check_disks(self) -> None:
        key = self.A.__add__
        id_key, file_key, cap_key = key("diskId"), key("fileRef"), key("capacity")
        units_key, parent_key = key("capacityAllocationUnits"), key("parentRef")
        known, used_files, files = self.disks, self.used_files, self.files
        add_line = self.lines.add
        delta: list[tuple[Element, str, str]] = []  # disks with a parentRef, checked last
        for section, _, skind in self.env_sections:
            if skind not in ("DiskSection", "SharedDiskSection"):
                continue
            local = "Disk" if skind == "DiskSection" else "SharedDisk"
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
                file_ref = d.get(file_key)
                if file_ref:
                    used_files.add(file_ref)
                    if file_ref not in files:
                        self.report(
                            rules.DISK_FILEREF,
                            f"Disk {disk_id!r} has ovf:fileRef {file_ref!r}, which names no "
                            "References/File; add the File or fix the fileRef",
                            d,
                            path,
                        )
                cap = (d.get(cap_key) or "").strip()
                if not cap.isdigit() or not cap.isascii():
                    self.check_capacity(d, cap, path)
                units = d.get(units_key)
                if units:
                    problem = self.units_problem(units)
                    if problem is not None:
                        self.report(rules.BAD_UNITS, problem, d, path)
                parent_ref = d.get(parent_key)
                if parent_ref:
                    delta.append((d, path, parent_ref))
        for d, path, parent_ref in delta:
            self.used_disks.add(parent_ref)
            if parent_ref not in known:
                self.report(
                    rules.DISK_PARENTREF,
                    f"Disk {d.get(id_key)!r} has ovf:parentRef {parent_ref!r}, which names no Disk",
                    d,
                    path,
                )

    def check_capacity(self, d: Element, cap: str, path: str) -> None:
        placeholder = _PLACEHOLDER.match(cap)
        if placeholder:
            if placeholder.group(1) not in self.property_keys:
                self.report(
                    rules.BAD_CAPACITY,
                    f"capacity {cap!r} refers to property {placeholder.group(1)!r}, which no "
                    "ProductSection declares; add the Property or write the capacity as a "
                    "number",
                    d,
                    path,
                )
        elif not _WHOLE.fullmatch(cap):
            self.report(
                rules.BAD_CAPACITY,
                f"capacity {cap!r} is neither a whole number nor a ${{property}} reference",
                d,
                path,
            )

    def units_problem(self, units: str) -> str | None:
        """Why allocation units do not parse (None if they do); a descriptor repeats a handful
        of unit strings thousands of times, so each is parsed once."""
        cache = self._units
        if units not in cache:
            try:
                cim.parse_allocation_units(units)
                cache[units] = None
            except cim.UnitsError as exc:
                cache[units] = f"{exc.message}; {exc.hint}"
        return cache[units]

    # --- networks and deployment options ----------------------------------------------------

    def index_networks_and_configurations(self) -> None:
        for section, _, skind in self.env_sections:
            if skind == "NetworkSection":
                for n in self.children(section, "Network"):
                    name = self.attr(n, "name")
                    self.mark(n, paths.join("NetworkSection", paths.keyed("Network", name)))
                    if name is not None:
                        self.networks.add(name)
            elif skind == "DeploymentOptionSection":
                self.check_deployment_options(section)

    def check_deployment_options(self, section: Element) -> None:
        defaults: list[Element] = []
        for c in self.children(section, "Configuration"):
            cid = self.attr(c, "id")
            path = self.mark(
                c, paths.join("DeploymentOptionSection", paths.keyed("Configuration", cid))
            )
            if cid is not None:
                if cid in self.configurations:
                    self.report(
                        rules.DUPLICATE_CONFIGURATION,
                        f"Configuration id {cid!r} is already used; give each configuration "
                        "its own id",
                        c,
                        path,
                    )
                self.configurations.add(cid)
            if _BOOLS.get((self.attr(c, "default") or "").strip()):
                defaults.append(c)
                if len(defaults) > 1:
                    first = defaults[0]
                    self.report(
                        rules.TWO_DEFAULTS,
                        f'Configuration {cid!r} is a second ovf:default="true" (first: '
                        f"{self.attr(first, 'id')!r}, line {first.sourceline}); keep one default",
                        c,
                        path,
                    )

    def check_configuration_ref(self, text: str | None, el: Element, path: str | None) -> None:
        if not text:
            return
        for name in text.split():
            if name not in self.configurations:
                known = ", ".join(sorted(self.configurations)) or "none: no DeploymentOptionSection"
                self.report(
                    rules.UNKNOWN_CONFIGURATION,
                    f"ovf:configuration names {name!r}, which is not a Configuration "
                    f"(known: {known})",
                    el,
                    path,
                )

    # --- OVF3xx: content and sections -------------------------------------------------------

    def section_path(self, section: Element, skind: str, parent: str = "") -> str:
        if not skind:  # a vendor section: its element name
            return paths.join(parent, paths.local_name(section.tag))
        if skind == "ProductSection":
            key = ".".join(
                p for p in (self.attr(section, "class"), self.attr(section, "instance")) if p
            )
            return paths.join(parent, paths.keyed(skind, key or None))
        if skind == "VirtualHardwareSection":
            return paths.join(parent, paths.keyed(skind, self.attr(section, "id")))
        return paths.join(parent, skind)

    def check_unknown(self, el: Element, path: str, what: str) -> None:
        qname = el.tag
        if _is_required(el):
            self.report(
                rules.REQUIRED_UNKNOWN,
                f'{what} {qname} is required (ovf:required is "true" or absent): a consumer '
                "that does not understand it must reject the package; set "
                'ovf:required="false" if it is optional',
                el,
                path,
            )
        else:
            self.report(
                rules.OPTIONAL_UNKNOWN,
                f"{what} {paths.local_name(qname)} ({qname}) is optional and ignored by "
                "consumers that do not understand it",
                el,
                path,
            )

    def check_content(self, types: bool) -> None:
        for section, cls, skind in self.env_sections:
            if cls is None:
                self.check_unknown(
                    section, self.mark(section, self.section_path(section, "")), "section"
                )
            elif skind not in ("DiskSection", "NetworkSection", "DeploymentOptionSection"):
                self.check_section(
                    section, cls, skind, self.mark(section, self.section_path(section, skind))
                )
        seen: dict[str, Element] = {}
        for node in self.contents:
            cid = node.id
            if cid:
                first = seen.get(cid)
                if first is not None:
                    self.report(
                        rules.DUPLICATE_CONTENT_ID,
                        f"id {cid!r} is already used by another VirtualSystem or "
                        f"VirtualSystemCollection (line {first.sourceline})",
                        node.el,
                        node.path,
                    )
                else:
                    seen[cid] = node.el
            collection = node.kind == "VirtualSystemCollection"
            has_hw = False
            for section, cls, skind in node.sections:
                spath = self.mark(section, self.section_path(section, skind, node.path))
                if cls is None:
                    self.check_unknown(section, spath, "section")
                elif skind == "VirtualHardwareSection":
                    has_hw = True
                    self.check_hardware(section, cls, spath, types)
                elif skind == "StartupSection" and collection:
                    self.check_startup(node, section, spath)
                else:
                    self.check_section(section, cls, skind, spath)
            if node.kind == "VirtualSystem" and not has_hw:
                self.report(
                    rules.NO_HARDWARE,
                    f"VirtualSystem {cid!r} has no VirtualHardwareSection; add one describing "
                    "its CPUs, memory, controllers, disks and NICs",
                    node.el,
                    node.path,
                )

    def check_startup(self, node: _Content, section: Element, path: str) -> None:
        for it in self.children(section, "Item"):
            sid = self.attr(it, "id")
            if sid not in node.members:
                self.report(
                    rules.STARTUP_ID,
                    f"StartupSection entry ovf:id={sid!r} names no VirtualSystem or "
                    "VirtualSystemCollection of this collection",
                    it,
                    path,
                )

    def check_section(self, section: Element, cls: type, skind: str, path: str) -> None:
        if skind == "ProductSection":
            self.check_product(section, path)
        elif skind == "OperatingSystemSection":
            os_id = _int(self.attr(section, "id"))
            if os_id is not None and os_id not in cim.OsType._value2member_map_:
                self.report(
                    rules.OS_TYPE,
                    f"OS type {os_id} is not in CIM_OperatingSystem.OSType; use the closest "
                    "listed value (1 = Other)",
                    section,
                    path,
                )
        elif skind == "ResourceAllocationSection":
            for it in self.items(section, cls, path):
                self.check_configuration_ref(it.cfg_text, it.el, it.path)
        elif skind == "ScaleOutSection":
            for count in self.children(section, "InstanceCount"):
                self.check_configuration_ref(self.attr(count, "configuration"), count, path)

    # --- OVF6xx: ProductSection -------------------------------------------------------------

    def check_product(self, section: Element, path: str) -> None:
        cls_value = self.attr(section, "class") or ""
        instance = self.attr(section, "instance") or ""
        for p in self.children(section, "Property"):
            pkey = self.attr(p, "key")
            ppath = self.mark(p, paths.join(path, paths.keyed("Property", pkey)))
            key = (cls_value, pkey or "", instance)
            first = self.product_keys.get(key)
            if first is not None:
                full = ".".join(x for x in key if x)
                self.report(
                    rules.DUPLICATE_PROPERTY,
                    f"property {full!r} is already declared (line {first.sourceline}); keys "
                    "must be unique per ovf:class and ovf:instance",
                    p,
                    ppath,
                )
            else:
                self.product_keys[key] = p
            self.check_configuration_ref(self.attr(p, "configuration"), p, ppath)
            ptype = (self.attr(p, "type") or "").strip()
            if ptype not in _PROPERTY_TYPES:
                self.report(
                    rules.PROPERTY_TYPE,
                    f"property {pkey!r} has ovf:type {ptype!r}, not one of "
                    f"{', '.join(sorted(_PROPERTY_TYPES))}",
                    p,
                    ppath,
                )
                continue
            qualifiers = Qualifiers.parse(self.attr(p, "qualifiers"))
            default = self.attr(p, "value")
            if default:
                self.check_property_value(p, pkey, ptype, qualifiers, default, "ovf:value", ppath)
            for alt in self.children(p, "Value"):
                cfg = self.attr(alt, "configuration")
                self.check_configuration_ref(cfg, alt, ppath)
                value = self.attr(alt, "value")
                if value:
                    what = f"Value for {cfg or 'all'}"
                    self.check_property_value(alt, pkey, ptype, qualifiers, value, what, ppath)

    def check_property_value(
        self,
        el: Element,
        key: str | None,
        ptype: str,
        qualifiers: Qualifiers,
        value: str,
        what: str,
        path: str,
    ) -> None:
        number: Decimal | None = None
        bounds = PROPERTY_INT_RANGES.get(ptype)
        problem: str | None = None
        if bounds is not None:
            ivalue = _int(value)
            lo, hi = bounds
            if ivalue is None and _INT_RE.match(value):
                problem = f"is outside {ptype} ({lo}..{hi})"  # thousands of digits
            elif ivalue is None:
                problem = f"is not an integer ({ptype})"
            elif not lo <= ivalue <= hi:
                problem = f"is outside {ptype} ({lo}..{hi})"
            else:
                number = Decimal(ivalue)
        elif ptype in ("real32", "real64"):
            try:
                number = Decimal(repr(float(value.strip())))
            except ValueError:
                problem = f"is not a number ({ptype})"
        elif ptype == "boolean" and value.strip().lower() not in ("true", "false", "1", "0"):
            problem = "is not a boolean (true or false)"
        if problem is not None:
            self.report(
                rules.PROPERTY_TYPE_VALUE, f"property {key!r}: {what} {value!r} {problem}", el, path
            )
            return
        for found in qualifiers.problems(value, number):
            self.report(
                rules.PROPERTY_QUALIFIER,
                f"property {key!r}: {what} {value!r} {found.text}",
                el,
                path,
            )

    # --- OVF4xx: virtual hardware -----------------------------------------------------------

    def items(self, section: Element, cls: type, path: str) -> list[_Item]:
        """The items of a section, each read once. This is the hot loop of a large descriptor:
        one flat walk of the section (cheaper than a child iterator per item), where an
        element's parent tells an item (parent: the section) from one of its properties."""
        kinds = {
            tag: _Kind(name, fmap, path) for tag, (name, fmap) in self.voc.item_kinds(cls).items()
        }
        found: list[_Item] = []
        it: _Item | None = None
        cur: Element | None = None
        fields: dict[str, str] = {}
        fmap: dict[str, str] = {}
        # libxml2 skips, in C, what no rule reads (ElementName, Description, extensions...)
        for e in section.iter(*self.voc.item_tags(cls, _ITEM_PROPERTIES), "{*}InstanceId"):
            parent = e.getparent()
            if parent is cur:
                local = fmap.get(e.tag)
                # the binder reads "" from an empty element and from one holding elements
                text = "" if len(e) else e.text or ""
                if local is None:
                    tag = e.tag
                    if isinstance(tag, str) and tag.endswith("}InstanceId"):
                        fields.setdefault("InstanceId", e.text or "")  # a vendor element's text
                elif local == "HostResource":
                    if it.hosts:  # type: ignore[union-attr]  # cur is it.el
                        it.hosts.append(text)  # type: ignore[union-attr]
                    else:
                        it.hosts = [text]  # type: ignore[union-attr]
                elif local == "Connection":
                    if it.conns:  # type: ignore[union-attr]
                        it.conns.append(text)  # type: ignore[union-attr]
                    else:
                        it.conns = [text]  # type: ignore[union-attr]
                elif local not in fields:
                    fields[local] = text
            elif parent is section:
                k = kinds.get(e.tag)
                if k is None:
                    it = cur = None
                    continue
                it = _Item(e, k)
                fmap = k.fmap
                fields = it.fields
                cur = e
                found.append(it)
        cfg_key, bound_key = self.A + "configuration", self.A + "bound"
        ints = self.ints
        for it in found:
            el = it.el
            if el.values():  # most items have no attributes: skip the lookups
                it.cfg_text = cfg = el.get(cfg_key)
                it.cfg = _configs(cfg)
                it.bound = el.get(bound_key)
            f = it.fields
            iid = f.get("InstanceID") or None
            if iid is None:  # OVF 0.9 spells it rasd:InstanceId (the model keeps it as extension)
                iid = (f.get("InstanceId") or "").strip() or None
            it.iid = iid
            raw = it.rt_raw = f.get("ResourceType") or None
            if raw is not None:
                rt = ints(raw)
                # "-0" fits xs:int but is no ResourceType: not a number, as before
                it.rt = None if rt is not None and rt <= 0 and "-" in raw else rt
        self.lines.extend_lazily(found)  # their lines are read if a lookup ever needs them
        return found

    def check_hardware(self, hw: Element, cls: type, path: str, types: bool) -> None:
        items = self.items(hw, cls, path)
        # only Info and System besides the items: no vendor element to look at, and no need
        # to look at ten thousand items again to know it
        known = sum(1 for local in ("Info", "System") for _ in self.children_named(hw, local))
        if len(hw) > len(items) + known:
            self.check_hardware_extensions(hw, cls, path)
        self.hardware.append((hw, cls, items))
        report = self.report
        # InstanceID -> first item (a list only where an ID repeats, in ranges or per
        # configuration, so that the common case allocates nothing)
        by_id: dict[str, _Item] = {}
        repeated: dict[tuple[str, str], list[_Item]] = {}
        for it in items:
            bound = it.bound
            if bound is not None and bound not in _BOUNDS:
                report(
                    rules.BAD_BOUND, f"ovf:bound={bound!r}; use min, max or normal", it.el, it.path
                )
            iid = it.iid
            if iid is None:
                continue
            first = by_id.get(iid)
            if first is None:
                by_id[iid] = it
                continue
            key = (iid, bound or "normal")
            group = repeated.get(key)
            if group is None:  # the first item is the only earlier one not in a group yet
                group = repeated[key] = [first] if (first.bound or "normal") == key[1] else []
            for other in group:
                if _overlap(it.cfg, other.cfg):
                    report(
                        rules.DUPLICATE_INSTANCE_ID,
                        f"InstanceID {iid!r} is already used in this VirtualHardwareSection "
                        f"(line {other.el.sourceline}) for an overlapping configuration; give "
                        "each item its own InstanceID",
                        it.el,
                        it.path,
                    )
                    break
            group.append(it)
        addresses: dict[tuple[str, str, str], _Item | list[_Item]] = {}
        ide = int(_RT.IDE_CONTROLLER)
        for it in items:
            if it.cfg_text:
                self.check_configuration_ref(it.cfg_text, it.el, it.path)
            self.check_item(it, types)
            fields = it.fields
            parent = fields.get("Parent")
            if parent is not None:
                ctrl = by_id.get(parent)
                if ctrl is None:
                    report(
                        rules.PARENT_MISSING,
                        f"Parent {parent!r} is not the InstanceID of any item in this "
                        "VirtualHardwareSection",
                        it.el,
                        it.path,
                    )
                address = fields.get("AddressOnParent")
                if address is not None:
                    self.check_address(it, parent, address, ctrl, addresses)
            if it.rt == ide and "Address" in fields:
                addr = fields["Address"]
                if addr.strip() not in ("0", "1"):
                    report(
                        rules.ADDRESS_RANGE,
                        f"IDE controller Address {addr!r}: a virtual machine has two IDE "
                        "channels, 0 and 1",
                        it.el,
                        it.path,
                    )

    def check_hardware_extensions(self, hw: Element, cls: type, path: str) -> None:
        """Vendor elements of a VirtualHardwareSection marked ovf:required (OVF304)."""
        voc = self.voc
        plan = voc.plan(cls)
        kinds = voc.item_kinds(cls)
        for child in hw:
            tag = child.tag
            if (
                isinstance(tag, str)
                and tag not in kinds
                and tag[:1] == "{"  # a vendor extension (the model's other_element)
                and voc.entry(plan, child) is None
                and _vendor_attr(child, "required") is not None
            ):
                opath = self.mark(child, paths.join(path, paths.local_name(tag)))
                if _is_required(child):
                    self.check_unknown(child, opath, "element")

    def check_address(
        self,
        it: _Item,
        parent: str,
        address: str,
        ctrl: _Item | None,
        taken: dict[tuple[str, str, str], _Item | list[_Item]],
    ) -> None:
        unit = address.strip()
        key = (parent, unit, it.bound or "normal")
        held = taken.get(key)
        if held is None:
            taken[key] = it
        else:
            group = held if isinstance(held, list) else [held]
            for other in group:
                if _overlap(it.cfg, other.cfg):
                    self.report(
                        rules.DUPLICATE_ADDRESS,
                        f"AddressOnParent {address} of controller {parent} is already taken "
                        f"by the item at line {other.el.sourceline}; give each device its own "
                        "unit number",
                        it.el,
                        it.path,
                    )
                    break
            group.append(it)
            taken[key] = group
        limit = self.controller_limit(ctrl) if ctrl is not None else None
        if limit is not None:
            hi, name = limit
            if not (unit.isdigit() and unit.isascii()) or len(unit) > 5 or int(unit) > hi:
                self.report(
                    rules.ADDRESS_RANGE,
                    f"AddressOnParent {address!r} is outside the {name} controller's unit "
                    f"numbers 0-{hi}",
                    it.el,
                    it.path,
                )

    def controller_limit(self, ctrl: _Item) -> tuple[int, str] | None:
        if ctrl.limit is False:  # computed once per controller
            ctrl.limit = self._controller_limit(ctrl)
        return ctrl.limit  # type: ignore[return-value]

    def _controller_limit(self, ctrl: _Item) -> tuple[int, str] | None:
        rt = ctrl.rt
        if rt is None:
            return None
        if rt in _ADDRESS_LIMITS:
            return _ADDRESS_LIMITS[rt]
        if rt == int(_RT.OTHER_STORAGE_DEVICE):
            sub = (ctrl.fields.get("ResourceSubType") or "").lower()
            if "ahci" in sub or "sata" in sub:
                return 29, "SATA"
            if "nvme" in sub:
                return 63, "NVMe"
        return None

    def ints(self, text: str | None) -> int | None:
        """`_int`, remembered: items repeat a few numbers (ResourceType 17, 10, 6...) by the
        thousand."""
        if text is None:
            return None
        cache = self._ints
        value = cache.get(text, _UNSEEN)
        if value is _UNSEEN:
            value = _int(text)
            if len(cache) < 4096:  # a hostile file's many distinct values stay uncached
                cache[text] = value
        return value  # type: ignore[return-value]

    def check_item(self, it: _Item, types: bool) -> None:
        report = self.report
        for host in it.hosts:
            text = host.strip()
            if text.startswith("ovf:/disk/"):  # the usual spelling, without the regex
                kind_name, ref = "disk", text[10:]
            else:
                m = _HOST.match(text)
                if m is None:
                    continue
                kind_name, ref = m.group(1), m.group(2)
            if kind_name == "disk":
                self.used_disks.add(ref)
                if ref not in self.disks:
                    report(
                        rules.HOST_RESOURCE,
                        f"HostResource {text!r} names no Disk of DiskSection; add the Disk or "
                        "fix the id",
                        it.el,
                        it.path,
                    )
            else:
                self.used_files.add(ref)
                if ref not in self.files:
                    report(
                        rules.HOST_RESOURCE,
                        f"HostResource {text!r} names no References/File",
                        it.el,
                        it.path,
                    )
        fields = it.fields
        raw, rt = it.rt_raw, it.rt
        if raw is not None and rt is None:
            if types:
                report(rules.BAD_VALUE, f"ResourceType {raw!r} is not a number", it.el, it.path)
        elif (
            rt is not None
            and rt not in _RT_ENUM
            and not cim.VENDOR_RESOURCE_TYPE_MIN <= rt <= 65535
        ):
            why = "DMTF reserved" if rt <= 65535 else "beyond the 16-bit value map"
            report(
                rules.RESOURCE_TYPE,
                f"ResourceType {rt} is {why}, not in the CIM value map; use 1 (Other) with "
                "ResourceSubType or a vendor value 32768-65535",
                it.el,
                it.path,
            )
        if it.conns and (rt is None or rt in _NETWORK_TYPES):
            for conn in it.conns:
                name = conn.strip()
                if name and name not in self.networks:
                    known = ", ".join(sorted(self.networks)) or "none: no NetworkSection"
                    report(
                        rules.CONNECTION,
                        f"Connection {name!r} names no Network of NetworkSection (known: {known})",
                        it.el,
                        it.path,
                    )
        if rt in (_CPU, _MEMORY):
            what = "CPU" if rt == _CPU else "memory"
            quantity = self.ints(fields.get("VirtualQuantity"))
            if quantity is not None and quantity <= 0:
                report(
                    rules.QUANTITY,
                    f"{what} item asks for VirtualQuantity {quantity}; it must be > 0",
                    it.el,
                    it.path,
                )
            units = fields.get("AllocationUnits")
            if units:
                if rt == _MEMORY:
                    problem = self.units_problem(units)
                    if problem is not None:
                        report(rules.ITEM_UNITS, f"memory {problem}", it.el, it.path)
                elif _HERTZ.match(units) is None:
                    report(
                        rules.ITEM_UNITS,
                        f"CPU AllocationUnits {units!r} is not a hertz unit (or count); write "
                        "e.g. 'hertz * 10^6'",
                        it.el,
                        it.path,
                    )

    # --- OVF108: what Icons, Strings bundles and EnvironmentFiles refer to -------------------

    def check_file_refs(self) -> None:
        """Every Icon, Strings bundle and EnvironmentFiles File fileRef names a File."""
        refs: list[tuple[Element, str, str | None]] = []
        for s in self.strings:
            lang = s.get("{http://www.w3.org/XML/1998/namespace}lang")
            refs.append((s, "Strings bundle", paths.keyed("Strings", lang)))
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
                plan = self.voc.plan(cls)
                kinds = self.voc.item_kinds(cls)
                for child in hw:
                    if child.tag not in kinds and self.voc.entry(plan, child) is None:
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

    # --- OVF605, OVF003 (XInclude) ----------------------------------------------------------

    def check_msgids(self) -> None:
        """Every ovf:msgid of an envelope element (as the model's MsgType binds them: not in
        vendor content, not inside items) must name a Msg of a Strings bundle, unless a bundle
        is external (ovf:fileRef) and could define it."""
        key = self.A + "msgid"
        if b"msgid" not in self.src.data:  # attribute names cannot hide behind references
            return
        msgids: set[str] = set()
        for s in self.strings:
            if self.attr(s, "fileRef"):
                return
            for m in self.children(s, "Msg"):
                mid = m.get(key)
                if mid is not None:
                    msgids.add(mid)
        ovf = (self.T, self.M)
        items = frozenset(p + n for p in ovf for n in ("Item", "StorageItem", "EthernetPortItem"))
        stack = [self.src.root]
        while stack:
            el = stack.pop()
            mid = el.get(key)
            if mid and mid not in msgids:
                self.report(
                    rules.MSGID,
                    f"msgid {mid!r} is not defined in any Strings bundle",
                    el,
                    self.lines.lookup(el.sourceline),
                )
            if el.tag in items:
                continue  # what an item holds binds to its CIM properties or extensions
            for child in el:
                tag = child.tag
                if isinstance(tag, str) and tag.startswith(ovf):  # not into vendor content
                    stack.append(child)

    def check_xinclude(self) -> None:
        """XInclude is never processed: an xi: element is inert vendor content, but a consumer
        might expect it expanded."""
        for el in self.src.root.iter(*_XINCLUDE):
            self.report(
                rules.UNEXPECTED_ELEMENT,
                f"XInclude is not supported: {el.tag} is kept inert, nothing is included",
                el,
                self.lines.lookup(el.sourceline),
            )


def run(src: SourceDoc, *, types: bool) -> LineIndex:
    """Every semantic rule on one document; diagnostics go to `src.out`. Returns the element
    paths by line, for naming the place of diagnostics that know only a line."""
    with gc_paused():  # thousands of small dicts and lists, none of them cyclic garbage
        return Checker(src).run(types=types)
