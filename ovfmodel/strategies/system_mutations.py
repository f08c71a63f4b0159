"""Mutations of what a virtual system asks for: hardware Items (OVF4xx), deployment options
(OVF5xx), product properties and messages (OVF6xx), and a size outside its schema type
(OVF901). Each is one local edit of a valid document; `mutations.MUTATIONS` lists
`SYSTEM_MUTATIONS` after `envelope_mutations`."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from ..document import OvfDocument
from ._base import _INT_RANGES, _U64, _cim, _msg, xml_text
from ._edit import (
    Mutation,
    _all,
    _fresh,
    _hardware_items,
    _items,
    _leaf_items,
    _module,
    _parents,
    _pick_property,
    _raw_text,
    _sections,
    _share_configuration,
    _value,
)

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


_E = frozenset
SYSTEM_MUTATIONS = (
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
)  # fmt: skip
"""The mutations of OVF4xx to OVF6xx and OVF901 rules."""
