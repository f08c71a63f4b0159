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

This module holds the binder's walk (`Binder`); the plans it follows and the converters they
choose are in ovfmodel.plans, SourceInfo and the other bookkeeping it attaches in
ovfmodel.sourceinfo. Their public names are importable from here as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import is_dataclass
from typing import Any

from lxml import etree
from xsdata.formats.dataclass.models.generics import AnyElement

from . import plantable
from .depth import recursion_headroom
from .gcpause import gc_paused as gc_paused  # noqa: PLC0414 (exported here as before)
from .lazy import LazyList, LazyState, ProblemList
from .namespaces import XSI_TYPE, xsi_type_name
from .plans import (
    ANYATTRS,
    ATTR,
    ELEM,
    ELEMS,
    TEXT,
    WILDCARD,
    ClassPlan,
    FieldPlan,
    LeafSpec,
    Unconvertible,
    _conv_str,
    _emit_generic,
)
from .sourceinfo import (
    INFO_ATTR,
    LINE_ATTR,
    Extra,
    SourceInfo,
    _unpickled_extra,  # noqa: F401 (pickles made before the split name it here)
    model_equal,
    raw_value,
    source_info,
    unconvertible_fields,
)
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

# the binder's names, and those of the plans and the bookkeeping that were defined here before
# they had modules of their own (importable from here as before)
__all__ = [
    "ANYATTRS",
    "ATTR",
    "BIND_FRAMES",
    "ELEM",
    "ELEMS",
    "INFO_ATTR",
    "LINE_ATTR",
    "NO_LINE",
    "TEXT",
    "WILDCARD",
    "Binder",
    "ClassPlan",
    "Extra",
    "FieldPlan",
    "LeafSpec",
    "SourceInfo",
    "Unconvertible",
    "gc_paused",
    "model_equal",
    "raw_value",
    "source_info",
    "unconvertible_fields",
]

NO_LINE = 1 << 62  # greater than any line number

# frames binding may need: 256 levels (libxml2's limit) of 2 frames, and a margin
BIND_FRAMES = 600

_UNKNOWN: Any = object()


class Binder:
    """Binds lxml elements of one model family to dataclasses, keeping SourceInfo."""

    def __init__(self, xsi_types: dict[str, str], ns_aliases: dict[str, str] | None = None) -> None:
        self.plans: dict[type, ClassPlan] = {}
        self.xsi_types = xsi_types  # xsi:type lookups: type QName -> class key (plantable)
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
        if entry is None and plan.unresolved and self._resolve_for(plan, tag):
            return self.entry(plan, child)
        if entry is not None and self.xsi and child.get(XSI_TYPE) is not None:
            fp, clazz, conv = entry
            xsi = self.xsi_class(child)
            if xsi is not None and (clazz is None or issubclass(xsi, _base(clazz))):
                return fp, xsi, conv
        return entry

    def _resolve_for(self, plan: ClassPlan, tag: str) -> bool:
        """Complete `plan` when child `tag` belongs to a field it left unresolved; whether it
        did (the element then binds as it would had its classes been imported first)."""
        if tag in plan.unresolved or self.model_tag(tag) in plan.unresolved:
            plan.complete()
            return True
        return False

    def xsi_class(self, el: etree._Element) -> type | None:
        """The class an element's xsi:type names (OVF 0.9 writes sections that way)."""
        name = xsi_type_name(el, self.ns_aliases)
        key = None if name is None else self.xsi_types.get(name)
        return None if key is None else plantable.resolve(key)

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
            # a Disk or rasd:ComponentSetting, is as cheap to bind as to defer); a class with
            # fields left unresolved is not (their classes might be)
            known = (
                not cplan.leaf
                and not cplan.unresolved
                and any(f.kind != WILDCARD for f in cplan.child_fields)
            )
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
        if entry is None and plan.unresolved and self._resolve_for(plan, tag):
            return self._leaf_spec(plan, tag)
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
        emit = fp.emit
        if fp.choice_emit:  # a compound field's choice, in its own format (base64 bytes)
            emit = fp.choice_emit.get(self.model_tag(child.tag), emit)
        if emit(value) != text:
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


def _base(cls: type) -> type:
    """The *_Type class an element class derives from (xsi:type names a type, not an element)."""
    for base in cls.__mro__[1:]:
        if is_dataclass(base):
            return base
    return cls
