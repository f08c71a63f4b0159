"""Writing bound dataclasses back to XML text.

The writer replays each object's SourceInfo (prefix, namespace declarations, attribute and child
order, whitespace, verbatim lexical values, content no field could take) and writes objects made
in code in schema order, with conventional prefixes and without default values. It produces text
directly rather than an lxml tree, because only that gives exact control over prefixes (real
files bind the same namespace to both the default and the `ovf` prefix) and it is faster.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree
from xsdata.formats.dataclass.models.generics import AnyElement

from .binding import (
    ANYATTRS,
    ATTR,
    ELEM,
    ELEMS,
    INFO_ATTR,
    TEXT,
    WILDCARD,
    XML_NS,
    Binder,
    ClassPlan,
    Extra,
    FieldPlan,
    SourceInfo,
)

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
_ATTR_TABLE = str.maketrans(_ATTR_ESC)  # type: ignore[arg-type]
_TEXT_TABLE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})  # type: ignore[arg-type]


def escape_attr(value: str) -> str:
    if "&" in value or "<" in value or '"' in value or "\n" in value or "\r" in value or (
        "\t" in value
    ):
        return value.translate(_ATTR_TABLE)
    return value


def escape_text(value: str) -> str:
    if "&" in value or "<" in value or ">" in value or "\r" in value:
        return value.translate(_TEXT_TABLE)
    return value


def _split(clark: str) -> tuple[str, str]:
    if clark[0] == "{":
        ns, local = clark[1:].split("}", 1)
        return ns, local
    return "", clark


class _Scope:
    """In-scope namespace declarations while writing, with the prefix to use per namespace."""

    __slots__ = ("by_prefix", "by_uri")

    def __init__(self, by_prefix: dict[str | None, str], by_uri: dict[str, str | None]) -> None:
        self.by_prefix = by_prefix
        self.by_uri = by_uri

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
        self.ns_rename = ns_rename or {}
        self.unit = indent

    # -- names -----------------------------------------------------------------------------

    def _source_name(self, clark: str) -> str:
        if self.ns_rename and clark[0] == "{":
            ns, local = clark[1:].split("}", 1)
            renamed = self.ns_rename.get(ns)
            if renamed is not None:
                return "{" + renamed + "}" + local
        return clark

    @staticmethod
    def _new_prefix(uri: str, scope: _Scope) -> str:
        base = CONVENTIONAL_PREFIXES.get(uri)
        if base is None:
            tail = uri.rstrip("/#").rsplit("/", 1)[-1].split("#")[-1]
            base = "".join(c for c in tail if c.isalnum()).lower()[:8] or "ext"
            if not base[0].isalpha():
                base = "ext" + base
        prefix, n = base, 1
        while prefix in scope.by_prefix or prefix.lower().startswith("xml"):
            n += 1
            prefix = f"{base}{n}"
        return prefix

    def _element_qname(
        self, clark: str, wanted: str | None, has_wanted: bool, scope: _Scope,
        decl: dict[str | None, str],
    ) -> str:
        ns, local = _split(clark)
        if has_wanted and scope.by_prefix.get(wanted) == ns:
            return local if wanted is None else f"{wanted}:{local}"
        if ns == "":
            if scope.by_prefix.get(None):
                decl[None] = ""
                scope.by_prefix[None] = ""
            return local
        if scope.by_prefix.get(None) == ns:
            return local
        prefix = scope.by_uri.get(ns, "")
        if prefix == "" or prefix is None or scope.by_prefix.get(prefix) != ns:
            prefix = next(
                (p for p, u in scope.by_prefix.items() if u == ns and p is not None), None
            )
        if prefix is None:
            prefix = self._new_prefix(ns, scope)
            decl[prefix] = ns
            scope.by_prefix[prefix] = ns
            scope.by_uri[ns] = prefix
        return f"{prefix}:{local}"

    def _attr_qname(self, clark: str, scope: _Scope, decl: dict[str | None, str]) -> str:
        if clark[0] != "{":
            return clark
        ns, local = clark[1:].split("}", 1)
        if ns == XML_NS:
            return "xml:" + local
        prefix = scope.by_uri.get(ns)
        if prefix is None or scope.by_prefix.get(prefix) != ns:
            prefix = next(
                (p for p, u in scope.by_prefix.items() if u == ns and p is not None), None
            )
        if prefix is None:
            prefix = self._new_prefix(ns, scope)
            decl[prefix] = ns
            scope.by_prefix[prefix] = ns
            scope.by_uri[ns] = prefix
        return f"{prefix}:{local}"

    # -- documents ---------------------------------------------------------------------------

    def write_root(self, obj: Any, clark: str, root_decl: dict[str | None, str]) -> str:
        """The root element as text. `root_decl` is declared when the root has no SourceInfo."""
        out: list[str] = []
        scope = _Scope({"xml": XML_NS}, {XML_NS: "xml"})
        info: SourceInfo | None = obj.__dict__.get(INFO_ATTR)
        extra_decl = root_decl if info is None else {}
        self._write_obj(obj, clark, scope, 0, out, extra_decl)
        return "".join(out)

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
        info: SourceInfo | None = d.get(INFO_ATTR)
        plan = self.binder.plan(type(obj))
        scope = _Scope(dict(parent_scope.by_prefix), dict(parent_scope.by_uri))
        decl: dict[str | None, str] = {}
        if info is not None:
            tag = info.tag
            if info.nsdecl:
                for p, u in info.nsdecl.items():
                    if parent_scope.by_prefix.get(p) != u:
                        decl[p] = u
                scope = parent_scope.child(decl)
        else:
            tag = self._source_name(clark)
            if extra_decl:
                decl.update(extra_decl)
                scope = parent_scope.child(decl)
        decl = dict(decl)
        qname = self._element_qname(
            tag, info.prefix if info else None, info is not None, scope, decl
        )
        attrs = self._attributes(obj, plan, info, scope, decl)
        start = ["<", qname]
        for p, u in decl.items():
            start.append(f' xmlns="{escape_attr(u)}"' if p is None else f' xmlns:{p}="{escape_attr(u)}"')
        start.append(attrs)
        out.append("".join(start))
        children = self._children(obj, plan, info)
        text_fp = plan.text
        if text_fp is not None and not children:
            value = d[text_fp.name]
            text = self._lexical(info, text_fp, value)
            if text:
                out.append(">" + escape_text(text) + f"</{qname}>")
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
        for fp in plan.fields:
            if fp.kind == ATTR:
                name = self._source_name(fp.qname)
                value = d[fp.name]
                in_source = name in recorded or (
                    info is not None and fp.qname in recorded
                )
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
            elif fp.kind == ANYATTRS:
                for k, v in d[fp.name].items():
                    values[k] = v
        if info is not None and info.extra_attrs:
            values.update(info.extra_attrs)
        if not values:
            return ""
        parts: list[str] = []
        ordered = [k for k in recorded if k in values]
        if len(ordered) != len(values):
            seen = set(ordered)
            ordered += [k for k in values if k not in seen]
        for k in ordered:
            parts.append(f' {self._attr_qname(k, scope, decl)}="{escape_attr(values[k])}"')
        return "".join(parts)

    def _children(self, obj: Any, plan: ClassPlan, info: SourceInfo | None) -> list[Any]:
        """Child entries in output order: (clark, value, field plan, simple info) or Extra."""
        d = obj.__dict__
        canonical: list[tuple[FieldPlan, list[Any]]] = []
        for fp in plan.fields:
            kind = fp.kind
            if kind in (ATTR, ANYATTRS, TEXT):
                continue
            value = d[fp.name]
            if value is None:
                continue
            if fp.is_list:
                if value:
                    canonical.append((fp, value))
            elif kind == ELEM and fp.clazz is None and value == fp.default and not fp.required:
                continue
            else:
                canonical.append((fp, [value]))
        if info is None or not info.children:
            entries: list[Any] = []
            for fp, values in canonical:
                for v in values:
                    entries.append((fp, v, None))
            return entries
        # replay the source order; values added since are placed after their field's last
        # recorded sibling, in the order of their list
        position: dict[int, tuple[FieldPlan, int]] = {}
        per_field: dict[str, list[Any]] = {}
        for fp, values in canonical:
            per_field[fp.name] = values
            for i, v in enumerate(values):
                position[id(v)] = (fp, i)
        cursor: dict[str, int] = {}
        emitted: set[int] = set()
        entries = []

        def flush(fp: FieldPlan, upto: int) -> None:
            values = per_field[fp.name]
            start = cursor.get(fp.name, 0)
            for i in range(start, upto):
                v = values[i]
                if id(v) not in emitted and not _is_simple_slot(fp, v):
                    emitted.add(id(v))
                    entries.append((fp, v, None))
            cursor[fp.name] = max(start, upto)

        for slot in info.children:
            if isinstance(slot, Extra):
                entries.append(slot)
                continue
            if isinstance(slot, tuple):  # a simple value: (field, index, SourceInfo)
                name, index, sinfo = slot
                values = per_field.get(name)
                if values is None:
                    continue
                fp = next(f for f in plan.fields if f.name == name)
                i = 0 if index < 0 else index
                if i < len(values):
                    flush(fp, i)
                    entries.append((fp, values[i], sinfo))
                    emitted.add(id(values[i]))
                    cursor[name] = max(cursor.get(name, 0), i + 1)
                continue
            hit = position.get(id(slot))
            if hit is None or id(slot) in emitted:
                continue  # removed since parsing
            fp, i = hit
            flush(fp, i)
            emitted.add(id(slot))
            entries.append((fp, slot, None))
            cursor[fp.name] = max(cursor.get(fp.name, 0), i + 1)
        for fp, values in canonical:
            for i in range(cursor.get(fp.name, 0), len(values)):
                v = values[i]
                if id(v) not in emitted:
                    emitted.add(id(v))
                    entries.append((fp, v, None))
        return entries

    def _write_children(
        self,
        children: list[Any],
        info: SourceInfo | None,
        scope: _Scope,
        depth: int,
        out: list[str],
    ) -> None:
        inner = info.inner_ws if info is not None else None
        closing: str | None = None
        last_source_child: Any = None
        if info is not None and info.children:
            last_source_child = info.children[-1]
            closing = _tail_of(last_source_child)
        if inner is None:
            inner = "\n" + self.unit * (depth + 1)
        if closing is None:
            closing = "\n" + self.unit * depth
        out.append(inner)
        n = len(children)
        for i, entry in enumerate(children):
            if isinstance(entry, Extra):
                self._write_extra(entry, scope, depth + 1, out)
                tail = entry.tail
            else:
                fp, value, sinfo = entry
                tail = self._write_child(fp, value, sinfo, scope, depth + 1, out)
            is_last = i == n - 1
            if is_last:
                out.append(closing)
            elif tail is None or (
                _same_slot(entry, last_source_child) and tail == closing and closing != inner
            ):
                out.append(inner)
            else:
                out.append(tail)

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
            return info.tail if info is not None else None
        if fp.kind == WILDCARD or (fp.kind == ELEMS and not hasattr(value, "__dataclass_fields__")
                                   and fp.choices == {}):
            out.append(escape_text(str(value)))
            return None
        if hasattr(value, "__dataclass_fields__"):
            clark = fp.qname if fp.kind == ELEM else self._choice_name(fp, value)
            self._write_obj(value, clark, scope, depth, out)
            info = value.__dict__.get(INFO_ATTR)
            return info.tail if info is not None else None
        # a simple-typed element
        clark = fp.qname if fp.kind == ELEM else self._choice_name(fp, value)
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
            text = raw_text if value == parsed or parsed is None and isinstance(value, str) else (
                fp.emit(value)
            )
        else:
            text = fp.emit(value)
        attrs = ""
        if sinfo is not None and sinfo.extra_attrs:
            attrs = "".join(
                f' {self._attr_qname(k, child_scope, decl)}="{escape_attr(v)}"'
                for k, v in sinfo.extra_attrs.items()
            )
        decls = "".join(
            f' xmlns="{escape_attr(u)}"' if p is None else f' xmlns:{p}="{escape_attr(u)}"'
            for p, u in decl.items()
        )
        out.append(f"<{qname}{decls}{attrs}>{escape_text(text or '')}</{qname}>")
        return sinfo.tail if sinfo is not None else None

    @staticmethod
    def _choice_name(fp: FieldPlan, value: Any) -> str:
        cls = type(value)
        qn = fp.by_type.get(cls)
        if qn is not None:
            return qn
        info = value.__dict__.get(INFO_ATTR) if hasattr(value, "__dict__") else None
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

    def _write_any(self, node: AnyElement, parent_scope: _Scope, depth: int, out: list[str]) -> None:
        info: SourceInfo | None = node.__dict__.get(INFO_ATTR)
        decl: dict[str | None, str] = {}
        scope = parent_scope
        if info is not None and info.nsdecl:
            decl = {p: u for p, u in info.nsdecl.items() if parent_scope.by_prefix.get(p) != u}
            scope = parent_scope.child(decl)
        else:
            scope = _Scope(dict(parent_scope.by_prefix), dict(parent_scope.by_uri))
        qname = self._element_qname(
            node.qname or "", info.prefix if info else None, info is not None, scope, decl
        )
        attr_text = "".join(
            f' {self._attr_qname(k, scope, decl)}="{escape_attr(str(v))}"'
            for k, v in (node.attributes or {}).items()
        )
        decls = "".join(
            f' xmlns="{escape_attr(u)}"' if p is None else f' xmlns:{p}="{escape_attr(u)}"'
            for p, u in decl.items()
        )
        out.append(f"<{qname}{decls}{attr_text}")
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
            out.append(escape_text(text))
        inner = info.inner_ws if info is not None and info.inner_ws is not None else None
        if inner is None and not text:
            inner = "\n" + self.unit * (depth + 1)
        closing = _tail_of(info.children[-1]) if info is not None and info.children else None
        if closing is None and not text:
            closing = "\n" + self.unit * depth
        if inner:
            out.append(inner)
        for i, child in enumerate(slots):
            if isinstance(child, Extra):
                self._write_extra(child, scope, depth + 1, out)
                tail = child.tail
            elif isinstance(child, AnyElement):
                self._write_any(child, scope, depth + 1, out)
                cinfo = child.__dict__.get(INFO_ATTR)
                tail = cinfo.tail if cinfo is not None else None
                if child.tail:
                    tail = child.tail
            else:
                out.append(escape_text(str(child)))
                tail = None
            if i == len(slots) - 1:
                if closing:
                    out.append(closing)
            elif tail is not None:
                out.append(tail)
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
        attrs = "".join(
            f' {self._attr_qname(k, scope, decl)}="{escape_attr(v)}"' for k, v in el.attrib.items()
        )
        decls = "".join(
            f' xmlns="{escape_attr(u)}"' if p is None else f' xmlns:{p}="{escape_attr(u)}"'
            for p, u in decl.items()
        )
        out.append(f"<{qname}{decls}{attrs}")
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


def _tail_of(slot: Any) -> str | None:
    if isinstance(slot, Extra):
        return slot.tail
    if isinstance(slot, tuple):
        return slot[2].tail if slot[2] is not None else None
    info = getattr(slot, INFO_ATTR, None)
    return info.tail if isinstance(info, SourceInfo) else None


def _same_slot(entry: Any, slot: Any) -> bool:
    if slot is None:
        return False
    if isinstance(entry, Extra):
        return entry is slot
    if isinstance(slot, tuple):
        return entry[2] is slot[2]
    return bool(entry[1] is slot)


def _is_simple_slot(fp: FieldPlan, value: Any) -> bool:
    return False


Emit = Callable[[Any], str]
