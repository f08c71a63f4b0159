"""Report formats: gcc-style text, JSON (with a published JSON Schema) and SARIF 2.1.0.

JSON and its schema go through a pydantic TypeAdapter over the diagnostic dataclasses, made on
first use: text output and SARIF never import pydantic."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ovfmodel.diagnostics import CATALOG, Report, Rule, Severity
from ovfmodel.display import printable

if TYPE_CHECKING:
    from pydantic import TypeAdapter

FORMATS = ("text", "json", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


@cache
def _reports() -> TypeAdapter[list[Report]]:
    from pydantic import TypeAdapter

    return TypeAdapter(list[Report])


def to_text(reports: Sequence[Report]) -> str:
    """One gcc-style line per diagnostic (`file:line:col: error OVF123: message [path]`), with
    control characters escaped (names of OVA members and files come from the package)."""
    lines = [printable(d.format_text()) for r in reports for d in r.diagnostics]
    errors = sum(len(r.errors) for r in reports)
    total = sum(len(r.diagnostics) for r in reports)
    lines.append(
        f"{len(reports)} file(s) checked: {errors} error(s), {total - errors} other diagnostic(s)"
    )
    return "\n".join(lines) + "\n"


def to_json(reports: Sequence[Report]) -> str:
    """The reports as a JSON array validating against `json_schema()`."""
    return _reports().dump_json(list(reports), indent=2).decode("utf-8") + "\n"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of `to_json`'s output (an array of Report objects)."""
    schema = _reports().json_schema()
    schema["title"] = "ovfmodel validation reports"
    return schema


def _uri(file: str | None) -> str:
    """A URI reference (SARIF 2.1.0 3.10, RFC 3986): a relative path percent-encoded (a '#'
    in a name would start a fragment), an absolute one a file: URI."""
    if not file or file.startswith("<"):
        return "stdin"
    path = Path(file)
    return quote(path.as_posix()) if not path.is_absolute() else path.as_uri()


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": "".join(w[:1].upper() + w[1:] for w in re.split(r"[^A-Za-z0-9]+", rule.title)),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.description},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"spec": rule.spec, "versions": rule.versions},
    }


def to_sarif(reports: Sequence[Report], rules: Iterable[Rule] | None = None) -> str:
    """A SARIF 2.1.0 log: one run, the whole catalog as tool.driver.rules, one result per
    diagnostic with ruleId/ruleIndex, level, message and a physical location."""
    from ovfmodel import __version__

    catalog = list(rules) if rules is not None else CATALOG.all()
    index = {r.code: i for i, r in enumerate(catalog)}
    results: list[dict[str, Any]] = []
    for report in reports:
        for d in report.diagnostics:
            loc = d.location
            physical: dict[str, Any] = {
                "artifactLocation": {"uri": _uri(loc.file or report.source)}
            }
            if loc.line is not None:
                region: dict[str, Any] = {"startLine": loc.line}
                if loc.column is not None:
                    region["startColumn"] = loc.column
                physical["region"] = region
            location: dict[str, Any] = {"physicalLocation": physical}
            if loc.path:
                location["logicalLocations"] = [{"fullyQualifiedName": loc.path}]
            result: dict[str, Any] = {
                "ruleId": d.code,
                "level": _SARIF_LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [location],
            }
            if d.code in index:
                result["ruleIndex"] = index[d.code]
            results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ovfmodel",
                        "version": __version__,
                        "informationUri": "https://www.dmtf.org/standards/ovf",
                        "rules": [_sarif_rule(r) for r in catalog],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2) + "\n"


def render(reports: Sequence[Report], fmt: str) -> str:
    if fmt == "text":
        return to_text(reports)
    if fmt == "json":
        return to_json(reports)
    if fmt == "sarif":
        return to_sarif(reports)
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
