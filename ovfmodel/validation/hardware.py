"""The rules of virtual hardware: Items and their CIM properties (DSP0243 8.1-8.3), Items
sharing an InstanceID (9.8) and range markers (8.4), the iso transport (11.2), and the
hypervisors' habits (unit numbers, occupied units, zero CPUs), which are warnings naming them."""

from __future__ import annotations

import re

from ovfmodel import cim

from . import paths, rules
from .source import Element
from .walk import Base, Item, ItemKind, configs, is_required, overlap, to_int, vendor_attr

_HOST = re.compile(r"^(?:ovf:)?/{1,2}(disk|file)/(.+)$")
# possessive: spaces before the end must not be tried both inside and after the group
_HERTZ = re.compile(
    r"^\s*+(hertz\s*+(\*\s*+10\s*+\^\s*+\d++\s*+)?|(kilo|mega|giga)hertz|count)\s*+$", re.I
)
_RT = cim.ResourceType
_CPU, _MEMORY = int(_RT.PROCESSOR), int(_RT.MEMORY)
_CD_DRIVES = frozenset({int(_RT.CD_DRIVE), int(_RT.DVD_DRIVE)})
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
# 8.4: range markers hold integer values; these device settings have none
_NOT_RANGED = frozenset(
    {
        "Address",
        "AddressOnParent",
        "AutomaticAllocation",
        "AutomaticDeallocation",
        "Connection",
        "HostResource",
        "Parent",
        "PoolID",
    }
)
_RANGED = ("Limit", "Reservation", "VirtualQuantity", "Weight")
_LISTED = frozenset({"HostResource", "Connection"})  # kept with all their values
_UNPREFIXED = ("configuration", "bound", "required")
_HYPERVISORS = "VMware vSphere and VirtualBox"


