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
  InstanceID, ...), tagged with the validation rule code it triggers. There is a mutation for
  every descriptor rule (OVFxxx) one local edit can trigger; the broken document has that
  rule's error and no other error.
* `built_documents(version)` draws documents made through the typed builder
  (`ovfmodel.builder.EnvelopeBuilder`) from random but legal calls: every builder path, with
  values up to the limits of their schema types. Built documents validate like parsed ones and
  parse back equal to what was built.
* `xml_text()`, `xml_names()` and `vendor_elements()` are the building blocks, public because
  they are useful on their own.

Example::

    from hypothesis import given
    from ovfmodel import parse, serialize
    from ovfmodel.strategies import valid_documents

    @given(valid_documents())
    def test_round_trip(doc):
        assert parse(serialize(doc)) == doc

    @given(invalid_documents(mutations=["dangling_file_ref"]))
    def test_my_validator(bad):
        assert bad.rule in my_validator(serialize(bad.document))
"""

from __future__ import annotations

import copy
import dataclasses
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache
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

from . import model
from ._generated import ovf_envelope_1 as ovf1
from ._generated import ovf_envelope_2 as ovf2
from ._generated.wscim_common import CimString
from .cim import PROPERTY_INT_RANGES, DiskFormat
from .document import OVF1_NS, OVF2_NS, OvfDocument

__all__ = [
    "MUTATIONS",
    "PROPERTY_TYPES",
    "VENDOR_NS",
    "BuilderVersion",
    "InvalidDocument",
    "Mutation",
    "Version",
    "built_documents",
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


@lru_cache(maxsize=256)
def xml_text(*, min_size: int = 0, max_size: int = 40) -> SearchStrategy[str]:
    """Unicode text made only of characters XML 1.0 allows (tab, newlines and CR included)."""
    chars = st.characters(
        min_codepoint=0x9,
        exclude_categories=_SURROGATES,
        exclude_characters="\ufffe\uffff",
    ).filter(_xml_char)
    return st.text(chars, min_size=min_size, max_size=max_size)


@lru_cache(maxsize=64)
def _plain_text(max_size: int = 20) -> SearchStrategy[str]:
    """Printable text without leading/trailing whitespace (for names and identifiers)."""
    chars = st.characters(
        min_codepoint=0x21, exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp", "Co", "Cn")
    ).filter(_xml_char)
    return st.text(chars, min_size=1, max_size=max_size)


@cache
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
    attrs = draw(_vendor_element_attrs())
    children: list[object] = []
    text: str | None = None
    if depth > 0 and draw(st.booleans()):
        children = draw(st.lists(vendor_elements(depth - 1), min_size=1, max_size=3))
    else:
        text = draw(_opt_text(30, min_size=1))
    return AnyElement(
        qname="{" + ns + "}" + name, text=text, tail=None, children=children, attributes=attrs
    )


@cache
def _vendor_element_attrs() -> SearchStrategy[dict[str, str]]:
    return st.dictionaries(
        st.one_of(xml_names(), st.builds(lambda n: "{" + VENDOR_NS[0] + "}" + n, xml_names())),
        xml_text(max_size=12),
        max_size=3,
    )


@lru_cache(maxsize=64)
def _opt_text(max_size: int, min_size: int = 0) -> SearchStrategy[str | None]:
    return st.one_of(st.none(), xml_text(min_size=min_size, max_size=max_size))


def _opt_msg(draw: DrawFn, m: ModuleType, max_size: int = 40) -> Any:
    """None or an ovf:Msg_Type of `m` with unicode text."""
    text = draw(_opt_text(max_size))
    return None if text is None else _msg(m, text)


@lru_cache(maxsize=16)
def vendor_elements(max_depth: int = 2) -> SearchStrategy[AnyElement]:
    """Vendor extension elements (xsdata AnyElement) in a non-OVF namespace, nested up to
    `max_depth`, with plain and namespaced attributes and unicode text."""
    return _vendor_element(max_depth)


@cache
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
    # (ovf:class, ovf:key, ovf:instance) of every Property: unique in the document (OVF601)
    property_keys: set[tuple[str, str, str]] = dataclasses.field(default_factory=set)

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


@lru_cache(maxsize=16)
def _suffixes(n: int) -> SearchStrategy[list[str]]:
    return st.lists(st.one_of(st.just(""), xml_names()), min_size=n, max_size=n)


@st.composite
def _ids(draw: DrawFn, prefix: str, n: int) -> list[str]:
    """n distinct identifiers: plain `prefix1`, ... or with a unicode suffix."""
    base = _unique(prefix, n)
    suffixes = draw(_suffixes(n))
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
            description=_opt_msg(draw, m),
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
    types = draw(st.lists(st.integers(1, 33), min_size=0, max_size=6))
    types += [t for t in (3, 4) if draw(st.integers(0, 3)) > 0]  # CPU, memory: usually
    if draw(st.integers(0, 2)) > 0:  # and usually a disk on an IDE or SCSI controller
        types += [draw(st.sampled_from((5, 6))), 17]
    if not types:
        types = [draw(st.integers(1, 33))]
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
        label=_opt_msg(draw, m, 20),
        description=_opt_msg(draw, m, 40),
        value=overrides,
    )


@st.composite
def _icons(draw: DrawFn, ctx: _Ctx) -> list[Any]:
    if not ctx.files:
        return []
    m = ctx.m
    return [
        m.ProductSectionTypeIcon(
            file_ref=draw(st.sampled_from(ctx.files)),
            height=draw(st.one_of(st.none(), st.integers(0, _U16))),
            width=draw(st.one_of(st.none(), st.integers(0, _U16))),
            mime_type=draw(st.sampled_from([None, "image/png", "image/svg+xml"])),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]


@st.composite
def _product_section(draw: DrawFn, ctx: _Ctx, class_value: str) -> Any:
    m = ctx.m
    instance = draw(st.sampled_from(["", "1", "2"])) if class_value else ""
    n = draw(st.integers(0, 6))
    keys = draw(
        st.lists(
            xml_names().filter(lambda k: (class_value, k, instance) not in ctx.property_keys),
            min_size=n,
            max_size=n,
            unique=True,
        )
    )
    ctx.property_keys.update((class_value, k, instance) for k in keys)
    entries: list[Any] = []
    for key in keys:
        if draw(st.integers(0, 4)) == 0:
            entries.append(_msg(m, draw(xml_text(min_size=1, max_size=20))))  # a Category
        entries.append(draw(_property(ctx, key)))
    cim_str = CimString

    def opt_msg() -> Any:
        return _opt_msg(draw, m, 20)

    def opt_cim() -> Any:
        text = draw(_opt_text(15))
        return None if text is None else cim_str(value=text)

    return m.ProductSection(
        info=draw(_info(ctx)),
        class_value=class_value,
        instance=instance,
        product=opt_msg(),
        vendor=opt_msg(),
        version=opt_cim(),
        full_version=opt_cim(),
        product_url=opt_cim(),
        icon=draw(_icons(ctx)),
        category_or_property=entries,
    )


@st.composite
def _environment_files_section(draw: DrawFn, ctx: _Ctx) -> Any:
    """OVF 2 EnvironmentFilesSection: files of References copied into the OVF environment."""
    m = ctx.m
    files = draw(st.lists(st.sampled_from(ctx.files), min_size=1, max_size=3, unique=True))
    return m.EnvironmentFilesSection(
        info=draw(_info(ctx)),
        file=[
            m.EnvironmentFileType(file_ref=f, path=f"{i}/" + draw(_plain_text(12)))
            for i, f in enumerate(files)
        ],
        transport=draw(st.sampled_from(["", "iso"])),
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
                    description=_opt_msg(draw, m),
                )
            )
        if draw(st.integers(0, 3)) == 0:
            out.append(
                m.InstallSection(
                    info=draw(_info(ctx)), initial_boot_stop_delay=draw(st.integers(0, _U16))
                )
            )
        out.extend(draw(st.lists(_hardware_section(ctx), min_size=1, max_size=1)))
        if ctx.v2 and ctx.files and draw(st.integers(0, 3)) == 0:
            out.append(draw(_environment_files_section(ctx)))
    return draw(st.permutations(out))


@st.composite
def _content(draw: DrawFn, ctx: _Ctx, depth: int) -> Any:
    m = ctx.m
    cid = draw(_ids("vm" if depth == 0 else "node", 1))[0]
    while cid in ctx.content_ids:
        cid += "x"
    ctx.content_ids.add(cid)
    name = _opt_msg(draw, m, 20)
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


# --------------------------------------------------------------------------- built documents


BuilderVersion = Literal["1.0", "1.1", "2.0"]
"""The OVF versions `ovfmodel.builder.EnvelopeBuilder` writes."""

_BYTE_UNITS = ("byte", "byte * 2^10", "byte * 2^20", "byte * 2^30", "byte * 1024^3",
               "byte * 10^9", "MegaBytes", "GigaBytes")  # fmt: skip
_NETWORK_NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.()/éДλ網"


@cache
def _builder_suffix() -> SearchStrategy[str]:
    """An optional suffix for builder ids: letters, digits, '.', '-', '_' (unicode too)."""
    return st.text(st.sampled_from("abcxyz019_.-éßДλ"), max_size=6)


@cache
def _network_names() -> SearchStrategy[str]:
    """Network names: words with inner spaces, unicode, punctuation."""
    return st.text(st.sampled_from(_NETWORK_NAME_CHARS), min_size=1, max_size=20).filter(
        lambda n: n.strip() == n and bool(n)
    )


class _Built:
    """What a built_documents draw has declared so far."""

    def __init__(self, draw: DrawFn, version: BuilderVersion) -> None:
        from .builder import EnvelopeBuilder

        self.draw = draw
        self.v2 = version.startswith("2")
        self.b = EnvelopeBuilder(version, lang=draw(st.sampled_from((None, *_LANGS))))
        self.messages: dict[str, str] = {}
        self.files: list[str] = []
        self.disks: list[str] = []
        self.networks: list[str] = []
        self.configs: list[str] = []
        self.content_ids: set[str] = set()
        self.property_keys: set[tuple[str, str, str]] = set()

    def text(self, min_size: int = 0, max_size: int = 30) -> Any:
        """Display text: a str, or sometimes Localized with a msgid the Strings translate."""
        from .builder import Localized

        text = self.draw(xml_text(min_size=min_size, max_size=max_size))
        if self.draw(st.integers(0, 4)) == 0:
            msgid = f"msg.{len(self.messages) + 1}"
            self.messages[msgid] = text
            return Localized(text, msgid)
        return text

    def opt_text(self, max_size: int = 30) -> Any:
        return self.text(max_size=max_size) if self.draw(st.booleans()) else None

    def ident(self, prefix: str, n: int) -> str:
        return f"{prefix}{n}" + self.draw(_builder_suffix())

    def configuration(self) -> str | None:
        """None, or one or two declared configuration ids (an ovf:configuration list)."""
        if not self.configs or self.draw(st.integers(0, 2)) > 0:
            return None
        chosen = self.draw(st.lists(st.sampled_from(self.configs), min_size=1, max_size=2,
                                    unique=True))  # fmt: skip
        return " ".join(chosen)

    def vendor_qname(self) -> str:
        return "{" + self.draw(st.sampled_from(VENDOR_NS)) + "}" + self.draw(xml_names())


def _build_envelope(s: _Built) -> None:
    draw: DrawFn = s.draw
    b = s.b
    for i in range(1, draw(st.integers(0, 4)) + 1):
        fid = s.ident("file", i)
        b.add_file(
            fid,
            fid + draw(st.sampled_from([".vmdk", ".iso", ".img", "/nested.bin", "%20x.flp"])),
            size=draw(st.one_of(st.none(), st.integers(0, _U64))),
            compression=draw(st.sampled_from([None, "identity", "gzip"])),
            chunk_size=draw(st.one_of(st.none(), st.integers(1, 2**63 - 1))),
        )
        s.files.append(fid)
    unused_files = list(s.files)
    for i in range(1, draw(st.integers(0, 3)) + 1):
        did = s.ident("disk", i)
        file: str | None = None
        if draw(st.booleans()) and unused_files:
            file = unused_files.pop(0)
        b.add_disk(
            did,
            draw(st.integers(1, 2**62)),
            units=draw(st.sampled_from(_BYTE_UNITS)),
            file=file,
            populated_size=draw(st.one_of(st.none(), st.integers(0, 2**63 - 1))),
            format=draw(st.sampled_from([None, *DiskFormat, "urn:example:raw"])),
            parent=draw(st.sampled_from([None, *s.disks])),
            info=s.text(),
        )
        s.disks.append(did)
    for name in draw(st.lists(_network_names(), max_size=3, unique=True)):
        b.add_network(name, description=s.opt_text(), info=s.text())
        s.networks.append(name)
    n_configs = draw(st.integers(0, 3))
    default = draw(st.one_of(st.none(), st.integers(0, max(n_configs - 1, 0))))
    for i in range(n_configs):
        cid = s.ident("config", i + 1)
        b.add_deployment_option(cid, s.text(1, 20), s.text(), default=i == default, info=s.text())
        s.configs.append(cid)
    if draw(st.integers(0, 3)) == 0:
        b.set_attribute(s.vendor_qname(), draw(xml_text(max_size=16)))


def _build_product(s: _Built, content: Any) -> None:
    from .builder import PropertyType

    draw: DrawFn = s.draw
    taken = {(p.class_value or "", p.instance or "") for p in _sections(content.content,
                                                                        "ProductSection")}  # fmt: skip
    class_ = draw(st.sampled_from([None, "com.example.app", "org.example.db"]))
    instance = draw(st.sampled_from([None, "1", "2"]))
    if (class_ or "", instance or "") in taken:
        return
    pb = content.product(
        s.opt_text(),
        vendor=s.opt_text(),
        version=draw(st.one_of(st.none(), _plain_text(10))),
        full_version=draw(st.one_of(st.none(), xml_text(max_size=20))),
        product_url=draw(st.sampled_from([None, "https://example.com/product"])),
        vendor_url=draw(st.sampled_from([None, "https://example.com/"])),
        app_url=draw(st.sampled_from([None, "https://${ip}:8443/"])),
        class_=class_,
        instance=instance,
        info=s.text(),
    )
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 3)) == 0:
            pb.category(s.text(1))
        key = draw(_property_keys())
        full = (class_ or "", key, instance or "")
        if full in s.property_keys:
            continue
        s.property_keys.add(full)
        ptype = draw(st.sampled_from(list(PropertyType)))
        kwargs, values = draw(_property_qualifiers(ptype))
        if s.configs and draw(st.integers(0, 2)) == 0:
            chosen = draw(st.lists(st.sampled_from(s.configs), max_size=2, unique=True))
            kwargs["per_configuration"] = {c: draw(values) for c in chosen}
        if s.v2 and s.configs and draw(st.integers(0, 3)) == 0:
            kwargs["configuration"] = draw(st.sampled_from(s.configs))
        pb.property(
            key,
            draw(st.sampled_from([ptype, ptype.value])),
            draw(st.one_of(st.none(), values)),
            label=s.opt_text(),
            description=s.opt_text(),
            user_configurable=draw(st.booleans()),
            password=ptype is PropertyType.STRING and draw(st.integers(0, 3)) == 0,
            **kwargs,
        )


@cache
def _property_keys() -> SearchStrategy[str]:
    first = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCXYZ_")
    rest = st.text(st.sampled_from("abcxyz0189_.-éДλ"), max_size=10)
    return st.builds(lambda a, b: a + b, first, rest)


def _value_map_entry(text: str) -> bool:
    """Whether ValueMap{"..."} can hold `text` (ovf:qualifiers have no escapes)."""
    return not any(c in text for c in '",}') and text[:1] != "'" and text[-1:] != "'"


@st.composite
def _property_qualifiers(draw: DrawFn, ptype: Any) -> tuple[dict[str, Any], SearchStrategy[Any]]:
    """Qualifier keyword arguments of ProductBuilder.property and the values that fit them."""
    kind = draw(st.integers(0, 3))
    kwargs: dict[str, Any] = {}
    values: SearchStrategy[Any]
    if ptype.value in _INT_RANGES:
        lo, hi = _INT_RANGES[ptype.value]
        if kind == 1:
            a, b = sorted(draw(st.lists(st.integers(lo, hi), min_size=2, max_size=2)))
            kwargs.update(min_value=a, max_value=b)
            lo, hi = a, b
        if kind == 2:
            allowed = draw(st.lists(st.integers(lo, hi), min_size=1, max_size=4, unique=True))
            kwargs["value_map"] = [str(v) for v in allowed]
            values = st.sampled_from(allowed)
        else:
            values = st.integers(lo, hi)
        return kwargs, st.one_of(values, values.map(str))
    if ptype.value == "boolean":
        return kwargs, st.sampled_from([True, False, "true", "false"])
    if ptype.value in ("real32", "real64"):
        width: Literal[32, 64] = 32 if ptype.value == "real32" else 64
        floats = st.floats(allow_nan=False, allow_infinity=False, width=width)
        if kind == 1:
            fa, fb = sorted(draw(st.lists(floats, min_size=2, max_size=2)))
            kwargs.update(min_value=fa, max_value=fb)
            # 0.0 and -0.0 sort as equal, in either order: no float lies "between" them
            floats = st.floats(fa, fb, width=width) if fa < fb else st.just(fa)
        if kind == 2:
            allowed_f = draw(st.lists(floats.map(str), min_size=1, max_size=4, unique=True))
            kwargs["value_map"] = allowed_f
            return kwargs, st.sampled_from(allowed_f)
        return kwargs, st.one_of(floats, floats.map(str))
    if kind == 1:
        a, b = sorted(draw(st.lists(st.integers(0, 12), min_size=2, max_size=2)))
        kwargs.update(min_len=a, max_len=b)
        return kwargs, xml_text(min_size=a, max_size=b)
    if kind == 2:
        allowed_s = draw(st.lists(xml_text(min_size=1, max_size=8).filter(_value_map_entry),
                                  min_size=1, max_size=4, unique=True))  # fmt: skip
        kwargs["value_map"] = allowed_s
        return kwargs, st.sampled_from(allowed_s)
    return kwargs, xml_text()


def _build_common_sections(s: _Built, content: Any) -> None:
    from .cim import ResourceType

    draw: DrawFn = s.draw
    for _ in range(draw(st.integers(0, 2))):
        _build_product(s, content)
    if draw(st.booleans()):
        content.annotation(s.text(1), info=s.text())
    for _ in range(draw(st.integers(0, 2))):
        content.eula(s.text(1, 120), info=s.text())
    for _ in range(draw(st.integers(0, 2))):
        resource = draw(st.sampled_from([ResourceType.PROCESSOR, ResourceType.MEMORY]))
        units = "hertz * 10^6" if resource is ResourceType.PROCESSOR else "byte * 2^20"
        content.resource_allocation(
            resource,
            reservation=draw(st.one_of(st.none(), st.integers(0, _U64))),
            limit=draw(st.one_of(st.none(), st.integers(0, _U64))),
            weight=draw(st.one_of(st.none(), st.integers(0, 2**32 - 1))),
            units=draw(st.sampled_from([None, units])),
            configuration=s.configuration(),
        )
    if draw(st.integers(0, 3)) == 0:
        content.set_attribute(s.vendor_qname(), draw(xml_text(max_size=16)))


def _build_hardware(s: _Built, vs: Any) -> None:
    from .builder import ControllerKind, NicSubtype, ScsiSubtype

    draw: DrawFn = s.draw
    b = s.b
    hw = vs.hardware(
        draw(
            st.sampled_from([None, "vmx-19", "vmx-13 vmx-21", "virtualbox-2.2", "xen-3.0-x86_64"])
        ),
        info=s.text(),
        transport=draw(st.sampled_from([None, "iso", "com.vmware.guestInfo iso"])),
    )
    if draw(st.integers(0, 4)) > 0:
        if draw(st.booleans()):
            cores = draw(st.integers(1, 16))
            count, per_socket = cores * draw(st.integers(1, 64)), cores
        else:
            count, per_socket = draw(st.integers(1, _U64)), None
        hw.cpus(
            count,
            cores_per_socket=per_socket,
            reservation_mhz=draw(st.one_of(st.none(), st.integers(0, _U64))),
            limit_mhz=draw(st.one_of(st.none(), st.integers(0, _U64))),
            weight=draw(st.one_of(st.none(), st.integers(0, 2**32 - 1))),
            configuration=s.configuration(),
        )
    if draw(st.integers(0, 4)) > 0:
        hw.memory(
            draw(st.integers(1, _U64)),
            units=draw(st.sampled_from(_BYTE_UNITS)),
            reservation=draw(st.one_of(st.none(), st.integers(0, _U64))),
            limit=draw(st.one_of(st.none(), st.integers(0, _U64))),
            weight=draw(st.one_of(st.none(), st.integers(0, 2**32 - 1))),
            configuration=s.configuration(),
        )
    most = {ControllerKind.IDE: 2, ControllerKind.SCSI: 4, ControllerKind.SATA: 4,
            ControllerKind.NVME: 4}  # fmt: skip
    for kind in draw(st.lists(st.sampled_from(list(ControllerKind)), max_size=4)):
        if sum(c.kind is kind for c in hw.controllers) >= most[kind]:
            continue
        subtype = None
        if kind is ControllerKind.SCSI:
            sub = draw(st.sampled_from(list(ScsiSubtype)))
            subtype = draw(st.sampled_from([sub.value, sub.value.upper(), sub.value.lower()]))
        hw.controller(kind, subtype=subtype, configuration=s.configuration())

    def free_controller() -> tuple[Any, int | None] | None:
        free = [c for c in hw.controllers if c.free_slot() is not None]
        if not free:
            return None
        ctl = draw(st.sampled_from(free))
        slots = [x for x in _slots(ctl) if x not in ctl.used]
        return ctl, draw(st.sampled_from([None, *slots]))

    for disk in s.disks:
        picked = free_controller()
        if picked is None or draw(st.integers(0, 3)) == 0:
            continue
        hw.disk(disk, picked[0], slot=picked[1], storage_item=s.v2 and draw(st.booleans()),
                configuration=s.configuration())  # fmt: skip
    for _ in range(draw(st.integers(0, 2))):
        picked = free_controller()
        if picked is None:
            break
        hw.cdrom(picked[0], slot=picked[1], iso_file=draw(st.sampled_from([None, *s.files])),
                 dvd=draw(st.booleans()), configuration=s.configuration())  # fmt: skip
    if draw(st.integers(0, 3)) == 0:
        hw.floppy(image_file=draw(st.sampled_from([None, *s.files])),
                  configuration=s.configuration())  # fmt: skip
    for network in draw(st.lists(st.sampled_from(s.networks), max_size=3)) if s.networks else []:
        hw.nic(
            network,
            subtype=draw(st.sampled_from([*NicSubtype, "virtio-net-pci"])),
            mac=draw(st.one_of(st.none(), _macs())),
            connected=draw(st.booleans()),
            port_item=s.v2 and draw(st.booleans()),
            configuration=s.configuration(),
        )
    if draw(st.integers(0, 3)) == 0:
        hw.usb_controller(subtype=draw(st.sampled_from([None, "vmware.usb.ehci"])),
                          configuration=s.configuration())  # fmt: skip
    for _ in range(draw(st.integers(0, 2))):
        hw.serial_port(configuration=s.configuration())
    if draw(st.integers(0, 2)) == 0:
        hw.video(video_memory_kb=draw(st.one_of(st.none(), st.integers(1, _U64))),
                 configuration=s.configuration())  # fmt: skip
    if draw(st.integers(0, 3)) == 0:
        hw.sound(configuration=s.configuration())
    for _ in range(draw(st.integers(0, 2))):
        targets = [hw.section, *hw.section.item]
        b.vendor_element(draw(st.sampled_from(targets)), draw(vendor_elements(1)),
                         required=draw(st.booleans()))  # fmt: skip


def _slots(controller: Any) -> tuple[int, ...]:
    from .builder.hardware import _CONTROLLERS

    return _CONTROLLERS[controller.kind][2]


@cache
def _macs() -> SearchStrategy[str]:
    pair = st.integers(0, 255).map(lambda n: f"{n:02x}")
    return st.builds(
        lambda pairs, sep, upper: sep.join(pairs).upper() if upper else sep.join(pairs),
        st.lists(pair, min_size=6, max_size=6),
        st.sampled_from([":", "-"]),
        st.booleans(),
    )


def _build_virtual_system(s: _Built, vs: Any, vendor_sections: bool) -> None:
    from .cim import OsType

    draw: DrawFn = s.draw
    _build_common_sections(s, vs)
    if draw(st.booleans()):
        os_type = draw(st.one_of(st.sampled_from(list(OsType)), st.integers(0, _U16)))
        vs.operating_system(
            os_type,
            version=draw(st.one_of(st.none(), _plain_text(8))),
            description=s.opt_text(),
            info=s.text(),
        )
    if draw(st.integers(0, 3)) == 0:
        vs.install(initial_boot_stop_delay=draw(st.integers(0, _U16)), info=s.text())
    _build_hardware(s, vs)
    if vendor_sections and draw(st.integers(0, 2)) == 0:
        vs.vendor_section(draw(vendor_elements(1)), info=s.opt_text())


def _build_content(s: _Built, parent: Any, depth: int, vendor_sections: bool) -> None:
    """A VirtualSystem or (depth allowing) a VirtualSystemCollection in `parent` (the envelope
    builder or a collection builder)."""
    draw: DrawFn = s.draw
    cid = s.ident("node" if depth > 0 else "vm", len(s.content_ids) + 1)
    if cid in s.content_ids:
        return
    s.content_ids.add(cid)
    name, info = s.opt_text(), s.text()
    if depth > 0 and draw(st.integers(0, 1)) == 0:
        coll = parent.collection(cid, name=name, info=info)
        for _ in range(draw(st.integers(1, 3))):
            _build_content(s, coll, depth - 1, vendor_sections)
        _build_common_sections(s, coll)
        for child in draw(st.permutations([c.id for c in coll.content.content])):
            if draw(st.booleans()):
                coll.startup(
                    child,
                    order=draw(st.integers(0, _U16)),
                    start_delay=draw(st.integers(0, _U16)),
                    stop_delay=draw(st.integers(0, _U16)),
                    start_action=draw(st.sampled_from(["powerOn", "none"])),
                    stop_action=draw(st.sampled_from(["powerOff", "guestShutdown", "none"])),
                    waiting_for_guest=draw(st.booleans()),
                    info=s.text(),
                )
        return
    vs = parent.virtual_system(cid, name=name, info=info)
    _build_virtual_system(s, vs, vendor_sections)


@st.composite
def _built_document(
    draw: DrawFn, version: BuilderVersion, max_depth: int, vendor_sections: bool
) -> OvfDocument:
    s = _Built(draw, version)
    _build_envelope(s)
    _build_content(s, s.b, max_depth, vendor_sections)
    if vendor_sections and draw(st.booleans()):
        s.b.vendor_section(draw(vendor_elements(1)), info=s.opt_text())
    for lang in draw(st.lists(st.sampled_from(_LANGS), max_size=2, unique=True)):
        s.b.add_strings(lang, {k: draw(xml_text(max_size=20)) for k in s.messages})
    return s.b.build()


def built_documents(
    version: BuilderVersion | None = None, *, max_depth: int = 1, vendor_sections: bool = False
) -> SearchStrategy[OvfDocument]:
    """Documents made by `ovfmodel.builder.EnvelopeBuilder` from random but legal calls.

    Every builder path is drawn: References with sizes, compression and chunks; disks of every
    format with byte units, backing files and parent disks; networks; deployment options with
    a default; a VirtualSystem or nested VirtualSystemCollections (`max_depth`) with
    StartupSection entries; ProductSections with properties of every type and qualifier
    (MinLen/MaxLen, ValueMap, MinValue/MaxValue), per-configuration values, labels and
    passwords; EULAs, annotations, OS and install sections, resource allocations; hardware with
    CPUs, memory, IDE/SCSI/SATA/NVMe controllers, disks, CD/DVD drives, floppies, NICs (OVF 2:
    also StorageItem and EthernetPortItem), USB, serial, video and sound; vendor elements and
    attributes; Localized texts and the Strings bundles that translate them.

    Inputs stay within what DSP0243, the DMTF XSD and the semantic rules allow, so every drawn
    document is schema-valid (unless `vendor_sections`: a vendor section needs a vendor schema)
    and has no validation error. `version` is "1.0", "1.1" or "2.0" (any when None).
    """
    versions: Sequence[BuilderVersion] = ("1.0", "1.1", "2.0") if version is None else (version,)
    return st.sampled_from(versions).flatmap(
        lambda v: _built_document(v, max_depth, vendor_sections)
    )


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
    from .document import walk

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


def _leaf_items(doc: OvfDocument) -> list[Any]:
    """RASD Items no other Item names as Parent: changing what they are breaks nothing else."""
    out: list[Any] = []
    for hw in _all(doc.envelope, "VirtualHardwareSection"):
        parents = _parents(hw)
        out.extend(it for it in hw.item if str(_value(it.instance_id)) not in parents)
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


# -- References


def _mut_duplicate_file_id(doc: OvfDocument, draw: DrawFn) -> bool:
    files = doc.envelope.references.file
    if not files:
        return False
    twin: Any = copy.deepcopy(draw(st.sampled_from(files)))
    twin.href = "twin-" + twin.href
    files.append(twin)
    return True


def _pick_file(doc: OvfDocument, draw: DrawFn) -> Any | None:
    files = doc.envelope.references.file
    return draw(st.sampled_from(files)) if files else None


def _mut_unsafe_href(doc: OvfDocument, draw: DrawFn) -> bool:
    f = _pick_file(doc, draw)
    if f is None:
        return False
    f.href = draw(st.sampled_from(["../", "a/../../", "/srv/", "file:///srv/", "C:\\"])) + f.href
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


def _pick_disk(doc: OvfDocument, draw: DrawFn) -> tuple[Any, Any] | None:
    """(DiskSection, Disk), or None."""
    pairs = [(s, d) for s in _sections(doc.envelope, "DiskSection") for d in s.disk]
    return draw(st.sampled_from(pairs)) if pairs else None


def _mut_duplicate_disk_id(doc: OvfDocument, draw: DrawFn) -> bool:
    picked = _pick_disk(doc, draw)
    if picked is None:
        return False
    section, disk = picked
    section.disk.append(copy.deepcopy(disk))
    return True


def _mut_dangling_file_ref(doc: OvfDocument, draw: DrawFn) -> bool:
    picked = _pick_disk(doc, draw)
    if picked is None:
        return False
    picked[1].file_ref = "no-such-file"
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


def _content_nodes(doc: OvfDocument) -> list[Any]:
    from .model import iter_content

    return list(iter_content(doc))


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
    from .cim import OsType

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
            pairs.extend(
                (first, later) for first in items[:j] if _share_configuration(first, later)
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
        leaves = _leaf_items(doc)
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
    leaves = _leaf_items(doc)
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


def _pick_property(doc: OvfDocument, draw: DrawFn) -> tuple[Any, Any] | None:
    """(ProductSection, Property), or None."""
    pairs = [
        (s, p)
        for s in _all(doc.envelope, "ProductSection")
        for p in s.category_or_property
        if hasattr(p, "key")
    ]
    return draw(st.sampled_from(pairs)) if pairs else None


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
        Mutation("unsafe_href", "OVF102",
                 "a File href is absolute or climbs out of the package with ..",
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
                 "two Items of one VirtualHardwareSection and configuration share an InstanceID",
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
"""Every named mutation; `rule` is the validator rule code each must trigger."""


def _finish(doc: OvfDocument) -> OvfDocument:
    """Apply `_raw_text` edits: serialize, set the marked children's text verbatim, parse."""
    from lxml import etree

    from .document import parse, serialize, walk

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
