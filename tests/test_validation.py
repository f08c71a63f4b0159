"""Tests of ovfmodel.validation: each rule fires with its code and line, and stays silent."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import ovfmodel
from ovfmodel import OvfDocument, model
from ovfmodel.builder.spec import build_spec, load_spec
from ovfmodel.diagnostics import CATALOG, Diagnostic, Location, Report, Severity
from ovfmodel.starttags import LAST_EXACT_LINE
from ovfmodel.validation import validate
from ovfmodel.validation.cli import main
from ovfmodel.validation.output import json_schema, to_json, to_sarif, to_text
from ovfmodel.validation.source import SourceDoc

DATA = Path(__file__).parent / "data"
VMDK = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"
EXAMPLES = Path(__file__).parent.parent / "examples"

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" '
    'xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" '
    'xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/'
    'CIM_ResourceAllocationSettingData" '
    'xmlns:vmw="http://www.vmware.com/schema/ovf">\n'
)


def item(iid: str, rt: int, extra: str = "", attrs: str = "") -> str:
    """An Item with its RASD elements in schema (alphabetical) order."""
    parts = re.findall(r"<rasd:(\w+)>.*?</rasd:\1>", extra)
    elems = re.findall(r"<rasd:\w+>.*?</rasd:\w+>", extra)
    body = sorted(
        [
            *zip(parts, elems, strict=True),
            ("ElementName", f"<rasd:ElementName>i{iid}</rasd:ElementName>"),
            ("InstanceID", f"<rasd:InstanceID>{iid}</rasd:InstanceID>"),
            ("ResourceType", f"<rasd:ResourceType>{rt}</rasd:ResourceType>"),
        ]
    )
    return f"<Item{attrs}>" + "".join(e for _, e in body) + "</Item>\n"


STD_ITEMS = (
    item("1", 3, "<rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits>", "")
    + item("2", 4, "<rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>")
    + item("3", 6, "<rasd:Address>0</rasd:Address>")
    + item(
        "4",
        17,
        "<rasd:AddressOnParent>0</rasd:AddressOnParent>"
        "<rasd:HostResource>ovf:/disk/d1</rasd:HostResource>"
        "<rasd:Parent>3</rasd:Parent>",
    )
    + item("5", 10, "<rasd:Connection>lan</rasd:Connection>")
)


def envelope(
    *,
    refs: str = '<File ovf:href="d1.vmdk" ovf:id="f1"/>',
    disks: str = '<Disk ovf:capacity="1" ovf:capacityAllocationUnits="byte * 2^30" '
    f'ovf:diskId="d1" ovf:fileRef="f1" ovf:format="{VMDK}"/>',
    envelope_sections: str = "",
    vs_sections: str = "",
    items: str = STD_ITEMS,
    vs_id: str = "vm1",
    envelope_attrs: str = "",
    content: str | None = None,
) -> str:
    head = HEAD.replace("<Envelope ", f"<Envelope {envelope_attrs} ") if envelope_attrs else HEAD
    vs = content or (
        f'<VirtualSystem ovf:id="{vs_id}">\n<Info>vm</Info>\n{vs_sections}'
        "<VirtualHardwareSection>\n<Info>hw</Info>\n"
        f"{items}</VirtualHardwareSection>\n</VirtualSystem>\n"
    )
    return (
        f"{head}<References>{refs}</References>\n"
        f"<DiskSection><Info>disks</Info>{disks}</DiskSection>\n"
        '<NetworkSection><Info>nets</Info><Network ovf:name="lan">'
        "<Description>LAN</Description></Network></NetworkSection>\n"
        f"{envelope_sections}{vs}</Envelope>\n"
    )


def run(text: str, **kw: object) -> Report:
    return validate(text.encode(), **kw)  # type: ignore[arg-type]


def line_of(text: str, needle: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


def only(report: Report, code: str) -> list[Diagnostic]:
    return [d for d in report.diagnostics if d.code == code]


def test_clean_document_is_silent() -> None:
    report = run(envelope())
    assert report.diagnostics == [], [d.format_text() for d in report.diagnostics]
    assert report.ok


CASES: list[tuple[str, dict[str, str], str]] = [
    # (code, envelope kwargs, needle on the line the diagnostic must point at)
    (
        "OVF101",
        {"refs": '<File ovf:href="d1.vmdk" ovf:id="f1"/>\n<File ovf:href="x" ovf:id="f1"/>'},
        'ovf:href="x"',
    ),
    (
        "OVF110",
        {
            "refs": '<File ovf:href="d1.vmdk" ovf:id="f1"/>\n'
            '<File ovf:href="../etc/passwd" ovf:id="f2"/>'
        },
        "passwd",
    ),
    (
        "OVF102",
        {
            "refs": '<File ovf:href="d1.vmdk" ovf:id="f1"/>\n'
            '<File ovf:href="C:\\disks\\x.iso" ovf:id="f2"/>'
        },
        "disks",
    ),
    (
        "OVF102",
        {
            "refs": '<File ovf:href="d1.vmdk" ovf:id="f1"/>\n'
            '<File ovf:href="/abs/x.iso" ovf:id="f2"/>'
        },
        "abs",
    ),
    (
        "OVF103",
        {
            "refs": '<File ovf:href="d1.vmdk" ovf:id="f1"/>\n'
            '<File ovf:href="https://e.example/x.iso" ovf:id="f2"/>'
        },
        "https",
    ),
    (
        "OVF104",
        {
            "refs": '<File ovf:href="d1.vmdk" ovf:id="f1"/>\n'
            '<File ovf:href="http://e.example/x.iso" ovf:id="f2"/>'
        },
        "e.example/x.iso",
    ),
    ("OVF105", {"refs": '\n<File ovf:chunkSize="0" ovf:href="d1.vmdk" ovf:id="f1"/>'}, "chunkSize"),
    (
        "OVF106",
        {"refs": '\n<File ovf:chunkSize="10" ovf:href="d1.vmdk.000000000" ovf:id="f1"/>'},
        "chunkSize",
    ),
    (
        "OVF107",
        {"refs": '<File ovf:href="d1.vmdk" ovf:id="f1"/>\n<File ovf:href="x.iso" ovf:id="f2"/>'},
        "x.iso",
    ),
    (
        "OVF201",
        {
            "disks": '<Disk ovf:capacity="1" ovf:diskId="d1" ovf:fileRef="f1"/>\n'
            '<Disk ovf:capacity="2" ovf:diskId="d1"/>'
        },
        'capacity="2"',
    ),
    (
        "OVF108",
        {
            "vs_sections": '<ProductSection><Info>p</Info>\n<Icon ovf:fileRef="no-icon" '
            'ovf:height="32" ovf:mimeType="image/png" ovf:width="32"/></ProductSection>\n'
        },
        "no-icon",
    ),
    ("OVF202", {"disks": '\n<Disk ovf:capacity="1" ovf:diskId="d1" ovf:fileRef="nope"/>'}, "nope"),
    (
        "OVF203",
        {
            "disks": '<Disk ovf:capacity="1" ovf:diskId="d1" ovf:fileRef="f1"/>\n'
            '<Disk ovf:capacity="2" ovf:diskId="d2"/>'
        },
        '"d2"',
    ),
    (
        "OVF204",
        {"disks": '\n<Disk ovf:capacity="${size}" ovf:diskId="d1" ovf:fileRef="f1"/>'},
        "size",
    ),
    ("OVF204", {"disks": '\n<Disk ovf:capacity="big" ovf:diskId="d1" ovf:fileRef="f1"/>'}, "big"),
    (
        "OVF205",
        {
            "disks": '\n<Disk ovf:capacity="1" ovf:capacityAllocationUnits="bit * 2^3" '
            'ovf:diskId="d1" ovf:fileRef="f1"/>'
        },
        "bit",
    ),
    (
        "OVF206",
        {
            "disks": '<Disk ovf:capacity="1" ovf:diskId="d1" ovf:fileRef="f1"/>\n'
            '<Disk ovf:capacity="1" ovf:diskId="d2" ovf:parentRef="zz"/>'
        },
        "zz",
    ),
    ("OVF002", {"envelope_attrs": 'ovf:version="2.0"'}, "<Envelope"),
    ("OVF304", {"vs_sections": "<vmw:Lic>\n<Info>x</Info></vmw:Lic>\n"}, "<vmw:Lic"),
    (
        "OVF305",
        {"vs_sections": '<vmw:Lic ovf:required="false"><Info>x</Info></vmw:Lic>\n'},
        "<vmw:Lic",
    ),
    (
        "OVF306",
        {
            "vs_sections": '<OperatingSystemSection ovf:id="4242"><Info>os</Info>'
            "</OperatingSystemSection>\n"
        },
        "4242",
    ),
    ("OVF401", {"items": STD_ITEMS + item("5", 11)}, "<rasd:ResourceType>11"),
    ("OVF402", {"items": STD_ITEMS + item("6", 15, "<rasd:Parent>99</rasd:Parent>")}, "99"),
    (
        "OVF403",
        {"items": STD_ITEMS + item("6", 17, "<rasd:HostResource>ovf:/disk/zz</rasd:HostResource>")},
        "zz",
    ),
    (
        "OVF404",
        {"items": STD_ITEMS + item("6", 10, "<rasd:Connection>wan</rasd:Connection>")},
        "wan",
    ),
    (
        "OVF405",
        {
            "items": STD_ITEMS
            + item(
                "6",
                15,
                "<rasd:AddressOnParent>0</rasd:AddressOnParent><rasd:Parent>3</rasd:Parent>",
            )
        },
        "i6",
    ),
    (
        "OVF406",
        {
            "items": STD_ITEMS
            + item(
                "6",
                15,
                "<rasd:AddressOnParent>16</rasd:AddressOnParent><rasd:Parent>3</rasd:Parent>",
            )
        },
        "i6",
    ),
    ("OVF406", {"items": STD_ITEMS + item("6", 5, "<rasd:Address>2</rasd:Address>")}, "i6"),
    ("OVF407", {"items": STD_ITEMS + item("6", 35)}, "i6"),
    (
        "OVF408",
        {
            "items": item("1", 3, "<rasd:VirtualQuantity>0</rasd:VirtualQuantity>")
            + STD_ITEMS[STD_ITEMS.index("\n") + 1 :]
        },
        "i1",
    ),
    (
        "OVF409",
        {
            "items": STD_ITEMS
            + item("6", 4, "<rasd:AllocationUnits>furlongs</rasd:AllocationUnits>")
        },
        "furlongs",
    ),
    ("OVF410", {"items": STD_ITEMS + item("6", 10, "", ' ovf:bound="avg"')}, "avg"),
    ("OVF501", {"items": STD_ITEMS + item("6", 10, "", ' ovf:configuration="huge"')}, "huge"),
    (
        "OVF004",
        {"items": STD_ITEMS + item("6", 4, "<rasd:VirtualQuantity>${mem}</rasd:VirtualQuantity>")},
        "${mem}",
    ),
]


@pytest.mark.parametrize(("code", "kwargs", "needle"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires_with_code_and_line(code: str, kwargs: dict[str, str], needle: str) -> None:
    text = envelope(**kwargs)
    report = validate(text.encode(), xsd=False)
    found = only(report, code)
    assert found, [d.format_text() for d in report.diagnostics]
    assert found[0].location.line == line_of(text, needle)
    assert found[0].location.column is not None
    assert found[0].spec == CATALOG[code].spec
    assert found[0].severity is CATALOG[code].severity


DEPLOY = (
    "<DeploymentOptionSection><Info>sizes</Info>\n"
    '<Configuration ovf:default="true" ovf:id="small"><Label>S</Label>'
    "<Description>s</Description></Configuration>\n"
    '<Configuration ovf:id="big"><Label>B</Label><Description>b</Description></Configuration>\n'
    "</DeploymentOptionSection>\n"
)


def test_instance_ids_may_repeat_across_disjoint_configurations() -> None:
    items = (
        STD_ITEMS
        + item("6", 10, "", ' ovf:configuration="small"')
        + item("6", 10, "", ' ovf:configuration="big"')
        + item("1", 3, "", ' ovf:bound="max"')
    )
    report = run(envelope(envelope_sections=DEPLOY, items=items), xsd=False)
    assert report.codes() == []
    # 9.8: Items sharing an InstanceID combine, whatever their configurations; they must
    # agree on ResourceType
    overlapping = items + item("6", 10, "", ' ovf:configuration="big small"')
    assert run(envelope(envelope_sections=DEPLOY, items=overlapping)).codes() == []
    disagreeing = items + item("6", 11, "", ' ovf:configuration="big small"')
    [d] = run(envelope(envelope_sections=DEPLOY, items=disagreeing)).diagnostics
    assert d.code == "OVF401" and d.location.line == line_of(
        envelope(envelope_sections=DEPLOY, items=disagreeing), "<rasd:ResourceType>11"
    )


def test_configurations_two_defaults_and_duplicates() -> None:
    two = DEPLOY.replace(
        '<Configuration ovf:id="big">', '<Configuration ovf:default="true" ovf:id="big">'
    )
    text = envelope(envelope_sections=two)
    [d] = only(run(text, xsd=False), "OVF502")
    assert d.location.line == line_of(text, 'ovf:id="big"')
    dup = DEPLOY.replace('ovf:id="big"', 'ovf:id="small"')
    assert "OVF503" in run(envelope(envelope_sections=dup), xsd=False).codes()


def product(props: str) -> str:
    return f'<ProductSection ovf:class="org.app"><Info>p</Info>\n{props}</ProductSection>\n'


@pytest.mark.parametrize(
    ("prop", "code"),
    [
        ('<Property ovf:key="n" ovf:type="uint8" ovf:value="300"/>', "OVF602"),
        ('<Property ovf:key="n" ovf:type="boolean" ovf:value="yes"/>', "OVF602"),
        ('<Property ovf:key="n" ovf:type="real32" ovf:value="x"/>', "OVF602"),
        # Python's float() reads these; XML numbers are not written so
        ('<Property ovf:key="n" ovf:type="real64" ovf:value="inf"/>', "OVF602"),
        ('<Property ovf:key="n" ovf:type="real64" ovf:value="nan"/>', "OVF602"),
        ('<Property ovf:key="n" ovf:type="real64" ovf:value="1_000"/>', "OVF602"),
        ('<Property ovf:key="n" ovf:type="real32" ovf:value="1e39"/>', "OVF602"),
        (
            '<Property ovf:key="n" ovf:type="string" ovf:qualifiers="MaxLen(2)" ovf:value="abc"/>',
            "OVF603",
        ),
        (
            '<Property ovf:key="n" ovf:type="string" ovf:qualifiers="MinLen(5)" ovf:value="abc"/>',
            "OVF603",
        ),
        (
            '<Property ovf:key="n" ovf:type="uint16" ovf:qualifiers="MinValue(10)" ovf:value="3"/>',
            "OVF603",
        ),
        (
            '<Property ovf:key="n" ovf:type="uint16" ovf:qualifiers="MaxValue(10)" ovf:value="30"/>',
            "OVF603",
        ),
        (
            '<Property ovf:key="n" ovf:type="string" ovf:qualifiers=\'ValueMap{"a","b"}\' '
            'ovf:value="c"/>',
            "OVF603",
        ),
        ('<Property ovf:key="n" ovf:type="ipaddr" ovf:value="c"/>', "OVF604"),
        (
            '<Property ovf:key="n" ovf:type="string"/>\n'
            '<Property ovf:key="n" ovf:type="string" ovf:value="z"/>',
            "OVF601",
        ),
    ],
)
def test_product_properties(prop: str, code: str) -> None:
    text = envelope(vs_sections=product(prop))
    found = only(run(text, xsd=False), code)
    assert found
    assert found[0].location.line == line_of(text, prop.splitlines()[-1])


def test_valid_properties_are_silent() -> None:
    props = (
        '<Property ovf:key="a" ovf:type="uint8" ovf:value="255"/>\n'
        '<Property ovf:key="b" ovf:type="string" ovf:qualifiers="MinLen(1),MaxLen(3)" '
        'ovf:value="ab"/>\n'
        '<Property ovf:key="c" ovf:type="string" ovf:qualifiers=\'ValueMap{"x","y"}\' '
        'ovf:value="y"/>\n'
        '<Property ovf:key="d" ovf:type="sint32" ovf:qualifiers="ValueMap{"1..10"}" '
        'ovf:value="5"/>\n'
        '<Property ovf:key="e" ovf:type="boolean" ovf:value="true"/>\n'
        '<Property ovf:key="size" ovf:type="uint64" ovf:value="10"/>\n'
        '<Property ovf:key="f" ovf:type="string" ovf:qualifiers="MinLen(8)"/>\n'
    ).replace('"1..10"', "&quot;1..10&quot;")
    disks = '<Disk ovf:capacity="${size}" ovf:diskId="d1"/>'  # an empty disk (9.1)
    report = run(envelope(refs="", vs_sections=product(props), disks=disks), xsd=False)
    assert report.codes() == []


def test_content_rules() -> None:
    dup_items = STD_ITEMS
    vs = (
        f'<VirtualSystem ovf:id="a"><Info>a</Info><VirtualHardwareSection><Info>h</Info>'
        f"{dup_items}</VirtualHardwareSection></VirtualSystem>\n"
    )
    text_content = (
        '<VirtualSystemCollection ovf:id="app"><Info>c</Info>\n'
        '<StartupSection><Info>s</Info><Item ovf:id="zz" ovf:order="0"/></StartupSection>\n'
        f"{vs}"
        '<VirtualSystem ovf:id="a"><Info>b</Info></VirtualSystem>\n'
        "</VirtualSystemCollection>\n"
    )
    text = envelope(content=text_content)
    report = run(text, xsd=False)
    assert only(report, "OVF303")[0].location.line == line_of(text, 'ovf:id="zz"')
    assert only(report, "OVF301")[0].location.line == line_of(text, "<Info>b</Info>")
    [nohw] = only(report, "OVF302")
    assert nohw.location.line == line_of(text, "<Info>b</Info>")
    assert nohw.location.path == "VirtualSystemCollection[app]/VirtualSystem[a]"


def test_msgid_and_unexpected_element() -> None:
    text = envelope(
        vs_sections='<AnnotationSection><Info ovf:msgid="m.x">i</Info>'
        "<Annotation>a</Annotation></AnnotationSection>\n"
    )
    report = run(text, xsd=False)
    [d] = only(report, "OVF605")
    assert d.location.line == line_of(text, "m.x")
    strings = text.replace(
        "</Envelope>", '<Strings xml:lang="de"><Msg ovf:msgid="m.x">x</Msg></Strings></Envelope>'
    )
    assert "OVF605" not in run(strings, xsd=False).codes()
    bad = envelope(vs_sections="<Info>again</Info>\n")
    [u] = only(run(bad, xsd=False), "OVF003")
    assert u.location.line == line_of(bad, "again")
    assert u.location.path == "VirtualSystem[vm1]"


def test_paths_are_readable() -> None:
    text = envelope(items=STD_ITEMS + item("6", 15, "<rasd:Parent>99</rasd:Parent>"))
    [d] = only(run(text, xsd=False), "OVF402")
    assert d.location.path == "VirtualSystem[vm1]/VirtualHardwareSection/Item[InstanceID=6]"


def test_unreadable_input_is_a_diagnostic() -> None:
    report = validate(b"<Envelope>\n<oops></Envelope>")
    [d] = report.diagnostics
    assert d.code == "OVF001" and d.location.line == 2 and d.location.column is not None
    assert not report.ok
    assert validate(b"<root/>").codes() == ["OVF001"]
    assert validate("/nonexistent/x.ovf").codes() == ["OVF001"]


def test_select_and_ignore() -> None:
    text = envelope(
        items=STD_ITEMS + item("6", 15, "<rasd:Parent>99</rasd:Parent>") + item("7", 35)
    )
    assert set(run(text, xsd=False).codes()) == {"OVF402", "OVF407"}
    assert run(text, select="OVF4", ignore="OVF407").codes() == ["OVF402"]
    assert run(text, select=["OVF407"]).codes() == ["OVF407"]
    assert run(text, ignore="OVF").codes() == []


def test_checkers_and_extra_diagnostics() -> None:
    extra = Diagnostic(
        code="PKG101", severity=Severity.ERROR, message="missing", location=Location(file="x")
    )
    report = run(envelope(), extra=[extra], checkers=[lambda doc: [extra]], xsd=False)
    assert report.codes() == ["PKG101", "PKG101"]
    assert run(envelope(), extra=[extra], ignore="PKG", xsd=False).codes() == []


def test_xsd_reports_schema_errors_with_lines() -> None:
    text = envelope().replace("<Info>vm</Info>", "<Bogus/>")
    report = run(text)
    xsd = only(report, "OVF901")
    assert xsd and xsd[0].location.line == line_of(text, "<Bogus/>")
    assert run(envelope()).codes() == []
    assert run(
        envelope(vs_sections='<vmw:Lic ovf:required="false"><Info>x</Info></vmw:Lic>\n')
    ).codes() == ["OVF305"]


def test_xsd_without_schemas(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from ovfmodel import schemas

    monkeypatch.setenv(schemas.ENV_VAR, str(tmp_path))
    schemas.compiled.cache_clear()
    try:
        report = run(envelope())
    finally:
        monkeypatch.delenv(schemas.ENV_VAR)
        schemas.compiled.cache_clear()
    [d] = report.diagnostics
    assert d.code == "OVF904" and "ovfmodel schemas fetch" in d.message
    assert report.ok


def test_ovf09_has_no_schema_info() -> None:
    report = validate(DATA / "vmware-legacy-0.9.ovf")
    assert report.codes() == ["OVF903"] and report.ok


# tests/data/index.json describes the corpus: whether each file is meant XSD-valid and
# semantically valid, and the codes `ovfmodel validate` reports for it with the XML Schema
# ("codes") and without ("codes_no_xsd")
INDEX: list[dict[str, Any]] = json.loads((DATA / "index.json").read_text(encoding="utf-8"))
ENTRIES = {e["file"]: e for e in INDEX}
# codes that say the pristine DMTF schema rejects a file (extension sections are removed before
# schema validation and reported as OVF304/OVF305 instead; OVF 0.9 has no schema at all)
NOT_XSD_VALID = {"OVF901", "OVF902", "OVF903", "OVF304", "OVF305"}


def test_index_lists_the_whole_corpus() -> None:
    assert sorted(ENTRIES) == sorted(p.name for p in DATA.glob("*.ovf"))


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_corpus_file_gets_the_diagnostics_it_deserves(name: str) -> None:
    entry = ENTRIES[name]
    report = validate(DATA / name)
    assert sorted(set(report.codes())) == entry["codes"], [
        d.format_text() for d in report.diagnostics
    ]
    assert sorted(set(validate(DATA / name, xsd=False).codes())) == entry["codes_no_xsd"]
    assert entry["xsd_valid"] == (not NOT_XSD_VALID & set(entry["codes"]))


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_semantic_validity_matches_the_index(name: str) -> None:
    report = validate(DATA / name, xsd=False)
    if ENTRIES[name]["semantically_valid"]:
        assert report.ok, [d.format_text() for d in report.errors]
    else:  # an error, or a warning a consumer must heed (an undefined msgid)
        problems = [d for d in report.diagnostics if d.severity is not Severity.INFO]
        assert problems, [d.format_text() for d in report.diagnostics]


def _built_examples() -> list[tuple[str, OvfDocument]]:
    sys.path.insert(0, str(EXAMPLES))
    try:
        import build_appliance  # type: ignore[import-not-found]  # examples/ is no package
    finally:
        sys.path.remove(str(EXAMPLES))
    spec = build_spec(load_spec(EXAMPLES / "appliance.yaml"))
    return [("build_appliance.py", build_appliance.build()), ("appliance.yaml", spec)]


EXAMPLE_FILES = sorted(EXAMPLES.glob("*.ovf"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_examples_validate_without_errors(path: Path) -> None:
    report = validate(path)
    assert report.ok, [d.format_text() for d in report.errors]
    assert not [d for d in report.diagnostics if d.code in NOT_XSD_VALID - {"OVF305"}]


def test_built_examples_validate_without_errors() -> None:
    for name, doc in _built_examples():
        report = validate(doc)
        assert report.diagnostics == [], (name, [d.format_text() for d in report.diagnostics])
        assert report.source == "<document> (as serialized)"


def test_outputs() -> None:
    reports = [validate(DATA / "invalid-hostresource-missing-disk.ovf"), run(envelope())]
    text = to_text(reports)
    assert "invalid-hostresource-missing-disk.ovf:71:7: error OVF403:" in text
    data = json.loads(to_json(reports))
    assert data[0]["diagnostics"][0]["code"] == "OVF403"
    schema = json_schema()
    assert schema["type"] == "array" and "Report" in json.dumps(schema)
    sarif = json.loads(to_sarif(reports))
    assert sarif["version"] == "2.1.0"
    run0 = sarif["runs"][0]
    ids = [r["id"] for r in run0["tool"]["driver"]["rules"]]
    assert "OVF403" in ids
    [res] = run0["results"]
    assert res["ruleId"] == "OVF403" and res["level"] == "error"
    assert ids[res["ruleIndex"]] == "OVF403"
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 71, "startColumn": 7}
    rule = run0["tool"]["driver"]["rules"][res["ruleIndex"]]
    assert rule["properties"] == {"spec": CATALOG["OVF403"].spec, "versions": "0.9, 1.x, 2.x"}


def test_sarif_uris_are_uri_references(tmp_path: Path) -> None:
    """SARIF 2.1.0 3.10: artifactLocation.uri is a URI reference (RFC 3986). A relative path
    is percent-encoded: a '#' would make the rest of the name a fragment, a space is no URI
    character. Absolute paths are file: URIs."""
    name = "my vm #1 \u00e9 50%.ovf"
    (tmp_path / name).write_bytes((DATA / "invalid-hostresource-missing-disk.ovf").read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "validate", "--format", "sarif", name],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    [res] = json.loads(done.stdout)["runs"][0]["results"]
    uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20vm%20%231%20%C3%A9%2050%25.ovf"
    assert urllib.parse.unquote(uri) == name
    absolute = json.loads(to_sarif([validate(tmp_path / name)]))["runs"][0]["results"][0]
    uri = absolute["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == (tmp_path / name).as_uri() and "#" not in uri


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.ovf"
    good.write_text(envelope())
    assert main(["validate", str(good)]) == 0
    capsys.readouterr()
    missing = str(DATA / "invalid-hostresource-missing-disk.ovf")
    assert main(["validate", missing, "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)[0]["diagnostics"][0]["code"] == "OVF403"
    # a warning alone (OVF402: no shall behind it) does not fail
    assert main(["validate", str(DATA / "invalid-parent-missing.ovf")]) == 0
    bad = tmp_path / "bad.ovf"
    bad.write_text("<x")
    assert main(["validate", str(bad)]) == 2
    assert main(["validate", str(good), "--select", "NOPE"]) == 2
    assert (
        main(
            [
                "validate",
                missing,
                "--ignore",
                "OVF403",
                "--no-xsd",
                "--format",
                "sarif",
            ]
        )
        == 0
    )


# --- the validator reads the XML infoset, not the typed model -----------------------------------


def test_a_value_of_the_wrong_type_is_reported_once() -> None:
    text = envelope(
        items=STD_ITEMS + item("6", 4, "<rasd:VirtualQuantity>${mem}</rasd:VirtualQuantity>")
    )
    with_schema = run(text)
    assert "OVF004" not in with_schema.codes()
    [xsd] = only(with_schema, "OVF901")
    assert xsd.location.line == line_of(text, "${mem}") and "${mem}" in xsd.message
    [value] = only(run(text, xsd=False), "OVF004")
    assert "VirtualQuantity '${mem}'" in value.message
    # without the schema verdict (OVF9 not selected) the binder's view reports it
    assert run(text, select="OVF004").codes() == ["OVF004"]


def test_a_misplaced_element_is_reported_once() -> None:
    text = envelope(vs_sections="<Info>again</Info>\n")
    assert set(run(text).codes()) == {"OVF901"}
    [u] = only(run(text, xsd=False), "OVF003")
    assert "second element" in u.message and u.location.column is not None


def test_xinclude_is_reported_with_or_without_schema() -> None:
    text = envelope(
        vs_sections='<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="x.xml" '
        'ovf:required="false"/>\n'
    )
    for report in (run(text), run(text, xsd=False)):
        [x] = only(report, "OVF003")
        assert "XInclude" in x.message and x.location.line == line_of(text, "xi:include")


@pytest.mark.parametrize(
    ("uri", "encoding"),
    [
        ("http://www.w3.org/2001/X&#73;nclude", "UTF-8"),  # a character reference spells it
        ("http://www.w3.org/2003/XInclude", "UTF-16"),  # not ASCII bytes, told by a BOM only
        ("http://www.w3.org/2001/XInclude", "ISO-8859-1"),
    ],
)
def test_xinclude_is_found_however_its_namespace_is_written(uri: str, encoding: str) -> None:
    """The rule skips its walk of the tree only when the document cannot name XInclude."""
    text = envelope(vs_sections=f'<xi:include xmlns:xi="{uri}" href="x.xml"/>\n')
    declared = f'<?xml version="1.0" encoding="{encoding}"?>' if encoding != "UTF-16" else ""
    data = text.replace('<?xml version="1.0" encoding="UTF-8"?>', declared).encode(encoding)
    [x] = only(validate(data), "OVF003")
    assert x.location.line == line_of(text, "xi:include")


def test_bad_resource_type_is_reported_once() -> None:
    text = envelope(items=STD_ITEMS + item("6", 10).replace(">10<", ">abc<"))
    assert "OVF004" not in run(text).codes() and "OVF901" in run(text).codes()
    [d] = only(run(text, xsd=False), "OVF004")
    assert d.message == "ResourceType 'abc' is not a number"


def test_checkers_get_the_typed_document() -> None:
    seen: list[object] = []

    def checker(doc: OvfDocument) -> list[Diagnostic]:
        seen.append(doc)
        return []

    run(envelope(), checkers=[checker])
    [doc] = seen
    assert isinstance(doc, OvfDocument) and doc.namespace.endswith("/1")


def test_validating_a_typed_document(tmp_path: Path) -> None:
    path = tmp_path / "vm.ovf"
    path.write_text(envelope(items=STD_ITEMS + item("6", 15, "<rasd:Parent>99</rasd:Parent>")))
    doc = ovfmodel.parse(path)
    report = validate(doc)
    # it serializes back to the file, so locations are the file's
    assert ovfmodel.serialize(doc) == path.read_bytes()
    assert report.source == str(path) and report.codes() == ["OVF402"]
    assert report.diagnostics[0].location == validate(path).diagnostics[0].location
    items = model.items(model.virtual_systems(doc)[0])
    items[-1].parent = None  # fixes the dangling Parent; the text changes
    changed = validate(doc)
    assert changed.source == f"{path} (as serialized)" and changed.ok


def test_ovf09_rules_read_xsi_typed_sections() -> None:
    base = (DATA / "vmware-legacy-0.9.ovf").read_text(encoding="utf-8")
    broken = base.replace('ovf:fileRef="file1"', 'ovf:fileRef="nofile"').replace(
        "<rasd:Parent>5</rasd:Parent>", "<rasd:Parent>55</rasd:Parent>"
    )
    report = validate(broken.encode(), xsd=False)
    assert {"OVF202", "OVF402"} <= set(report.codes())
    [parent] = only(report, "OVF402")
    assert (
        parent.location.path
        == "VirtualSystem[osprey-wiki]/VirtualHardwareSection/Item[InstanceID=6]"
    )
    [disk] = only(report, "OVF202")
    assert disk.location.path == "DiskSection/Disk[vmdisk1]"


def test_virtualbox_xsd_suffixed_namespaces_are_read() -> None:
    base = (DATA / "virtualbox-7-ovf20.ovf").read_text(encoding="utf-8")
    assert "CIM_StorageAllocationSettingData.xsd" in base
    broken = re.sub(r"(<sasd:Parent>)\d+(</sasd:Parent>)", r"\g<1>999\2", base, count=1)
    assert broken != base
    [d] = only(validate(broken.encode(), xsd=False), "OVF402")
    assert "/StorageItem[InstanceID=" in (d.location.path or "")


def test_top_level_validate() -> None:
    assert ovfmodel.validate(DATA / "invalid-parent-missing.ovf").codes() == ["OVF402"]
    assert ovfmodel.validate(envelope().encode(), name="mine.ovf").source == "mine.ovf"


def test_hostile_values_end_in_diagnostics() -> None:
    """Values built to make a validator hang or crash: numbers of thousands of digits, a unit
    of 10^9999 bytes, long runs the regular expressions must not retry from every position
    (these would take hours if the work were quadratic)."""
    big = "9" * 5000
    props = (
        f'<Property ovf:key="n" ovf:type="uint8" ovf:value="{big}"/>\n'
        f'<Property ovf:key="q" ovf:type="string" ovf:qualifiers="{"a" * 200_000}" '
        'ovf:value="x"/>\n'
    )
    items = (
        STD_ITEMS
        + item("6", 4, f"<rasd:VirtualQuantity>{big}</rasd:VirtualQuantity>")
        + item("7", 3, f"<rasd:AllocationUnits>hertz{' ' * 200_000}x</rasd:AllocationUnits>")
        + item("8", 4, "<rasd:AllocationUnits>byte * 10^99999999</rasd:AllocationUnits>")
        + item(
            "9",
            17,
            f"<rasd:AddressOnParent>{big}</rasd:AddressOnParent><rasd:Parent>3</rasd:Parent>",
        )
    )
    text = envelope(vs_sections=product(props), items=items)
    for xsd in (True, False):
        codes = set(run(text, xsd=xsd).codes())
        assert {"OVF602", "OVF406", "OVF409"} <= codes
        assert ("OVF901" if xsd else "OVF004") in codes


def test_required_extension_in_virtual_hardware() -> None:
    text = envelope(
        items=STD_ITEMS + '<vmw:Thing ovf:required="true"/>\n<vmw:Other ovf:required="false"/>\n'
    )
    [d] = only(run(text, xsd=False), "OVF304")
    assert d.location.line == line_of(text, "vmw:Thing") and d.message.startswith("element ")
    assert d.location.path == "VirtualSystem[vm1]/VirtualHardwareSection/Thing"
    assert "OVF305" not in run(text, xsd=False).codes()  # optional extensions inside are fine


def test_dangling_environment_file_and_strings_refs_are_ovf108() -> None:
    """OVF 2.0 only: EnvironmentFilesSection; a Strings bundle's fileRef too."""
    ns2 = "http://schemas.dmtf.org/ovf/envelope/2"
    text = (
        f'<Envelope xmlns="{ns2}" xmlns:ovf="{ns2}"><References/>\n'
        '<VirtualSystem ovf:id="vm"><Info>vm</Info>\n'
        "<EnvironmentFilesSection><Info>e</Info>\n"
        '<File ovf:fileRef="no-env" ovf:path="a.txt"/></EnvironmentFilesSection>\n'
        "<VirtualHardwareSection><Info>hw</Info></VirtualHardwareSection></VirtualSystem>\n"
        '<Strings xml:lang="de" ovf:fileRef="no-bundle"/>\n</Envelope>\n'
    )
    report = validate(text.encode())
    assert [(d.code, d.location.line, d.location.path) for d in report.errors] == [
        ("OVF108", 4, "VirtualSystem[vm]/EnvironmentFilesSection/File"),
        ("OVF108", 6, "Strings[de]"),
    ]
    fixed = text.replace(
        "<References/>",
        '<References><File ovf:href="de.msg" ovf:id="no-bundle"/>'
        '<File ovf:href="a.txt" ovf:id="no-env"/></References>',  # string bundles first (7.1)
    )
    assert not validate(fixed.encode()).errors


