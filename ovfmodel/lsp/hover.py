"""Hover: what a number, a unit or a reference at the cursor means.

ResourceType numbers and OS type ids are named from `ovfmodel.cim`; allocation units are told
in plain bytes (or hertz); a reference shows the element it points at; property types and
qualifiers are explained with `ovfmodel.cim.PropertyType` and `Qualifiers`.
"""

from __future__ import annotations

import contextlib
import re

from lsprotocol import types as lsp

from ovfmodel import cim

from .analysis import Analysis, Element, local_name
from .diagnostics import to_range
from .references import CIM_NS_PREFIX, LABELS, Ref, is_cim

_HERTZ = re.compile(r"^\s*hertz\s*(?:\*\s*(\d+)\s*\^\s*(\d+)\s*)?$", re.IGNORECASE)
_BOOL = {
    "required": "`ovf:required`: `true` (the default) means a consumer that does not understand "
    "this section must fail the deployment; `false` lets it skip the section (DSP0243 7.3).",
    "bound": "`ovf:bound`: this Item is the `min`, `max` or `normal` value of a range the "
    "deployer may choose in (DSP0243 8.4).",
}


def resource_type(value: str) -> str | None:
    try:
        number = int(value.strip())
    except ValueError:
        return None
    try:
        return f"ResourceType {number}: **{cim.ResourceType(number).describe()}**"
    except ValueError:
        if cim.VENDOR_RESOURCE_TYPE_MIN <= number <= 65535:
            return f"ResourceType {number}: vendor reserved (32768..65535)"
        return f"ResourceType {number}: DMTF reserved, not in the CIM value map"


def os_type(value: str) -> str | None:
    try:
        return f"OS type {int(value)}: **{cim.OsType(int(value)).describe()}**"
    except ValueError:
        return None


def units(value: str) -> str | None:
    """Allocation units in plain bytes or hertz."""
    hz = _HERTZ.match(value)
    if hz is not None:
        base, exp = hz.group(1), hz.group(2)
        if base is None:
            return "1 unit = 1 hertz"
        if len(exp) > 3:
            return None
        return f"1 unit = {int(base) ** int(exp):,} hertz"
    try:
        n = cim.parse_allocation_units(value)
    except cim.UnitsError as exc:
        return f"Not a byte unit ovfmodel understands: {exc.message}"
    if n >= 1024 and n & (n - 1) == 0:
        return f"1 unit = {n:,} bytes (2^{n.bit_length() - 1})"
    return f"1 unit = {n:,} bytes"


def property_type(value: str) -> str | None:
    try:
        kind = cim.PropertyType(value)
    except ValueError:
        return f"`{value}` is not an OVF property type (DSP0243 9.5)"
    limits = cim.PROPERTY_INT_RANGES.get(kind)
    if limits is not None:
        return f"Property type `{kind.value}`: whole number from {limits[0]:,} to {limits[1]:,}"
    return {
        "boolean": "Property type `boolean`: `true` or `false`",
        "string": "Property type `string`: any text (bounded by MinLen/MaxLen qualifiers)",
        "real32": "Property type `real32`: IEEE 754 single precision number",
        "real64": "Property type `real64`: IEEE 754 double precision number",
    }.get(kind.value)


def qualifiers(value: str) -> str:
    q = cim.Qualifiers.parse(value)
    parts: list[str] = []
    if q.min_len is not None:
        parts.append(f"at least {q.min_len} characters")
    if q.max_len is not None:
        parts.append(f"at most {q.max_len} characters")
    if q.min_value is not None:
        parts.append(f"at least {q.min_value}")
    if q.max_value is not None:
        parts.append(f"at most {q.max_value}")
    if q.value_map is not None:
        parts.append("one of " + ", ".join(q.value_map))
    return "Qualifiers: the value must be " + "; ".join(parts) if parts else "No qualifier parsed"


def _child_text(el: Element, local: str) -> str | None:
    for child in el:
        if local_name(child.tag) == local:
            return (child.text or "").strip()
    return None


def describe(an: Analysis, ref: Ref) -> str:
    """One paragraph about the element a definition sits on."""
    el = ref.element
    line = an.map.position(ref.start)[0] + 1
    head = f"**{LABELS[ref.kind]} `{ref.key}`** (line {line})"
    ovf = an.ovf
    if ref.kind == "file":
        size = el.get(ovf("size"))
        return f"{head}: `{el.get(ovf('href'))}`" + (f", {size} bytes" if size else "")
    if ref.kind == "disk":
        capacity, unit = el.get(ovf("capacity")), el.get(ovf("capacityAllocationUnits"))
        text = f"{head}: capacity {capacity}" + (f" × {unit}" if unit else " bytes")
        with contextlib.suppress(ValueError, cim.UnitsError):
            text += f" = {cim.to_bytes(int(capacity or ''), unit):,} bytes"
        file_ref = el.get(ovf("fileRef"))
        return text + (f", file `{file_ref}`" if file_ref else ", blank disk")
    if ref.kind == "network":
        description = _child_text(el, "Description")
        return head + (f": {description}" if description else "")
    if ref.kind == "configuration":
        label = _child_text(el, "Label")
        default = " (default)" if el.get(ovf("default")) in ("true", "1") else ""
        return head + default + (f": {label}" if label else "")
    if ref.kind == "message":
        return f"{head}: {(el.text or '').strip()}"
    item = el.getparent()
    if item is None:
        return head
    name = _child_text(item, "ElementName")
    kind = _child_text(item, "ResourceType")
    described = resource_type(kind) if kind else None
    return head + (f": {name}" if name else "") + (f" — {described}" if described else "")


def hover(an: Analysis, offset: int) -> lsp.Hover | None:
    """The hover text at `offset`, or None."""
    if an.root is None:
        return None
    ref = an.refs.at(offset)
    if ref is not None:
        defs = an.refs.definitions(ref)
        if ref.is_def:
            uses = len(an.refs.uses(ref))
            text = describe(an, ref) + f"\n\n{uses} reference{'s' if uses != 1 else ''}"
        elif defs:
            text = "\n\n".join(describe(an, d) for d in defs)
        else:
            text = f"{LABELS[ref.kind]} `{ref.key}` is not defined in this descriptor"
        return _hover(an, text, ref.start, ref.end)
    el, in_tag = an.element_at(offset)
    if el is None:
        return None
    if in_tag:
        for a in an.attrs(el):
            if not a.name_start <= offset <= a.value_end:
                continue
            said = _attribute(el, a.local, an.value(el, a))
            if said:
                return _hover(an, said, a.value_start, a.value_end)
        return None
    span = an.content(el)
    if span is None or not span[0] <= offset <= span[1] or len(el):
        return None
    value = an.text[span[0] : span[1]]
    meaning: str | None = None
    if is_cim(el, "ResourceType"):
        meaning = resource_type(value)
    elif isinstance(el.tag, str) and el.tag.endswith("Units") and CIM_NS_PREFIX in el.tag:
        meaning = units(value)
    return _hover(an, meaning, *span) if meaning else None


def _attribute(el: Element, attr: str, value: str) -> str | None:
    local = local_name(el.tag)
    if attr == "id" and local == "OperatingSystemSection":
        return os_type(value)
    if attr == "capacityAllocationUnits":
        return units(value)
    if attr == "type" and local == "Property":
        return property_type(value)
    if attr == "qualifiers":
        return qualifiers(value)
    return _BOOL.get(attr)


def _hover(an: Analysis, text: str, start: int, end: int) -> lsp.Hover:
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
        range=to_range(an, start, end),
    )
