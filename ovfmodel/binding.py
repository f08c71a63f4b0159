"""Fast, lossless binding between lxml trees and the generated xsdata dataclasses.

xsdata's own parser and serializer are correct but about 200 times slower than lxml on large
descriptors, and they normalise what real files say (prefixes, attribute order, defaults,
unknown content). This module binds with plans built once per class from xsdata's own metadata
(`XmlContext`'s, read from the generated table of it: see ovfmodel.plantable), and keeps what the dataclasses cannot hold in a `SourceInfo` attached to each
bound object: the element's prefix and namespace declarations, attribute order, child order
including comments and content no field can take, whitespace, and the exact lexical form of
every converted value (or the verbatim text of a value that does not fit its type). The writer
replays that information, so an unchanged document serializes back to what was read and a
changed value changes only itself. Objects made in code (no SourceInfo) are written in schema
order with canonical prefixes and no default values.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import MISSING, Field, is_dataclass
from dataclasses import fields as dc_fields
from decimal import Decimal
from enum import Enum
from sys import intern
from typing import Any

from lxml import etree
from xsdata.formats.converter import converter
from xsdata.formats.dataclass.models.generics import AnyElement

from . import plantable
from .depth import recursion_headroom
from .gcpause import gc_paused as gc_paused  # noqa: PLC0414 (exported here as before)
from .lazy import LazyList, LazyState, ProblemList
from .namespaces import XSI_TYPE, xsi_type_name
from .plantable import resolve
from .starttags import (
    LAST_EXACT_LINE,
    StartTag,
    TagFinder,
    ascii_compatible,
    contains,
    declaration_lines,
    declared_tags,
    is_declaration,
    may_spell,
    start_tag_order,
)
from .xmlsafe import attribute_items

NO_LINE = 1 << 62  # greater than any line number

# frames binding may need: 256 levels (libxml2's limit) of 2 frames, and a margin
BIND_FRAMES = 600

INFO_ATTR = "_ovfmodel_source"
# a plain leaf's SourceInfo in compact form: INFO_ATTR holds a (tag, prefix, tail) tuple shared by
# all leaves that have the same (interned per binding) and LINE_ATTR its line
LINE_ATTR = "_ovfmodel_line"
_MISSING = object()

# kinds of field
ATTR, ELEM, ELEMS, WILDCARD, TEXT, ANYATTRS = range(6)
# the table's kinds (xsdata's XmlType values)
_KINDS = {
    "Attribute": ATTR,
    "Element": ELEM,
    "Elements": ELEMS,
    "Wildcard": WILDCARD,
    "Text": TEXT,
    "Attributes": ANYATTRS,
}


class Unconvertible(ValueError):
    """A lexical value that does not fit its schema type."""


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


# ----------------------------------------------------------------------------- conversions

_INT_RE = re.compile(r"\s*[+-]?\d+\s*\Z")
_BOOLS = {"true": True, "1": True, "false": False, "0": False}


def _conv_str(text: str) -> str:
    return text


def _conv_int(text: str) -> int:
    if _INT_RE.match(text) is None:
        raise Unconvertible(text)
    try:
        return int(text)
    except ValueError:  # beyond Python's int/str conversion limit (4,300 digits)
        raise Unconvertible(text) from None


def _conv_bool(text: str) -> bool:
    try:
        return _BOOLS[text.strip()]
    except KeyError:
        raise Unconvertible(text) from None


def _emit_bool(value: Any) -> str:
    return "true" if value else "false"


def _emit_str(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _emit_generic(value: Any) -> str:
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | Decimal):
        return str(value)
    text = converter.serialize(value)
    return text if isinstance(text, str) else str(text)


def _enum_converter(enum: type[Enum]) -> Callable[[str], Any]:
    table: dict[str, Enum] = {}
    for member in enum:
        table[_emit_generic(member.value)] = member
    by_value = {member.value: member for member in enum}

    def conv(text: str) -> Any:
        hit = table.get(text)
        if hit is not None:
            return hit
        stripped = text.strip()
        hit = table.get(stripped)
        if hit is not None:
            return hit
        if _INT_RE.match(text) and len(text) < 100:  # "017" for 17
            hit = by_value.get(int(text))
            if hit is not None:
                return hit
        raise Unconvertible(text)

    return conv


def _simple_converter(types: tuple[type, ...], fmt: str | None) -> Callable[[str], Any]:
    """A function text -> value trying each declared type in order, raising Unconvertible."""
    convs: list[Callable[[str], Any]] = []
    for tp in types:
        if tp is str:
            convs.append(_conv_str)
        elif tp is bool:
            convs.append(_conv_bool)
        elif tp is int:
            convs.append(_conv_int)
        elif isinstance(tp, type) and issubclass(tp, Enum):
            convs.append(_enum_converter(tp))
        else:
            convs.append(_generic_converter(tp, fmt))
    if len(convs) == 1:
        return convs[0]

    def conv(text: str) -> Any:
        for c in convs:
            try:
                return c(text)
            except Unconvertible:
                continue
        raise Unconvertible(text)

    return conv


def _generic_converter(tp: type, fmt: str | None) -> Callable[[str], Any]:
    def conv(text: str) -> Any:
        try:
            return converter.deserialize(text, [tp], format=fmt)
        except Exception as exc:  # xsdata raises ConverterError and plain ValueErrors
            raise Unconvertible(text) from exc

    return conv


def _simple_emitter(types: tuple[type, ...]) -> Callable[[Any], str]:
    if types == (str,):
        return _emit_str
    if types == (bool,):
        return _emit_bool
    if len(types) == 1 and isinstance(types[0], type) and issubclass(types[0], Enum):
        return _enum_emitter(types[0])
    return _emit_generic


def _enum_emitter(enum: type[Enum]) -> Callable[[Any], str]:
    """Members by table (ResourceType on every item); anything else the generic way."""
    texts = {member: _emit_generic(member.value) for member in enum}

    def emit(value: Any) -> str:
        text = texts.get(value) if isinstance(value, enum) else None
        return text if text is not None else _emit_generic(value)

    return emit


# ----------------------------------------------------------------------------- plans


_UNKNOWN: Any = object()

# (field name, is list, class, initial __dict__, any-attributes field or "", text field,
#  converter or None for str, emitter): what binding a simple-content child inline needs
LeafSpec = tuple[
    str, bool, type, dict[str, Any], str, str, Callable[[str], Any] | None, Callable[[Any], str]
]


class FieldPlan:
    __slots__ = (
        "by_type",
        "choices",
        "clazz",
        "conv",
        "default",
        "emit",
        "format",
        "is_list",
        "kind",
        "may_default",
        "name",
        "namespaces",
        "qname",
        "required",
        "tokens",
        "types",
    )

    def __init__(self, var: plantable.Var, kind: int, field: Field[Any]) -> None:
        # names interned as xsdata's were (the field's own name: attribute and __dict__ lookups
        # compare interned strings by address)
        self.name: str = field.name
        self.kind = kind
        self.qname: str = intern(var[2])
        self.is_list: bool = var[3]
        self.tokens: bool = var[4]
        clazz, type_names, fmt = var[5:8]
        self.clazz: type | None = resolve(clazz) if clazz is not None else None
        self.types: tuple[type, ...] = tuple(map(resolve, type_names))
        self.format: str | None = fmt
        self.conv = _simple_converter(self.types, fmt) if self.clazz is None else None
        self.emit = _simple_emitter(self.types)
        self.required: bool = var[8]
        # the field's default as xsdata read it (none for a default factory's fresh values)
        self.default: Any = None if field.default is MISSING else field.default
        if field.default_factory is not MISSING or callable(self.default):
            self.default = _MISSING
        # an optional simple-typed element equal to this default is not written
        self.may_default: bool = kind == ELEM and self.clazz is None and not self.required
        self.namespaces: tuple[str, ...] = tuple(var[9])
        # compound fields: qname -> (class or None, converter or None)
        self.choices: dict[str, tuple[type | None, Callable[[str], Any] | None]] = {}
        # class -> qname, to name a value of a compound field when writing
        self.by_type: dict[type, str] = {}
        for choice, ckey, ctypes, cfmt in var[10]:
            qn = intern(choice)
            cclazz = resolve(ckey) if ckey is not None else None
            conv = None if cclazz else _simple_converter(tuple(map(resolve, ctypes)), cfmt)
            self.choices[qn] = (cclazz, conv)
            if cclazz is not None:
                self.by_type.setdefault(cclazz, qn)

    def __repr__(self) -> str:
        return f"FieldPlan({self.name}, kind={self.kind}, qname={self.qname})"


class ClassPlan:
    """How to bind and write one dataclass: built once from its entry in the generated table of
    xsdata's metadata (ovfmodel.plantable)."""

    __slots__ = (
        "any_attrs",
        "any_attrs_name",
        "attrs",
        "by_name",
        "child_fields",
        "child_values",
        "cls",
        "elems",
        "fields",
        "init_dict",
        "leaf",
        "leaf_specs",
        "list_child_names",
        "list_fields",
        "plain_leaf",
        "qname",
        "text",
        "text_name",
        "type_qname",
        "wildcard",
    )

    def __init__(self, cls: type, entry: plantable.Entry) -> None:
        self.cls = cls
        self.qname: str = entry[0]
        self.type_qname: str | None = entry[1]
        self.attrs: dict[str, FieldPlan] = {}
        self.elems: dict[str, tuple[FieldPlan, type | None, Callable[[str], Any] | None]] = {}
        self.wildcard: FieldPlan | None = None
        self.any_attrs: FieldPlan | None = None
        self.text: FieldPlan | None = None
        self.fields: list[FieldPlan] = []
        declared: dict[str, Field[Any]] = cls.__dataclass_fields__  # type: ignore[attr-defined]
        for var in entry[2]:
            kind = _KINDS[var[0]]
            fp = FieldPlan(var, kind, declared[var[1]])
            if kind == ATTR:
                self.attrs[fp.qname] = fp
            elif kind == ANYATTRS:
                self.any_attrs = fp
            elif kind == TEXT:
                self.text = fp
            elif kind == ELEMS:
                for qn, (clazz, conv) in fp.choices.items():
                    if qn.startswith("{") or qn not in self.elems:
                        self.elems.setdefault(qn, (fp, clazz, conv))
                if var[11]:  # a wildcard among the choices (patched section lists)
                    self.wildcard = self.wildcard or fp
            elif kind == WILDCARD:
                if self.wildcard is None or self.wildcard.kind != ELEMS:
                    self.wildcard = fp
            else:
                self.elems[fp.qname] = (fp, fp.clazz, fp.conv)
            self.fields.append(fp)
        self.child_fields: list[FieldPlan] = [
            f for f in self.fields if f.kind in (ELEM, ELEMS, WILDCARD)
        ]
        # the values of child_fields from an object's __dict__, in one call
        self.child_values = _values_getter([f.name for f in self.child_fields])
        self.list_child_names: tuple[str, ...] = tuple(
            f.name for f in self.child_fields if f.is_list
        )
        self.by_name: dict[str, FieldPlan] = {f.name: f for f in self.fields}
        # simple content and no child elements: the fast path of binding and writing
        self.leaf: bool = self.text is not None and not self.elems and self.wildcard is None
        # child tag -> how to bind it inline (see Binder._leaf_spec), filled while binding
        self.leaf_specs: dict[Any, LeafSpec | str | None] = {}
        # a leaf whose only attributes are a wildcard: written from (text, compact SourceInfo)
        self.plain_leaf: bool = self.leaf and not self.attrs
        self.text_name: str = self.text.name if self.text is not None else ""
        self.any_attrs_name: str = self.any_attrs.name if self.any_attrs is not None else ""
        self.list_fields: tuple[str, ...] = tuple(
            f.name for f in self.fields if f.is_list and f.kind != ANYATTRS
        )
        init: dict[str, Any] = {}
        for f in dc_fields(cls):
            if f.name in self.list_fields:
                continue
            if f.default is not f.default_factory:  # has a plain default
                init[f.name] = f.default
            else:
                init[f.name] = None
        self.init_dict = {
            k: (None if v.__class__.__name__ == "_MISSING_TYPE" else v) for k, v in init.items()
        }

    def new(self) -> Any:
        # bypass __init__: defaults come from init_dict, fresh lists and dicts below
        obj: Any = object.__new__(self.cls)
        d = obj.__dict__
        d.update(self.init_dict)
        for name in self.list_fields:
            d[name] = []
        if self.any_attrs is not None:
            d[self.any_attrs.name] = {}
        return obj

    def wildcard_accepts(self, ns: str) -> bool:
        wc = self.wildcard
        if wc is None:
            return False
        return _namespace_matches(wc.namespaces, ns, self.qname)


