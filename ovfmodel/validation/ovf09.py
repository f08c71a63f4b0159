"""OVF 0.9 descriptors whose OVF elements are in no namespace (OVF007).

VMware wrote many OVF 0.9 descriptors with a prefixed root, `<ovf:Envelope xmlns:ovf="...">`,
and unprefixed children (`<References>`, `<Section xsi:type="ovf:DiskSection_Type">`,
`<Content>`) without declaring a default namespace. By XML Namespaces those children are in no
namespace at all; VMware's own tools read them as OVF elements anyway. The validator does the
same: before any rule runs, the elements in no namespace under the Envelope (and under each
such element, but not inside vendor elements) are renamed into the envelope namespace in the
tree the rules read, and one warning says so. Line numbers are kept; columns are searched with
the element's (absent) prefix, as it is written.
"""

from __future__ import annotations

from ovfmodel.namespaces import OVF09_NS

from . import rules
from .source import Element, SourceDoc


def adopt_unqualified(src: SourceDoc) -> None:
    """Rename OVF 0.9 elements written in no namespace into the envelope namespace and report
    OVF007 once, at the first of them. Does nothing for other versions."""
    if src.ns != OVF09_NS or src.root.nsmap.get(None) is not None:
        return  # a default namespace is declared on the root: nothing is in no namespace
    ns = "{" + OVF09_NS + "}"
    first: Element | None = None
    count = 0
    stack: list[Element] = [src.root]
    while stack:
        el = stack.pop()
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag[:1] != "{":
                child.tag = ns + tag
                count += 1
                if first is None:
                    first = child
            elif not tag.startswith(ns):
                continue  # vendor or CIM content keeps its own names
            stack.append(child)
    if first is not None:
        src.report(
            rules.UNQUALIFIED_09,
            f"{count} element(s), starting with <{first.tag.partition('}')[2]}>, are in no "
            "namespace: the Envelope's prefix does not apply to unprefixed children and no "
            "default namespace is declared; read as OVF 0.9 elements, as VMware's tools do. "
            f'Declare xmlns="{OVF09_NS}" on the Envelope',
            first,
            None,
        )
