"""Version-independent navigation of OVF documents.

The generated classes of OVF 1.x and 2.x are distinct (one module per namespace) but share their
shape and class names. These helpers read the common fields of both, so code that lists virtual
systems, disks, files, networks, RASD items and product properties works on any version. They
return the generated objects themselves: editing what they return edits the document.

Every helper is typed with the unions below (`VirtualSystem`, `Disk`, `Item`, ...), one member
per OVF version, so mypy and pyright check what users do with the results.
"""

from __future__ import annotations

import functools
import importlib
import operator
import sys
from collections.abc import Iterator
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeAlias, TypeGuard, TypeVar, overload

from xsdata.formats.dataclass.models.generics import AnyElement

from .document import OvfDocument

if TYPE_CHECKING:
    from ._generated import ovf_envelope_1 as ovf1
    from ._generated import ovf_envelope_2 as ovf2

    Envelope: TypeAlias = ovf1.EnvelopeType | ovf2.EnvelopeType
    VirtualSystem: TypeAlias = ovf1.VirtualSystemType | ovf2.VirtualSystemType
    Collection: TypeAlias = ovf1.VirtualSystemCollectionType | ovf2.VirtualSystemCollectionType
    Content: TypeAlias = ovf1.ContentType | ovf2.ContentType
    """A VirtualSystem, a VirtualSystemCollection (or an abstract Content element of a vendor)."""
    File: TypeAlias = ovf1.FileType | ovf2.FileType
    Disk: TypeAlias = ovf1.VirtualDiskDescType | ovf2.VirtualDiskDescType
    Network: TypeAlias = ovf1.NetworkSectionTypeNetwork | ovf2.NetworkSectionTypeNetwork
    Configuration: TypeAlias = (
        ovf1.DeploymentOptionSectionTypeConfiguration
        | ovf2.DeploymentOptionSectionTypeConfiguration
    )
    RasdItem: TypeAlias = ovf1.RasdType | ovf2.RasdType
    Item: TypeAlias = ovf1.RasdType | ovf2.RasdType | ovf2.SasdType | ovf2.EpasdType
    """A hardware Item: RASD (1.x, 2.x), or OVF 2's StorageItem (SASD) and EthernetPortItem (EPASD)."""
    Property: TypeAlias = ovf1.ProductSectionTypeProperty | ovf2.ProductSectionTypeProperty
    Strings: TypeAlias = ovf1.StringsType | ovf2.StringsType
    Msg: TypeAlias = ovf1.MsgType | ovf2.MsgType

    AnnotationSection: TypeAlias = ovf1.AnnotationSectionType | ovf2.AnnotationSectionType
    DeploymentOptionSection: TypeAlias = (
        ovf1.DeploymentOptionSectionType | ovf2.DeploymentOptionSectionType
    )
    DiskSection: TypeAlias = ovf1.DiskSectionType | ovf2.DiskSectionType
    EulaSection: TypeAlias = ovf1.EulaSectionType | ovf2.EulaSectionType
    NetworkSection: TypeAlias = ovf1.NetworkSectionType | ovf2.NetworkSectionType
    OperatingSystemSection: TypeAlias = (
        ovf1.OperatingSystemSectionType | ovf2.OperatingSystemSectionType
    )
    ProductSection: TypeAlias = ovf1.ProductSectionType | ovf2.ProductSectionType
    HardwareSection: TypeAlias = ovf1.VirtualHardwareSectionType | ovf2.VirtualHardwareSectionType
    StartupSection: TypeAlias = ovf1.StartupSectionType | ovf2.StartupSectionType
    SharedDiskSection: TypeAlias = ovf2.SharedDiskSectionType
    EnvironmentFilesSection: TypeAlias = ovf2.EnvironmentFilesSectionType
    Section: TypeAlias = ovf1.SectionType | ovf2.SectionType | AnyElement
    """Any section: an OVF one, or a vendor section kept as an xsdata AnyElement."""
    Container: TypeAlias = Envelope | Content
    _DocOrEnvelope: TypeAlias = OvfDocument | Envelope

