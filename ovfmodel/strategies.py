"""Hypothesis strategies for OVF descriptors: valid documents and single-mutation invalid ones.

Install the optional extra to use them: ``pip install 'ovfmodel[strategies]'``.

* `valid_documents(version)` draws `OvfDocument` objects (OVF 1.x or 2.0) that the pristine DMTF
  XSD accepts and whose cross references all resolve: random mixes of envelope and content
  sections, nested VirtualSystemCollections, virtual hardware with items of every CIM resource
  type, product properties of every DSP0243 type with matching qualifiers, deployment options,
  Strings bundles, vendor extension elements and attributes, unicode text (XML-legal characters
  only) and values from the smallest to the largest of their schema types.
* `invalid_documents(version, mutations)` draws `InvalidDocument` values: a valid document
  broken by exactly one named mutation from `MUTATIONS` (dangling fileRef, duplicate
  InstanceID, ...), tagged with the semantic-validation rule code it must trigger.
* `xml_text()`, `xml_names()` and `vendor_elements()` are the building blocks, public because
  they are useful on their own.

Example::

    from hypothesis import given
    from ovfmodel import parse, serialize
    from ovfmodel.strategies import valid_documents

    @given(valid_documents())
    def test_round_trip(doc):
        assert parse(serialize(doc)) == doc
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from types import ModuleType, UnionType
from typing import Any, Literal

try:
    from hypothesis import strategies as st
    from hypothesis.strategies import DrawFn, SearchStrategy
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "ovfmodel.strategies needs the 'hypothesis' package; install the optional extra with "
        "pip install 'ovfmodel[strategies]'"
    ) from exc

from xsdata.formats.dataclass.models.generics import AnyElement

from ._generated import ovf_envelope_1 as ovf1
from ._generated import ovf_envelope_2 as ovf2
from ._generated.wscim_common import CimString
from .cim import PROPERTY_INT_RANGES
from .document import OVF1_NS, OVF2_NS, OvfDocument

__all__ = [
    "MUTATIONS",
    "PROPERTY_TYPES",
    "VENDOR_NS",
    "InvalidDocument",
    "Mutation",
    "Version",
    "invalid_documents",
    "valid_documents",
    "vendor_elements",
    "xml_names",
    "xml_text",
]

Version = Literal["1", "2"]
"""The OVF schema family: "1" (namespace envelope/1, OVF 1.0/1.1) or "2" (envelope/2, OVF 2.x)."""

VENDOR_NS = ("http://vendor.example/ovf/ext", "urn:example:ovf:ext2")
"""Namespaces used for generated vendor extension elements and attributes."""

PROPERTY_TYPES = (
    "uint8", "sint8", "uint16", "sint16", "uint32", "sint32", "uint64", "sint64",
    "boolean", "string", "real32", "real64",
)  # fmt: skip
"""The ProductSection Property types of DSP0243 (clause 9.5)."""

_INT_RANGES = PROPERTY_INT_RANGES
_U16 = 2**16 - 1
_U64 = 2**64 - 1
_LANGS = ("en-US", "de-DE", "fr", "ja-JP", "zh-Hans-CN", "pt-BR", "x-klingon")

# --------------------------------------------------------------------------- building blocks


_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)


def _xml_char(c: str) -> bool:
    o = ord(c)
    return (
        o in (0x9, 0xA, 0xD)
        or 0x20 <= o <= 0xD7FF
        or 0xE000 <= o <= 0xFFFD
        or 0x10000 <= o <= 0x10FFFF
    )


def xml_text(*, min_size: int = 0, max_size: int = 40) -> SearchStrategy[str]:
    """Unicode text made only of characters XML 1.0 allows (tab, newlines and CR included)."""
    chars = st.characters(
        min_codepoint=0x9,
        exclude_categories=_SURROGATES,
        exclude_characters="\ufffe\uffff",
    ).filter(_xml_char)
    return st.text(chars, min_size=min_size, max_size=max_size)


def _plain_text(max_size: int = 20) -> SearchStrategy[str]:
    """Printable text without leading/trailing whitespace (for names and identifiers)."""
    chars = st.characters(
        min_codepoint=0x21, exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp", "Co", "Cn")
    ).filter(_xml_char)
    return st.text(chars, min_size=1, max_size=max_size)


def xml_names() -> SearchStrategy[str]:
    """NCNames (XML names without a colon), ASCII and non-ASCII."""
    first = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_éßДλ")
    rest = st.text(
        st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-._éДλ"), min_size=0, max_size=8
    )
    return st.builds(lambda a, b: a + b, first, rest).filter(
        lambda n: not n.lower().startswith("xml")
    )


@st.composite
def _vendor_element(draw: DrawFn, depth: int) -> AnyElement:
    ns = draw(st.sampled_from(VENDOR_NS))
    name = draw(xml_names())
    attrs = draw(
        st.dictionaries(
            st.one_of(xml_names(), st.builds(lambda n: "{" + VENDOR_NS[0] + "}" + n, xml_names())),
            xml_text(max_size=12),
            max_size=3,
        )
    )
    children: list[object] = []
    text: str | None = None
    if depth > 0 and draw(st.booleans()):
        children = draw(st.lists(_vendor_element(depth - 1), min_size=1, max_size=3))
    else:
        text = draw(st.one_of(st.none(), xml_text(min_size=1, max_size=30)))
    return AnyElement(
        qname="{" + ns + "}" + name, text=text, tail=None, children=children, attributes=attrs
    )


def vendor_elements(max_depth: int = 2) -> SearchStrategy[AnyElement]:
    """Vendor extension elements (xsdata AnyElement) in a non-OVF namespace, nested up to
    `max_depth`, with plain and namespaced attributes and unicode text."""
    return _vendor_element(max_depth)


def _vendor_attrs() -> SearchStrategy[dict[str, str]]:
    return st.dictionaries(
        st.builds(lambda ns, n: "{" + ns + "}" + n, st.sampled_from(VENDOR_NS), xml_names()),
        xml_text(max_size=16),
        max_size=2,
    )


# --------------------------------------------------------------------------- CIM helpers


def _strip(tp: Any) -> Any:
    """The class of a field hint like `None | X` or `list[X]`."""
    origin = typing.get_origin(tp)
    if origin is list:
        return _strip(typing.get_args(tp)[0])
    if origin in (typing.Union, UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _strip(args[0])
    return tp


@cache
def _hints(cls: type) -> dict[str, Any]:
    return {k: _strip(v) for k, v in typing.get_type_hints(cls).items()}


def _cim(owner: type, field_name: str, value: Any) -> Any:
    """A CIM property element of `owner.field_name` holding `value` (enums converted)."""
    cls = _hints(owner)[field_name]
    vtype = _hints(cls)["value"]
    if isinstance(vtype, type) and issubclass(vtype, Enum):
        value = vtype(value)
    return cls(value=value)


def _msg(m: ModuleType, value: str, msgid: str = "") -> Any:
    return m.MsgType(value=value, msgid=msgid)


# --------------------------------------------------------------------------- valid documents


@dataclass
class _Ctx:
    """What has been drawn so far, so that every reference drawn later resolves."""

    m: ModuleType
    files: list[str] = dataclasses.field(default_factory=list)
    disks: list[str] = dataclasses.field(default_factory=list)
    networks: list[str] = dataclasses.field(default_factory=list)
    configs: list[str] = dataclasses.field(default_factory=list)
    content_ids: set[str] = dataclasses.field(default_factory=set)
    msgids: list[str] = dataclasses.field(default_factory=list)
    addresses: dict[str, set[int]] = dataclasses.field(default_factory=dict)

    @property
    def v2(self) -> bool:
        return self.m is ovf2


def _unique(prefix: str, n: int, taken: set[str] | None = None) -> list[str]:
    out: list[str] = []
    i = 1
    while len(out) < n:
        cand = f"{prefix}{i}"
        if taken is None or cand not in taken:
            out.append(cand)
        i += 1
    return out


@st.composite
def _ids(draw: DrawFn, prefix: str, n: int) -> list[str]:
    """n distinct identifiers: plain `prefix1`, ... or with a unicode suffix."""
    base = _unique(prefix, n)
    suffixes = draw(st.lists(st.one_of(st.just(""), xml_names()), min_size=n, max_size=n))
    return [b + ("-" + s if s else "") for b, s in zip(base, suffixes, strict=True)]


@st.composite
def _info(draw: DrawFn, ctx: _Ctx) -> Any:
    text = draw(xml_text(max_size=30))
    msgid = ""
    if ctx.msgids and draw(st.integers(0, 3)) == 0:
        msgid = draw(st.sampled_from(ctx.msgids))
    return _msg(ctx.m, text, msgid)


@st.composite
def _references(draw: DrawFn, ctx: _Ctx) -> Any:
    m = ctx.m
    n = draw(st.integers(0, 4))
    ids = draw(_ids("file", n))
    files = []
    for fid in ids:
        href = draw(st.sampled_from(["disk.vmdk", "image.iso", "data/blob.bin", "a b.img"]))
        files.append(
            m.FileType(
                id=fid,
                href=f"{fid}-{href}".replace(" ", "%20"),
                size=draw(st.one_of(st.none(), st.integers(0, _U64))),
                compression=draw(st.sampled_from(["", "gzip"])),
                any_attributes=draw(_vendor_attrs()),
            )
        )
    ctx.files = ids
    return m.ReferencesType(file=files)


@st.composite
def _disk_section(draw: DrawFn, ctx: _Ctx) -> Any:
    m = ctx.m
    n = draw(st.integers(1, 3))
    ids = draw(_ids("vmdisk", n))
    unused = list(ctx.files)
    disks = []
    for did in ids:
        file_ref = None
        if draw(st.booleans()) and unused:
            file_ref = unused.pop(0)
        capacity = draw(st.one_of(st.integers(1, 2**62).map(str), st.just("${disk_size}")))
        if capacity.startswith("$"):
            capacity = str(draw(st.integers(1, 2**40)))  # keep it numeric: no property needed
        disks.append(
            m.VirtualDiskDescType(
                disk_id=did,
                file_ref=file_ref,
                capacity=capacity,
                capacity_allocation_units=draw(
                    st.sampled_from(["byte", "byte * 2^20", "byte * 2^30"])
                ),
                format=draw(
                    st.sampled_from(
                        [
                            None,
                            "http://www.vmware.com/interfaces/specifications/vmdk.html"
                            "#streamOptimized",
                        ]
                    )
                ),
                populated_size=draw(st.one_of(st.none(), st.integers(0, 2**63 - 1))),
            )
        )
    ctx.disks = ids
    return m.DiskSection(info=draw(_info(ctx)), disk=disks)


@st.composite
def _network_section(draw: DrawFn, ctx: _Ctx) -> Any:
    m = ctx.m
    names = draw(
        st.lists(_plain_text(16), min_size=1, max_size=3, unique=True).filter(
            lambda ns: all(n.strip() == n for n in ns)
        )
    )
    nets = [
        m.NetworkSectionTypeNetwork(
            name=name,
            description=draw(st.one_of(st.none(), st.builds(lambda t: _msg(m, t), xml_text()))),
        )
        for name in names
    ]
    ctx.networks = names
    return m.NetworkSection(info=draw(_info(ctx)), network=nets)


@st.composite
def _deployment_option_section(draw: DrawFn, ctx: _Ctx) -> Any:
    m = ctx.m
    n = draw(st.integers(1, 3))
    ids = draw(_ids("config", n))
    default = draw(st.one_of(st.none(), st.sampled_from(ids)))
    configs = [
        m.DeploymentOptionSectionTypeConfiguration(
            id=cid,
            default=cid == default,
            label=_msg(m, draw(xml_text(min_size=1, max_size=20))),
            description=_msg(m, draw(xml_text(max_size=30))),
        )
        for cid in ids
    ]
    ctx.configs = ids
    return m.DeploymentOptionSection(info=draw(_info(ctx)), configuration=configs)


# -- hardware


_CONTROLLERS = (5, 6, 7, 8, 9, 23)  # IDE, SCSI, FC, iSCSI, IB, USB
_UNITS = {3: "hertz * 10^6", 4: "byte * 2^20", 10: None, 17: "byte", 31: "byte"}


@st.composite
def _item_kwargs(draw: DrawFn, ctx: _Ctx, cls: type, rtype: int, iid: str,
                 parents: list[str]) -> dict[str, Any]:  # fmt: skip
    kw: dict[str, Any] = {
        "element_name": _cim(cls, "element_name", draw(_plain_text(24))),
        "instance_id": _cim(cls, "instance_id", iid),
        "resource_type": _cim(cls, "resource_type", rtype),
    }
    if draw(st.booleans()):
        kw["description"] = _cim(cls, "description", draw(xml_text(max_size=30)))
    if rtype in (3, 4) or draw(st.integers(0, 4)) == 0:
        low = 1 if rtype in (3, 4) else 0  # CPU and memory ask for a positive quantity (OVF408)
        kw["virtual_quantity"] = _cim(cls, "virtual_quantity", draw(st.integers(low, _U64)))
        units = _UNITS.get(rtype)
        if units:
            kw["allocation_units"] = _cim(cls, "allocation_units", units)
    if draw(st.integers(0, 3)) == 0:
        kw["reservation"] = _cim(cls, "reservation", draw(st.integers(0, _U64)))
        kw["limit"] = _cim(cls, "limit", draw(st.integers(0, _U64)))
        kw["weight"] = _cim(cls, "weight", draw(st.integers(0, 2**32 - 1)))
    if rtype in (10, 11, 33) and ctx.networks:
        kw["connection"] = [_cim(cls, "connection", draw(st.sampled_from(ctx.networks)))]
        kw["automatic_allocation"] = _cim(cls, "automatic_allocation", draw(st.booleans()))
        kw["resource_sub_type"] = _cim(
            cls, "resource_sub_type", draw(st.sampled_from(["E1000", "VmxNet3", "virtio"]))
        )
    if rtype in (14, 15, 16, 17, 31) and parents:
        parent = draw(st.sampled_from(parents))
        kw["parent"] = _cim(cls, "parent", parent)
        used = ctx.addresses.setdefault(parent, set())
        free = [a for a in (0, 1) if a not in used]  # 0-1 fits every controller kind (OVF406)
        if free:
            used.add(free[0])
            kw["address_on_parent"] = _cim(cls, "address_on_parent", str(free[0]))
    if rtype in (17, 31) and ctx.disks and draw(st.booleans()):
        disk = draw(st.sampled_from(ctx.disks))
        kw["host_resource"] = [_cim(cls, "host_resource", f"ovf:/disk/{disk}")]
    elif rtype in (15, 16) and ctx.files and draw(st.booleans()):
        kw["host_resource"] = [
            _cim(cls, "host_resource", f"ovf:/file/{draw(st.sampled_from(ctx.files))}")
        ]
    if rtype in _CONTROLLERS and draw(st.booleans()):
        kw["address"] = _cim(cls, "address", str(draw(st.integers(0, 1))))
    if draw(st.integers(0, 4)) == 0:
        kw["any_attributes"] = draw(_vendor_attrs())
    if draw(st.integers(0, 5)) == 0:
        kw["other_element"] = [draw(vendor_elements(1))]
    return kw


@st.composite
def _hardware_section(draw: DrawFn, ctx: _Ctx) -> Any:
    m = ctx.m
    # every resource type at least sometimes; controllers first so that drives can name them
    types = draw(st.lists(st.integers(1, 33), min_size=1, max_size=8))
    types.sort(key=lambda t: (t not in _CONTROLLERS, t))
    iids = draw(st.lists(st.integers(1, 10**6), min_size=len(types), max_size=len(types),
                         unique=True))  # fmt: skip
    items: list[Any] = []
    controllers: list[str] = []
    for rtype, n in zip(types, iids, strict=True):
        iid = str(n)
        kw = draw(_item_kwargs(ctx, m.RasdType, rtype, iid, controllers))
        if ctx.configs and draw(st.integers(0, 3)) == 0:
            kw["configuration"] = " ".join(
                draw(st.lists(st.sampled_from(ctx.configs), min_size=1, max_size=2, unique=True))
            )
        if draw(st.integers(0, 5)) == 0:
            kw["required"] = False
        items.append(m.RasdType(**kw))
        if rtype in _CONTROLLERS:
            controllers.append(iid)
    extra: dict[str, Any] = {}
    if ctx.v2 and draw(st.integers(0, 3)) == 0:
        taken = set(map(str, iids))
        sid, eid = _unique("", 2, taken)
        skw = draw(_item_kwargs(ctx, m.SasdType, 31, sid, controllers))
        skw.pop("other_element", None)
        ekw = draw(_item_kwargs(ctx, m.EpasdType, 10, eid, []))
        ekw.pop("other_element", None)
        extra = {"storage_item": [m.SasdType(**skw)], "ethernet_port_item": [m.EpasdType(**ekw)]}
    system = None
    if draw(st.booleans()):
        vs = m.VssdType
        system = vs(
            element_name=_cim(vs, "element_name", "Virtual Hardware Family"),
            instance_id=_cim(vs, "instance_id", "0"),
            virtual_system_identifier=_cim(vs, "virtual_system_identifier", draw(_plain_text())),
            virtual_system_type=_cim(
                vs, "virtual_system_type", draw(st.sampled_from(["vmx-13", "xen-3.0-x86_64"]))
            ),
        )
    return m.VirtualHardwareSection(
        info=draw(_info(ctx)),
        system=system,
        item=items,
        transport=draw(st.sampled_from(["", "iso", "com.vmware.guestInfo iso"])),
        **extra,
    )


# -- products


@st.composite
def _property(draw: DrawFn, ctx: _Ctx, key: str) -> Any:
    m = ctx.m
    ptype = draw(st.sampled_from(PROPERTY_TYPES))
    qualifiers: str | None = None
    values: SearchStrategy[str]
    if ptype in _INT_RANGES:
        lo, hi = _INT_RANGES[ptype]
        values = st.integers(lo, hi).map(str)
        if draw(st.integers(0, 3)) == 0:
            allowed = draw(st.lists(st.integers(lo, hi), min_size=1, max_size=4, unique=True))
            qualifiers = "ValueMap{" + ",".join(f'"{a}"' for a in allowed) + "}"
            values = st.sampled_from([str(a) for a in allowed])
    elif ptype == "boolean":
        values = st.sampled_from(["true", "false"])
    elif ptype in ("real32", "real64"):
        values = st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr)
    else:
        values = xml_text(max_size=20)
        kind = draw(st.integers(0, 4))
        if kind == 1:
            n = draw(st.integers(0, 30))
            qualifiers = f"MaxLen({n})"
            values = xml_text(max_size=n)
        elif kind == 2:
            n = draw(st.integers(0, 5))
            qualifiers = f"MinLen({n})"
            values = xml_text(min_size=n, max_size=n + 10)
        elif kind == 3:
            allowed_s = draw(
                st.lists(st.text("abcdefgxyz0123456789_", min_size=1, max_size=6), min_size=1,
                         max_size=4, unique=True)
            )  # fmt: skip
            qualifiers = "ValueMap{" + ",".join(f'"{a}"' for a in allowed_s) + "}"
            values = st.sampled_from(allowed_s)
    overrides = []
    if ctx.configs and draw(st.integers(0, 2)) == 0:
        for cfg in draw(st.lists(st.sampled_from(ctx.configs), max_size=2, unique=True)):
            overrides.append(m.PropertyConfigurationValueType(value=draw(values),
                                                              configuration=cfg))  # fmt: skip
    return m.ProductSectionTypeProperty(
        key=key,
        type_value=ptype,
        qualifiers=qualifiers,
        value_attribute=draw(values),
        user_configurable=draw(st.booleans()),
        password=draw(st.integers(0, 5)) == 0,
        label=draw(st.one_of(st.none(), st.builds(lambda t: _msg(m, t), xml_text(max_size=20)))),
        description=draw(
            st.one_of(st.none(), st.builds(lambda t: _msg(m, t), xml_text(max_size=40)))
        ),
        value=overrides,
    )


@st.composite
def _product_section(draw: DrawFn, ctx: _Ctx, class_value: str) -> Any:
    m = ctx.m
    n = draw(st.integers(0, 6))
    keys = draw(st.lists(xml_names(), min_size=n, max_size=n, unique=True))
    entries: list[Any] = []
    for key in keys:
        if draw(st.integers(0, 4)) == 0:
            entries.append(_msg(m, draw(xml_text(min_size=1, max_size=20))))  # a Category
        entries.append(draw(_property(ctx, key)))
    cim_str = CimString

    def opt_msg() -> Any:
        return draw(st.one_of(st.none(), st.builds(lambda t: _msg(m, t), xml_text(max_size=20))))

    def opt_cim() -> Any:
        return draw(
            st.one_of(st.none(), st.builds(lambda t: cim_str(value=t), xml_text(max_size=15)))
        )

    return m.ProductSection(
        info=draw(_info(ctx)),
        class_value=class_value,
        instance=draw(st.sampled_from(["", "1", "2"])) if class_value else "",
        product=opt_msg(),
        vendor=opt_msg(),
        version=opt_cim(),
        full_version=opt_cim(),
        product_url=opt_cim(),
        category_or_property=entries,
    )


# -- content


@st.composite
def _simple_sections(draw: DrawFn, ctx: _Ctx, virtual_system: bool) -> list[Any]:
    m = ctx.m
    out: list[Any] = []
    n_products = draw(st.integers(0, 2))
    classes = ["", "com.example.app", "org.example.db"][:n_products]
    out.extend(draw(_product_section(ctx, c)) for c in classes)
    if draw(st.booleans()):
        out.append(m.AnnotationSection(info=draw(_info(ctx)), annotation=_msg(m, draw(xml_text()))))
    if draw(st.integers(0, 2)) == 0:
        out.append(
            m.EulaSection(info=draw(_info(ctx)), license=_msg(m, draw(xml_text(max_size=200))))
        )
    if virtual_system:
        if draw(st.booleans()):
            out.append(
                m.OperatingSystemSection(
                    info=draw(_info(ctx)),
                    id=draw(st.integers(0, 120)),
                    version=draw(st.one_of(st.none(), _plain_text(8))),
                    description=draw(
                        st.one_of(st.none(), st.builds(lambda t: _msg(m, t), xml_text()))
                    ),
                )
            )
        if draw(st.integers(0, 3)) == 0:
            out.append(
                m.InstallSection(
                    info=draw(_info(ctx)), initial_boot_stop_delay=draw(st.integers(0, _U16))
                )
            )
        out.extend(draw(st.lists(_hardware_section(ctx), min_size=1, max_size=1)))
    return draw(st.permutations(out))


@st.composite
def _content(draw: DrawFn, ctx: _Ctx, depth: int) -> Any:
    m = ctx.m
    cid = draw(_ids("vm" if depth == 0 else "node", 1))[0]
    while cid in ctx.content_ids:
        cid += "x"
    ctx.content_ids.add(cid)
    name = draw(st.one_of(st.none(), st.builds(lambda t: _msg(m, t), xml_text(max_size=20))))
    attrs = draw(_vendor_attrs())
    if depth > 0 and draw(st.integers(0, 2)) == 0:
        children = [draw(_content(ctx, depth - 1)) for _ in range(draw(st.integers(1, 3)))]
        sections = draw(_simple_sections(ctx, virtual_system=False))
        if draw(st.booleans()):
            starts = [
                m.StartupSectionTypeItem(
                    id=c.id,
                    order=draw(st.integers(0, _U16)),
                    start_delay=draw(st.integers(0, _U16)),
                    stop_delay=draw(st.integers(0, _U16)),
                    waiting_for_guest=draw(st.booleans()),
                    start_action=draw(st.sampled_from(["powerOn", "none"])),
                    stop_action=draw(st.sampled_from(["powerOff", "guestShutdown", "none"])),
                )
                for c in children
            ]
            sections.append(m.StartupSection(info=draw(_info(ctx)), item=starts))
        return m.VirtualSystemCollection(
            id=cid, info=draw(_info(ctx)), name=name, sections=sections, content=children,
            any_attributes=attrs,
        )  # fmt: skip
    return m.VirtualSystem(
        id=cid,
        info=draw(_info(ctx)),
        name=name,
        sections=draw(_simple_sections(ctx, virtual_system=True)),
        any_attributes=attrs,
    )


@st.composite
def _strings(draw: DrawFn, ctx: _Ctx) -> list[Any]:
    m = ctx.m
    if not ctx.msgids:
        return []
    langs = draw(st.lists(st.sampled_from(_LANGS), max_size=2, unique=True))
    return [
        m.StringsType(
            lang=lang,
            msg=[m.StringsTypeMsg(msgid=i, value=draw(xml_text(max_size=20))) for i in ctx.msgids],
        )
        for lang in langs
    ]


@st.composite
def _document(draw: DrawFn, version: Version, max_depth: int) -> OvfDocument:
    m = ovf2 if version == "2" else ovf1
    ctx = _Ctx(m)
    ctx.msgids = draw(st.lists(st.sampled_from(["info.vm", "info.disks", "msg.x"]), unique=True))
    references = draw(_references(ctx))
    sections: list[Any] = []
    if draw(st.booleans()) or ctx.files:
        sections.append(draw(_disk_section(ctx)))
    if draw(st.booleans()):
        sections.append(draw(_network_section(ctx)))
    if draw(st.booleans()):
        sections.append(draw(_deployment_option_section(ctx)))
    envelope = m.Envelope(
        references=references,
        sections=sections,
        content=draw(_content(ctx, max_depth)),
        strings=draw(_strings(ctx)),
        lang=draw(st.sampled_from(_LANGS)),
        any_attributes=draw(_vendor_attrs()),
    )
    return OvfDocument(envelope=envelope, namespace=OVF2_NS if version == "2" else OVF1_NS)


def valid_documents(
    version: Version | None = None, *, max_depth: int = 2
) -> SearchStrategy[OvfDocument]:
    """Valid OVF documents of `version` ("1" or "2"; either when None).

    Every drawn document serializes to XML the DMTF XSD accepts and has no dangling reference:
    fileRefs, HostResources, Parents, Connections, configuration ids, StartupSection ids and
    Strings msgids all resolve; ids are unique where DSP0243 asks for it; property defaults
    satisfy their qualifiers. `max_depth` bounds VirtualSystemCollection nesting.
    """
    versions: Sequence[Version] = ("1", "2") if version is None else (version,)
    return st.sampled_from(versions).flatmap(lambda v: _document(v, max_depth))


# --------------------------------------------------------------------------- invalid documents


@dataclass(frozen=True)
class Mutation:
    """One way to break a valid document.

    `rule` is the code the semantic validator (`ovfmodel.validation`) reports for it;
    `apply` changes the document in place and returns False when the document has nothing to
    break that way (the strategy then draws another document).
    """

    name: str
    rule: str
    description: str
    apply: Callable[[OvfDocument, DrawFn], bool]


@dataclass(frozen=True)
class InvalidDocument:
    """A document broken by exactly one mutation."""

    document: OvfDocument
    mutation: str
    rule: str


def _all(obj: Any, cls_name: str) -> list[Any]:
    from .document import walk

    return [o for o in walk(obj) if type(o).__name__ == cls_name]


def _items(doc: OvfDocument) -> list[tuple[Any, Any]]:
    """(hardware section, item) pairs."""
    return [(hw, it) for hw in _all(doc.envelope, "VirtualHardwareSection") for it in hw.item]


def _mut_dangling_file_ref(doc: OvfDocument, draw: DrawFn) -> bool:
    disks = _all(doc.envelope, "VirtualDiskDescType")
    if not disks:
        return False
    draw(st.sampled_from(disks)).file_ref = "no-such-file"
    return True


def _mut_duplicate_file_id(doc: OvfDocument, draw: DrawFn) -> bool:
    files = doc.envelope.references.file
    if len(files) < 2:
        return False
    files[1].id = files[0].id
    return True


def _mut_duplicate_instance_id(doc: OvfDocument, draw: DrawFn) -> bool:
    for hw in _all(doc.envelope, "VirtualHardwareSection"):
        if len(hw.item) >= 2:
            hw.item[-1].instance_id.value = hw.item[0].instance_id.value
            return True
    return False


def _mut_bad_parent(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = _items(doc)
    if not pairs:
        return False
    _, item = draw(st.sampled_from(pairs))
    item.parent = _cim(type(item), "parent", "no-such-instance")
    return True


def _mut_resource_type_out_of_map(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = _items(doc)
    if not pairs:
        return False
    _, item = draw(st.sampled_from(pairs))
    rt = _hints(item.__class__)["resource_type"]
    item.resource_type = _RawResourceType(rt, "99")  # replaced by verbatim text in _finish
    return True


def _mut_property_default_outside_qualifiers(doc: OvfDocument, draw: DrawFn) -> bool:
    props = _all(doc.envelope, "ProductSectionTypeProperty")
    if not props:
        return False
    prop = draw(st.sampled_from(props))
    prop.type_value = "string"
    prop.qualifiers = "MaxLen(2)"
    prop.value_attribute = "too long for MaxLen(2)"
    prop.value = []
    return True


def _mut_unknown_connection(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = _items(doc)
    if not pairs:
        return False
    _, item = draw(st.sampled_from(pairs))
    item.resource_type = _cim(type(item), "resource_type", 10)  # only adapters have Connections
    item.connection = [_cim(type(item), "connection", "no-such-network")]
    return True


def _mut_dangling_host_resource_disk(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = _items(doc)
    if not pairs:
        return False
    _, item = draw(st.sampled_from(pairs))
    item.host_resource = [_cim(type(item), "host_resource", "ovf:/disk/no-such-disk")]
    return True


def _mut_duplicate_disk_id(doc: OvfDocument, draw: DrawFn) -> bool:
    disks = _all(doc.envelope, "VirtualDiskDescType")
    if len(disks) < 2:
        return False
    disks[1].disk_id = disks[0].disk_id
    return True


def _mut_duplicate_content_id(doc: OvfDocument, draw: DrawFn) -> bool:
    for coll in _all(doc.envelope, "VirtualSystemCollection"):
        if len(coll.content) >= 2:
            coll.content[1].id = coll.content[0].id
            return True
    return False


def _mut_unknown_configuration(doc: OvfDocument, draw: DrawFn) -> bool:
    pairs = _items(doc)
    if not pairs or not hasattr(pairs[0][1], "configuration"):
        return False
    _, item = draw(st.sampled_from(pairs))
    item.configuration = "no-such-configuration"
    return True


def _mut_duplicate_property_key(doc: OvfDocument, draw: DrawFn) -> bool:
    for section in _all(doc.envelope, "ProductSection"):
        props = [p for p in section.category_or_property if hasattr(p, "key")]
        if len(props) >= 2:
            props[1].key = props[0].key
            return True
    return False


class _RawResourceType:
    """Placeholder replaced in `_finish` (a ResourceType enum cannot hold an unmapped value)."""

    def __init__(self, cls: type, text: str) -> None:
        self.cls = cls
        self.text = text


MUTATIONS: dict[str, Mutation] = {
    m.name: m
    for m in (
        Mutation("dangling_file_ref", "OVF202", "a Disk's fileRef names no File",
                 _mut_dangling_file_ref),
        Mutation("duplicate_file_id", "OVF101", "two References/File share an id",
                 _mut_duplicate_file_id),
        Mutation("duplicate_disk_id", "OVF201", "two Disks share a diskId",
                 _mut_duplicate_disk_id),
        Mutation("duplicate_instance_id", "OVF401",
                 "two Items of one VirtualHardwareSection share an InstanceID",
                 _mut_duplicate_instance_id),
        Mutation("bad_parent", "OVF402", "an Item's Parent names no InstanceID",
                 _mut_bad_parent),
        Mutation("resource_type_out_of_map", "OVF407",
                 "an Item's ResourceType is outside the CIM value map", _mut_resource_type_out_of_map),
        Mutation("property_default_outside_qualifiers", "OVF603",
                 "a Property's default violates its qualifiers",
                 _mut_property_default_outside_qualifiers),
        Mutation("unknown_connection_network", "OVF404",
                 "an Item's Connection names no Network", _mut_unknown_connection),
        Mutation("dangling_host_resource_disk", "OVF403",
                 "an Item's HostResource ovf:/disk/ names no Disk", _mut_dangling_host_resource_disk),
        Mutation("duplicate_content_id", "OVF301",
                 "two siblings of a VirtualSystemCollection share an id",
                 _mut_duplicate_content_id),
        Mutation("unknown_configuration", "OVF501",
                 "an Item's configuration names no DeploymentOptionSection Configuration",
                 _mut_unknown_configuration),
        Mutation("duplicate_property_key", "OVF601",
                 "two Properties of one ProductSection share a key", _mut_duplicate_property_key),
    )
}  # fmt: skip
"""Every named mutation; `rule` is the validator rule code each must trigger."""


def _finish(doc: OvfDocument) -> OvfDocument:
    """Serialize-and-parse so that placeholders become the verbatim text a real file would hold."""
    from .document import parse, serialize

    raws: list[tuple[Any, _RawResourceType]] = []
    for _, item in _items(doc):
        if isinstance(item.resource_type, _RawResourceType):
            raws.append((item, item.resource_type))
            item.resource_type = item.resource_type.cls(value=None)
    if not raws:
        return doc
    text = serialize(doc)
    for _, raw in raws:
        text = text.replace(
            b"<rasd:ResourceType/>",
            f"<rasd:ResourceType>{raw.text}</rasd:ResourceType>".encode(),
            1,
        )
    return parse(text)


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
        if not mutation.apply(doc, draw):
            from hypothesis import assume

            assume(False)
        return InvalidDocument(_finish(doc), mutation.name, mutation.rule)

    return build()
