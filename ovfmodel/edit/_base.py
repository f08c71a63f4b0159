"""What every edit needs: the document, its virtual systems and hardware, configurations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from .. import model
from ..builder import EnvelopeBuilder, HardwareEditor
from ..builder._common import set_cim
from ..builder.hardware import _controller_kind, _rtype
from ..cim import ResourceType
from ..document import OVF09_NS, OvfDocument
from ..errors import EditError

# drives an iso transport needs one of (CD-ROM, DVD)
_CD_DRIVES = (ResourceType.CD_DRIVE.value, ResourceType.DVD_DRIVE.value)


def fail(message: str, hint: str) -> EditError:
    return EditError(message, hint=hint)


def configs_of(item: Any) -> list[str] | None:
    """The configurations an Item is limited to (ovf:configuration), None for all."""
    text = getattr(item, "configuration", None)
    return text.split() if text else None


def applies(item: Any, configuration: str) -> bool:
    names = configs_of(item)
    return names is None or configuration in names


def rtype(item: Any) -> int | None:
    return _rtype(item)


def instance_id(item: Any) -> str:
    return str(model.cim(item.instance_id))


class EditorBase:
    """The document being edited and the files new References point at (for packages)."""

    def __init__(self, doc: OvfDocument) -> None:
        if doc.namespace == OVF09_NS:
            raise fail(
                "OVF 0.9 descriptors cannot be edited in place",
                "convert it first: ovfmodel convert --to 1.0 IN -o OUT",
            )
        self.doc = doc
        #: href -> local file for every File this editor added (a package writes them)
        self.added_files: dict[str, Path] = {}

    # -- lookups ------------------------------------------------------------------------------
    @property
    def module(self) -> ModuleType:
        return self.doc.family.module

    def builder(self) -> EnvelopeBuilder:
        """The builder over this document: new objects are made by its checked helpers."""
        return EnvelopeBuilder.edit(self.doc)

    def virtual_system(self, vs: str | None = None) -> model.VirtualSystem:
        """The virtual system named `vs`, or the only one when None."""
        systems = model.virtual_systems(self.doc)
        if not systems:
            raise fail(
                "the descriptor has no virtual system to edit",
                "add a VirtualSystem (e.g. with `ovfmodel build`) before editing its contents",
            )
        if vs is None:
            if len(systems) != 1:
                raise fail(
                    f"the descriptor has {len(systems)} virtual systems",
                    "name one (--vs ID, vs=...): " + ", ".join(str(s.id) for s in systems),
                )
            return systems[0]
        for system in systems:
            if system.id == vs:
                return system
        raise fail(
            f"there is no virtual system {vs!r}",
            "known: " + ", ".join(str(s.id) for s in systems),
        )

    def hardware(self, vs: str | None = None) -> HardwareEditor:
        system = self.virtual_system(vs)
        return HardwareEditor(self.doc, str(system.id))

    def items(self, vs: str | None = None) -> list[model.Item]:
        return model.items(self.virtual_system(vs))

    def configurations(self) -> list[str]:
        return [str(c.id) for c in model.configurations(self.doc)]

    def check_configuration(self, configuration: str | None) -> None:
        if configuration is None:
            return
        known = self.configurations()
        if configuration not in known:
            raise fail(
                f"configuration {configuration!r} is not declared",
                "add it first (--add-profile, add_deployment_option); known: "
                + (", ".join(known) or "none"),
            )

    def item(self, instance_id_: str, vs: str | None = None) -> model.Item:
        """The Item with that InstanceID (the first, when configurations repeat it)."""
        found = [i for i in self.items(vs) if instance_id(i) == instance_id_]
        if not found:
            raise fail(
                f"there is no hardware item with InstanceID {instance_id_!r}",
                "see `ovfmodel info` for the InstanceIDs",
            )
        return found[0]

    def hardware_section_of(self, item: Any, vs: str | None = None) -> Any:
        for hw in model.hardware_sections(self.virtual_system(vs)):
            for name in ("item", "storage_item", "ethernet_port_item"):
                if any(x is item for x in getattr(hw, name, [])):
                    return hw
        raise fail("the item is not in this virtual system", "pass an item it holds")

    def with_orphans(self, removed: list[Any]) -> list[Any]:
        """`removed` and the Items left without a parent by removing them (a Parent whose
        InstanceID no other Item carries any more), as the removals then take them too."""
        doomed = {id(i) for i in removed}
        result = list(removed)
        for vs in model.virtual_systems(self.doc):
            items = list(model.items(vs))
            had = {instance_id(i) for i in items}
            while True:
                present = {instance_id(i) for i in items if id(i) not in doomed}
                orphans = [
                    i
                    for i in items
                    if id(i) not in doomed and str(model.cim(i.parent)) in had - present
                ]
                if not orphans:
                    break
                doomed.update(id(i) for i in orphans)
                result.extend(orphans)
        return result

    def refuse_losing_iso_drive(self, removed: list[Any]) -> None:
        """Refuse, before anything changes, a removal that takes the last CD-ROM or DVD drive
        of a VirtualHardwareSection whose ovf:transport lists "iso": the environment image
        travels on that drive (DSP0243 11.2)."""
        gone = {id(i) for i in removed}
        for vs in model.virtual_systems(self.doc):
            for hw in model.hardware_sections(vs):
                transport = getattr(hw, "transport", None) or ""
                if "iso" not in transport.split():
                    continue
                drives = [i for i in getattr(hw, "item", []) if rtype(i) in _CD_DRIVES]
                if drives and all(id(i) in gone for i in drives):
                    raise fail(
                        f"this removes the last CD-ROM/DVD drive of {vs.id!r}, whose "
                        'ovf:transport lists "iso" (the OVF environment is delivered on it, '
                        "DSP0243 11.2)",
                        "keep a CD-ROM drive, or remove iso from the hardware section's "
                        "ovf:transport first",
                    )

    def remove_item(self, item: Any, vs: str | None = None) -> None:
        hw = self.hardware_section_of(item, vs)
        for name in ("item", "storage_item", "ethernet_port_item"):
            entries = getattr(hw, name, [])
            for index, x in enumerate(entries):
                if x is item:
                    del entries[index]
                    return

    def controller_kind(self, item: Any) -> str | None:
        kind = _controller_kind(item)
        return kind.value if kind is not None else None


def put(obj: Any, name: str, value: object) -> None:
    """Set a CIM property: in its element when there is one (keeping its prefix and
    attributes), else through the builder's wrapper."""
    wrapper = getattr(obj, name)
    if wrapper is not None and not isinstance(wrapper, list):
        wrapper.value = value
    else:
        set_cim(obj, name, value)


def keep_only(entries: list[Any], keep: Callable[[Any], bool]) -> None:
    """Remove in place the entries of a model list that `keep` refuses."""
    entries[:] = [e for e in entries if keep(e)]


def is_not(target: object) -> Callable[[object], bool]:
    return lambda obj: obj is not target


def resource(item: Any, *types: ResourceType) -> bool:
    return rtype(item) in {int(t) for t in types}