# At run time the aliases above are made on first use (they name both versions, so that imports
# both): alias -> its generated class names, each taken from every version that has it
_ALIASES: dict[str, tuple[str, ...]] = {
    "Envelope": ("EnvelopeType",),
    "VirtualSystem": ("VirtualSystemType",),
    "Collection": ("VirtualSystemCollectionType",),
    "Content": ("ContentType",),
    "File": ("FileType",),
    "Disk": ("VirtualDiskDescType",),
    "Network": ("NetworkSectionTypeNetwork",),
    "Configuration": ("DeploymentOptionSectionTypeConfiguration",),
    "RasdItem": ("RasdType",),
    "Item": ("RasdType", "SasdType", "EpasdType"),
    "Property": ("ProductSectionTypeProperty",),
    "Strings": ("StringsType",),
    "Msg": ("MsgType",),
    "AnnotationSection": ("AnnotationSectionType",),
    "DeploymentOptionSection": ("DeploymentOptionSectionType",),
    "DiskSection": ("DiskSectionType",),
    "EulaSection": ("EulaSectionType",),
    "NetworkSection": ("NetworkSectionType",),
    "OperatingSystemSection": ("OperatingSystemSectionType",),
    "ProductSection": ("ProductSectionType",),
    "HardwareSection": ("VirtualHardwareSectionType",),
    "StartupSection": ("StartupSectionType",),
    "SharedDiskSection": ("SharedDiskSectionType",),
    "EnvironmentFilesSection": ("EnvironmentFilesSectionType",),
    "Section": ("SectionType",),  # | AnyElement
    "Container": ("EnvelopeType", "ContentType"),
}

_T_co = TypeVar("_T_co", covariant=True)


class CimValue(Protocol[_T_co]):
    """A CIM property element (rasd:/vssd:/sasd:/epasd: wrapper) holding one typed value."""

    @property
    def value(self) -> _T_co: ...


# The helpers never import the generated classes themselves: an object can only be an instance
# of a version whose module is loaded (reading an OVF 2 file never loads the OVF 1 classes), so
# each isinstance check is against the classes of the loaded versions.
_GENERATED = ("ovfmodel._generated.ovf_envelope_1", "ovfmodel._generated.ovf_envelope_2")


def _loaded() -> tuple[ModuleType, ...]:
    # import_module returns a module being imported by another thread once it is whole (a
    # partial one lacks classes, and no object of it exists yet); else it is a dict lookup
    return tuple(importlib.import_module(m) for m in _GENERATED if m in sys.modules)


@cache
def _types_in(modules: tuple[ModuleType, ...], name: str) -> tuple[type, ...]:
    return tuple(getattr(m, name) for m in modules if hasattr(m, name))


def _types(name: str) -> tuple[type, ...]:
    """The generated classes called `name` in every loaded OVF version."""
    return _types_in(_loaded(), name)


class _LoadedKind(type):
    """isinstance(x, kind) against the classes of the loaded versions (see `_types`)."""

    _name: str

    def __instancecheck__(cls, instance: object) -> bool:
        return isinstance(instance, _types(cls._name))


_SECTION_KINDS = (
    "AnnotationSection",
    "DeploymentOptionSection",
    "DiskSection",
    "EulaSection",
    "InstallSection",
    "NetworkSection",
    "OperatingSystemSection",
    "ProductSection",
    "ResourceAllocationSection",
    "StartupSection",
    "VirtualHardwareSection",
    "SharedDiskSection",
    "EnvironmentFilesSection",
    "BootDeviceSection",
    "ScaleOutSection",
    "PlacementGroupSection",
    "PlacementSection",
    "EncryptionSection",
)

if TYPE_CHECKING:
    VIRTUAL_SYSTEM = (ovf1.VirtualSystemType, ovf2.VirtualSystemType)
    COLLECTION = (ovf1.VirtualSystemCollectionType, ovf2.VirtualSystemCollectionType)
    SECTION_TYPES: dict[str, tuple[type, ...]]
else:
    # isinstance(node, VIRTUAL_SYSTEM) / COLLECTION as with the tuples mypy sees above

    class VIRTUAL_SYSTEM(metaclass=_LoadedKind):
        _name = "VirtualSystemType"

    class COLLECTION(metaclass=_LoadedKind):
        _name = "VirtualSystemCollectionType"

    def __getattr__(name: str) -> Any:
        # the type aliases and SECTION_TYPES, for code that uses them at run time
        if name not in _ALIASES and name != "SECTION_TYPES":
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        modules = tuple(importlib.import_module(m) for m in _GENERATED)
        value: Any
        if name == "SECTION_TYPES":
            value = {kind: _types_in(modules, kind + "Type") for kind in _SECTION_KINDS}
        else:
            members = [t for cls in _ALIASES[name] for t in _types_in(modules, cls)]
            value = functools.reduce(operator.or_, members + [AnyElement] * (name == "Section"))
        globals()[name] = value
        return value


