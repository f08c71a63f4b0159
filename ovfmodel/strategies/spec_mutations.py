"""Mutations for the rules added when the validator was checked against DSP0243 clause by clause
(OVF005-OVF006, OVF109-OVF112, OVF207-OVF211, OVF307-OVF313, OVF411-OVF419, OVF606-OVF609).
Each is one local edit of a valid document; `mutations.MUTATIONS` includes them."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from ..cim import UnitsError, parse_allocation_units
from ..document import OVF1_NS, OVF2_NS, OvfDocument
from ._base import _U64, _msg
from ._edit import (
    Mutation,
    _all,
    _content_nodes,
    _fresh,
    _hardware_items,
    _items,
    _leaf_items,
    _module,
    _pick_disk,
    _pick_file,
    _pick_property,
    _sections,
    _value,
)

_E = frozenset
_NOT_RANGED = (
    "address",
    "address_on_parent",
    "automatic_allocation",
    "automatic_deallocation",
    "connection",
    "host_resource",
    "parent",
    "pool_id",
)

# -- References (7.1, 10)


def _mut_other_scheme(doc: OvfDocument, draw: DrawFn) -> bool:
    f = _pick_file(doc, draw)
    if f is None:
        return False
    f.href = draw(st.sampled_from(["ftp://", "smb://", "nfs://"])) + "host.example/" + f.href
    return True


def _mut_dot_segments(doc: OvfDocument, draw: DrawFn) -> bool:
    f = _pick_file(doc, draw)
    if f is None:
        return False
    f.href = draw(st.sampled_from(["../", "a/../../"])) + f.href
    return True


def _mut_duplicate_href(doc: OvfDocument, draw: DrawFn) -> bool:
    files: list[Any] = list(doc.envelope.references.file)
    if len(files) < 2:
        return False
    first, second = draw(st.permutations(files))[:2]
    second.href = first.href
    return True


def _mut_strings_bundle_not_first(doc: OvfDocument, draw: DrawFn) -> bool:
    files = doc.envelope.references.file
    if not files:
        return False
    m = _module(doc)
    fid = _fresh("bundle", {f.id for f in files})
    files.append(m.FileType(id=fid, href=fid + ".xml"))
    doc.envelope.strings.append(m.StringsType(lang="x-bundle", file_ref=fid))
    return True


# -- DiskSection (9.1)


def _content_disks(doc: OvfDocument) -> list[tuple[Any, list[Any]]]:
    """(DiskSection, its Disks that have content)."""
    return [(s, [d for d in s.disk if d.file_ref]) for s in _sections(doc.envelope, "DiskSection")]


def _mut_parent_disk_not_before(doc: OvfDocument, draw: DrawFn) -> bool:
    picked = _pick_disk(doc, draw)
    if picked is None:
        return False
    section, disk = picked
    later = section.disk[section.disk.index(disk) :]
    disk.parent_ref = draw(st.sampled_from(later)).disk_id  # itself or a Disk after it
    return True


def _mut_disk_without_format(doc: OvfDocument, draw: DrawFn) -> bool:
    disks = [d for _, ds in _content_disks(doc) for d in ds]
    if not disks:
        return False
    draw(st.sampled_from(disks)).format = None
    return True


def _mut_shared_disk_file(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = [(ds[i], ds[j]) for _, ds in _content_disks(doc) for i in range(len(ds))
             for j in range(i + 1, len(ds))]  # fmt: skip
    if not pairs:
        return False
    first, later = draw(st.sampled_from(pairs))
    later.file_ref = first.file_ref
    return True


def _mut_disks_out_of_order(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = [(ds[i], ds[j]) for _, ds in _content_disks(doc) for i in range(len(ds))
             for j in range(i + 1, len(ds))]  # fmt: skip
    if not pairs:
        return False
    first, later = draw(st.sampled_from(pairs))
    first.file_ref, later.file_ref = later.file_ref, first.file_ref
    return True


def _mut_populated_above_capacity(doc: OvfDocument, draw: DrawFn) -> bool:
    candidates: list[tuple[Any, int]] = []
    for section in _sections(doc.envelope, "DiskSection"):
        for d in section.disk:
            capacity = str(d.capacity)
            if not capacity.isdigit():
                continue
            try:
                factor = parse_allocation_units(d.capacity_allocation_units or "byte")
            except UnitsError:
                continue
            above = int(capacity) * factor + 1
            if above <= 2**63 - 1:
                candidates.append((d, above))
    if not candidates:
        return False
    disk, above = draw(st.sampled_from(candidates))
    disk.populated_size = draw(st.integers(above, 2**63 - 1))
    return True


# -- sections (Table 5, 9.7), 2.x sections


def _mut_section_misplaced(doc: OvfDocument, draw: DrawFn) -> bool:
    if doc.family.model_ns != OVF1_NS:
        return False  # Table 5 is checked for 0.9 and 1.x
    m = _module(doc)
    node = draw(st.sampled_from(_content_nodes(doc)))
    if type(node).__name__ == "VirtualSystem":
        node.sections.append(m.StartupSection(info=_msg(m, "Startup order")))
    else:
        node.sections.append(m.OperatingSystemSection(info=_msg(m, "Guest OS"), id=1))
    return True


def _mut_section_twice(doc: OvfDocument, draw: DrawFn) -> bool:
    if doc.family.model_ns != OVF1_NS:
        return False
    m = _module(doc)
    node = draw(st.sampled_from(_content_nodes(doc)))
    count = 1 if _sections(node, "AnnotationSection") else 2
    for _ in range(count):
        node.sections.append(
            m.AnnotationSection(info=_msg(m, "Annotation"), annotation=_msg(m, "note"))
        )
    return True


def _mut_bad_startup_action(doc: OvfDocument, draw: DrawFn) -> bool:
    entries = [e for s in _all(doc.envelope, "StartupSection") for e in s.item]
    if not entries:
        return False
    entry = draw(st.sampled_from(entries))
    if draw(st.booleans()):
        entry.start_action = draw(st.sampled_from(["start", "PowerOn", "resume"]))
    else:
        entry.stop_action = draw(st.sampled_from(["stop", "suspend", "shutdown"]))
    return True


def _v2_collections(doc: OvfDocument) -> list[Any]:
    if doc.family.model_ns != OVF2_NS:
        return []
    return [c for c in _all(doc.envelope, "VirtualSystemCollection") if c.content]


def _mut_scale_out_count(doc: OvfDocument, draw: DrawFn) -> bool:
    collections = _v2_collections(doc)
    if not collections:
        return False
    m = _module(doc)
    coll = draw(st.sampled_from(collections))
    high = draw(st.integers(1, 100))
    count = m.ScaleOutSectionTypeInstanceCount(default=high + 1, maximum=high)
    child = draw(st.sampled_from(coll.content)).id
    coll.sections.append(
        m.ScaleOutSection(info=_msg(m, "Scale out"), id=child, instance_count=[count])
    )
    return True


def _mut_scale_out_id(doc: OvfDocument, draw: DrawFn) -> bool:
    collections = _v2_collections(doc)
    if not collections:
        return False
    m = _module(doc)
    coll = draw(st.sampled_from(collections))
    count = m.ScaleOutSectionTypeInstanceCount(default=1)
    coll.sections.append(
        m.ScaleOutSection(info=_msg(m, "Scale out"), id="no-such-child", instance_count=[count])
    )
    return True


def _mut_placement_group(doc: OvfDocument, draw: DrawFn) -> bool:
    if doc.family.model_ns != OVF2_NS:
        return False
    m = _module(doc)
    vs = draw(st.sampled_from(_all(doc.envelope, "VirtualSystem")))
    vs.sections.append(m.PlacementSection(info=_msg(m, "Placement"), group="no-such-group"))
    return True


def _mut_hardware_id_twice(doc: OvfDocument, draw: DrawFn) -> bool:
    m = _module(doc)
    vs = draw(st.sampled_from(_all(doc.envelope, "VirtualSystem")))
    sections = _sections(vs, "VirtualHardwareSection")
    if not sections:
        return False
    first = sections[0]
    if not first.id:
        first.id = "hw"
    vs.sections.append(m.VirtualHardwareSection(info=_msg(m, "More hardware"), id=first.id))
    return True


# -- items sharing an InstanceID, range markers (9.8, 8.4), backings, transport


def _marker(item: Any, bound: str) -> Any:
    """A range marker made from a normal item: its integer values, nothing else."""
    marker = copy.deepcopy(item)
    marker.bound = bound
    for name in _NOT_RANGED:
        if hasattr(marker, name):
            setattr(marker, name, [] if isinstance(getattr(marker, name), list) else None)
    return marker


def _compute(doc: OvfDocument) -> list[tuple[Any, Any]]:
    """(section, CPU or memory Item) of a VirtualHardwareSection, without ovf:bound."""
    return [(hw, it) for hw, it in _items(doc) if _value(it.resource_type) in (3, 4)]


def _mut_second_marker(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = _compute(doc)
    if not pairs:
        return False
    hw, item = draw(st.sampled_from(pairs))
    bound = draw(st.sampled_from(["min", "max"]))
    hw.item.extend([_marker(item, bound), _marker(item, bound)])
    return True


def _mut_item_overridden(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = [(hw, it) for hw, it in _items(doc) if it in _leaf_items(doc)]
    if not pairs:
        return False
    hw, item = draw(st.sampled_from(pairs))
    hw.item.append(copy.deepcopy(item))
    return True


def _mut_no_resource_type(doc: OvfDocument, draw: DrawFn) -> bool:
    leaves = [it for it in _leaf_items(doc) if _value(it.resource_type) not in (15, 16)]
    if not leaves:
        return False
    draw(st.sampled_from(leaves)).resource_type = None
    return True


def _mut_lone_marker(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = _compute(doc)
    if not pairs:
        return False
    hw, item = draw(st.sampled_from(pairs))
    marker = _marker(item, draw(st.sampled_from(["min", "max"])))
    taken = {str(_value(it.instance_id)) for it in _hardware_items(hw)}
    marker.instance_id = type(item.instance_id)(value=_fresh("marker", taken))
    hw.item.append(marker)
    return True


def _mut_default_outside_range(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = [(hw, it) for hw, it in _compute(doc) if it.virtual_quantity is not None]
    pairs = [(hw, it) for hw, it in pairs if _value(it.virtual_quantity) < _U64]
    if not pairs:
        return False
    hw, item = draw(st.sampled_from(pairs))
    marker = _marker(item, "min")
    above = draw(st.integers(_value(item.virtual_quantity) + 1, _U64))
    marker.virtual_quantity = type(item.virtual_quantity)(value=above)
    hw.item.append(marker)
    return True


def _mut_marker_device_setting(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = [
        (hw, it)
        for hw, it in _items(doc)
        if it.host_resource or it.connection or it.parent is not None
    ]
    if not pairs:
        return False
    hw, item = draw(st.sampled_from(pairs))
    marker = copy.deepcopy(item)
    marker.bound = draw(st.sampled_from(["min", "max"]))
    hw.item.append(marker)
    return True


def _mut_two_backings(doc: OvfDocument, draw: DrawFn) -> bool:
    items = [it for _, it in _items(doc) if len(it.host_resource) == 1]
    if not items:
        return False
    item = draw(st.sampled_from(items))
    item.host_resource.append(copy.deepcopy(item.host_resource[0]))
    return True


def _mut_iso_without_cdrom(doc: OvfDocument, draw: DrawFn) -> bool:
    sections = [
        hw
        for hw in _all(doc.envelope, "VirtualHardwareSection")
        if not any(_value(it.resource_type) in (15, 16) for it in _hardware_items(hw))
    ]
    if not sections:
        return False
    draw(st.sampled_from(sections)).transport = "iso"
    return True


def _mut_unprefixed_item_attribute(doc: OvfDocument, draw: DrawFn) -> bool:
    leaves = _leaf_items(doc)
    if not leaves:
        return False
    item = draw(st.sampled_from(leaves))
    name = draw(st.sampled_from(["configuration", "bound", "required"]))
    item.any_attributes[name] = {"configuration": "big", "bound": "max", "required": "false"}[name]
    return True


# -- ProductSection (9.5, 9.8)


def _mut_product_pair_twice(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = [(n, s) for n in _content_nodes(doc) for s in _sections(n, "ProductSection")]
    if not pairs:
        return False
    node, section = draw(st.sampled_from(pairs))
    node.sections.append(copy.deepcopy(section))
    return True


def _mut_two_values_one_configuration(doc: OvfDocument, draw: DrawFn) -> bool:
    props = [
        p
        for s in _all(doc.envelope, "ProductSection")
        for p in s.category_or_property
        if hasattr(p, "key") and p.value
    ]
    if not props:
        return False
    prop = draw(st.sampled_from(props))
    prop.value.append(copy.deepcopy(draw(st.sampled_from(prop.value))))
    return True


def _mut_qualifier_not_allowed(doc: OvfDocument, draw: DrawFn) -> bool:
    picked = _pick_property(doc, draw)
    if picked is None:
        return False
    prop = picked[1]
    if str(prop.type_value) == "string":
        prop.qualifiers = "MinValue(0)"  # a number qualifier on a string
    else:
        prop.qualifiers = "MinLen(0)"  # a string qualifier on another type
    return True


def _mut_qualifiers_without_commas(doc: OvfDocument, draw: DrawFn) -> bool:
    strings = [
        p
        for s in _all(doc.envelope, "ProductSection")
        for p in s.category_or_property
        if hasattr(p, "key") and str(p.type_value) == "string"
    ]
    if not strings:
        return False
    draw(st.sampled_from(strings)).qualifiers = "MinLen(0) MaxLen(100000)"
    return True


def _mut_unknown_qualifier(doc: OvfDocument, draw: DrawFn) -> bool:
    picked = _pick_property(doc, draw)
    if picked is None:
        return False
    prop = picked[1]
    unknown = draw(st.sampled_from(["Pattern(x)", "Ip(4)", "Units{GB}"]))
    prop.qualifiers = f"{prop.qualifiers},{unknown}" if prop.qualifiers else unknown
    return True


# -- structure the schema checks (OVF005, OVF006 without it)


def _mut_no_content(doc: OvfDocument, draw: DrawFn) -> bool:
    doc.envelope.content = None
    return True


def _mut_section_without_info(doc: OvfDocument, draw: DrawFn) -> bool:
    sections = [
        s
        for container in [doc.envelope, *_content_nodes(doc)]
        for s in container.sections
        if hasattr(s, "info")
    ]
    if not sections:
        return False
    draw(st.sampled_from(sections)).info = None
    return True


SPEC_MUTATIONS = (
    Mutation("no_content", "OVF005", "the Envelope loses its VirtualSystem or collection",
             _mut_no_content, _E({"OVF107", "OVF203"})),
    Mutation("section_without_info", "OVF006", "a section loses its Info",
             _mut_section_without_info),
    Mutation("other_url_scheme", "OVF109", "a File href is an ftp:, smb: or nfs: URL",
             _mut_other_scheme),
    Mutation("dot_segments", "OVF110", "a File href climbs out with ..", _mut_dot_segments),
    Mutation("duplicate_href", "OVF111", "two Files get the same href", _mut_duplicate_href),
    Mutation("strings_bundle_not_first", "OVF112",
             "an external Strings bundle's File is added after the other Files",
             _mut_strings_bundle_not_first),
    Mutation("parent_disk_not_before", "OVF207",
             "a Disk's parentRef names itself or a Disk after it", _mut_parent_disk_not_before),
    Mutation("disk_without_format", "OVF208", "a Disk with content loses its ovf:format",
             _mut_disk_without_format),
    Mutation("shared_disk_file", "OVF209", "a Disk names the File of an earlier Disk",
             _mut_shared_disk_file, _E({"OVF107"})),
    Mutation("disks_out_of_order", "OVF210", "two Disks swap their Files",
             _mut_disks_out_of_order),
    Mutation("populated_above_capacity", "OVF211",
             "a Disk's populatedSize exceeds its capacity", _mut_populated_above_capacity),
    Mutation("section_misplaced", "OVF307",
             "a StartupSection in a VirtualSystem, or an OperatingSystemSection in a collection "
             "(OVF 1.x)", _mut_section_misplaced),
    Mutation("section_twice", "OVF308", "a second AnnotationSection in one entity (OVF 1.x)",
             _mut_section_twice),
    Mutation("bad_startup_action", "OVF309", "a StartupSection entry's start or stop action "
             "is not one DSP0243 defines", _mut_bad_startup_action),
    Mutation("scale_out_count", "OVF310", "an InstanceCount default above its maximum (2.x)",
             _mut_scale_out_count),
    Mutation("scale_out_id", "OVF311", "a ScaleOutSection names no child (2.x)",
             _mut_scale_out_id),
    Mutation("placement_group", "OVF312", "a PlacementSection names no group (2.x)",
             _mut_placement_group),
    Mutation("hardware_id_twice", "OVF313",
             "a second VirtualHardwareSection with the first one's id", _mut_hardware_id_twice),
    Mutation("second_range_marker", "OVF411", "two min (or max) markers for one InstanceID",
             _mut_second_marker),
    Mutation("item_overridden", "OVF412", "an Item repeated with the same InstanceID",
             _mut_item_overridden),
    Mutation("no_resource_type", "OVF413", "an Item loses its ResourceType",
             _mut_no_resource_type),
    Mutation("lone_range_marker", "OVF414", "a range marker for an InstanceID no Item has",
             _mut_lone_marker),
    Mutation("default_outside_range", "OVF415",
             "a min marker above the normal VirtualQuantity", _mut_default_outside_range),
    Mutation("marker_device_setting", "OVF416",
             "a range marker copied with HostResource, Connection or Parent",
             _mut_marker_device_setting),
    Mutation("two_backings", "OVF417", "a device gets a second HostResource",
             _mut_two_backings),
    Mutation("iso_without_cdrom", "OVF418",
             'ovf:transport="iso" on a VirtualHardwareSection without CD-ROM',
             _mut_iso_without_cdrom),
    Mutation("unprefixed_item_attribute", "OVF419",
             "an Item attribute configuration, bound or required written without ovf:",
             _mut_unprefixed_item_attribute),
    Mutation("product_pair_twice", "OVF606",
             "a ProductSection repeated with its class and instance in one entity",
             _mut_product_pair_twice),
    Mutation("two_values_one_configuration", "OVF607",
             "a Property's Value repeated for its configuration",
             _mut_two_values_one_configuration),
    Mutation("qualifier_not_allowed", "OVF608",
             "MinValue on a string property, or MinLen on another type",
             _mut_qualifier_not_allowed),
    Mutation("qualifiers_without_commas", "OVF610",
             "a string property's qualifiers separated by a space",
             _mut_qualifiers_without_commas),
    Mutation("unknown_qualifier", "OVF609", "a qualifier DSP0243 does not define is added",
             _mut_unknown_qualifier),
)  # fmt: skip
"""The mutations of the rules added from the DSP0243 clause-by-clause review."""
