"""The descriptor as the importers see it: a light reading of the lxml tree the validator parsed.

Importers do not bind OVF to a schema; they walk the XML with their own expectations (the
envelope namespace they registered, `Item` elements only, the first VirtualSystem, ...). The
target rules need the same raw view, so this module reads the validator's `SourceDoc` tree
once into small objects that keep their element (for locations) and their readable path (the
validator's path conventions: `VirtualSystem[vm]/VirtualHardwareSection/Item[InstanceID=4]`).
Nothing here judges the document; rules and importer models in the target modules do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ovfmodel.namespaces import OVF1_NS, OVF2_NS, XSI_TYPE
from ovfmodel.validation import paths
from ovfmodel.validation.source import Element, SourceDoc

CIM_PREFIX = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/"
VMW_NS = "http://www.vmware.com/schema/ovf"
XEN_NS = "http://schemas.citrix.com/ovf/envelope/1"
VBOX_NS = "http://www.virtualbox.org/ovf/machine"
_INT = re.compile(r"\s*[+-]?\d+\s*\Z", re.ASCII)
ITEM_KINDS = ("Item", "StorageItem", "EthernetPortItem")


def to_int(text: str | None) -> int | None:
    """A decimal integer as importers read one (surrounding blanks allowed), else None."""
    if text is None or not _INT.match(text):
        return None
    try:
        return int(text)
    except ValueError:  # more digits than Python converts
        return None


def local(tag: object) -> str:
    return paths.local_name(tag) if isinstance(tag, str) else ""


def kind(el: Element) -> str:
    """An element's OVF name; OVF 0.9's `Section` and `Content` are named by their xsi:type
    (`ovf:DiskSection_Type` -> DiskSection), as VirtualBox and XenCenter read them."""
    name = local(el.tag)
    if name in ("Section", "Content"):
        xsi = el.get(XSI_TYPE) or ""
        typed = xsi.strip().rpartition(":")[2]  # a QName: whitespace collapsed
        if typed.endswith("_Type"):
            return typed[: -len("_Type")]
    return name


def ns_of(tag: object) -> str:
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag.startswith("{") else ""


@dataclass
class FileRef:
    el: Element
    id: str | None
    href: str | None
    size: int | None
    compression: str | None
    chunk_size: str | None

    @property
    def path(self) -> str:
        return paths.join("References", paths.keyed("File", self.id))


@dataclass
class Disk:
    el: Element
    id: str | None
    file_ref: str | None
    capacity: str | None
    units: str | None
    format: str | None

    @property
    def path(self) -> str:
        return paths.join("DiskSection", paths.keyed("Disk", self.id))


@dataclass
class Item:
    """One Item / StorageItem / EthernetPortItem: its CIM properties by local name (the first
    of each), every HostResource and Connection, and its vendor children."""

    el: Element
    kind: str
    section_path: str
    fields: dict[str, str] = field(default_factory=dict)
    hosts: list[str] = field(default_factory=list)
    connections: list[str] = field(default_factory=list)
    vendor: list[Element] = field(default_factory=list)
    configuration: str | None = None
    required: bool = True

    @property
    def path(self) -> str:
        return paths.join(self.section_path, paths.item(self.kind, self.iid))

    @property
    def iid(self) -> str | None:
        """InstanceID (InstanceId in OVF 0.9)."""
        return self.fields.get("InstanceID", self.fields.get("InstanceId"))

    @cached_property
    def rt(self) -> int | None:
        return to_int(self.fields.get("ResourceType"))

    @property
    def subtype(self) -> str | None:
        return self.fields.get("ResourceSubType")

    @property
    def subtypes(self) -> list[str]:
        """ResourceSubType split into its space-separated alternatives."""
        return (self.subtype or "").split()

    @property
    def parent(self) -> str | None:
        return self.fields.get("Parent")

    @property
    def quantity(self) -> int | None:
        return to_int(self.fields.get("VirtualQuantity"))

    @property
    def units(self) -> str | None:
        return self.fields.get("AllocationUnits")

    @property
    def name(self) -> str:
        return self.fields.get("ElementName") or self.fields.get("Caption") or self.kind

    def in_config(self, config: str | None) -> bool:
        """Whether the item applies to deployment option `config` (None: the default one)."""
        if self.configuration is None or not self.configuration.split():
            return True
        return config is not None and config in self.configuration.split()


@dataclass
class Hardware:
    el: Element
    path: str
    system_type: str | None
    items: list[Item] = field(default_factory=list)
    vendor: list[Element] = field(default_factory=list)

    @property
    def families(self) -> list[str]:
        """VirtualSystemType split into its entries (comma or blank separated)."""
        return [t for t in re.split(r"[\s,]+", self.system_type or "") if t]

    def by_iid(self, iid: str | None) -> Item | None:
        """The item with that InstanceID (the first one), or None."""
        return None if iid is None else self._ids.get(iid.strip())

    @cached_property
    def _ids(self) -> dict[str, Item]:
        found: dict[str, Item] = {}
        for it in self.items:
            if it.iid is not None:
                found.setdefault(it.iid.strip(), it)
        return found


@dataclass
class Property:
    el: Element
    key: str | None
    type: str | None
    user_configurable: bool
    path: str


@dataclass
class System:
    """A VirtualSystem: where it sits, its name and the sections importers read."""

    el: Element
    id: str | None
    path: str
    depth: int  # 0: the Envelope's own content; 1: inside a top-level collection; ...
    name: str | None = None
    hardware: list[Hardware] = field(default_factory=list)
    os_el: Element | None = None
    products: list[Element] = field(default_factory=list)
    properties: list[Property] = field(default_factory=list)
    sections: list[Element] = field(default_factory=list)

    @property
    def os_id(self) -> str | None:
        return None if self.os_el is None else attr(self.os_el, "id")

    @cached_property
    def items(self) -> list[Item]:
        """Every item of every hardware section (read once the system is read)."""
        return [it for hw in self.hardware for it in hw.items]

    def by_iid(self, iid: str | None) -> Item | None:
        """The item with that InstanceID in any of the system's hardware sections."""
        for hw in self.hardware:
            found = hw.by_iid(iid)
            if found is not None:
                return found
        return None


