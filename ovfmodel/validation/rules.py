"""The rules of OVF validation, registered in the shared catalog: codes, severities, spec
references, the OVF versions each applies to and descriptions (docs/rules.md is generated from
them).

Codes: OVF0xx document, OVF1xx References/File, OVF2xx DiskSection, OVF3xx content and
sections, OVF4xx virtual hardware, OVF5xx deployment options, OVF6xx ProductSection and Strings,
OVF7xx OVF environment documents, OVF9xx XML Schema. The code is the contract; messages may
change.

Severity model (docs/rules.md repeats it): **error** where DSP0243 says shall / shall not, or the
DMTF schema forbids it; **warning** for should / should not, and for what well-known consumers
refuse (the rule names them; hypervisor habits are warnings naming the hypervisor); **info**
for advice. Clause numbers are those of DSP0243 1.0.0, which 1.1 keeps. For 2.x only the
DSP8023 2.0.1 schema and its annotations were at hand: 2.x-only rules say so and, resting on
informative schema annotations (DSP0243 Annex C), are warnings.

The checks live in `semantic` and its clause modules (the DSP0243 rules, on the lxml tree),
`structure` (OVF003/OVF004 when no XML Schema runs), `ovf09`, `environment` and `xsd`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ovfmodel.diagnostics import CATALOG, Diagnostic, Rule, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

ALL = "0.9, 1.x, 2.x"
V09 = "0.9 only"
V1_2 = "1.x, 2.x"
V2 = "2.x only"

_S_DESCRIPTOR = "DSP0243 6 (OVF descriptor)"
_S_ENVELOPE = "DSP0243 7 (Envelope element)"
_S_FILES = "DSP0243 7.1 (File references)"
_S_CONTENT = "DSP0243 7.2 (Content element)"
_S_EXT = "DSP0243 7.3 (Extensibility)"
_S_HW = "DSP0243 8.1 (VirtualHardwareSection)"
_S_HWEL = "DSP0243 8.3 (Virtual hardware elements)"
_S_HOST = "DSP0243 8.3, Table 3 (HostResource)"
_S_RANGES = "DSP0243 8.4 (Ranges on elements)"
_S_TABLE5 = "DSP0243 9, Table 5 (Core metadata sections)"
_S_DISK = "DSP0243 9.1 (DiskSection)"
_S_NET = "DSP0243 9.2 (NetworkSection), 8.3 Table 4"
_S_PRODUCT = "DSP0243 9.5 (ProductSection)"
_S_STARTUP = "DSP0243 9.7 (StartupSection)"
_S_DEPLOY = "DSP0243 9.8 (DeploymentOptionSection)"
_S_MERGE = "DSP0243 9.8 (Items sharing an InstanceID), 8.4"
_S_OS = "DSP0243 9.9 (OperatingSystemSection)"
_S_I18N = "DSP0243 10 (Internationalization)"
_S_ENV = "DSP0243 11.1 (Environment document)"
_S_TRANSPORT = "DSP0243 11.2 (Transport)"
_S_XSD = "DSP8023 (OVF envelope XML Schema: 1.1.0 for 1.x, 2.0.1 for 2.x)"
_S_XSD2 = "DSP8023 2.0.1 schema annotations (informative)"
_S_UNITS = "DSP0243 9.1, DSP0004 Annex C (programmatic units)"
_S_HYPERVISOR = "hypervisor limits (not DSP0243)"


def _rule(
    code: str, title: str, severity: Severity, spec: str, description: str, versions: str = ALL
) -> Rule:
    return CATALOG.register(code, title, severity, spec, description, versions)


# --- OVF0xx: the document ---------------------------------------------------------------------
UNREADABLE = _rule(
    "OVF001",
    "Unreadable descriptor",
    E,
    _S_DESCRIPTOR,
    "The input is not well-formed XML, is hostile (entities, excessive size) or its root is not "
    "an OVF Envelope (or, for `ovfmodel validate`, an OVF environment document). A descriptor "
    "holds one Envelope element, the only element at its top level. Nothing else can be checked "
    "until it parses.",
)
VERSION_MISMATCH = _rule(
    "OVF002",
    "ovf:version disagrees with the namespace",
    INFO,
    "not defined by DSP0243 or DSP8023 (advice)",
    "Neither DSP0243 nor the DMTF schemas define an ovf:version attribute on the Envelope: "
    "the version is the envelope namespace (clause 7). Some tools write one; when it names "
    "another version than the namespace (2.0 in .../ovf/envelope/1, say), readers that trust "
    "it may be misled. Fix or drop the attribute.",
)
UNEXPECTED_ELEMENT = _rule(
    "OVF003",
    "Element the model cannot place",
    W,
    _S_XSD,
    "An element stands where the schema allows no such element (or a second one where one is "
    "allowed). ovfmodel keeps it verbatim, but consumers may reject or ignore it. Move or "
    "remove it. Found by following the model's binding plans when the XML Schema does not run "
    "(--no-xsd, OVF 0.9, schemas not installed), which do not check element order: a warning; "
    "when the schema runs, it reports these as OVF901/OVF902 instead, once. An XInclude "
    "element is always reported here: it is never expanded.",
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
CONTENT_COUNT = _rule(
    "OVF005",
    "Envelope without exactly one Content",
    E,
    _S_CONTENT + ", DSP8023",
    "A descriptor describes its content in one VirtualSystem or VirtualSystemCollection "
    "directly under the Envelope (clause 7.2 asks for at least one Content element, the schema "
    "allows exactly one). Reported when the XML Schema does not run (OVF 0.9, --no-xsd, "
    "schemas not installed); otherwise the schema reports it as OVF901.",
)
NO_INFO = _rule(
    "OVF006",
    "Content or Section without Info",
    E,
    _S_CONTENT + ", 7.3, DSP8023",
    "Every VirtualSystem, VirtualSystemCollection and Section holds an Info element, a "
    "human-readable description consumers show, for example when they skip a section they do "
    "not understand. Reported when the XML Schema does not run; otherwise the schema reports it "
    "as OVF901. Vendor sections are not checked.",
)
UNQUALIFIED_09 = _rule(
    "OVF007",
    "OVF 0.9 elements in no namespace",
    W,
    "XML Namespaces 1.0; DSP0243 Annex A",
    "Unprefixed elements (References, Section, Content...) under a prefixed <ovf:Envelope> with "
    "no default namespace declared are in no namespace at all, not in the OVF namespace: a "
    "namespace-aware reader does not recognise them. VMware's tools wrote and read OVF 0.9 "
    "descriptors this way, so ovfmodel's validator reads them as the OVF elements they are "
    "meant to be and says so once. Declare the default namespace "
    '(xmlns="http://www.vmware.com/schema/ovf/1/envelope") or prefix the elements.',
    V09,
)

# --- OVF1xx: References -----------------------------------------------------------------------
DUPLICATE_FILE_ID = _rule(
    "OVF101",
    "Duplicate File id",
    E,
    _S_FILES,
    "Each References/File ovf:id is unique in the package; references to it would be "
    "ambiguous. Rename one of them.",
)
UNSAFE_HREF = _rule(
    "OVF102",
    "File href is an absolute path",
    E,
    _S_FILES,
    "An ovf:href without a URL scheme is a path relative to the descriptor, written as an RFC "
    "3986 relative-path reference. `/srv/disk.vmdk`, `C:\\disk.vmdk` or a backslash path is "
    "none: write the path relative to the descriptor (`disk.vmdk`, `./disks/disk.vmdk`), or a "
    "URL.",
)
REMOTE_HREF = _rule(
    "OVF103",
    "File href is a URL",
    INFO,
    _S_FILES,
    "ovf:href is an https: or file: URL (schemes every consumer supports): the file is not "
    "carried with the descriptor but fetched at deployment, so the package is not "
    "self-contained. Fine when intended.",
)
CLEARTEXT_HREF = _rule(
    "OVF104",
    "File fetched over http",
    INFO,
    _S_FILES + " (advice)",
    "ovf:href is an http:// URL: allowed, but the content can be altered in transit unless a "
    "manifest and signature cover it. Prefer https://.",
)
BAD_CHUNK_SIZE = _rule(
    "OVF105",
    "ovf:chunkSize not positive",
    E,
    _S_FILES,
    "A chunked File's ovf:chunkSize is the size in bytes of each chunk but the last; a size of "
    "zero or less describes no chunking.",
)
CHUNK_HREF = _rule(
    "OVF106",
    "Chunked File href names a chunk",
    INFO,
    _S_FILES + " (advice)",
    "For a File with ovf:chunkSize, the chunks are stored as href.000000000, "
    "href.000000001, ... An href that already ends in a nine-digit chunk number is most likely "
    "the name of the first chunk instead of the whole file.",
)
UNUSED_FILE = _rule(
    "OVF107",
    "File not referenced",
    INFO,
    _S_FILES + " (advice)",
    "No Disk, HostResource, Icon, Strings or EnvironmentFiles entry refers to this File. It is "
    "carried in the package for nothing, or a reference to it is missing.",
)
DANGLING_FILEREF = _rule(
    "OVF108",
    "fileRef names no File",
    E,
    "DSP0243 7.1, 9.5, 10; DSP8023 2.0.1 (EnvironmentFilesSection)",
    "The ovf:fileRef of an Icon, a Strings bundle, a Msg or an EnvironmentFiles File (2.x) is "
    "the ovf:id of a References/File; a consumer cannot find the icon, the external message "
    "bundle or the file to put on the guest's environment media. Add the File or fix the "
    "reference.",
)
OTHER_SCHEME = _rule(
    "OVF109",
    "File href uses a scheme other than file, http or https",
    W,
    _S_FILES,
    "Consumers support relative paths and the file, http and https URL schemes; other schemes "
    "(ftp, smb, nfs...) should not be used: consumers may not fetch them.",
)
DOT_SEGMENTS = _rule(
    "OVF110",
    "File href climbs out with ..",
    INFO,
    "DSP0243 5.3, 7.1",
    "A relative href with `..` segments is a valid relative-path reference for a descriptor "
    "read alone or a package folder, but an OVA (5.3) cannot hold it: its references stay "
    "inside the archive, without `..` (the package checker reports that as PKG107).",
)
DUPLICATE_HREF = _rule(
    "OVF111",
    "Two Files with the same href",
    E,
    _S_FILES,
    "Two different File elements do not reference the same file with their ovf:href. Keep one "
    "File and point every reference at its id.",
)
STRINGS_FILE_ORDER = _rule(
    "OVF112",
    "External string bundle not first in References",
    E,
    "DSP0243 7.1, 10",
    "Files holding external message bundles (the ovf:fileRef of a Strings element) come first "
    "in References, before every other File, so that a consumer reading an OVA in order finds "
    "them before the disks. Move those File elements to the start.",
)

# --- OVF2xx: disks ----------------------------------------------------------------------------
DUPLICATE_DISK_ID = _rule(
    "OVF201",
    "Duplicate Disk id",
    E,
    _S_DISK,
    "Each Disk ovf:diskId is unique within the DiskSection; ovf:/disk/ references would be "
    "ambiguous.",
)
DISK_FILEREF = _rule(
    "OVF202",
    "Disk fileRef names no File",
    E,
    _S_DISK,
    "A Disk's ovf:fileRef identifies an existing References/File by its ovf:id. Add the File "
    "or fix the reference (omit ovf:fileRef for an empty disk).",
)
UNUSED_DISK = _rule(
    "OVF203",
    "Disk not used by any Item",
    INFO,
    _S_DISK + " (advice)",
    "No HostResource ovf:/disk/ID (and no other disk's ovf:parentRef) refers to this Disk, so "
    "no virtual system gets it. Attach it or remove it.",
)
BAD_CAPACITY = _rule(
    "OVF204",
    "Disk capacity invalid",
    E,
    _S_DISK,
    "ovf:capacity is an xs:long (in ovf:capacityAllocationUnits). Only an empty disk (no "
    "ovf:fileRef) may give it as ${key}, a ProductSection property that resolves to an xs:long "
    "integer: the property exists and has an integer type.",
)
BAD_UNITS = _rule(
    "OVF205",
    "Allocation units do not parse",
    E,
    _S_UNITS,
    "ovf:capacityAllocationUnits match DSP0004's programmatic units, such as `byte * 2^30`. "
    "Use that form.",
)
DISK_PARENTREF = _rule(
    "OVF206",
    "Disk parentRef names no Disk",
    E,
    _S_DISK,
    "A delta disk's ovf:parentRef is a valid ovf:diskId of another Disk.",
)
PARENT_ORDER = _rule(
    "OVF207",
    "Parent disk not before its child",
    E,
    _S_DISK,
    "ovf:parentRef names a different Disk, and in DiskSection a parent Disk comes before the "
    "child Disks that refer to it. Reorder the Disks (or fix a parentRef naming its own disk).",
)
NO_FORMAT = _rule(
    "OVF208",
    "Non-empty disk without ovf:format",
    E,
    "DSP0243 9.1, 5.2",
    "A Disk with content (an ovf:fileRef) gives its format URI in ovf:format, e.g. "
    "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized.",
)
SHARED_FILEREF = _rule(
    "OVF209",
    "Two Disks share a fileRef",
    E,
    _S_DISK,
    "Different Disk elements do not name the same File in ovf:fileRef. Give each disk its own "
    "File (or one Disk used by several Items).",
)
DISK_ORDER = _rule(
    "OVF210",
    "Disks not in References order",
    E,
    _S_DISK,
    "Disk elements name their Files in the order References lists those Files. Reorder the "
    "Disks or the Files.",
)
POPULATED_SIZE = _rule(
    "OVF211",
    "populatedSize larger than capacity",
    E,
    _S_DISK,
    "ovf:populatedSize (bytes, an estimate of the used size) is not larger than the disk's "
    "capacity (ovf:capacity in ovf:capacityAllocationUnits).",
)

# --- OVF3xx: content and sections -------------------------------------------------------------
DUPLICATE_CONTENT_ID = _rule(
    "OVF301",
    "Duplicate VirtualSystem/Collection id among siblings",
    E,
    _S_CONTENT,
    "The direct children of a VirtualSystemCollection have unique ovf:id values (a "
    "StartupSection entry and an environment's Entity name them by it). The same id in two "
    "different collections is allowed.",
)
NO_HARDWARE = _rule(
    "OVF302",
    "VirtualSystem without VirtualHardwareSection",
    E,
    _S_HW,
    "A VirtualSystem has at least one VirtualHardwareSection direct child.",
)
STARTUP_ID = _rule(
    "OVF303",
    "StartupSection entry names no system",
    E,
    _S_STARTUP,
    "Each StartupSection Item ovf:id matches the ovf:id of a VirtualSystem or "
    "VirtualSystemCollection directly inside the collection that holds the StartupSection.",
)
REQUIRED_UNKNOWN = _rule(
    "OVF304",
    "Unknown section marked required",
    W,
    _S_EXT,
    'A section this model does not know has ovf:required="true" (or no ovf:required: it '
    "defaults to true); so has an unknown child of a VirtualHardwareSection, which makes the "
    "whole section not understood. Producing it is legal, but a consumer that does not "
    "understand it fails (clause 7.3 requires it): VMware ovftool and vSphere refuse the "
    'package. Set ovf:required="false" if deployment can '
    "do without it.",
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
    "OperatingSystemSection ovf:id takes its valid values from CIM_OperatingSystem.OSType. "
    "Use the closest listed value (1 = Other) and say more in Description or a vendor "
    "attribute.",
)
SECTION_PLACE = _rule(
    "OVF307",
    "Section where DSP0243 does not allow it",
    E,
    _S_TABLE5,
    "Each core section has its places: DiskSection, NetworkSection and DeploymentOptionSection "
    "only on the Envelope; VirtualHardwareSection, OperatingSystemSection and InstallSection "
    "only in a VirtualSystem; ResourceAllocationSection and StartupSection only in a "
    "VirtualSystemCollection; AnnotationSection, ProductSection and EulaSection in a "
    "VirtualSystem or VirtualSystemCollection. Checked for 0.9 and 1.x only: the 2.x text was "
    "not at hand and its schema allows every section everywhere.",
    "0.9, 1.x",
)
SECTION_COUNT = _rule(
    "OVF308",
    "Section more than once",
    E,
    _S_TABLE5,
    "DiskSection, NetworkSection, DeploymentOptionSection, ResourceAllocationSection, "
    "AnnotationSection, StartupSection, OperatingSystemSection and InstallSection occur at most "
    "once in their place (ProductSection, EulaSection and VirtualHardwareSection may repeat). "
    "Checked for 0.9 and 1.x only.",
    "0.9, 1.x",
)
STARTUP_ACTION = _rule(
    "OVF309",
    "Unknown start or stop action",
    E,
    _S_STARTUP,
    "A StartupSection Item's ovf:startAction is powerOn or none; its ovf:stopAction powerOff, "
    "guestShutdown or none.",
)
SCALE_OUT_COUNT = _rule(
    "OVF310",
    "ScaleOutSection counts out of order",
    W,
    _S_XSD2,
    "An InstanceCount's minimum (default 1), default and maximum are numbers of replicas, so "
    "minimum <= default <= maximum.",
    V2,
)
SCALE_OUT_ID = _rule(
    "OVF311",
    "ScaleOutSection id names no child",
    W,
    _S_XSD2,
    "A ScaleOutSection's ovf:id is the identifier of the prototype to be scaled: the ovf:id of "
    "a VirtualSystem or VirtualSystemCollection directly inside the collection holding it.",
    V2,
)
PLACEMENT_GROUP = _rule(
    "OVF312",
    "PlacementSection group names no PlacementGroupSection",
    W,
    _S_XSD2,
    "A PlacementSection's ovf:group names the ovf:id of a PlacementGroupSection of the descriptor.",
    V2,
)
HARDWARE_ID = _rule(
    "OVF313",
    "VirtualHardwareSection id repeated",
    W,
    "DSP8023 1.1.0 and 2.0.1 schema annotations (informative)",
    "The ovf:id of a VirtualHardwareSection identifies it within its VirtualSystem; two "
    "sections of one VirtualSystem with the same non-empty id cannot be told apart.",
    V1_2,
)

# --- OVF4xx: virtual hardware -----------------------------------------------------------------
DUPLICATE_INSTANCE_ID = _rule(
    "OVF401",
    "Items sharing an InstanceID disagree on ResourceType",
    E,
    _S_MERGE,
    "Items of one VirtualHardwareSection or ResourceAllocationSection may share an InstanceID: "
    "they combine into one (a default Item plus per-configuration overrides, range markers), "
    "the later Item's elements overriding the earlier one's. They agree on rasd:ResourceType.",
)
PARENT_MISSING = _rule(
    "OVF402",
    "Parent names no InstanceID",
    W,
    _S_HWEL + ", Table 4",
    "rasd:Parent is the InstanceID of the device's controller in the same section. DSP0243 states "
    "no shall, but a consumer cannot tell which controller the device sits on.",
)
HOST_RESOURCE = _rule(
    "OVF403",
    "HostResource names no Disk or File",
    E,
    _S_HOST,
    "In rasd:HostResource, ovf:/disk/ID names the ovf:diskId of a Disk (DiskSection, or a 2.x "
    "SharedDiskSection) and ovf:/file/ID the ovf:id of a References/File.",
)
CONNECTION = _rule(
    "OVF404",
    "Connection names no Network",
    E,
    _S_NET,
    "Every network named by the rasd:Connection of a network adapter is defined by a Network "
    "of the envelope's NetworkSection.",
)
DUPLICATE_ADDRESS = _rule(
    "OVF405",
    "Duplicate AddressOnParent",
    W,
    _S_HYPERVISOR,
    "Two devices of one configuration sit at the same rasd:AddressOnParent of the same "
    "controller. DSP0243 does not forbid it, but VMware vSphere and VirtualBox refuse to attach "
    "the second device at an occupied unit.",
)
ADDRESS_RANGE = _rule(
    "OVF406",
    "Address outside the controller's limits",
    W,
    _S_HYPERVISOR,
    "rasd:AddressOnParent is a unit number the controller does not have on common hypervisors: "
    "IDE 0-1 per channel (and rasd:Address 0-1, two channels) on every PC hypervisor, parallel "
    "SCSI 0-15 (VMware vSphere, VirtualBox), SATA/AHCI 0-29 (VMware vSphere, VirtualBox), "
    "NVMe 0-63 (VMware vSphere 8). DSP0243 sets no limit.",
)
RESOURCE_TYPE = _rule(
    "OVF407",
    "ResourceType outside the CIM value map",
    W,
    _S_HWEL + ", CIM_ResourceAllocationSettingData",
    "rasd:ResourceType is a value of CIM_ResourceAllocationSettingData.ResourceType (1..33) "
    "or vendor reserved (32768..65535). Other values are DMTF reserved and mean nothing to a "
    "consumer; use 1 (Other) with rasd:ResourceSubType, or a vendor value.",
)
QUANTITY = _rule(
    "OVF408",
    "VirtualQuantity not positive",
    W,
    _S_HYPERVISOR,
    "A CPU or memory item asks for rasd:VirtualQuantity 0 or less. DSP0243 does not forbid it, "
    "but VMware vSphere and VirtualBox refuse a machine with no CPU or no memory.",
)
ITEM_UNITS = _rule(
    "OVF409",
    "Item allocation units do not parse",
    W,
    "DSP0243 8.3 Table 4, DSP0004 Annex C (programmatic units)",
    "Memory rasd:AllocationUnits are a byte unit (`byte * 2^20`), CPU a hertz unit "
    "(`hertz * 10^6`). With other units a consumer cannot tell how much is asked for.",
)
BAD_BOUND = _rule(
    "OVF410",
    "ovf:bound value unknown",
    E,
    _S_RANGES,
    "ovf:bound on an Item is `min`, `max` or `normal` (the default).",
)
SECOND_MARKER = _rule(
    "OVF411",
    "Second min or max range marker",
    E,
    _S_RANGES,
    'An InstanceID has at most one Item with ovf:bound="min" and one with '
    'ovf:bound="max" (per configuration they apply to).',
)
ITEMS_OVERRIDE = _rule(
    "OVF412",
    "Item overridden entirely",
    INFO,
    _S_MERGE + " (advice)",
    "Two Items with the same InstanceID, the same ovf:configuration list and ovf:bound "
    "combine into one, each element of the later Item replacing the earlier one's: two devices "
    "become one. Intended for overrides per configuration; give separate devices separate "
    "InstanceIDs.",
)
NO_RESOURCE_TYPE = _rule(
    "OVF413",
    "Item without ResourceType",
    E,
    _S_MERGE,
    "Every Item of a VirtualHardwareSection or ResourceAllocationSection specifies "
    "rasd:ResourceType (range markers too).",
)
LONE_MARKER = _rule(
    "OVF414",
    "Range marker without its normal Item",
    E,
    _S_RANGES,
    "A range marker (ovf:bound min or max) gives an InstanceID and has a corresponding Item "
    "with the same InstanceID and no ovf:bound (or normal), which holds the default value.",
)
OUTSIDE_RANGE = _rule(
    "OVF415",
    "Default value outside its range",
    E,
    _S_RANGES,
    "The normal Item's value of an element lies within the range its min and max markers give "
    "for that element (min <= normal <= max).",
)
MARKER_ELEMENT = _rule(
    "OVF416",
    "Non-integer element in a range marker",
    E,
    _S_RANGES,
    "Range markers give integer values (Reservation, Limit, VirtualQuantity, Weight...); a "
    "device setting such as HostResource, Connection, Parent, Address, AddressOnParent, "
    "AutomaticAllocation or PoolID has no range and does not belong in a marker.",
)
TWO_BACKINGS = _rule(
    "OVF417",
    "More than one backing for a device",
    E,
    _S_HWEL,
    "A device's backing is one rasd:HostResource; specifying more than one backing for a "
    "device is not allowed.",
)
ISO_WITHOUT_CDROM = _rule(
    "OVF418",
    "iso transport without a CD-ROM",
    E,
    _S_TRANSPORT,
    'A VirtualHardwareSection with ovf:transport="iso" has at least one CD-ROM (or DVD) '
    "drive (rasd:ResourceType 15 or 16), which the platform backs with the environment ISO "
    "image.",
)
UNPREFIXED_ATTRIBUTE = _rule(
    "OVF419",
    "OVF attribute without its prefix",
    W,
    "DSP0243 8.3, 8.4, 9.8; XML Namespaces 1.0",
    "An Item attribute written `configuration=`, `bound=` or `required=` without the ovf: "
    "prefix is not the OVF attribute: ovfmodel and namespace-aware consumers ignore it (the "
    "Item then applies to every configuration, is a normal item, is required), while some "
    "consumers read attributes by local name and honour it. Write it ovf:configuration.",
)

# --- OVF5xx: deployment options ---------------------------------------------------------------
UNKNOWN_CONFIGURATION = _rule(
    "OVF501",
    "ovf:configuration names no Configuration",
    E,
    _S_DEPLOY,
    "An ovf:configuration list contains only ovf:id values of Configurations in the "
    "DeploymentOptionSection.",
)
TWO_DEFAULTS = _rule(
    "OVF502",
    "More than one default Configuration",
    E,
    _S_DEPLOY,
    'Specifying more than one Configuration with ovf:default="true" is invalid (without one, '
    "the first is the default). Keep one.",
)
DUPLICATE_CONFIGURATION = _rule(
    "OVF503",
    "Duplicate Configuration id",
    E,
    _S_DEPLOY,
    "Configuration ovf:id values are unique in the package.",
)

# --- OVF6xx: ProductSection and Strings -------------------------------------------------------
DUPLICATE_PROPERTY = _rule(
    "OVF601",
    "Duplicate property key in a ProductSection",
    E,
    _S_PRODUCT,
    "Each Property's ovf:key is unique within its ProductSection. Two ProductSections (of "
    "different class/instance, or of different virtual systems) may declare the same key.",
)
PROPERTY_TYPE_VALUE = _rule(
    "OVF602",
    "Property default does not fit its type",
    E,
    _S_PRODUCT + ", Table 6",
    "A Property's ovf:value (and each Value element) is a literal of its ovf:type (uint8.."
    "sint64 in range, real32/real64, boolean, string), or a ${name} macro that refers to "
    "another property.",
)
PROPERTY_QUALIFIER = _rule(
    "OVF603",
    "Property default violates its qualifiers",
    E,
    _S_PRODUCT + ", Table 7",
    "A Property's default satisfies its ovf:qualifiers: MinLen/MaxLen (strings), "
    "MinValue/MaxValue (numbers) and ValueMap{...} (the listed values).",
)
PROPERTY_TYPE = _rule(
    "OVF604",
    "Unknown property type",
    E,
    _S_PRODUCT + ", Table 6",
    "Each Property specifies its ovf:type, one of uint8, sint8, uint16, sint16, uint32, "
    "sint32, uint64, sint64, string, boolean, real32, real64.",
)
MSGID = _rule(
    "OVF605",
    "msgid without a string",
    INFO,
    _S_I18N + " (advice)",
    "An ovf:msgid names no Msg of any Strings bundle; localized consumers fall back to the "
    "element's own text. Add the Msg or remove the msgid.",
)
DUPLICATE_PRODUCT = _rule(
    "OVF606",
    "Two ProductSections with one class and instance",
    E,
    _S_PRODUCT,
    "ProductSections at the same entity level have unique ovf:class/ovf:instance pairs (both "
    "default to the empty string); the environment names their properties class.key.instance.",
)
DUPLICATE_VALUE = _rule(
    "OVF607",
    "Two Values for one configuration",
    E,
    _S_DEPLOY + ", Property Value",
    "A Property's Value elements each name a different configuration in ovf:configuration.",
)
QUALIFIER_SYNTAX = _rule(
    "OVF608",
    "Qualifier not allowed for the property type",
    E,
    _S_PRODUCT + ", Table 7",
    "A Property's qualifiers are those Table 7 allows for its type: MinLen(n), MaxLen(n) and "
    "ValueMap{...} for strings, ValueMap{...} (and the MinValue/MaxValue of later editions) "
    "for numbers; none for booleans. A part that is no qualifier at all is reported too.",
)
UNKNOWN_QUALIFIER = _rule(
    "OVF609",
    "Unknown qualifier",
    W,
    _S_PRODUCT + ", Table 7",
    "ovf:qualifiers names a qualifier DSP0243 does not list; consumers ignore it, so the value "
    "is not constrained the way it says.",
)

QUALIFIER_SEPARATOR = _rule(
    "OVF610",
    "Qualifiers not separated by commas",
    W,
    _S_PRODUCT + ", DSP0004 Annex A (qualifierList)",
    "DSP0243 writes several qualifiers as a comma-separated list (`MinLen(1),MaxLen(63)`, the "
    "qualifierList of DSP0004), without a shall. ovfmodel reads other separators, but a "
    "consumer parsing the list by its grammar may not. Separate them with commas.",
)

# --- OVF7xx: OVF environment documents --------------------------------------------------------
ENV_ENTITY_ID = _rule(
    "OVF701",
    "Entity without a unique id",
    E,
    _S_ENV,
    "Each Entity of an environment document stands for one sibling VirtualSystem or "
    "VirtualSystemCollection and carries its ovfenv:id; one Entity per sibling.",
    V1_2,
)
ENV_SECTION_COUNT = _rule(
    "OVF702",
    "Environment section more than once",
    E,
    _S_ENV + ", Table 8",
    "An Environment has at most one PlatformSection and at most one PropertySection; an Entity "
    "at most one PropertySection.",
    V1_2,
)
ENV_UNKNOWN_ID = _rule(
    "OVF703",
    "Environment id names no system of the descriptor",
    E,
    _S_ENV,
    "The Environment's ovfenv:id is the ovf:id of the VirtualSystem (or collection) it was "
    "made for. Checked with --against DESCRIPTOR.",
    V1_2,
)
ENV_UNKNOWN_KEY = _rule(
    "OVF704",
    "Environment property not in the descriptor",
    E,
    _S_ENV + ", 9.5",
    "Every Property of a PropertySection corresponds to a property the descriptor defines for "
    "that system (or its immediate parent collection), keyed [class.]key[.instance]. Checked "
    "with --against DESCRIPTOR.",
    V1_2,
)
ENV_BAD_VALUE = _rule(
    "OVF705",
    "Environment value does not fit the property",
    E,
    _S_ENV + ", 9.5 Tables 6 and 7",
    "Each environment value is a literal of the descriptor property's type and satisfies its "
    "qualifiers. Checked with --against DESCRIPTOR.",
    V1_2,
)
ENV_SIBLINGS = _rule(
    "OVF706",
    "Entity missing or naming no sibling",
    E,
    _S_ENV,
    "An environment has one Entity for each sibling of its system in the descriptor (the other "
    "children of its collection) and no other. Checked with --against DESCRIPTOR.",
    V1_2,
)
ENV_DUPLICATE_KEY = _rule(
    "OVF707",
    "Property listed twice in a PropertySection",
    E,
    _S_ENV,
    "A PropertySection lists each key once: a property overridden by a VirtualSystem is not "
    "in the list next to the parent collection's.",
    V1_2,
)

# --- OVF9xx: XML Schema -----------------------------------------------------------------------
XSD_ERROR = _rule(
    "OVF901",
    "XML Schema violation",
    E,
    _S_XSD + "; DSP8027 1.1.0 for environment documents",
    "The document does not validate against the pristine DMTF schema of its version. This "
    "covers misplaced elements and values of the wrong type, which are OVF003/OVF004 when the "
    "schema does not run.",
    V1_2,
)
XSD_EXTENSION = _rule(
    "OVF902",
    "Extension content the DMTF schema cannot check",
    W,
    _S_XSD,
    "An element or attribute in a vendor namespace is not accepted by the pristine DMTF schema "
    "alone (it would need the vendor's schema). Extension sections are removed before schema "
    "validation, so this concerns extension content inside DMTF elements.",
    V1_2,
)
XSD_NO_SCHEMA = _rule(
    "OVF903",
    "No schema for this OVF version",
    INFO,
    _S_XSD,
    "OVF 0.9 (VMware's pre-standard namespace) has no DMTF schema; only the semantic rules "
    "apply (with OVF005/OVF006 standing in for the schema's structure checks).",
    V09,
)
XSD_MISSING = _rule(
    "OVF904",
    "Schemas not installed",
    W,
    _S_XSD,
    "The DMTF XSD files are not installed, so schema validation was skipped. The message says "
    "how to install them; --no-xsd (xsd=False) silences this, --require-schemas makes the "
    "command fail (exit 2) instead, for CI runs where a skipped schema check must not pass.",
    V1_2,
)


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Document order: by line, then column (stable, so one element's findings keep theirs)."""
    found = list(diags)
    # keys made in one comprehension, not by a function called per diagnostic (thousands)
    keys = [(where.line or 0, where.column or 0) for where in [d.location for d in found]]
    return [found[i] for i in sorted(range(len(found)), key=keys.__getitem__)]
