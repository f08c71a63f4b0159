"""Completion: element and attribute names from the schema, enumerated values, defined ids.

The context is read from the text itself (the buffer is often not well-formed while typing):
the tag being typed, or the element whose text holds the cursor, and the elements open around
it. Ids come from the last analysis that had a tree; names from `ovfmodel.lsp.schema`; values
from `ovfmodel.cim` and the builder's device subtypes.
"""

from __future__ import annotations

from lsprotocol import types as lsp

from ovfmodel import cim
from ovfmodel.builder.hardware import NicSubtype, ScsiSubtype
from ovfmodel.markup import Token, attributes, open_elements, tag_at

from .analysis import Analysis
from .hover import describe, resource_type
from .references import DISK_URI, FILE_URI, LABELS
from .schema import model_for
from .text import TextMap

XMLNS = "http://www.w3.org/2000/xmlns/"
UNITS = ("byte", "byte * 2^10", "byte * 2^20", "byte * 2^30", "byte * 2^40", "hertz * 10^6")
CONTROLLER_SUBTYPES = (*(s.value for s in ScsiSubtype), "AHCI", "vmware.sata.ahci", "PIIX4")
_ATTR_REFS = {"fileRef": "file", "parentRef": "disk", "msgid": "message"}
_BOOLEANS = ("true", "false")


def _nsmap(text: str, tags: list[Token]) -> dict[str, str]:
    found: dict[str, str] = {"xml": "http://www.w3.org/XML/1998/namespace"}
    for tok in tags:
        for a in attributes(text, tok):
            if a.name == "xmlns":
                found[""] = text[a.value_start : a.value_end]
            elif a.name.startswith("xmlns:"):
                found[a.name[6:]] = text[a.value_start : a.value_end]
    return found


def _clark(name: str, nsmap: dict[str, str], attribute: bool = False) -> str:
    prefix, _, local = name.rpartition(":")
    uri = nsmap.get(prefix, "") if (prefix or not attribute) else ""
    return f"{{{uri}}}{local}" if uri else local


def _written(clark: str, nsmap: dict[str, str], attribute: bool = False) -> str | None:
    """How to write a Clark name with the prefixes in scope (None if its namespace has none)."""
    uri, _, local = clark[1:].partition("}") if clark.startswith("{") else ("", "", clark)
    if not uri:
        return local
    if not attribute and nsmap.get("") == uri:
        return local
    for prefix, bound in nsmap.items():
        if bound == uri and prefix:
            return f"{prefix}:{local}"
    return None


def complete(
    text: str, line: int, character: int, an: Analysis | None, encoding: str = "utf-16"
) -> list[lsp.CompletionItem]:
    """The completion items at LSP position (line, character) of `text`; `an` is the latest
    analysis with a tree (possibly of an earlier version: it only supplies the ids)."""
    tmap = an.map if an is not None and an.text == text else TextMap(text, encoding)
    offset = tmap.offset(line, character)
    tok = tag_at(text, offset)
    if tok is not None and tok.kind in ("start", "empty"):
        stack = open_elements(text, tok.start)
        nsmap = _nsmap(text, [*stack, tok])
        if offset <= tok.name_end:
            return _element_names(text, stack, nsmap, tok.start + 1, offset, tmap)
        for a in attributes(text, tok):
            if a.value_start <= offset <= a.value_end:
                element = _clark(tok.name, nsmap)
                return _attribute_values(
                    text, element, a.name, a.value_start, a.value_end, offset, an, tmap
                )
        return _attribute_names(text, stack, tok, nsmap, offset, tmap)
    if tok is not None:
        return []
    stack = open_elements(text, offset)
    if not stack:
        return []
    nsmap = _nsmap(text, stack)
    start = stack[-1].end
    if text.rfind("<", start, offset) >= 0:
        return []
    raw = text[start:offset]
    begin = start + len(raw) - len(raw.lstrip())
    stop = text.find("<", offset)
    stop = len(text) if stop < 0 else stop
    end = stop - (len(text[offset:stop]) - len(text[offset:stop].rstrip()))
    return _text_values(
        text, stack[-1].name.rpartition(":")[2], begin, max(end, offset), offset, an, tmap
    )


def _edit(tmap: TextMap, start: int, end: int, new: str) -> lsp.TextEdit:
    sl, sc = tmap.position(start)
    el, ec = tmap.position(end)
    return lsp.TextEdit(
        range=lsp.Range(
            start=lsp.Position(line=sl, character=sc), end=lsp.Position(line=el, character=ec)
        ),
        new_text=new,
    )


def _item(
    label: str,
    tmap: TextMap,
    start: int,
    end: int,
    kind: lsp.CompletionItemKind,
    detail: str | None = None,
    insert: str | None = None,
    doc: str | None = None,
) -> lsp.CompletionItem:
    return lsp.CompletionItem(
        label=label,
        kind=kind,
        detail=detail,
        documentation=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=doc) if doc else None,
        text_edit=_edit(tmap, start, end, insert if insert is not None else label),
        filter_text=insert if insert is not None else label,
    )


def _element_names(
    text: str, stack: list[Token], nsmap: dict[str, str], start: int, offset: int, tmap: TextMap
) -> list[lsp.CompletionItem]:
    root = _clark(stack[0].name, nsmap) if stack else ""
    model = model_for(root[1:].partition("}")[0]) if root.startswith("{") else None
    if model is None or not stack:
        return []
    allowed = model.allowed_at([_clark(t.name, nsmap) for t in stack])
    items = []
    for clark, doc in allowed.elements.items():
        name = _written(clark, nsmap)
        if name is not None:
            items.append(
                _item(name, tmap, start, offset, lsp.CompletionItemKind.Class, doc=doc or None)
            )
    return items


