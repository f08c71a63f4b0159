"""The outline: envelope, references, sections, virtual systems and collections, items."""

from __future__ import annotations

from lsprotocol import types as lsp

from .analysis import Analysis, Element, local_name
from .diagnostics import to_range
from .hover import resource_type
from .references import CIM_NS_PREFIX

K = lsp.SymbolKind
_KINDS = {
    "Envelope": K.File,
    "References": K.Package,
    "File": K.File,
    "Disk": K.Object,
    "Network": K.Interface,
    "VirtualSystem": K.Class,
    "VirtualSystemCollection": K.Namespace,
    "Item": K.Field,
    "StorageItem": K.Field,
    "EthernetPortItem": K.Field,
    "Configuration": K.EnumMember,
    "Property": K.Property,
    "Strings": K.Package,
}
_NAMING = {"File": "id", "Disk": "diskId", "Network": "name", "Configuration": "id"}


def _child_text(el: Element, local: str) -> str | None:
    for child in el:
        if isinstance(child.tag, str) and child.tag.endswith("}" + local):
            return (child.text or "").strip()
    return None


def _symbol(an: Analysis, el: Element) -> lsp.DocumentSymbol | None:
    local = local_name(el.tag)
    kind = _KINDS.get(local)
    if kind is None and not local.endswith("Section"):
        return None
    extent = an.extent(el)
    tag = an.tag(el)
    if extent is None or tag is None:
        return None
    detail: str | None = None
    name = local
    if local in _NAMING:
        name = f"{local} {el.get(an.ovf(_NAMING[local]))}"
    elif local in ("VirtualSystem", "VirtualSystemCollection"):
        name = f"{local} {el.get(an.ovf('id'))}"
        detail = _child_text(el, "Name")
    elif local.endswith("Item"):
        name = f"{local} {_child_text(el, 'InstanceID')}: {_child_text(el, 'ElementName') or ''}".rstrip(
            ": "
        )
        rtype = _child_text(el, "ResourceType")
        detail = resource_type(rtype) if rtype else None
    elif local == "Property":
        name = f"Property {el.get(an.ovf('key'))}"
    elif local.endswith("Section"):
        kind = K.Module
        detail = _child_text(el, "Info")
    children: list[lsp.DocumentSymbol] = []
    if not local.endswith("Item"):
        for child in el:
            if isinstance(child.tag, str) and not child.tag.startswith("{" + CIM_NS_PREFIX):
                found = _symbol(an, child)
                if found is not None:
                    children.append(found)
    return lsp.DocumentSymbol(
        name=name or local,
        detail=detail,
        kind=kind or K.Module,
        range=to_range(an, *extent),
        selection_range=to_range(an, tag.start, tag.name_end),
        children=children or None,
    )


def symbols(an: Analysis) -> list[lsp.DocumentSymbol]:
    if an.root is None:
        return []
    found = _symbol(an, an.root)
    return [found] if found is not None else []
