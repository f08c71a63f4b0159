"""Writing bound dataclasses back to XML text.

The writer replays each object's SourceInfo (prefix, namespace declarations, attribute and child
order, whitespace, verbatim lexical values, content no field could take) and writes objects made
in code in schema order, with conventional prefixes and without default values. It produces text
directly rather than an lxml tree, because only that gives exact control over prefixes (real
files bind the same namespace to both the default and the `ovf` prefix) and it is faster.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from itertools import takewhile
from operator import eq, is_
from typing import Any

from lxml import etree
from lxml.etree import _Element
from xsdata.formats.dataclass.models.generics import AnyElement

from .binding import (
    ELEM,
    ELEMS,
    INFO_ATTR,
    WILDCARD,
    Binder,
    ClassPlan,
    Extra,
    FieldPlan,
    SourceInfo,
    source_info,
)
from .depth import check_levels, nesting_depth, recursion_headroom
from .lazy import MAX_SPLICED, LazyList
from .starttags import XML_NS
from .xmlsafe import attribute_items

# frames the writer takes per level of nested objects (_write_obj, _write_replay or
# _write_children, _write_value, _write_child) plus a margin for the helpers of the deepest level,
# and for vendor content kept as lxml elements (1 frame a level, at most 256 levels parsed)
FRAMES_PER_LEVEL = 6
LXML_FRAMES = 300

# Prefixes people expect to see for the namespaces of OVF documents.
CONVENTIONAL_PREFIXES: dict[str, str] = {
    "http://schemas.dmtf.org/ovf/envelope/1": "ovf",
    "http://schemas.dmtf.org/ovf/envelope/2": "ovf",
    "http://www.vmware.com/schema/ovf/1/envelope": "ovf",
    "http://schemas.dmtf.org/ovf/environment/1": "oe",
    "http://schemas.dmtf.org/wbem/wscim/1/common": "cim",
    "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData": "rasd",
    "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData": "vssd",
    "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData": "sasd",
    "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_EthernetPortAllocationSettingData": (
        "epasd"
    ),
    "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting": "bootc",
    "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting": "boots",
    "http://www.w3.org/2001/XMLSchema-instance": "xsi",
    "http://www.w3.org/2000/09/xmldsig#": "ds",
    "http://www.w3.org/2001/04/xmlenc#": "xenc",
    "http://www.w3.org/2009/xmlenc11#": "xenc11",
    "http://www.vmware.com/schema/ovf": "vmw",
    "http://www.vmware.com/schema/ovfenv": "ve",
    "http://www.virtualbox.org/ovf/machine": "vbox",
    "http://schemas.citrix.com/ovf/envelope/1": "xenovf",
    "http://www.vmware.com/vcloud/v1.5": "vcloud",
}

_ATTR_ESC = {"&": "&amp;", "<": "&lt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_ATTR_TABLE = str.maketrans(_ATTR_ESC)
_TEXT_TABLE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def escape_attr(value: str) -> str:
    """An attribute value as quoted XML text. A `>` is written as `&gt;` after `]]`: XML allows
    a raw `]]>` in an attribute, but Go's encoding/xml (govmomi and every Go consumer) refuses
    the whole document ("unescaped ]]> not in CDATA section"). Every other `>` keeps its raw
    form, so unedited values are written as they were read; both spellings are one value."""
    if (
        "&" in value
        or "<" in value
        or '"' in value
        or "\n" in value
        or "\r" in value
        or ("\t" in value)
    ):
        value = value.translate(_ATTR_TABLE)
    if "]]>" in value:
        value = value.replace("]]>", "]]&gt;")
    return value


def _xmlns(decl: dict[str | None, str]) -> str:
    """Namespace declarations as attribute text (None is the default namespace)."""
    return "".join(
        f' xmlns="{escape_attr(u)}"' if p is None else f' xmlns:{p}="{escape_attr(u)}"'
        for p, u in decl.items()
    )


def escape_text(value: str) -> str:
    if "&" in value or "<" in value or ">" in value or "\r" in value:
        return value.translate(_TEXT_TABLE)
    return value


def _layout(info: SourceInfo) -> tuple[str, str]:
    """The recorded text before an element's first child and before its end tag, as markup.

    The binder keeps such text, and each child's tail, as lxml decoded it: `a&lt;b` after a
    child is the text `a<b`, so whatever is not plain indentation is escaped when written."""
    return escape_text(info.inner_ws or ""), escape_text(info.end_ws or "")


def _is_default(fp: FieldPlan, value: Any) -> bool:
    """A simple-typed optional element holding its schema default is not written."""
    return fp.may_default and value == fp.default


def _value_count(plan: ClassPlan, d: dict[str, Any]) -> int:
    """How many child values an object holds (a simple-typed default counts; it is rare and
    only sends the writer down its general path). Mostly C: one itemgetter, one count."""
    values = plan.child_values(d)
    n = len(values) - values.count(None) - len(plan.list_child_names)
    for name in plan.list_child_names:
        n += len(d[name] or ())
    return n


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


def _split(clark: str) -> tuple[str, str]:
    if clark[0] == "{":
        ns, local = clark[1:].split("}", 1)
        return ns, local
    return "", clark


_NO_DICT: dict[str, Any] = {}


class _Glued(str):
    """The tail of a parsed node that had no text after it (None is a node made in code, which
    gets its siblings' indentation)."""


_GLUED = _Glued("")


def _source_tail(info: Any) -> str | None:
    """The whitespace recorded after a parsed element (a SourceInfo or compact tuple)."""
    if info is None:
        return None
    tail: str | None = info[2] if info.__class__ is tuple else info.tail
    return _GLUED if tail is None else tail


def _gap(tail: str | None, inner: str, closing: str, *, moved: bool = False) -> str:
    """What is written after a child: its recorded tail, or for a child made in code its
    siblings' indentation. With `moved` (children added, copied or moved since parsing), a
    tail equal to the closing whitespace is taken for the old last child's, now followed by
    other siblings: it gets their indentation. Children written in their parsed order keep
    every tail, so a middle child whose tail happens to equal the closing whitespace
    (irregular indentation) is written back as it was."""
    if tail is None:
        return inner
    if tail is _GLUED:
        return ""
    if moved and tail == closing != inner:
        return inner
    return tail if tail == inner else escape_text(tail)


def _unread_after(children: Sequence[Any], j: int, name: str, values: list[Any], k: int) -> int:
    """How many slots from children[j] on are slots of list field `name` whose values, from
    values[k] on, are unread (source elements): counted by C loops, not one Python step each."""
    slots = iter(children)
    slots.__setstate__(j)  # type: ignore[attr-defined]
    raws = list.__iter__(values)
    raws.__setstate__(k)  # type: ignore[attr-defined]
    same = takewhile(partial(eq, name), slots)
    unread = takewhile(partial(is_, _Element), map(type, raws))
    return len(list(zip(same, unread, strict=False)))


class _Verbatim:
    """A deferred child's text as lxml writes it (see LazyList.verbatim), and its tail."""

    __slots__ = ("tail", "text")

    def __init__(self, text: str, tail: str | None) -> None:
        self.text = text
        self.tail = tail


class _Scope:
    """In-scope namespace declarations while writing, with the prefix to use per namespace.

    A scope is copied only where an element declares something, and caches the qualified name
    it chose for each (Clark name, wanted prefix), which is most of the writer's work.
    """

    __slots__ = ("by_prefix", "by_uri", "cache")

    def __init__(self, by_prefix: dict[str | None, str], by_uri: dict[str, str | None]) -> None:
        self.by_prefix = by_prefix
        self.by_uri = by_uri
        self.cache: dict[Any, str] = {}

    def child(self, decl: dict[str | None, str]) -> _Scope:
        by_prefix = dict(self.by_prefix)
        by_uri = dict(self.by_uri)
        for prefix, uri in decl.items():
            old = by_prefix.get(prefix)
            if old is not None and by_uri.get(old) == prefix:
                del by_uri[old]
            by_prefix[prefix] = uri
            by_uri[uri] = prefix
        return _Scope(by_prefix, by_uri)


class Writer:
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

    # -- names -----------------------------------------------------------------------------

    def _source_name(self, clark: str) -> str:
        if self.ns_rename and clark[0] == "{":
            ns, local = clark[1:].split("}", 1)
            renamed = self.ns_rename.get(ns)
            if renamed is not None:
                return "{" + renamed + "}" + local
        return clark

    @staticmethod
    def _new_prefix(uri: str, scope: _Scope, decl: dict[str | None, str]) -> str:
        base = CONVENTIONAL_PREFIXES.get(uri)
        if base is None:
            tail = uri.rstrip("/#").rsplit("/", 1)[-1].split("#")[-1]
            base = "".join(c for c in tail if c.isalnum()).lower()[:8] or "ext"
            if not base[0].isalpha():
                base = "ext" + base
        prefix, n = base, 1
        while prefix in scope.by_prefix or prefix in decl or prefix.lower().startswith("xml"):
            n += 1
            prefix = f"{base}{n}"
        return prefix

    def _element_qname(
        self,
        clark: str,
        wanted: str | None,
        has_wanted: bool,
        scope: _Scope,
        decl: dict[str | None, str],
    ) -> str:
        key = (clark, wanted, has_wanted)
        cached = scope.cache.get(key)
        if cached is not None:
            return cached
        before = len(decl)
        qname = self._choose_qname(clark, wanted, has_wanted, scope, decl)
        if len(decl) == before:  # no new declaration: the same answer holds in this scope
            scope.cache[key] = qname
        return qname

    def _choose_qname(
        self,
        clark: str,
        wanted: str | None,
        has_wanted: bool,
        scope: _Scope,
        decl: dict[str | None, str],
    ) -> str:
        ns, local = _split(clark)
        if has_wanted and scope.by_prefix.get(wanted) == ns:
            return local if wanted is None else f"{wanted}:{local}"
        if ns == "":
            if scope.by_prefix.get(None):
                decl[None] = ""  # undeclare the default namespace
            return local
        if scope.by_prefix.get(None) == ns:
            return local
        return f"{self._prefix_for(ns, scope, decl)}:{local}"

    def _attr_qname(self, clark: str, scope: _Scope, decl: dict[str | None, str]) -> str:
        if clark[0] != "{":
            return clark
        ns, local = clark[1:].split("}", 1)
        if ns == XML_NS:
            return "xml:" + local
        return f"{self._prefix_for(ns, scope, decl)}:{local}"

    def _prefix_for(self, ns: str, scope: _Scope, decl: dict[str | None, str]) -> str:
        """A non-default prefix bound to `ns`: declared on this element (`decl`), else in scope,
        else a new one added to `decl`. The scope itself is never changed here: it may be the
        parent's, and a declaration holds only on its own element and that element's subtree
        (the caller derives the children's scope from `decl`)."""
        for p, u in decl.items():
            if u == ns and p is not None:
                return p
        prefix = scope.by_uri.get(ns)
        if not prefix or scope.by_prefix.get(prefix) != ns or prefix in decl:
            prefix = next(
                (
                    p
                    for p, u in scope.by_prefix.items()
                    if u == ns and p is not None and p not in decl
                ),
                None,
            )
        if prefix is None:
            prefix = self._new_prefix(ns, scope, decl)
            decl[prefix] = ns
        return prefix

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

    def _attribute_text(
        self,
        values: dict[str, str],
        recorded: list[str] | tuple[()],
        scope: _Scope,
        decl: dict[str | None, str],
    ) -> str:
        """Attributes and the namespace declarations in `decl` as start-tag text.

        Order: as recorded from the source (SourceInfo.attrs, where "xmlns"/"xmlns:p" markers
        say where declarations stood), then declarations new to the element first and
        attributes new to it last.
        """
        if not values:
            return _xmlns(decl) if decl else ""
        parts: dict[str, str] = {}
        for k in recorded:
            if k in values:
                parts[k] = f' {self._attr_qname(k, scope, decl)}="{escape_attr(values[k])}"'
        for k, v in values.items():
            if k not in parts:
                parts[k] = f' {self._attr_qname(k, scope, decl)}="{escape_attr(v)}"'
        if not decl:  # (computed after the names above: a new prefix adds a declaration)
            return "".join(parts.values())
        declarations = {
            ("xmlns" if p is None else "xmlns:" + p): _xmlns({p: u}) for p, u in decl.items()
        }
        placed = [
            declarations.pop(k) if k in declarations else parts.pop(k)
            for k in recorded
            if k in declarations or k in parts
        ]
        return "".join(declarations.values()) + "".join(placed) + "".join(parts.values())

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

    def _write_whole(
        self,
        d: dict[str, Any],
        plan: ClassPlan,
        info: SourceInfo,
        qname: str,
        scope: _Scope,
        depth: int,
    ) -> list[str] | None:
        """An object holding never-read slots, its own fields as parsed: one tostring of its
        source element, with the writer's text of its bound children spliced in (see
        ovfmodel.lazy.Whole), in pieces; None to write it child by child."""
        whole = None
        for name in plan.list_child_names:
            value = d[name]
            if value.__class__ is LazyList and value._pending and value._lazy is not None:
                whole = value._lazy.whole
                break
        if whole is None or not whole.clean(d) or not whole.usable():
            return None
        inner, closing = _layout(info)  # children keep their tails, as lxml writes them
        by_name = plan.by_name
        taken: dict[str, int] = {}
        spliced: list[tuple[int, str, str]] = []
        nodes: dict[int, Any] = {}  # source nodes splice marks: spliced and the next ones
        prev: Any = None  # the source node of the child before, where known
        after = False  # the child before was spliced
        position = 0  # of the child node a slot stands for (stray text has no node)
        children = info.children
        slots = iter(children)
        j = 0  # the index of the next slot
        for slot in slots:
            j += 1
            cls = slot.__class__
            if cls is str:
                name, sinfo = slot, None
            elif cls is tuple:
                name, sinfo = slot
            else:
                node = slot.node
                if node.__class__ is str:
                    continue
                if node.tag.__class__ is str:  # an element kept verbatim: the writer's form
                    buf: list[str] = []
                    self._write_extra(slot, scope, depth + 1, buf)
                    tail = _GLUED if slot.tail is None else slot.tail
                    spliced.append((position, "".join(buf), _gap(tail, inner, closing)))
                    nodes[position] = node
                    after = True
                elif after:
                    nodes[position] = node
                    after = False
                prev = node
                position += 1
                continue
            fp = by_name[name]
            value = d[name]
            k = taken.get(name, 0)
            taken[name] = k + 1
            if fp.is_list:
                if k >= len(value):
                    return None
                raw = list.__getitem__(value, k)
                if raw.__class__ is _Element:  # never read: lxml's text stays
                    if after:
                        nodes[position] = raw
                        after = False
                    # and so the unread slots of this field that follow, at C speed
                    more = _unread_after(children, j, name, value, k + 1)
                    if more:
                        j += more
                        slots.__setstate__(j)  # type: ignore[attr-defined]
                        taken[name] = k + 1 + more
                        position += more
                        raw = list.__getitem__(value, k + more)
                    prev = raw
                    position += 1
                    continue
                value = raw
            elif k or value is None or (fp.may_default and value == fp.default):
                return None  # not written (see _write_replay): child by child
            if len(spliced) == MAX_SPLICED:
                return None
            buf = []
            tail = self._write_value(fp, value, sinfo, scope, depth + 1, buf)
            spliced.append((position, "".join(buf), _gap(tail, inner, closing)))
            prev = nodes[position] = prev.getnext() if prev is not None else None
            after = True
            position += 1
        return whole.splice(qname, scope.by_prefix, spliced, position, nodes, closing)

    def _write_replay(
        self,
        d: dict[str, Any],
        plan: ClassPlan,
        info: SourceInfo,
        scope: _Scope,
        depth: int,
        out: list[str],
    ) -> bool:
        """Write the children of an element as parsed, in its recorded slot order.

        False (with partial output the caller discards) when a field holds values no slot
        takes, i.e. values added since parsing: the general path places those.
        """
        inner, closing = _layout(info)
        out.append(inner)
        by_name = plan.by_name
        qnames: dict[Any, str] = scope.cache
        plain_leaves = self._plain_leaves
        taken: dict[str, int] = {}
        n_taken = 0
        wrote = False
        last: tuple[int, str | None, int] | None = None  # gap index, tail, line of a child
        for slot in info.children:
            cls = slot.__class__
            if cls is str:
                name, sinfo = slot, None
            elif cls is tuple:
                name, sinfo = slot
            else:
                self._write_extra(slot, scope, depth + 1, out)
                wrote = True
                out.append(_gap(_GLUED if slot.tail is None else slot.tail, inner, closing))
                continue
            fp = by_name[name]
            value = d[name]
            k = taken.get(name, 0)
            if fp.is_list:
                if k >= len(value):
                    continue  # removed since parsing
                if value.__class__ is LazyList and value._pending:
                    verbatim = value.verbatim(k, scope.by_prefix)
                    if verbatim is not None:  # never read, so as parsed: lxml writes it
                        taken[name] = k + 1
                        n_taken += 1
                        wrote = True
                        out.append(verbatim[0])
                        tail: str | None = _GLUED if verbatim[1] is None else verbatim[1]
                        out.append(_gap(tail, inner, closing))
                        continue
                value = value[k]
            elif k or value is None or (fp.may_default and value == fp.default):
                continue
            taken[name] = k + 1
            n_taken += 1
            wrote = True
            # the commonest child, inline: a plain leaf as parsed, already written once in
            # this scope (see _write_value, which fills both caches)
            compact = getattr(value, "__dict__", _NO_DICT).get(INFO_ATTR)
            if compact.__class__ is tuple:
                qname = qnames.get(compact)
                leaf = plain_leaves.get(value.__class__)
                if qname is not None and leaf is not None:
                    any_name, text_name, emit = leaf
                    vd = value.__dict__
                    if not (any_name and vd[any_name]):
                        text = vd[text_name]
                        if text is not None and text.__class__ is not str:
                            text = emit(text)
                        if not text:
                            out.append(f"<{qname}/>")
                        elif "&" in text or "<" in text or ">" in text or "\r" in text:
                            out.append(f"<{qname}>{escape_text(text)}</{qname}>")
                        else:
                            out.append(f"<{qname}>{text}</{qname}>")
                        tail = compact[2]
                        out.append(
                            ""  # parsed with nothing after it
                            if tail is None
                            else tail
                            if tail == inner
                            else escape_text(tail)
                        )
                        continue
            found = compact if compact.__class__ is SourceInfo else None
            line = found.line if found is not None else None
            if line is not None and last is not None and last[2] > line:
                # the child before came from a later line: moved (a list reversed, sorted, its
                # last item moved up), so a closing tail of it is re-indented (_gap)
                out[last[0]] = _gap(last[1], inner, closing, moved=True)
            tail = self._write_value(fp, value, sinfo, scope, depth + 1, out)
            if line is not None:
                last = (len(out), tail, line)
            out.append(_gap(tail, inner, closing))
        if not wrote or _value_count(plan, d) != n_taken:
            return False
        out[-1] = closing
        return True

    def _write_value(
        self,
        fp: FieldPlan,
        value: Any,
        sinfo: SourceInfo | None,
        scope: _Scope,
        depth: int,
        out: list[str],
    ) -> str | None:
        """Write one child value; returns the whitespace that followed it in the source."""
        if value.__class__ is _Verbatim:
            out.append(value.text)
            return _GLUED if value.tail is None else value.tail
        vd: Any = getattr(value, "__dict__", None)
        compact: Any = vd.get(INFO_ATTR) if vd is not None else None
        if compact.__class__ is tuple:
            plan = self.plans.get(value.__class__)
            if (
                plan is not None
                and plan.plain_leaf
                and not (plan.any_attrs_name and vd[plan.any_attrs_name])
            ):
                # a simple-content element as parsed, with no attributes (most CIM
                # properties): its compact SourceInfo is (tag, prefix, tail)
                qname = scope.cache.get(compact)
                if qname is None:
                    fresh: dict[str | None, str] = {}
                    qname = self._element_qname(compact[0], compact[1], True, scope, fresh)
                    if fresh:  # moved out of its declarations' reach: the general path
                        return self._write_child(fp, value, sinfo, scope, depth, out)
                    # for _write_replay: compact tuples never equal the (clark, prefix, True)
                    # keys of _element_qname, their third item being a str or None
                    scope.cache[compact] = qname
                    self._plain_leaves[value.__class__] = (
                        plan.any_attrs_name,
                        plan.text_name,
                        plan.text.emit,  # type: ignore[union-attr]
                    )
                text = vd[plan.text_name]
                if text is not None and text.__class__ is not str:
                    text = plan.text.emit(text)  # type: ignore[union-attr]
                if text:
                    out.append(f"<{qname}>{escape_text(text)}</{qname}>")
                else:
                    out.append(f"<{qname}/>")
                return _GLUED if compact[2] is None else compact[2]
        return self._write_child(fp, value, sinfo, scope, depth, out)

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
        if fp.kind == ELEM:
            clark = fp.qname
        elif sinfo is not None:
            clark = sinfo.tag
        else:
            clark = self._choice_name(fp, value)
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
        text: str | None
        if sinfo is not None and sinfo.raw and "" in sinfo.raw:
            parsed, raw_text = sinfo.raw[""]
            text = (
                raw_text
                if value == parsed or (parsed is None and isinstance(value, str))
                else (fp.emit(value))
            )
        else:
            text = fp.emit(value)
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
