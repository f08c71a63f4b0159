"""EnvelopeBuilder: References, disks, networks, deployment options, content, and Strings.

Every call checks what it adds against what is already there (ids, references, qualifiers,
configurations) and raises BuilderError at once, so a mistake points at the line that made it
rather than at an invalid file found much later. `build()` returns an `OvfDocument`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from types import ModuleType
from typing import Any

from lxml import etree
from xsdata.formats.dataclass.models.generics import AnyElement

from ..cim import (
    PROPERTY_INT_RANGES,
    DiskFormat,
    OsType,
    PropertyType,
    ResourceType,
    UnitsError,
    parse_allocation_units,
    real_problem,
)
from ..document import OvfDocument
from ..errors import BuilderError
from ._common import (
    LONG,
    UNSIGNED_INT,
    UNSIGNED_LONG,
    UNSIGNED_SHORT,
    Localized,
    Registry,
    Text,
    check_range,
    find_section,
    insert_section,
    module_for,
    msg,
    namespace_for,
    new_item,
    require,
)
from .hardware import HardwareBuilder

_ID = re.compile(r"^[A-Za-z_][\w.\-]*$")


_INT_RANGES = PROPERTY_INT_RANGES


def _check_id(kind: str, value: str, taken: dict[str, Any]) -> None:
    require(
        bool(_ID.match(value)),
        f"{kind} id {value!r} is not a valid identifier",
        "start with a letter or _, then letters, digits, '.', '-' or '_'",
    )
    require(
        value not in taken,
        f"duplicate {kind} id {value!r}",
        f"give each {kind} its own id; taken: {', '.join(taken)}",
    )


def _text(text: Text | None, what: str) -> None:
    require(
        text is None or bool(text.text if isinstance(text, Localized) else text),
        f"{what} is empty",
        f"give a non-empty {what}",
    )


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
        _text(text, "annotation")
        self._unique("AnnotationSection")
        m = self._m
        return self._section(m.AnnotationSection(info=msg(m, info), annotation=msg(m, text)))

    def eula(self, license_text: Text, *, info: Text = "License agreement") -> Any:
        """An EulaSection; more than one is allowed (one per license)."""
        _text(license_text, "license text")
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


class ProductBuilder:
    """Categories and Properties of one ProductSection."""

    def __init__(self, env: EnvelopeBuilder, section: Any) -> None:
        self._env = env
        self._m = env.module
        self.section = section

    def category(self, text: Text) -> ProductBuilder:
        _text(text, "category")
        self.section.category_or_property.append(msg(self._m, text))
        return self

    def property(
        self,
        key: str,
        type: PropertyType | str,
        default: str | int | float | bool | None = None,
        *,
        label: Text | None = None,
        description: Text | None = None,
        user_configurable: bool = False,
        password: bool = False,
        min_len: int | None = None,
        max_len: int | None = None,
        value_map: list[str] | None = None,
        min_value: int | float | None = None,
        max_value: int | float | None = None,
        per_configuration: dict[str, str | int | float | bool] | None = None,
        configuration: str | None = None,
    ) -> Any:
        """A Property; the default and every per-configuration value must fit type and qualifiers."""
        require(
            bool(re.match(r"^[A-Za-z_][\w.\-]*$", key)),
            f"property key {key!r} is not valid",
            "use letters, digits, '.', '-' and '_' (no spaces)",
        )
        props = [p for p in self.section.category_or_property if hasattr(p, "key")]
        require(
            all(p.key != key for p in props),
            f"duplicate property key {key!r} in this ProductSection",
            "give each property its own key",
        )
        scope = (self.section.class_value or "", self.section.instance or "")
        for other in _product_sections(self._env.envelope):
            if (
                other is not self.section
                and (other.class_value or "", other.instance or "") == scope
            ):
                require(
                    all(getattr(p, "key", None) != key for p in other.category_or_property),
                    f"duplicate property key {key!r}: another ProductSection with class "
                    f"{scope[0]!r} and instance {scope[1]!r} declares it",
                    "class.key.instance names a property in the whole descriptor; use another "
                    "key, or give this ProductSection its own class_ or instance",
                )
        try:
            ptype = PropertyType(type)
        except ValueError:
            raise BuilderError(
                f"unknown property type {type!r}",
                hint="use one of " + ", ".join(t.value for t in PropertyType),
            ) from None
        numeric = ptype in _INT_RANGES or ptype in (PropertyType.REAL32, PropertyType.REAL64)
        require(
            not ((min_len is not None or max_len is not None) and ptype is not PropertyType.STRING),
            f"MinLen/MaxLen apply to strings, not {ptype.value}",
            "use min_value/max_value for numbers",
        )
        require(
            not ((min_value is not None or max_value is not None) and not numeric),
            f"MinValue/MaxValue apply to numbers, not {ptype.value}",
            "use min_len/max_len or value_map for strings",
        )
        if min_len is not None and max_len is not None:
            require(min_len <= max_len, f"MinLen({min_len}) > MaxLen({max_len})", "swap them")
        if min_value is not None and max_value is not None:
            require(
                min_value <= max_value,
                f"MinValue({min_value}) > MaxValue({max_value})",
                "swap them",
            )
        qualifiers: list[str] = []
        if min_len is not None:
            qualifiers.append(f"MinLen({min_len})")
        if max_len is not None:
            qualifiers.append(f"MaxLen({max_len})")
        if value_map is not None:
            require(bool(value_map), "an empty ValueMap allows no value", "list allowed values")
            for entry in value_map:
                require(
                    not any(c in entry for c in '",}') and entry[:1] != "'" and entry[-1:] != "'",
                    f"ValueMap entry {entry!r} cannot be written in ovf:qualifiers",
                    "leave out '\"', ',' and '}', and quotes at either end: "
                    'ValueMap{"a","b"} has no escapes',
                )
            qualifiers.append("ValueMap{" + ",".join(f'"{v}"' for v in value_map) + "}")
        if min_value is not None:
            qualifiers.append(f"MinValue({min_value})")
        if max_value is not None:
            qualifiers.append(f"MaxValue({max_value})")

        def check(value: str | int | float | bool, where: str) -> str:
            text = _lexical(ptype, value, key, where)
            if ptype is PropertyType.STRING:
                if min_len is not None:
                    require(
                        len(text) >= min_len,
                        f"{where} of {key!r} is shorter than MinLen({min_len})",
                        "give a longer value, or lower min_len",
                    )
                if max_len is not None:
                    require(
                        len(text) <= max_len,
                        f"{where} of {key!r} is longer than MaxLen({max_len})",
                        "give a shorter value, or raise max_len",
                    )
            if value_map is not None:
                require(
                    text in value_map,
                    f"{where} {text!r} of {key!r} is not in its ValueMap",
                    "use one of " + ", ".join(value_map),
                )
            if numeric and text:
                number = Decimal(text)
                if min_value is not None:
                    require(
                        number >= Decimal(str(min_value)),
                        f"{where} {text} of {key!r} is below MinValue({min_value})",
                        "raise the value or lower min_value",
                    )
                if max_value is not None:
                    require(
                        number <= Decimal(str(max_value)),
                        f"{where} {text} of {key!r} is above MaxValue({max_value})",
                        "lower the value or raise max_value",
                    )
            return text

        m = self._m
        prop = m.ProductSectionTypeProperty(key=key, type_value=ptype.value)
        if default is not None:
            prop.value_attribute = check(default, "default")
        if qualifiers:
            prop.qualifiers = ",".join(qualifiers)
        if user_configurable:
            prop.user_configurable = True
        if password:
            require(
                ptype is PropertyType.STRING,
                f"password property {key!r} must be a string",
                "use type string for passwords",
            )
            prop.password = True
        if label is not None:
            prop.label = msg(m, label)
        if description is not None:
            prop.description = msg(m, description)
        if configuration is not None:
            require(
                hasattr(prop, "configuration"),
                "ovf:configuration on a Property exists only in OVF 2.x",
                "use per_configuration values instead",
            )
            self._env.registry.check_configuration(configuration)
            prop.configuration = configuration
        for config, value in (per_configuration or {}).items():
            self._env.registry.check_configuration(config)
            prop.value.append(
                m.PropertyConfigurationValueType(
                    value=check(value, f"value for configuration {config!r}"),
                    configuration=config,
                )
            )
        self.section.category_or_property.append(prop)
        return prop


def _lexical(ptype: PropertyType, value: str | int | float | bool, key: str, where: str) -> str:
    """The XML text of a property value, checked against the property type."""
    if ptype is PropertyType.BOOLEAN:
        if isinstance(value, bool):
            return "true" if value else "false"
        require(
            str(value) in ("true", "false"),
            f"{where} {value!r} of boolean property {key!r} is not true/false",
            "pass True/False or 'true'/'false'",
        )
        return str(value)
    if ptype is PropertyType.STRING:
        return str(value)
    require(
        not isinstance(value, bool),
        f"{where} of {ptype.value} property {key!r} is a boolean",
        "pass a number",
    )
    text = str(value)
    if ptype in _INT_RANGES:
        lo, hi = _INT_RANGES[ptype]
        require(
            bool(re.match(r"^[+-]?\d+$", text)) and lo <= int(text) <= hi,
            f"{where} {text!r} of property {key!r} does not fit {ptype.value} ({lo}..{hi})",
            "give a whole number in range, or choose a wider type",
        )
        return str(int(text))
    problem = real_problem(ptype.value, text)
    require(
        problem is None,
        f"{where} {text!r} of property {key!r} {problem}",
        "give a finite decimal number such as 1.5",
    )
    return text


def _check_href(id: str, href: str) -> None:
    """A relative href must name a file inside the package (DSP0243 7.1; 5.3 for an OVA).

    The check is the package checker's (PKG107), so what the builder writes, pack accepts.
    URLs (https:, file:...) are references to files outside the package and pass.
    """
    from ..package.references import href_problem, is_url

    if is_url(href):
        return
    problem = href_problem(href)
    if problem is not None:
        name = re.split(r"[\\/:]", href)[-1] or "disk.vmdk"
        raise BuilderError(
            f"href {href!r} of file {id!r} cannot name a file inside the package: {problem}",
            hint=f"write the path relative to the descriptor, inside its folder (e.g. {name!r}), "
            "and put the file there",
        )


class EnvelopeBuilder:
    """Builds an OVF descriptor in a few calls; `build()` gives an `OvfDocument`.

    >>> b = EnvelopeBuilder()
    >>> b.add_network("lan")
    >>> vs = b.virtual_system("vm")
    """

    def __init__(self, version: str = "2.0", *, lang: str | None = None) -> None:
        self.version = version
        self.module: ModuleType = module_for(version)
        self.namespace = namespace_for(version)
        m = self.module
        self.envelope: Any = m.Envelope(references=m.ReferencesType())
        if lang is not None:
            self.envelope.lang = lang
        if version != "1.0":
            self.envelope.any_attributes[f"{{{self.namespace}}}version"] = version
        self.registry = Registry()
        self._document: OvfDocument | None = None

    @classmethod
    def edit(cls, doc: OvfDocument) -> EnvelopeBuilder:
        """A builder that adds to a parsed document in place (ids and references are kept)."""
        if doc.namespace not in (namespace_for("2.0"), namespace_for("1.0")):
            raise BuilderError(
                "the builder edits OVF 1.x and 2.x documents only",
                hint="convert OVF 0.9 descriptors first",
            )
        self = cls.__new__(cls)
        self.version = (
            doc.version
            if doc.version in ("1.0", "1.1", "2.0")
            else ("2.0" if doc.namespace == namespace_for("2.0") else "1.0")
        )
        self.module = module_for(self.version)
        self.namespace = doc.namespace
        self.envelope = doc.envelope
        self.registry = Registry()
        self._document = doc
        env = self.envelope
        for f in env.references.file if env.references is not None else ():
            self.registry.files[f.id] = f
        for s in env.sections:
            if isinstance(s, self.module.DiskSectionType):
                self.registry.disks.update({d.disk_id: d for d in s.disk})
            elif isinstance(s, self.module.NetworkSectionType):
                self.registry.networks.update({n.name: n for n in s.network})
            elif isinstance(s, self.module.DeploymentOptionSectionType):
                self.registry.configurations.update({c.id: c for c in s.configuration})
        stack = [env.content] if env.content is not None else []
        while stack:
            node = stack.pop()
            self.registry.contents[node.id] = node
            stack.extend(getattr(node, "content", []) or [])
        return self

    # -- helpers -----------------------------------------------------------------------------
    def _cim_string(self, value: str | None) -> Any:
        from .._generated import wscim_common

        return None if value is None else wscim_common.CimString(value=value)

    def _envelope_section(self, kind: str, info: Text) -> Any:
        m = self.module
        section = find_section(self.envelope.sections, m, kind)
        if section is None:
            section = getattr(m, kind)(info=msg(m, info))
            insert_section(self.envelope.sections, section)
        return section

    def _check_vendor_qname(self, qname: str) -> None:
        ns = qname[1:].partition("}")[0] if qname.startswith("{") else ""
        require(
            bool(ns) and ns not in (self.namespace, namespace_for("1.0"), namespace_for("2.0")),
            f"{qname!r} is not a vendor name",
            'give a Clark name in your own namespace, e.g. "{http://example.com/ovf}tier"',
        )

    def _vendor(self, element: str | AnyElement, required: bool, info: Text | None) -> AnyElement:
        if isinstance(element, str):
            try:
                node = etree.fromstring(element)
            except etree.XMLSyntaxError as err:
                raise BuilderError(
                    f"vendor section is not well-formed XML: {err}",
                    hint="pass one complete element",
                ) from None
            element = _any_element(node)
        require(
            element.qname is not None,
            "vendor section has no element name",
            "give it a Clark name",
        )
        assert element.qname is not None
        self._check_vendor_qname(element.qname)
        key = f"{{{self.namespace}}}required"
        if required:
            element.attributes.pop(key, None)
        else:
            element.attributes[key] = "false"
        if info is not None:
            element.children.insert(0, _any_info(self.namespace, info))
            element.text = _mixed_text(element.text)
        return element

    def _new_content(self, cls: type, id: str, name: Text | None, info: Text) -> Any:
        _check_id("virtual system/collection", id, self.registry.contents)
        m = self.module
        obj = cls(id=id, info=msg(m, info))
        if name is not None:
            obj.name = msg(m, name)
        self.registry.contents[id] = obj
        return obj

    def _set_content(self, obj: Any) -> None:
        require(
            self.envelope.content is None,
            "the envelope already has its top-level content",
            "add further virtual systems to a collection()",
        )
        self.envelope.content = obj

    # -- References, disks, networks ---------------------------------------------------------
    def add_file(
        self,
        id: str,
        href: str,
        *,
        size: int | None = None,
        compression: str | None = None,
        chunk_size: int | None = None,
    ) -> Any:
        """A References/File entry; `href` is relative to the descriptor, or a URL."""
        _check_id("file", id, self.registry.files)
        require(bool(href), f"file {id!r} has an empty href", "give the file's name or URL")
        _check_href(id, href)
        require(
            all(f.href != href for f in self.registry.files.values()),
            f"href {href!r} is already referenced",
            "reference each file once and reuse its id",
        )
        for label, value in (("size", size), ("chunk size", chunk_size)):
            require(
                value is None or value >= 0,
                f"{label} of file {id!r} is negative ({value})",
                "give the size in bytes",
            )
        check_range(f"size of file {id!r}", size, 0, UNSIGNED_LONG)
        require(
            chunk_size is None or chunk_size > 0,
            f"chunk size of file {id!r} is 0",
            "give the size of each chunk in bytes (above 0), or no chunk size",
        )
        check_range(f"chunk size of file {id!r}", chunk_size, 1, LONG)
        require(
            compression in (None, "identity", "gzip"),
            f"unknown compression {compression!r}",
            "OVF allows 'gzip' (or 'identity', the default)",
        )
        m = self.module
        file = m.FileType(id=id, href=href, size=size)
        if compression not in (None, "identity"):
            file.compression = compression
        if chunk_size is not None:
            file.chunk_size = chunk_size
        if self.envelope.references is None:  # a parsed descriptor without <References>
            self.envelope.references = m.ReferencesType()
        self.envelope.references.file.append(file)
        self.registry.files[id] = file
        return file

    def add_disk(
        self,
        id: str,
        capacity: int,
        *,
        units: str = "byte * 2^30",
        file: str | None = None,
        populated_size: int | None = None,
        format: DiskFormat | str | None = DiskFormat.VMDK_STREAM_OPTIMIZED,
        parent: str | None = None,
        info: Text = "Virtual disk information",
    ) -> Any:
        """A DiskSection disk of `capacity` units; `file` is a References id (None: blank disk)."""
        _check_id("disk", id, self.registry.disks)
        require(
            capacity > 0, f"disk {id!r} capacity {capacity} is not positive", "give a size above 0"
        )
        try:
            unit_bytes = parse_allocation_units(units)
        except UnitsError as err:
            raise BuilderError(err.message, hint=err.hint) from None
        require(
            file is None or format is not None,
            f"disk {id!r} has content (file {file!r}) but no format",
            "give the format URI of its disk image (DSP0243 9.1), e.g. DiskFormat.VMDK_STREAM_OPTIMIZED",
        )
        if file is not None:
            require(
                file in self.registry.files,
                f"file {file!r} of disk {id!r} is not declared in References",
                "declare it first with add_file(" + repr(file) + ", href=...)",
            )
        if parent is not None:
            require(
                parent in self.registry.disks,
                f"parent disk {parent!r} is not declared",
                "declare the parent disk first",
            )
        require(
            populated_size is None or populated_size >= 0,
            f"populated size of disk {id!r} is negative",
            "give the bytes actually used",
        )
        check_range(f"populated size of disk {id!r}", populated_size, 0, LONG)
        require(
            populated_size is None or populated_size <= capacity * unit_bytes,
            f"populated size {populated_size} of disk {id!r} is larger than its capacity "
            f"({capacity} {units})",
            "give the bytes actually used, at most the capacity (DSP0243 9.1)",
        )
        m = self.module
        section = self._envelope_section("DiskSection", info)
        disk = m.VirtualDiskDescType(disk_id=id, capacity=str(capacity))
        if units != "byte":
            disk.capacity_allocation_units = units
        if file is not None:
            disk.file_ref = file
        if format is not None:
            disk.format = str(format)
        if populated_size is not None:
            disk.populated_size = populated_size
        if parent is not None:
            disk.parent_ref = parent
        section.disk.append(disk)
        self.registry.disks[id] = disk
        return disk

    def add_network(
        self,
        name: str,
        *,
        description: Text | None = None,
        info: Text = "The list of logical networks",
    ) -> Any:
        require(bool(name.strip()), "network name is empty", "give the network a name")
        require(
            name == name.strip(),
            f"network name {name!r} starts or ends with whitespace",
            "consumers strip the rasd:Connection that names it, so it would match no network; "
            "remove the whitespace",
        )
        require(
            name not in self.registry.networks,
            f"duplicate network {name!r}",
            "declare each network once; NICs refer to it by name",
        )
        m = self.module
        section = self._envelope_section("NetworkSection", info)
        network = m.NetworkSectionTypeNetwork(name=name)
        if description is not None:
            network.description = msg(m, description)
        section.network.append(network)
        self.registry.networks[name] = network
        return network

    def add_deployment_option(
        self,
        id: str,
        label: Text,
        description: Text,
        *,
        default: bool = False,
        info: Text = "Deployment configurations",
    ) -> Any:
        """A DeploymentOptionSection Configuration; items and values can then name it."""
        _check_id("configuration", id, self.registry.configurations)
        m = self.module
        section = self._envelope_section("DeploymentOptionSection", info)
        if default:
            require(
                not any(c.default for c in section.configuration),
                "two deployment options are marked default",
                "mark only one as default=True",
            )
        config = m.DeploymentOptionSectionTypeConfiguration(
            id=id, label=msg(m, label), description=msg(m, description)
        )
        if default:
            config.default = True
        section.configuration.append(config)
        self.registry.configurations[id] = config
        return config

    def add_strings(self, lang: str, messages: dict[str, str], *, file: str | None = None) -> Any:
        """A Strings bundle translating msgids into `lang` (or pointing at an external file)."""
        require(bool(lang), "Strings need a language", 'give an xml:lang such as "de-DE"')
        require(
            all(s.lang != lang for s in self.envelope.strings),
            f"there is already a Strings bundle for {lang!r}",
            "put all messages of one language in one call",
        )
        m = self.module
        bundle = m.StringsType(lang=lang)
        if file is not None:
            require(
                file in self.registry.files,
                f"file {file!r} is not declared in References",
                "declare it first with add_file",
            )
            bundle.file_ref = file
        for msgid, text in messages.items():
            bundle.msg.append(m.StringsTypeMsg(value=text, msgid=msgid))
        self.envelope.strings.append(bundle)
        return bundle

    def vendor_section(
        self, element: str | AnyElement, *, required: bool = False, info: Text | None = None
    ) -> AnyElement:
        """A vendor section at envelope level, with ovf:required (False unless told).

        The DMTF schemas have no wildcard among sections: a vendor section is valid only against
        a vendor schema adding it to the ovf:Section substitution group, so a descriptor with one
        does not validate against the pristine DMTF XSD (as VMware's and VirtualBox's don't).
        """
        section = self._vendor(element, required, info)
        self.envelope.sections.append(section)
        return section

    def vendor_element(
        self, target: Any, element: str | AnyElement, *, required: bool = False
    ) -> AnyElement:
        """A vendor element inside a section or Item whose schema type ends in xs:any ##other.

        Unlike vendor_section, this validates against the pristine DMTF schema (lax wildcard).
        """
        require(
            hasattr(target, "other_element"),
            f"a {type(target).__name__} has no extension point for vendor elements",
            "add it to a section (VirtualHardwareSection, ProductSection, ...) or an Item",
        )
        node = self._vendor(element, required, None)
        target.other_element.append(node)
        return node

    def set_attribute(self, qname: str, value: str) -> None:
        """A vendor attribute on the Envelope, e.g. "{http://example.com/ovf}build"."""
        self._check_vendor_qname(qname)
        self.envelope.any_attributes[qname] = value

    # -- content ------------------------------------------------------------------------------
    def virtual_system(
        self, id: str, *, name: Text | None = None, info: Text = "A virtual machine"
    ) -> VirtualSystemBuilder:
        """The envelope's single VirtualSystem (use collection() for several)."""
        require(
            self.envelope.content is None,
            "the envelope already has its top-level content",
            "add further virtual systems to a collection()",
        )
        vs = self._new_content(self.module.VirtualSystem, id, name, info)
        self._set_content(vs)
        return VirtualSystemBuilder(self, vs)

    def collection(
        self, id: str, *, name: Text | None = None, info: Text = "A collection of virtual machines"
    ) -> CollectionBuilder:
        """The envelope's top-level VirtualSystemCollection."""
        require(
            self.envelope.content is None,
            "the envelope already has its top-level content",
            "nest further collections with collection().collection()",
        )
        col = self._new_content(self.module.VirtualSystemCollection, id, name, info)
        self._set_content(col)
        return CollectionBuilder(self, col)

    def virtual_system_of(self, id: str) -> VirtualSystemBuilder:
        """A builder for an existing VirtualSystem (parsed or built)."""
        node = self.registry.contents.get(id)
        require(
            node is not None and isinstance(node, self.module.VirtualSystemType),
            f"there is no virtual system {id!r}",
            "known: " + ", ".join(self.registry.contents),
        )
        return VirtualSystemBuilder(self, node)

    def build(self) -> OvfDocument:
        """The finished document; the same OvfDocument when editing a parsed one."""
        require(
            self.envelope.content is not None,
            "the envelope has no virtual system",
            "add one with virtual_system() or collection()",
        )
        for disk in self.registry.disks.values():
            _ = disk  # every disk is wired through add_disk's checks
        if self._document is not None:
            return self._document
        return OvfDocument(envelope=self.envelope, namespace=self.namespace)


class HardwareEditor(HardwareBuilder):
    """Adds hardware to a virtual system of a parsed document, wired like the builder does."""

    def __init__(self, doc: OvfDocument, vs_id: str) -> None:
        self.builder = EnvelopeBuilder.edit(doc)
        vs = self.builder.virtual_system_of(vs_id).content
        m = self.builder.module
        sections = [s for s in vs.sections if isinstance(s, m.VirtualHardwareSectionType)]
        require(
            bool(sections),
            f"virtual system {vs_id!r} has no VirtualHardwareSection",
            "add one with EnvelopeBuilder.edit(doc).virtual_system_of(id).hardware()",
        )
        super().__init__(m, sections[0], self.builder.registry, self.builder.version)


def _product_sections(envelope: Any) -> list[Any]:
    """Every ProductSection of every VirtualSystem and VirtualSystemCollection."""
    found: list[Any] = []
    stack = [envelope.content] if envelope.content is not None else []
    while stack:
        node = stack.pop()
        found.extend(s for s in node.sections if hasattr(s, "category_or_property"))
        stack.extend(getattr(node, "content", []) or [])
    return found


def _any_element(node: etree._Element) -> AnyElement:
    # as the parser reads vendor content: whitespace beside child elements is layout, any
    # other text (mixed content) is kept
    children: list[object] = [_any_element(c) for c in node if isinstance(c.tag, str)]
    return AnyElement(
        qname=str(node.tag),
        text=_mixed_text(node.text) if children else node.text,
        tail=_mixed_text(node.tail),
        children=children,
        attributes={str(k): str(v) for k, v in node.attrib.items()},
    )


def _mixed_text(text: str | None) -> str | None:
    return None if text is None or text.isspace() else text


def _any_info(namespace: str, info: Text) -> AnyElement:
    text = info.text if isinstance(info, Localized) else info
    attrs = {f"{{{namespace}}}msgid": info.msgid} if isinstance(info, Localized) else {}
    # an empty Info is <ovf:Info/>, which reads back as no text: None, so a built document
    # equals its parsed serialization
    return AnyElement(qname=f"{{{namespace}}}Info", text=text or None, attributes=attrs)
