"""ovfmodel: the DMTF Open Virtualization Format (OVF, DSP0243) as a typed, lossless data model."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import (
    BuilderError,
    ManifestError,
    OvfEnvironmentError,
    OvfError,
    OvfParseError,
    OvfSerializeError,
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
    "OvfSerializeError",
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
    from ._generated import ovf_envelope_1 as ovf1
    from ._generated import ovf_envelope_2 as ovf2
    from ._generated import ovf_environment_1 as ovfenv  # type: ignore[attr-defined,unused-ignore]
    from .binding import raw_value, source_info
    from .document import OvfDocument, parse, serialize, write
    from .environment import environment_for, parse_environment, serialize_environment
    from .validation import validate

# `import ovfmodel` is what every command and hook pays first: the rest of the API is imported
# on first use (PEP 562), so a process reading an OVF 2 file never loads the OVF 1 classes (nor
# the validator, pydantic, the environment code...). name -> (module, attribute or None for the
# module itself)
_LAZY: dict[str, tuple[str, str | None]] = {
    "ovf1": ("._generated.ovf_envelope_1", None),
    "ovf2": ("._generated.ovf_envelope_2", None),
    "ovfenv": ("._generated.ovf_environment_1", None),
    "raw_value": (".binding", "raw_value"),
    "source_info": (".binding", "source_info"),
    "OvfDocument": (".document", "OvfDocument"),
    "parse": (".document", "parse"),
    "serialize": (".document", "serialize"),
    "write": (".document", "write"),
    "environment_for": (".environment", "environment_for"),
    "parse_environment": (".environment", "parse_environment"),
    "serialize_environment": (".environment", "serialize_environment"),
    "validate": (".validation", "validate"),
}

if not TYPE_CHECKING:  # mypy sees the imports above, with their real types

    def __getattr__(name: str) -> Any:
        if name in _LAZY:
            module_name, attribute = _LAZY[name]
            module = importlib.import_module(module_name, __name__)
            value = module if attribute is None else getattr(module, attribute)
        elif not name.startswith("__"):  # a submodule used as an attribute: ovfmodel.model
            try:
                value = importlib.import_module(f"{__name__}.{name}")
            except ImportError as exc:
                if exc.name == f"{__name__}.{name}":
                    raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
                # a submodule whose optional dependency is missing (strategies: hypothesis;
                # lsp: pygls): an AttributeError, so that hasattr() answers False, saying why
                raise AttributeError(str(exc)) from exc
        else:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(__all__))
