"""Building blocks shared by the strategies: text, names, vendor elements, CIM helpers."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache
from types import ModuleType, UnionType
from typing import Any, Literal

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy
from xsdata.formats.dataclass.models.generics import AnyElement

from .._generated import ovf_envelope_2 as ovf2
from ..cim import PROPERTY_INT_RANGES

Version = Literal["1", "2"]
"""The OVF schema family: "1" (namespace envelope/1, OVF 1.0/1.1) or "2" (envelope/2, OVF 2.x)."""

VENDOR_NS = ("http://vendor.example/ovf/ext", "urn:example:ovf:ext2")
"""Namespaces used for generated vendor extension elements and attributes."""

PROPERTY_TYPES = (
    "uint8", "sint8", "uint16", "sint16", "uint32", "sint32", "uint64", "sint64",
    "boolean", "string", "real32", "real64",
)  # fmt: skip
"""The ProductSection Property types of DSP0243 (clause 9.5)."""

_INT_RANGES = PROPERTY_INT_RANGES
_U16 = 2**16 - 1
_U64 = 2**64 - 1
_LANGS = ("en-US", "de-DE", "fr", "ja-JP", "zh-Hans-CN", "pt-BR", "x-klingon")

# --------------------------------------------------------------------------- building blocks


_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)


def _xml_char(c: str) -> bool:
    o = ord(c)
    return (
        o in (0x9, 0xA, 0xD)
        or 0x20 <= o <= 0xD7FF
        or 0xE000 <= o <= 0xFFFD
        or 0x10000 <= o <= 0x10FFFF
    )


@lru_cache(maxsize=256)
def xml_text(*, min_size: int = 0, max_size: int = 40) -> SearchStrategy[str]:
    """Unicode text made only of characters XML 1.0 allows (tab, newlines and CR included)."""
    chars = st.characters(
        min_codepoint=0x9,
        exclude_categories=_SURROGATES,
        exclude_characters="\ufffe\uffff",
    ).filter(_xml_char)
    return st.text(chars, min_size=min_size, max_size=max_size)


@lru_cache(maxsize=64)
def _plain_text(max_size: int = 20) -> SearchStrategy[str]:
    """Printable text without leading/trailing whitespace (for names and identifiers)."""
    chars = st.characters(
        min_codepoint=0x21, exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp", "Co", "Cn")
    ).filter(_xml_char)
    return st.text(chars, min_size=1, max_size=max_size)


@cache
def xml_names() -> SearchStrategy[str]:
    """NCNames (XML names without a colon), ASCII and non-ASCII."""
    first = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_éßДλ")
    rest = st.text(
        st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-._éДλ"), min_size=0, max_size=8
    )
    return st.builds(lambda a, b: a + b, first, rest).filter(
        lambda n: not n.lower().startswith("xml")
    )


@st.composite
def _vendor_element(draw: DrawFn, depth: int) -> AnyElement:
    ns = draw(st.sampled_from(VENDOR_NS))
    name = draw(xml_names())
    attrs = draw(_vendor_element_attrs())
    children: list[object] = []
    text: str | None = None
    if depth > 0 and draw(st.booleans()):
        children = draw(st.lists(vendor_elements(depth - 1), min_size=1, max_size=3))
    else:
        text = draw(_opt_text(30, min_size=1))
    return AnyElement(
        qname="{" + ns + "}" + name, text=text, tail=None, children=children, attributes=attrs
    )


@cache
def _vendor_element_attrs() -> SearchStrategy[dict[str, str]]:
    return st.dictionaries(
        st.one_of(xml_names(), st.builds(lambda n: "{" + VENDOR_NS[0] + "}" + n, xml_names())),
        xml_text(max_size=12),
        max_size=3,
    )


@lru_cache(maxsize=64)
def _opt_text(max_size: int, min_size: int = 0) -> SearchStrategy[str | None]:
    return st.one_of(st.none(), xml_text(min_size=min_size, max_size=max_size))


def _opt_msg(draw: DrawFn, m: ModuleType, max_size: int = 40) -> Any:
    """None or an ovf:Msg_Type of `m` with unicode text."""
    text = draw(_opt_text(max_size))
    return None if text is None else _msg(m, text)


@lru_cache(maxsize=16)
def vendor_elements(max_depth: int = 2) -> SearchStrategy[AnyElement]:
    """Vendor extension elements (xsdata AnyElement) in a non-OVF namespace, nested up to
    `max_depth`, with plain and namespaced attributes and unicode text."""
    return _vendor_element(max_depth)


@cache
def _vendor_attrs() -> SearchStrategy[dict[str, str]]:
    return st.dictionaries(
        st.builds(lambda ns, n: "{" + ns + "}" + n, st.sampled_from(VENDOR_NS), xml_names()),
        xml_text(max_size=16),
        max_size=2,
    )


# --------------------------------------------------------------------------- CIM helpers


def _strip(tp: Any) -> Any:
    """The class of a field hint like `None | X` or `list[X]`."""
    origin = typing.get_origin(tp)
    if origin is list:
        return _strip(typing.get_args(tp)[0])
    if origin in (typing.Union, UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _strip(args[0])
    return tp


@cache
def _hints(cls: type) -> dict[str, Any]:
    return {k: _strip(v) for k, v in typing.get_type_hints(cls).items()}


def _cim(owner: type, field_name: str, value: Any) -> Any:
    """A CIM property element of `owner.field_name` holding `value` (enums converted)."""
    cls = _hints(owner)[field_name]
    vtype = _hints(cls)["value"]
    if isinstance(vtype, type) and issubclass(vtype, Enum):
        value = vtype(value)
    return cls(value=value)


def _msg(m: ModuleType, value: str, msgid: str = "") -> Any:
    return m.MsgType(value=value, msgid=msgid)


# --------------------------------------------------------------------------- valid documents


@dataclass
class _Ctx:
    """What has been drawn so far, so that every reference drawn later resolves."""

    m: ModuleType
    files: list[str] = dataclasses.field(default_factory=list)
    disks: list[str] = dataclasses.field(default_factory=list)
    networks: list[str] = dataclasses.field(default_factory=list)
    configs: list[str] = dataclasses.field(default_factory=list)
    content_ids: set[str] = dataclasses.field(default_factory=set)
    msgids: list[str] = dataclasses.field(default_factory=list)
    addresses: dict[str, set[int]] = dataclasses.field(default_factory=dict)
    # (ovf:class, ovf:key, ovf:instance) of every Property: unique in the document (OVF601)
    property_keys: set[tuple[str, str, str]] = dataclasses.field(default_factory=set)

    @property
    def v2(self) -> bool:
        return self.m is ovf2


def _unique(prefix: str, n: int, taken: set[str] | None = None) -> list[str]:
    out: list[str] = []
    i = 1
    while len(out) < n:
        cand = f"{prefix}{i}"
        if taken is None or cand not in taken:
            out.append(cand)
        i += 1
    return out


@lru_cache(maxsize=16)
def _suffixes(n: int) -> SearchStrategy[list[str]]:
    return st.lists(st.one_of(st.just(""), xml_names()), min_size=n, max_size=n)


@st.composite
def _ids(draw: DrawFn, prefix: str, n: int) -> list[str]:
    """n distinct identifiers: plain `prefix1`, ... or with a unicode suffix."""
    base = _unique(prefix, n)
    suffixes = draw(_suffixes(n))
    return [b + ("-" + s if s else "") for b, s in zip(base, suffixes, strict=True)]