class Hardware(Base):
    """OVF4xx: the items of VirtualHardwareSection and ResourceAllocationSection."""

    def items(self, section: Element, cls: str, path: str) -> list[Item]:
        """The items of a section, each read once. This is the hot loop of a large descriptor:
        one flat walk of the section (cheaper than a child iterator per item), where an
        element's parent tells an item (parent: the section) from one of its properties."""
        kinds = {
            tag: ItemKind(name, fmap, path)
            for tag, (name, fmap) in self.voc.item_kinds(cls).items()
        }
        found: list[Item] = []
        it: Item | None = None
        cur: Element | None = None
        fields: dict[str, str] = {}
        fmap: dict[str, str] = {}
        # libxml2 skips, in C, what no rule reads (ElementName, Description, extensions...)
        for e in section.iter(*self.voc.item_tags(cls, _ITEM_PROPERTIES), "{*}InstanceId"):
            parent = e.getparent()
            if parent is cur:
                local = fmap.get(e.tag)
                if local is None:
                    tag = e.tag
                    if isinstance(tag, str) and tag.endswith("}InstanceId"):
                        fields.setdefault("InstanceId", e.text or "")  # a vendor element's text
                elif local not in _LISTED:
                    if local not in fields:  # the first of each, as the binder keeps it
                        # the binder reads "" from an empty element and from one holding any
                        fields[local] = "" if len(e) else e.text or ""
                elif local == "HostResource":
                    if it.hosts:  # type: ignore[union-attr]  # cur is it.el
                        it.hosts.append("" if len(e) else e.text or "")  # type: ignore[union-attr]
                    else:
                        it.hosts = ["" if len(e) else e.text or ""]  # type: ignore[union-attr]
                elif it.conns:  # type: ignore[union-attr]
                    it.conns.append("" if len(e) else e.text or "")  # type: ignore[union-attr]
                else:
                    it.conns = ["" if len(e) else e.text or ""]  # type: ignore[union-attr]
            elif parent is section:
                k = kinds.get(e.tag)
                if k is None:
                    it = cur = None
                    continue
                it = Item(e, k)
                fmap = k.fmap
                fields = it.fields
                cur = e
                found.append(it)
        cfg_key, bound_key = self.A + "configuration", self.A + "bound"
        # ResourceType text -> number: a descriptor repeats a handful of them by the thousand
        rts: dict[str, int | None] = {}
        for it in found:
            el = it.el
            f = it.fields
            iid = f.get("InstanceID") or None
            if iid is None:  # OVF 0.9 spells it rasd:InstanceId (the model keeps it as extension)
                iid = (f.get("InstanceId") or "").strip() or None
            it.iid = iid  # before any report: the item's path names it
            if el.values():  # most items have no attributes: skip the lookups
                it.cfg_text = cfg = el.get(cfg_key)
                it.cfg = configs(cfg)
                it.bound = el.get(bound_key)
                self.check_unprefixed(it)
            raw = f.get("ResourceType") or None
            if raw is not None:
                it.rt_raw = raw
                if raw in rts:
                    it.rt = rts[raw]
                    continue
                rt = to_int(raw)
                # "-0" fits xs:int but is no ResourceType: not a number, as before
                it.rt = None if rt is not None and rt <= 0 and "-" in raw else rt
                if len(rts) < 64:  # a hostile file's many distinct values stay uncached
                    rts[raw] = it.rt
        self.lines.extend_lazily(found)  # their lines are read if a lookup ever needs them
        return found

    def check_unprefixed(self, it: Item) -> None:
        """OVF419: `configuration="x"` where ovf:configuration is meant."""
        el = it.el
        for local in _UNPREFIXED:
            value = el.get(local)
            if value is not None:
                effect = {
                    "configuration": "applies to every configuration",
                    "bound": "is a normal item",
                    "required": "is required",
                }[local]
                self.report(
                    rules.UNPREFIXED_ATTRIBUTE,
                    f'{local}="{value}" has no ovf: prefix, so it is not the OVF attribute: '
                    f"ovfmodel and namespace-aware consumers ignore it (the Item {effect}), "
                    f"consumers reading local names honour it; write ovf:{local}",
                    el,
                    it.path,
                )

    def check_resource_allocation(self, section: Element, cls: str, path: str) -> None:
        items = self.items(section, cls, path)
        for it in items:
            self.check_configuration_ref(it.cfg_text, it.el, it.path)
        self.check_merge(items)

    def check_hardware(self, hw: Element, cls: str, path: str, types: bool) -> None:
        items = self.items(hw, cls, path)
        # only Info and System besides the items: no vendor element to look at, and no need
        # to look at ten thousand items again to know it
        known = sum(1 for _ in self.children(hw, "Info", "System"))
        if len(hw) > len(items) + known:
            self.check_hardware_extensions(hw, cls, path)
        self.hardware.append((hw, cls, items))
        report = self.report
        by_id = self.check_merge(items)
        addresses: dict[tuple[str, str, str], Item | list[Item]] = {}
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
                        f"IDE controller Address {addr!r}: PC hypervisors ({_HYPERVISORS}) "
                        "give a machine two IDE channels, 0 and 1",
                        it.el,
                        it.path,
                    )
        self.check_transport(hw, path, items)

    def check_transport(self, hw: Element, path: str, items: list[Item]) -> None:
        """OVF418: the iso transport needs a CD-ROM in the same section (11.2)."""
        transport = self.attr(hw, "transport")
        if transport is None or "iso" not in transport.split():
            return
        if not any(it.rt in _CD_DRIVES for it in items):
            self.report(
                rules.ISO_WITHOUT_CDROM,
                'ovf:transport lists "iso" but this VirtualHardwareSection has no CD-ROM or '
                "DVD drive (ResourceType 15 or 16) to carry the environment image; add one",
                hw,
                path,
            )

    # --- 9.8 and 8.4: items sharing an InstanceID, range markers -----------------------------

    def check_merge(self, items: list[Item]) -> dict[str, Item]:
        """OVF401, OVF410-OVF416 on the items of one section. Returns InstanceID -> first
        item (a list is made only where an ID repeats, so the common case allocates nothing)."""
        report = self.report
        by_id: dict[str, Item] = {}
        repeated: dict[str, list[Item]] = {}
        markers: list[Item] = []
        for it in items:
            bound = it.bound
            if bound is not None:
                if bound not in _BOUNDS:
                    report(
                        rules.BAD_BOUND,
                        f"ovf:bound={bound!r}; use min, max or normal",
                        it.el,
                        it.path,
                    )
                elif bound != "normal":
                    markers.append(it)
            if it.rt_raw is None and it.kind.name == "Item":
                report(
                    rules.NO_RESOURCE_TYPE,
                    "Item has no rasd:ResourceType; every Item specifies the kind of resource "
                    "it describes",
                    it.el,
                    it.path,
                )
            iid = it.iid
            if iid is None:
                continue
            first = by_id.get(iid)
            if first is None:
                by_id[iid] = it
                continue
            group = repeated.get(iid)
            if group is None:
                group = repeated[iid] = [first]
            self.check_shared_id(it, group)
            group.append(it)
        for it in markers:
            self.check_marker(it, repeated.get(it.iid or "") or [])
        return by_id

    def check_shared_id(self, it: Item, group: list[Item]) -> None:
        """A later Item with an InstanceID some earlier ones have: same ResourceType (OVF401);
        one min and one max marker per configuration (OVF411); info when it replaces an
        earlier Item entirely (OVF412)."""
        bound = it.bound if it.bound in ("min", "max") else "normal"
        mine = it.rt if it.rt is not None else it.rt_raw
        for other in group:
            theirs = other.rt if other.rt is not None else other.rt_raw
            if mine is not None and theirs is not None and mine != theirs:
                self.report(
                    rules.DUPLICATE_INSTANCE_ID,
                    f"InstanceID {it.iid!r} is ResourceType {str(theirs).strip()} at line "
                    f"{self.src.line(other.el)} but {str(mine).strip()} here; Items sharing an "
                    "InstanceID combine into one and agree on ResourceType",
                    it.el,
                    it.path,
                )
                return
        for other in group:
            other_bound = other.bound if other.bound in ("min", "max") else "normal"
            if other_bound != bound:
                continue
            if bound != "normal" and overlap(it.cfg, other.cfg):
                self.report(
                    rules.SECOND_MARKER,
                    f"a second ovf:bound={bound!r} marker for InstanceID {it.iid!r} (first at "
                    f"line {self.src.line(other.el)}); give one {bound} marker per configuration",
                    it.el,
                    it.path,
                )
                return
            if bound == "normal" and it.cfg == other.cfg:
                self.report(
                    rules.ITEMS_OVERRIDE,
                    f"InstanceID {it.iid!r} is also the Item at line {self.src.line(other.el)} for "
                    "the same configurations: the two combine, this one's elements replacing "
                    "that one's; use another InstanceID for a separate device",
                    it.el,
                    it.path,
                )
                return

    def check_marker(self, marker: Item, group: list[Item]) -> None:
        """OVF414-OVF416 for one min or max range marker."""
        report = self.report
        normals = [o for o in group if o.bound in (None, "normal") and overlap(o.cfg, marker.cfg)]
        if marker.iid is None or not normals:
            why = (
                "has no InstanceID"
                if marker.iid is None
                else f"has no Item with InstanceID {marker.iid!r} and no ovf:bound (or normal)"
            )
            report(
                rules.LONE_MARKER,
                f"range marker ovf:bound={marker.bound!r} {why}; a marker bounds the values of "
                "a normal Item, which holds the default",
                marker.el,
                marker.path,
            )
        values = marker.all_fields()
        for local in sorted(_NOT_RANGED & values.keys()):
            report(
                rules.MARKER_ELEMENT,
                f"range marker holds rasd:{local}, which is no integer value and has no range; "
                "keep it in the normal Item",
                marker.el,
                marker.path,
            )
        for local in _RANGED:
            bound = self.ints(next(iter(values.get(local, ())), None))
            if bound is None:
                continue
            for normal in normals:
                value = self.ints(next(iter(normal.all_fields().get(local, ())), None))
                if value is None:
                    continue
                low = marker.bound == "min"
                if (value < bound) if low else (value > bound):
                    report(
                        rules.OUTSIDE_RANGE,
                        f"rasd:{local} is {value} in the normal Item (line "
                        f"{self.src.line(normal.el)}) but the {marker.bound} marker says {bound}; "
                        "the default lies within the range",
                        marker.el,
                        marker.path,
                    )

    # --- OVF304 inside a VirtualHardwareSection ---------------------------------------------

    def check_hardware_extensions(self, hw: Element, cls: str, path: str) -> None:
        """Vendor elements of a VirtualHardwareSection marked ovf:required (OVF304)."""
        voc = self.voc
        kinds = voc.item_kinds(cls)
        for child in hw:
            tag = child.tag
            if (
                isinstance(tag, str)
                and tag not in kinds
                and tag[:1] == "{"  # a vendor extension (the model's other_element)
                and voc.entry(cls, child) is None
                and vendor_attr(child, "required") is not None
                and is_required(child)
            ):
                opath = self.mark(child, paths.join(path, paths.local_name(tag)))
                self.report(
                    rules.REQUIRED_UNKNOWN,
                    f"element {tag} is required (ovf:required is true): consumers that do not "
                    "understand it treat the whole VirtualHardwareSection as not understood "
                    "and fail (VMware ovftool and vSphere refuse the package); set "
                    'ovf:required="false" if it is optional',
                    child,
                    opath,
                )

    # --- hypervisor habits: unit numbers ----------------------------------------------------

    def check_address(
        self,
        it: Item,
        parent: str,
        address: str,
        ctrl: Item | None,
        taken: dict[tuple[str, str, str], Item | list[Item]],
    ) -> None:
        unit = address.strip()
        key = (parent, unit, it.bound or "normal")
        held = taken.get(key)
        if held is None:
            taken[key] = it
        else:
            group = held if isinstance(held, list) else [held]
            for other in group:
                if overlap(it.cfg, other.cfg) and other.iid != it.iid:
                    self.report(
                        rules.DUPLICATE_ADDRESS,
                        f"AddressOnParent {address} of controller {parent} is already taken "
                        f"by the item at line {self.src.line(other.el)}; {_HYPERVISORS} refuse a "
                        "second device at an occupied unit",
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
                    f"numbers 0-{hi} on {_HYPERVISORS}",
                    it.el,
                    it.path,
                )

    def controller_limit(self, ctrl: Item) -> tuple[int, str] | None:
        if ctrl.limit is False:  # computed once per controller
            ctrl.limit = self._controller_limit(ctrl)
        return ctrl.limit  # type: ignore[return-value]

    def _controller_limit(self, ctrl: Item) -> tuple[int, str] | None:
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

    # --- one item ---------------------------------------------------------------------------

    def check_item(self, it: Item, types: bool) -> None:
        report = self.report
        hosts = it.hosts
        if len(hosts) > 1:
            report(
                rules.TWO_BACKINGS,
                f"{len(hosts)} HostResource elements ({', '.join(h.strip() for h in hosts)}); "
                "a device has one backing",
                it.el,
                it.path,
            )
        for host in hosts:
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
            self.check_compute(it, rt, fields)

    def check_compute(self, it: Item, rt: int, fields: dict[str, str]) -> None:
        """OVF408, OVF409 for a CPU or memory item."""
        what = "CPU" if rt == _CPU else "memory"
        if it.bound in (None, "normal"):  # a marker's quantity is a bound, not a request
            quantity = self.ints(fields.get("VirtualQuantity"))
            if quantity is not None and quantity <= 0:
                self.report(
                    rules.QUANTITY,
                    f"{what} item asks for VirtualQuantity {quantity}; {_HYPERVISORS} refuse a "
                    f"machine without {what}",
                    it.el,
                    it.path,
                )
        units = fields.get("AllocationUnits")
        if units:
            if rt == _MEMORY:
                problem = self.units_problem(units)
                if problem is not None:
                    self.report(rules.ITEM_UNITS, f"memory {problem}", it.el, it.path)
            elif _HERTZ.match(units) is None:
                self.report(
                    rules.ITEM_UNITS,
                    f"CPU AllocationUnits {units!r} is not a hertz unit (or count); write "
                    "e.g. 'hertz * 10^6'",
                    it.el,
                    it.path,
                )