def _attribute_names(
    text: str, stack: list[Token], tok: Token, nsmap: dict[str, str], offset: int, tmap: TextMap
) -> list[lsp.CompletionItem]:
    root = _clark((stack[0] if stack else tok).name, nsmap)
    model = model_for(root[1:].partition("}")[0]) if root.startswith("{") else None
    if model is None:
        return []
    allowed = model.allowed_at([_clark(t.name, nsmap) for t in [*stack, tok]])
    present = {a.name for a in attributes(text, tok)}
    begin = offset
    while begin > tok.name_end and not text[begin - 1].isspace():
        begin -= 1
    items = []
    for clark, doc in allowed.attributes.items():
        name = _written(clark, nsmap, attribute=True)
        if name is None or name in present:
            continue
        required = clark in allowed.required_attributes
        items.append(
            _item(
                name,
                tmap,
                begin,
                offset,
                lsp.CompletionItemKind.Property,
                detail="required" if required else None,
                insert=f'{name}=""',
                doc=doc or None,
            )
        )
    return items


def _ids(an: Analysis | None, kind: str) -> list[tuple[str, str]]:
    if an is None or an.root is None:
        return []
    return [(r.key, describe(an, r)) for r in an.refs.keys(kind)]


def _instance_ids(an: Analysis | None) -> list[tuple[str, str]]:
    if an is None or an.root is None:
        return []
    seen: dict[str, str] = {}
    for r in an.refs.all:
        if r.kind == "instance" and r.is_def and r.key not in seen:
            seen[r.key] = describe(an, r)
    return list(seen.items())


def _attribute_values(
    text: str,
    element: str,
    attr: str,
    start: int,
    end: int,
    offset: int,
    an: Analysis | None,
    tmap: TextMap,
) -> list[lsp.CompletionItem]:
    local = attr.rpartition(":")[2]
    elocal = element.rpartition("}")[2]
    ref = lsp.CompletionItemKind.Reference
    enum = lsp.CompletionItemKind.EnumMember
    if local == "configuration":  # a space-separated list: complete the word at the cursor
        begin = offset
        while begin > start and not text[begin - 1].isspace():
            begin -= 1
        stop = offset
        while stop < end and not text[stop].isspace():
            stop += 1
        return [_item(k, tmap, begin, stop, ref, doc=d) for k, d in _ids(an, "configuration")]
    if local in _ATTR_REFS:
        kind = _ATTR_REFS[local]
        return [
            _item(k, tmap, start, end, ref, detail=LABELS[kind], doc=d) for k, d in _ids(an, kind)
        ]
    if local in ("required", "default"):
        return [_item(v, tmap, start, end, enum) for v in _BOOLEANS]
    if local == "bound":
        return [_item(v, tmap, start, end, enum) for v in ("min", "max", "normal")]
    if local == "type" and elocal == "Property":
        return [_item(t.value, tmap, start, end, enum) for t in cim.PropertyType]
    if local == "id" and elocal == "OperatingSystemSection":
        return [
            _item(str(int(t)), tmap, start, end, enum, detail=t.describe(), insert=str(int(t)))
            for t in cim.OsType
        ]
    if local == "capacityAllocationUnits":
        return [_item(u, tmap, start, end, enum) for u in UNITS if u.startswith("byte")]
    return []


def _text_values(
    text: str, element: str, start: int, end: int, offset: int, an: Analysis | None, tmap: TextMap
) -> list[lsp.CompletionItem]:
    ref = lsp.CompletionItemKind.Reference
    enum = lsp.CompletionItemKind.EnumMember
    if element == "ResourceType":
        return [
            _item(
                str(int(t)),
                tmap,
                start,
                end,
                enum,
                detail=t.describe(),
                doc=resource_type(str(int(t))),
            )
            for t in cim.ResourceType
        ]
    if element == "HostResource":
        typed = text[start:offset]
        for prefix, kind in ((DISK_URI, "disk"), (FILE_URI, "file")):
            if typed.startswith(prefix):
                return [
                    _item(k, tmap, start + len(prefix), end, ref, detail=LABELS[kind], doc=d)
                    for k, d in _ids(an, kind)
                ]
        return [
            _item(prefix + k, tmap, start, end, ref, detail=LABELS[kind], doc=d)
            for prefix, kind in ((DISK_URI, "disk"), (FILE_URI, "file"))
            for k, d in _ids(an, kind)
        ]
    if element == "Connection":
        return [
            _item(k, tmap, start, end, ref, detail="Network", doc=d) for k, d in _ids(an, "network")
        ]
    if element == "Parent":
        return [
            _item(k, tmap, start, end, ref, detail="InstanceID", doc=d)
            for k, d in _instance_ids(an)
        ]
    if element in ("AllocationUnits", "VirtualQuantityUnits"):
        return [_item(u, tmap, start, end, enum) for u in UNITS]
    if element == "ResourceSubType":
        return [
            *(_item(s.value, tmap, start, end, enum, detail="network adapter") for s in NicSubtype),
            *(_item(s, tmap, start, end, enum, detail="controller") for s in CONTROLLER_SUBTYPES),
        ]
    return []
