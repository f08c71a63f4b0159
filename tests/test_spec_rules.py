"""DSP0243 clause by clause: each rule fires on a small descriptor written from its clause (code,
line, column, severity from the catalog) and stays silent on the corrected descriptor; the
examples printed in the specification validate without error; environment documents."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_validation import (
    CASES,
    DEPLOY,
    HEAD,
    STD_ITEMS,
    VMDK,
    envelope,
    item,
    line_of,
    only,
    product,
    run,
)

from ovfmodel.diagnostics import CATALOG, Report
from ovfmodel.validation import validate

DATA = Path(__file__).parent / "data"
SPEC = DATA / "spec"
NS2 = "http://schemas.dmtf.org/ovf/envelope/2"
RASD = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"
OVF09 = "http://www.vmware.com/schema/ovf/1/envelope"
F2 = '<File ovf:href="d2.vmdk" ovf:id="f2"/>'


def disk(did: str, extra: str = "") -> str:
    return f'<Disk ovf:capacity="1" ovf:diskId="{did}"{extra}/>'


def content(inner: str) -> str:
    return (
        f'<VirtualSystemCollection ovf:id="app"><Info>c</Info>\n{inner}</VirtualSystemCollection>\n'
    )


def vs(vid: str, sections: str = "", items: str = "") -> str:
    return (
        f'<VirtualSystem ovf:id="{vid}"><Info>{vid}</Info>\n{sections}<VirtualHardwareSection>'
        f"<Info>h</Info>\n{items}</VirtualHardwareSection></VirtualSystem>\n"
    )


def ovf2(body: str) -> str:
    return (
        f'<Envelope xmlns="{NS2}" xmlns:ovf="{NS2}" xmlns:rasd="{RASD}"><References/>\n'
        f"{body}</Envelope>\n"
    )


def legacy(default_ns: bool) -> str:
    decl = f' xmlns="{OVF09}"' if default_ns else ""
    return (
        f'<ovf:Envelope xmlns:ovf="{OVF09}"{decl} '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xmlns:rasd="{RASD}">\n'
        '  <References><File ovf:href="d.vmdk" ovf:id="file1"/></References>\n'
        '  <Section xsi:type="ovf:DiskSection_Type"><Info>disks</Info>\n'
        '    <Disk ovf:capacity="1" ovf:diskId="vmdisk1" ovf:fileRef="file1" '
        f'ovf:format="{VMDK}"/></Section>\n'
        '  <Content ovf:id="vm" xsi:type="ovf:VirtualSystem_Type"><Info>A VM</Info>\n'
        '    <Section xsi:type="ovf:VirtualHardwareSection_Type"><Info>hw</Info>\n'
        "      <Item><rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource>"
        "<rasd:InstanceId>1</rasd:InstanceId><rasd:ResourceType>17</rasd:ResourceType></Item>\n"
        "    </Section></Content>\n</ovf:Envelope>\n"
    )


MEM = "<rasd:VirtualQuantity>512</rasd:VirtualQuantity>"
STRINGS = '<Strings xml:lang="de" ovf:fileRef="bundle"/>\n</Envelope>'

# (code, broken descriptor, needle on the line the diagnostic points at, corrected descriptor)
SPEC_CASES: list[tuple[str, str, str, str]] = [
    # 7.2: at least one Content; the schema allows exactly one (checked without the schema)
    (
        "OVF005",
        HEAD + "<References/>\n</Envelope>\n",
        "<Envelope",
        envelope(),
    ),
    # 7.2 / 7.3: Info in every Content and Section
    (
        "OVF006",
        envelope(content=vs("vm1", items=STD_ITEMS).replace("<Info>vm1</Info>", "")),
        'VirtualSystem ovf:id="vm1"',
        envelope(content=vs("vm1", items=STD_ITEMS)),
    ),
    (
        "OVF006",
        envelope(vs_sections="<AnnotationSection><Annotation>a</Annotation></AnnotationSection>\n"),
        "<AnnotationSection>",
        envelope(
            vs_sections="<AnnotationSection><Info>i</Info><Annotation>a</Annotation>"
            "</AnnotationSection>\n"
        ),
    ),
    # OVF 0.9 elements in no namespace, read as OVF elements
    ("OVF007", legacy(False), "<References>", legacy(True)),
    # 7.1: other URL schemes should not be used
    (
        "OVF109",
        envelope(
            refs=f'<File ovf:href="d1.vmdk" ovf:id="f1"/>\n{F2.replace("d2.vmdk", "ftp://h/x")}'
        ),
        "ftp://",
        envelope(
            refs=f'<File ovf:href="d1.vmdk" ovf:id="f1"/>\n{F2.replace("d2.vmdk", "https://h/x")}'
        ),
    ),
    # 7.1: two File elements shall not reference the same file
    (
        "OVF111",
        envelope(refs=f'<File ovf:href="d1.vmdk" ovf:id="f1"/>\n{F2.replace("d2", "d1")}'),
        'ovf:id="f2"',
        envelope(refs=f'<File ovf:href="d1.vmdk" ovf:id="f1"/>\n{F2}'),
    ),
    # 7.1, 10: external string bundles first in References
    (
        "OVF112",
        envelope(
            refs='<File ovf:href="d1.vmdk" ovf:id="f1"/>\n<File ovf:href="de.xml" ovf:id="bundle"/>'
        ).replace("</Envelope>", STRINGS),
        'ovf:id="bundle"',
        envelope(
            refs='<File ovf:href="de.xml" ovf:id="bundle"/>\n<File ovf:href="d1.vmdk" ovf:id="f1"/>'
        ).replace("</Envelope>", STRINGS),
    ),
    # 9.1: ${} capacity only on empty disks
    (
        "OVF204",
        envelope(
            vs_sections=product('<Property ovf:key="size" ovf:type="uint64" ovf:value="4"/>\n'),
            disks=f'\n<Disk ovf:capacity="${{size}}" ovf:diskId="d1" ovf:fileRef="f1" '
            f'ovf:format="{VMDK}"/>',
        ),
        "${size}",
        envelope(
            refs="",
            vs_sections=product('<Property ovf:key="size" ovf:type="uint64" ovf:value="4"/>\n'),
            disks='\n<Disk ovf:capacity="${size}" ovf:diskId="d1"/>',
        ),
    ),
    # 9.1: the property resolves to an xs:long integer
    (
        "OVF204",
        envelope(
            refs="",
            vs_sections=product('<Property ovf:key="size" ovf:type="string" ovf:value="4"/>\n'),
            disks='\n<Disk ovf:capacity="${size}" ovf:diskId="d1"/>',
        ),
        "${size}",
        envelope(
            refs="",
            vs_sections=product('<Property ovf:key="size" ovf:type="sint64" ovf:value="4"/>\n'),
            disks='\n<Disk ovf:capacity="${size}" ovf:diskId="d1"/>',
        ),
    ),
    # 9.1: a parent Disk comes before its children, and is another Disk
    (
        "OVF207",
        envelope(
            disks=f'<Disk ovf:capacity="1" ovf:diskId="d1" ovf:fileRef="f1" ovf:format="{VMDK}" '
            'ovf:parentRef="d0"/>\n' + disk("d0")
        ),
        'ovf:parentRef="d0"',
        envelope(
            disks=disk("d0")
            + f'\n<Disk ovf:capacity="1" ovf:diskId="d1" ovf:fileRef="f1" ovf:format="{VMDK}" '
            'ovf:parentRef="d0"/>'
        ),
    ),
    # 9.1: a non-empty disk names its format
    (
        "OVF208",
        envelope(disks='\n<Disk ovf:capacity="1" ovf:diskId="d1" ovf:fileRef="f1"/>'),
        'ovf:diskId="d1"',
        envelope(),
    ),
    # 9.1: different Disks do not share a fileRef
    (
        "OVF209",
        envelope(
            disks=f'<Disk ovf:capacity="1" ovf:diskId="d1" ovf:fileRef="f1" ovf:format="{VMDK}"/>'
            f'\n<Disk ovf:capacity="1" ovf:diskId="d2" ovf:fileRef="f1" ovf:format="{VMDK}"/>'
        ),
        'ovf:diskId="d2"',
        envelope(
            refs=f'<File ovf:href="d1.vmdk" ovf:id="f1"/>{F2}',
            disks=f'<Disk ovf:capacity="1" ovf:diskId="d1" ovf:fileRef="f1" ovf:format="{VMDK}"/>'
            f'\n<Disk ovf:capacity="1" ovf:diskId="d2" ovf:fileRef="f2" ovf:format="{VMDK}"/>',
            items=STD_ITEMS + item("6", 17, "<rasd:HostResource>ovf:/disk/d2</rasd:HostResource>"),
        ),
    ),
    # 9.1: Disks in the order of their Files
    (
        "OVF210",
        envelope(
            refs=f'<File ovf:href="d1.vmdk" ovf:id="f1"/>{F2}',
            disks=f'<Disk ovf:capacity="1" ovf:diskId="d2" ovf:fileRef="f2" ovf:format="{VMDK}"/>'
            f'\n<Disk ovf:capacity="1" ovf:diskId="d1" ovf:fileRef="f1" ovf:format="{VMDK}"/>',
            items=STD_ITEMS + item("6", 17, "<rasd:HostResource>ovf:/disk/d2</rasd:HostResource>"),
        ),
        'ovf:diskId="d1"',
        envelope(
            refs=f'<File ovf:href="d1.vmdk" ovf:id="f1"/>{F2}',
            disks=f'<Disk ovf:capacity="1" ovf:diskId="d1" ovf:fileRef="f1" ovf:format="{VMDK}"/>'
            f'\n<Disk ovf:capacity="1" ovf:diskId="d2" ovf:fileRef="f2" ovf:format="{VMDK}"/>',
            items=STD_ITEMS + item("6", 17, "<rasd:HostResource>ovf:/disk/d2</rasd:HostResource>"),
        ),
    ),
    # 9.1: populatedSize not larger than the capacity
    (
        "OVF211",
        envelope(
            disks='\n<Disk ovf:capacity="1" ovf:capacityAllocationUnits="byte * 2^30" '
            f'ovf:diskId="d1" ovf:fileRef="f1" ovf:format="{VMDK}" ovf:populatedSize="2147483648"/>'
        ),
        "populatedSize",
        envelope(
            disks='\n<Disk ovf:capacity="1" ovf:capacityAllocationUnits="byte * 2^30" '
            f'ovf:diskId="d1" ovf:fileRef="f1" ovf:format="{VMDK}" ovf:populatedSize="1073741824"/>'
        ),
    ),
    # 7.2: direct children of a collection have unique ids (not the whole document)
    (
        "OVF301",
        envelope(content=content(vs("a", items=STD_ITEMS) + vs("a").replace("<Info>a", "<Info>b"))),
        "<Info>b",
        envelope(
            content=content(
                vs("a", items=STD_ITEMS)
                + '<VirtualSystemCollection ovf:id="b"><Info>n</Info>\n'
                + vs("a")
                + "</VirtualSystemCollection>\n"
            )
        ),
    ),
    # Table 5: DiskSection only on the Envelope
    (
        "OVF307",
        envelope(vs_sections="<DiskSection><Info>x</Info></DiskSection>\n"),
        "<DiskSection><Info>x",
        envelope(),
    ),
    # Table 5: StartupSection only in a collection
    (
        "OVF307",
        envelope(vs_sections="<StartupSection><Info>s</Info></StartupSection>\n"),
        "<StartupSection>",
        envelope(),
    ),
    # Table 5: at most one AnnotationSection per entity
    (
        "OVF308",
        envelope(
            vs_sections="<AnnotationSection><Info>1</Info><Annotation>a</Annotation>"
            "</AnnotationSection>\n<AnnotationSection><Info>2</Info><Annotation>b</Annotation>"
            "</AnnotationSection>\n"
        ),
        "<Info>2",
        envelope(
            vs_sections="<AnnotationSection><Info>1</Info><Annotation>a</Annotation>"
            "</AnnotationSection>\n"
        ),
    ),
    # 9.7: startAction powerOn or none
    (
        "OVF309",
        envelope(
            content=content(
                '<StartupSection><Info>s</Info>\n<Item ovf:id="a" ovf:order="0" '
                'ovf:startAction="start"/></StartupSection>\n' + vs("a", items=STD_ITEMS)
            )
        ),
        "start",
        envelope(
            content=content(
                '<StartupSection><Info>s</Info>\n<Item ovf:id="a" ovf:order="0" '
                'ovf:startAction="powerOn" ovf:stopAction="guestShutdown"/></StartupSection>\n'
                + vs("a", items=STD_ITEMS)
            )
        ),
    ),
    # 2.x (schema annotations): InstanceCount minimum <= default <= maximum, id names a child
    (
        "OVF310",
        ovf2(
            content(
                '<ScaleOutSection ovf:id="a"><Info>s</Info>\n'
                '<InstanceCount ovf:default="5" ovf:maximum="3"/></ScaleOutSection>\n' + vs("a")
            )
        ),
        "InstanceCount",
        ovf2(
            content(
                '<ScaleOutSection ovf:id="a"><Info>s</Info>\n'
                '<InstanceCount ovf:default="2" ovf:maximum="3"/></ScaleOutSection>\n' + vs("a")
            )
        ),
    ),
    (
        "OVF311",
        ovf2(
            content(
                '<ScaleOutSection ovf:id="zz"><Info>s</Info>\n'
                '<InstanceCount ovf:default="1"/></ScaleOutSection>\n' + vs("a")
            )
        ),
        "ScaleOutSection",
        ovf2(
            content(
                '<ScaleOutSection ovf:id="a"><Info>s</Info>\n'
                '<InstanceCount ovf:default="1"/></ScaleOutSection>\n' + vs("a")
            )
        ),
    ),
    (
        "OVF312",
        ovf2(
            content(
                '<PlacementGroupSection ovf:id="g" ovf:policy="affinity"><Info>g</Info>'
                "</PlacementGroupSection>\n"
                + vs("a", '<PlacementSection ovf:group="h"><Info>p</Info></PlacementSection>\n')
            )
        ),
        "PlacementSection",
        ovf2(
            content(
                '<PlacementGroupSection ovf:id="g" ovf:policy="affinity"><Info>g</Info>'
                "</PlacementGroupSection>\n"
                + vs("a", '<PlacementSection ovf:group="g"><Info>p</Info></PlacementSection>\n')
            )
        ),
    ),
    # 1.1/2.x schema annotations: VirtualHardwareSection ids unique within a VirtualSystem
    (
        "OVF313",
        envelope(
            vs_sections='<VirtualHardwareSection ovf:id="x"><Info>a</Info></VirtualHardwareSection>'
            '\n<VirtualHardwareSection ovf:id="x"><Info>b</Info></VirtualHardwareSection>\n'
        ),
        "<Info>b",
        envelope(
            vs_sections='<VirtualHardwareSection ovf:id="x"><Info>a</Info></VirtualHardwareSection>'
            '\n<VirtualHardwareSection ovf:id="y"><Info>b</Info></VirtualHardwareSection>\n'
        ),
    ),
    # 8.4: one min marker per InstanceID (and configuration)
    (
        "OVF411",
        envelope(
            items=STD_ITEMS
            + item("2", 4, "<rasd:Reservation>1</rasd:Reservation>", ' ovf:bound="min"')
            + item("2", 4, "<rasd:Reservation>2</rasd:Reservation>", ' ovf:bound="min"')
        ),
        "<rasd:Reservation>2",
        envelope(
            items=STD_ITEMS
            + item("2", 4, "<rasd:Reservation>1</rasd:Reservation>", ' ovf:bound="min"')
            + item("2", 4, "<rasd:Reservation>2</rasd:Reservation>", ' ovf:bound="max"')
        ),
    ),
    # 9.8: an Item replaced entirely by a later one (info)
    (
        "OVF412",
        envelope(items=STD_ITEMS + item("5", 10, "<rasd:Description>again</rasd:Description>")),
        "again",
        envelope(
            envelope_sections=DEPLOY,
            items=STD_ITEMS
            + item("5", 10, "<rasd:Connection>lan</rasd:Connection>", ' ovf:configuration="big"'),
        ),
    ),
    # 9.8: every Item specifies ResourceType
    (
        "OVF413",
        envelope(
            items=STD_ITEMS + "<Item><rasd:ElementName>x</rasd:ElementName>"
            "<rasd:InstanceID>6</rasd:InstanceID></Item>\n"
        ),
        "<rasd:InstanceID>6",
        envelope(items=STD_ITEMS + item("6", 1)),
    ),
    # 8.4: a range marker has its normal Item
    (
        "OVF414",
        envelope(items=STD_ITEMS + item("6", 3, MEM, ' ovf:bound="max"')),
        "i6",
        envelope(items=STD_ITEMS + item("6", 3, MEM) + item("6", 3, MEM, ' ovf:bound="max"')),
    ),
    # 8.4: the default inside the range
    (
        "OVF415",
        envelope(
            items=STD_ITEMS
            + item("6", 3, MEM)
            + item("6", 3, MEM.replace("512", "1024"), ' ovf:bound="min"')
        ),
        "1024",
        envelope(
            items=STD_ITEMS
            + item("6", 3, MEM)
            + item("6", 3, MEM.replace("512", "256"), ' ovf:bound="min"')
        ),
    ),
    # 8.4: only integer elements in range markers
    (
        "OVF416",
        envelope(
            items=STD_ITEMS
            + item("5", 10, "<rasd:Connection>lan</rasd:Connection>", ' ovf:bound="max"')
        ),
        'bound="max"',
        envelope(
            items=STD_ITEMS + item("5", 10, "<rasd:Weight>9</rasd:Weight>", ' ovf:bound="max"')
        ),
    ),
    # 8.3: one backing per device
    (
        "OVF417",
        envelope(
            refs=f'<File ovf:href="d1.vmdk" ovf:id="f1"/>{F2}',
            items=STD_ITEMS
            + item(
                "6",
                15,
                "<rasd:HostResource>ovf:/file/f2</rasd:HostResource>"
                "<rasd:HostResource>ovf:/file/f1</rasd:HostResource>",
            ),
        ),
        "i6",
        envelope(
            refs=f'<File ovf:href="d1.vmdk" ovf:id="f1"/>{F2}',
            items=STD_ITEMS + item("6", 15, "<rasd:HostResource>ovf:/file/f2</rasd:HostResource>"),
        ),
    ),
    # 11.2: iso transport needs a CD-ROM in that section
    (
        "OVF418",
        envelope(
            content=vs("vm1", items=STD_ITEMS).replace(
                "<VirtualHardwareSection>", '<VirtualHardwareSection ovf:transport="iso">'
            )
        ),
        "VirtualHardwareSection ovf:transport",
        envelope(
            content=vs("vm1", items=STD_ITEMS + item("6", 15)).replace(
                "<VirtualHardwareSection>", '<VirtualHardwareSection ovf:transport="iso">'
            )
        ),
    ),
    # an OVF attribute without its prefix
    (
        "OVF419",
        envelope(
            envelope_sections=DEPLOY, items=STD_ITEMS + item("6", 15, "", ' configuration="big"')
        ),
        "i6",
        envelope(
            envelope_sections=DEPLOY,
            items=STD_ITEMS + item("6", 15, "", ' ovf:configuration="big"'),
        ),
    ),
    # 9.5: unique class/instance pairs at one entity level
    (
        "OVF606",
        envelope(vs_sections=product("") + product("").replace("<Info>p", "<Info>q")),
        "<Info>q",
        envelope(vs_sections=product("") + product("").replace('"org.app"', '"org.other"')),
    ),
    # 9.8: Value elements name different configurations
    (
        "OVF607",
        envelope(
            envelope_sections=DEPLOY,
            vs_sections=product(
                '<Property ovf:key="a" ovf:type="string"><Value ovf:configuration="big" '
                'ovf:value="1"/>\n<Value ovf:configuration="big" ovf:value="2"/></Property>\n'
            ),
        ),
        'ovf:value="2"',
        envelope(
            envelope_sections=DEPLOY,
            vs_sections=product(
                '<Property ovf:key="a" ovf:type="string"><Value ovf:configuration="big" '
                'ovf:value="1"/>\n<Value ovf:configuration="small" ovf:value="2"/></Property>\n'
            ),
        ),
    ),
    # 9.5: qualifiers separated by commas (no shall: a warning)
    (
        "OVF610",
        envelope(
            vs_sections=product(
                '<Property ovf:key="a" ovf:qualifiers="MinLen(1) MaxLen(3)" ovf:type="string"/>\n'
            )
        ),
        "MinLen(1) MaxLen(3)",
        envelope(
            vs_sections=product(
                '<Property ovf:key="a" ovf:qualifiers="MinLen(1),MaxLen(3)" ovf:type="string"/>\n'
            )
        ),
    ),
    (
        "OVF608",
        envelope(
            vs_sections=product(
                '<Property ovf:key="a" ovf:qualifiers="MinLen(1)" ovf:type="uint8"/>\n'
            )
        ),
        "MinLen(1)",
        envelope(
            vs_sections=product(
                '<Property ovf:key="a" ovf:qualifiers="ValueMap{&quot;1&quot;}" ovf:type="uint8"/>\n'
            )
        ),
    ),
    (
        "OVF609",
        envelope(
            vs_sections=product(
                '<Property ovf:key="a" ovf:qualifiers="Ip(4)" ovf:type="string"/>\n'
            )
        ),
        "Ip(4)",
        envelope(vs_sections=product('<Property ovf:key="a" ovf:type="string"/>\n')),
    ),
]


def _check_case(code: str, broken: str, needle: str, fixed: str) -> None:
    report = validate(broken.encode(), xsd=False)
    found = only(report, code)
    assert found, [d.format_text() for d in report.diagnostics]
    assert found[0].location.line == line_of(broken, needle), found[0].format_text()
    assert found[0].location.column is not None
    assert found[0].severity is CATALOG[code].severity and found[0].spec == CATALOG[code].spec
    clean = validate(fixed.encode(), xsd=False)
    assert code not in clean.codes(), [d.format_text() for d in clean.diagnostics]
    assert clean.ok, [d.format_text() for d in clean.errors]


@pytest.mark.parametrize(
    ("code", "broken", "needle", "fixed"), SPEC_CASES, ids=[c[0] for c in SPEC_CASES]
)
def test_rule_fires_and_a_correct_document_stays_silent(
    code: str, broken: str, needle: str, fixed: str
) -> None:
    _check_case(code, broken, needle, fixed)


def test_an_unprefixed_attribute_is_reported_at_the_item_it_is_on() -> None:
    text = envelope(
        envelope_sections=DEPLOY, items=STD_ITEMS + item("6", 15, "", ' configuration="big"')
    )
    (found,) = [d for d in validate(text.encode()).diagnostics if d.code == "OVF419"]
    assert found.location.path == "VirtualSystem[vm1]/VirtualHardwareSection/Item[InstanceID=6]"


def test_every_descriptor_rule_has_a_case() -> None:
    tested = {c[0] for c in CASES} | {c[0] for c in SPEC_CASES} | {c[0] for c in ENV_CASES}
    elsewhere = {  # tests of test_validation.py and below, by name
        "OVF001",  # test_unreadable_input_is_a_diagnostic
        "OVF003",  # test_a_misplaced_element_is_reported_once
        "OVF301",  # test_content_rules
        "OVF302",
        "OVF303",
        "OVF502",  # test_configurations_two_defaults_and_duplicates
        "OVF503",
        "OVF601",  # test_product_properties
        "OVF602",
        "OVF603",
        "OVF604",
        "OVF605",  # test_msgid_and_unexpected_element
        "OVF703",  # test_environment_against_its_descriptor
        "OVF704",
        "OVF705",
        "OVF706",
        "OVF901",  # test_xsd_reports_schema_errors_with_lines, test_environment_schema
        "OVF902",
        "OVF903",  # test_ovf09_has_no_schema_info
        "OVF904",  # test_xsd_without_schemas
    }
    assert {r.code for r in CATALOG if r.code.startswith("OVF")} <= tested | elsewhere


def test_every_rule_cites_a_clause_and_versions() -> None:
    for rule in CATALOG:
        if rule.code.startswith("OVF"):
            assert rule.versions in (
                "0.9, 1.x, 2.x",
                "0.9, 1.x",
                "1.x, 2.x",
                "2.x only",
                "0.9 only",
            )
            assert "DSP8024" not in rule.spec and rule.spec, rule
    assert CATALOG["OVF001"].spec.startswith("DSP0243 6 ")
    assert "8.3, Table 3" in CATALOG["OVF403"].spec
    assert "9.8" in CATALOG["OVF401"].spec and "8.4" in CATALOG["OVF401"].spec
    assert "DSP8027" in CATALOG["OVF901"].spec


# --- over-strict no more: what DSP0243 allows is no error ---------------------------------------


def test_shared_instance_ids_combine() -> None:
    """9.8: a default Item plus per-configuration overrides, and range markers, share one
    InstanceID; the same InstanceID with another ResourceType is an error."""
    items = (
        STD_ITEMS
        + item("2", 4, MEM, ' ovf:configuration="big"')
        + item("2", 4, "<rasd:Reservation>5</rasd:Reservation>", ' ovf:bound="min"')
    )
    assert run(envelope(envelope_sections=DEPLOY, items=items), xsd=False).codes() == []
    text = envelope(envelope_sections=DEPLOY, items=items + item("2", 3, "", ' ovf:bound="max"'))
    [d] = run(text, xsd=False).diagnostics
    assert d.code == "OVF401" and "ResourceType 4" in d.message


def test_property_keys_are_unique_per_product_section_only() -> None:
    """9.5: two virtual systems (or two ProductSections of different class) may declare the
    same key; the same key twice in one section is OVF601."""
    prop = '<Property ovf:key="ip" ovf:type="string"/>\n'
    two = content(vs("a", product(prop), STD_ITEMS) + vs("b", product(prop)))
    assert run(envelope(content=two), xsd=False).ok
    other = product(prop) + product(prop).replace('"org.app"', '"org.b"')
    assert run(envelope(vs_sections=other), xsd=False).codes() == []
    text = envelope(vs_sections=product(prop + prop.replace("/>", " />")))
    [d] = only(run(text, xsd=False), "OVF601")
    assert d.location.line == line_of(text, 'ovf:type="string" />')


def test_hrefs_the_spec_allows() -> None:
    """7.1: ./x is a relative path; file: URLs are supported (info); .. is fine outside an
    OVA (info); an absolute path is OVF102."""
    for href, codes in (
        ("./d1.vmdk", []),
        ("sub/dir/d1.vmdk", []),
        ("file:///srv/d1.vmdk", ["OVF103"]),
        ("../d1.vmdk", ["OVF110"]),
        ("/srv/d1.vmdk", ["OVF102"]),
    ):
        report = run(envelope(refs=f'<File ovf:href="{href}" ovf:id="f1"/>'), xsd=False)
        assert report.codes() == codes, href


def test_macros_are_values_of_any_type() -> None:
    """9.5: ${name} in ovf:value for properties of any type."""
    props = "".join(
        f'<Property ovf:key="p{t}" ovf:type="{t}" ovf:value="${{other}}"/>\n'
        for t in ("uint8", "sint64", "boolean", "real32", "string")
    )
    assert run(envelope(vs_sections=product(props)), xsd=False).codes() == []


def test_unknown_sections_warn_and_only_extensions_count() -> None:
    """7.3: producing a required unknown section is legal (a warning naming the consumers'
    behaviour); an unknown element in an OVF namespace is no extension (OVF003/OVF901)."""
    text = envelope(vs_sections="<vmw:Lic>\n<Info>x</Info></vmw:Lic>\n")
    [d] = only(run(text, xsd=False), "OVF304")
    assert d.severity.value == "warning" and "ovftool" in d.message
    assert run(text, xsd=False).ok
    ovf_ns = envelope(vs_sections="<Bogus><Info>x</Info></Bogus>\n")
    assert "OVF304" not in run(ovf_ns, xsd=False).codes()
    assert "OVF003" in run(ovf_ns, xsd=False).codes()


def test_envelope_version_attribute_is_advice() -> None:
    """7: the namespace is the version; ovf:version is defined nowhere: at most info."""
    report = run(envelope(envelope_attrs='ovf:version="2.0"'))
    assert report.codes() == ["OVF002"] and report.ok


def test_hypervisor_habits_are_warnings_naming_them() -> None:
    for rule in ("OVF405", "OVF406", "OVF408"):
        assert CATALOG[rule].severity.value == "warning"
        assert "VMware vSphere" in CATALOG[rule].description
    text = envelope(
        items=STD_ITEMS + item("6", 3, "<rasd:VirtualQuantity>0</rasd:VirtualQuantity>")
    )
    [d] = only(run(text, xsd=False), "OVF408")
    assert "VMware vSphere" in d.message and run(text, xsd=False).ok


def test_ovf09_in_no_namespace_reads_as_ovf() -> None:
    """Read as OVF 0.9 elements: the rules run (a dangling HostResource is found), one
    warning."""
    text = legacy(False).replace("ovf:/disk/vmdisk1", "ovf:/disk/nope")
    report = validate(text.encode())
    assert report.codes().count("OVF007") == 1
    assert {"OVF403", "OVF903"} <= set(report.codes())
    assert "OVF304" not in report.codes() and "OVF305" not in report.codes()
    assert validate(legacy(True).encode()).codes() == ["OVF903"]


# --- the examples printed in the specification -------------------------------------------------

EXAMPLES = sorted(SPEC.glob("*.ovf"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_spec_examples_validate_without_error(path: Path) -> None:
    for xsd in (True, False):
        report = validate(path, xsd=xsd)
        assert report.ok, [d.format_text() for d in report.errors]
        assert not [d for d in report.diagnostics if d.severity.value == "warning"]


def test_spec_examples_8_4_and_9_8_are_silent() -> None:
    for name in ("clause-8.4-range-markers.ovf", "clause-9.8-configurations.ovf"):
        assert validate(SPEC / name).diagnostics == [], name


# --- OVF environment documents ------------------------------------------------------------------

ENV = "http://schemas.dmtf.org/ovf/environment/1"


def env(body: str, eid: str = "vm2") -> str:
    return f'<Environment xmlns="{ENV}" xmlns:e="{ENV}" e:id="{eid}">\n{body}</Environment>\n'


PROPS = '<PropertySection><Property e:key="k" e:value="1"/></PropertySection>\n'
ENV_CASES: list[tuple[str, str, str, str]] = [
    (
        "OVF701",
        env(f'<Entity e:id="vm1">{PROPS}</Entity>\n<Entity e:id="vm1" >\n{PROPS}</Entity>\n'),
        '"vm1" >',
        env(f'<Entity e:id="vm1">{PROPS}</Entity>\n<Entity e:id="teamA">\n{PROPS}</Entity>\n'),
    ),
    ("OVF702", env(PROPS + PROPS.replace('"k"', '"j"')), '"j"', env(PROPS)),
    (
        "OVF707",
        env(PROPS.replace("</P", '<Property e:key="k" e:value="2"/></P')),
        'e:value="2"',
        env(PROPS),
    ),
]


@pytest.mark.parametrize(
    ("code", "broken", "needle", "fixed"), ENV_CASES, ids=[c[0] for c in ENV_CASES]
)
def test_environment_rule_fires_and_stays_silent(
    code: str, broken: str, needle: str, fixed: str
) -> None:
    _check_case(code, broken, needle, fixed)


def test_environment_schema() -> None:
    text = env("<Bogus/>\n")
    [d] = validate(text.encode()).diagnostics
    assert d.code == "OVF901" and d.location.line == 2
    assert validate(env(PROPS).encode()).diagnostics == []


def _against(text: str) -> Report:
    return validate(text.encode(), against=SPEC / "clauses-7-to-10-examples.ovf")


def test_environment_against_its_descriptor() -> None:
    """11.1: keys of the system (and its parent collection), values of their types, one Entity
    per sibling."""
    sample = SPEC / "clause-11.1-environment.xml"
    against = SPEC / "clauses-7-to-10-examples.ovf"
    assert validate(sample, against=against).diagnostics == []
    good = (sample.read_text(encoding="utf-8"), "")
    text = good[0].replace("com.mycrm.myservice.app.ip.1", "app.ip")
    [d] = _against(text).diagnostics
    assert d.code == "OVF704" and d.location.line == line_of(text, '"app.ip"')
    text = good[0].replace('ovfenv:value="false"', 'ovfenv:value="maybe"')
    [d] = _against(text).diagnostics
    assert d.code == "OVF705" and "boolean" in d.message
    text = good[0].replace('<Entity ovfenv:id="teamA">', '<Entity ovfenv:id="teamB">')
    assert sorted(_against(text).codes()) == ["OVF706", "OVF706"]  # teamB no sibling, teamA none
    text = good[0].replace('ovfenv:id="vm2"', 'ovfenv:id="vm9"')
    assert _against(text).codes() == ["OVF703"]


def test_cli_validates_environments(tmp_path: Path) -> None:
    sample = SPEC / "clause-11.1-environment.xml"
    against = SPEC / "clauses-7-to-10-examples.ovf"
    cmd = [sys.executable, "-m", "ovfmodel", "validate", str(sample), "--against", str(against)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    bad = tmp_path / "ovf-env.xml"
    bad.write_text(
        sample.read_text(encoding="utf-8").replace('ovfenv:value="20"', 'ovfenv:value="-1"'),
        encoding="utf-8",
    )
    done = subprocess.run(
        [*cmd[:4], str(bad), "--against", str(against)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1 and "OVF705" in done.stdout, done.stdout + done.stderr
    done = subprocess.run(
        [*cmd[:4], str(bad), "--against", str(tmp_path / "none.ovf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and done.stderr.startswith("ovfmodel: error: --against")
