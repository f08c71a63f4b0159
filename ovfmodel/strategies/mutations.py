"""The mutations of DSP0243 rules known before clause-by-clause review, `MUTATIONS` and
`invalid_documents`."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy
from xsdata.formats.dataclass.models.generics import AnyElement

from .. import model
from ..document import OVF1_NS, OvfDocument
from ._base import _INT_RANGES, _U16, _U64, VENDOR_NS, Version, _cim, _msg, xml_text
from ._edit import (
    _EDIT_NS,
    InvalidDocument,
    Mutation,
    _all,
    _content_nodes,
    _fresh,
    _hardware_items,
    _items,
    _leaf_items,
    _module,
    _ovf,
    _parents,
    _pick_disk,
    _pick_file,
    _pick_property,
    _raw_text,
    _sections,
    _share_configuration,
    _value,
)
from .spec_mutations import SPEC_MUTATIONS
from .valid import valid_documents

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


# -- virtual hardware


def _mut_duplicate_instance_id(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs: list[tuple[Any, Any]] = []
    for hw in _all(doc.envelope, "VirtualHardwareSection"):
        items = _hardware_items(hw)
        parents = _parents(hw)
        for j, later in enumerate(items):
            if str(_value(later.instance_id)) in parents:
                continue  # its children would follow the renamed id to another item
            pairs.extend(  # 9.8: Items sharing an InstanceID must agree on ResourceType
                (first, later)
                for first in items[:j]
                if _value(first.resource_type) != _value(later.resource_type)
            )
    if not pairs:
        return False
    first, later = draw(st.sampled_from(pairs))
    later.instance_id = _cim(type(later), "instance_id", _value(first.instance_id))
    return True


def _mut_bad_parent(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = _items(doc)
    if not pairs:
        return False
    _, item = draw(st.sampled_from(pairs))
    item.parent = _cim(type(item), "parent", "no-such-instance")
    return True


def _mut_dangling_host_resource(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = _items(doc)
    if not pairs:
        return False
    _, item = draw(st.sampled_from(pairs))
    target = draw(st.sampled_from(["ovf:/disk/no-such-disk", "ovf:/file/no-such-file"]))
    item.host_resource = [_cim(type(item), "host_resource", target)]
    return True


_NETWORK_TYPES = (10, 11, 33)


def _mut_unknown_connection(doc: OvfDocument, draw: DrawFn) -> bool:
    nics = [it for _, it in _items(doc) if _value(it.resource_type) in _NETWORK_TYPES]
    if nics:
        item = draw(st.sampled_from(nics))
    else:
        leaves = _leaf_items(doc, keep_drives=True)
        if not leaves:
            return False
        item = draw(st.sampled_from(leaves))
        item.resource_type = _cim(type(item), "resource_type", 10)  # only NICs have Connections
    item.connection = [_cim(type(item), "connection", "no-such-network")]
    return True


def _mut_duplicate_address(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs: list[tuple[Any, Any]] = []
    for hw in _all(doc.envelope, "VirtualHardwareSection"):
        items = _hardware_items(hw)
        for a in items:
            if a.parent is None or a.address_on_parent is None:
                continue
            pairs.extend(
                (a, b)
                for b in items
                if b is not a
                and str(_value(b.instance_id)) != str(_value(a.parent))
                and _share_configuration(a, b)
            )
    if not pairs:
        return False
    a, b = draw(st.sampled_from(pairs))
    b.parent = _cim(type(b), "parent", _value(a.parent))
    b.address_on_parent = _cim(type(b), "address_on_parent", _value(a.address_on_parent))
    return True


def _mut_address_out_of_range(doc: OvfDocument, draw: DrawFn) -> bool:
    children: list[Any] = []
    ide: list[Any] = []
    for hw in _all(doc.envelope, "VirtualHardwareSection"):
        items = _hardware_items(hw)
        limited = {
            str(_value(it.instance_id)) for it in items if _value(it.resource_type) in (5, 6)
        }
        children.extend(it for it in items if str(_value(it.parent)) in limited)
        ide.extend(it for it in hw.item if _value(it.resource_type) == 5)
    choices = [(it, "address_on_parent", 16) for it in children] + [
        (it, "address", 2) for it in ide
    ]
    if not choices:
        return False
    item, field_name, low = draw(st.sampled_from(choices))
    setattr(item, field_name, _cim(type(item), field_name, str(draw(st.integers(low, 999)))))
    return True


def _compute_items(doc: OvfDocument) -> list[Any]:
    """CPU and memory Items."""
    return [it for _, it in _items(doc) if _value(it.resource_type) in (3, 4)]


def _mut_quantity_not_positive(doc: OvfDocument, draw: DrawFn) -> bool:
    items = _compute_items(doc)
    if not items:
        return False
    item = draw(st.sampled_from(items))
    item.virtual_quantity = _cim(type(item), "virtual_quantity", 0)
    return True


def _mut_item_units(doc: OvfDocument, draw: DrawFn) -> bool:
    items = _compute_items(doc)
    if not items:
        return False
    item = draw(st.sampled_from(items))
    wrong = "byte * 2^20" if _value(item.resource_type) == 3 else "hertz * 10^6"
    item.allocation_units = _cim(type(item), "allocation_units", wrong)
    return True


def _mut_resource_type_out_of_map(doc: OvfDocument, draw: DrawFn) -> bool:
    leaves = _leaf_items(doc, keep_drives=True)
    if not leaves:
        return False
    item = draw(st.sampled_from(leaves))
    _raw_text(item, "ResourceType", str(draw(st.integers(34, 32767))))
    return True


def _mut_value_not_of_schema_type(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = _items(doc)
    if not pairs:
        return False
    _, item = draw(st.sampled_from(pairs))
    item.virtual_quantity = _cim(type(item), "virtual_quantity", 1)
    _raw_text(item, "VirtualQuantity", draw(st.sampled_from(["${cpus}", "lots", "1.5"])))
    return True


def _mut_bad_bound(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = _items(doc)
    if not pairs:
        return False
    _, item = draw(st.sampled_from(pairs))
    item.bound = draw(st.sampled_from(["maximum", "Min", "typical", "normal "]))
    return True


# -- deployment options


def _mut_unknown_configuration(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = _items(doc)
    if not pairs:
        return False
    _, item = draw(st.sampled_from(pairs))
    item.configuration = "no-such-configuration"
    return True


def _mut_two_defaults(doc: OvfDocument, draw: DrawFn) -> bool:
    sections = _sections(doc.envelope, "DeploymentOptionSection")
    if not sections:
        return False
    configs = sections[0].configuration
    if len(configs) < 2:
        m = _module(doc)
        cid = _fresh("config", {c.id for c in configs})
        configs.append(
            m.DeploymentOptionSectionTypeConfiguration(
                id=cid, label=_msg(m, cid), description=_msg(m, cid)
            )
        )
    for c in draw(st.permutations(configs))[:2]:
        c.default = True
    return True


def _mut_duplicate_configuration_id(doc: OvfDocument, draw: DrawFn) -> bool:
    sections = _sections(doc.envelope, "DeploymentOptionSection")
    if not sections:
        return False
    twin = copy.deepcopy(draw(st.sampled_from(sections[0].configuration)))
    twin.default = False
    sections[0].configuration.append(twin)
    return True


# -- ProductSection and Strings


def _mut_duplicate_property_key(doc: OvfDocument, draw: DrawFn) -> bool:
    picked = _pick_property(doc, draw)
    if picked is None:
        return False
    section, prop = picked
    section.category_or_property.append(copy.deepcopy(prop))
    return True


def _retype(prop: Any, ptype: str, qualifiers: str | None, default: str) -> None:
    prop.type_value = ptype
    prop.qualifiers = qualifiers
    prop.value_attribute = default
    prop.value = []  # per-configuration values of the old type would not fit


def _mut_property_value_wrong_type(doc: OvfDocument, draw: DrawFn) -> bool:
    picked = _pick_property(doc, draw)
    if picked is None:
        return False
    ptype = draw(st.sampled_from([*_INT_RANGES, "boolean", "real32", "real64"]))
    if ptype in _INT_RANGES:
        lo, hi = _INT_RANGES[ptype]
        bad = draw(
            st.one_of(
                st.integers(hi + 1, hi * 4 + 1).map(str),
                st.integers(lo * 4 - 1, lo - 1).map(str) if lo < 0 else st.just("-1"),
                st.sampled_from(["x", "1.5", "0x10"]),
            )
        )
    elif ptype == "boolean":
        bad = draw(st.sampled_from(["yes", "no", "on", "2"]))
    else:
        bad = draw(st.sampled_from(["x", "1,5", "one"]))
    _retype(picked[1], ptype, None, bad)
    return True


def _mut_property_default_outside_qualifiers(doc: OvfDocument, draw: DrawFn) -> bool:
    picked = _pick_property(doc, draw)
    if picked is None:
        return False
    kind = draw(st.sampled_from(["MaxLen", "MinLen", "ValueMap", "MinValue", "MaxValue"]))
    if kind == "MaxLen":
        n = draw(st.integers(0, 8))
        args = ("string", f"MaxLen({n})", draw(xml_text(min_size=n + 1, max_size=n + 8)))
    elif kind == "MinLen":
        n = draw(st.integers(2, 8))  # an empty ovf:value is no default, so nothing to check
        args = ("string", f"MinLen({n})", draw(xml_text(min_size=1, max_size=n - 1)))
    elif kind == "ValueMap":
        args = ("string", 'ValueMap{"small","large"}', draw(st.sampled_from(["medium", "Small"])))
    else:
        limit = draw(st.integers(-1000, 1000))
        value = limit - 1 if kind == "MinValue" else limit + 1
        args = ("sint32", f"{kind}({limit})", str(value))
    _retype(picked[1], *args)
    return True


def _mut_unknown_property_type(doc: OvfDocument, draw: DrawFn) -> bool:
    picked = _pick_property(doc, draw)
    if picked is None:
        return False
    picked[1].type_value = draw(st.sampled_from(["int", "String", "float", "ip"]))
    return True


def _mut_msgid_without_string(doc: OvfDocument, draw: DrawFn) -> bool:
    messages = _all(doc.envelope, "MsgType")
    if not messages:
        return False
    draw(st.sampled_from(messages)).msgid = "no.such.msgid"
    return True


def _mut_outside_schema_type(doc: OvfDocument, draw: DrawFn) -> bool:
    files: list[Any] = list(doc.envelope.references.file)
    disks = _all(doc.envelope, "VirtualDiskDescType")
    if not files and not disks:
        return False
    if files and (not disks or draw(st.booleans())):
        draw(st.sampled_from(files)).size = draw(st.integers(-(2**63), -1))  # xs:unsignedLong
    else:
        draw(st.sampled_from(disks)).populated_size = draw(st.integers(2**63, _U64))  # xs:long
    return True


def _mut_version_mismatch(doc: OvfDocument, draw: DrawFn) -> bool:
    wrong = "2.0" if doc.family.model_ns == OVF1_NS else draw(st.sampled_from(["1.0", "1.1"]))
    doc.envelope.any_attributes[_ovf(doc, "version")] = wrong
    return True


_E = frozenset
MUTATIONS: dict[str, Mutation] = {
    m.name: m
    for m in (
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
        Mutation("duplicate_instance_id", "OVF401",
                 "an Item takes the InstanceID of an Item of another ResourceType",
                 _mut_duplicate_instance_id),
        Mutation("bad_parent", "OVF402", "an Item's Parent names no InstanceID",
                 _mut_bad_parent),
        Mutation("dangling_host_resource", "OVF403",
                 "an Item's HostResource ovf:/disk/ or ovf:/file/ names nothing",
                 _mut_dangling_host_resource, _E({"OVF107", "OVF203"})),
        Mutation("unknown_connection_network", "OVF404",
                 "a network adapter's Connection names no Network", _mut_unknown_connection),
        Mutation("duplicate_address_on_parent", "OVF405",
                 "two devices sit at one AddressOnParent of a controller",
                 _mut_duplicate_address),
        Mutation("address_out_of_range", "OVF406",
                 "an AddressOnParent (or IDE Address) the controller does not have",
                 _mut_address_out_of_range),
        Mutation("resource_type_out_of_map", "OVF407",
                 "an Item's ResourceType is DMTF reserved (outside the CIM value map)",
                 _mut_resource_type_out_of_map),
        Mutation("quantity_not_positive", "OVF408",
                 "a CPU or memory Item asks for VirtualQuantity 0", _mut_quantity_not_positive),
        Mutation("item_units_do_not_parse", "OVF409",
                 "memory in hertz or CPUs in bytes", _mut_item_units),
        Mutation("bad_bound", "OVF410", "an Item's ovf:bound is not min, max or normal",
                 _mut_bad_bound),
        Mutation("unknown_configuration", "OVF501",
                 "an Item's ovf:configuration names no Configuration",
                 _mut_unknown_configuration),
        Mutation("two_default_configurations", "OVF502",
                 "two Configurations have ovf:default=\"true\"", _mut_two_defaults),
        Mutation("duplicate_configuration_id", "OVF503",
                 "a second Configuration reuses an id", _mut_duplicate_configuration_id),
        Mutation("duplicate_property_key", "OVF601",
                 "a second Property with the same key in one ProductSection",
                 _mut_duplicate_property_key),
        Mutation("property_value_wrong_type", "OVF602",
                 "a Property's default is not a literal of its type",
                 _mut_property_value_wrong_type),
        Mutation("property_default_outside_qualifiers", "OVF603",
                 "a Property's default violates MinLen, MaxLen, ValueMap, MinValue or MaxValue",
                 _mut_property_default_outside_qualifiers),
        Mutation("unknown_property_type", "OVF604", "a Property's ovf:type is not a DSP0243 type",
                 _mut_unknown_property_type),
        Mutation("msgid_without_string", "OVF605", "an ovf:msgid no Strings bundle defines",
                 _mut_msgid_without_string),
        Mutation("outside_schema_type", "OVF901",
                 "a File ovf:size below 0 or a Disk ovf:populatedSize beyond xs:long",
                 _mut_outside_schema_type, schema=True),
    )
}  # fmt: skip
MUTATIONS.update((m.name, m) for m in SPEC_MUTATIONS)
"""Every named mutation; `rule` is the validator rule code each must trigger."""


def _finish(doc: OvfDocument) -> OvfDocument:
    """Apply `_raw_text` edits: serialize, set the marked children's text verbatim, parse."""
    from lxml import etree

    from ..document import parse, serialize, walk

    marked = [
        o
        for o in walk(doc.envelope)
        if any(k.startswith("{" + _EDIT_NS + "}") for k in getattr(o, "any_attributes", {}))
    ]
    if not marked:
        return doc
    root = etree.fromstring(serialize(doc))
    for el in root.iter():
        edits = {k: v for k, v in el.attrib.items() if k.startswith("{" + _EDIT_NS + "}")}
        for key, text in edits.items():
            del el.attrib[key]
            local = key.partition("}")[2]
            for child in el:
                if isinstance(child.tag, str) and etree.QName(child).localname == local:
                    child.text = text
    etree.cleanup_namespaces(root)
    return parse(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def invalid_documents(
    version: Version | None = None,
    mutations: Sequence[str] | None = None,
    *,
    max_depth: int = 2,
) -> SearchStrategy[InvalidDocument]:
    """Documents broken by exactly one mutation (of `mutations`, names from MUTATIONS; all when
    None), each tagged with the validation rule code that mutation must trigger."""
    names = list(MUTATIONS) if mutations is None else list(mutations)
    unknown = [n for n in names if n not in MUTATIONS]
    if unknown:
        raise ValueError(f"unknown mutations {unknown}; known: {', '.join(MUTATIONS)}")

    @st.composite
    def build(draw: DrawFn) -> InvalidDocument:
        mutation = MUTATIONS[draw(st.sampled_from(names))]
        doc = draw(valid_documents(version, max_depth=max_depth))
        original = copy.deepcopy(doc)
        if not mutation.apply(doc, draw):
            from hypothesis import assume

            assume(False)
        return InvalidDocument(_finish(doc), mutation.name, mutation.rule, original)

    return build()
