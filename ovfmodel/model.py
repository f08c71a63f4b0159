"""Version-independent navigation of OVF documents.

The generated classes of OVF 1.x and 2.x are distinct (one module per namespace) but share their
shape and class names. These helpers read the common fields of both, so code that lists virtual
systems, disks, files, networks, RASD items and product properties works on any version. They
return the generated objects themselves: editing what they return edits the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ._generated import ovf_envelope_1 as ovf1
from ._generated import ovf_envelope_2 as ovf2
from .document import OvfDocument

_MODULES = (ovf1, ovf2)


def _types(name: str) -> tuple[type, ...]:
    return tuple(getattr(m, name) for m in _MODULES if hasattr(m, name))


VIRTUAL_SYSTEM = _types("VirtualSystemType")
COLLECTION = _types("VirtualSystemCollectionType")
SECTION_TYPES = {
    name: _types(name + "Type")
    for name in (
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
}


def envelope_of(doc_or_envelope: OvfDocument | Any) -> Any:
    return doc_or_envelope.envelope if isinstance(doc_or_envelope, OvfDocument) else doc_or_envelope


def cim(value: Any) -> Any:
    """The plain value of a CIM property element (rasd:/vssd:/sasd:/epasd:), or None."""
    return None if value is None else value.value


def sections(container: Any, kind: str | None = None) -> list[Any]:
    """Sections of an Envelope, VirtualSystem or collection, in document order.

    `kind` is the section's element name (e.g. "DiskSection"); None gives every section,
    vendor sections (xsdata AnyElement) included.
    """
    found = list(getattr(container, "sections", []) or [])
    if kind is None:
        return found
    types = SECTION_TYPES.get(kind)
    if types is None:
        raise KeyError(f"unknown section kind {kind!r}; one of {', '.join(SECTION_TYPES)}")
    return [s for s in found if isinstance(s, types)]


def section(container: Any, kind: str) -> Any | None:
    """The first section of that kind, or None."""
    found = sections(container, kind)
    return found[0] if found else None


def content(doc: OvfDocument | Any) -> Any | None:
    """The top-level VirtualSystem or VirtualSystemCollection."""
    return envelope_of(doc).content


def iter_content(doc: OvfDocument | Any) -> Iterator[Any]:
    """Every VirtualSystem and VirtualSystemCollection, depth first, in document order."""
    top = content(doc)
    stack = [top] if top is not None else []
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, COLLECTION):
            stack.extend(reversed(list(getattr(node, "content", []))))


def virtual_systems(doc: OvfDocument | Any) -> list[Any]:
    return [c for c in iter_content(doc) if isinstance(c, VIRTUAL_SYSTEM)]


def collections(doc: OvfDocument | Any) -> list[Any]:
    return [c for c in iter_content(doc) if isinstance(c, COLLECTION)]


def files(doc: OvfDocument | Any) -> list[Any]:
    """References/File elements."""
    refs = envelope_of(doc).references
    return list(refs.file) if refs is not None else []


def disks(doc: OvfDocument | Any) -> list[Any]:
    """Disk elements of every DiskSection of the envelope."""
    return [d for s in sections(envelope_of(doc), "DiskSection") for d in s.disk]


def networks(doc: OvfDocument | Any) -> list[Any]:
    """Network elements of every NetworkSection of the envelope."""
    return [n for s in sections(envelope_of(doc), "NetworkSection") for n in s.network]


def hardware_sections(vs: Any) -> list[Any]:
    return sections(vs, "VirtualHardwareSection")


def items(vs: Any) -> list[Any]:
    """Every RASD Item of every VirtualHardwareSection of a virtual system (OVF 2.x: also
    StorageItem and EthernetPortItem), in document order per section."""
    found: list[Any] = []
    for hw in hardware_sections(vs):
        found.extend(hw.item)
        found.extend(getattr(hw, "storage_item", []) or [])
        found.extend(getattr(hw, "ethernet_port_item", []) or [])
    return found


def product_sections(vs: Any) -> list[Any]:
    return sections(vs, "ProductSection")


def properties(product_section: Any) -> list[Any]:
    """The Property elements of a ProductSection (Category entries are skipped)."""
    prop_types = _types("ProductSectionTypeProperty")
    return [p for p in product_section.category_or_property if isinstance(p, prop_types)]


def strings(doc: OvfDocument | Any) -> list[Any]:
    """Strings bundles (localisation), in document order."""
    return list(envelope_of(doc).strings)


def name_of(content_obj: Any) -> str | None:
    """The display name of a VirtualSystem/Collection (its Name element), or None."""
    name = getattr(content_obj, "name", None)
    return name.value if name is not None else None
