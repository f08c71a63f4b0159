"""Hardware edits: CPUs, memory, NICs, serial ports, CD-ROMs, controllers, removing devices.

Counts are changed on the Items already there (for every configuration, or for one: an Item
shared with other configurations is split, the copy keeping its InstanceID as VMware's exports
do); new devices are made by the builder (`ovfmodel.builder.HardwareBuilder`), so they are
wired the same way as in a built descriptor.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from xsdata.formats.dataclass.models.generics import AnyElement

from .. import model
from ..builder import Controller, ControllerKind, HardwareBuilder, NicSubtype
from ..builder._common import set_cim
from ..builder.hardware import VMW_NS, _controller_kind, check_quantity
from ..cim import ResourceType, UnitsError, parse_allocation_units
from ..errors import BuilderError, EditError
from ._base import EditorBase, configs_of, fail, instance_id, put, resource

MIB = 2**20
_SIZE = re.compile(r"^\s*(\d+)\s*([KMGT]i?B?|B)?\s*$", re.IGNORECASE)
_SIZE_UNITS = {"": MIB, "b": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}
_CONTROLLER_SPEC = re.compile(r"^(ide|scsi|sata|nvme)(\d+)$", re.IGNORECASE)


def parse_size(size: int | str, *, default_unit: int = MIB) -> int:
    """Bytes of a size: an int counts `default_unit`s; text is "8GiB", "512M", "4096" (MiB)."""
    if isinstance(size, int):
        if size <= 0:
            raise fail(f"size {size} is not positive", "give a size above 0")
        return size * default_unit
    match = _SIZE.match(size)
    if match is None:
        raise fail(f"{size!r} is not a size", 'write a number with a unit: "8GiB", "512MiB"')
    unit = (match.group(2) or "").lower()[:1]
    factor = _SIZE_UNITS[unit] if unit else default_unit
    value = int(match.group(1)) * factor
    if value <= 0:
        raise fail(f"size {size!r} is not positive", "give a size above 0")
    return value


class HardwareEdits(EditorBase):
    # -- counts -------------------------------------------------------------------------------
    def set_cpus(
        self,
        count: int,
        *,
        cores_per_socket: int | None = None,
        configuration: str | None = None,
        vs: str | None = None,
    ) -> list[model.Item]:
        """Set the number of virtual CPUs, for every configuration or for one."""
        if count <= 0:
            raise fail(f"CPU count {count} is not positive", "give 1 or more")
        _check_quantity("CPU", count)
        if cores_per_socket is not None and (cores_per_socket <= 0 or count % cores_per_socket):
            raise fail(
                f"{count} CPUs cannot be split into sockets of {cores_per_socket} cores",
                "make the CPU count a multiple of the cores per socket",
            )

        def update(item: Any) -> None:
            _set_quantity(item, count)
            if cores_per_socket is not None:
                _set_cores(item, cores_per_socket, self.doc.namespace)

        def create(hw: HardwareBuilder, config: str | None) -> Any:
            return hw.cpus(count, cores_per_socket=cores_per_socket, configuration=config)

        return self._per_configuration(ResourceType.PROCESSOR, configuration, vs, update, create)

    def set_memory(
        self, size: int | str, *, configuration: str | None = None, vs: str | None = None
    ) -> list[model.Item]:
        """Set the memory: an int is MiB, text carries its unit ("8GiB")."""
        size_bytes = parse_size(size)
        _check_quantity("memory", max(size_bytes // MIB, 1))

        def update(item: Any) -> None:
            units = model.cim(item.allocation_units) or "byte * 2^20"
            try:
                factor = parse_allocation_units(units)
            except UnitsError:
                factor = 0
            if not factor or size_bytes % factor:
                if size_bytes % MIB:
                    raise fail(f"memory {size!r} is not a whole number of MiB", "round it")
                put(item, "allocation_units", "byte * 2^20")
                factor = MIB
            _check_quantity("memory", size_bytes // factor)
            _set_quantity(item, size_bytes // factor)

        def create(hw: HardwareBuilder, config: str | None) -> Any:
            if size_bytes % MIB:
                raise fail(f"memory {size!r} is not a whole number of MiB", "round it")
            return hw.memory(size_bytes // MIB, configuration=config)

        return self._per_configuration(ResourceType.MEMORY, configuration, vs, update, create)

    def _per_configuration(
        self,
        kind: ResourceType,
        configuration: str | None,
        vs: str | None,
        update: Callable[[Any], None],
        create: Callable[[HardwareBuilder, str | None], Any],
    ) -> list[model.Item]:
        self.check_configuration(configuration)
        hw = self.hardware(vs)
        found = [i for i in self.items(vs) if resource(i, kind)]
        if configuration is None:
            if not found:
                return [create(hw, None)]
            for item in found:
                update(item)
            return found
        changed: list[Any] = []
        applying = [i for i in found if configuration in (configs_of(i) or [configuration])]
        if not applying:
            return [create(hw, configuration)]
        for item in applying:
            names = configs_of(item) or self.configurations()
            others = [c for c in names if c != configuration]
            if not others:
                update(item)
                changed.append(item)
                continue
            # shared with other configurations: keep it for them, a copy for this one
            twin = copy.deepcopy(item)
            item.configuration = " ".join(others)
            twin.configuration = configuration
            update(twin)
            section = self.hardware_section_of(item, vs)
            entries = section.item if item in section.item else section.storage_item
            entries.insert(next(n for n, x in enumerate(entries) if x is item) + 1, twin)
            changed.append(twin)
        return changed

    # -- network adapters ---------------------------------------------------------------------
    def add_nic(
        self,
        network: str,
        *,
        subtype: NicSubtype | str = NicSubtype.VMXNET3,
        mac: str | None = None,
        configuration: str | None = None,
        vs: str | None = None,
    ) -> model.Item:
        """A network adapter connected to a declared network."""
        self.check_configuration(configuration)
        item: model.Item = self.hardware(vs).nic(
            network, subtype=subtype, mac=mac, configuration=configuration
        )
        return item

    def set_nic(
        self,
        nic: str,
        *,
        network: str | None = None,
        subtype: NicSubtype | str | None = None,
        vs: str | None = None,
    ) -> list[model.Item]:
        """Reconnect (`network`) or retype (`subtype`) the NIC with InstanceID `nic`."""
        items = [i for i in self.items(vs) if instance_id(i) == nic]
        if not items or not all(resource(i, ResourceType.ETHERNET_ADAPTER) for i in items):
            raise fail(
                f"there is no network adapter with InstanceID {nic!r}",
                "NICs: " + ", ".join(self.nics(vs)) or "none",
            )
        names = [str(n.name) for n in model.networks(self.doc)]
        if network is not None and network not in names:
            raise fail(
                f"network {network!r} is not declared",
                "add it first (--add-network); known: " + (", ".join(names) or "none"),
            )
        for item in items:
            if network is not None:
                if item.connection:
                    item.connection[0].value = network
                    del item.connection[1:]
                else:
                    set_cim(item, "connection", network)
            if subtype is not None:
                put(item, "resource_sub_type", str(subtype))
        return items

    def nics(self, vs: str | None = None) -> list[str]:
        """InstanceIDs of the network adapters, in document order."""
        ids = [instance_id(i) for i in self.items(vs) if resource(i, ResourceType.ETHERNET_ADAPTER)]
        return list(dict.fromkeys(ids))

    # -- other devices ------------------------------------------------------------------------
    def add_serial_port(
        self, *, configuration: str | None = None, vs: str | None = None
    ) -> model.Item:
        self.check_configuration(configuration)
        item: model.Item = self.hardware(vs).serial_port(configuration=configuration)
        return item

    def add_controller(
        self,
        kind: ControllerKind | str,
        *,
        subtype: str | None = None,
        configuration: str | None = None,
        vs: str | None = None,
    ) -> model.Item:
        self.check_configuration(configuration)
        hw = self.hardware(vs)
        ctl = hw.controller(kind, subtype=subtype, configuration=configuration)
        return self.item(ctl.instance_id, vs)

    def add_cdrom(
        self,
        *,
        controller: str | None = None,
        iso_file: str | None = None,
        configuration: str | None = None,
        vs: str | None = None,
    ) -> model.Item:
        """A CD-ROM drive on `controller` ("ide0", "sata0", an InstanceID; default: the first
        IDE or SATA controller with a free unit), empty or holding File `iso_file`."""
        self.check_configuration(configuration)
        hw = self.hardware(vs)
        ctl = self.find_controller(hw, controller, (ControllerKind.IDE, ControllerKind.SATA))
        item: model.Item = hw.cdrom(ctl, iso_file=iso_file, configuration=configuration)
        return item

    def find_controller(
        self,
        hw: HardwareBuilder,
        spec: str | None,
        preferred: tuple[ControllerKind, ...],
    ) -> Controller:
        """A controller by spec ("scsi0": the first SCSI controller; or an InstanceID), or the
        first controller of a preferred kind with a free unit."""
        if spec is not None:
            match = _CONTROLLER_SPEC.match(spec)
            if match:
                kind = ControllerKind(match.group(1).lower())
                same = [c for c in hw.controllers if c.kind is kind]
                index = int(match.group(2))
                if index < len(same):
                    return same[index]
            for ctl in hw.controllers:
                if ctl.instance_id == spec:
                    return ctl
            raise fail(
                f"there is no controller {spec!r}",
                "name one as ide0, scsi0, sata0, nvme0 or by InstanceID; present: "
                + (", ".join(_spec_names(hw)) or "none"),
            )
        for kind in preferred:
            for ctl in hw.controllers:
                if ctl.kind is kind and ctl.free_slot() is not None:
                    return ctl
        raise fail(
            "no " + " or ".join(k.value.upper() for k in preferred) + " controller has a free unit",
            "add a controller first (--add-controller KIND, add_controller)",
        )

    def remove_device(
        self, device: str, *, with_children: bool = False, vs: str | None = None
    ) -> list[model.Item]:
        """Remove the Item(s) with InstanceID `device` (every configuration's variant).

        A controller with devices on it is refused unless `with_children`, which removes them
        too. Disks stay in the DiskSection (use remove_disk to drop them with their File).
        """
        items = [i for i in self.items(vs) if instance_id(i) == device]
        if not items:
            raise fail(
                f"there is no hardware item with InstanceID {device!r}",
                "see `ovfmodel info` for the InstanceIDs",
            )
        children = [i for i in self.items(vs) if model.cim(i.parent) == device]
        if children and not with_children:
            raise fail(
                f"item {device!r} is the parent of "
                + ", ".join(sorted({instance_id(c) for c in children})),
                "remove those first, or remove it with its devices (--with-children)",
            )
        self.refuse_losing_iso_drive(self.with_orphans(items))
        removed: list[model.Item] = []
        for child_id in dict.fromkeys(instance_id(c) for c in children):
            removed.extend(self.remove_device(child_id, with_children=True, vs=vs))
        for item in items:
            self.remove_item(item, vs)
            removed.append(item)
        return removed


def _spec_names(hw: HardwareBuilder) -> list[str]:
    names: list[str] = []
    for kind in ControllerKind:
        same = [c for c in hw.controllers if c.kind is kind]
        names.extend(f"{kind.value}{n} (InstanceID {c.instance_id})" for n, c in enumerate(same))
    return names


def _check_quantity(what: str, quantity: int) -> None:
    """The builder's range check (one code path), refused as an edit."""
    try:
        check_quantity(what, quantity)
    except BuilderError as err:
        raise EditError(err.message, hint=err.hint) from None


def _set_quantity(item: Any, quantity: int) -> None:
    old = model.cim(item.virtual_quantity)
    put(item, "virtual_quantity", quantity)
    name = model.cim(item.element_name)
    if old is not None and name:
        renamed = re.sub(rf"\b{old}\b", str(quantity), name, count=1)
        if renamed != name:
            item.element_name.value = renamed


def _set_cores(item: Any, cores: int, namespace: str) -> None:
    qname = f"{{{VMW_NS}}}CoresPerSocket"
    for element in item.other_element:
        if isinstance(element, AnyElement) and element.qname == qname:
            element.text = str(cores)
            return
    item.other_element.append(
        AnyElement(qname=qname, text=str(cores), attributes={f"{{{namespace}}}required": "false"})
    )


__all__ = ["HardwareEdits", "_controller_kind", "parse_size"]
