"""ovfmodel: the DMTF Open Virtualization Format (OVF, DSP0243) as a typed, lossless data model."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._generated import ovf_envelope_1 as ovf1
from ._generated import ovf_envelope_2 as ovf2
from ._generated import ovf_environment_1 as ovfenv  # type: ignore[attr-defined,unused-ignore]
from ._version import __version__
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


if TYPE_CHECKING:
    from .validation import validate


def __getattr__(name: str) -> Any:
    # `ovfmodel.validate` is imported on first use: the validator loads pydantic, the rule
    # catalog and the schemas, which `import ovfmodel` alone should not pay for
    if name == "validate":
        from .validation import validate as loaded

        globals()["validate"] = loaded
        return loaded
    raise AttributeError(f"module 'ovfmodel' has no attribute {name!r}")
