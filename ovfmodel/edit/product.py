"""Product information, properties and categories, deployment options, EULA, annotation, OS."""

from __future__ import annotations

from typing import Any

from .. import model
from ..builder import ProductBuilder, PropertyType
from ..builder._common import msg
from ..cim import OsType
from ..document import walk
from ..environment.descriptor import PropertySpec, check_value, lexical
from ._base import EditorBase, configs_of, fail, is_not, keep_only

_MSG_FIELDS = ("product", "vendor")
_TEXT_FIELDS = ("version", "full_version", "product_url", "vendor_url", "app_url")


class ProductEdits(EditorBase):
    # -- ProductSection -------------------------------------------------------------------------
    def product_section(
        self,
        *,
        vs: str | None = None,
        class_: str | None = None,
        instance: str | None = None,
        create: bool = False,
    ) -> model.ProductSection:
        """The ProductSection of a virtual system with that class and instance (made if asked)."""
        content = self._content(vs)
        found = model.product_sections(content)
        for ps in found:
            if (ps.class_value or None, ps.instance or None) == (class_, instance):
                return ps
        if class_ is None and instance is None and len(found) == 1:
            return found[0]  # the only one, whatever its class
        if not create:
            raise fail(
                f"{content.id} has no ProductSection"
                + (
                    f" with class {class_!r} and instance {instance!r}"
                    if class_ or instance
                    else ""
                ),
                "add one by setting product information (--product, set_product)",
            )
        builder = self.builder()
        node = builder.registry.contents[str(content.id)]
        from ..builder.content import _ContentBuilder

        section: model.ProductSection = (
            _ContentBuilder(builder, node).product(class_=class_, instance=instance).section
        )
        return section

    def _content(self, vs: str | None) -> model.Content:
        if vs is None:
            top = model.content(self.doc)
            if top is None:
                raise fail("the descriptor has no virtual system", "add one first")
            if isinstance(top, model.VIRTUAL_SYSTEM):
                return top
            return self.virtual_system(None)
        for content in model.iter_content(self.doc):
            if content.id == vs:
                return content
        raise fail(
            f"there is no virtual system or collection {vs!r}",
            "known: " + ", ".join(str(c.id) for c in model.iter_content(self.doc)),
        )

    def set_product(
        self,
        *,
        product: str | None = None,
        vendor: str | None = None,
        version: str | None = None,
        full_version: str | None = None,
        product_url: str | None = None,
        vendor_url: str | None = None,
        app_url: str | None = None,
        vs: str | None = None,
        class_: str | None = None,
        instance: str | None = None,
    ) -> model.ProductSection:
        """Set product name, vendor, versions and URLs (the ProductSection is made if needed)."""
        values = {
            "product": product,
            "vendor": vendor,
            "version": version,
            "full_version": full_version,
            "product_url": product_url,
            "vendor_url": vendor_url,
            "app_url": app_url,
        }
        ps = self.product_section(vs=vs, class_=class_, instance=instance, create=True)
        from .._generated.wscim_common import CimString

        for name, value in values.items():
            if value is None:
                continue
            current = getattr(ps, name)
            if current is not None:
                current.value = value
            elif name in _MSG_FIELDS:
                setattr(ps, name, msg(self.module, value))
            else:
                setattr(ps, name, CimString(value=value))
        return ps

    # -- properties -----------------------------------------------------------------------------
    def find_property(self, key: str, *, vs: str | None = None) -> model.Property:
        """A property by key (or class.key.instance) in the ProductSections of `vs`, or of the
        whole descriptor when `vs` is None; refused when the key is ambiguous."""
        found: list[model.Property] = []
        contents = list(model.iter_content(self.doc)) if vs is None else [self._content(vs)]
        for content in contents:
            for ps in model.product_sections(content):
                for prop in model.properties(ps):
                    full = ".".join(x for x in (ps.class_value, prop.key, ps.instance) if x)
                    if key in (prop.key, full):
                        found.append(prop)
        if len(found) != 1:
            raise fail(
                f"no property {key!r}" if not found else f"{len(found)} properties are {key!r}",
                "see `ovfmodel info` for the keys"
                if not found
                else "write it as class.key.instance or name the virtual system (--vs)",
            )
        return found[0]

    def set_property(
        self,
        key: str,
        value: str | int | float | bool,
        *,
        configuration: str | None = None,
        vs: str | None = None,
    ) -> model.Property:
        """Set a property's default, or its value for one configuration (a Value element)."""
        prop = self.find_property(key, vs=vs)
        self.check_configuration(configuration)
        spec = PropertySpec(
            full_key=key,
            key=prop.key,
            type=str(prop.type_value),
            qualifiers=prop.qualifiers,
            user_configurable=bool(prop.user_configurable),
            password=bool(prop.password),
            default=None,
            owner="",
        )
        text, problem = check_value(spec, lexical(value))
        if text is None:
            raise fail(f"property {key!r}: {problem}", "give a value its type and qualifiers allow")
        if configuration is None:
            prop.value_attribute = text
            return prop
        for alt in prop.value:
            names = (alt.configuration or "").split()
            if names == [configuration]:
                alt.value = text
                return prop
            if configuration in names:
                alt.configuration = " ".join(n for n in names if n != configuration)
        prop.value.append(
            self.module.PropertyConfigurationValueType(value=text, configuration=configuration)
        )
        return prop

    def add_property(
        self,
        key: str,
        type: PropertyType | str,
        default: str | int | float | bool | None = None,
        *,
        vs: str | None = None,
        class_: str | None = None,
        instance: str | None = None,
        **options: Any,
    ) -> model.Property:
        """A new property, made by `ProductBuilder.property` (same options: label,
        description, user_configurable, password, min_len, max_len, value_map, ...)."""
        ps = self.product_section(vs=vs, class_=class_, instance=instance, create=True)
        prop: model.Property = ProductBuilder(self.builder(), ps).property(
            key, type, default, **options
        )
        return prop

    def remove_property(self, key: str, *, vs: str | None = None) -> model.Property:
        prop = self.find_property(key, vs=vs)
        for content in model.iter_content(self.doc):
            for ps in model.product_sections(content):
                keep_only(ps.category_or_property, lambda e: e is not prop)
        return prop

    def add_category(self, text: str, *, vs: str | None = None) -> None:
        """A Category heading; properties added after it are listed under it."""
        ps = self.product_section(vs=vs, create=True)
        if any(_heading(e) == text for e in ps.category_or_property):
            raise fail(
                f"category {text!r} exists already",
                "a property added now goes under the last category of the section",
            )
        ProductBuilder(self.builder(), ps).category(text)

    def remove_category(
        self, text: str, *, vs: str | None = None, with_properties: bool = False
    ) -> list[model.Property]:
        """Remove the Category heading `text` of a virtual system's ProductSections. The
        properties listed under it (up to the next Category, DSP0243 9.5) go with it when
        `with_properties`; otherwise a category that still has properties is refused, since they
        would silently fall under the heading before it. Returns the properties removed."""
        content = self._content(vs)
        shown: list[str] = []
        for ps in model.product_sections(content):
            entries = ps.category_or_property
            for start, entry in enumerate(entries):
                heading = _heading(entry)
                if heading is None:
                    continue
                shown.append(heading)
                if heading != text:
                    continue
                end = start + 1
                while end < len(entries) and hasattr(entries[end], "key"):
                    end += 1
                block = {id(e) for e in entries[start + 1 : end]}
                under = [p for p in model.properties(ps) if id(p) in block]
                if under and not with_properties:
                    keys = ", ".join(str(p.key) for p in under)
                    raise fail(
                        f"category {text!r} lists properties {keys}",
                        "remove those first, or remove the category with its properties "
                        "(--with-users)",
                    )
                del entries[start:end]
                return under
        raise fail(
            f"{content.id} has no category {text!r}",
            "its categories are " + ", ".join(repr(c) for c in shown) if shown else "it has none",
        )

    # -- deployment options ---------------------------------------------------------------------
    def add_deployment_option(
        self, id: str, label: str, description: str | None = None, *, default: bool = False
    ) -> model.Configuration:
        config: model.Configuration = self.builder().add_deployment_option(
            id, label, description or label
        )
        if default:
            self.set_default_deployment_option(id)
        return config

    def set_default_deployment_option(self, id: str) -> model.Configuration:
        self.check_configuration(id)
        chosen = None
        for config in model.configurations(self.doc):
            config.default = config.id == id
            if config.id == id:
                chosen = config
        assert chosen is not None
        return chosen

    def remove_deployment_option(self, id: str) -> model.Configuration:
        """Remove a configuration, the Items and values only it uses, and its name elsewhere."""
        self.check_configuration(id)
        only_there = [
            i
            for vs in model.virtual_systems(self.doc)
            for i in model.items(vs)
            if set(configs_of(i) or ()) == {id}
        ]
        self.refuse_losing_iso_drive(self.with_orphans(only_there))
        envelope = model.envelope_of(self.doc)
        removed: model.Configuration | None = None
        for section in model.sections(envelope, "DeploymentOptionSection"):
            for config in section.configuration:
                if config.id == id:
                    removed = config
            keep_only(section.configuration, lambda c: c.id != id)
            if not section.configuration:
                keep_only(envelope.sections, is_not(section))
        assert removed is not None
        had = {
            str(vs.id): {str(model.cim(i.instance_id)) for i in model.items(vs)}
            for vs in model.virtual_systems(self.doc)
        }
        _drop_configuration(envelope, id)
        self._drop_orphans(had)
        return removed

    def _drop_orphans(self, had: dict[str, set[str]]) -> None:
        """Items whose Parent went with a configuration go too (they were only usable there)."""
        for vs in model.virtual_systems(self.doc):
            while True:
                present = {str(model.cim(i.instance_id)) for i in model.items(vs)}
                orphans = [
                    i
                    for i in model.items(vs)
                    if str(model.cim(i.parent)) in had[str(vs.id)] - present
                ]
                if not orphans:
                    break
                for item in orphans:
                    self.remove_item(item, str(vs.id))

    # -- texts ----------------------------------------------------------------------------------
    def set_annotation(self, text: str, *, vs: str | None = None) -> model.AnnotationSection:
        content = self._content(vs)
        section = model.section(content, "AnnotationSection")
        if section is not None:
            section.annotation.value = text
            return section
        made: model.AnnotationSection = self._content_builder(content).annotation(text)
        return made

    def set_eula(self, text: str, *, vs: str | None = None) -> model.EulaSection:
        """Replace the license text of the first EulaSection (or add one)."""
        content = self._content(vs)
        section = model.section(content, "EulaSection")
        if section is not None:
            section.license.value = text
            return section
        made: model.EulaSection = self._content_builder(content).eula(text)
        return made

    def set_os(
        self,
        os_type: OsType | int,
        *,
        description: str | None = None,
        version: str | None = None,
        vs: str | None = None,
    ) -> model.OperatingSystemSection:
        system = self.virtual_system(vs)
        section = model.section(system, "OperatingSystemSection")
        if section is None:
            from ..builder.content import VirtualSystemBuilder

            builder = self.builder()
            made: model.OperatingSystemSection = VirtualSystemBuilder(
                builder, system
            ).operating_system(os_type, version=version, description=description)
            return made
        if not 0 <= int(os_type) <= 65535:
            raise fail(f"OS type {int(os_type)} is not a CIM OSType", "use an OsType member")
        section.id = int(os_type)
        text = description
        if text is None and int(os_type) in OsType._value2member_map_:
            text = OsType(int(os_type)).describe()
        if text is not None:
            if section.description is not None:
                section.description.value = text
            else:
                section.description = msg(self.module, text)
        if version is not None:
            section.version = version
        return section

    def _content_builder(self, content: model.Content) -> Any:
        from ..builder.content import _ContentBuilder

        return _ContentBuilder(self.builder(), content)


def _drop_configuration(envelope: Any, id: str) -> None:
    """Everything limited to configuration `id` alone goes; lists of several lose the name."""
    for obj in walk(envelope):
        for value in list(vars(obj).values()):
            if not isinstance(value, list) or not value:
                continue
            kept = []
            for entry in value:
                names = getattr(entry, "configuration", None)
                if isinstance(names, str) and id in names.split():
                    rest = [n for n in names.split() if n != id]
                    if not rest:
                        continue
                    entry.configuration = " ".join(rest)
                kept.append(entry)
            if len(kept) != len(value):
                value[:] = kept


def _heading(entry: object) -> str | None:
    """The text of a Category entry of ProductSection.category_or_property (None: a Property)."""
    if hasattr(entry, "key"):
        return None
    return str(getattr(entry, "value", "") or "")
