"""How each generated dataclass is bound and written: its plan, and its values' converters.

A `ClassPlan` (with a `FieldPlan` per field) is built once per class from the generated table of
xsdata's metadata (ovfmodel.plantable) and says everything the binder (ovfmodel.binding) and the
writer (ovfmodel.writer) need about the class: which attribute or child element goes to which
field, of which kind, class and simple types, with which default. The converters turn lexical
text into values (raising `Unconvertible` for text that does not fit its type) and the emitters
values back into text; they are chosen here, once per field, so the hot loops call them as is.
"""

from __future__ import annotations

import operator
import re
import threading
from collections.abc import Callable
from dataclasses import MISSING, Field
from dataclasses import fields as dc_fields
from decimal import Decimal
from enum import Enum
from functools import partial
from sys import intern
from typing import Any

from xsdata.formats.converter import converter

from . import plantable
from .plantable import resolve

_MISSING = object()
# one plan completed at a time (ClassPlan.complete)
_COMPLETING = threading.Lock()

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


# ----------------------------------------------------------------------------- conversions

_INT_RE = re.compile(r"\s*[+-]?\d+\s*\Z", re.ASCII)  # int() also reads "٣": no xs:int
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


def _choice_emitter(types: tuple[type, ...], fmt: str | None) -> Callable[[Any], str]:
    """How a simple-typed choice of a compound field writes its value: as its type does, in its
    format if it has one (`CipherValue`: base64)."""
    if fmt is None:
        return _simple_emitter(types)
    return partial(converter.serialize, format=fmt)


def _enum_emitter(enum: type[Enum]) -> Callable[[Any], str]:
    """Members by table (ResourceType on every item); anything else the generic way."""
    texts = {member: _emit_generic(member.value) for member in enum}

    def emit(value: Any) -> str:
        text = texts.get(value) if isinstance(value, enum) else None
        return text if text is not None else _emit_generic(value)

    return emit


# ----------------------------------------------------------------------------- plans


# (field name, is list, class, initial __dict__, any-attributes field or "", text field,
#  converter or None for str, emitter): what binding a simple-content child inline needs
LeafSpec = tuple[
    str, bool, type, dict[str, Any], str, str, Callable[[str], Any] | None, Callable[[Any], str]
]


class FieldPlan:
    __slots__ = (
        "by_type",
        "choice_emit",
        "choice_types",
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

    def __init__(
        self, var: plantable.Var, kind: int, field: Field[Any], *, unresolved: bool = False
    ) -> None:
        # names interned as xsdata's were (the field's own name: attribute and __dict__ lookups
        # compare interned strings by address)
        self.name: str = field.name
        self.kind = kind
        self.qname: str = intern(var[2])
        self.is_list: bool = var[3]
        self.tokens: bool = var[4]
        clazz, type_names, fmt = var[5:8]
        if unresolved:  # its classes' module is not imported yet (see ClassPlan.unresolved)
            clazz, type_names = None, []
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
        self.may_default: bool = (
            kind == ELEM and self.clazz is None and not self.required and not unresolved
        )
        self.namespaces: tuple[str, ...] = tuple(var[9])
        # compound fields: qname -> (class or None, converter or None)
        self.choices: dict[str, tuple[type | None, Callable[[str], Any] | None]] = {}
        # class or simple type -> qname, to name a value of a compound field when writing
        self.by_type: dict[type, str] = {}
        # qname of a simple-typed choice -> how its value is written
        self.choice_emit: dict[str, Callable[[Any], str]] = {}
        # qname of a simple-typed choice -> the types its values have
        self.choice_types: dict[str, tuple[type, ...]] = {}
        for choice, ckey, ctypes, cfmt in [] if unresolved else var[10]:
            qn = intern(choice)
            cclazz = resolve(ckey) if ckey is not None else None
            if cclazz is not None:
                self.choices[qn] = (cclazz, None)
                self.by_type.setdefault(cclazz, qn)
                continue
            simple = tuple(map(resolve, ctypes))
            self.choices[qn] = (None, _simple_converter(simple, cfmt))
            self.choice_emit[qn] = _choice_emitter(simple, cfmt)
            self.choice_types[qn] = simple
            for tp in simple:  # (NetworkPortProfileURI: str; CIM Interval: XmlDuration)
                self.by_type.setdefault(tp, qn)

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
        "unresolved",
        "wildcard",
    )

    def __init__(self, cls: type, entry: plantable.Entry, *, resolve_all: bool = False) -> None:
        self.cls = cls
        self.qname: str = entry[0]
        self.type_qname: str | None = entry[1]
        self.attrs: dict[str, FieldPlan] = {}
        self.elems: dict[str, tuple[FieldPlan, type | None, Callable[[str], Any] | None]] = {}
        self.wildcard: FieldPlan | None = None
        self.any_attrs: FieldPlan | None = None
        self.text: FieldPlan | None = None
        self.fields: list[FieldPlan] = []
        # child tags of fields whose classes live in a module nobody has imported yet
        # (plantable.unloaded: EPASD/SASD items, XML encryption keys): importing it costs every
        # start tens of milliseconds, so the field stays out of `elems` until such an element
        # turns up (Binder.entry) or such an object is written (Writer, via complete())
        self.unresolved: dict[str, FieldPlan] = {}
        declared: dict[str, Field[Any]] = cls.__dataclass_fields__  # type: ignore[attr-defined]
        for var in entry[2]:
            kind = _KINDS[var[0]]
            if (
                not resolve_all
                and (kind == ELEM or (kind == ELEMS and not var[11]))
                and plantable.unloaded(var)
            ):
                fp = FieldPlan(var, kind, declared[var[1]], unresolved=True)
                tags = [c[0] for c in var[10]] if kind == ELEMS else [fp.qname]
                self.unresolved.update((intern(tag), fp) for tag in tags)
                self.fields.append(fp)
                continue
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
        self.leaf: bool = (
            self.text is not None and not self.elems and not self.unresolved and not self.wildcard
        )
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

    def complete(self) -> None:
        """Resolve the fields left unresolved, importing their modules: the plan becomes the
        one built when everything is imported. It is built aside, one plan at a time, and its
        attributes swapped in (`unresolved` last): a thread binding with this plan meanwhile
        reads old or new attributes, each right for every element it can meet. (Rebuilding
        the object in place let threads parsing at once read a half-built plan, or build it
        together: a VirtualHardwareSection's ovf:transport went to any_attributes.)"""
        if not self.unresolved:
            return
        with _COMPLETING:
            if not self.unresolved:  # another thread completed it meanwhile
                return
            whole = ClassPlan(self.cls, plantable.entry(self.cls), resolve_all=True)
            for name in ClassPlan.__slots__:
                if name != "unresolved":
                    setattr(self, name, getattr(whole, name))
            self.unresolved = whole.unresolved

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
