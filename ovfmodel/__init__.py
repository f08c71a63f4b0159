"""ovfmodel: the DMTF Open Virtualization Format (OVF, DSP0243) as a typed, lossless data model."""

from __future__ import annotations

from ._generated import ovf_envelope_1 as ovf1
from ._generated import ovf_envelope_2 as ovf2
from ._generated import ovf_environment_1 as ovfenv  # type: ignore[attr-defined,unused-ignore]
from ._validate import validate
from .binding import raw_value, source_info
from .document import OvfDocument, parse, serialize, write
from .environment import environment_for, parse_environment, serialize_environment
from .errors import (
    BuilderError,
    ManifestError,
    OvfEnvironmentError,
    OvfError,
    OvfParseError,
    OvfStrictError,
    PackageError,
    SchemaIntegrityError,
    SchemaNotFoundError,
    SignatureError,
)

__version__ = "0.1.0"

__all__ = [
    "BuilderError",
    "ManifestError",
    "OvfDocument",
    "OvfEnvironmentError",
    "OvfError",
    "OvfParseError",
    "OvfStrictError",
    "PackageError",
    "SchemaIntegrityError",
    "SchemaNotFoundError",
    "SignatureError",
    "__version__",
    "environment_for",
    "ovf1",
    "ovf2",
    "ovfenv",
    "parse",
    "parse_environment",
    "raw_value",
    "serialize",
    "serialize_environment",
    "source_info",
    "validate",
    "write",
]
