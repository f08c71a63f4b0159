"""Converting descriptors between OVF versions: 0.9 to 1.x, 1.x to 2.0, 2.0 to 1.x.

The namespace of the envelope changes (its declarations and xsi:schemaLocation), ovf:version is
set, and what the versions spell differently is rewritten: OVF 0.9's `Section`/`Content` with
xsi:type become the named elements, `InstanceId` becomes `InstanceID`, `BusNumber` the `Address` (dropped when there is one),
`Caption` gives the
`ElementName` 1.x requires (RASD/VSSD children kept in the schema's alphabetical order), and
`ovf:defaultValue` becomes `ovf:value`. Everything else is kept as written. OVF 2.0 content 1.x
cannot express (StorageItem, EthernetPortItem, sections and attributes new in 2.0) is refused
with the list of what and where. The result must validate with no error the input did not have.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from ..document import OVF09_NS, OVF1_NS, OVF2_NS, OvfDocument, parse, serialize
from ..errors import EditError
from ..namespaces import RASD_NS, VSSD_NS, XSI_TYPE, xsi_type_name
from ..xmlsafe import parse_xml

VERSIONS = ("1.0", "1.1", "2.0")
# an XML name without a colon (what an xsi:type's local part must be to become an element name)
_NCNAME = re.compile(r"[^\W\d][\w.\-]*")
_CIM = (RASD_NS, VSSD_NS)
# elements and attributes of the OVF 2 envelope schema that OVF 1.x has no place for
_ONLY_2 = {
    "StorageItem",
    "EthernetPortItem",
    "SharedDiskSection",
    "ScaleOutSection",
    "PlacementGroupSection",
    "PlacementSection",
    "EncryptionSection",
    "EnvironmentFilesSection",
    "BootDeviceSection",
    "NetworkPortProfile",
    "NetworkPortProfileURI",
}
_ONLY_2_ATTRS = {"Property": {"configuration"}, "Msg": {"fileRef"}, "Item": {"bound"}}


def convert(doc: OvfDocument, to: str) -> OvfDocument:
    """The document in OVF version `to` ("1.0", "1.1" or "2.0"), as a new OvfDocument."""
    if to not in VERSIONS:
        raise EditError(f"cannot convert to OVF {to!r}", hint="use --to 1.0, 1.1 or 2.0")
    data = serialize(doc)
    source_ns = doc.namespace
    if source_ns == OVF09_NS:
        data = _from_0_9(data)
        source_ns = OVF1_NS
    target_ns = OVF2_NS if to == "2.0" else OVF1_NS
    if source_ns == OVF2_NS and target_ns == OVF1_NS:
        _refuse_2_only(data, doc.source or "<document>")
    if source_ns != target_ns:
        data = _swap_namespace(data, source_ns, target_ns)
    data = _set_version(data, to, target_ns)
    result = parse(data, name=doc.source)
    _check_valid(serialize(doc), data, to)
    return result


def _swap_namespace(data: bytes, old: str, new: str) -> bytes:
    """Rename the namespace where it is declared or named (schemaLocation): prefixes, order
    and formatting stay."""
    pattern = re.escape(old.encode()) + rb'(?=["\'\s])'
    return re.sub(pattern, new.encode(), data)


def _tree(data: bytes) -> etree._Element:
    root: etree._Element = parse_xml(data, "<converted>").getroot()
    return root


_MARKUP = re.compile(rb"<(!--.*?-->|\?.*?\?>|!DOCTYPE[^>]*>)?", re.S)


def _root_start(data: bytes) -> int:
    """Where the root element's start tag begins (after the declaration, comments, PIs)."""
    position = 0
    while (match := _MARKUP.search(data, position)) is not None:
        if match.group(1) is None:
            return match.start()
        position = match.end()
    return 0


def _bytes(root: etree._Element, original: bytes) -> bytes:
    head = original[: original.find(b"?>") + 2] + b"\n" if original.startswith(b"<?xml") else b""
    body: bytes = etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=False)
    return head + body + b"\n"


def _from_0_9(data: bytes) -> bytes:
    root = _tree(_swap_namespace(data, OVF09_NS, OVF1_NS))
    ovf = "{" + OVF1_NS + "}"
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        kind = (el.get(XSI_TYPE) or "").strip()  # a QName: whitespace collapsed
        local = etree.QName(el).localname
        if kind and local in ("Section", "Content") and el.tag.startswith(ovf):
            typed = xsi_type_name(el, {})
            ns, _, name = (typed or "}")[1:].partition("}")
            name = name.removesuffix("_Type")
            if typed is None or not _NCNAME.fullmatch(name):
                raise EditError(
                    f"xsi:type {kind!r} names no element type"
                    + (" (its prefix is not declared)" if typed is None else "")
                    + f", so this {local} has no OVF 1.x name",
                    line=el.sourceline,
                    hint="fix the xsi:type (e.g. ovf:DiskSection_Type) and convert again",
                )
            # OVF's types become OVF elements (ovf:DiskSection_Type: DiskSection); a vendor's
            # become the vendor's element (vmw:Foo_Type: vmw:Foo), as OVF 1.x writes them
            el.tag = "{" + ns + "}" + name
            del el.attrib[XSI_TYPE]
        if local == "Property" and el.tag.startswith(ovf) and ovf + "defaultValue" in el.attrib:
            el.set(ovf + "value", el.attrib.pop(ovf + "defaultValue"))
        if etree.QName(el).namespace in _CIM:
            _cim_item(el)
    return _bytes(root, data)


