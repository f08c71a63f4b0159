"""What a target is: data (name, code prefix, the importer sources) plus small rule functions.

Each target module makes one `RuleSet`, decorates its rule functions with `rules.rule(...)`
(which registers the rule in the shared catalog, so `--select VBOX` and the report formats work
as for the DSP0243 rules) and ends with a `Target`. A rule function takes the `Descriptor` and
yields `Finding`s: a message and the element (with its path) the diagnostic points at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from ovfmodel.diagnostics import CATALOG, Rule, Severity

from .reading import Descriptor

if TYPE_CHECKING:
    from ovfmodel.document import OvfDocument
    from ovfmodel.validation.source import Element

    from .edits import Change
    from .summary import Machine

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


class Finding(NamedTuple):
    message: str
    el: Element | None
    path: str | None


CheckFn = Callable[[Descriptor], Iterable[Finding]]
ReadFn = Callable[[Descriptor], list["Machine"]]
PortFn = Callable[["OvfDocument"], list["Change"]]


@dataclass
class RuleSet:
    """The rules of one target, in code order."""

    prefix: str
    checks: list[tuple[Rule, CheckFn]] = field(default_factory=list)

    def rule(
        self, number: int, title: str, severity: Severity, source: str, description: str
    ) -> Callable[[CheckFn], CheckFn]:
        rule = CATALOG.register(f"{self.prefix}{number:03d}", title, severity, source, description)

        def register(fn: CheckFn) -> CheckFn:
            self.checks.append((rule, fn))
            return fn

        return register

    def run(self, d: Descriptor) -> Iterator[tuple[Rule, Finding]]:
        for rule, fn in self.checks:
            for finding in fn(d):
                yield rule, finding


@dataclass(frozen=True)
class Source:
    """One place a target's facts come from."""

    project: str
    where: str  # file(s) or document
    version: str  # commit and date, or the document's date/edition


@dataclass
class Target:
    name: str  # as the CLI spells it: vsphere, virtualbox, proxmox, virt-v2v, xenserver
    title: str
    rules: RuleSet
    sources: tuple[Source, ...]
    read: ReadFn
    port: PortFn
    summary: str  # one paragraph: what the importer reads, for docs and `info`
    ignores: tuple[str, ...] = ()  # what the importer never reads (docs)
    port_changes: tuple[str, ...] = ()  # what `port` changes for this importer (docs)