def test_require_schemas_fails_the_cli_when_they_are_missing(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from ovfmodel import schemas

    env = {**os.environ, schemas.ENV_VAR: str(tmp_path)}  # an empty schema folder
    path = str(DATA / "vmware-ovftool-appliance.ovf")

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ovfmodel", "validate", *args, path],
            capture_output=True,
            text=True,
            env=env,
        )

    warned = cli()
    assert warned.returncode == 0 and "OVF904" in warned.stdout
    required = cli("--require-schemas")
    assert required.returncode == 2 and "OVF904" in required.stdout
    assert "--require-schemas" in required.stderr and "schemas fetch" in required.stderr
    contradiction = cli("--require-schemas", "--no-xsd")
    assert contradiction.returncode == 2 and "contradict" in contradiction.stderr
    installed = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "validate", "--require-schemas", path],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_long_positions_read_from_the_text_are_the_paired_ones(newline: str) -> None:
    """Past line 65534 an element's start tag is read from the text after it where the bytes
    allow; that must be exactly where pairing every element with its start tag puts it
    (multi-line start tags, '>' in values, comments, long text, characters before a tag)."""
    text = "é" * 30 + "\n" + "x" * 5000 + "\n" + "y" * 70_000 + "\n"
    parts = [HEAD, "\n" * 65_600]
    for i in range(40):
        parts.append(
            f'<vmw:b k="{i}>\n x">\n  text {text if i % 10 == 0 else ""}\n <c>é{i}</c>'
            f"<!-- <vmw:b>\n --><d/>\n</vmw:b>\n é<e>\n{i}</e><e>\n</e> <vmw:b>\n</vmw:b>\n"
        )
    parts.append("</Envelope>\n")
    src = SourceDoc.load("".join(parts).replace("\n", newline).encode(), None)
    read = 0
    for el in src.root.iter(etree.Element):
        if (el.sourceline or 0) >= LAST_EXACT_LINE and (found := src._before_text(el)):
            assert found == src._paired(el), (el.tag, found)
            read += 1
    assert read == 160  # those whose text holds a line break: 4 of the 6 elements of a group


