"""`ovfmodel info`: descriptors, OVAs, package folders and standard input; text and JSON."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_package_support import make_source

from ovfmodel import info
from ovfmodel.package import write_ova

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
REAL = sorted(p for p in DATA.glob("*.ovf") if not p.name.startswith("invalid-"))


def ovfmodel(*argv: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ovfmodel", *argv],
        input=None if stdin is None else stdin.decode("latin-1"),
        capture_output=True,
        text=True,
        encoding="latin-1",
        timeout=120,
    )


def test_ovf_09_items_show_instance_id_and_caption() -> None:
    proc = ovfmodel("info", str(DATA / "vmware-legacy-0.9.ovf"))
    assert proc.returncode == 0, proc.stderr
    assert "[1] type 3: 1 virtual CPU(s)" in proc.stdout
    assert "[8] type 17: disk1" in proc.stdout
    assert "None" not in proc.stdout


def test_standard_input() -> None:
    data = (ROOT / "examples" / "appliance.ovf").read_bytes()
    proc = ovfmodel("info", "-", stdin=data)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(
        "OVF 2.0 descriptor (http://schemas.dmtf.org/ovf/envelope/2): <stdin>"
    )
    assert "round trip: lossless" in proc.stdout


def test_ova_and_folder(tmp_path: Path) -> None:
    src = make_source(tmp_path / "src")
    ova = write_ova(src, tmp_path / "vm.ova")
    proc = ovfmodel("info", str(ova))
    assert proc.returncode == 0, proc.stderr
    assert f"OVA {ova}: 4 files, manifest vm.mf, certificate -" in proc.stdout
    assert "disk1.vmdk" in proc.stdout and "tools.iso" in proc.stdout
    data = json.loads(ovfmodel("info", "--json", str(tmp_path / "src")).stdout)
    assert data["package"]["kind"] == "folder"
    assert data["package"]["descriptor"] == "vm.ovf"
    roles = {m["name"]: m["role"] for m in data["package"]["members"]}
    assert roles == {"vm.ovf": "descriptor", "disk1.vmdk": "disk", "tools.iso": "referenced"}


def test_ova_on_standard_input_is_refused_with_a_hint(tmp_path: Path) -> None:
    ova = write_ova(make_source(tmp_path / "src"), tmp_path / "vm.ova")
    proc = ovfmodel("info", "-", stdin=ova.read_bytes())
    assert proc.returncode == 2
    assert proc.stderr.startswith("ovfmodel: error: <stdin>: standard input holds a tar")
    assert "path instead of -" in proc.stderr and proc.stdout == ""


def test_json_is_the_documented_model() -> None:
    proc = ovfmodel("info", "--json", str(DATA / "vmware-legacy-0.9.ovf"))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    parsed = info.Info.model_validate(data)
    assert parsed.version == "0.9" and parsed.lossless is True and parsed.package is None
    items = parsed.contents[0].items
    assert (items[0].instance_id, items[0].resource_type, items[0].name) == (
        "1",
        3,
        "1 virtual CPU(s)",
    )
    # every field the JSON holds is declared in the published schema
    schema = json.loads((ROOT / "docs" / "schemas" / "info.schema.json").read_text())
    assert set(data) == set(schema["properties"])


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_every_real_descriptor_is_summarised(path: Path) -> None:
    summary = info.describe(path)
    assert summary.lossless is True
    assert info.Info.model_validate_json(summary.model_dump_json(by_alias=True)) == summary
    # by field name too (class_), as the pydantic model read what its model_dump gave
    assert info.Info.model_validate_json(summary.model_dump_json()) == summary
    assert info.Info.model_validate(summary.model_dump()) == summary
    text = info.render_text(summary)
    assert text.startswith(f"OVF {summary.version} descriptor")
    assert "[None]" not in text


def test_a_network_without_name_and_a_profile_without_id_are_null_in_json(
    tmp_path: Path,
) -> None:
    """ovf:name and ovf:id are required by the schema, but a descriptor missing them is still
    summarised (the validator reports it): the JSON says null, as the published schema allows
    (the pydantic model raised a traceback, the first dataclass version wrote null against its
    own schema)."""
    text = (DATA / "vmware-ovftool-appliance.ovf").read_text(encoding="utf-8")
    text = text.replace('<Network ovf:name="Uplink">', "<Network>")
    text = text.replace('<Configuration ovf:id="performance">', "<Configuration>")
    path = tmp_path / "unnamed.ovf"
    path.write_text(text, encoding="utf-8")
    proc = ovfmodel("info", "--json", str(path))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [n["name"] for n in data["networks"]] == ["VM Network", None]
    assert [p["id"] for p in data["profiles"]] == ["standard", None]
    assert info.Info.model_validate(data).networks[1].name is None
    schema = json.loads((ROOT / "docs" / "schemas" / "info.schema.json").read_text())
    for cls, name in (("NetworkInfo", "name"), ("ProfileInfo", "id")):
        types = [t.get("type") for t in schema["$defs"][cls]["properties"][name]["anyOf"]]
        assert types == ["string", "null"]


def test_collections_are_nested_in_text() -> None:
    summary = info.describe(DATA / "vmware-vcenter-nested-vapp.ovf")
    depths = [c.depth for c in summary.contents]
    assert depths[0] == 0 and max(depths) >= 1
    assert summary.contents[0].kind == "VirtualSystemCollection"


def test_control_characters_from_the_descriptor_are_escaped() -> None:
    data = (ROOT / "examples" / "appliance.ovf").read_bytes()
    # XML 1.0 allows C1 controls (CSI, U+009B), newlines and bidi overrides in text
    data = data.replace(b"<Name>", b"<Name>&#x9b;2J&#10;OK &#x202e;", 1)
    assert b"&#x9b;" in data
    proc = ovfmodel("info", "-", stdin=data)
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if x.startswith("  VirtualSystem"))
    assert line.endswith("(\\x9b2J\\nOK \\u202eAurora Mail Gateway)")


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["info", "no-such.ovf"], "ovfmodel: error: no-such.ovf: no such file or folder"),
        (["info"], "ovfmodel: error: the following arguments are required: PATH"),
    ],
)
def test_unreadable_input_exits_2(argv: list[str], needle: str) -> None:
    proc = ovfmodel(*argv)
    assert proc.returncode == 2
    assert needle in proc.stderr
    assert "Traceback" not in proc.stderr


def test_not_xml_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ovf"
    bad.write_text("<Envelope", encoding="utf-8")
    proc = ovfmodel("info", str(bad))
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"ovfmodel: error: {bad}:1:")


def test_schema_command_prints_the_published_schema() -> None:
    proc = ovfmodel("schema", "info")
    assert proc.returncode == 0
    assert proc.stdout == (ROOT / "docs" / "schemas" / "info.schema.json").read_text()


def _counting_canonical(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    calls: list[bytes] = []
    real = info.canonical

    def counted(data: bytes) -> str:
        calls.append(data)
        return real(data)

    monkeypatch.setattr(info, "canonical", counted)
    return calls


def test_round_trip_check_compares_bytes_before_c14n(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ovfmodel import parse, serialize
    from ovfmodel.cli import main

    calls = _counting_canonical(monkeypatch)
    appliance = ROOT / "examples" / "appliance.ovf"
    # the example's start tags span lines: its bytes come back different, equal under C14N
    doc = parse(appliance)
    assert info.round_trips(doc, appliance.read_bytes())
    assert len(calls) == 2
    # a file as serialize writes it comes back byte for byte: no canonical form is made
    same = tmp_path / "same.ovf"
    same.write_bytes(serialize(doc))
    calls.clear()
    assert main(["info", str(same)]) == 0
    assert calls == []
    # the check runs once per info, and a real difference is still caught by C14N
    changed = serialize(doc).replace(b"<Envelope ", b"<Envelope\n  ", 1)
    calls.clear()
    assert info.describe_bytes(changed, "changed.ovf").lossless is True  # start tag layout aside
    assert gc.isenabled()  # paused while the summary is built, not left off
    assert len(calls) == 2
    calls.clear()
    assert info.round_trips(parse(changed), changed.replace(b"<Info>", b"<Info>x", 1)) is False
    assert len(calls) == 2
