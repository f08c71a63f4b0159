"""The diagnostic classes are stdlib dataclasses (no pydantic until JSON is asked for) that keep
what they offered as pydantic models: equality, hashing, immutability, pickling, and the
model_dump / model_dump_json / model_validate methods with the models' output."""

from __future__ import annotations

import dataclasses
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import ovfmodel
from ovfmodel.diagnostics import (
    CATALOG,
    Diagnostic,
    Location,
    Report,
    Rule,
    Severity,
    diagnostic,
    location,
    make,
)

DATA = Path(__file__).resolve().parent / "data"
PARENT_MISSING = DATA / "invalid-parent-missing.ovf"
FILE = "tests/data/invalid-parent-missing.ovf"
PATH = "VirtualSystem[sentinel-probe]/VirtualHardwareSection/Item[InstanceID=5]"
MESSAGE = "Parent '12' is not the InstanceID of any item in this VirtualHardwareSection"
SPEC = "DSP0243 8.3 (Virtual hardware elements), Table 4"


def _found() -> Diagnostic:
    report = ovfmodel.validate(PARENT_MISSING.read_bytes(), name=FILE)
    [found] = report.diagnostics
    return found


def test_validator_diagnostics_equal_and_hash_like_hand_made_ones() -> None:
    found = _found()
    made = make(CATALOG["OVF402"], MESSAGE, Location(file=FILE, line=63, column=7, path=PATH))
    assert found == made and hash(found) == hash(made)
    assert found != dataclasses.replace(made, message="other")
    assert (
        len({found, made, Diagnostic("OVF402", Severity.WARNING, MESSAGE, SPEC, made.location)})
        == 1
    )
    assert Diagnostic(code="X", severity=Severity.INFO, message="m").location == Location()


def test_fast_construction_makes_the_same_objects() -> None:
    rule = CATALOG["OVF402"]
    fast = diagnostic(rule, "m", location("f.ovf", 3, 7, "VirtualSystem[a]"))
    slow = Diagnostic(
        code="OVF402",
        severity=rule.severity,
        message="m",
        spec=rule.spec,
        location=Location(file="f.ovf", line=3, column=7, path="VirtualSystem[a]"),
    )
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert fast.model_dump_json() == slow.model_dump_json()
    assert pickle.loads(pickle.dumps(fast)) == slow
    assert location(None, None, None, None) == Location() == make(rule, "m").location
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.location.line = 4  # type: ignore[misc]


def test_frozen_and_slotted() -> None:
    found = _found()
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.location.line = 4  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.message = "x"  # type: ignore[misc]
    with pytest.raises((AttributeError, TypeError)):
        found.extra = 1  # type: ignore[attr-defined]
    assert not hasattr(found, "__dict__") and not hasattr(found.location, "__dict__")
    report = Report(source="a")
    report.diagnostics.append(found)  # a report is built up, as the language server does
    assert report.codes() == ["OVF402"] and report.ok  # OVF402 is a warning


def test_pickle_round_trips_reports_and_rules() -> None:
    report = ovfmodel.validate(PARENT_MISSING.read_bytes(), name=FILE)
    assert pickle.loads(pickle.dumps(report)) == report
    rules = CATALOG.all()
    assert pickle.loads(pickle.dumps(rules)) == rules


def test_model_dump_methods_give_what_the_pydantic_models_gave() -> None:
    """The expected texts are what the pydantic models printed before they became dataclasses."""
    found = _found()
    location = {"file": FILE, "line": 63, "column": 7, "path": PATH}
    assert found.model_dump_json() == (
        f'{{"code":"OVF402","severity":"warning","message":"{MESSAGE}","spec":"{SPEC}",'
        f'"location":{{"file":"{FILE}","line":63,"column":7,"path":"{PATH}"}}}}'
    )
    assert Location().model_dump_json() == '{"file":null,"line":null,"column":null,"path":null}'
    as_json = {"code": "OVF402", "severity": "warning", "message": MESSAGE, "spec": SPEC}
    report = Report(source=FILE, diagnostics=[found])
    assert report.model_dump(mode="json") == {
        "source": FILE,
        "diagnostics": [{**as_json, "location": location}],
    }
    python = report.model_dump()
    assert python["diagnostics"][0]["severity"] is Severity.WARNING
    assert python["diagnostics"][0]["location"] == location
    assert found.location.model_dump(exclude_none=True) == location
    assert json.loads(report.model_dump_json(indent=2)) == report.model_dump(mode="json")
    assert CATALOG["OVF402"].model_dump()["code"] == "OVF402"


def test_model_validate_reads_the_json_back() -> None:
    report = ovfmodel.validate(PARENT_MISSING.read_bytes(), name=FILE)
    assert Report.model_validate_json(report.model_dump_json()) == report
    assert Report.model_validate(report.model_dump(mode="json")) == report
    again = Diagnostic.model_validate(report.diagnostics[0].model_dump())
    assert again == report.diagnostics[0] and isinstance(again.location, Location)
    rule = CATALOG["OVF402"]
    assert Rule.model_validate_json(rule.model_dump_json()) == rule
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Location.model_validate({"line": "not a number"})


def test_a_severity_given_as_its_json_text_is_a_severity() -> None:
    """The pydantic models turned severity="error" (the JSON spelling) into Severity.ERROR; a
    checker written against them must still fail the report and print, not pass silently."""

    def checker(doc: object) -> list[Diagnostic]:
        return [Diagnostic(code="X1", severity="error", message="refused")]  # type: ignore[arg-type]

    report = ovfmodel.validate(PARENT_MISSING, checkers=[checker])
    mine = [d for d in report.diagnostics if d.code == "X1"]
    assert [d.severity for d in mine] == [Severity.ERROR]
    assert not report.ok and report.errors == mine
    assert mine[0].format_text() == "<input>: error X1: refused"
    rule = Rule("X2", "t", "warning", "DSP0243 5.1", "d")  # type: ignore[arg-type]
    assert rule.severity is Severity.WARNING and make(rule, "m").severity is Severity.WARNING
    with pytest.raises(ValueError, match="fatal"):
        Diagnostic(code="X1", severity="fatal", message="m")  # type: ignore[arg-type]


def test_loading_and_text_output_import_no_pydantic() -> None:
    code = (
        "import sys\n"
        "from ovfmodel.diagnostics import CATALOG, Location, Report, make\n"
        "from ovfmodel.validation import output\n"
        "d = make(CATALOG['OVF402'], 'm', Location(file='f', line=1))\n"
        "print(output.to_text([Report(source='f', diagnostics=[d])]), end='')\n"
        "print(output.to_sarif([Report(source='f', diagnostics=[d])])[:1])\n"
        "print('pydantic' in sys.modules)\n"
        "output.to_json([Report(source='f', diagnostics=[d])])\n"
        "print('pydantic' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [
        "f:1: warning OVF402: m",
        "1 file(s) checked: 0 error(s), 1 other diagnostic(s)",
        "{",
        "False",
        "True",
    ]
