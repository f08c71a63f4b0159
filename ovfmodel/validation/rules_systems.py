"""The OVF rules about what virtual systems hold.

OVF3xx content and sections (DSP0243 7.2, 9), OVF4xx virtual hardware Items (8), OVF5xx
deployment options (9.8). Checked by `content`, `hardware` and `walk`; gathered with the other
groups in `rules`.
"""

from __future__ import annotations

from .rules_common import (
    _S_CONTENT,
    _S_DEPLOY,
    _S_EXT,
    _S_HOST,
    _S_HW,
    _S_HWEL,
    _S_HYPERVISOR,
    _S_MERGE,
    _S_NET,
    _S_OS,
    _S_RANGES,
    _S_STARTUP,
    _S_TABLE5,
    _S_TRANSPORT,
    _S_XSD2,
    INFO,
    V1_2,
    V2,
    E,
    W,
    _rule,
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