@pytest.mark.parametrize("xsd", [False, True])
def test_locations_past_line_65534_are_exact(xsd: bool) -> None:
    """libxml2 gives an element past line 65534 the line of the text after its start tag (a
    blank line after it moved every finding one line down, with column 1)."""
    filler = "\n" * 70_000  # whitespace between items: allowed anywhere
    bad = '  <Item ovf:configuration="x">' + item("9", 99999)[len("<Item>") :]
    text = envelope(items=STD_ITEMS + filler + bad + "\n\n")
    report = run(text, xsd=xsd)
    expected = (line_of(text, 'ovf:configuration="x"'), 3)
    found = [
        d
        for d in report.diagnostics
        if d.location.path and "InstanceID=9" in d.location.path and d.code != "OVF901"
    ]
    assert sorted(d.code for d in found) == ["OVF407", "OVF501"]
    assert {(d.location.line, d.location.column) for d in found} == {expected}


def test_a_damaged_schema_file_is_a_diagnostic_not_a_traceback(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    from ovfmodel import schemas

    folder = tmp_path / "xsd"
    shutil.copytree(schemas.schema_dir(), folder)
    (folder / "common.xsd").write_text("<broken")
    env = {**os.environ, schemas.ENV_VAR: str(folder)}
    path = str(DATA / "vmware-ovftool-appliance.ovf")
    for extra, status in (([], 0), (["--require-schemas"], 2)):
        done = subprocess.run(
            [sys.executable, "-m", "ovfmodel", "validate", *extra, path],
            capture_output=True,
            text=True,
            env=env,
        )
        assert done.returncode == status, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        assert "OVF904" in done.stdout and "does not compile" in done.stdout


@pytest.mark.parametrize("value", ["1.5", "-2e3", ".5", "INF", "-INF", "NaN", "3.4e38"])
def test_real_values_the_xml_number_forms_allow(value: str) -> None:
    prop = f'<Property ovf:key="n" ovf:type="real32" ovf:value="{value}"/>'
    assert not only(run(envelope(vs_sections=product(prop)), xsd=False), "OVF602")


def test_schema_errors_and_messages_past_line_65534_name_the_real_lines() -> None:
    """An empty Item past line 65534 got its schema error one Item down, and a message naming
    another element's line ('also the Item at line N') said libxml2's line, one too many."""
    filler = "\n" * 70_000
    first = item("7", 10).replace("<Item>", "<Item>\n  ")  # libxml2: the line after its tag
    text = envelope(items=STD_ITEMS + filler + "<Item/>\n" + first + "\n" + item("7", 15) + "\n")
    report = run(text, xsd=True)
    empty_line = line_of(text, "<Item/>")
    (schema,) = [d for d in report.diagnostics if d.code == "OVF901"]
    assert (schema.location.line, schema.location.column) == (empty_line, 1)
    first_line = line_of(text, "<rasd:ElementName>i7<") - 1
    (clash,) = [d for d in report.diagnostics if d.code == "OVF401"]
    assert f"at line {first_line}" in clash.message
