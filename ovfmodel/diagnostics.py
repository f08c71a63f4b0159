"""The diagnostic model shared by the validator, the package checker and the CLI.

Diagnostics cross process boundaries (JSON for editors, SARIF for CI), so they are pydantic
models with a published JSON Schema. Rules are registered once in a catalog keyed by a stable
code; the code, not the message, is the contract.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Location(BaseModel):
    """Where a diagnostic points: a file, a 1-based line and column, and a readable element path."""

    model_config = ConfigDict(frozen=True)

    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = Field(
        default=None,
        description="Readable element path, e.g. VirtualSystem[vm1]/VirtualHardwareSection/Item[InstanceID=4]",
    )


class Rule(BaseModel):
    """One check, with a stable code and the part of the spec it comes from."""

    model_config = ConfigDict(frozen=True)

    code: str
    title: str
    severity: Severity
    spec: str = Field(description="DSP0243 section (or other source) the rule comes from")
    description: str
    versions: str = Field(
        default="",
        description="OVF versions the rule applies to (e.g. '0.9, 1.x, 2.x', '2.x only')",
    )


class Diagnostic(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    message: str
    spec: str | None = None
    location: Location = Field(default_factory=Location)

    def format_text(self) -> str:
        """gcc style, which editors and CI annotators parse: file:line:col: severity CODE: msg."""
        loc = self.location
        head = loc.file or "<input>"
        if loc.line is not None:
            head += f":{loc.line}"
            if loc.column is not None:
                head += f":{loc.column}"
        text = f"{head}: {self.severity.value} {self.code}: {self.message}"
        if loc.path:
            text += f" [{loc.path}]"
        return text


class Report(BaseModel):
    """The result of validating one source: all diagnostics, in document order."""

    source: str | None = None
    diagnostics: list[Diagnostic] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no diagnostic is an error (warnings and infos do not fail a document)."""
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    def codes(self) -> list[str]:
        return [d.code for d in self.diagnostics]


class RuleCatalog:
    """The registry of every rule ovfmodel knows, in registration order."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def register(
        self,
        code: str,
        title: str,
        severity: Severity,
        spec: str,
        description: str,
        versions: str = "",
    ) -> Rule:
        if code in self._rules:
            raise ValueError(f"rule code {code} registered twice")
        rule = Rule(
            code=code,
            title=title,
            severity=severity,
            spec=spec,
            description=description,
            versions=versions,
        )
        self._rules[code] = rule
        return rule

    def __getitem__(self, code: str) -> Rule:
        return self._rules[code]

    def __contains__(self, code: object) -> bool:
        return code in self._rules

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def all(self) -> list[Rule]:
        return list(self._rules.values())


CATALOG = RuleCatalog()


def make(rule: Rule, message: str, location: Location | None = None) -> Diagnostic:
    """A diagnostic of `rule` with its severity and spec reference."""
    return Diagnostic(
        code=rule.code,
        severity=rule.severity,
        message=message,
        spec=rule.spec,
        location=location or Location(),
    )
