"""The rules of OVF validation, registered in the shared catalog: codes, severities, spec
references and descriptions (docs/rules.md is generated from them).

Codes: OVF0xx document and model, OVF1xx References/File, OVF2xx DiskSection, OVF3xx content and
sections, OVF4xx virtual hardware, OVF5xx deployment options, OVF6xx ProductSection and Strings,
OVF9xx XML Schema. The code is the contract; messages may change. Section numbers follow
DSP0243 2.1 (7 Envelope, 8 virtual hardware, 9 core sections, 10 internationalization); the
topic is named next to the number so a reader can find it in the 1.x editions too.

The checks live in `semantic` (the DSP0243 rules, on the lxml tree), `structure` (OVF003/OVF004
when no XML Schema runs) and `xsd`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ovfmodel.diagnostics import CATALOG, Diagnostic, Rule, Severity

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
    "remove it. Found by following the model's binding plans when the XML Schema does not run "
    "(--no-xsd, OVF 0.9, schemas not installed); when it runs, it reports these as OVF901/OVF902 "
    "instead, once. An XInclude element is always reported here: it is never expanded.",
)
BAD_VALUE = _rule(
    "OVF004",
    "Value does not fit its schema type",
    E,
    _S_XSD,
    "An attribute or element value does not have its schema type (e.g. a ${placeholder} left "
    "by a template where a number is required). ovfmodel keeps the text verbatim. Replace it "
    "with a literal value of the right type. Reported when the XML Schema does not run "
    "(--no-xsd, OVF 0.9, schemas not installed); when it runs, it reports the value as OVF901 "
    "instead, once.",
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
DANGLING_FILEREF = _rule(
    "OVF108",
    "fileRef names no File",
    E,
    _S_FILES,
    "The ovf:fileRef of an Icon, a Strings bundle or an EnvironmentFiles File must be the "
    "ovf:id of a References/File; a consumer cannot find the icon, the external message "
    "bundle or the file to put on the guest's environment media. Add the File or fix the "
    "reference.",
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
    "The descriptor does not validate against the pristine DMTF schema of its version. This "
    "covers misplaced elements and values of the wrong type, which are OVF003/OVF004 when the "
    "schema does not run.",
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


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Document order: by line, then column (stable, so one element's findings keep theirs)."""
    return sorted(diags, key=lambda d: (d.location.line or 0, d.location.column or 0))
