"""CIM vocabularies OVF descriptors speak in numbers: resource types, OS types, units, disk formats.

The generated classes only know `ResourceTypeValue.VALUE_17`; these enums give the DMTF names
(CIM_ResourceAllocationSettingData.ResourceType, CIM_OperatingSystem.OSType), parse and format
the programmatic units of DSP0004 (`byte * 2^30`) and name the disk format URIs tools write, so
code that builds or inspects descriptors reads like the specification instead of magic numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Any

from .display import clip
from .errors import OvfError

if TYPE_CHECKING:  # imported where used: the validator reads ResourceType without the classes
    from ._generated import cim_rasd

__all__ = [
    "VENDOR_RESOURCE_TYPE_MIN",
    "DiskFormat",
    "OsType",
    "QualifierProblem",
    "Qualifiers",
    "ResourceType",
    "UnitsError",
    "format_allocation_units",
    "from_generated",
    "parse_allocation_units",
    "resource_type_of",
    "to_bytes",
    "to_generated",
]


class ResourceType(IntEnum):
    """CIM_ResourceAllocationSettingData.ResourceType (the value map of the DMTF RASD schema).

    The RASD XSD enumerates 1..33; 0 and 34..32767 are "DMTF reserved" and 32768..65535
    "Vendor Reserved". In practice SATA controllers are written as OTHER_STORAGE_DEVICE (20)
    with ResourceSubType "AHCI" (VirtualBox, VMware "vmware.sata.ahci"), and sound cards as
    OTHER (1) with a vendor ResourceSubType (VMware) or as 35 (VirtualBox, outside the value map,
    which the generated model cannot hold as an enum member).
    """

    OTHER = 1
    COMPUTER_SYSTEM = 2
    PROCESSOR = 3
    MEMORY = 4
    IDE_CONTROLLER = 5
    PARALLEL_SCSI_HBA = 6
    FC_HBA = 7
    ISCSI_HBA = 8
    IB_HCA = 9
    ETHERNET_ADAPTER = 10
    OTHER_NETWORK_ADAPTER = 11
    IO_SLOT = 12
    IO_DEVICE = 13
    FLOPPY_DRIVE = 14
    CD_DRIVE = 15
    DVD_DRIVE = 16
    DISK_DRIVE = 17
    TAPE_DRIVE = 18
    STORAGE_EXTENT = 19
    OTHER_STORAGE_DEVICE = 20
    SERIAL_PORT = 21
    PARALLEL_PORT = 22
    USB_CONTROLLER = 23
    GRAPHICS_CONTROLLER = 24
    IEEE_1394_CONTROLLER = 25
    PARTITIONABLE_UNIT = 26
    BASE_PARTITIONABLE_UNIT = 27
    POWER = 28
    COOLING_CAPACITY = 29
    ETHERNET_SWITCH_PORT = 30
    LOGICAL_DISK = 31
    STORAGE_VOLUME = 32
    ETHERNET_CONNECTION = 33

    def describe(self) -> str:
        """Readable name: "Disk Drive"."""
        return _RESOURCE_LABELS.get(self, self.name.replace("_", " ").title())


VENDOR_RESOURCE_TYPE_MIN = 32768
"""ResourceType values from here to 65535 are vendor reserved (0 and 34..32767: DMTF reserved)."""

_RESOURCE_LABELS = {
    ResourceType.PARALLEL_SCSI_HBA: "Parallel SCSI HBA",
    ResourceType.FC_HBA: "FC HBA",
    ResourceType.ISCSI_HBA: "iSCSI HBA",
    ResourceType.IB_HCA: "IB HCA",
    ResourceType.IO_SLOT: "I/O Slot",
    ResourceType.IO_DEVICE: "I/O Device",
    ResourceType.IDE_CONTROLLER: "IDE Controller",
    ResourceType.CD_DRIVE: "CD Drive",
    ResourceType.DVD_DRIVE: "DVD drive",
    ResourceType.USB_CONTROLLER: "USB Controller",
    ResourceType.IEEE_1394_CONTROLLER: "IEEE 1394 Controller",
}


def to_generated(rt: ResourceType | int) -> cim_rasd.ResourceTypeValue:
    """The generated enum member for a resource type (only 1..33 exist in the schema's enum)."""
    from ._generated import cim_rasd

    try:
        return cim_rasd.ResourceTypeValue(int(rt))
    except ValueError:
        raise OvfError(
            f"ResourceType {int(rt)} is outside the RASD schema's value map (1..33)",
            hint="use ResourceType.OTHER with a ResourceSubType for vendor devices",
        ) from None


def from_generated(value: cim_rasd.ResourceTypeValue | None) -> ResourceType | None:
    """The named resource type of a generated enum member (None stays None)."""
    return None if value is None else ResourceType(value.value)


def resource_type_of(item: object) -> ResourceType | None:
    """The named ResourceType of a RASD Item (any version), or None if absent or unknown."""
    from ._generated import cim_rasd

    wrapper = getattr(item, "resource_type", None)
    value = getattr(wrapper, "value", None)
    if isinstance(value, cim_rasd.ResourceTypeValue):
        return ResourceType(value.value)
    return None


class OsType(IntEnum):
    """CIM_OperatingSystem.OSType, the `ovf:id` of OperatingSystemSection."""

    UNKNOWN = 0
    OTHER = 1
    MACOS = 2
    ATTUNIX = 3
    DGUX = 4
    DECNT = 5
    TRU64_UNIX = 6
    OPENVMS = 7
    HPUX = 8
    AIX = 9
    MVS = 10
    OS400 = 11
    OS_2 = 12
    JAVAVM = 13
    MSDOS = 14
    WIN3X = 15
    WIN95 = 16
    WIN98 = 17
    WINNT = 18
    WINCE = 19
    NCR3000 = 20
    NETWARE = 21
    OSF = 22
    DC_OS = 23
    RELIANT_UNIX = 24
    SCO_UNIXWARE = 25
    SCO_OPENSERVER = 26
    SEQUENT = 27
    IRIX = 28
    SOLARIS = 29
    SUNOS = 30
    U6000 = 31
    ASERIES = 32
    HP_NONSTOP_OS = 33
    HP_NONSTOP_OSS = 34
    BS2000 = 35
    LINUX = 36
    LYNX = 37
    XENIX = 38
    VM = 39
    INTERACTIVE_UNIX = 40
    BSDUNIX = 41
    FREEBSD = 42
    NETBSD = 43
    GNU_HURD = 44
    OS9 = 45
    MACH_KERNEL = 46
    INFERNO = 47
    QNX = 48
    EPOC = 49
    IXWORKS = 50
    VXWORKS = 51
    MINT = 52
    BEOS = 53
    HP_MPE = 54
    NEXTSTEP = 55
    PALMPILOT = 56
    RHAPSODY = 57
    WINDOWS_2000 = 58
    DEDICATED = 59
    OS_390 = 60
    VSE = 61
    TPF = 62
    WINDOWS_ME = 63
    CALDERA_OPEN_UNIX = 64
    OPENBSD = 65
    NOT_APPLICABLE = 66
    WINDOWS_XP = 67
    Z_OS = 68
    WINDOWS_SERVER_2003 = 69
    WINDOWS_SERVER_2003_64 = 70
    WINDOWS_XP_64 = 71
    WINDOWS_XP_EMBEDDED = 72
    WINDOWS_VISTA = 73
    WINDOWS_VISTA_64 = 74
    WINDOWS_EMBEDDED_POS = 75
    WINDOWS_SERVER_2008 = 76
    WINDOWS_SERVER_2008_64 = 77
    FREEBSD_64 = 78
    RHEL = 79
    RHEL_64 = 80
    SOLARIS_64 = 81
    SUSE = 82
    SUSE_64 = 83
    SLES = 84
    SLES_64 = 85
    NOVELL_OES = 86
    NOVELL_LINUX_DESKTOP = 87
    SUN_JAVA_DESKTOP = 88
    MANDRIVA = 89
    MANDRIVA_64 = 90
    TURBOLINUX = 91
    TURBOLINUX_64 = 92
    UBUNTU = 93
    UBUNTU_64 = 94
    DEBIAN = 95
    DEBIAN_64 = 96
    LINUX_2_4 = 97
    LINUX_2_4_64 = 98
    LINUX_2_6 = 99
    LINUX_2_6_64 = 100
    LINUX_64 = 101
    OTHER_64 = 102
    WINDOWS_SERVER_2008_R2 = 103
    VMWARE_ESXI = 104
    WINDOWS_7 = 105
    CENTOS = 106
    CENTOS_64 = 107
    ORACLE_LINUX = 108
    ORACLE_LINUX_64 = 109
    ECOMSTATION = 110

    def describe(self) -> str:
        """The value map's text for this OS type, e.g. "Ubuntu 64-Bit"."""
        return _OS_LABELS.get(self) or _default_os_label(self)


_OS_LABELS: dict[OsType, str] = {
    OsType.UNKNOWN: "Unknown",
    OsType.OTHER: "Other",
    OsType.MACOS: "MACOS",
    OsType.TRU64_UNIX: "Tru64 UNIX",
    OsType.OS_2: "OS/2",
    OsType.WIN3X: "WIN3x",
    OsType.DC_OS: "DC/OS",
    OsType.GNU_HURD: "GNU Hurd",
    OsType.WINDOWS_2000: "Windows 2000",
    OsType.OS_390: "OS/390",
    OsType.WINDOWS_ME: "Windows (R) Me",
    OsType.Z_OS: "z/OS",
    OsType.NOT_APPLICABLE: "Not Applicable",
    OsType.WINDOWS_SERVER_2003: "Microsoft Windows Server 2003",
    OsType.WINDOWS_SERVER_2003_64: "Microsoft Windows Server 2003 64-Bit",
    OsType.WINDOWS_EMBEDDED_POS: "Windows Embedded for Point of Service",
    OsType.WINDOWS_SERVER_2008: "Microsoft Windows Server 2008",
    OsType.WINDOWS_SERVER_2008_64: "Microsoft Windows Server 2008 64-Bit",
    OsType.RHEL: "RedHat Enterprise Linux",
    OsType.RHEL_64: "RedHat Enterprise Linux 64-Bit",
    OsType.NOVELL_OES: "Novell OES",
    OsType.SUN_JAVA_DESKTOP: "Sun Java Desktop System",
    OsType.LINUX_2_4: "Linux 2.4.x",
    OsType.LINUX_2_4_64: "Linux 2.4.x 64-Bit",
    OsType.LINUX_2_6: "Linux 2.6.x",
    OsType.LINUX_2_6_64: "Linux 2.6.x 64-Bit",
    OsType.WINDOWS_SERVER_2008_R2: "Microsoft Windows Server 2008 R2",
    OsType.VMWARE_ESXI: "VMware ESXi",
    OsType.WINDOWS_7: "Microsoft Windows 7",
    OsType.CENTOS: "CentOS 32-bit",
    OsType.CENTOS_64: "CentOS 64-bit",
    OsType.ORACLE_LINUX: "Oracle Linux 32-bit",
    OsType.ORACLE_LINUX_64: "Oracle Linux 64-bit",
    OsType.ECOMSTATION: "eComStation 32-bitx",
}


def _default_os_label(os_type: OsType) -> str:
    name = os_type.name
    if name.endswith("_64"):
        return name[:-3].replace("_", " ").title() + " 64-Bit"
    return name.replace("_", " ").title()


class UnitsError(OvfError, ValueError):
    """A programmatic unit string (DSP0004 Annex C) ovfmodel cannot turn into bytes."""


_NAMED_UNITS = {
    "byte": 1,
    "bytes": 1,
    "kilobytes": 1024,
    "kb": 1024,
    "megabytes": 1024**2,
    "mb": 1024**2,
    "gigabytes": 1024**3,
    "gb": 1024**3,
    "terabytes": 1024**4,
    "tb": 1024**4,
}
_PROGRAMMATIC = re.compile(
    r"^\s*byte\s*(?:\*\s*(?P<base>\d+)\s*\^\s*(?P<exp>[+-]?\d+)\s*)?$", re.IGNORECASE
)


def parse_allocation_units(units: str) -> int:
    """Bytes per unit of an allocation-units string: "byte * 2^30" -> 1073741824.

    Accepts DSP0004 programmatic units based on bytes ("byte", "byte * 2^20", "byte * 1024^3",
    "byte * 10^9") and the names older tools write ("MegaBytes", "GigaBytes", "KiloBytes").
    Bits, fractions and non-byte units raise UnitsError, since a disk or memory size must be a
    whole number of bytes.
    """
    text = units.strip()
    named = _NAMED_UNITS.get(text.lower())
    if named is not None:
        return named
    match = _PROGRAMMATIC.match(text)
    if match is None:
        raise UnitsError(
            f"allocation units {clip(units)} are not a byte-based programmatic unit",
            hint='write them as "byte", "byte * 2^20" (MiB), "byte * 2^30" (GiB) or "MegaBytes"',
        )
    if match.group("base") is None:
        return 1
    base_text, exp_text = match.group("base"), match.group("exp")
    # descriptors are untrusted: "byte * 10^99999999" must not make us compute the number
    if len(base_text) > 20 or len(exp_text.lstrip("+-")) > 4:
        raise UnitsError(
            f"allocation units {clip(units)} are not a sensible unit (number too long)",
            hint="use a unit of at most a few exabytes, e.g. byte * 2^40",
        )
    base, exp = int(base_text), int(exp_text)
    if exp < 0 or base < 1:
        raise UnitsError(
            f"allocation units {clip(units)} are a fraction of a byte",
            hint="use a non-negative exponent, e.g. byte * 2^20",
        )
    if (base.bit_length() - 1) * exp > _MAX_UNIT_BITS:  # base**exp is at least 2^that
        raise UnitsError(
            f"allocation units {clip(units)} are more than 2^{_MAX_UNIT_BITS} bytes",
            hint="use a unit of at most a few exabytes, e.g. byte * 2^40",
        )
    return int(base**exp)


_MAX_UNIT_BITS = 128  # bytes per unit; real units stop at 2^60 or so


def format_allocation_units(multiplier: int) -> str:
    """The canonical programmatic unit for a byte multiplier: 2**30 -> "byte * 2^30"."""
    if multiplier < 1:
        raise UnitsError(f"a unit of {multiplier} bytes is not positive")
    if multiplier == 1:
        return "byte"
    if multiplier & (multiplier - 1) == 0:
        return f"byte * 2^{multiplier.bit_length() - 1}"
    exp = 0
    value = multiplier
    while value % 10 == 0:
        value //= 10
        exp += 1
    if value == 1:
        return f"byte * 10^{exp}"
    raise UnitsError(
        f"{multiplier} bytes is not a power of 2 or 10",
        hint="express the size in bytes, or in a power-of-two unit",
    )


def to_bytes(quantity: int, units: str | None) -> int:
    """`quantity` in `units` as bytes (units None means bytes, the OVF default)."""
    if quantity < 0:
        raise UnitsError(f"quantity {quantity} is negative")
    return quantity * (1 if units is None else parse_allocation_units(units))


class DiskFormat(StrEnum):
    """The `ovf:format` URIs tools write on Disk elements.

    OVF names the format by URI and leaves the URI to the format owner; these are the ones found
    in exported appliances (VMware, VirtualBox, XenServer, oVirt).
    """

    VMDK_STREAM_OPTIMIZED = (
        "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"
    )
    VMDK_SPARSE = "http://www.vmware.com/specifications/vmdk.html#sparse"
    VMDK_COMPRESSED = "http://www.vmware.com/specifications/vmdk.html#compressed"
    VHD = "http://technet.microsoft.com/en-us/virtualserver/bb676673.aspx"
    VHD_VIRTUALBOX = "http://go.microsoft.com/fwlink/?LinkId=137171"
    VHDX = "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-vhdx"
    QCOW2 = "http://www.gnome.org/~markmc/qcow-image-format.html"
    RAW = "http://en.wikipedia.org/wiki/Byte"
    VDI = "http://www.virtualbox.org/manual/ch12.html#vdi"

    @classmethod
    def lookup(cls, uri: str) -> DiskFormat | None:
        """The known format of a URI (exact match, then ignoring scheme and case), or None."""
        try:
            return cls(uri)
        except ValueError:
            pass
        key = _uri_key(uri)
        for member in cls:
            if _uri_key(member.value) == key:
                return member
        return None


def _uri_key(uri: str) -> str:
    return re.sub(r"^https?://", "", uri.strip(), flags=re.IGNORECASE).lower()


class PropertyType(StrEnum):
    """The OVF ProductSection property types (DSP0243, table "Property types")."""

    UINT8 = "uint8"
    SINT8 = "sint8"
    UINT16 = "uint16"
    SINT16 = "sint16"
    UINT32 = "uint32"
    SINT32 = "sint32"
    UINT64 = "uint64"
    SINT64 = "sint64"
    BOOLEAN = "boolean"
    STRING = "string"
    REAL32 = "real32"
    REAL64 = "real64"


# inclusive value range of each integer property type; keys compare equal to the plain names
PROPERTY_INT_RANGES: dict[str, tuple[int, int]] = {
    PropertyType(f"{sign}int{bits}"): (
        (0, 2**bits - 1) if sign == "u" else (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)
    )
    for sign in ("u", "s")
    for bits in (8, 16, 32, 64)
}

# a real32/real64 value as a decimal number (xs:double's lexical form without INF and NaN,
# which Python's float() would also take spelled "inf", "nan", "1_0", "Infinity")
REAL_LEXICAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\Z", re.ASCII)
REAL32_MAX = 3.4028234663852886e38


def real_problem(ptype: str, text: str) -> str | None:
    """Why `text` is no finite real32/real64 decimal number (None when it is one)."""
    stripped = text.strip()
    if not REAL_LEXICAL.match(stripped):
        return f"is not a decimal number ({ptype})"
    value = float(stripped)
    if value in (float("inf"), float("-inf")) or (ptype == "real32" and abs(value) > REAL32_MAX):
        return f"is out of range for {ptype}"
    return None


# ----------------------------------------------------------------------------- qualifiers

# One qualifier: `MinLen(8)`, `MaxValue(4094)`, `ValueMap{"a","b","1..5"}`; unknown names are
# skipped, as are malformed arguments (a bad qualifier must not make a good value fail)
# (a name starts at a word's start: a long run of letters must not be retried from each one)
_QUALIFIER_RE = re.compile(r"(?<!\w)(\w+)\s*(?:\(([^)]*)\)|\{([^}]*)\})")


@dataclass(frozen=True)
class QualifierProblem:
    """A value breaking one qualifier: `name` ("MinLen", ...) and `text`, a phrase that reads
    after the value ("is below MinValue(10)"). Lengths are told without the value itself, since
    it may be a password."""

    name: str
    text: str


@dataclass(frozen=True)
class Qualifiers:
    """The ovf:qualifiers of a Property (DSP0243 9.5): MinLen/MaxLen for strings,
    MinValue/MaxValue for numbers, ValueMap{...} (values and CIM ranges "1..5", "..9", "10..").

    `parse` keeps each limit's text as written, for messages; `problems` tells every qualifier
    a value breaks, `check` the first. The validator (OVF603), the environment builder and the
    descriptor builder's users all read qualifiers through this one parser.
    """

    min_len: int | None = None
    max_len: int | None = None
    min_value: str | None = None
    max_value: str | None = None
    value_map: tuple[str, ...] | None = None

    @classmethod
    def parse(cls, text: str | None) -> Qualifiers:
        found: dict[str, Any] = {}
        for name, paren, brace in _QUALIFIER_RE.findall(text or ""):
            arg = (paren or brace).strip()
            if name in ("MinLen", "MaxLen"):
                try:
                    found["min_len" if name == "MinLen" else "max_len"] = int(arg)
                except ValueError:
                    continue
            elif name in ("MinValue", "MaxValue"):
                if _decimal(arg) is not None:
                    found["min_value" if name == "MinValue" else "max_value"] = arg
            elif name == "ValueMap":
                entries = tuple(a.strip().strip("\"'") for a in brace.split(",") if a.strip())
                if entries:  # an empty ValueMap constrains nothing
                    found["value_map"] = entries
        return cls(**found)

    def check(self, value: str, number: Decimal | None = None) -> QualifierProblem | None:
        """The first qualifier `value` breaks, or None (see `problems`)."""
        found = self.problems(value, number)
        return found[0] if found else None

    def problems(self, value: str, number: Decimal | None = None) -> list[QualifierProblem]:
        """Every qualifier `value` breaks. `number` is the value as a number for numeric
        property types (None for strings and booleans: MinValue/MaxValue then do not apply and
        ValueMap entries compare as text only)."""
        out: list[QualifierProblem] = []
        length = len(value)
        if self.min_len is not None and length < self.min_len:
            out.append(
                QualifierProblem(
                    "MinLen", f"is {length} characters long, shorter than MinLen({self.min_len})"
                )
            )
        if self.max_len is not None and length > self.max_len:
            out.append(
                QualifierProblem(
                    "MaxLen", f"is {length} characters long, longer than MaxLen({self.max_len})"
                )
            )
        if self.value_map is not None and not any(
            _in_value_map(entry, value, number) for entry in self.value_map
        ):
            allowed = ", ".join(self.value_map)
            out.append(QualifierProblem("ValueMap", f"is not one of ValueMap{{{allowed}}}"))
        if number is not None and not number.is_nan():
            low, high = _decimal(self.min_value), _decimal(self.max_value)
            if low is not None and number < low:
                out.append(QualifierProblem("MinValue", f"is below MinValue({self.min_value})"))
            if high is not None and number > high:
                out.append(QualifierProblem("MaxValue", f"is above MaxValue({self.max_value})"))
        return out


def _decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return None
    return None if number.is_nan() else number


def _in_value_map(entry: str, value: str, number: Decimal | None) -> bool:
    if entry == value:
        return True
    if number is None or number.is_nan():
        return False
    if ".." not in entry:  # "05" is the value 5
        return _decimal(entry) == number
    lo, _, hi = entry.partition("..")  # CIM ValueMap ranges: "1..5", "..9", "10.."
    low, high = _decimal(lo), _decimal(hi)
    if (lo.strip() and low is None) or (hi.strip() and high is None):
        return False
    return (low is None or number >= low) and (high is None or number <= high)
