"""Names and start-tag text while writing: prefixes, namespace declarations, escaping.

The writer (ovfmodel.writer) writes text, not an lxml tree, to control prefixes exactly: an
element keeps the prefix it was parsed with while that prefix still means its namespace where it
is written; otherwise it gets the default namespace, a prefix in scope or a new one (the
conventional one where `CONVENTIONAL_PREFIXES` knows the namespace), declared on the element.
`_Scope` holds what is in scope and caches the qualified name chosen per (Clark name, wanted
prefix), which is most of the writer's work; `PrefixWriter`, the writer's base class, makes
those choices and the attribute text of a start tag (recorded order, declarations among the
attributes where the source had them).
"""

from __future__ import annotations

from typing import Any

from .starttags import XML_NS
from .xmlsafe import NOT_XML_CHAR, not_xml_char

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


_NOT_XML_CHAR = NOT_XML_CHAR.search


def _refuse_not_xml(value: str) -> None:
    from .display import clip, printable
    from .errors import OvfSerializeError

    raise OvfSerializeError(
        f"the value {printable(clip(value))} {not_xml_char(value)}",
        hint="remove it (or encode the value, e.g. in base64) before writing",
    )


def escape_attr(value: str) -> str:
    """An attribute value as quoted XML text. A `>` is written as `&gt;` after `]]`: XML allows
    a raw `]]>` in an attribute, but Go's encoding/xml (govmomi and every Go consumer) refuses
    the whole document ("unescaped ]]> not in CDATA section"). Every other `>` keeps its raw
    form, so unedited values are written as they were read; both spellings are one value.
    A character XML cannot carry raises OvfSerializeError."""
    if _NOT_XML_CHAR(value) is not None:
        _refuse_not_xml(value)
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
    """Character data as XML text; a character XML cannot carry raises OvfSerializeError."""
    if _NOT_XML_CHAR(value) is not None:
        _refuse_not_xml(value)
    if "&" in value or "<" in value or ">" in value or "\r" in value:
        return value.translate(_TEXT_TABLE)
    return value


def _split(clark: str) -> tuple[str, str]:
    if clark[0] == "{":
        ns, local = clark[1:].split("}", 1)
        return ns, local
    return "", clark


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


class PrefixWriter:
    """The writer's choice of names (see ovfmodel.writer.Writer, which sets ns_rename)."""

    ns_rename: dict[str, str]  # source namespace -> the namespace written

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
