"""Writing bound dataclasses back to XML text.

The writer replays each object's SourceInfo (prefix, namespace declarations, attribute and child
order, whitespace, verbatim lexical values, content no field could take) and writes objects made
in code in schema order, with conventional prefixes and without default values. It produces text
directly rather than an lxml tree, because only that gives exact control over prefixes (real
files bind the same namespace to both the default and the `ovf` prefix) and it is faster.

This module holds the general path (`Writer`: objects made or edited in code, vendor content,
verbatim nodes); the replay of elements as parsed is in ovfmodel.replay, the choice of prefixes,
declarations and escaping in ovfmodel.prefixes (`Writer` subclasses both). Their public names are
importable from here as before.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from lxml import etree
from xsdata.formats.dataclass.models.generics import AnyElement

from .binding import Binder
from .depth import check_levels, nesting_depth, recursion_headroom
from .lazy import LazyList
from .plans import ELEM, ELEMS, WILDCARD, ClassPlan, FieldPlan
from .prefixes import CONVENTIONAL_PREFIXES, _Scope, escape_attr, escape_text
from .replay import _GLUED, ReplayWriter, _gap, _layout, _source_tail, _value_count, _Verbatim
from .sourceinfo import INFO_ATTR, Extra, SourceInfo, source_info
from .starttags import XML_NS
from .xmlsafe import attribute_items

# the writer's names, and those of ovfmodel.prefixes that were defined here before it was a module
__all__ = [
    "CONVENTIONAL_PREFIXES",
    "FRAMES_PER_LEVEL",
    "LXML_FRAMES",
    "Writer",
    "escape_attr",
    "escape_text",
]

# frames the writer takes per level of nested objects (_write_obj, _write_replay or
# _write_children, _write_value, _write_child) plus a margin for the helpers of the deepest level,
# and for vendor content kept as lxml elements (1 frame a level, at most 256 levels parsed)
FRAMES_PER_LEVEL = 6
LXML_FRAMES = 300


def _is_default(fp: FieldPlan, value: Any) -> bool:
    """A simple-typed optional element holding its schema default is not written."""
    return fp.may_default and value == fp.default


def _merge_new_values(
    entries: list[Any], leftovers: list[tuple[int, FieldPlan, list[Any]]], fields: list[FieldPlan]
) -> list[Any]:
    """Place values no recorded slot took: after their field's last value, or for a field new
    to the element after the last value of an earlier field in schema order."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if entry.__class__ is tuple:
            name = entry[0].name
            first.setdefault(name, index)
            last[name] = index
    inserts: dict[int, list[Any]] = {}
    for i, fp, values in leftovers:
        anchor = last.get(fp.name)
        if anchor is None:
            earlier = [last[f.name] for f in fields[:i] if f.name in last]
            later = [first[f.name] for f in fields[i + 1 :] if f.name in first]
            anchor = max(earlier) if earlier else (min(later) - 1 if later else len(entries) - 1)
        inserts.setdefault(anchor, []).extend((fp, v, None) for v in values)
    merged: list[Any] = list(inserts.get(-1, ()))
    for index, entry in enumerate(entries):
        merged.append(entry)
        merged.extend(inserts.get(index, ()))
    return merged


