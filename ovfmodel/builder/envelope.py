"""EnvelopeBuilder: References, disks, networks, deployment options, content, and Strings.

Every call checks what it adds against what is already there (ids, references, qualifiers,
configurations) and raises BuilderError at once, so a mistake points at the line that made it
rather than at an invalid file found much later. `build()` returns an `OvfDocument`.

The envelope's own parts are built here, with the vendor extensions and `HardwareEditor`; what
a virtual system or collection holds is built by the builders of `content`, a ProductSection's
properties by `product`'s (re-exported here, where they were first defined).
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any

from lxml import etree
from xsdata.formats.dataclass.models.generics import AnyElement

from ..cim import DiskFormat, UnitsError, parse_allocation_units
from ..document import OvfDocument
from ..errors import BuilderError, OvfParseError
from ..xmlsafe import parse_xml, read_source
from ._common import (
    LONG,
    UNSIGNED_LONG,
    Localized,
    Registry,
    Text,
    check_range,
    find_section,
    insert_section,
    module_for,
    msg,
    namespace_for,
    require,
)
from .content import CollectionBuilder, VirtualSystemBuilder, _ContentBuilder
from .hardware import HardwareBuilder
from .product import ProductBuilder

__all__ = [
    "CollectionBuilder",
    "EnvelopeBuilder",
    "HardwareEditor",
    "ProductBuilder",
    "VirtualSystemBuilder",
    "_ContentBuilder",
]

_ID = re.compile(r"^[A-Za-z_][\w.\-]*$")


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
            element = _any_element(_parse_vendor(element))
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


def _parse_vendor(text: str) -> etree._Element:
    """A vendor element given as XML text, read as ovfmodel reads every XML (xmlsafe): no DTD,
    no entity expanded, an XML declaration's encoding moot for text already decoded."""
    text = text.lstrip("\ufeff \t\r\n")
    try:
        if not text.startswith("<"):  # read_source would take it for a file name
            raise OvfParseError("it does not start with an element")
        root: etree._Element = parse_xml(*read_source(text, "vendor section")).getroot()
    except OvfParseError as err:
        raise BuilderError(
            f"vendor section cannot be parsed: {err.message}",
            hint="pass one complete, well-formed element (no DOCTYPE or entities)",
        ) from None
    return root


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