def _cim_item(el: etree._Element) -> None:
    ns = "{" + str(etree.QName(el).namespace) + "}"
    if etree.QName(el).localname == "InstanceId":
        el.tag = ns + "InstanceID"
        parent = el.getparent()
        if parent is not None:
            _cim_order(parent, ns)


def _cim_order(item: etree._Element, ns: str) -> None:
    """ElementName from Caption where missing; CIM children in the schema's (alphabetical) order."""
    children = [c for c in item if isinstance(c.tag, str) and c.tag.startswith(ns)]
    names = {etree.QName(c).localname for c in children}
    for bus in [c for c in children if etree.QName(c).localname == "BusNumber"]:
        # 0.9's BusNumber is the controller's Address in CIM 2.x (dropped when both are given)
        if "Address" in names:
            children.remove(bus)
            item.remove(bus)
        else:
            bus.tag = ns + "Address"
            names.add("Address")
    if "ElementName" not in names:
        caption = next((c for c in children if etree.QName(c).localname == "Caption"), None)
        element_name = etree.SubElement(item, ns + "ElementName")
        if caption is not None:
            element_name.text = caption.text
        elif "VirtualSystemSettingData" in ns:
            element_name.text = "Virtual Hardware Family"
        else:
            instance = next(
                (c.text for c in children if etree.QName(c).localname == "InstanceID"), ""
            )
            element_name.text = f"Item {instance}"
        children.append(element_name)
    tail = children[0].tail if children else None
    last_tail = item[-1].tail if len(item) else None
    for child in children:
        item.remove(child)
    children.sort(key=lambda c: etree.QName(c).localname)
    for index, child in enumerate(children):
        child.tail = tail
        item.insert(index, child)
    if len(item):
        item[-1].tail = last_tail


def _refuse_2_only(data: bytes, name: str) -> None:
    root = _tree(data)
    found: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or not el.tag.startswith("{" + OVF2_NS + "}"):
            continue
        local = etree.QName(el).localname
        if local in _ONLY_2:
            found.append(f"{local} (line {el.sourceline})")
        for attr in _ONLY_2_ATTRS.get(local, ()):
            if el.get("{" + OVF2_NS + "}" + attr) is not None:
                found.append(f"ovf:{attr} on {local} (line {el.sourceline})")
    if found:
        raise EditError(
            "OVF 1.x cannot express " + ", ".join(found),
            file=name,
            hint="remove or replace them (StorageItem/EthernetPortItem as RASD Items) first",
        )


def _set_version(data: bytes, to: str, ns: str) -> bytes:
    root = _tree(data)
    key = "{" + ns + "}version"
    if to == "1.0" and root.get(key) is None:
        return data
    # only the start tag of the root changes: edit its text, keep the rest byte for byte
    start = _root_start(data)
    end = data.find(b">", start)
    tag = data[start:end]
    prefix = next((p for p, u in root.nsmap.items() if u == ns and p), None)
    if prefix is None:
        return data
    attr = prefix.encode() + b":version"
    if re.search(rb"\s" + attr + rb"\s*=", tag):
        tag = re.sub(
            rb"(\s" + attr + rb'\s*=\s*)(["\']).*?\2', rb"\g<1>\g<2>" + to.encode() + rb"\g<2>", tag
        )
    else:
        tag = tag + b" " + attr + b'="' + to.encode() + b'"'
    return data[:start] + tag + data[end:]


def _check_valid(before: bytes, after: bytes, to: str) -> None:
    from ..validation import validate

    def errors(data: bytes) -> list[tuple[str, str]]:
        report = validate(data)
        return [(d.code, d.message) for d in report.diagnostics if d.severity.value == "error"]

    old = Counter(code for code, _ in errors(before))
    new = errors(after)
    seen: Counter[str] = Counter()
    added: list[str] = []
    for code, message in new:
        seen[code] += 1
        if seen[code] > old[code]:
            added.append(f"{code} {message}")
    if added:
        raise EditError(
            f"the OVF {to} result would not validate: "
            + "; ".join(added[:5])
            + (f" (and {len(added) - 5} more)" if len(added) > 5 else ""),
            hint="fix these in the source first, or convert to another version",
        )