class Writer(ReplayWriter):
    """Writes one document family (an OVF envelope version, or the environment)."""

    def __init__(
        self,
        binder: Binder,
        ns_rename: dict[str, str] | None = None,
        indent: str = "  ",
    ) -> None:
        self.binder = binder
        self.plans = binder.plans
        self.ns_rename = ns_rename or {}
        self.unit = indent
        # plain-leaf class -> (any-attributes field or "", text field, emitter), for replay
        self._plain_leaves: dict[type, tuple[str, str, Callable[[Any], str]]] = {}

    # -- documents ---------------------------------------------------------------------------

    def write_root(self, obj: Any, clark: str, root_decl: dict[str | None, str]) -> str:
        """The root element as text. `root_decl` is declared when the root has no SourceInfo."""
        return "".join(self.write_root_parts(obj, clark, root_decl))

    def write_root_parts(self, obj: Any, clark: str, root_decl: dict[str | None, str]) -> list[str]:
        """write_root's text in pieces (joined once by the caller, with what goes around it)."""
        out: list[str] = []
        scope = _Scope({"xml": XML_NS}, {XML_NS: "xml"})
        info: SourceInfo | None = obj.__dict__.get(INFO_ATTR)
        extra_decl = root_decl if info is None else {}
        try:
            self._write_obj(obj, clark, scope, 0, out, extra_decl)
        except RecursionError:
            # nested deeper than the interpreter's limit allows (see ovfmodel.depth)
            levels = nesting_depth(obj)
            check_levels(levels, "the document")
            out.clear()
            scope = _Scope({"xml": XML_NS}, {XML_NS: "xml"})
            with recursion_headroom(levels * FRAMES_PER_LEVEL + LXML_FRAMES):
                self._write_obj(obj, clark, scope, 0, out, extra_decl)
        return out

    # -- objects -----------------------------------------------------------------------------

    def _write_obj(
        self,
        obj: Any,
        clark: str,
        parent_scope: _Scope,
        depth: int,
        out: list[str],
        extra_decl: dict[str | None, str] | None = None,
    ) -> None:
        if isinstance(obj, AnyElement):
            self._write_any(obj, parent_scope, depth, out)
            return
        d = obj.__dict__
        cls = obj.__class__
        plan = self.plans.get(cls) or self.binder.plan(cls)
        if plan.unresolved and any(d[fp.name] for fp in plan.unresolved.values()):
            plan.complete()  # such values exist, so their module is imported (ClassPlan)
        info = source_info(obj)
        scope = parent_scope
        decl: dict[str | None, str] = {}
        if info is not None:
            tag = info.tag
            if info.nsdecl:
                for p, u in info.nsdecl.items():
                    if parent_scope.by_prefix.get(p) != u:
                        decl[p] = u
                if decl:
                    scope = parent_scope.child(decl)
            qname = self._element_qname(tag, info.prefix, True, scope, decl)
        else:
            tag = self._source_name(clark)
            if extra_decl:
                decl.update(extra_decl)
                scope = parent_scope.child(decl)
            qname = self._element_qname(tag, None, False, scope, decl)
        if info is not None and info.children and not decl and plan.list_child_names:
            whole = self._write_whole(d, plan, info, qname, scope, depth)
            if whole is not None:
                out.extend(whole)
                return
        if plan.leaf and not decl:
            # simple content: the bulk of a descriptor (CIM properties), written in one go
            attrs = (
                self._attributes(obj, plan, info, scope, decl)
                if plan.attrs
                or (plan.any_attrs is not None and d[plan.any_attrs.name])
                or (info is not None and (info.attrs or info.children))
                else ""
            )
            if decl:  # an attribute in a namespace new here: its declaration holds inside
                scope = parent_scope.child(decl)
            if info is not None and info.children:
                out.append(f"<{qname}{attrs}>")
                assert plan.text is not None  # leaf plans have simple content
                body = self._lexical(info, plan.text, d[plan.text.name])
                if body:  # the value, before the comments or PIs beside it
                    out.append(escape_text(body))
                self._write_children(
                    self._children(obj, plan, info, scope), info, scope, depth, out
                )
                out.append(f"</{qname}>")
                return
            text_fp = plan.text
            assert text_fp is not None  # leaf plans have simple content
            value = d[text_fp.name]
            text: str | None
            if info is not None and info.raw is not None:
                text = self._lexical(info, text_fp, value)
            elif value is None:
                text = None
            elif value.__class__ is str:
                text = value
            else:
                text = text_fp.emit(value)
            if text:
                out.append(f"<{qname}{attrs}>{escape_text(text)}</{qname}>")
            elif info is not None and info.inner_ws:
                out.append(f"<{qname}{attrs}>{info.inner_ws}</{qname}>")
            else:
                out.append(f"<{qname}{attrs}/>")
            return
        attrs = self._attributes(obj, plan, info, scope, decl)
        if decl:  # what this start tag declares (recorded or new) holds for the children
            scope = parent_scope.child(decl)
        out.append(f"<{qname}{attrs}")
        if info is not None and info.children:
            # an element as parsed: replay its recorded children without building a list
            mark = len(out)
            out.append(">")
            if self._write_replay(d, plan, info, scope, depth, out):
                out.append(f"</{qname}>")
                return
            del out[mark:]  # edited since parsing: the general path below places new values
        children = self._children(obj, plan, info, scope)
        text_fp = plan.text
        if text_fp is not None and not children:
            value = d[text_fp.name]
            body = self._lexical(info, text_fp, value)
            if body:
                out.append(">" + escape_text(body) + f"</{qname}>")
            else:
                out.append("/>")
            return
        if not children:
            if info is not None and info.inner_ws:
                out.append(">" + info.inner_ws + f"</{qname}>")
            else:
                out.append("/>")
            return
        out.append(">")
        self._write_children(children, info, scope, depth, out)
        out.append(f"</{qname}>")

    def _lexical(self, info: SourceInfo | None, fp: FieldPlan, value: Any) -> str | None:
        if info is not None and info.raw is not None:
            raw = info.raw.get(fp.name)
            if raw is not None:
                parsed, text = raw
                if value is None and parsed is None:
                    return text
                if value is not None and type(value) is type(parsed) and value == parsed:
                    return text
        if value is None:
            return None
        if fp.tokens and isinstance(value, list):
            return " ".join(fp.emit(v) for v in value)
        return fp.emit(value)

    def _attributes(
        self,
        obj: Any,
        plan: ClassPlan,
        info: SourceInfo | None,
        scope: _Scope,
        decl: dict[str | None, str],
    ) -> str:
        d = obj.__dict__
        values: dict[str, str] = {}
        recorded = info.attrs if info is not None else ()
        for fp in plan.attrs.values():
            name = self._source_name(fp.qname)
            value = d[fp.name]
            in_source = name in recorded or (info is not None and fp.qname in recorded)
            if in_source and info is not None and fp.qname in recorded:
                name = fp.qname
            if value is None:
                text = self._lexical(info, fp, None) if in_source else None
                if text is None:
                    continue
            elif in_source or fp.required or value != fp.default:
                text = self._lexical(info, fp, value)
                if text is None:
                    continue
            else:
                continue
            values[name] = text
        if plan.any_attrs is not None:
            values.update(d[plan.any_attrs.name])
        if info is not None and info.extra_attrs:
            values.update(info.extra_attrs)
        return self._attribute_text(values, recorded, scope, decl)

    def _children(
        self, obj: Any, plan: ClassPlan, info: SourceInfo | None, scope: _Scope
    ) -> list[Any]:
        """Child entries in output order: (field plan, value, SourceInfo or None) or Extra;
        a deferred child never read is a _Verbatim value."""
        d = obj.__dict__
        if info is None or not info.children:
            entries: list[Any] = []
            for fp in plan.child_fields:
                value = d[fp.name]
                if value is None:
                    continue
                if fp.is_list:
                    entries.extend((fp, v, None) for v in value)
                elif not _is_default(fp, value):
                    entries.append((fp, value, None))
            return entries
        # replay the source's order: each field's slots take the field's current values in
        # list order; values beyond the recorded slots go after the field's last one
        by_name = plan.by_name
        taken: dict[str, int] = {}
        entries = []
        n_taken = 0
        for slot in info.children:
            cls = slot.__class__
            if cls is str:
                name, sinfo = slot, None
            elif cls is tuple:
                name, sinfo = slot
            else:
                entries.append(slot)
                continue
            fp = by_name[name]
            value = d[name]
            k = taken.get(name, 0)
            if fp.is_list:
                if k >= len(value):
                    continue  # removed since parsing
                verbatim = (
                    value.verbatim(k, scope.by_prefix)
                    if value.__class__ is LazyList and value._pending
                    else None
                )
                value = _Verbatim(*verbatim) if verbatim is not None else value[k]
            elif k or value is None or (fp.may_default and value == fp.default):
                continue
            taken[name] = k + 1
            n_taken += 1
            entries.append((fp, value, sinfo))
        # as many values as slots took: nothing is new (each field's taken count is at most
        # its value count, so equal sums mean equal counts)
        if _value_count(plan, d) == n_taken:
            return entries
        values = plan.child_values(d)
        # values set or appended since parsing, which no recorded slot took
        fields = plan.child_fields
        leftovers: list[tuple[int, FieldPlan, list[Any]]] = []
        for i, value in enumerate(values):
            if value is None or (value.__class__ is list and not value):
                continue
            fp = fields[i]
            k = taken.get(fp.name, 0)
            if fp.is_list:
                if len(value) > k:
                    leftovers.append((i, fp, value[k:]))
            elif not k and not _is_default(fp, value):
                leftovers.append((i, fp, [value]))
        if not leftovers:
            return entries
        return _merge_new_values(entries, leftovers, fields)

    def _write_children(
        self,
        children: list[Any],
        info: SourceInfo | None,
        scope: _Scope,
        depth: int,
        out: list[str],
    ) -> None:
        # whitespace: each child keeps its own trailing whitespace; new children get the
        # indentation of their siblings, and the last child the whitespace before the end tag
        inner, closing = self._content_ws(info, depth)
        out.append(inner)
        for entry in children:
            if entry.__class__ is Extra:
                self._write_extra(entry, scope, depth + 1, out)
                tail: str | None = _GLUED if entry.tail is None else entry.tail
            else:
                fp, value, sinfo = entry
                tail = self._write_value(fp, value, sinfo, scope, depth + 1, out)
            # children added, moved or copied since parsing (the replay could not place them):
            # a tail equal to the closing whitespace is taken for the old last child's
            out.append(_gap(tail, inner, closing, moved=True))
        if children:
            out[-1] = closing

    def _content_ws(self, info: SourceInfo | None, depth: int) -> tuple[str, str]:
        """Whitespace before the first child and before the end tag.

        Where the source element had content, its whitespace is authoritative (none recorded
        means none: minified files stay minified, stray text gets no indentation around it, and
        writing is idempotent); only content new to an element is indented.
        """
        if info is not None and info.children:
            return _layout(info)
        return "\n" + self.unit * (depth + 1), "\n" + self.unit * depth

    def _write_child(
        self,
        fp: FieldPlan,
        value: Any,
        sinfo: SourceInfo | None,
        scope: _Scope,
        depth: int,
        out: list[str],
    ) -> str | None:
        if isinstance(value, AnyElement):
            self._write_any(value, scope, depth, out)
            info = value.__dict__.get(INFO_ATTR)
            return _source_tail(info)
        if fp.kind == WILDCARD and hasattr(value, "__dataclass_fields__"):
            # an object of the model put in vendor content: written as the element it stands for
            # (str() of it, its Python repr, was written before: data loss)
            plan = self.plans.get(type(value)) or self._wildcard_plan(fp, value)
            self._write_obj(value, plan.qname, scope, depth, out)
            return _source_tail(value.__dict__.get(INFO_ATTR))
        if fp.kind == WILDCARD or (
            fp.kind == ELEMS and not hasattr(value, "__dataclass_fields__") and fp.choices == {}
        ):
            if not isinstance(value, str):  # mixed text is a string; nothing else is content
                raise TypeError(
                    f"{type(value).__name__} cannot stand in field {fp.name} (vendor content): "
                    "give an xsdata AnyElement, an object of the OVF model or a string (text)"
                )
            out.append(escape_text(value))
            return None
        if hasattr(value, "__dataclass_fields__"):
            clark = fp.qname if fp.kind == ELEM else self._choice_name(fp, value)
            self._write_obj(value, clark, scope, depth, out)
            info = value.__dict__.get(INFO_ATTR)
            return _source_tail(info)
        # a simple-typed element
        emit = fp.emit
        if fp.kind == ELEM:
            clark = fp.qname
        elif sinfo is not None and self._keeps_source_choice(fp, value, sinfo):
            clark = sinfo.tag  # a compound field's value as read: named by its source tag
        else:  # set since parsing: named by the value's type
            clark = self._choice_name(fp, value)
            sinfo = None if sinfo is None else self._retagged(sinfo, clark)
        if fp.kind != ELEM:
            emit = fp.choice_emit.get(self.binder.model_tag(clark), emit)
        decl: dict[str | None, str] = {}
        child_scope = scope
        tag = self._source_name(clark)
        if sinfo is not None:
            tag = sinfo.tag
            if sinfo.nsdecl:
                decl = {p: u for p, u in sinfo.nsdecl.items() if scope.by_prefix.get(p) != u}
                child_scope = scope.child(decl)
        qname = self._element_qname(
            tag, sinfo.prefix if sinfo else None, sinfo is not None, child_scope, decl
        )
        read = _text_read(value, sinfo)
        text = read if read is not None else emit(value)
        attrs = self._attribute_text(
            sinfo.extra_attrs or {} if sinfo is not None else {},
            sinfo.attrs if sinfo is not None else (),
            child_scope,
            decl,
        )
        out.append(f"<{qname}{attrs}>{escape_text(text or '')}</{qname}>")
        return _source_tail(sinfo)

    def _wildcard_plan(self, fp: FieldPlan, value: Any) -> ClassPlan:
        try:
            return self.binder.plan(type(value))
        except TypeError:  # a dataclass of the caller's own
            raise TypeError(
                f"{type(value).__name__} cannot stand in field {fp.name} (vendor content): give "
                "an xsdata AnyElement, an object of the OVF model or a string (text)"
            ) from None

    def _keeps_source_choice(self, fp: FieldPlan, value: Any, sinfo: SourceInfo) -> bool:
        """Whether a simple value of compound field `fp` is still written as the choice it was
        read as: it is the value read (or the text that did not convert), or a value that
        choice takes. A CIM datetime read as Interval and given an XmlDateTime is a Datetime."""
        types = fp.choice_types.get(self.binder.model_tag(sinfo.tag))
        if types is None or isinstance(value, types):
            return True
        return _text_read(value, sinfo) is not None

    def _retagged(self, sinfo: SourceInfo, clark: str) -> SourceInfo:
        """The SourceInfo of an element read as another choice, for choice `clark`: its prefix,
        attributes and layout (the source's spelling of the namespace), not its text."""
        info = copy.copy(sinfo)
        info.raw = None
        source = self.binder.model_tag(sinfo.tag)
        if source[: source.find("}") + 1] == clark[: clark.find("}") + 1]:
            info.tag = sinfo.tag[: sinfo.tag.find("}") + 1] + clark[clark.find("}") + 1 :]
        else:
            info.tag, info.prefix = clark, None
        return info

    @staticmethod
    def _choice_name(fp: FieldPlan, value: Any) -> str:
        cls = type(value)
        qn = fp.by_type.get(cls)
        if qn is not None:
            return qn
        info = source_info(value) if hasattr(value, "__dict__") else None
        if info is not None:
            return str(info.tag)
        for clazz, name in fp.by_type.items():
            if issubclass(clazz, cls) or issubclass(cls, clazz):
                fp.by_type[cls] = name
                return name
        raise TypeError(
            f"{cls.__name__} cannot stand in field {fp.name}; expected one of "
            + ", ".join(c.__name__ for c in fp.by_type)
        )

    def _write_any(
        self, node: AnyElement, parent_scope: _Scope, depth: int, out: list[str]
    ) -> None:
        info: SourceInfo | None = node.__dict__.get(INFO_ATTR)
        decl: dict[str | None, str] = {}
        scope = parent_scope
        if info is not None and info.nsdecl:
            decl = {p: u for p, u in info.nsdecl.items() if parent_scope.by_prefix.get(p) != u}
            scope = parent_scope.child(decl)
        qname = self._element_qname(
            node.qname or "", info.prefix if info else None, info is not None, scope, decl
        )
        attr_text = self._attribute_text(
            {k: str(v) for k, v in (node.attributes or {}).items()},
            info.attrs if info is not None else (),
            scope,
            decl,
        )
        if decl:
            scope = parent_scope.child(decl)
        out.append(f"<{qname}{attr_text}")
        slots: list[Any]
        if info is not None and info.children:
            present = {id(c) for c in node.children}
            slots = [s for s in info.children if isinstance(s, Extra) or id(s) in present]
            recorded = {id(s) for s in slots}
            slots += [c for c in node.children if id(c) not in recorded]
        else:
            slots = list(node.children)
        text = node.text
        if not slots:
            if text:
                out.append(">" + escape_text(text) + f"</{qname}>")
            elif info is not None and info.inner_ws:
                out.append(">" + info.inner_ws + f"</{qname}>")
            else:
                out.append("/>")
            return
        out.append(">")
        if text:
            # mixed content: no indentation is invented, recorded whitespace is kept
            out.append(escape_text(text))
            inner, closing = _layout(info) if info is not None and info.children else ("", "")
        else:
            inner, closing = self._content_ws(info, depth)
        if inner:
            out.append(inner)
        for i, child in enumerate(slots):
            if isinstance(child, Extra):
                self._write_extra(child, scope, depth + 1, out)
                tail: str | None = _GLUED if child.tail is None else child.tail
            elif isinstance(child, AnyElement):
                self._write_any(child, scope, depth + 1, out)
                tail = _source_tail(child.__dict__.get(INFO_ATTR))
                if child.tail:
                    tail = child.tail
            else:
                out.append(escape_text(str(child)))
                tail = None
            if i == len(slots) - 1:
                if tail and not tail.isspace():
                    out.append(escape_text(tail))  # mixed content: the last child's text
                elif closing:
                    out.append(closing)
            elif tail is not None:
                out.append(escape_text(tail))
            elif inner:
                out.append(inner)
        out.append(f"</{qname}>")

    def _write_extra(self, extra: Extra, scope: _Scope, depth: int, out: list[str]) -> None:
        node = extra.node
        if isinstance(node, str):
            out.append(escape_text(node))
            return
        if not isinstance(node.tag, str):
            out.append(etree.tostring(node, encoding="unicode", with_tail=False))
            return
        self._write_lxml(node, scope, out)

    def _write_lxml(self, el: etree._Element, parent_scope: _Scope, out: list[str]) -> None:
        """An element kept verbatim from the source, with its own prefixes and declarations."""
        parent = el.getparent()
        parent_map = parent.nsmap if parent is not None else {}
        decl = {p: u for p, u in el.nsmap.items() if parent_map.get(p) != u}
        decl = {p: u for p, u in decl.items() if parent_scope.by_prefix.get(p) != u}
        scope = parent_scope.child(decl)
        qname = self._element_qname(el.tag, el.prefix, True, scope, decl)
        attrs = self._attribute_text(dict(attribute_items(el)), (), scope, decl)
        if decl:
            scope = parent_scope.child(decl)
        out.append(f"<{qname}{attrs}")
        if not len(el) and not el.text:
            out.append("/>")
            return
        out.append(">")
        if el.text:
            out.append(escape_text(el.text))
        for child in el:
            if isinstance(child.tag, str):
                self._write_lxml(child, scope, out)
            else:
                out.append(etree.tostring(child, encoding="unicode", with_tail=False))
            if child.tail:
                out.append(escape_text(child.tail))
        out.append(f"</{qname}>")


def _text_read(value: Any, sinfo: SourceInfo | None) -> str | None:
    """The text a simple-typed element's value was read from, while the value is still the one
    read (or the text that did not convert to its type); None otherwise."""
    if sinfo is None or not sinfo.raw or "" not in sinfo.raw:
        return None
    parsed, text = sinfo.raw[""]
    if value == parsed or (parsed is None and isinstance(value, str)):
        return str(text)
    return None