def _values_getter(names: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A function giving the values of `names` from a dict as one tuple (itemgetter is C)."""
    if len(names) > 1:
        return operator.itemgetter(*names)
    if names:
        name = names[0]
        return lambda d: (d[name],)
    return lambda d: ()


def _namespace_matches(namespaces: tuple[str, ...], ns: str, owner_qname: str) -> bool:
    if not namespaces:
        return True
    target = owner_qname[1:].split("}", 1)[0] if owner_qname.startswith("{") else ""
    for n in namespaces:
        if n == "##any":
            return True
        if n == "##other" and ns != target:
            return True
        if n in ("##local", "") and ns == "":
            return True
        if n == "##targetNamespace" and ns == target:
            return True
        if n == ns:
            return True
        if n.startswith("!") and n[1:] != ns:
            return True
    return False


class Binder:
    """Binds lxml elements of one model family to dataclasses, keeping SourceInfo."""

    def __init__(
        self, types_by_qname: dict[str, type], ns_aliases: dict[str, str] | None = None
    ) -> None:
        self.plans: dict[type, ClassPlan] = {}
        self.types_by_qname = types_by_qname  # xsi:type lookups: type QName -> class
        self.ns_aliases = ns_aliases or {}
        self.problems: list[tuple[SourceInfo | None, str]] = []
        # source lines that may carry namespace declarations; None means "check every element".
        # Computing el.nsmap for every element costs as much as the rest of binding.
        self.decl_lines: set[int] | None = None
        # from this line on a line number may belong to a start tag holding declarations:
        # libxml2 gives every element past LAST_EXACT_LINE that line; NO_LINE when no such tag
        # ends there (then elements past it are never asked for their namespaces)
        self.capped_line = LAST_EXACT_LINE
        self.data: bytes | None = None  # the source, to see where declarations stood
        self.tag_finder: TagFinder | None = None  # start tags holding declarations, in order
        # compact leaf SourceInfo tuples, one per distinct (tag, prefix, tail): a few dozen
        # objects for the garbage collector instead of one per leaf
        self.shared_compact: dict[tuple[str, str | None, str | None], Any] = {}
        # deferred binding (ovfmodel.lazy): children starting after this line may be deferred
        # (no start tag from there on declares a namespace, so none needs the tag finder)
        self.defer_after: int | None = None
        self.lazy: LazyState | None = None
        self._deferrable: dict[type, bool] = {}
        # False when the source cannot spell the XML Schema instance namespace, so no element
        # has an xsi:type (and none is asked for one)
        self.xsi = True

    def plan(self, cls: type) -> ClassPlan:
        plan = self.plans.get(cls)
        if plan is None:
            plan = self.plans[cls] = ClassPlan(cls, plantable.entry(cls))
        return plan

    def model_tag(self, tag: str) -> str:
        if self.ns_aliases and tag[0] == "{":
            ns, local = tag[1:].split("}", 1)
            alias = self.ns_aliases.get(ns)
            if alias is not None:
                return "{" + alias + "}" + local
        return tag

    def entry(
        self, plan: ClassPlan, child: etree._Element
    ) -> tuple[FieldPlan, type | None, Callable[[str], Any] | None] | None:
        """The field a child element binds to, with its class resolved through the namespace
        aliases and xsi:type; None when no field takes it (wildcard content, or unexpected)."""
        tag = child.tag
        if not isinstance(tag, str):
            return None
        entry = plan.elems.get(tag)
        if entry is None and self.ns_aliases:
            entry = plan.elems.get(self.model_tag(tag))
        if entry is not None and self.xsi and child.get(XSI_TYPE) is not None:
            fp, clazz, conv = entry
            xsi = self.xsi_class(child)
            if xsi is not None and (clazz is None or issubclass(xsi, _base(clazz))):
                return fp, xsi, conv
        return entry

    def xsi_class(self, el: etree._Element) -> type | None:
        """The class an element's xsi:type names (OVF 0.9 writes sections that way)."""
        name = xsi_type_name(el, self.ns_aliases)
        return None if name is None else self.types_by_qname.get(name)

    def bind(
        self, el: etree._Element, cls: type, data: bytes | None = None, *, lazy: bool = False
    ) -> Any:
        """Bind the tree under `el` to `cls`; `data` (the source bytes) speeds up binding.

        With `lazy` (and `data`), repeated children of simple-content classes are deferred
        (see ovfmodel.lazy); `self.problems` is then a ProblemList."""
        tags: list[StartTag] = []
        if data is not None and ascii_compatible(data):
            tags = declared_tags(data)
            self.decl_lines = declaration_lines(tags)
            if all(t.last_line < LAST_EXACT_LINE for t in tags):
                self.capped_line = NO_LINE  # a capped line number then stands for no such tag
            self.data = data
            self.tag_finder = TagFinder(tags)
            # CDATA sections and entity declarations: where libxml2 writes a deferred element
            # differently from how the writer writes it bound (`<a></a>` for an empty CDATA
            # section), so such documents are bound at once
            if lazy and not contains(data, b"<![CDATA[") and not contains(data, b"<!ENTITY"):
                self.defer_after = max((t.last_line for t in tags), default=0)
            encoding = el.getroottree().docinfo.encoding
            self.xsi = may_spell(data, encoding, b"XMLSchema-instance")
        problems = len(self.problems)
        try:
            self.lazy = LazyState(self) if self.defer_after is not None else None
            obj = self._bind(el, self.plan(cls), el.tail)
        except RecursionError:
            # nested deeper than the interpreter's limit allows: libxml2 reads at most 256
            # levels, the binder takes 2 frames a level (see ovfmodel.depth)
            del self.problems[problems:]
            if self.tag_finder is not None:
                self.tag_finder = TagFinder(tags)
            self.lazy = LazyState(self) if self.defer_after is not None else None
            with recursion_headroom(BIND_FRAMES):
                obj = self._bind(el, self.plan(cls), el.tail)
        self.defer_after = None
        if self.lazy is not None and self.lazy.lists:
            self.problems = self.lazy.problems = ProblemList(self.problems, self.lazy)
        info = obj.__dict__[INFO_ATTR]
        info.nsdecl = {p: u for p, u in el.nsmap.items() if p != "xml"} or None
        if info.nsdecl:
            self._order_declarations(el, info)
        return obj

    def bind_deferred(
        self, el: etree._Element, plan: ClassPlan, found: list[tuple[SourceInfo | None, str]]
    ) -> Any:
        """Bind a child of a `plan` object that parsing deferred, as parsing would have bound
        it (see _bind_children); its problems are appended to `found`."""
        entry = self.entry(plan, el)
        assert entry is not None and entry[1] is not None
        cplan = self.plans.get(entry[1]) or self.plan(entry[1])
        problems = self.problems
        self.problems = found
        try:
            try:
                return self._bind(el, cplan, el.tail)
            except RecursionError:  # deep vendor content (see bind)
                del found[:]
                with recursion_headroom(BIND_FRAMES):
                    return self._bind(el, cplan, el.tail)
        finally:
            self.problems = problems

    def deferrable(self, cplan: ClassPlan) -> bool:
        """Whether a repeated child of class `cplan` may be deferred: it has child elements
        (a leaf is cheaper bound than deferred) and no repeated child of its own that could be
        deferred (reading one Item should not bind a thousand Disks: their section is bound
        at once and the Disks deferred instead)."""
        known = self._deferrable.get(cplan.cls)
        if known is None:
            self._deferrable[cplan.cls] = False  # a class that may hold itself is not deferred
            # child elements of a schema class (one holding vendor content or attributes only,
            # a Disk or rasd:ComponentSetting, is as cheap to bind as to defer)
            known = not cplan.leaf and any(f.kind != WILDCARD for f in cplan.child_fields)
            for fp in cplan.child_fields:
                if not known or not fp.is_list:
                    continue
                classes = [c for c, _ in fp.choices.values()] if fp.kind == ELEMS else [fp.clazz]
                for clazz in classes:
                    if clazz is not None and self.deferrable(
                        self.plans.get(clazz) or self.plan(clazz)
                    ):
                        known = False
            self._deferrable[cplan.cls] = known
        return known

    def _order_declarations(self, el: etree._Element, info: SourceInfo) -> None:
        """Record where an element's namespace declarations stood among its attributes.

        lxml gives attributes and declarations separately; the source says how they were
        interleaved (VMware writes `vmw:buildId` before the xmlns list). The order goes into
        `info.attrs` with "xmlns"/"xmlns:p" markers, only when it differs from the writer's
        default (declarations first) and the scan of the start tag agrees with lxml.
        """
        data = self.data
        finder = self.tag_finder
        line = el.sourceline
        if data is None or finder is None or not isinstance(line, int):
            return
        local = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        qname = (f"{el.prefix}:{local}" if el.prefix else local).encode("utf-8")
        start = finder.find(line, qname, root=el.getparent() is None)
        if start is None:
            return
        order = start_tag_order(data, start, el.nsmap)
        if order is None:
            return
        regular = [name for name in order if not is_declaration(name)]
        markers = [name for name in order if is_declaration(name)]
        if regular != list(info.attrs) or order == markers + regular:
            return
        info.attrs = order

    def _nsdecl(self, el: etree._Element, info: SourceInfo) -> None:
        lines = self.decl_lines
        line = el.sourceline
        if lines is not None and line not in lines and (line or 0) < self.capped_line:
            return
        parent = el.getparent()
        pmap = parent.nsmap if parent is not None else {}
        nsmap = el.nsmap
        if nsmap != pmap:
            decl = {p: u for p, u in nsmap.items() if pmap.get(p) != u}
            if decl:
                info.nsdecl = decl

    def _bind(self, el: etree._Element, plan: ClassPlan, tail: str | None) -> Any:
        obj = plan.new()
        d = obj.__dict__
        info = SourceInfo(el.sourceline, el.tag, el.prefix, tail)
        d[INFO_ATTR] = info
        self._nsdecl(el, info)
        attrib = el.attrib
        if attrib:
            items = attribute_items(el)
            info.attrs = [key for key, _ in items]
            pattrs = plan.attrs
            aliases = self.ns_aliases
            for key, value in items:
                fp = pattrs.get(key)
                if fp is None and aliases and key[0] == "{":
                    fp = pattrs.get(self.model_tag(key))
                if fp is not None:
                    self._set_simple(d, info, fp, value)
                elif plan.any_attrs is not None:
                    d[plan.any_attrs.name][key] = value
                else:
                    if info.extra_attrs is None:
                        info.extra_attrs = {}
                    info.extra_attrs[key] = value
            if info.nsdecl is not None:
                self._order_declarations(el, info)
        text = el.text
        if plan.leaf:
            # simple content (CIM properties, ovf:Info, ...): the common case, kept short
            if len(el):  # comments or processing instructions beside the value
                if text is not None:
                    self._set_simple(d, info, plan.text, text)  # type: ignore[arg-type]
                self._bind_children(el, plan, obj, info)
            elif text is not None:
                self._set_simple(d, info, plan.text, text)  # type: ignore[arg-type]
            return obj
        # any child node (len(el) counts them all: milliseconds for 10,000 items, the
        # children scattered in memory after a large parse)
        if next(iter(el), None) is not None:
            if text is not None:
                if text.strip():
                    if plan.text is not None:
                        self._set_simple(d, info, plan.text, text)
                    else:
                        info.children = [Extra(text, None)]
                else:
                    info.inner_ws = text
            self._bind_children(el, plan, obj, info)
        elif plan.text is not None:
            if text is not None:
                self._set_simple(d, info, plan.text, text)
        elif text is not None:
            if text.strip():
                info.children = [Extra(text, None)]
            else:
                info.inner_ws = text
        return obj

    def _set_simple(self, d: dict[str, Any], info: SourceInfo, fp: FieldPlan, text: str) -> None:
        conv = fp.conv
        assert conv is not None
        if fp.tokens:
            values = []
            for token in text.split():
                try:
                    values.append(conv(token))
                except Unconvertible:
                    values.append(token)
            d[fp.name] = values
            if " ".join(_emit_generic(v) for v in values) != text:
                self._raw(info, fp.name, list(values), text)
            return
        try:
            value = conv(text)
        except Unconvertible:
            d[fp.name] = None
            self._raw(info, fp.name, None, text)
            return
        d[fp.name] = value
        if value is not text and fp.emit(value) != text:
            self._raw(info, fp.name, value, text)

    @staticmethod
    def _raw(info: SourceInfo, name: str, value: Any, text: str) -> None:
        if info.raw is None:
            info.raw = {}
        info.raw[name] = (value, text)

    def _bind_children(
        self, el: etree._Element, plan: ClassPlan, obj: Any, info: SourceInfo
    ) -> None:
        d = obj.__dict__
        slots: list[Any] = []
        if info.children:
            slots.extend(info.children)
        info.children = slots
        before = len(slots)  # (stray text before the first child: a slot without a node)
        plans = self.plans
        lines = self.decl_lines
        specs = plan.leaf_specs
        shared = self.shared_compact
        new = object.__new__
        deferred = False
        defer_after = self.defer_after
        xsi = self.xsi
        capped = self.capped_line
        # the element starts after the last namespace declaration: so do all its children
        all_after = defer_after is not None and el.sourceline > defer_after
        lazy = self.lazy
        wholes = lazy.wholes if lazy is not None else 0
        run_lst: Any = None  # the list of the run of deferred children going on, if any
        for child in el:
            ctag = child.tag
            spec = specs.get(ctag, _UNKNOWN)
            if spec is _UNKNOWN:
                spec = specs[ctag] = self._leaf_spec(plan, ctag)
            if spec.__class__ is str:  # a repeated child that may be deferred: its field
                if (
                    defer_after is not None
                    and (all_after or child.sourceline > defer_after)
                    and (not xsi or child.get(XSI_TYPE) is None)
                ):
                    assert lazy is not None
                    lst = d[spec]
                    # a run goes on while children are deferred into one list: nothing else
                    # (no problem, no other deferral) happened since (all the items: one run)
                    if lst is not run_lst:
                        if lst.__class__ is not LazyList:
                            lst = d[spec] = lazy.adopt(lst, plan)
                        lazy.run(lst)
                        run_lst = lst
                    lst.append(child)
                    lst._pending += 1
                    slots.append(spec)
                    deferred = True
                    continue
                spec = None
            run_lst = None  # any other child ends the run
            if spec is not None and not len(child) and not child.attrib:
                # a simple-content child without attributes (most CIM properties): the bulk
                # of a descriptor, bound inline. It keeps a compact (line, tag, prefix, tail)
                # tuple for SourceInfo (fewer objects for the garbage collector to walk);
                # source_info() expands it on demand.
                name, is_list, cls, init, any_name, text_name, conv, emit = spec
                value = new(cls)
                vd = value.__dict__
                vd.update(init)
                if any_name:
                    vd[any_name] = {}
                line = child.sourceline
                compact = (ctag, child.prefix, child.tail)
                compact = shared.setdefault(compact, compact)
                cinfo: SourceInfo | None = None
                if lines is None or line in lines or line >= capped:
                    cinfo = SourceInfo(line, *compact)
                    self._nsdecl(child, cinfo)
                text = child.text
                if text is not None:
                    if conv is None:  # str: nothing to convert, the text is the value
                        vd[text_name] = text
                    else:
                        try:
                            converted = conv(text)
                        except Unconvertible:
                            converted = None
                            cinfo = cinfo or SourceInfo(line, *compact)
                            cinfo.raw = {text_name: (None, text)}
                        else:
                            if emit(converted) != text:  # "017", " true": keep the spelling
                                cinfo = cinfo or SourceInfo(line, *compact)
                                cinfo.raw = {text_name: (converted, text)}
                        vd[text_name] = converted
                vd[INFO_ATTR] = cinfo if cinfo is not None else compact
                vd[LINE_ATTR] = line
                slots.append(name)
                if is_list:
                    d[name].append(value)
                elif d[name] is None:
                    d[name] = value
                else:  # a second occurrence of a single element: keep it verbatim
                    self.problems.append((info, f"unexpected second element {ctag}"))
                    slots[-1] = Extra(child, child.tail)
                continue
            if ctag.__class__ is not str:  # comment, PI, entity reference
                slots.append(Extra(child, child.tail))
                continue
            entry = self.entry(plan, child)
            if entry is not None:
                fp, clazz, conv = entry
                if clazz is not None:
                    cplan = plans.get(clazz) or self.plan(clazz)
                    if (
                        fp.is_list
                        and self.defer_after is not None
                        and child.sourceline > self.defer_after
                        and self.deferrable(cplan)
                    ):  # (an xsi:type naming a class that may be deferred)
                        assert lazy is not None
                        lst = d[fp.name]
                        if lst.__class__ is not LazyList:
                            lst = d[fp.name] = lazy.adopt(lst, plan)
                        lazy.run(lst)
                        lst.append(child)
                        lst._pending += 1
                        slots.append(fp.name)
                        deferred = True
                        continue
                    if cplan.leaf and not len(child) and not child.attrib:
                        value = self._bind_leaf(child, ctag, cplan)
                    else:
                        value = self._bind(child, cplan, child.tail)
                    slots.append(fp.name)
                else:
                    value, sinfo = self._bind_simple_element(child, fp, conv)
                    slots.append((fp.name, sinfo))
                if fp.is_list:
                    d[fp.name].append(value)
                elif d[fp.name] is None or d[fp.name] == fp.default:
                    d[fp.name] = value
                else:  # a second occurrence of a single element: keep it verbatim
                    self.problems.append((info, f"unexpected second element {ctag}"))
                    slots[-1] = Extra(child, child.tail)
                continue
            ns = ctag[1:].split("}", 1)[0] if ctag[0] == "{" else ""
            if plan.wildcard is not None and plan.wildcard_accepts(ns):
                wc = plan.wildcard
                value = self._bind_any(child)
                if wc.is_list:
                    d[wc.name].append(value)
                elif d[wc.name] is None:
                    d[wc.name] = value
                else:
                    slots.append(Extra(child, child.tail))
                    continue
                slots.append(wc.name)
                continue
            # no field can take it: keep it verbatim where it stood
            self.problems.append((info, f"unexpected element {ctag}"))
            slots.append(Extra(child, child.tail))
        info.end_ws = child.tail
        if deferred:
            assert lazy is not None
            lazy.container(obj, el, info, lazy.wholes > wholes, len(slots) - before)

    def _leaf_spec(self, plan: ClassPlan, tag: str) -> LeafSpec | str | None:
        """How to bind child `tag` of `plan`'s class inline, when it is a simple-content class;
        its field's name when it may be deferred; None otherwise, or for comments (the general
        path handles those)."""
        if tag.__class__ is not str:
            return None
        entry = plan.elems.get(tag) or plan.elems.get(self.model_tag(tag))
        if entry is None:
            return None
        fp, clazz, _ = entry
        if clazz is None:
            return None
        cplan = self.plans.get(clazz) or self.plan(clazz)
        if fp.is_list and self.deferrable(cplan):
            return fp.name  # deferred where the line allows (see _bind_children)
        text = cplan.text
        if not cplan.leaf or cplan.list_fields or text is None or text.tokens:
            return None
        if not fp.is_list and fp.default is not None:
            return None
        init = {k: v for k, v in cplan.init_dict.items() if k != text.name}
        init[text.name] = cplan.init_dict.get(text.name)
        conv = None if text.conv is _conv_str else text.conv
        return (fp.name, fp.is_list, clazz, init, cplan.any_attrs_name, text.name, conv, text.emit)

    def _bind_leaf(self, child: etree._Element, ctag: str, cplan: ClassPlan) -> Any:
        """A simple-content child without attributes whose class came from xsi:type."""
        value = cplan.new()
        vd = value.__dict__
        line = child.sourceline
        compact = (ctag, child.prefix, child.tail)
        compact = self.shared_compact.setdefault(compact, compact)
        cinfo: SourceInfo | None = None
        lines = self.decl_lines
        if lines is None or line in lines or line >= self.capped_line:
            cinfo = SourceInfo(line, *compact)
            self._nsdecl(child, cinfo)
        vd[LINE_ATTR] = line
        text = child.text
        tfp = cplan.text
        if text is not None and tfp is not None:
            full = cinfo or SourceInfo(line, *compact)
            self._set_simple(vd, full, tfp, text)
            if full.raw is not None:  # the spelling is kept: the compact form cannot hold it
                cinfo = full
        vd[INFO_ATTR] = cinfo if cinfo is not None else compact
        return value

    def _bind_simple_element(
        self, child: etree._Element, fp: FieldPlan, conv: Callable[[str], Any] | None
    ) -> tuple[Any, SourceInfo]:
        info = SourceInfo(child.sourceline, child.tag, child.prefix, child.tail)
        self._nsdecl(child, info)
        if child.attrib:
            info.extra_attrs = dict(attribute_items(child))
            info.attrs = list(info.extra_attrs)
            if info.nsdecl is not None:
                self._order_declarations(child, info)
        text = child.text or ""
        if len(child):
            info.children = [Extra(sub, sub.tail) for sub in child]
        assert conv is not None
        try:
            value = conv(text)
        except Unconvertible:
            info.raw = {"": (None, text)}
            return text, info
        if fp.emit(value) != text:
            info.raw = {"": (value, text)}
        return value, info

    def _bind_any(self, el: etree._Element) -> AnyElement:
        """Vendor content: a generic AnyElement tree, with SourceInfo like any other node."""
        info = SourceInfo(el.sourceline, el.tag, el.prefix, el.tail)
        self._nsdecl(el, info)
        attrs = dict(attribute_items(el))
        info.attrs = list(attrs)
        if info.nsdecl is not None and attrs:
            self._order_declarations(el, info)
        children: list[object] = []
        text = el.text
        if len(el):
            slots: list[Any] = []
            info.children = slots
            if text is not None and not text.strip():
                info.inner_ws = text
                text = None
            for child in el:
                if isinstance(child.tag, str):
                    sub = self._bind_any(child)
                    if child.tail and not child.tail.isspace():
                        sub.tail = child.tail  # mixed content: text, not layout
                    children.append(sub)
                    slots.append(sub)
                else:
                    slots.append(Extra(child, child.tail))
            info.end_ws = child.tail
        node = AnyElement(qname=el.tag, text=text, tail=None, children=children, attributes=attrs)
        node.__dict__[INFO_ATTR] = info
        return node


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


def _base(cls: type) -> type:
    """The *_Type class an element class derives from (xsi:type names a type, not an element)."""
    for base in cls.__mro__[1:]:
        if is_dataclass(base):
            return base
    return cls
