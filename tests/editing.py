"""Shared checks for the edit tests: an edit changes what it is about and nothing else."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

from lxml import etree

import ovfmodel
from ovfmodel.edit import Editor

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"
VENDOR = [
    DATA / "vmware-ovftool-appliance.ovf",
    DATA / "cisco-appliance-deployment-options.ovf",
    DATA / "generic-ovf20-storage-ethernet-items.ovf",
    DATA / "virtualbox-7-ovf20.ovf",
    DATA / "virtualbox-6-ovf10.ovf",
    DATA / "vmware-esxi-vendor-sections.ovf",
    DATA / "xenserver-xencenter-export.ovf",
    DATA / "generic-strings-localization.ovf",
    EXAMPLES / "appliance.ovf",
]

Touched = Callable[[etree._Element], bool]


def local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def child_text(el: etree._Element, name: str) -> str | None:
    for child in el:
        if local(child) == name:
            return str(child.text or "").strip()
    return None


def item_of_type(*types: int) -> Touched:
    """Items (any kind) whose rasd:ResourceType is one of `types`."""

    def touched(el: etree._Element) -> bool:
        if local(el) not in ("Item", "StorageItem", "EthernetPortItem"):
            return False
        text = child_text(el, "ResourceType")
        return text is not None and text.isdigit() and int(text) in types

    return touched


def named(*names: str) -> Touched:
    return lambda el: local(el) in names


def either(*checks: Touched) -> Touched:
    return lambda el: any(check(el) for check in checks)


def rest(data: bytes, touched: Touched) -> str:
    """C14N 2.0 of the document (comments kept) without the touched elements."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(data, parser)
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el is not root and touched(el):
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
    for el in root.iter():
        if el.text is not None and not el.text.strip():
            el.text = None
        if el.tail is not None and not el.tail.strip():
            el.tail = None
    text = etree.tostring(root, encoding="unicode")
    return str(etree.canonicalize(text, with_comments=True))


def errors(data: bytes) -> list[str]:
    report = ovfmodel.validate(data)
    return [f"{d.code} {d.message}" for d in report.diagnostics if d.severity.value == "error"]


def check_edit(
    source: Path | bytes, edit: Callable[[Editor], object], touched: Touched
) -> tuple[ovfmodel.OvfDocument, bytes]:
    """Apply `edit`; assert the rest is C14N-equal, no validation error, reads back equal."""
    original = source.read_bytes() if isinstance(source, Path) else source
    doc = ovfmodel.parse(original)
    edit(Editor(doc))
    out = ovfmodel.serialize(doc)
    assert rest(out, touched) == rest(original, touched)
    known = set(errors(original))  # a vendor file may break the schema already
    assert [e for e in errors(out) if e not in known] == []
    assert ovfmodel.parse(out) == doc
    assert ovfmodel.serialize(ovfmodel.parse(out)) == out
    return doc, out


def vmdk_image(path: Path, capacity: int, *, stream: bool = True) -> Path:
    """A VMDK hosted sparse extent header (no grains): enough for the header reader."""
    descriptor = (
        "# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\n"
        f'createType="{"streamOptimized" if stream else "monolithicSparse"}"\n'
    ).encode()
    header = bytearray(512)
    flags = (1 | 2 | (1 << 16) | (1 << 17)) if stream else (1 | 2)
    struct.pack_into(
        "<4sIIQQQQ", header, 0, b"KDMV", 3 if stream else 1, flags, capacity // 512, 128, 1, 1
    )
    struct.pack_into("<H", header, 77, 1 if stream else 0)
    path.write_bytes(bytes(header) + descriptor.ljust(512, b"\0"))
    return path


def qcow2_image(path: Path, capacity: int) -> Path:
    header = bytearray(104)
    struct.pack_into(">4sIQIIQ", header, 0, b"QFI\xfb", 3, 0, 0, 16, capacity)
    path.write_bytes(bytes(header))
    return path
