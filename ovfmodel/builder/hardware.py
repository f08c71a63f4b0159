"""Virtual hardware: Items wired with InstanceIDs, Parent references, slots and host resources.

A `HardwareBuilder` works on one VirtualHardwareSection, new or parsed, so the same code builds
an appliance from scratch and adds a NIC to an existing one (`HardwareEditor`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from types import ModuleType
from typing import Any

from xsdata.formats.dataclass.models.generics import AnyElement

from ..cim import ResourceType, UnitsError, parse_allocation_units, to_generated
from ..errors import BuilderError
from ._common import (
    UNSIGNED_INT,
    UNSIGNED_LONG,
    Registry,
    check_range,
    new_item,
    require,
    set_cim,
)

VMW_NS = "http://www.vmware.com/schema/ovf"


class ControllerKind(StrEnum):
    IDE = "ide"
    SCSI = "scsi"
    SATA = "sata"
    NVME = "nvme"


class ScsiSubtype(StrEnum):
    LSILOGIC = "lsilogic"
    BUSLOGIC = "buslogic"
    LSILOGIC_SAS = "lsilogicsas"
    PARAVIRTUAL = "VirtualSCSI"
    VIRTIO = "virtio-scsi"


class NicSubtype(StrEnum):
    E1000 = "E1000"
    E1000E = "E1000e"
    VMXNET3 = "VmxNet3"
    VIRTIO = "virtio"
    PCNET32 = "PCNet32"


# (resource type, default subtype, usable slots, most controllers of this kind)
_CONTROLLERS: dict[ControllerKind, tuple[ResourceType, str | None, tuple[int, ...], int]] = {
    ControllerKind.IDE: (ResourceType.IDE_CONTROLLER, None, (0, 1), 2),
    ControllerKind.SCSI: (
        ResourceType.PARALLEL_SCSI_HBA,
        ScsiSubtype.LSILOGIC.value,
        tuple(i for i in range(16) if i != 7),
        4,
    ),
    ControllerKind.SATA: (ResourceType.OTHER_STORAGE_DEVICE, "AHCI", tuple(range(30)), 4),
    ControllerKind.NVME: (
        ResourceType.OTHER_STORAGE_DEVICE,
        "vmware.nvme.controller",
        tuple(range(15)),
        4,
    ),
}
_SUBTYPE_KIND = {"ahci": ControllerKind.SATA, "vmware.sata.ahci": ControllerKind.SATA}
_MAC = re.compile(r"^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$")


@dataclass
class Controller:
    """A disk controller Item: pass it to `disk`/`cdrom` to attach devices to it."""

    kind: ControllerKind
    instance_id: str
    address: int
    used: set[int]

    def free_slot(self) -> int | None:
        return next((s for s in _CONTROLLERS[self.kind][2] if s not in self.used), None)


class HardwareBuilder:
    """Adds Items to one VirtualHardwareSection; every call checks its wiring at once."""

    def __init__(self, module: ModuleType, section: Any, registry: Registry, version: str) -> None:
        self._m = module
        self.section = section
        self._registry = registry
        self._version = version
        self._ids: set[str] = set()
        self.controllers: list[Controller] = []
        self._scan()

    # -- reading what is there (parsed documents) ------------------------------------------
    def _all_items(self) -> list[Any]:
        s = self.section
        return [*s.item, *getattr(s, "ethernet_port_item", []), *getattr(s, "storage_item", [])]

    def _scan(self) -> None:
        by_id: dict[str, Controller] = {}
        for item in self._all_items():
            iid = item.instance_id.value if item.instance_id is not None else None
            if iid:
                self._ids.add(str(iid))
            kind = _controller_kind(item)
            if kind is not None and iid:
                address = _int(item.address.value if item.address is not None else None)
                ctl = Controller(kind, str(iid), address or 0, set())
                by_id[ctl.instance_id] = ctl
                self.controllers.append(ctl)
        for item in self._all_items():
            parent = item.parent.value if item.parent is not None else None
            slot = _int(item.address_on_parent.value if item.address_on_parent else None)
            if parent in by_id and slot is not None:
                by_id[parent].used.add(slot)

    def _next_id(self) -> str:
        n = 1
        while str(n) in self._ids:
            n += 1
        self._ids.add(str(n))
        return str(n)

    def _add(self, item: Any, configuration: str | None, required: bool) -> Any:
        self._registry.check_configuration(configuration)
        if configuration is not None:
            item.configuration = configuration
        if not required:
            item.required = False
        if isinstance(item, self._m.RasdType):
            self.section.item.append(item)
        elif type(item).__name__ == "EpasdType":
            self.section.ethernet_port_item.append(item)
        else:
            self.section.storage_item.append(item)
        return item

    def _item(self, name: str, rtype: ResourceType, **props: object) -> Any:
        return new_item(
            self._m.RasdType, name, self._next_id(), resource_type=to_generated(rtype), **props
        )

    # -- compute -------------------------------------------------------------------------------
    def cpus(
        self,
        count: int,
        *,
        cores_per_socket: int | None = None,
        reservation_mhz: int | None = None,
        limit_mhz: int | None = None,
        weight: int | None = None,
        configuration: str | None = None,
    ) -> Any:
        """Virtual CPUs; cores per socket go in VMware's vmw:CoresPerSocket (CIM has none)."""
        _positive("CPU count", count)
        if cores_per_socket is not None:
            _positive("cores per socket", cores_per_socket)
            require(
                count % cores_per_socket == 0,
                f"{count} CPUs cannot be split into sockets of {cores_per_socket} cores",
                "make the CPU count a multiple of cores_per_socket",
            )
        for label, value in (("reservation", reservation_mhz), ("limit", limit_mhz)):
            if value is not None:
                _non_negative(label, value)
        _check_amounts("CPU", count, reservation_mhz, limit_mhz, weight)
        item = self._item(
            f"{count} virtual CPU(s)",
            ResourceType.PROCESSOR,
            allocation_units="hertz * 10^6",
            description="Number of Virtual CPUs",
            limit=limit_mhz,
            reservation=reservation_mhz,
            virtual_quantity=count,
            weight=weight,
        )
        if cores_per_socket is not None:
            item.other_element.append(
                AnyElement(
                    qname=f"{{{VMW_NS}}}CoresPerSocket",
                    text=str(cores_per_socket),
                    attributes={f"{{{_ovf_ns(self._m)}}}required": "false"},
                )
            )
        return self._add(item, configuration, True)

    def memory(
        self,
        size: int,
        *,
        units: str = "byte * 2^20",
        reservation: int | None = None,
        limit: int | None = None,
        weight: int | None = None,
        configuration: str | None = None,
    ) -> Any:
        """Memory of `size` units (MiB unless told)."""
        _positive("memory size", size)
        _check_amounts("memory", size, reservation, limit, weight)
        try:
            parse_allocation_units(units)
        except UnitsError as err:
            raise BuilderError(err.message, hint=err.hint) from None
        item = self._item(
            f"{size} {_unit_word(units)} of memory",
            ResourceType.MEMORY,
            allocation_units=units,
            description="Memory Size",
            limit=limit,
            reservation=reservation,
            virtual_quantity=size,
            weight=weight,
        )
        return self._add(item, configuration, True)

    # -- storage -------------------------------------------------------------------------------
    def controller(
        self,
        kind: ControllerKind | str,
        *,
        subtype: str | None = None,
        configuration: str | None = None,
    ) -> Controller:
        """A disk controller: IDE (2 slots, 2 channels), SCSI (0-15 but 7), SATA/AHCI (0-29), NVMe."""
        try:
            kind = ControllerKind(kind)
        except ValueError:
            raise BuilderError(
                f"unknown controller kind {kind!r}",
                hint="use one of " + ", ".join(k.value for k in ControllerKind),
            ) from None
        rtype, default_subtype, _, most = _CONTROLLERS[kind]
        same = [c for c in self.controllers if c.kind is kind]
        require(
            len(same) < most,
            f"a virtual system can have at most {most} {kind.value.upper()} controllers",
            "attach further devices to an existing controller",
        )
        if kind is ControllerKind.SCSI and subtype is not None:
            known = {s.value.lower(): s.value for s in ScsiSubtype}
            require(
                subtype.lower() in known,
                f"unknown SCSI controller subtype {subtype!r}",
                "use one of " + ", ".join(known.values()),
            )
            subtype = known[subtype.lower()]
        address = len(same)
        label = {
            ControllerKind.IDE: "IDE Controller",
            ControllerKind.SCSI: "SCSI Controller",
            ControllerKind.SATA: "SATA Controller",
            ControllerKind.NVME: "NVMe Controller",
        }[kind]
        item = self._item(
            f"{label} {address}",
            rtype,
            address=str(address),
            description=f"{label} {address}",
            resource_sub_type=subtype or default_subtype,
        )
        self._add(item, configuration, True)
        ctl = Controller(kind, item.instance_id.value, address, set())
        self.controllers.append(ctl)
        return ctl

    def ide_controller(self, *, configuration: str | None = None) -> Controller:
        return self.controller(ControllerKind.IDE, configuration=configuration)

    def scsi_controller(
        self, subtype: ScsiSubtype | str = ScsiSubtype.LSILOGIC, *, configuration: str | None = None
    ) -> Controller:
        return self.controller(
            ControllerKind.SCSI, subtype=str(subtype), configuration=configuration
        )

    def sata_controller(self, *, configuration: str | None = None) -> Controller:
        return self.controller(ControllerKind.SATA, configuration=configuration)

    def nvme_controller(self, *, configuration: str | None = None) -> Controller:
        return self.controller(ControllerKind.NVME, configuration=configuration)

    def _slot(self, controller: Controller, slot: int | None) -> int:
        require(
            controller in self.controllers,
            f"controller {controller.instance_id} is not in this hardware section",
            "create it with this builder's controller()",
        )
        slots = _CONTROLLERS[controller.kind][2]
        if slot is None:
            free = controller.free_slot()
            require(
                free is not None,
                f"{controller.kind.value.upper()} controller {controller.instance_id} is full",
                "add another controller and attach the device there",
            )
            assert free is not None
            slot = free
        require(
            slot in slots,
            f"slot {slot} does not exist on a {controller.kind.value.upper()} controller",
            f"use one of {slots[0]}..{slots[-1]}"
            + (" except 7 (the SCSI initiator)" if controller.kind is ControllerKind.SCSI else ""),
        )
        require(
            slot not in controller.used,
            f"slot {slot} of {controller.kind.value.upper()} controller "
            f"{controller.instance_id} is already taken",
            "leave slot out to take the next free one, or pick a free slot",
        )
        controller.used.add(slot)
        return slot

    def disk(
        self,
        disk_id: str,
        controller: Controller,
        *,
        slot: int | None = None,
        storage_item: bool = False,
        configuration: str | None = None,
    ) -> Any:
        """Attach a DiskSection disk (`ovf:/disk/ID`) to a controller slot.

        `storage_item=True` writes an OVF 2 StorageItem (SASD) instead of a RASD Item.
        """
        require(
            disk_id in self._registry.disks,
            f"disk {disk_id!r} is not declared in the DiskSection",
            "declare it first with add_disk(" + repr(disk_id) + ", ...)",
        )
        cls = self._m.RasdType
        if storage_item:
            require(
                hasattr(self._m, "SasdType"),
                "StorageItem exists only in OVF 2.x",
                "build with version='2.0', or leave storage_item False",
            )
            cls = self._m.SasdType
        address = self._slot(controller, slot)
        item = new_item(
            cls,
            f"Hard Disk {sum(1 for i in self._all_items() if _rtype(i) == 17) + 1}",
            self._next_id(),
            resource_type=to_generated(ResourceType.DISK_DRIVE),
            address_on_parent=str(address),
            host_resource=f"ovf:/disk/{disk_id}",
            parent=controller.instance_id,
        )
        return self._add(item, configuration, True)

    def cdrom(
        self,
        controller: Controller,
        *,
        slot: int | None = None,
        iso_file: str | None = None,
        dvd: bool = False,
        configuration: str | None = None,
    ) -> Any:
        """A CD/DVD drive, empty or with an ISO from References (`ovf:/file/ID`)."""
        if iso_file is not None:
            require(
                iso_file in self._registry.files,
                f"file {iso_file!r} is not declared in References",
                "declare it first with add_file(" + repr(iso_file) + ", href=...)",
            )
        address = self._slot(controller, slot)
        rtype = ResourceType.DVD_DRIVE if dvd else ResourceType.CD_DRIVE
        item = self._item(
            "DVD Drive" if dvd else "CD-ROM Drive",
            rtype,
            address_on_parent=str(address),
            automatic_allocation=iso_file is not None,
            host_resource=f"ovf:/file/{iso_file}" if iso_file else None,
            parent=controller.instance_id,
        )
        return self._add(item, configuration, False)

    def floppy(self, *, image_file: str | None = None, configuration: str | None = None) -> Any:
        if image_file is not None:
            require(
                image_file in self._registry.files,
                f"file {image_file!r} is not declared in References",
                "declare it first with add_file(" + repr(image_file) + ", href=...)",
            )
        item = self._item(
            "Floppy Drive",
            ResourceType.FLOPPY_DRIVE,
            automatic_allocation=image_file is not None,
            host_resource=f"ovf:/file/{image_file}" if image_file else None,
        )
        return self._add(item, configuration, False)

    # -- network and other devices ----------------------------------------------------------
    def nic(
        self,
        network: str,
        *,
        subtype: NicSubtype | str = NicSubtype.VMXNET3,
        mac: str | None = None,
        connected: bool = True,
        port_item: bool = False,
        configuration: str | None = None,
    ) -> Any:
        """A network adapter connected to a NetworkSection network.

        `port_item=True` writes an OVF 2 EthernetPortItem (EPASD) instead of a RASD Item.
        """
        require(
            network in self._registry.networks,
            f"network {network!r} is not declared in the NetworkSection",
            "declare it first with add_network("
            + repr(network)
            + "); known: "
            + (", ".join(self._registry.networks) or "none"),
        )
        if mac is not None:
            require(
                bool(_MAC.match(mac)),
                f"{mac!r} is not a MAC address",
                "write six hex pairs, e.g. 00:50:56:01:02:03",
            )
        cls = self._m.RasdType
        if port_item:
            require(
                hasattr(self._m, "EpasdType"),
                "EthernetPortItem exists only in OVF 2.x",
                "build with version='2.0', or leave port_item False",
            )
            cls = self._m.EpasdType
        count = sum(1 for i in self._all_items() if _is_nic(i))
        item = new_item(
            cls,
            f"Network adapter {count + 1}",
            self._next_id(),
            resource_type=to_generated(ResourceType.ETHERNET_ADAPTER),
            address=mac,
            automatic_allocation=connected,
            connection=network,
            resource_sub_type=str(subtype),
        )
        return self._add(item, configuration, True)

    def add_nic(
        self,
        network: str,
        *,
        subtype: NicSubtype | str = NicSubtype.VMXNET3,
        mac: str | None = None,
        configuration: str | None = None,
    ) -> Any:
        """Same as nic(); the name reads better when editing a parsed appliance."""
        return self.nic(network, subtype=subtype, mac=mac, configuration=configuration)

    def usb_controller(
        self, *, subtype: str | None = None, configuration: str | None = None
    ) -> Any:
        item = self._item("USB Controller", ResourceType.USB_CONTROLLER, resource_sub_type=subtype)
        return self._add(item, configuration, False)

    def serial_port(self, *, configuration: str | None = None) -> Any:
        count = sum(1 for i in self._all_items() if _rtype(i) == ResourceType.SERIAL_PORT)
        item = self._item(
            f"Serial port {count + 1}", ResourceType.SERIAL_PORT, automatic_allocation=False
        )
        return self._add(item, configuration, False)

    def video(self, *, video_memory_kb: int | None = None, configuration: str | None = None) -> Any:
        item = self._item("Video card", ResourceType.GRAPHICS_CONTROLLER)
        if video_memory_kb is not None:
            _positive("video memory", video_memory_kb)
            check_range("video memory", video_memory_kb, 1, UNSIGNED_LONG)
            set_cim(item, "allocation_units", "byte * 2^10")
            set_cim(item, "virtual_quantity", video_memory_kb)
        return self._add(item, configuration, False)

    def sound(
        self, *, subtype: str = "vmware.soundcard.hdaudio", configuration: str | None = None
    ) -> Any:
        """A sound card: ResourceType Other with a vendor subtype (35 is outside the value map)."""
        item = self._item("Sound card", ResourceType.OTHER, resource_sub_type=subtype)
        return self._add(item, configuration, False)

    def find_controller(self, kind: ControllerKind | str, index: int = 0) -> Controller:
        """The `index`-th existing controller of a kind (for editing parsed documents)."""
        same = [c for c in self.controllers if c.kind is ControllerKind(kind)]
        require(
            index < len(same),
            f"there is no {ControllerKind(kind).value.upper()} controller #{index}",
            "add one with controller(...)",
        )
        return same[index]


