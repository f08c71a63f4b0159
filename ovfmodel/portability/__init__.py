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

import importlib
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from ovfmodel.errors import OvfError

if TYPE_CHECKING:
    from ovfmodel.validation.source import SourceDoc

    from .registry import Target
    from .summary import PlatformSummary

    TARGETS: dict[str, Target]

# the target modules (and the validator they read descriptors with) load on first use of
# TARGETS, resolve, check or summarize, registering their rules in the shared catalog then:
# `ovfmodel info` without --target needs only the PlatformSummary model (PEP 562)
_MODULES = ("vsphere", "virtualbox", "proxmox", "virt_v2v", "xenserver")


@cache
def _targets() -> dict[str, Target]:
    # imported in the order the rules always joined the catalog (SARIF lists them in it)
    loaded = {m: importlib.import_module(f"{__name__}.{m}") for m in sorted(_MODULES)}
    return {t.name: t for t in (loaded[m].TARGET for m in _MODULES)}


if not TYPE_CHECKING:  # mypy sees the declarations above, with their real types

    def __getattr__(name: str) -> Any:
        if name == "TARGETS":
            return _targets()
        if name in ("PlatformSummary", "Target"):
            module = "summary" if name == "PlatformSummary" else "registry"
            return getattr(importlib.import_module(f"{__name__}.{module}"), name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_ALIASES = {"virtv2v": "virt-v2v", "v2v": "virt-v2v", "kvm": "virt-v2v", "pve": "proxmox"}
_ALIASES |= {"vbox": "virtualbox", "xen": "xenserver", "esxi": "vsphere", "vmware": "vsphere"}

__all__ = ["TARGETS", "PlatformSummary", "Target", "check", "resolve", "summarize"]


def resolve(targets: str | Iterable[str], *, one: bool = False) -> list[Target]:
    """Targets by name (a list, or one comma-separated string); raises OvfError naming the
    known ones for an unknown name. With `one`, exactly one target is accepted (not 'all')."""
    TARGETS = _targets()
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
    from .reading import Descriptor

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
    from .reading import Descriptor
    from .summary import PlatformSummary

    (chosen,) = resolve(target)[:1] or (None,)
    if chosen is None:
        raise OvfError("no target given", hint=f"targets are {', '.join(_targets())}")
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
