"""The semantic rules of DSP0243 that the XSD cannot express, registered in the shared catalog.

Codes: OVF0xx document and model, OVF1xx References/File, OVF2xx DiskSection, OVF3xx content and
sections, OVF4xx virtual hardware, OVF5xx deployment options, OVF6xx ProductSection and Strings,
OVF9xx XML Schema. The code is the contract; messages may change. Section numbers follow
DSP0243 2.1 (7 Envelope, 8 virtual hardware, 9 core sections, 10 internationalization); the
topic is named next to the number so a reader can find it in the 1.x editions too.

Every check is linear in the size of the document: indexes are dicts built once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from xsdata.formats.dataclass.models.generics import AnyElement

from ovfmodel import cim, model
from ovfmodel._generated import cim_rasd
from ovfmodel.binding import Extra, source_info, unconvertible_fields
from ovfmodel.diagnostics import CATALOG, Diagnostic, Location, Rule, Severity, make
from ovfmodel.document import OVF09_NS, OVF1_NS, OVF2_NS, OvfDocument

from ..cim import PROPERTY_INT_RANGES, PropertyType
from . import paths

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

_S_ENVELOPE = "DSP0243 7 (Envelope element)"
_S_FILES = "DSP0243 7.1 (File references)"
_S_CONTENT = "DSP0243 7.2 (Content element)"
_S_EXT = "DSP0243 7.3 (Extensibility)"
_S_HW = "DSP0243 8.1 (VirtualHardwareSection)"
_S_HWEL = "DSP0243 8.3 (Virtual hardware elements)"
_S_RANGES = "DSP0243 8.4 (Ranges on elements)"
_S_DISK = "DSP0243 9.1 (DiskSection)"
_S_NET = "DSP0243 9.2 (NetworkSection)"
_S_PRODUCT = "DSP0243 9.5 (ProductSection)"
_S_STARTUP = "DSP0243 9.7 (StartupSection)"
_S_DEPLOY = "DSP0243 9.8 (DeploymentOptionSection)"
_S_OS = "DSP0243 9.9 (OperatingSystemSection)"
_S_I18N = "DSP0243 10 (Internationalization)"
_S_XSD = "DSP8023/DSP8024 (OVF envelope XML Schema)"
_S_UNITS = "DSP0243 9.1, DSP0004 Annex C (programmatic units)"


def _rule(code: str, title: str, severity: Severity, spec: str, description: str) -> Rule:
    return CATALOG.register(code, title, severity, spec, description)


# --- OVF0xx: the document ---------------------------------------------------------------------
UNREADABLE = _rule(
    "OVF001",
    "Unreadable descriptor",
    E,
    _S_ENVELOPE,
    "The input is not well-formed XML, is hostile (entities, excessive size) or its root is not "
    "an OVF Envelope. Nothing else can be checked until it parses.",
)
VERSION_MISMATCH = _rule(
    "OVF002",
    "ovf:version disagrees with the namespace",
    E,
    _S_ENVELOPE,
    "The Envelope's ovf:version must name a version of the envelope namespace it is written in "
    "(1.x for .../ovf/envelope/1, 2.x for .../ovf/envelope/2, 0.9 for VMware's pre-standard "
    "namespace). Fix the attribute or the namespace.",
)
UNEXPECTED_ELEMENT = _rule(
    "OVF003",
    "Element the model cannot place",
    W,
    _S_XSD,
    "An element stands where the schema allows no such element (or a second one where one is "
    "allowed). ovfmodel keeps it verbatim, but consumers may reject or ignore it. Move or "
    "remove it.",
)
BAD_VALUE = _rule(
    "OVF004",
    "Value does not fit its schema type",
    E,
    _S_XSD,
    "An attribute or element value does not have its schema type (e.g. a ${placeholder} left "
    "by a template where a number is required). ovfmodel keeps the text verbatim. Replace it "
    "with a literal value of the right type.",
)

# --- OVF1xx: References -----------------------------------------------------------------------
DUPLICATE_FILE_ID = _rule(
    "OVF101",
    "Duplicate File id",
    E,
    _S_FILES,
    "Every References/File ovf:id must be unique in the descriptor; references to it would be "
    "ambiguous. Rename one of them.",
)
UNSAFE_HREF = _rule(
    "OVF102",
    "Unsafe File href",
    E,
    _S_FILES,
    "ovf:href must be a path relative to the descriptor without `..` segments (or a URL). An "
    "absolute path or `..` reaches outside the package: a consumer must not follow it.",
)
REMOTE_HREF = _rule(
    "OVF103",
    "Remote File href",
    INFO,
    _S_FILES,
    "ovf:href is a URL: the file is not part of the package and is fetched at deployment, so "
    "the package is not self-contained. Fine when intended.",
)
CLEARTEXT_HREF = _rule(
    "OVF104",
    "File fetched over a cleartext protocol",
    W,
    _S_FILES,
    "ovf:href is an http:// or ftp:// URL: the content can be altered in transit unless a "
    "manifest and signature cover it. Prefer https://.",
)
BAD_CHUNK_SIZE = _rule(
    "OVF105",
    "ovf:chunkSize not positive",
    E,
    _S_FILES,
    "A chunked File's ovf:chunkSize is the size in bytes of each chunk but the last; it must be "
    "greater than zero.",
)
CHUNK_HREF = _rule(
    "OVF106",
    "Chunked File href names a chunk",
    W,
    _S_FILES,
    "For a File with ovf:chunkSize, ovf:href names the whole file and the chunks are stored as "
    "href.000000000, href.000000001, ... Write the href without the nine-digit chunk suffix.",
)
UNUSED_FILE = _rule(
    "OVF107",
    "File not referenced",
    INFO,
    _S_FILES,
    "No Disk, HostResource, Icon, Strings or EnvironmentFiles entry refers to this File. It is "
    "carried in the package for nothing, or a reference to it is missing.",
)

# --- OVF2xx: disks ----------------------------------------------------------------------------
DUPLICATE_DISK_ID = _rule(
    "OVF201",
    "Duplicate Disk id",
    E,
    _S_DISK,
    "Every Disk ovf:diskId must be unique; ovf:/disk/ references would be ambiguous.",
)
DISK_FILEREF = _rule(
    "OVF202",
    "Disk fileRef names no File",
    E,
    _S_DISK,
    "A Disk's ovf:fileRef must be the ovf:id of a References/File. Add the File or fix the "
    "reference (omit ovf:fileRef for a blank disk).",
)
UNUSED_DISK = _rule(
    "OVF203",
    "Disk not used by any Item",
    W,
    _S_DISK,
    "No HostResource ovf:/disk/ID (and no other disk's ovf:parentRef) refers to this Disk, so "
    "no virtual system gets it. Attach it or remove it.",
)
BAD_CAPACITY = _rule(
    "OVF204",
    "Disk capacity invalid",
    E,
    _S_DISK,
    "ovf:capacity must be a whole number (in ovf:capacityAllocationUnits) or ${key}, a "
    "reference to a ProductSection property that gives it at deployment. The property must exist.",
)
BAD_UNITS = _rule(
    "OVF205",
    "Allocation units do not parse",
    E,
    _S_UNITS,
    "ovf:capacityAllocationUnits and rasd:AllocationUnits of memory must be DSP0004 programmatic "
    "units such as `byte * 2^30` (CPU: `hertz * 10^6`). Use that form.",
)
DISK_PARENTREF = _rule(
    "OVF206",
    "Disk parentRef names no Disk",
    E,
    _S_DISK,
    "A delta disk's ovf:parentRef must be the ovf:diskId of another Disk.",
)

# --- OVF3xx: content and sections -------------------------------------------------------------
DUPLICATE_CONTENT_ID = _rule(
    "OVF301",
    "Duplicate VirtualSystem/Collection id",
    E,
    _S_CONTENT,
    "ovf:id of VirtualSystem and VirtualSystemCollection elements must be unique in the "
    "descriptor. Rename one of them.",
)
NO_HARDWARE = _rule(
    "OVF302",
    "VirtualSystem without VirtualHardwareSection",
    E,
    _S_HW,
    "A VirtualSystem must describe its virtual hardware in at least one VirtualHardwareSection.",
)
STARTUP_ID = _rule(
    "OVF303",
    "StartupSection entry names no system",
    E,
    _S_STARTUP,
    "Each StartupSection Item ovf:id must be the id of a VirtualSystem or "
    "VirtualSystemCollection directly inside the collection that holds the StartupSection.",
)
REQUIRED_UNKNOWN = _rule(
    "OVF304",
    "Unknown section marked required",
    E,
    _S_EXT,
    'A section or extension element this model does not know has ovf:required="true" (the '
    "default). A consumer that does not understand it must reject the package. Set "
    'ovf:required="false" if deployment can do without it.',
)
OPTIONAL_UNKNOWN = _rule(
    "OVF305",
    "Unknown optional section",
    INFO,
    _S_EXT,
    'An extension section with ovf:required="false": consumers that do not understand it '
    "ignore it. Nothing to fix; listed so reviewers know it is there.",
)
OS_TYPE = _rule(
    "OVF306",
    "OS type outside the CIM value map",
    W,
    _S_OS,
    "OperatingSystemSection ovf:id must be a CIM_OperatingSystem.OSType value. Use the closest "
    "listed value (1 = Other) and say more in Description or a vendor attribute.",
)

# --- OVF4xx: virtual hardware -----------------------------------------------------------------
DUPLICATE_INSTANCE_ID = _rule(
    "OVF401",
    "Duplicate InstanceID",
    E,
    _S_HWEL,
    "rasd:InstanceID must be unique within a VirtualHardwareSection, per configuration: items "
    "whose ovf:configuration sets do not overlap may share one, and so may the ovf:bound "
    "min/max/normal entries of one range.",
)
PARENT_MISSING = _rule(
    "OVF402",
    "Parent names no InstanceID",
    E,
    _S_HWEL,
    "rasd:Parent must be the InstanceID of a controller item in the same VirtualHardwareSection.",
)
HOST_RESOURCE = _rule(
    "OVF403",
    "HostResource names no Disk or File",
    E,
    _S_DISK,
    "rasd:HostResource ovf:/disk/ID must name a Disk of DiskSection (or SharedDiskSection) and "
    "ovf:/file/ID a References/File.",
)
CONNECTION = _rule(
    "OVF404",
    "Connection names no Network",
    E,
    _S_NET,
    "rasd:Connection of a network adapter must be the ovf:name of a Network in NetworkSection.",
)
DUPLICATE_ADDRESS = _rule(
    "OVF405",
    "Duplicate AddressOnParent",
    E,
    _S_HWEL,
    "Two devices of one configuration sit at the same rasd:AddressOnParent of the same controller.",
)
ADDRESS_RANGE = _rule(
    "OVF406",
    "Address outside the controller's limits",
    E,
    _S_HWEL,
    "rasd:AddressOnParent must be a unit number the controller has: IDE 0-1 per channel (and "
    "rasd:Address 0-1, two channels), parallel SCSI 0-15, SATA/AHCI 0-29, NVMe 0-63.",
)
RESOURCE_TYPE = _rule(
    "OVF407",
    "ResourceType outside the CIM value map",
    W,
    _S_HWEL,
    "rasd:ResourceType must be a value of CIM_ResourceAllocationSettingData.ResourceType (1..33) "
    "or vendor reserved (32768..65535). Other values are DMTF reserved and mean nothing to a "
    "consumer; use 1 (Other) with rasd:ResourceSubType, or a vendor value.",
)
QUANTITY = _rule(
    "OVF408",
    "VirtualQuantity not positive",
    E,
    _S_HWEL,
    "A CPU or memory item must ask for a positive rasd:VirtualQuantity.",
)
ITEM_UNITS = _rule(
    "OVF409",
    "Item allocation units do not parse",
    E,
    _S_UNITS,
    "Memory rasd:AllocationUnits must be a byte unit (`byte * 2^20`), CPU a hertz unit "
    "(`hertz * 10^6`).",
)
BAD_BOUND = _rule(
    "OVF410",
    "ovf:bound value unknown",
    E,
    _S_RANGES,
    "ovf:bound on an Item must be `min`, `max` or `normal`.",
)

# --- OVF5xx: deployment options ---------------------------------------------------------------
UNKNOWN_CONFIGURATION = _rule(
    "OVF501",
    "ovf:configuration names no Configuration",
    E,
    _S_DEPLOY,
    "Every name in an ovf:configuration list must be the ovf:id of a Configuration in the "
    "DeploymentOptionSection.",
)
TWO_DEFAULTS = _rule(
    "OVF502",
    "More than one default Configuration",
    E,
    _S_DEPLOY,
    'At most one Configuration may have ovf:default="true" (without one, the first is the '
    "default). Keep one.",
)
DUPLICATE_CONFIGURATION = _rule(
    "OVF503",
    "Duplicate Configuration id",
    E,
    _S_DEPLOY,
    "Configuration ovf:id values must be unique within the DeploymentOptionSection.",
)

# --- OVF6xx: ProductSection and Strings -------------------------------------------------------
DUPLICATE_PROPERTY = _rule(
    "OVF601",
    "Duplicate property key",
    E,
    _S_PRODUCT,
    "Property ovf:key must be unique among ProductSections with the same ovf:class and "
    "ovf:instance: the environment identifies a property by class.key.instance.",
)
PROPERTY_TYPE_VALUE = _rule(
    "OVF602",
    "Property default does not fit its type",
    E,
    _S_PRODUCT,
    "A Property's ovf:value (and each Value element) must be a literal of its ovf:type "
    "(uint8..sint64 in range, real32/real64, boolean true/false, string).",
)
PROPERTY_QUALIFIER = _rule(
    "OVF603",
    "Property default violates its qualifiers",
    E,
    _S_PRODUCT,
    "A Property's default must satisfy its ovf:qualifiers: MinLen/MaxLen (strings), "
    "MinValue/MaxValue (numbers) and ValueMap{...} (the listed values).",
)
PROPERTY_TYPE = _rule(
    "OVF604",
    "Unknown property type",
    W,
    _S_PRODUCT,
    "ovf:type must be one of uint8, sint8, uint16, sint16, uint32, sint32, uint64, sint64, "
    "string, boolean, real32, real64. Consumers may reject other types.",
)
MSGID = _rule(
    "OVF605",
    "msgid without a string",
    W,
    _S_I18N,
    "An ovf:msgid names no Msg of any Strings bundle; localized consumers fall back to the "
    "element's own text. Add the Msg or remove the msgid.",
)

# --- OVF9xx: XML Schema -----------------------------------------------------------------------
XSD_ERROR = _rule(
    "OVF901",
    "XML Schema violation",
    E,
    _S_XSD,
    "The descriptor does not validate against the pristine DMTF schema of its version.",
)
XSD_EXTENSION = _rule(
    "OVF902",
    "Extension content the DMTF schema cannot check",
    W,
    _S_XSD,
    "An element or attribute in a vendor namespace is not accepted by the pristine DMTF schema "
    "alone (it would need the vendor's schema). Extension sections are removed before schema "
    "validation, so this concerns extension content inside DMTF elements.",
)
XSD_NO_SCHEMA = _rule(
    "OVF903",
    "No schema for this OVF version",
    INFO,
    _S_XSD,
    "OVF 0.9 (VMware's pre-standard namespace) has no DMTF schema; only the semantic rules apply.",
)
XSD_MISSING = _rule(
    "OVF904",
    "Schemas not installed",
    W,
    _S_XSD,
    "The DMTF XSD files are not installed, so schema validation was skipped. The message says "
    "how to install them; --no-xsd (xsd=False) silences this.",
)


# ============================================================================= context


@dataclass
class Context:
    """What the rules share while checking one document."""

    doc: OvfDocument
    file: str | None
    out: list[Diagnostic] = field(default_factory=list)
    lines: paths.LineIndex = field(default_factory=paths.LineIndex)
    product_keys: dict[tuple[str, str, str], Any] = field(default_factory=dict)
    _text_lines: list[bytes] | None = None

    def column(self, line: int, tag: str, prefix: str | None) -> int | None:
        text = self.doc._text
        if text is None:
            return None
        if self._text_lines is None:
            self._text_lines = text.split(b"\n")
        if line > len(self._text_lines):
            return None
        src = self._text_lines[line - 1].decode("utf-8", "replace")
        local = paths.local_name(tag)
        qname = f"{prefix}:{local}" if prefix else local
        match = re.search("<" + re.escape(qname) + r"[\s/>]", src + " ")
        return match.start() + 1 if match else 1

    def where(self, obj: object, path: str | None) -> Location:
        info = source_info(obj)
        line = column = None
        if info is not None and info.line is not None:
            line = info.line
            if info.column is None:
                info.column = self.column(line, info.tag, info.prefix)
            column = info.column
        return Location(file=self.file, line=line, column=column, path=path)

    def report(self, rule: Rule, message: str, obj: object = None, path: str | None = None) -> None:
        self.out.append(make(rule, message, self.where(obj, path)))

    def report_at(
        self, rule: Rule, message: str, line: int | None, column: int | None, path: str | None
    ) -> None:
        loc = Location(file=self.file, line=line, column=column, path=path)
        self.out.append(make(rule, message, loc))

    def mark(self, obj: object, path: str) -> str:
        """Remember obj's path for line lookups; returns the path."""
        info = source_info(obj)
        if info is not None:
            self.lines.add(info.line, path)
        return path