def _ovf_ns(module: ModuleType) -> str:
    return str(module.__NAMESPACE__)


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _rtype(item: Any) -> int | None:
    wrapper = item.resource_type
    value = getattr(wrapper, "value", None)
    return getattr(value, "value", None)


def _is_nic(item: Any) -> bool:
    return _rtype(item) == ResourceType.ETHERNET_ADAPTER


def _controller_kind(item: Any) -> ControllerKind | None:
    rtype = _rtype(item)
    subtype = (item.resource_sub_type.value if item.resource_sub_type is not None else "") or ""
    if rtype == ResourceType.IDE_CONTROLLER:
        return ControllerKind.IDE
    if rtype == ResourceType.PARALLEL_SCSI_HBA:
        return ControllerKind.SCSI
    if rtype == ResourceType.OTHER_STORAGE_DEVICE:
        if "nvme" in subtype.lower():
            return ControllerKind.NVME
        return _SUBTYPE_KIND.get(subtype.lower(), ControllerKind.SATA)
    return None


def _positive(label: str, value: int) -> None:
    require(value > 0, f"{label} must be positive, not {value}", "pass a whole number above 0")


def _check_amounts(
    what: str, quantity: int, reservation: int | None, limit: int | None, weight: int | None
) -> None:
    """VirtualQuantity, Reservation and Limit are CIM uint64, Weight uint32."""
    check_quantity(what, quantity)
    check_range(f"{what} reservation", reservation, 0, UNSIGNED_LONG)
    check_range(f"{what} limit", limit, 0, UNSIGNED_LONG)
    check_range(f"{what} weight", weight, 0, UNSIGNED_INT)


def check_quantity(what: str, quantity: int) -> None:
    """Refuse a VirtualQuantity its CIM type (uint64, xs:unsignedLong) cannot hold, or 0."""
    check_range(f"{what} quantity", quantity, 1, UNSIGNED_LONG)


def _non_negative(label: str, value: int) -> None:
    require(value >= 0, f"{label} must not be negative ({value})", "pass 0 or more")


def _unit_word(units: str) -> str:
    return {"byte * 2^20": "MB", "byte * 2^30": "GB", "byte * 2^10": "KB"}.get(units, units)
