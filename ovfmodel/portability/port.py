"""`port`: the faithful changes that make a descriptor import as described on one target.

The target's changes edit the typed model (`ovfmodel.parse` -> edit objects ->
`ovfmodel.serialize`, which writes everything else back as it was read); then the target's rules
run on the result. Every error still reported is listed as refused, with why no faithful change
exists (the importer lacks the device, a change would alter what the guest sees, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ovfmodel.diagnostics import Diagnostic, Severity
from ovfmodel.document import OvfDocument, parse, serialize
from ovfmodel.validation.source import SourceDoc
from ovfmodel.xmlsafe import Source, read_source

from . import TARGETS, check, resolve
from .edits import Change

# why no faithful change exists, by rule code (other codes: GENERIC)
WHY_NOT = {
    "VSPHERE002": "lowering the hardware version may drop devices the guest relies on",
    "VSPHERE005": "another SCSI controller model needs other guest drivers",
    "VSPHERE006": "vSphere has no controller of that kind",
    "VSPHERE007": "another NIC model needs other guest drivers",
    "VSPHERE008": "which controller the drive belongs on is not known",
    "VSPHERE009": "which item is meant is not known",
    "VSPHERE010": "rewriting OVF 2 items as OVF 1 Items changes the document's version",
    "VSPHERE012": "vSphere has no such device; mark the item ovf:required='false' if optional",
    "VSPHERE015": "converting the image to VMDK is outside the descriptor",
    "VSPHERE016": "decompressing the images is outside the descriptor: pack them uncompressed",
    "VBOX001": "the disk's size or format is not known",
    "VBOX005": "VirtualBox has no such device; mark the item ovf:required='false' if optional",
    "VBOX010": "converting the image is outside the descriptor",
    "XEN001": "rewriting an OVF 2 descriptor as OVF 1 changes its version and drops OVF 2 data",
    "XEN005": "the memory size is not known without its units",
    "PVE007": "renaming the image means renaming the file in the package",
    "V2V003": "the drive's image is not known",
    "V2V004": "a blank disk has no image virt-v2v could convert",
}
GENERIC = "no faithful change is known"


@dataclass
class PortResult:
    target: str
    data: bytes
    changes: list[Change] = field(default_factory=list)
    refused: list[Change] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """Whether the output carries no error of the target."""
        return not self.remaining


def port(source: Source | OvfDocument, target: str, *, name: str | None = None) -> PortResult:
    """Apply `target`'s faithful changes to a descriptor (path, bytes, text or an OvfDocument,
    which is edited in place); return the new bytes, what changed and what was refused."""
    chosen = resolve(target, one=True)
    if len(chosen) != 1:
        from ovfmodel.errors import OvfError

        raise OvfError(
            f"port takes one target, not {target!r}", hint=f"targets are {', '.join(TARGETS)}"
        )
    (t,) = chosen
    original: bytes | None = None
    if isinstance(source, OvfDocument):
        doc = source
    else:
        original, label = read_source(source, name)
        doc = parse(original, name=label)
    made = t.port(doc)
    applied = [c for c in made if c.applied]
    # nothing changed: the input itself, byte for byte
    data = original if original is not None and not applied else serialize(doc)
    src = SourceDoc.load(data, doc.source)
    check(src, [t.name])
    remaining = [d for d in src.out if d.severity is Severity.ERROR]
    refused = [c for c in made if not c.applied]
    for d in remaining:
        reason = WHY_NOT.get(d.code, GENERIC)
        where = d.location.path or "Envelope"
        refused.append(Change(where, f"{d.code}: {d.message} ({reason})", False, d.code))
    return PortResult(t.name, data, applied, refused, remaining)
