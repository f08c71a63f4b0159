"""The builders of one VirtualSystem or VirtualSystemCollection and of the sections it holds.

`VirtualSystemBuilder` adds an operating system, install, hardware (a `HardwareBuilder`) and
the sections both kinds share (products, annotation, EULAs, vendor sections);
`CollectionBuilder` adds children and the StartupSection ordering them. Ids, references and
configurations are checked against the `EnvelopeBuilder` they were made by.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xsdata.formats.dataclass.models.generics import AnyElement

from ..cim import OsType, ResourceType
from ._common import (
    UNSIGNED_INT,
    UNSIGNED_LONG,
    UNSIGNED_SHORT,
    Text,
    check_range,
    check_text,
    find_section,
    insert_section,
    msg,
    new_item,
    require,
)
from .hardware import HardwareBuilder
from .product import ProductBuilder

if TYPE_CHECKING:
    from .envelope import EnvelopeBuilder


class _ContentBuilder:
    """What VirtualSystem and VirtualSystemCollection have in common: identity and sections."""

    def __init__(self, env: EnvelopeBuilder, content: Any) -> None:
        self._env = env
        self._m = env.module
        self.content = content

    @property
    def id(self) -> str:
        return str(self.content.id)

    def _section(self, section: Any) -> Any:
        insert_section(self.content.sections, section)
        return section

    def _unique(self, kind: str) -> None:
        require(
            find_section(self.content.sections, self._m, kind) is None,
            f"{self.id} already has a {kind}",
            f"call {kind} once per virtual system or collection",
        )

    def product(
        self,
        product: Text | None = None,
        *,
        vendor: Text | None = None,
        version: str | None = None,
        full_version: str | None = None,
        product_url: str | None = None,
        vendor_url: str | None = None,
        app_url: str | None = None,
        class_: str | None = None,
        instance: str | None = None,
        info: Text = "Information about the installed software",
    ) -> ProductBuilder:
        """A ProductSection; several are allowed if each has its own class/instance."""
        key = (class_ or "", instance or "")
        for existing in self.content.sections:
            if isinstance(existing, self._m.ProductSectionType):
                require(
                    (existing.class_value, existing.instance) != key,
                    f"{self.id} already has a ProductSection with class {key[0]!r} "
                    f"and instance {key[1]!r}",
                    "give each further ProductSection its own class_ or instance",
                )
        m = self._m
        cs = self._env._cim_string
        section = m.ProductSection(
            info=msg(m, info),
            product=msg(m, product) if product is not None else None,
            vendor=msg(m, vendor) if vendor is not None else None,
            version=cs(version),
            full_version=cs(full_version),
            product_url=cs(product_url),
            vendor_url=cs(vendor_url),
            app_url=cs(app_url),
        )
        if class_:
            section.class_value = class_
        if instance:
            section.instance = instance
        self._section(section)
        return ProductBuilder(self._env, section)

    def annotation(self, text: Text, *, info: Text = "A human-readable annotation") -> Any:
        check_text(text, "annotation")
        self._unique("AnnotationSection")
        m = self._m
        return self._section(m.AnnotationSection(info=msg(m, info), annotation=msg(m, text)))

    def eula(self, license_text: Text, *, info: Text = "License agreement") -> Any:
        """An EulaSection; more than one is allowed (one per license)."""
        check_text(license_text, "license text")
        m = self._m
        return self._section(m.EulaSection(info=msg(m, info), license=msg(m, license_text)))

    def resource_allocation(
        self,
        resource: ResourceType,
        *,
        reservation: int | None = None,
        limit: int | None = None,
        weight: int | None = None,
        units: str | None = None,
        configuration: str | None = None,
        info: Text = "Resource allocation",
    ) -> Any:
        """A ResourceAllocationSection item reserving/limiting a resource (memory, CPU...).

        OVF 1.x places ResourceAllocationSection in a VirtualSystemCollection only (DSP0243
        9.3, Table 5); OVF 2.x builders may add it to a VirtualSystem too."""
        require(
            isinstance(self, CollectionBuilder) or self._env.version.startswith("2"),
            f"{self.id} is a VirtualSystem: OVF {self._env.version} allows a "
            "ResourceAllocationSection only in a VirtualSystemCollection (DSP0243 9.3)",
            "call resource_allocation on the collection, or build OVF 2.0",
        )
        for label, value in (("reservation", reservation), ("limit", limit), ("weight", weight)):
            require(
                value is None or value >= 0,
                f"{label} must not be negative ({value})",
                "pass 0 or more",
            )
        check_range("reservation", reservation, 0, UNSIGNED_LONG)
        check_range("limit", limit, 0, UNSIGNED_LONG)
        check_range("weight", weight, 0, UNSIGNED_INT)
        self._env.registry.check_configuration(configuration)
        m = self._m
        section = find_section(self.content.sections, m, "ResourceAllocationSection")
        if section is None:
            section = self._section(m.ResourceAllocationSection(info=msg(m, info)))
        from ..cim import to_generated

        item = new_item(
            m.RasdType,
            f"{resource.describe()} allocation",
            str(len(section.item) + 1),
            resource_type=to_generated(resource),
            allocation_units=units,
            limit=limit,
            reservation=reservation,
            weight=weight,
        )
        if configuration is not None:
            item.configuration = configuration
        section.item.append(item)
        return item

    def vendor_section(
        self, element: str | AnyElement, *, required: bool = False, info: Text | None = None
    ) -> AnyElement:
        """A vendor section (any element outside the OVF namespace), with ovf:required."""
        section = self._env._vendor(element, required, info)
        self.content.sections.append(section)
        return section

    def set_attribute(self, qname: str, value: str) -> None:
        """A vendor attribute on this VirtualSystem/Collection, e.g. "{urn:acme}tier"."""
        self._env._check_vendor_qname(qname)
        self.content.any_attributes[qname] = value


class VirtualSystemBuilder(_ContentBuilder):
    """A VirtualSystem: OS, products, hardware and the rest of its sections."""

    def operating_system(
        self,
        os_type: OsType | int,
        *,
        version: str | None = None,
        description: Text | None = None,
        info: Text = "The kind of installed guest operating system",
    ) -> Any:
        require(
            0 <= int(os_type) <= 65535,
            f"OS type {int(os_type)} is not a CIM OSType",
            "use an ovfmodel.cim.OsType member",
        )
        self._unique("OperatingSystemSection")
        m = self._m
        section = m.OperatingSystemSection(
            info=msg(m, info),
            id=int(os_type),
            description=msg(m, description or OsType(int(os_type)).describe())
            if description or int(os_type) in OsType._value2member_map_
            else None,
        )
        if version is not None:
            section.version = version
        return self._section(section)

    def install(self, *, initial_boot_stop_delay: int = 0, info: Text = "Install") -> Any:
        """InstallSection: the appliance installs itself on first boot, then powers off."""
        require(
            initial_boot_stop_delay >= 0,
            f"initial boot stop delay {initial_boot_stop_delay} is negative",
            "give the seconds to wait, 0 or more",
        )
        check_range("initial boot stop delay", initial_boot_stop_delay, 0, UNSIGNED_SHORT)
        self._unique("InstallSection")
        m = self._m
        section = m.InstallSection(
            info=msg(m, info), initial_boot_stop_delay=initial_boot_stop_delay
        )
        return self._section(section)

    def hardware(
        self,
        system_type: str | None = "vmx-19",
        *,
        info: Text = "Virtual hardware requirements",
        transport: str | None = None,
        id: str | None = None,
    ) -> HardwareBuilder:
        """A VirtualHardwareSection; `system_type` is vssd:VirtualSystemType (e.g. "vmx-19")."""
        m = self._m
        existing = [s for s in self.content.sections if isinstance(s, m.VirtualHardwareSectionType)]
        require(
            not existing or id is not None,
            f"{self.id} already has a VirtualHardwareSection",
            "give further hardware sections an id, or use the first one",
        )
        section = m.VirtualHardwareSection(info=msg(m, info))
        if id:
            section.id = id
        if transport:
            section.transport = transport
        if system_type is not None:
            vssd = new_item(
                m.VssdType,
                "Virtual Hardware Family",
                "0",
                virtual_system_identifier=self.id,
                virtual_system_type=system_type,
            )
            section.system = vssd
        self._section(section)
        return HardwareBuilder(m, section, self._env.registry, self._env.version)


class CollectionBuilder(_ContentBuilder):
    """A VirtualSystemCollection: children, and the StartupSection ordering them."""

    def virtual_system(
        self, id: str, *, name: Text | None = None, info: Text = "A virtual machine"
    ) -> VirtualSystemBuilder:
        vs = self._env._new_content(self._m.VirtualSystem, id, name, info)
        self.content.content.append(vs)
        return VirtualSystemBuilder(self._env, vs)

    def collection(
        self, id: str, *, name: Text | None = None, info: Text = "A collection"
    ) -> CollectionBuilder:
        col = self._env._new_content(self._m.VirtualSystemCollection, id, name, info)
        self.content.content.append(col)
        return CollectionBuilder(self._env, col)

    def startup(
        self,
        child: str,
        *,
        order: int,
        start_delay: int = 0,
        stop_delay: int = 0,
        start_action: str = "powerOn",
        stop_action: str = "powerOff",
        waiting_for_guest: bool = False,
        info: Text = "Startup order of the virtual machines",
    ) -> Any:
        """When a child starts and stops (StartupSection item)."""
        children = {c.id for c in self.content.content}
        require(
            child in children,
            f"{child!r} is not a child of collection {self.id}",
            "add it first; children: " + (", ".join(sorted(children)) or "none"),
        )
        for label, value in (
            ("order", order),
            ("start delay", start_delay),
            ("stop delay", stop_delay),
        ):
            require(value >= 0, f"{label} must not be negative ({value})", "pass 0 or more")
            check_range(label, value, 0, UNSIGNED_SHORT)
        require(
            start_action in ("powerOn", "none")
            and stop_action in ("powerOff", "guestShutdown", "none"),
            f"unknown start/stop action {start_action!r}/{stop_action!r}",
            "start: powerOn or none; stop: powerOff, guestShutdown or none",
        )
        m = self._m
        section = find_section(self.content.sections, m, "StartupSection")
        if section is None:
            section = self._section(m.StartupSection(info=msg(m, info)))
        require(
            all(i.id != child for i in section.item),
            f"{child!r} already has a startup entry",
            "give each child one startup entry",
        )
        item = m.StartupSectionTypeItem(id=child, order=order)
        defaults: dict[str, object] = {
            "start_delay": 0,
            "stop_delay": 0,
            "waiting_for_guest": False,
        }
        values: dict[str, object] = {
            "start_delay": start_delay,
            "stop_delay": stop_delay,
            "waiting_for_guest": waiting_for_guest,
            "start_action": start_action,
            "stop_action": stop_action,
        }
        for key, setting in values.items():
            if defaults.get(key) != setting:
                setattr(item, key, setting)
        section.item.append(item)
        return item