def envelope_of(doc_or_envelope: _DocOrEnvelope) -> Envelope:
    return doc_or_envelope.envelope if isinstance(doc_or_envelope, OvfDocument) else doc_or_envelope


@overload
def cim(value: CimValue[_T_co]) -> _T_co: ...
@overload
def cim(value: CimValue[_T_co] | None) -> _T_co | None: ...
def cim(value: CimValue[_T_co] | None) -> _T_co | None:
    """The plain value of a CIM property element (rasd:/vssd:/sasd:/epasd:), or None."""
    return None if value is None else value.value


@overload
def sections(container: Container, kind: None = None) -> list[Section]: ...
@overload
def sections(
    container: Container, kind: Literal["AnnotationSection"]
) -> list[AnnotationSection]: ...
@overload
def sections(
    container: Container, kind: Literal["DeploymentOptionSection"]
) -> list[DeploymentOptionSection]: ...
@overload
def sections(container: Container, kind: Literal["DiskSection"]) -> list[DiskSection]: ...
@overload
def sections(container: Container, kind: Literal["EulaSection"]) -> list[EulaSection]: ...
@overload
def sections(container: Container, kind: Literal["NetworkSection"]) -> list[NetworkSection]: ...
@overload
def sections(
    container: Container, kind: Literal["OperatingSystemSection"]
) -> list[OperatingSystemSection]: ...
@overload
def sections(container: Container, kind: Literal["ProductSection"]) -> list[ProductSection]: ...
@overload
def sections(container: Container, kind: Literal["StartupSection"]) -> list[StartupSection]: ...
@overload
def sections(
    container: Container, kind: Literal["VirtualHardwareSection"]
) -> list[HardwareSection]: ...
@overload
def sections(
    container: Container, kind: Literal["SharedDiskSection"]
) -> list[SharedDiskSection]: ...
@overload
def sections(
    container: Container, kind: Literal["EnvironmentFilesSection"]
) -> list[EnvironmentFilesSection]: ...
@overload
def sections(container: Container, kind: str) -> list[Section]: ...
def sections(container: Container, kind: str | None = None) -> list[Any]:
    """Sections of an Envelope, VirtualSystem or collection, in document order.

    `kind` is the section's element name (e.g. "DiskSection"); None gives every section,
    vendor sections (xsdata AnyElement) included. The common kinds are typed precisely.
    """
    found: list[Section] = list(getattr(container, "sections", []) or [])
    if kind is None:
        return found
    if kind not in _SECTION_KINDS:
        raise KeyError(f"unknown section kind {kind!r}; one of {', '.join(_SECTION_KINDS)}")
    types = _types(kind + "Type")
    return [s for s in found if isinstance(s, types)]


@overload
def section(
    container: Container, kind: Literal["AnnotationSection"]
) -> AnnotationSection | None: ...
@overload
def section(
    container: Container, kind: Literal["DeploymentOptionSection"]
) -> DeploymentOptionSection | None: ...
@overload
def section(container: Container, kind: Literal["DiskSection"]) -> DiskSection | None: ...
@overload
def section(container: Container, kind: Literal["EulaSection"]) -> EulaSection | None: ...
@overload
def section(container: Container, kind: Literal["NetworkSection"]) -> NetworkSection | None: ...
@overload
def section(
    container: Container, kind: Literal["OperatingSystemSection"]
) -> OperatingSystemSection | None: ...
@overload
def section(container: Container, kind: Literal["ProductSection"]) -> ProductSection | None: ...
@overload
def section(container: Container, kind: Literal["StartupSection"]) -> StartupSection | None: ...
@overload
def section(
    container: Container, kind: Literal["VirtualHardwareSection"]
) -> HardwareSection | None: ...
@overload
def section(container: Container, kind: str) -> Section | None: ...
def section(container: Container, kind: str) -> Any:
    """The first section of that kind, or None."""
    found = sections(container, kind)
    return found[0] if found else None


