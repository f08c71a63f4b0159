"""The diagnostic model shared by the validator, the package checker and the CLI.

Severity, Location, Rule, Diagnostic and Report are frozen (Report: mutable) slotted stdlib
dataclasses, so that loading this module, and making the thousands of diagnostics of a large
descriptor, costs no pydantic. pydantic stays at the JSON boundary: `--format json` and the
published JSON Schema (docs/schemas/validate.schema.json) go through a `pydantic.TypeAdapter`
over these classes (`ovfmodel.jsonboundary`), imported only when JSON is asked for (text and
SARIF output never load it). Field descriptions are dataclass field metadata, which pydantic
reads into the schema; a class docstring is its schema description.

What the pydantic models offered is kept: equality, hashing (Report: none, it is mutable),
pickling, and model_dump / model_dump_json / model_validate / model_validate_json with the
models' output. `dataclasses.replace` copies with changes (model_copy's `update`); assigning a
field of a frozen one raises dataclasses.FrozenInstanceError, an AttributeError (pydantic raised
a ValidationError, a ValueError).

Rules are registered once in a catalog keyed by a stable code; the code, not the message, is the
contract.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from .jsonboundary import JsonBoundary, about


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def _as_severity(obj: Rule | Diagnostic) -> None:
    """A severity given as its text ("error", as in the JSON) made a Severity, as the pydantic
    models did: `Report.ok` and `format_text` need one. ValueError for an unknown text."""
    if type(obj.severity) is not Severity:
        object.__setattr__(obj, "severity", Severity(obj.severity))


@dataclass(frozen=True, slots=True)
class Location(JsonBoundary):
    """Where a diagnostic points: a file, a 1-based line and column, and a readable element path."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = field(
        default=None,
        metadata=about(
            "Readable element path, e.g. "
            "VirtualSystem[vm1]/VirtualHardwareSection/Item[InstanceID=4]"
        ),
    )


@dataclass(frozen=True, slots=True)
class Rule(JsonBoundary):
    """One check, with a stable code and the part of the spec it comes from."""

    code: str
    title: str
    severity: Severity
    spec: str = field(metadata=about("DSP0243 section (or other source) the rule comes from"))
    description: str
    versions: str = field(
        default="",
        metadata=about("OVF versions the rule applies to (e.g. '0.9, 1.x, 2.x', '2.x only')"),
    )

    def __post_init__(self) -> None:
        _as_severity(self)


# no class docstring: it would become the description of Diagnostic in the published JSON Schema
@dataclass(frozen=True, slots=True)
class Diagnostic(JsonBoundary):
    code: str
    severity: Severity
    message: str
    spec: str | None = None
    location: Location = field(default_factory=Location)

    def __post_init__(self) -> None:
        _as_severity(self)

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


@dataclass(slots=True)
class Report(JsonBoundary):
    """The result of validating one source: all diagnostics, in document order."""

    source: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

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
    return diagnostic(rule, message, location if location is not None else _NOWHERE)


# A frozen dataclass's __init__ writes each field through object.__setattr__, which looks the
# name up on the class first; a descriptor's own __set__ skips that. For the thousands of
# diagnostics of a large descriptor the validator assembles them this way (every slot written,
# so they equal, hash and pickle like constructed ones: tests/test_diagnostics.py): 0.25 us a
# diagnostic instead of 0.43, 2-3% of validating tools/bench.py's 10,000-item file.
_new = object.__new__
_CODE, _SEVERITY, _MESSAGE, _SPEC, _LOCATION = (
    Diagnostic.__dict__[name].__set__
    for name in ("code", "severity", "message", "spec", "location")
)
_FILE, _LINE, _COLUMN, _PATH = (
    Location.__dict__[name].__set__ for name in ("file", "line", "column", "path")
)
_NOWHERE = Location()


def diagnostic(rule: Rule, message: str, where: Location) -> Diagnostic:
    """`Diagnostic(rule.code, rule.severity, message, rule.spec, where)`, made faster."""
    found: Diagnostic = _new(Diagnostic)
    _CODE(found, rule.code)
    _SEVERITY(found, rule.severity)
    _MESSAGE(found, message)
    _SPEC(found, rule.spec)
    _LOCATION(found, where)
    return found


def location(file: str | None, line: int | None, column: int | None, path: str | None) -> Location:
    """`Location(file, line, column, path)`, made faster."""
    found: Location = _new(Location)
    _FILE(found, file)
    _LINE(found, line)
    _COLUMN(found, column)
    _PATH(found, path)
    return found