def attr(el: Element, name: str) -> str | None:
    """An OVF attribute (qualified with the envelope namespace, as the schema requires)."""
    ns = ns_of(el.getroottree().getroot().tag)
    value: str | None = el.get("{" + ns + "}" + name)
    return value


class Descriptor:
    """Everything the target rules read, indexed once."""

    def __init__(self, src: SourceDoc) -> None:
        self.src = src
        self.root = src.root
        self.ns = src.ns
        self.T = "{" + src.ns + "}"
        self.files: list[FileRef] = []
        self.disks: list[Disk] = []
        self.networks: list[tuple[str | None, Element]] = []
        self.configurations: list[tuple[str | None, bool, Element]] = []
        self.systems: list[System] = []
        self.collections: list[tuple[Element, str, int]] = []
        self.content: Element | None = None
        self._read()

    # --- queries ---------------------------------------------------------------------------

    @property
    def is_ovf1(self) -> bool:
        return self.ns == OVF1_NS

    @property
    def is_ovf2(self) -> bool:
        return self.ns == OVF2_NS

    @property
    def version(self) -> str | None:
        return attr(self.root, "version")

    def file(self, file_id: str | None) -> FileRef | None:
        """The File with that ovf:id (the first one), or None."""
        return None if file_id is None else self._files.get(file_id)

    def disk(self, disk_id: str | None) -> Disk | None:
        """The Disk with that ovf:diskId (the first one), or None."""
        return None if disk_id is None else self._disks.get(disk_id)

    @cached_property
    def _files(self) -> dict[str | None, FileRef]:
        return {f.id: f for f in reversed(self.files)}

    @cached_property
    def disk_order(self) -> dict[str, tuple[int, Disk]]:
        """diskId -> (position in the DiskSection, Disk), for the first Disk of each id."""
        found: dict[str, tuple[int, Disk]] = {}
        for n, disk in enumerate(self.disks):
            if disk.id:
                found.setdefault(disk.id, (n, disk))
        return found

    @cached_property
    def _disks(self) -> dict[str | None, Disk]:
        return {d.id: d for d in reversed(self.disks)}

    def default_configuration(self) -> str | None:
        for cid, default, _ in self.configurations:
            if default:
                return cid
        return self.configurations[0][0] if self.configurations else None

    # --- reading ---------------------------------------------------------------------------

    def _children(self, el: Element, name: str) -> list[Element]:
        return [c for c in el if c.tag == self.T + name]

    def _read(self) -> None:
        for child in self.root:
            name = kind(child) if ns_of(child.tag) == self.ns else ""
            if name == "References":
                for f in self._children(child, "File"):
                    size = to_int(attr(f, "size"))
                    self.files.append(
                        FileRef(
                            f,
                            attr(f, "id"),
                            attr(f, "href"),
                            size,
                            attr(f, "compression"),
                            attr(f, "chunkSize"),
                        )
                    )
            elif name == "DiskSection":
                for d in self._children(child, "Disk"):
                    self.disks.append(
                        Disk(
                            d,
                            attr(d, "diskId"),
                            attr(d, "fileRef"),
                            attr(d, "capacity"),
                            attr(d, "capacityAllocationUnits"),
                            attr(d, "format"),
                        )
                    )
            elif name == "NetworkSection":
                for n in self._children(child, "Network"):
                    self.networks.append((attr(n, "name"), n))
            elif name == "DeploymentOptionSection":
                for c in self._children(child, "Configuration"):
                    default = (attr(c, "default") or "").strip().lower() in ("true", "1")
                    self.configurations.append((attr(c, "id"), default, c))
            elif name in ("VirtualSystem", "VirtualSystemCollection") and self.content is None:
                self.content = child
        if self.content is not None:
            self._read_content(self.content, "", 0)

    def _read_content(self, top: Element, parent_path: str, depth: int) -> None:
        stack: list[tuple[Element, str, int]] = [(top, parent_path, depth)]
        while stack:
            el, parent, level = stack.pop()
            name = kind(el)
            cid = attr(el, "id")
            path = paths.join(parent, paths.keyed(name, cid))
            if name == "VirtualSystemCollection":
                self.collections.append((el, path, level))
                nested = [
                    (c, path, level + 1)
                    for c in el
                    if ns_of(c.tag) == self.ns
                    and kind(c) in ("VirtualSystem", "VirtualSystemCollection")
                ]
                stack.extend(reversed(nested))
            else:
                self.systems.append(self._system(el, cid, path, level))

    def _system(self, el: Element, cid: str | None, path: str, depth: int) -> System:
        vs = System(el, cid, path, depth)
        for child in el:
            if ns_of(child.tag) != self.ns:
                vs.sections.append(child)
                continue
            name = kind(child)
            if name == "Name":
                vs.name = (child.text or "").strip() or None
            elif name == "VirtualHardwareSection":
                vs.hardware.append(self._hardware(child, path))
            elif name == "OperatingSystemSection" and vs.os_el is None:
                vs.os_el = child
            elif name == "ProductSection":
                vs.products.append(child)
                key = ".".join(p for p in (attr(child, "class"), attr(child, "instance")) if p)
                ppath = paths.join(path, paths.keyed("ProductSection", key or None))
                for p in self._children(child, "Property"):
                    pkey = attr(p, "key")
                    user = (attr(p, "userConfigurable") or "").strip().lower() in ("true", "1")
                    where = paths.join(ppath, paths.keyed("Property", pkey))
                    vs.properties.append(Property(p, pkey, attr(p, "type"), user, where))
            if name not in ("Info", "Name"):
                vs.sections.append(child)
        return vs

    def _hardware(self, el: Element, vs_path: str) -> Hardware:
        hid = attr(el, "id")
        hpath = paths.join(vs_path, paths.keyed("VirtualHardwareSection", hid))
        system_type = None
        hw = Hardware(el, hpath, None)
        for child in el:
            name = local(child.tag)
            if ns_of(child.tag) != self.ns:
                hw.vendor.append(child)
            elif name == "System":
                for s in child:
                    if local(s.tag) == "VirtualSystemType" and system_type is None:
                        system_type = (s.text or "").strip()
            elif name in ITEM_KINDS:
                hw.items.append(self._item(child, name, hpath))
        hw.system_type = system_type
        return hw

    def _item(self, el: Element, kind: str, section_path: str) -> Item:
        it = Item(el, kind, section_path)
        it.configuration = attr(el, "configuration")
        required = attr(el, "required")
        it.required = required is None or required.strip().lower() not in ("false", "0")
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if not ns_of(tag).startswith(CIM_PREFIX):
                it.vendor.append(child)
                continue
            name = local(tag)
            text = (child.text or "").strip()
            if name == "HostResource":
                it.hosts.append(text)
            elif name == "Connection":
                it.connections.append(text)
            if name not in it.fields:
                it.fields[name] = text
        return it
