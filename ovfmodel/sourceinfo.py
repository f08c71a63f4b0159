"""What a bound object carries beyond its dataclass fields, and how to read it.

The binder (ovfmodel.binding) attaches a `SourceInfo` to every object it binds: the element's
prefix and namespace declarations, attribute and child order, whitespace, nodes no field can
take (`Extra`) and the exact lexical form of converted values; the writer (ovfmodel.writer)
replays it. A plain leaf keeps a compact (tag, prefix, tail) tuple instead, expanded by
`source_info` on demand. `model_equal` compares bound objects field by field, ignoring all this.
Kept apart from the binder so that readers of SourceInfo (writer, validators, info, packages)
need not hold the binder's walk in mind.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields as dc_fields
from dataclasses import is_dataclass
from typing import Any

from lxml import etree

from .lazy import LazyList

INFO_ATTR = "_ovfmodel_source"
# a plain leaf's SourceInfo in compact form: INFO_ATTR holds a (tag, prefix, tail) tuple shared by
# all leaves that have the same (interned per binding) and LINE_ATTR its line
LINE_ATTR = "_ovfmodel_line"


class Extra:
    """A node no field can hold (comment, processing instruction, unexpected element or text).

    Kept verbatim at its place among its siblings so that nothing is lost.
    """

    __slots__ = ("node", "tail")

    def __init__(self, node: etree._Element | str, tail: str | None) -> None:
        self.node = node  # the source's lxml element/comment/PI, or stray text
        self.tail = tail

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Extra) and _node_text(self.node) == _node_text(other.node)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        # lxml nodes do not pickle: a node goes as its text (with the namespaces it uses),
        # parsed back in a wrapper element on unpickling (copy.deepcopy copies it as is)
        if isinstance(self.node, str):
            return (Extra, (self.node, self.tail))
        text = etree.tostring(self.node, encoding="unicode", with_tail=False)
        return (_unpickled_extra, (text, self.tail))


def _unpickled_extra(text: str, tail: str | None) -> Extra:
    from .xmlsafe import parse_xml  # the hardened parser: a pickle is input too

    wrapper = parse_xml(f"<ovfmodel-extra>{text}</ovfmodel-extra>".encode(), "<pickle>")
    return Extra(wrapper.getroot()[0], tail)


def _node_text(node: etree._Element | str) -> str:
    return node if isinstance(node, str) else etree.tostring(node, encoding="unicode")


class SourceInfo:
    """What the source said about one element beyond what its dataclass holds.

    Most elements need only line, tag, prefix and trailing whitespace, so the rarer facts are
    class-level defaults that an instance overrides only when the source has them (this is the
    hot path of parsing: one SourceInfo per element).
    """

    column: int | None = None
    nsdecl: dict[str | None, str] | None = None  # declarations made on this element
    attrs: list[str] | tuple[()] = ()  # attribute Clark names in source order
    extra_attrs: dict[str, str] | None = None  # attributes no field can take
    # child slots in document order: the field name a child element went to (a str), a
    # (field name, SourceInfo) pair for simple-typed child elements, or an Extra. The writer
    # fills each field's slots with the field's current values, in list order.
    children: list[Any] | tuple[()] = ()
    end_ws: str | None = None  # whitespace after the last child (before the end tag)
    # field name -> (parsed value, lexical text): the text to write while the value is unchanged;
    # parsed is None when the text did not fit the field's type
    raw: dict[str, tuple[Any, str]] | None = None
    inner_ws: str | None = None  # whitespace before the first child

    def __init__(self, line: int | None, tag: str, prefix: str | None, tail: str | None) -> None:
        self.line = line
        self.tag = tag  # the source's Clark name (namespace may be an alias of the model's)
        self.prefix = prefix
        self.tail = tail  # whitespace after this element


def source_info(obj: object) -> SourceInfo | None:
    """The SourceInfo of a bound object, or None for objects made in code."""
    info = getattr(obj, INFO_ATTR, None)
    if info.__class__ is tuple:  # a plain leaf's compact form: made a full SourceInfo on demand
        info = SourceInfo(getattr(obj, LINE_ATTR, None), *info)
        obj.__dict__[INFO_ATTR] = info
    return info if isinstance(info, SourceInfo) else None


def raw_value(obj: object, field_name: str) -> str | None:
    """The verbatim source text of a field that did not fit its type (value left None)."""
    info = source_info(obj)
    if info is None or info.raw is None or field_name not in info.raw:
        return None
    parsed, text = info.raw[field_name]
    current = getattr(obj, field_name, None)
    return text if parsed is None and current is None else None


def unconvertible_fields(obj: object) -> Iterator[tuple[str, str]]:
    """(field name, verbatim text) for every value of `obj` that did not fit its type."""
    info = source_info(obj)
    if info is None or info.raw is None:
        return
    for name, (parsed, text) in info.raw.items():
        if parsed is None and getattr(obj, name, None) is None:
            yield name, text


def model_equal(a: object, b: object) -> bool:
    """Dataclass equality (fields compared, SourceInfo ignored) without recursion.

    The generated `==` recurses a few Python frames per level, so the vendor trees libxml2
    accepts (254 levels) exhaust the interpreter's stack; this walks both trees side by side.
    """
    stack: list[tuple[Any, Any]] = [(a, b)]
    while stack:
        x, y = stack.pop()
        if x is y:
            continue
        if x.__class__ is LazyList:  # compared as the plain list it stands for
            x = list(x)
        if y.__class__ is LazyList:
            y = list(y)
        cls = x.__class__
        if cls is not y.__class__:
            if x != y:  # 1 == 1.0, enum members and their values as Python compares them
                return False
            continue
        names = _compared_fields(cls)
        if names is not None:
            stack.extend((getattr(x, n), getattr(y, n)) for n in names)
        elif cls is list or cls is tuple:
            if len(x) != len(y):
                return False
            stack.extend(zip(x, y, strict=True))
        elif cls is dict:
            if x.keys() != y.keys():
                return False
            stack.extend((x[k], y[k]) for k in x)
        elif x != y:
            return False
    return True


_COMPARED: dict[type, tuple[str, ...] | None] = {}


def _compared_fields(cls: type) -> tuple[str, ...] | None:
    """The fields dataclass `==` compares, or None for a class that is not a dataclass."""
    if cls not in _COMPARED:
        _COMPARED[cls] = (
            tuple(f.name for f in dc_fields(cls) if f.compare) if is_dataclass(cls) else None
        )
    return _COMPARED[cls]
