"""Valid OVF documents drawn directly as models (`valid_documents`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from .._generated import ovf_envelope_1 as ovf1
from .._generated import ovf_envelope_2 as ovf2
from .._generated.wscim_common import CimString
from ..document import OVF1_NS, OVF2_NS, OvfDocument
from ._base import (
    _INT_RANGES,
    _LANGS,
    _U16,
    _U64,
    PROPERTY_TYPES,
    Version,
    _cim,
    _Ctx,
    _ids,
    _msg,
    _opt_msg,
    _opt_text,
    _plain_text,
    _unique,
    _vendor_attrs,
    vendor_elements,
    xml_names,
    xml_text,
)


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
        capacity = draw(st.one_of(st.integers(1, 2**62), st.integers(1, 2**40)))
        units = draw(st.sampled_from(["byte", "byte * 2^20", "byte * 2^30"]))
        factor = {"byte": 1, "byte * 2^20": 2**20, "byte * 2^30": 2**30}[units]
        # a disk with content names its format; populatedSize is at most the capacity (9.1)
        vmdk = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"
        disk_format = vmdk if file_ref else draw(st.sampled_from([None, vmdk]))
        populated_max = min(2**63 - 1, capacity * factor)
        disks.append(
            m.VirtualDiskDescType(
                disk_id=did,
                file_ref=file_ref,
                capacity=str(capacity),
                capacity_allocation_units=units,
                format=disk_format,
                populated_size=draw(st.one_of(st.none(), st.integers(0, populated_max))),
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
    transport = draw(st.sampled_from(["", "iso", "com.vmware.guestInfo iso"]))
    types = draw(st.lists(st.integers(1, 33), min_size=0, max_size=6))
    types += [t for t in (3, 4) if draw(st.integers(0, 3)) > 0]  # CPU, memory: usually
    if "iso" in transport.split() and not {15, 16} & set(types):
        types.append(15)  # the iso transport needs a CD-ROM in the section (11.2)
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
        transport=transport,
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
