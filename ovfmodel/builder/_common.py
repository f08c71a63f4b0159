"""Plumbing shared by the builders: version families, text, CIM wrappers, section placement."""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from types import ModuleType, UnionType
from typing import Any

from .._generated import ovf_envelope_1 as ovf1
from .._generated import ovf_envelope_2 as ovf2
from ..document import OVF1_NS, OVF2_NS
from ..errors import BuilderError

VERSIONS = ("1.0", "1.1", "2.0")


@dataclass(frozen=True)
class Localized:
    """A text with a `ovf:msgid`, so that Strings bundles can translate it."""

    text: str
    msgid: str


Text = str | Localized
"""Wherever a builder takes display text, it also takes Localized(text, msgid)."""


def module_for(version: str) -> ModuleType:
    if version not in VERSIONS:
        raise BuilderError(
            f"OVF version {version!r} is not one the builder writes",
            hint=f"use one of {', '.join(VERSIONS)}",
        )
    return ovf2 if version.startswith("2") else ovf1


def namespace_for(version: str) -> str:
    return OVF2_NS if version.startswith("2") else OVF1_NS


def msg(module: ModuleType, text: Text) -> Any:
    if isinstance(text, Localized):
        return module.MsgType(value=text.text, msgid=text.msgid)
    return module.MsgType(value=text)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _wrapper_class(cls: type, name: str) -> tuple[type, bool]:
    """The CIM wrapper class of a field, and whether the field is a list."""
    hint = _hints(cls)[name]
    is_list = typing.get_origin(hint) is list
    if is_list:
        hint = typing.get_args(hint)[0]
    if isinstance(hint, UnionType) or typing.get_origin(hint) is typing.Union:
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    return hint, is_list


def set_cim(obj: Any, name: str, value: object) -> None:
    """Set a CIM property (rasd:/sasd:/epasd:/vssd:) of `obj` from a plain value."""
    wrapper, is_list = _wrapper_class(type(obj), name)
    if isinstance(value, Enum):
        # SASD/EPASD declare their own copies of the RASD enums: convert by value
        enum_cls, _ = _wrapper_class(wrapper, "value")
        if isinstance(enum_cls, type) and issubclass(enum_cls, Enum):
            value = enum_cls(value.value)
    if is_list:
        values = value if isinstance(value, list) else [value]
        getattr(obj, name).extend(wrapper(value=v) for v in values)
    else:
        setattr(obj, name, wrapper(value=value))


def new_item(cls: type, element_name: str, instance_id: str, **props: object) -> Any:
    wrapper_en, _ = _wrapper_class(cls, "element_name")
    wrapper_id, _ = _wrapper_class(cls, "instance_id")
    item = cls(
        element_name=wrapper_en(value=element_name), instance_id=wrapper_id(value=instance_id)
    )
    for key, value in props.items():
        if value is not None:
            set_cim(item, key, value)
    return item


# where a new section goes in a sections list (vendor sections and unknown ones go last)
_RANK = [
    "EncryptionSection",
    "PlacementSection",
    "PlacementGroupSection",
    "ScaleOutSection",
    "SharedDiskSection",
    "DiskSection",
    "NetworkSection",
    "DeploymentOptionSection",
    "ProductSection",
    "AnnotationSection",
    "EulaSection",
    "StartupSection",
    "OperatingSystemSection",
    "InstallSection",
    "VirtualHardwareSection",
    "ResourceAllocationSection",
    "BootDeviceSection",
    "EnvironmentFilesSection",
]


def _rank(section: object) -> int:
    for cls in type(section).__mro__:
        name = cls.__name__.removesuffix("Type")
        if name in _RANK:
            return _RANK.index(name)
    return len(_RANK)


def insert_section(sections: list[Any], section: object) -> None:
    """Insert after every section of the same or an earlier kind, keeping a readable order."""
    rank = _rank(section)
    position = len(sections)
    for index, existing in enumerate(sections):
        if _rank(existing) > rank:
            position = index
            break
    sections.insert(position, section)


def find_section(sections: list[Any], module: ModuleType, kind: str) -> Any | None:
    cls = getattr(module, kind + "Type")
    return next((s for s in sections if isinstance(s, cls)), None)


def require(condition: bool, message: str, hint: str) -> None:
    if not condition:
        raise BuilderError(message, hint=hint)


# the ranges of the XML Schema types numbers are written as
UNSIGNED_SHORT = 2**16 - 1
UNSIGNED_INT = 2**32 - 1
UNSIGNED_LONG = 2**64 - 1
LONG = 2**63 - 1


def check_range(label: str, value: int | None, low: int, high: int) -> None:
    """Refuse a number its XML Schema type cannot hold (the document would not validate)."""
    if value is None:
        return
    require(
        low <= value <= high,
        f"{label} {value} is outside {low}..{high}",
        f"give a whole number from {low} to {high}, the range of its XML Schema type",
    )


def check_text(text: Text | None, what: str) -> None:
    """Refuse an empty display text (None, for an optional one, passes)."""
    require(
        text is None or bool(text.text if isinstance(text, Localized) else text),
        f"{what} is empty",
        f"give a non-empty {what}",
    )


@dataclass
class Registry:
    """Ids and names known in one envelope: what references are checked against."""

    files: dict[str, Any] = field(default_factory=dict)
    disks: dict[str, Any] = field(default_factory=dict)
    networks: dict[str, Any] = field(default_factory=dict)
    configurations: dict[str, Any] = field(default_factory=dict)
    contents: dict[str, Any] = field(default_factory=dict)

    def check_configuration(self, configuration: str | None) -> None:
        if configuration is None:
            return
        for name in configuration.split():
            require(
                name in self.configurations,
                f"configuration {name!r} is not declared",
                f"declare it first (a build spec's deployment_options, `ovfmodel edit "
                f"--add-profile {name}`, or add_deployment_option({name!r}, ...)); known: "
                + (", ".join(self.configurations) or "none"),
            )
