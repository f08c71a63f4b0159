"""Will this package import on vSphere, VirtualBox, Proxmox VE, KVM (virt-v2v) and XenServer?

Each target is one module: the importer's facts as data, small rule functions (codes VSPHERE0xx,
VBOX0xx, PVE0xx, V2V0xx, XEN0xx, registered in the shared rule catalog), a model of what that
importer makes of a package (`summarize`, `ovfmodel info --target`) and the faithful changes
`ovfmodel port` applies. Sources and what each importer reads, refuses, changes and ignores are
in docs/targets.md.

    report = ovfmodel.validate("appliance.ova", targets=["vsphere", "proxmox"])

Diagnostics have the validator's form and severities: error when the importer refuses the
package, warning when it imports something other than the descriptor says (a dropped disk, a
replaced controller, an ignored property), info for what it ignores harmlessly.
"""

from __future__ import annotations

from collections.abc import Iterable

from ovfmodel.errors import OvfError
from ovfmodel.validation.source import SourceDoc

from . import proxmox, virt_v2v, virtualbox, vsphere, xenserver
from .reading import Descriptor
from .registry import Target
from .summary import PlatformSummary

TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        vsphere.TARGET,
        virtualbox.TARGET,
        proxmox.TARGET,
        virt_v2v.TARGET,
        xenserver.TARGET,
    )
}
_ALIASES = {"virtv2v": "virt-v2v", "v2v": "virt-v2v", "kvm": "virt-v2v", "pve": "proxmox"}
_ALIASES |= {"vbox": "virtualbox", "xen": "xenserver", "esxi": "vsphere", "vmware": "vsphere"}

__all__ = ["TARGETS", "PlatformSummary", "Target", "check", "resolve", "summarize"]


def resolve(targets: str | Iterable[str], *, one: bool = False) -> list[Target]:
    """Targets by name (a list, or one comma-separated string); raises OvfError naming the
    known ones for an unknown name. With `one`, exactly one target is accepted (not 'all')."""
    names = [targets] if isinstance(targets, str) else list(targets)
    known = ", ".join(TARGETS) + ("" if one else " (or all)")
    found: list[Target] = []
    for entry in names:
        for raw in entry.split(","):
            name = raw.strip().lower()
            if not name:
                continue
            name = _ALIASES.get(name, name)
            if name == "all" and not one:
                found.extend(t for t in TARGETS.values() if t not in found)
                continue
            if name not in TARGETS:
                message = (
                    "one target is needed, not all"
                    if name == "all"
                    else f"unknown target {raw.strip()!r}"
                )
                raise OvfError(message, hint=f"targets are {known}")
            if TARGETS[name] not in found:
                found.append(TARGETS[name])
    return found


def check(src: SourceDoc, targets: str | Iterable[str]) -> None:
    """Run the rules of `targets` on a parsed descriptor; diagnostics go to `src.out`, located
    like the validator's."""
    chosen = resolve(targets)
    if not chosen:
        return
    d = Descriptor(src)
    for target in chosen:
        for rule, finding in target.rules.run(d):
            src.report(rule, finding.message, finding.el, finding.path)


def summarize(src: SourceDoc, target: str) -> PlatformSummary:
    """What the package becomes on `target`, as its importer reads it; `refused` lists the
    target's error diagnostics (the importer stops there)."""
    (chosen,) = resolve(target)[:1] or (None,)
    if chosen is None:
        raise OvfError("no target given", hint=f"targets are {', '.join(TARGETS)}")
    d = Descriptor(src)
    refused = [
        f"{rule.code}: {finding.message}"
        for rule, finding in chosen.rules.run(d)
        if rule.severity.value == "error"
    ]
    return PlatformSummary(
        target=chosen.name,
        title=chosen.title,
        source=src.file,
        refused=refused,
        machines=chosen.read(d),
    )
