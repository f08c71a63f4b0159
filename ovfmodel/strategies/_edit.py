"""What mutations share: the Mutation and InvalidDocument records and the model helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from types import ModuleType
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from ..document import OvfDocument
from ._base import _unique

# --------------------------------------------------------------------------- invalid documents


@dataclass(frozen=True)
class Mutation:
    """One way to break a valid document with a single local edit.

    `rule` is the code the semantic validator (`ovfmodel.validation`) reports for it. When
    `rule` is an error, the broken document has exactly that error and no other; when it is a
    warning or an info, it has no error at all. `consequences` lists the codes of warnings and
    infos the edit may add besides `rule`, each a documented consequence of it (a Disk whose
    only HostResource now points elsewhere is unused: OVF203). `apply` changes the document in
    place and returns False when the document has nothing to break that way (the strategy
    then draws another document).
    """

    name: str
    rule: str
    description: str
    apply: Callable[[OvfDocument, DrawFn], bool]
    consequences: frozenset[str] = frozenset()
    schema: bool = False
    """True when `rule` comes from XML Schema validation (`validate(..., xsd=True)`); the other
    rules are semantic and hold with `xsd=False`, which the edit may leave schema-invalid."""


@dataclass(frozen=True)
class InvalidDocument:
    """A document broken by exactly one mutation, and the valid document it was made from."""

    document: OvfDocument
    mutation: str
    rule: str
    original: OvfDocument


_EDIT_NS = "urn:ovfmodel:strategies:raw-edit"
"""Marks an element whose child text `_finish` replaces verbatim (for values no field can hold)."""


def _raw_text(obj: Any, child: str, text: str) -> None:
    """Have `_finish` write `text` verbatim as the content of `obj`'s child element `child`
    (a local name): for values the model cannot hold, like an unmapped ResourceType."""
    obj.any_attributes["{" + _EDIT_NS + "}" + child] = text


def _all(obj: Any, cls_name: str) -> list[Any]:
    from ..document import walk

    return [o for o in walk(obj) if type(o).__name__ == cls_name]


def _sections(container: Any, cls_name: str) -> list[Any]:
    return [s for s in container.sections if type(s).__name__ == cls_name]


def _hardware_items(hw: Any) -> list[Any]:
    """Every Item of a VirtualHardwareSection in the validator's order (RASD, SASD, EPASD)."""
    return [*hw.item, *getattr(hw, "storage_item", []), *getattr(hw, "ethernet_port_item", [])]


def _items(doc: OvfDocument) -> list[tuple[Any, Any]]:
    """(hardware section, item) pairs, RASD Items only."""
    return [(hw, it) for hw in _all(doc.envelope, "VirtualHardwareSection") for it in hw.item]


def _value(wrapper: Any) -> Any:
    """The plain value of a CIM wrapper (enums give their value)."""
    if wrapper is None:
        return None
    value = wrapper.value
    return value.value if isinstance(value, Enum) else value


def _parents(hw: Any) -> set[str]:
    """InstanceIDs some Item of the section names as its Parent."""
    return {str(_value(it.parent)) for it in _hardware_items(hw) if it.parent is not None}


def _leaf_items(doc: OvfDocument, *, keep_drives: bool = False) -> list[Any]:
    """RASD Items no other Item names as Parent: changing what they are breaks nothing else.
    With `keep_drives`, not the last CD-ROM/DVD of a section whose transport is iso (11.2)."""
    out: list[Any] = []
    for hw in _all(doc.envelope, "VirtualHardwareSection"):
        parents = _parents(hw)
        drives = [it for it in _hardware_items(hw) if _value(it.resource_type) in (15, 16)]
        keep = keep_drives and "iso" in (hw.transport or "").split() and len(drives) == 1
        out.extend(
            it
            for it in hw.item
            if str(_value(it.instance_id)) not in parents and not (keep and it is drives[0])
        )
    return out


def _configs(item: Any) -> frozenset[str] | None:
    text = getattr(item, "configuration", None)
    return frozenset(text.split()) if text and text.strip() else None


def _share_configuration(a: Any, b: Any) -> bool:
    """Whether two Items apply in a common configuration (no ovf:configuration: all)."""
    ca, cb = _configs(a), _configs(b)
    return (ca is None or cb is None or bool(ca & cb)) and a.bound == b.bound


def _fresh(prefix: str, taken: set[str]) -> str:
    return _unique(prefix, 1, taken)[0]


def _ovf(doc: OvfDocument, local: str) -> str:
    return "{" + doc.family.model_ns + "}" + local


def _module(doc: OvfDocument) -> ModuleType:
    return doc.family.module


def _pick_file(doc: OvfDocument, draw: DrawFn) -> Any | None:
    files = doc.envelope.references.file
    return draw(st.sampled_from(files)) if files else None


def _pick_disk(doc: OvfDocument, draw: DrawFn) -> tuple[Any, Any] | None:
    """(DiskSection, Disk), or None."""
    pairs = [(s, d) for s in _sections(doc.envelope, "DiskSection") for d in s.disk]
    return draw(st.sampled_from(pairs)) if pairs else None


def _pick_property(doc: OvfDocument, draw: DrawFn) -> tuple[Any, Any] | None:
    """(ProductSection, Property), or None."""
    pairs = [
        (s, p)
        for s in _all(doc.envelope, "ProductSection")
        for p in s.category_or_property
        if hasattr(p, "key")
    ]
    return draw(st.sampled_from(pairs)) if pairs else None


def _content_nodes(doc: OvfDocument) -> list[Any]:
    from ..model import iter_content

    return list(iter_content(doc))
