"""Typed builders for OVF descriptors: correct, schema-valid documents in a few lines.

`EnvelopeBuilder` builds new descriptors (OVF 1.0, 1.1 or 2.0); `EnvelopeBuilder.edit(doc)` and
`HardwareEditor(doc, vs_id)` add to parsed ones with the same checks and wiring.

Import targets (docs/targets.md, `ovfmodel validate --target`): OVF 1.x output imports without a
target error on vSphere, VirtualBox, Proxmox VE, virt-v2v and XenServer; OVF 2.0 output on
vSphere and VirtualBox (Proxmox VE and virt-v2v read OVF 1 only, XenServer refuses OVF 2).
tests/test_portability_files.py holds the builder to this.
"""

from __future__ import annotations

from ..cim import PropertyType
from ._common import Localized, Text
from .content import CollectionBuilder, VirtualSystemBuilder
from .envelope import EnvelopeBuilder, HardwareEditor
from .hardware import Controller, ControllerKind, HardwareBuilder, NicSubtype, ScsiSubtype
from .product import ProductBuilder

__all__ = [
    "CollectionBuilder",
    "Controller",
    "ControllerKind",
    "EnvelopeBuilder",
    "HardwareBuilder",
    "HardwareEditor",
    "Localized",
    "NicSubtype",
    "ProductBuilder",
    "PropertyType",
    "ScsiSubtype",
    "Text",
    "VirtualSystemBuilder",
]
