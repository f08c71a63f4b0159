"""The XML namespaces of OVF descriptors and how a source namespace maps onto a model's.

Plain strings, importable without the generated classes or xsdata: the validator reads
descriptors with these alone (see ovfmodel.validation.vocabulary). ovfmodel.document binds with
them and exports every name here too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

__all__ = [
    "CIM_NS",
    "EPASD_NS",
    "MODEL_NS",
    "NS_ALIASES_ANY",
    "OVF09_NS",
    "OVF1_NS",
    "OVF2_NS",
    "RASD_NS",
    "SASD_NS",
    "VSSD_NS",
    "XSI_NS",
    "XSI_TYPE",
    "ns_aliases",
    "xsi_type_name",
]

OVF1_NS = "http://schemas.dmtf.org/ovf/envelope/1"
OVF2_NS = "http://schemas.dmtf.org/ovf/envelope/2"
OVF09_NS = "http://www.vmware.com/schema/ovf/1/envelope"
RASD_NS = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"
VSSD_NS = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"
SASD_NS = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
EPASD_NS = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_EthernetPortAllocationSettingData"
CIM_NS = "http://schemas.dmtf.org/wbem/wscim/1/common"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XSI_TYPE = "{" + XSI_NS + "}type"
# VirtualBox writes the SASD/EPASD namespaces with the schema file's `.xsd` suffix
NS_ALIASES_ANY = {SASD_NS + ".xsd": SASD_NS, EPASD_NS + ".xsd": EPASD_NS}
# source namespace -> model namespace: OVF 0.9 binds to the 1.x classes
MODEL_NS = {OVF1_NS: OVF1_NS, OVF09_NS: OVF1_NS, OVF2_NS: OVF2_NS}


def ns_aliases(source_ns: str, model_ns: str) -> dict[str, str]:
    """Source namespace -> model namespace for a document written in `source_ns` and bound to
    the classes of `model_ns`: VirtualBox's `.xsd` spellings, and OVF 0.9's namespace for 1.x."""
    aliases = dict(NS_ALIASES_ANY)
    if source_ns != model_ns:
        aliases[source_ns] = model_ns
    return aliases


def xsi_type_name(el: etree._Element, aliases: dict[str, str]) -> str | None:
    """The Clark name of the type an element's xsi:type names, its namespace read through
    `aliases` (OVF 0.9 writes sections so); None without xsi:type or with an undeclared prefix.
    The binder and the validator's vocabulary look it up in their own tables."""
    value: str | None = el.get(XSI_TYPE)
    if value is None:
        return None
    # a QName: XML Schema collapses its whitespace
    prefix, _, local = value.strip().rpartition(":")
    ns: str | None = el.nsmap.get(prefix or None)
    if ns is None:
        return None
    return "{" + aliases.get(ns, ns) + "}" + local