def _text(wrapper: Any) -> str | None:
    """The text of a CIM wrapper (or its verbatim source text when it did not convert)."""
    if wrapper is None:
        return None
    value = getattr(wrapper, "value", None)
    if value is None:
        for _, raw in unconvertible_fields(wrapper):
            return raw
        return None
    if hasattr(value, "value"):  # enum
        value = value.value
    return str(value)


def _configs(text: str | None) -> frozenset[str] | None:
    return frozenset(text.split()) if text and text.strip() else None


def _overlap(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    return a is None or b is None or bool(a & b)


def _attr(obj: Any, local: str) -> str | None:
    """A namespaced attribute of a vendor element (AnyElement), by local name, OVF namespaces."""
    attrs = getattr(obj, "attributes", None) or {}
    for ns in (OVF1_NS, OVF2_NS, OVF09_NS, ""):
        key = f"{{{ns}}}{local}" if ns else local
        if key in attrs:
            return str(attrs[key])
    return None


# ============================================================================= indexes


@dataclass
class Index:
    files: dict[str, Any] = field(default_factory=dict)
    disks: dict[str, Any] = field(default_factory=dict)
    disk_paths: dict[str, str] = field(default_factory=dict)
    networks: set[str] = field(default_factory=set)
    configurations: set[str] = field(default_factory=set)
    property_keys: set[str] = field(default_factory=set)
    used_disks: set[str] = field(default_factory=set)
    used_files: set[str] = field(default_factory=set)
    hardware: list[Any] = field(default_factory=list)


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_CHUNK_SUFFIX = re.compile(r"\.\d{9}$")


def check_references(ctx: Context, idx: Index) -> None:
    for f in model.files(ctx.doc):
        path = ctx.mark(f, paths.join("References", paths.keyed("File", f.id)))
        if f.id in idx.files:
            first = ctx.where(idx.files[f.id], None)
            ctx.report(
                DUPLICATE_FILE_ID, f"File id {f.id!r} is already used (line {first.line})", f, path
            )
        else:
            idx.files[f.id] = f
        href = f.href or ""
        scheme = _SCHEME.match(href)
        if scheme and len(scheme.group(1)) > 1:
            name = scheme.group(1).lower()
            if name == "file":
                ctx.report(
                    UNSAFE_HREF,
                    f"href {href!r} is a file: URL, an absolute path outside "
                    "the package; use a path relative to the descriptor",
                    f,
                    path,
                )
            elif name in ("http", "ftp"):
                ctx.report(
                    CLEARTEXT_HREF,
                    f"href {href!r} is fetched over {name}, without "
                    "transport security; use https:// or ship the file in the package",
                    f,
                    path,
                )
            else:
                ctx.report(
                    REMOTE_HREF,
                    f"href {href!r} is remote: it is fetched at deployment, "
                    "not carried in the package",
                    f,
                    path,
                )
        else:
            norm = href.replace("\\", "/")
            if norm.startswith("/") or re.match(r"^[A-Za-z]:", href):
                ctx.report(
                    UNSAFE_HREF,
                    f"href {href!r} is an absolute path; use a path relative to the descriptor",
                    f,
                    path,
                )
            elif ".." in norm.split("/"):
                ctx.report(
                    UNSAFE_HREF,
                    f"href {href!r} climbs out of the package with '..'; "
                    "use a path inside the package",
                    f,
                    path,
                )
        if f.chunk_size is not None:
            if f.chunk_size <= 0:
                ctx.report(
                    BAD_CHUNK_SIZE,
                    f"ovf:chunkSize is {f.chunk_size}; give the chunk "
                    "size in bytes (> 0) or drop the attribute",
                    f,
                    path,
                )
            if _CHUNK_SUFFIX.search(href):
                ctx.report(
                    CHUNK_HREF,
                    f"href {href!r} already ends in a chunk number; write "
                    f"{_CHUNK_SUFFIX.sub('', href)!r}, chunks are named href.000000000, "
                    "href.000000001, ...",
                    f,
                    path,
                )


_PLACEHOLDER = re.compile(r"^\$\{([^}]+)\}$")


def index_properties(ctx: Context, idx: Index) -> None:
    for c in model.iter_content(ctx.doc):
        for ps in model.product_sections(c):
            prefix = f"{ps.class_value}." if ps.class_value else ""
            suffix = f".{ps.instance}" if ps.instance else ""
            for p in model.properties(ps):
                idx.property_keys.add(p.key)
                idx.property_keys.add(prefix + p.key + suffix)


def check_disks(ctx: Context, idx: Index) -> None:
    env = ctx.doc.envelope
    disk_list: list[tuple[Any, str]] = []
    for kind, elem in (("DiskSection", "disk"), ("SharedDiskSection", "shared_disk")):
        try:
            secs = model.sections(env, kind)
        except KeyError:  # pragma: no cover - every kind is known
            continue
        for s in secs:
            for d in getattr(s, elem, []) or []:
                disk_list.append((d, kind))
    for d, kind in disk_list:
        path = ctx.mark(
            d,
            paths.join(
                kind,
                paths.keyed("SharedDisk" if kind == "SharedDiskSection" else "Disk", d.disk_id),
            ),
        )
        if d.disk_id in idx.disks:
            first = ctx.where(idx.disks[d.disk_id], None)
            ctx.report(
                DUPLICATE_DISK_ID,
                f"Disk id {d.disk_id!r} is already used (line {first.line})",
                d,
                path,
            )
        else:
            idx.disks[d.disk_id] = d
            idx.disk_paths[d.disk_id] = path
        if d.file_ref:
            idx.used_files.add(d.file_ref)
            if d.file_ref not in idx.files:
                ctx.report(
                    DISK_FILEREF,
                    f"Disk {d.disk_id!r} has ovf:fileRef {d.file_ref!r}, "
                    "which names no References/File; add the File or fix the fileRef",
                    d,
                    path,
                )
        cap = (d.capacity or "").strip()
        placeholder = _PLACEHOLDER.match(cap)
        if placeholder:
            if placeholder.group(1) not in idx.property_keys:
                ctx.report(
                    BAD_CAPACITY,
                    f"capacity {cap!r} refers to property "
                    f"{placeholder.group(1)!r}, which no ProductSection declares; add "
                    "the Property or write the capacity as a number",
                    d,
                    path,
                )
        elif not re.fullmatch(r"\d+", cap):
            ctx.report(
                BAD_CAPACITY,
                f"capacity {cap!r} is neither a whole number nor a ${{property}} reference",
                d,
                path,
            )
        units = d.capacity_allocation_units
        if units:
            try:
                cim.parse_allocation_units(units)
            except cim.UnitsError as exc:
                ctx.report(BAD_UNITS, f"{exc.message}; {exc.hint}", d, path)
    for d, _kind in disk_list:
        if d.parent_ref:
            idx.used_disks.add(d.parent_ref)
            if d.parent_ref not in idx.disks:
                ctx.report(
                    DISK_PARENTREF,
                    f"Disk {d.disk_id!r} has ovf:parentRef {d.parent_ref!r}, which names no Disk",
                    d,
                    idx.disk_paths.get(d.disk_id),
                )


def index_networks_and_configurations(ctx: Context, idx: Index) -> None:
    for n in model.networks(ctx.doc):
        ctx.mark(n, paths.join("NetworkSection", paths.keyed("Network", n.name)))
        idx.networks.add(n.name)
    for s in model.sections(ctx.doc.envelope, "DeploymentOptionSection"):
        defaults: list[Any] = []
        for c in s.configuration:
            path = ctx.mark(
                c, paths.join("DeploymentOptionSection", paths.keyed("Configuration", c.id))
            )
            if c.id in idx.configurations:
                ctx.report(
                    DUPLICATE_CONFIGURATION,
                    f"Configuration id {c.id!r} is already "
                    "used; give each configuration its own id",
                    c,
                    path,
                )
            idx.configurations.add(c.id)
            if c.default:
                defaults.append(c)
                if len(defaults) > 1:
                    first = ctx.where(defaults[0], None)
                    ctx.report(
                        TWO_DEFAULTS,
                        f"Configuration {c.id!r} is a second "
                        f'ovf:default="true" (first: {defaults[0].id!r}, line '
                        f"{first.line}); keep one default",
                        c,
                        path,
                    )


def check_configuration_ref(
    ctx: Context, idx: Index, text: str | None, obj: object, path: str | None
) -> None:
    if not text:
        return
    for name in text.split():
        if name not in idx.configurations:
            known = ", ".join(sorted(idx.configurations)) or "none: no DeploymentOptionSection"
            ctx.report(
                UNKNOWN_CONFIGURATION,
                f"ovf:configuration names {name!r}, which is not a Configuration (known: {known})",
                obj,
                path,
            )


# ----------------------------------------------------------------------------- content


def _is_required(obj: Any) -> bool:
    value = _attr(obj, "required")
    return value is None or value.strip().lower() not in ("false", "0")


def check_unknown(ctx: Context, obj: Any, path: str, what: str) -> None:
    name = paths.local_name(obj.qname or "")
    if _is_required(obj):
        ctx.report(
            REQUIRED_UNKNOWN,
            f"{what} {obj.qname} is required (ovf:required is "
            '"true" or absent): a consumer that does not understand it must reject the '
            'package; set ovf:required="false" if it is optional',
            obj,
            path,
        )
    else:
        ctx.report(
            OPTIONAL_UNKNOWN,
            f"{what} {name} ({obj.qname}) is optional and ignored by "
            "consumers that do not understand it",
            obj,
            path,
        )


def check_content(ctx: Context, idx: Index) -> None:
    env = ctx.doc.envelope
    for s in model.sections(env):
        if isinstance(s, AnyElement):
            check_unknown(ctx, s, ctx.mark(s, paths.section(s)), "section")
        elif paths.section_kind(s) not in (
            "DiskSection",
            "NetworkSection",
            "DeploymentOptionSection",
        ):
            check_section(ctx, idx, s, ctx.mark(s, paths.section(s)))
    seen: dict[str, Any] = {}
    parents: dict[int, str] = {}
    top = model.content(ctx.doc)
    stack: list[tuple[Any, str]] = [(top, "")] if top is not None else []
    while stack:
        node, parent_path = stack.pop()
        path = ctx.mark(node, paths.join(parent_path, paths.content(node)))
        parents[id(node)] = path
        cid = getattr(node, "id", None)
        if cid:
            if cid in seen:
                first = ctx.where(seen[cid], None)
                ctx.report(
                    DUPLICATE_CONTENT_ID,
                    f"id {cid!r} is already used by another "
                    f"VirtualSystem or VirtualSystemCollection (line {first.line})",
                    node,
                    path,
                )
            else:
                seen[cid] = node
        is_collection = isinstance(node, model.COLLECTION)
        has_hw = False
        for s in model.sections(node):
            spath = ctx.mark(s, paths.join(path, paths.section(s)))
            if isinstance(s, AnyElement):
                check_unknown(ctx, s, spath, "section")
                continue
            kind = paths.section_kind(s)
            if kind == "VirtualHardwareSection":
                has_hw = True
                check_hardware(ctx, idx, s, spath)
            elif kind == "StartupSection" and is_collection:
                children = {getattr(c, "id", None) for c in node.content}
                for it in s.item:
                    if it.id not in children:
                        ctx.report(
                            STARTUP_ID,
                            f"StartupSection entry ovf:id={it.id!r} names no "
                            "VirtualSystem or VirtualSystemCollection of this collection",
                            it,
                            spath,
                        )
            else:
                check_section(ctx, idx, s, spath)
        if isinstance(node, model.VIRTUAL_SYSTEM) and not has_hw:
            ctx.report(
                NO_HARDWARE,
                f"VirtualSystem {cid!r} has no VirtualHardwareSection; add "
                "one describing its CPUs, memory, controllers, disks and NICs",
                node,
                path,
            )
        if is_collection:
            stack.extend((c, path) for c in reversed(list(node.content)))


_PROPERTY_INT = PROPERTY_INT_RANGES
_PROPERTY_TYPES = {str(t) for t in PropertyType}
_QUAL = re.compile(r"(MinLen|MaxLen|MinValue|MaxValue)\(\s*([^)]*?)\s*\)|ValueMap\s*\{([^}]*)\}")


def check_section(ctx: Context, idx: Index, s: Any, path: str) -> None:
    kind = paths.section_kind(s)
    if kind == "ProductSection":
        check_product(ctx, idx, s, path)
    elif kind == "OperatingSystemSection":
        os_id = s.id
        if isinstance(os_id, int) and os_id not in cim.OsType._value2member_map_:
            ctx.report(
                OS_TYPE,
                f"OS type {os_id} is not in CIM_OperatingSystem.OSType; use "
                "the closest listed value (1 = Other)",
                s,
                path,
            )
    elif kind == "ResourceAllocationSection":
        for it in model.items(_AsHardware(s)):
            ipath = ctx.mark(it, f"{path}/{paths.item(it)}")
            check_configuration_ref(ctx, idx, it.configuration, it, ipath)
    elif kind == "ScaleOutSection":
        for count in s.instance_count:
            check_configuration_ref(ctx, idx, count.configuration, count, path)


class _AsHardware:
    """ResourceAllocationSection holds items like a VirtualHardwareSection."""

    def __init__(self, section: Any) -> None:
        self.sections = [section]


def check_product(ctx: Context, idx: Index, s: Any, path: str) -> None:
    seen = ctx.product_keys
    for p in model.properties(s):
        ppath = ctx.mark(p, paths.join(path, paths.keyed("Property", p.key)))
        key = (s.class_value or "", p.key, s.instance or "")
        if key in seen:
            first = ctx.where(seen[key], None)
            full = ".".join(x for x in key if x)
            ctx.report(
                DUPLICATE_PROPERTY,
                f"property {full!r} is already declared (line "
                f"{first.line}); keys must be unique per ovf:class and ovf:instance",
                p,
                ppath,
            )
        else:
            seen[key] = p
        check_configuration_ref(ctx, idx, getattr(p, "configuration", None), p, ppath)
        ptype = (p.type_value or "").strip()
        if ptype not in _PROPERTY_TYPES:
            ctx.report(
                PROPERTY_TYPE,
                f"property {p.key!r} has ovf:type {ptype!r}, not one of "
                f"{', '.join(sorted(_PROPERTY_TYPES))}",
                p,
                ppath,
            )
            continue
        info = source_info(p)
        has_default = p.value_attribute != "" or (info is None and p.value_attribute)
        if has_default:
            _check_property_value(ctx, p, ptype, p.value_attribute, "ovf:value", ppath)
        for alt in getattr(p, "value", []) or []:
            check_configuration_ref(ctx, idx, getattr(alt, "configuration", None), alt, ppath)
            if alt.value != "":
                _check_property_value(
                    ctx, alt, ptype, alt.value, f"Value for {alt.configuration or 'all'}", ppath, p
                )


def _check_property_value(
    ctx: Context, obj: Any, ptype: str, value: str, what: str, path: str, prop: Any = None
) -> None:
    prop = prop if prop is not None else obj
    number: float | None = None
    if ptype in _PROPERTY_INT:
        lo, hi = _PROPERTY_INT[ptype]
        try:
            ivalue = int(value.strip())
        except ValueError:
            ctx.report(
                PROPERTY_TYPE_VALUE,
                f"property {prop.key!r}: {what} {value!r} is not an integer ({ptype})",
                obj,
                path,
            )
            return
        if not lo <= ivalue <= hi:
            ctx.report(
                PROPERTY_TYPE_VALUE,
                f"property {prop.key!r}: {what} {value!r} is outside {ptype} ({lo}..{hi})",
                obj,
                path,
            )
            return
        number = ivalue
    elif ptype in ("real32", "real64"):
        try:
            number = float(value.strip())
        except ValueError:
            ctx.report(
                PROPERTY_TYPE_VALUE,
                f"property {prop.key!r}: {what} {value!r} is not a number ({ptype})",
                obj,
                path,
            )
            return
    elif ptype == "boolean" and value.strip().lower() not in ("true", "false", "1", "0"):
        ctx.report(
            PROPERTY_TYPE_VALUE,
            f"property {prop.key!r}: {what} {value!r} is not a boolean (true or false)",
            obj,
            path,
        )
        return
    for m in _QUAL.finditer(prop.qualifiers or ""):
        name, arg, valuemap = m.group(1), m.group(2), m.group(3)
        problem = None
        if valuemap is not None:
            allowed = [v.strip().strip('"').strip("'") for v in valuemap.split(",")]
            if not _in_value_map(value, allowed, number):
                problem = f"is not one of ValueMap {{{', '.join(allowed)}}}"
        elif name in ("MinLen", "MaxLen") and arg.isdigit():
            limit = int(arg)
            if name == "MinLen" and len(value) < limit:
                problem = f"is shorter than MinLen({limit}) ({len(value)} characters)"
            if name == "MaxLen" and len(value) > limit:
                problem = f"is longer than MaxLen({limit}) ({len(value)} characters)"
        elif name in ("MinValue", "MaxValue") and number is not None:
            try:
                limit_f = float(arg)
            except ValueError:
                continue
            if name == "MinValue" and number < limit_f:
                problem = f"is below MinValue({arg})"
            if name == "MaxValue" and number > limit_f:
                problem = f"is above MaxValue({arg})"
        if problem:
            ctx.report(
                PROPERTY_QUALIFIER, f"property {prop.key!r}: {what} {value!r} {problem}", obj, path
            )


def _in_value_map(value: str, allowed: list[str], number: float | None) -> bool:
    for entry in allowed:
        if entry == value:
            return True
        if number is not None and ".." in entry:
            lo, _, hi = entry.partition("..")
            try:
                if (not lo or float(lo) <= number) and (not hi or number <= float(hi)):
                    return True
            except ValueError:
                continue
    return False


# ----------------------------------------------------------------------------- hardware

_HOST = re.compile(r"^(?:ovf:)?/{1,2}(disk|file)/(.+)$")
_HERTZ = re.compile(r"^\s*(hertz\s*(\*\s*10\s*\^\s*\d+\s*)?|(kilo|mega|giga)hertz|count)\s*$", re.I)
_RT = cim.ResourceType
_ADDRESS_LIMITS = {int(_RT.IDE_CONTROLLER): 1, int(_RT.PARALLEL_SCSI_HBA): 15}
_BOUNDS = ("min", "max", "normal")
# Connection names a Network only on network devices (XenServer writes disk options there)
_NETWORK_TYPES = {
    int(_RT.ETHERNET_ADAPTER),
    int(_RT.OTHER_NETWORK_ADAPTER),
    int(_RT.ETHERNET_SWITCH_PORT),
    int(_RT.ETHERNET_CONNECTION),
}
_FILE_URI = re.compile(r"ovf:/file/([^\s\"'<>]+)")


def _controller_limit(ctrl: Any) -> tuple[int, str] | None:
    rt = _text(getattr(ctrl, "resource_type", None))
    if rt is None or not rt.strip().isdigit():
        return None
    code = int(rt)
    if code in _ADDRESS_LIMITS:
        name = "IDE" if code == int(_RT.IDE_CONTROLLER) else "parallel SCSI"
        return _ADDRESS_LIMITS[code], name
    if code == int(_RT.OTHER_STORAGE_DEVICE):
        sub = (_text(getattr(ctrl, "resource_sub_type", None)) or "").lower()
        if "ahci" in sub or "sata" in sub:
            return 29, "SATA"
        if "nvme" in sub:
            return 63, "NVMe"
    return None


def _vendor_file_refs(idx: Index, obj: Any) -> None:
    """ovf:/file/ID in vendor attributes (vmw:ExtraConfig vmw:value="ovf:/file/file2")."""
    for other in getattr(obj, "other_element", None) or []:
        if isinstance(other, AnyElement):
            for value in (other.attributes or {}).values():
                if "ovf:/file/" in str(value):
                    idx.used_files.update(_FILE_URI.findall(str(value)))


def check_hardware(ctx: Context, idx: Index, hw: Any, path: str) -> None:
    idx.hardware.append(hw)
    for other in getattr(hw, "other_element", []) or []:
        if isinstance(other, AnyElement) and _attr(other, "required") is not None:
            opath = ctx.mark(other, paths.join(path, paths.local_name(other.qname or "")))
            if _is_required(other):
                check_unknown(ctx, other, opath, "element")
    items = model.items(_AsHardware(hw))
    by_id: dict[str, Any] = {}
    groups: dict[tuple[str, str], list[tuple[Any, frozenset[str] | None]]] = {}
    item_paths: list[str] = []
    for it in items:
        ipath = ctx.mark(it, f"{path}/{paths.item(it)}")
        item_paths.append(ipath)
        iid = paths.instance_id(it)
        bound = it.bound or "normal"
        if it.bound is not None and it.bound not in _BOUNDS:
            ctx.report(BAD_BOUND, f"ovf:bound={it.bound!r}; use min, max or normal", it, ipath)
        if iid is None:
            continue
        cfg = _configs(it.configuration)
        group = groups.setdefault((iid, bound), [])
        for other_item, other_cfg in group:
            if _overlap(cfg, other_cfg):
                first = ctx.where(other_item, None)
                ctx.report(
                    DUPLICATE_INSTANCE_ID,
                    f"InstanceID {iid!r} is already used in this "
                    f"VirtualHardwareSection (line {first.line}) for an overlapping "
                    "configuration; give each item its own InstanceID",
                    it,
                    ipath,
                )
                break
        group.append((it, cfg))
        by_id.setdefault(iid, it)
    addresses: dict[tuple[str, str, str], list[tuple[Any, frozenset[str] | None]]] = {}
    for it, ipath in zip(items, item_paths, strict=True):
        check_configuration_ref(ctx, idx, it.configuration, it, ipath)
        check_item(ctx, idx, it, ipath)
        parent = _text(getattr(it, "parent", None))
        if parent is not None:
            ctrl = by_id.get(parent)
            if ctrl is None:
                ctx.report(
                    PARENT_MISSING,
                    f"Parent {parent!r} is not the InstanceID of any item "
                    "in this VirtualHardwareSection",
                    it,
                    ipath,
                )
        else:
            ctrl = None
        address = _text(getattr(it, "address_on_parent", None))
        if parent is not None and address is not None:
            cfg = _configs(it.configuration)
            group = addresses.setdefault((parent, address.strip(), it.bound or "normal"), [])
            for other_item, other_cfg in group:
                if _overlap(cfg, other_cfg):
                    first = ctx.where(other_item, None)
                    ctx.report(
                        DUPLICATE_ADDRESS,
                        f"AddressOnParent {address} of controller "
                        f"{parent} is already taken by the item at line {first.line}; "
                        "give each device its own unit number",
                        it,
                        ipath,
                    )
                    break
            group.append((it, cfg))
            limit = _controller_limit(ctrl) if ctrl is not None else None
            if limit is not None:
                hi, name = limit
                if not address.strip().isdigit() or int(address) > hi:
                    ctx.report(
                        ADDRESS_RANGE,
                        f"AddressOnParent {address!r} is outside the "
                        f"{name} controller's unit numbers 0-{hi}",
                        it,
                        ipath,
                    )
        rt = _text(getattr(it, "resource_type", None))
        if rt is not None and rt.strip() == str(int(_RT.IDE_CONTROLLER)):
            addr = _text(getattr(it, "address", None))
            if addr is not None and addr.strip() not in ("0", "1"):
                ctx.report(
                    ADDRESS_RANGE,
                    f"IDE controller Address {addr!r}: a virtual machine "
                    "has two IDE channels, 0 and 1",
                    it,
                    ipath,
                )


def check_item(ctx: Context, idx: Index, it: Any, path: str) -> None:
    _check_item_values(ctx, it, path)
    for host in getattr(it, "host_resource", []) or []:
        text = (_text(host) or "").strip()
        m = _HOST.match(text)
        if m is None:
            continue
        kind, ref = m.group(1), m.group(2)
        if kind == "disk":
            idx.used_disks.add(ref)
            if ref not in idx.disks:
                ctx.report(
                    HOST_RESOURCE,
                    f"HostResource {text!r} names no Disk of DiskSection; "
                    "add the Disk or fix the id",
                    it,
                    path,
                )
        else:
            idx.used_files.add(ref)
            if ref not in idx.files:
                ctx.report(
                    HOST_RESOURCE, f"HostResource {text!r} names no References/File", it, path
                )
    rt_text = (_text(getattr(it, "resource_type", None)) or "").strip()
    network_item = not rt_text.isdigit() or int(rt_text) in _NETWORK_TYPES
    for conn in getattr(it, "connection", []) if network_item else []:
        name = (_text(conn) or "").strip()
        if name and name not in idx.networks:
            known = ", ".join(sorted(idx.networks)) or "none: no NetworkSection"
            ctx.report(
                CONNECTION,
                f"Connection {name!r} names no Network of NetworkSection (known: {known})",
                it,
                path,
            )
    wrapper = getattr(it, "resource_type", None)
    rt_value: int | None = None
    if wrapper is not None:
        value = getattr(wrapper, "value", None)
        if isinstance(value, Enum):
            rt_value = int(value.value)
        else:
            raw = _text(wrapper)
            if raw is not None and raw.strip().lstrip("+").isdigit():
                rt_value = int(raw)
                if not cim.VENDOR_RESOURCE_TYPE_MIN <= rt_value <= 65535:
                    why = "DMTF reserved" if rt_value <= 65535 else "beyond the 16-bit value map"
                    ctx.report(
                        RESOURCE_TYPE,
                        f"ResourceType {rt_value} is {why}, not in the CIM "
                        "value map; use 1 (Other) with ResourceSubType or a vendor value "
                        "32768-65535",
                        it,
                        path,
                    )
            elif raw is not None:
                ctx.report(BAD_VALUE, f"ResourceType {raw!r} is not a number", it, path)
    if rt_value in (int(_RT.PROCESSOR), int(_RT.MEMORY)):
        what = "CPU" if rt_value == int(_RT.PROCESSOR) else "memory"
        vq = getattr(it, "virtual_quantity", None)
        q = getattr(vq, "value", None) if vq is not None else None
        if isinstance(q, int) and q <= 0:
            ctx.report(
                QUANTITY, f"{what} item asks for VirtualQuantity {q}; it must be > 0", it, path
            )
        units = _text(getattr(it, "allocation_units", None))
        if units:
            if rt_value == int(_RT.MEMORY):
                try:
                    cim.parse_allocation_units(units)
                except cim.UnitsError as exc:
                    ctx.report(ITEM_UNITS, f"memory {exc.message}; {exc.hint}", it, path)
            elif _HERTZ.match(units) is None:
                ctx.report(
                    ITEM_UNITS,
                    f"CPU AllocationUnits {units!r} is not a hertz unit "
                    "(or count); write e.g. 'hertz * 10^6'",
                    it,
                    path,
                )


# ----------------------------------------------------------------------------- document


def check_version(ctx: Context) -> None:
    doc = ctx.doc
    declared = doc.declared_version
    if not declared:
        return
    major = declared.strip().split(".", 1)[0]
    expected = {OVF1_NS: "1", OVF2_NS: "2"}.get(doc.namespace)
    env = doc.envelope
    if doc.namespace == OVF09_NS:
        if not declared.strip().startswith("0.9"):
            ctx.report(
                VERSION_MISMATCH,
                f"ovf:version={declared!r} in VMware's OVF 0.9 "
                "namespace; write 0.9, or move the document to an OVF 1.x/2.x "
                "namespace",
                env,
                "Envelope",
            )
    elif expected and major != expected:
        ctx.report(
            VERSION_MISMATCH,
            f"ovf:version={declared!r} but the envelope namespace is "
            f"{doc.namespace} (OVF {expected}.x); fix one of them",
            env,
            "Envelope",
        )


def check_unused(ctx: Context, idx: Index) -> None:
    for disk_id, d in idx.disks.items():
        if disk_id not in idx.used_disks:
            ctx.report(
                UNUSED_DISK,
                f"Disk {disk_id!r} is not used by any Item (no HostResource "
                f"ovf:/disk/{disk_id}); attach it or remove it",
                d,
                idx.disk_paths.get(disk_id),
            )
    env = ctx.doc.envelope
    for s in model.strings(env):
        if s.file_ref:
            idx.used_files.add(s.file_ref)
        for m in s.msg:
            if getattr(m, "file_ref", None):
                idx.used_files.add(m.file_ref)
    for c in model.iter_content(ctx.doc):
        for ps in model.product_sections(c):
            for icon in ps.icon:
                idx.used_files.add(icon.file_ref)
        for s in model.sections(c, "EnvironmentFilesSection"):
            for f in s.file:
                idx.used_files.add(f.file_ref)
    if any(file_id not in idx.used_files for file_id in idx.files):
        for hw in idx.hardware:  # vmw:ExtraConfig vmw:value="ovf:/file/file2" (nvram)
            _vendor_file_refs(idx, hw)
            for it in model.items(_AsHardware(hw)):
                _vendor_file_refs(idx, it)
    for file_id, f in idx.files.items():
        if file_id not in idx.used_files:
            ctx.report(
                UNUSED_FILE,
                f"File {file_id!r} ({f.href}) is not referenced by any Disk, "
                "HostResource, Icon, Strings or EnvironmentFiles entry",
                f,
                paths.join("References", paths.keyed("File", file_id)),
            )


_ITEM_LISTS = frozenset({"item", "storage_item", "ethernet_port_item"})
_INFO = "_ovfmodel_source"


def _check_item_values(ctx: Context, it: Any, path: str) -> None:
    """Unconvertible values of an item and its CIM wrappers (items hold no MsgType)."""
    for value in vars(it).values():
        if type(value) is list:
            for w in value:
                _check_raw(ctx, w, path)
        elif value is not None and hasattr(value, "__dict__"):
            _check_raw(ctx, value, path)
    _check_raw(ctx, it, path)


def _check_raw(ctx: Context, obj: Any, path: str | None) -> None:
    info = source_info(obj)
    if info is None or not info.raw or isinstance(obj, cim_rasd.ResourceType):
        return
    for field_name, text in unconvertible_fields(obj):
        if path is None:
            path = ctx.lines.lookup(info.line)
        ctx.report(
            BAD_VALUE,
            f"{field_name.replace('_', ' ')} {text!r} does not fit its schema type; write a "
            "literal value of that type",
            obj,
            path,
        )


def _walk_outside_items(root: Any) -> Iterator[Any]:
    """Every model object but RASD items and their values, parents first."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        d = getattr(node, "__dict__", None)
        if d is None:
            continue
        children: list[Any] = []
        for key, value in d.items():
            if key == _INFO or (key in _ITEM_LISTS and hasattr(node, "info")):
                continue
            if type(value) is list:
                children.extend(v for v in value if hasattr(v, "__dataclass_fields__"))
            elif hasattr(value, "__dataclass_fields__"):
                children.append(value)
        stack.extend(reversed(children))


def check_model(ctx: Context) -> None:
    """Unexpected elements the binder kept, unconvertible values and unresolved msgids."""
    doc = ctx.doc
    for info, message in doc.problems:
        line = column = None
        if info is not None:
            line = info.line
            tag = message.rsplit(" ", 1)[-1]
            for child in info.children:
                if (
                    isinstance(child, Extra)
                    and not isinstance(child.node, str)
                    and (child.node.tag == tag)
                ):
                    source_line = child.node.sourceline
                    line = source_line if isinstance(source_line, int) else None
                    prefix = child.node.prefix
                    column = ctx.column(line, tag, prefix) if line else None
                    break
        ctx.report_at(
            UNEXPECTED_ELEMENT,
            message + "; it is kept verbatim but no model field holds it",
            line,
            column,
            ctx.lines.lookup(line),
        )
    msgids: set[str] = set()
    external = False
    for s in model.strings(doc):
        if s.file_ref:
            external = True
        for m in s.msg:
            msgids.add(m.msgid)
    uses: list[tuple[Any, str]] = []
    for obj in _walk_outside_items(doc.envelope):
        if type(obj).__name__ in {"MsgType", "Msg"}:
            mid = getattr(obj, "msgid", None)
            if mid:
                uses.append((obj, mid))
        _check_raw(ctx, obj, None)
    if not external:
        for obj, mid in uses:
            if mid not in msgids:
                loc = ctx.where(obj, None)
                ctx.report(
                    MSGID,
                    f"msgid {mid!r} is not defined in any Strings bundle",
                    obj,
                    ctx.lines.lookup(loc.line),
                )


def run(doc: OvfDocument, file: str | None) -> tuple[list[Diagnostic], paths.LineIndex]:
    """Every semantic rule on one parsed document; diagnostics in document order."""
    ctx = Context(doc, file)
    idx = Index()
    check_version(ctx)
    check_references(ctx, idx)
    index_properties(ctx, idx)
    check_disks(ctx, idx)
    index_networks_and_configurations(ctx, idx)
    check_content(ctx, idx)
    check_unused(ctx, idx)
    check_model(ctx)
    return sort_diagnostics(ctx.out), ctx.lines


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=lambda d: (d.location.line or 0, d.location.column or 0))