def content(doc: _DocOrEnvelope) -> Content | None:
    """The top-level VirtualSystem or VirtualSystemCollection."""
    return envelope_of(doc).content


def iter_content(doc: _DocOrEnvelope) -> Iterator[Content]:
    """Every VirtualSystem and VirtualSystemCollection, depth first, in document order."""
    top = content(doc)
    stack: list[Content] = [top] if top is not None else []
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, COLLECTION):
            stack.extend(reversed(list(node.content)))


def virtual_systems(doc: _DocOrEnvelope) -> list[VirtualSystem]:
    return [c for c in iter_content(doc) if isinstance(c, VIRTUAL_SYSTEM)]


def collections(doc: _DocOrEnvelope) -> list[Collection]:
    return [c for c in iter_content(doc) if isinstance(c, COLLECTION)]


def files(doc: _DocOrEnvelope) -> list[File]:
    """References/File elements."""
    refs = envelope_of(doc).references
    return list(refs.file) if refs is not None else []


def disks(doc: _DocOrEnvelope) -> list[Disk]:
    """Disk elements of every DiskSection of the envelope."""
    return [d for s in sections(envelope_of(doc), "DiskSection") for d in s.disk]


def networks(doc: _DocOrEnvelope) -> list[Network]:
    """Network elements of every NetworkSection of the envelope."""
    return [n for s in sections(envelope_of(doc), "NetworkSection") for n in s.network]


def configurations(doc: _DocOrEnvelope) -> list[Configuration]:
    """Configuration elements of every DeploymentOptionSection of the envelope."""
    found = sections(envelope_of(doc), "DeploymentOptionSection")
    return [c for s in found for c in s.configuration]


def hardware_sections(vs: VirtualSystem) -> list[HardwareSection]:
    return sections(vs, "VirtualHardwareSection")


def items(vs: VirtualSystem) -> list[Item]:
    """Every RASD Item of every VirtualHardwareSection of a virtual system (OVF 2.x: also
    StorageItem and EthernetPortItem), in document order per section."""
    found: list[Item] = []
    for hw in hardware_sections(vs):
        found.extend(hw.item)
        if _is_ovf2_hardware(hw):
            found.extend(hw.storage_item)
            found.extend(hw.ethernet_port_item)
    return found


def _is_ovf2_hardware(hw: HardwareSection) -> TypeGuard[ovf2.VirtualHardwareSectionType]:
    if _GENERATED[1] not in sys.modules:  # no OVF 2 object exists before its classes do
        return False
    ovf2_classes = importlib.import_module(_GENERATED[1])  # whole, as in _loaded
    return isinstance(hw, ovf2_classes.VirtualHardwareSectionType)


def product_sections(vs: Content) -> list[ProductSection]:
    return sections(vs, "ProductSection")


def properties(product_section: ProductSection) -> list[Property]:
    """The Property elements of a ProductSection (Category entries are skipped)."""
    return [p for p in product_section.category_or_property if _is_property(p)]


def _is_property(entry: object) -> TypeGuard[Property]:
    return isinstance(entry, _types("ProductSectionTypeProperty"))


def strings(doc: _DocOrEnvelope) -> list[Strings]:
    """Strings bundles (localisation), in document order."""
    return list(envelope_of(doc).strings)


def name_of(content_obj: Content) -> str | None:
    """The display name of a VirtualSystem/Collection (its Name element), or None."""
    name = content_obj.name
    return name.value if name is not None else None


def _other_element(item: Item, local: str) -> str | None:
    for other in getattr(item, "other_element", ()):
        qname = getattr(other, "qname", None) or ""
        if qname.rpartition("}")[2] == local:
            text: str | None = other.text
            return text
    return None


def instance_id(item: Item) -> str | None:
    """An Item's InstanceID. OVF 0.9 spells it InstanceId, which the 1.x classes keep as an
    unknown element (the namespace is read as an alias; the name differs)."""
    value = cim(item.instance_id)
    return str(value) if value is not None else _other_element(item, "InstanceId")


def item_name(item: Item) -> str | None:
    """An Item's ElementName or, where there is none (OVF 0.9 has only Caption), its Caption."""
    name = cim(item.element_name)
    if name is None:
        name = cim(item.caption)
    return None if name is None else str(name)
