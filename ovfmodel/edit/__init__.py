"""Editing OVF descriptors and packages: one `Editor` with every edit, typed and lossless.

    doc = ovfmodel.parse("appliance.ovf")
    ed = Editor(doc)
    ed.set_cpus(4, configuration="large")
    ed.add_nic("VM Network")
    ed.set_property("hostname", "gw01")
    ovfmodel.write(doc, "appliance.ovf")

Each edit changes only what it is about: everything else (comments, vendor sections and
attributes, prefixes, spelling) is written back as it was. References stay consistent (a
renamed network renames every Connection; a removed disk takes its drives and unused File),
new objects are made by `ovfmodel.builder`'s checked helpers, and an edit that cannot be made
raises `ovfmodel.errors.EditError` (or the builder's BuilderError) saying why, before it
changes anything it cannot finish. Packages (.ova, folders): `open_package_editor`.
"""

from __future__ import annotations

from .diskimage import DiskImage, read_disk_image
from .hardware import parse_size
from .network import NetworkEdits
from .product import ProductEdits
from .storage import StorageEdits


class Editor(StorageEdits, NetworkEdits, ProductEdits):
    """Every edit of a parsed `OvfDocument` (see the module documentation)."""


from .configiso import make_config_iso  # noqa: E402
from .convert import convert  # noqa: E402
from .package import PackageEditor, SaveResult, open_package_editor  # noqa: E402

__all__ = [
    "DiskImage",
    "Editor",
    "PackageEditor",
    "SaveResult",
    "convert",
    "make_config_iso",
    "open_package_editor",
    "parse_size",
    "read_disk_image",
]
