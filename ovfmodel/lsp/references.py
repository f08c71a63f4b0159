"""The references of a descriptor, read from the lxml tree of the current text.

Kinds and where they are defined and used (DSP0243 clause in brackets):

- file: References/File ovf:id [7.1]; used by ovf:fileRef (Disk, Icon, Strings, EnvironmentFiles)
  and rasd:HostResource `ovf:/file/ID` [9.1]
- disk: Disk ovf:diskId [9.1]; used by rasd:HostResource `ovf:/disk/ID` and Disk ovf:parentRef
- network: NetworkSection/Network ovf:name [9.2]; used by the Connection of an item [8.3]
- configuration: DeploymentOptionSection/Configuration ovf:id [9.8]; used by every name of an
  ovf:configuration list
- message: Strings/Msg ovf:msgid [10]; used by ovf:msgid on other elements
- instance: an item's InstanceID, within one VirtualHardwareSection [8.3]; used by rasd:Parent

Every definition and use carries its exact span in the text (the id inside the attribute value,
the name inside element text), so rename and go-to work on exact ranges.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, NamedTuple

from .analysis import Element, local_name, namespace

if TYPE_CHECKING:
    from .analysis import Analysis

CIM_NS_PREFIX = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/"
DISK_URI = "ovf:/disk/"
FILE_URI = "ovf:/file/"

KINDS = ("file", "disk", "network", "configuration", "message", "instance")
LABELS = {
    "file": "File",
    "disk": "Disk",
    "network": "Network",
    "configuration": "Configuration",
    "message": "Msg",
    "instance": "Item",
}
_ITEMS = frozenset({"Item", "StorageItem", "EthernetPortItem"})
_FILEREF_OWNERS = frozenset({"Disk", "Icon", "Strings", "File"})


class Ref(NamedTuple):
    """One definition (`is_def`) or use of `key` of `kind`; `scope` is None except for
    instance ids (the VirtualHardwareSection element). `start`/`end` span the key itself."""

    kind: str
    key: str
    scope: Element | None
    start: int
    end: int
    element: Element
    is_def: bool

    @property
    def ident(self) -> tuple[str, Element | None, str]:
        return self.kind, self.scope, self.key


def is_cim(el: Element, local: str) -> bool:
    tag = el.tag
    return (
        isinstance(tag, str)
        and tag.endswith("}" + local)
        and namespace(tag).startswith(CIM_NS_PREFIX)
    )


class RefIndex:
    """All definitions and uses of one analysed document."""

    def __init__(self) -> None:
        self.all: list[Ref] = []
        self.by_ident: dict[tuple[str, Element | None, str], list[Ref]] = defaultdict(list)
        self.starts: list[int] = []

    def add(self, ref: Ref) -> None:
        self.all.append(ref)
        self.by_ident[ref.ident].append(ref)

    @classmethod
    def build(cls, an: Analysis) -> RefIndex:
        """Find every definition and use. Two XPath walks (in libxml2) select the elements
        that carry an OVF attribute of interest and the CIM elements that refer, so a
        10,000-item descriptor costs no Python loop over all its elements."""
        index = cls()
        root = an.root
        if root is None:
            return index
        ovf, ovf_ns = an.ovf, an.ovf_ns
        attributes = ("id", "name", "diskId", "parentRef", "fileRef", "msgid", "configuration")
        test = " or ".join(f"@o:{a}" for a in attributes)
        carriers: list[Element] = root.xpath(f".//*[{test}]", namespaces={"o": ovf_ns})
        for el in carriers:
            local = local_name(el.tag)
            parent = el.getparent()
            plocal = local_name(parent.tag) if parent is not None else ""
            if namespace(el.tag) == ovf_ns:
                if local == "File" and plocal == "References":
                    index._attr(an, el, ovf("id"), "file", True)
                elif local == "Disk":
                    index._attr(an, el, ovf("diskId"), "disk", True)
                    index._attr(an, el, ovf("parentRef"), "disk", False)
                elif local == "Network" and plocal == "NetworkSection":
                    index._attr(an, el, ovf("name"), "network", True)
                elif local == "Configuration" and plocal == "DeploymentOptionSection":
                    index._attr(an, el, ovf("id"), "configuration", True)
                if local in _FILEREF_OWNERS:
                    index._attr(an, el, ovf("fileRef"), "file", False)
            index._attr(an, el, ovf("msgid"), "message", local == "Msg")
            index._configurations(an, el, ovf("configuration"))
        names = " or ".join(
            f"local-name()='{n}'" for n in ("HostResource", "Connection", "InstanceID", "Parent")
        )
        cim: list[Element] = root.xpath(
            f".//*[({names}) and starts-with(namespace-uri(), '{CIM_NS_PREFIX}')]"
        )
        for el in cim:
            local = local_name(el.tag)
            if local == "HostResource":
                index._host_resource(an, el)
            elif local == "Connection":
                index._text(an, el, "network", None, False)
            else:
                item = el.getparent()
                section = item.getparent() if item is not None else None
                if item is not None and local_name(item.tag) in _ITEMS:
                    index._text(an, el, "instance", section, local == "InstanceID")
        index.all.sort(key=lambda r: r.start)
        index.starts = [r.start for r in index.all]
        return index

    def _attr(self, an: Analysis, el: Element, clark: str, kind: str, is_def: bool) -> None:
        if el.get(clark) is None:
            return
        found = an.attr(el, clark)
        if found is None:
            return
        key = an.text[found.value_start : found.value_end]
        value = el.get(clark) or ""
        if key != value:  # written with entities: the span still covers the value
            key = value
        self.add(Ref(kind, key, None, found.value_start, found.value_end, el, is_def))

    def _configurations(self, an: Analysis, el: Element, clark: str) -> None:
        if el.get(clark) is None:
            return
        found = an.attr(el, clark)
        if found is None:
            return
        raw = an.text[found.value_start : found.value_end]
        pos = 0
        for name in raw.split():
            at = raw.index(name, pos)
            pos = at + len(name)
            start = found.value_start + at
            self.add(Ref("configuration", name, None, start, start + len(name), el, False))

    def _text(self, an: Analysis, el: Element, kind: str, scope: Element | None, d: bool) -> None:
        span = an.content(el)
        if span is None or span[0] == span[1]:
            return
        key = an.text[span[0] : span[1]]
        self.add(Ref(kind, key, scope, span[0], span[1], el, d))

    def _host_resource(self, an: Analysis, el: Element) -> None:
        span = an.content(el)
        if span is None:
            return
        value = an.text[span[0] : span[1]]
        for prefix, kind in ((DISK_URI, "disk"), (FILE_URI, "file")):
            if value.startswith(prefix) and len(value) > len(prefix):
                start = span[0] + len(prefix)
                self.add(Ref(kind, value[len(prefix) :], None, start, span[1], el, False))

    # --- queries --------------------------------------------------------------------------

    def at(self, offset: int) -> Ref | None:
        """The definition or use whose span holds `offset` (its end included)."""
        from bisect import bisect_right

        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and self.all[i].start <= offset <= self.all[i].end:
            return self.all[i]
        return None

    def definitions(self, ref: Ref) -> list[Ref]:
        return [r for r in self.by_ident.get(ref.ident, []) if r.is_def]

    def uses(self, ref: Ref) -> list[Ref]:
        return [r for r in self.by_ident.get(ref.ident, []) if not r.is_def]

    def related(self, ref: Ref) -> list[Ref]:
        return list(self.by_ident.get(ref.ident, []))

    def keys(self, kind: str, scope: Element | None = None) -> list[Ref]:
        """One definition per key of `kind` (within `scope` for instance ids)."""
        seen: dict[str, Ref] = {}
        for (k, s, key), refs in self.by_ident.items():
            if k != kind or (kind == "instance" and s is not scope):
                continue
            for r in refs:
                if r.is_def and key not in seen:
                    seen[key] = r
        return sorted(seen.values(), key=lambda r: r.start)
