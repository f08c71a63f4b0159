"""Mutations of the descriptor's frame: its version and a value outside its schema type
(OVF002, OVF004), References and disks (OVF1xx, OVF2xx, OVF108), content and sections
(OVF3xx). Each is one local edit of a valid document; `mutations.MUTATIONS` lists
`ENVELOPE_MUTATIONS` first, then `system_mutations` and `spec_mutations`."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn
from xsdata.formats.dataclass.models.generics import AnyElement

from .. import model
from ..document import OVF1_NS, OvfDocument
from ._base import _U16, VENDOR_NS, _cim, _msg, xml_text
from ._edit import (
    Mutation,
    _all,
    _content_nodes,
    _fresh,
    _items,
    _module,
    _ovf,
    _pick_disk,
    _pick_file,
    _raw_text,
    _sections,
)

# -- version and schema types


def _mut_version_mismatch(doc: OvfDocument, draw: DrawFn) -> bool:
    wrong = "2.0" if doc.family.model_ns == OVF1_NS else draw(st.sampled_from(["1.0", "1.1"]))
    doc.envelope.any_attributes[_ovf(doc, "version")] = wrong
    return True


def _mut_value_not_of_schema_type(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = _items(doc)
    if not pairs:
        return False
    _, item = draw(st.sampled_from(pairs))
    item.virtual_quantity = _cim(type(item), "virtual_quantity", 1)
    _raw_text(item, "VirtualQuantity", draw(st.sampled_from(["${cpus}", "lots", "1.5"])))
    return True


# -- References


def _mut_duplicate_file_id(doc: OvfDocument, draw: DrawFn) -> bool:
    files = doc.envelope.references.file
    if not files:
        return False
    twin: Any = copy.deepcopy(draw(st.sampled_from(files)))
    twin.href = "twin-" + twin.href
    files.append(twin)
    return True


def _mut_unsafe_href(doc: OvfDocument, draw: DrawFn) -> bool:
    f = _pick_file(doc, draw)
    if f is None:
        return False
    # an absolute path or a drive letter: no relative-path reference (.. is OVF110, file: OVF103)
    f.href = draw(st.sampled_from(["/srv/", "C:\\", "/"])) + f.href
    return True


def _mut_remote_href(doc: OvfDocument, draw: DrawFn, scheme: str) -> bool:
    f = _pick_file(doc, draw)
    if f is None:
        return False
    f.href = f"{scheme}://downloads.example.com/{f.href}"
    return True


def _mut_chunk_size_not_positive(doc: OvfDocument, draw: DrawFn) -> bool:
    f = _pick_file(doc, draw)
    if f is None:
        return False
    f.chunk_size = draw(st.integers(-(2**63), 0))
    return True


def _mut_chunk_href(doc: OvfDocument, draw: DrawFn) -> bool:
    f = _pick_file(doc, draw)
    if f is None:
        return False
    f.chunk_size = draw(st.integers(1, 2**40))
    f.href += "." + f"{draw(st.integers(0, 999)):09d}"
    return True


def _mut_unused_file(doc: OvfDocument, draw: DrawFn) -> bool:
    files = doc.envelope.references.file
    fid = _fresh("spare", {f.id for f in files})
    files.append(_module(doc).FileType(id=fid, href=fid + ".bin"))
    return True


# -- disks


def _mut_duplicate_disk_id(doc: OvfDocument, draw: DrawFn) -> bool:
    picked = _pick_disk(doc, draw)
    if picked is None:
        return False
    section, disk = picked
    twin = copy.deepcopy(disk)
    twin.file_ref = None  # an empty disk: two Disks naming one File is OVF209
    twin.parent_ref = None
    section.disk.append(twin)
    return True


def _mut_dangling_file_ref(doc: OvfDocument, draw: DrawFn) -> bool:
    picked = _pick_disk(doc, draw)
    if picked is None:
        return False
    disk = picked[1]
    disk.file_ref = "no-such-file"
    if disk.format is None:  # a Disk with content names its format (OVF208)
        disk.format = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"
    return True


def _mut_dangling_icon_ref(doc: OvfDocument, draw: DrawFn) -> bool:
    products = [s for c in model.iter_content(doc) for s in model.product_sections(c)]
    if not products:
        return False
    section = draw(st.sampled_from(products))
    section.icon.append(_module(doc).ProductSectionTypeIcon(file_ref="no-such-icon"))
    return True


def _mut_dangling_environment_file_ref(doc: OvfDocument, draw: DrawFn) -> bool:
    m = _module(doc)
    systems = _all(doc.envelope, "VirtualSystem")
    if not systems or not hasattr(m, "EnvironmentFilesSection"):  # OVF 2 only
        return False
    vs = draw(st.sampled_from(systems))
    entry = m.EnvironmentFileType(file_ref="no-such-file", path="missing.txt")
    found = _sections(vs, "EnvironmentFilesSection")
    if found:
        found[0].file.append(entry)
    else:
        vs.sections.append(m.EnvironmentFilesSection(info=_msg(m, "Files"), file=[entry]))
    return True


def _mut_dangling_strings_ref(doc: OvfDocument, draw: DrawFn) -> bool:
    bundles: list[Any] = doc.envelope.strings
    if bundles:
        draw(st.sampled_from(bundles)).file_ref = "no-such-file"
    else:
        bundles.append(_module(doc).StringsType(lang="de-DE", file_ref="no-such-file"))
    return True


def _mut_bad_capacity(doc: OvfDocument, draw: DrawFn) -> bool:
    picked = _pick_disk(doc, draw)
    if picked is None:
        return False
    picked[1].capacity = draw(st.sampled_from(["${no-such-property}", "12 GB", "-5", "1.5", ""]))
    return True


def _mut_bad_capacity_units(doc: OvfDocument, draw: DrawFn) -> bool:
    picked = _pick_disk(doc, draw)
    if picked is None:
        return False
    picked[1].capacity_allocation_units = draw(
        st.sampled_from(["bit * 2^3", "byte * 2^-1", "hertz * 10^6", "furlongs"])
    )
    return True


def _mut_dangling_parent_ref(doc: OvfDocument, draw: DrawFn) -> bool:
    picked = _pick_disk(doc, draw)
    if picked is None:
        return False
    picked[1].parent_ref = "no-such-disk"
    return True


def _mut_unused_disk(doc: OvfDocument, draw: DrawFn) -> bool:
    m = _module(doc)
    sections = _sections(doc.envelope, "DiskSection")
    if not sections:
        sections = [m.DiskSection(info=_msg(m, "Disks"))]
        doc.envelope.sections.insert(0, sections[0])
    taken = {d.disk_id for s in sections for d in s.disk}
    disk_id = _fresh("spare", taken)
    sections[0].disk.append(m.VirtualDiskDescType(disk_id=disk_id, capacity="1"))
    return True


# -- content and sections


def _mut_duplicate_content_id(doc: OvfDocument, draw: DrawFn) -> bool:
    collections = [c for c in _all(doc.envelope, "VirtualSystemCollection") if len(c.content) > 1]
    if not collections:
        return False
    coll = draw(st.sampled_from(collections))
    first, second = draw(st.permutations(coll.content))[:2]
    old = second.id
    second.id = first.id
    for startup in _sections(coll, "StartupSection"):  # keep StartupSection entries resolving
        for entry in startup.item:
            if entry.id == old:
                entry.id = first.id
    return True


def _mut_no_hardware(doc: OvfDocument, draw: DrawFn) -> bool:
    systems = _all(doc.envelope, "VirtualSystem")
    if not systems:
        return False
    vs = draw(st.sampled_from(systems))
    vs.sections = [s for s in vs.sections if type(s).__name__ != "VirtualHardwareSection"]
    return True


def _mut_unknown_startup_entry(doc: OvfDocument, draw: DrawFn) -> bool:
    collections = _all(doc.envelope, "VirtualSystemCollection")
    if not collections:
        return False
    coll = draw(st.sampled_from(collections))
    m = _module(doc)
    startups = _sections(coll, "StartupSection")
    if startups and startups[0].item:
        draw(st.sampled_from(startups[0].item)).id = "no-such-system"
    else:
        entry = m.StartupSectionTypeItem(id="no-such-system", order=draw(st.integers(0, _U16)))
        coll.sections.append(m.StartupSection(info=_msg(m, "Startup order"), item=[entry]))
    return True


def _vendor_section(doc: OvfDocument, draw: DrawFn, required: bool) -> bool:
    target = draw(st.sampled_from([doc.envelope, *_content_nodes(doc)]))
    attrs = {} if required else {_ovf(doc, "required"): "false"}
    info = AnyElement(qname=_ovf(doc, "Info"), text=draw(xml_text(max_size=20)))
    name = draw(st.sampled_from(["LicenseCheckSection", "BootOrderSection", "Tuning"]))
    target.sections.append(
        AnyElement(qname="{" + VENDOR_NS[0] + "}" + name, children=[info], attributes=attrs)
    )
    return True


def _mut_os_type_out_of_map(doc: OvfDocument, draw: DrawFn) -> bool:
    from ..cim import OsType

    systems = _all(doc.envelope, "VirtualSystem")
    if not systems:
        return False
    vs = draw(st.sampled_from(systems))
    os_id = draw(st.integers(0, _U16).filter(lambda v: v not in OsType._value2member_map_))
    found = _sections(vs, "OperatingSystemSection")
    if found:
        found[0].id = os_id
    else:
        m = _module(doc)
        vs.sections.insert(0, m.OperatingSystemSection(info=_msg(m, "Guest OS"), id=os_id))
    return True


_E = frozenset
ENVELOPE_MUTATIONS = (
        Mutation("version_mismatch", "OVF002",
                 "the Envelope's ovf:version names a version of the other namespace",
                 _mut_version_mismatch),
        Mutation("value_not_of_schema_type", "OVF004",
                 "an Item's VirtualQuantity is not a number (a template placeholder, say)",
                 _mut_value_not_of_schema_type),
        Mutation("duplicate_file_id", "OVF101", "a second References/File reuses an id",
                 _mut_duplicate_file_id),
        Mutation("unsafe_href", "OVF102", "a File href is an absolute path",
                 _mut_unsafe_href),
        Mutation("remote_href", "OVF103", "a File href is an https:// URL",
                 lambda d, draw: _mut_remote_href(d, draw, "https")),
        Mutation("cleartext_href", "OVF104", "a File href is an http:// URL",
                 lambda d, draw: _mut_remote_href(d, draw, "http")),
        Mutation("chunk_size_not_positive", "OVF105", "a File's ovf:chunkSize is 0 or negative",
                 _mut_chunk_size_not_positive),
        Mutation("chunk_href", "OVF106", "a chunked File's href ends in a chunk number",
                 _mut_chunk_href),
        Mutation("unused_file", "OVF107", "a File nothing refers to is added",
                 _mut_unused_file),
        Mutation("duplicate_disk_id", "OVF201", "a second Disk reuses a diskId",
                 _mut_duplicate_disk_id),
        Mutation("dangling_file_ref", "OVF202", "a Disk's fileRef names no File",
                 _mut_dangling_file_ref, _E({"OVF107"})),
        Mutation("dangling_icon_ref", "OVF108", "an Icon whose fileRef names no File is added",
                 _mut_dangling_icon_ref),
        Mutation("dangling_environment_file_ref", "OVF108",
                 "an EnvironmentFiles File whose fileRef names no File is added (OVF 2)",
                 _mut_dangling_environment_file_ref),
        Mutation("dangling_strings_ref", "OVF108",
                 "a Strings bundle's fileRef names no File (its msgids then count as external)",
                 _mut_dangling_strings_ref),
        Mutation("unused_disk", "OVF203", "a Disk no Item uses is added", _mut_unused_disk),
        Mutation("bad_capacity", "OVF204",
                 "a Disk's capacity is neither a whole number nor ${key} of a Property",
                 _mut_bad_capacity),
        Mutation("bad_capacity_units", "OVF205",
                 "a Disk's capacityAllocationUnits are not byte-based programmatic units",
                 _mut_bad_capacity_units),
        Mutation("dangling_parent_ref", "OVF206", "a Disk's parentRef names no Disk",
                 _mut_dangling_parent_ref),
        Mutation("duplicate_content_id", "OVF301",
                 "two siblings of a VirtualSystemCollection share an id (StartupSection "
                 "entries follow the rename)", _mut_duplicate_content_id),
        Mutation("no_hardware", "OVF302", "a VirtualSystem loses its VirtualHardwareSection",
                 _mut_no_hardware, _E({"OVF107", "OVF203"})),
        Mutation("unknown_startup_entry", "OVF303",
                 "a StartupSection entry names no child of its collection",
                 _mut_unknown_startup_entry),
        Mutation("required_unknown_section", "OVF304",
                 "a vendor section without ovf:required=\"false\"",
                 lambda d, draw: _vendor_section(d, draw, required=True)),
        Mutation("optional_unknown_section", "OVF305",
                 "a vendor section with ovf:required=\"false\"",
                 lambda d, draw: _vendor_section(d, draw, required=False)),
        Mutation("os_type_out_of_map", "OVF306",
                 "an OperatingSystemSection ovf:id outside CIM_OperatingSystem.OSType",
                 _mut_os_type_out_of_map),
)  # fmt: skip
"""The mutations of OVF002, OVF004 and OVF1xx to OVF3xx rules."""
