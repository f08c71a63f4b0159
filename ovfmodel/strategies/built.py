"""Documents made through the typed builder (`built_documents`)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, Literal

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from ..cim import DiskFormat, parse_allocation_units
from ..document import OvfDocument
from ._base import (
    _INT_RANGES,
    _LANGS,
    _U16,
    _U64,
    VENDOR_NS,
    _plain_text,
    vendor_elements,
    xml_names,
    xml_text,
)
from ._edit import _sections, _value

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
        from ..builder import EnvelopeBuilder

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
        from ..builder import Localized

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
        capacity = draw(st.integers(1, 2**62))
        units = draw(st.sampled_from(_BYTE_UNITS))
        most = min(2**63 - 1, capacity * parse_allocation_units(units))  # 9.1: <= capacity
        b.add_disk(
            did,
            capacity,
            units=units,
            file=file,
            populated_size=draw(st.one_of(st.none(), st.integers(0, most))),
            format=draw(
                st.sampled_from([*([] if file else [None]), *DiskFormat, "urn:example:raw"])
            ),
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
    from ..builder import PropertyType

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
    from ..cim import ResourceType

    draw: DrawFn = s.draw
    for _ in range(draw(st.integers(0, 2))):
        _build_product(s, content)
    if draw(st.booleans()):
        content.annotation(s.text(1), info=s.text())
    for _ in range(draw(st.integers(0, 2))):
        content.eula(s.text(1, 120), info=s.text())
    # OVF 1.x: ResourceAllocationSection only in a VirtualSystemCollection (DSP0243 9.3)
    from ..builder import CollectionBuilder

    allocations = 2 if s.v2 or isinstance(content, CollectionBuilder) else 0
    for _ in range(draw(st.integers(0, allocations))):
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
    from ..builder import ControllerKind, NicSubtype, ScsiSubtype

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
    cdroms = draw(st.integers(0, 2))
    if "iso" in (hw.section.transport or "").split():
        cdroms = max(cdroms, 1)  # the iso transport needs a CD-ROM in the section (11.2)
    for _ in range(cdroms):
        picked = free_controller()
        if picked is None:
            if hw.section.transport and not any(c.kind is ControllerKind.IDE
                                                for c in hw.controllers):  # fmt: skip
                picked = hw.ide_controller(), None
            else:
                break
        hw.cdrom(picked[0], slot=picked[1], iso_file=draw(st.sampled_from([None, *s.files])),
                 dvd=draw(st.booleans()), configuration=s.configuration())  # fmt: skip
    if "iso" in (hw.section.transport or "").split() and not any(
        _value(it.resource_type) in (15, 16) for it in hw.section.item
    ):
        hw.section.transport = ""  # no room for a CD-ROM: no iso transport either (the default)
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
    from ..builder.hardware import _CONTROLLERS

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
    from ..cim import OsType

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
