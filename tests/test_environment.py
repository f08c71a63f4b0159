"""OVF environment: lossless ovf-env.xml round trips, environment_for checks, the env CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from ovfmodel import OvfEnvironmentError, OvfParseError, ovfenv, parse, schemas, serialize
from ovfmodel.builder import EnvelopeBuilder
from ovfmodel.environment import (
    ENV_NS,
    EnvironmentDocument,
    EnvironmentValueError,
    Platform,
    check_value,
    configurations,
    environment_for,
    full_key,
    parse_environment,
    properties,
    property_specs,
    serialize_environment,
)
from ovfmodel.environment.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
ENV_FILES = sorted((DATA / "env").glob("*.xml"))
APPLIANCE = ROOT / "examples" / "appliance.ovf"
KESTREL = DATA / "vmware-ovftool-appliance.ovf"
CISCO = DATA / "cisco-appliance-deployment-options.ovf"
NESTED = DATA / "vmware-vcenter-nested-vapp.ovf"
LEGACY = DATA / "vmware-legacy-0.9.ovf"
KC = "com.kestrelsystems.edgegw."
KESTREL_REQUIRED = {"mgmt.ip": "10.0.0.2", "admin.password": "correct-horse"}


def canonical(data: bytes) -> str:
    """C14N 2.0 after dropping whitespace-only text and comments."""
    root = etree.fromstring(data)
    for el in root.iter():
        if el.text is not None and not el.text.strip():
            el.text = None
        if el.tail is not None and not el.tail.strip():
            el.tail = None
    text: str = etree.canonicalize(
        etree.tostring(root, encoding="unicode"), with_comments=False, strip_text=True
    )
    return text


def assert_valid(doc: EnvironmentDocument) -> bytes:
    data = serialize_environment(doc)
    schema = schemas.for_namespace(ENV_NS)
    assert schema is not None
    schema.assertValid(etree.fromstring(data))
    return data


# ----------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("path", ENV_FILES, ids=lambda p: p.name)
def test_round_trip_is_lossless(path: Path) -> None:
    data = path.read_bytes()
    doc = parse_environment(data)
    assert doc.problems == []
    out = serialize_environment(doc)
    assert canonical(out) == canonical(data)
    assert parse_environment(out) == doc


@pytest.mark.parametrize("path", ENV_FILES, ids=lambda p: p.name)
def test_sample_environments_are_schema_valid(path: Path) -> None:
    schema = schemas.for_namespace(ENV_NS)
    assert schema is not None
    schema.assertValid(etree.parse(str(path)))


def test_vmware_vendor_section_stays_in_place() -> None:
    path = DATA / "env" / "vmware-vsphere-ovf-env.xml"
    out = serialize_environment(parse_environment(path))
    root = etree.fromstring(out)
    names = [etree.QName(c).localname for c in root if isinstance(c.tag, str)]
    assert names == ["PlatformSection", "PropertySection", "EthernetAdapterSection"]
    ve = "{http://www.vmware.com/schema/ovfenv}"
    assert root.get(ve + "vCenterId") == "vm-2041"
    adapters = root.findall(f"{ve}EthernetAdapterSection/{ve}Adapter")
    assert [a.get(ve + "mac") for a in adapters] == ["00:50:56:8a:3c:01", "00:50:56:8a:3c:02"]
    assert b"<ve:EthernetAdapterSection>" in out  # the source's prefix is kept


def test_edit_changes_only_that_value() -> None:
    path = DATA / "env" / "vmware-vsphere-ovf-env.xml"
    data = path.read_bytes()
    doc = parse_environment(data)
    section = doc.environment.sections[1]
    assert isinstance(section, ovfenv.PropertySection)
    section.property[0].value = "gw-lab-02"
    out = serialize_environment(doc)
    assert canonical(out) == canonical(data.replace(b"gw-lab-01", b"gw-lab-02"))


def test_guest_reads_properties() -> None:
    doc = parse_environment(DATA / "env" / "vmware-vsphere-ovf-env.xml")
    props = properties(doc)
    assert props[KC + "mgmt.ip"] == "10.20.0.15"
    assert props[KC + "admin.password"] == "s3cret & <long>"
    assert doc.id == ""
    assert doc.platform is not None and doc.platform.kind is not None
    assert doc.platform.kind.value == "VMware ESXi"
    entities = parse_environment(DATA / "env" / "vmware-vapp-entities-ovf-env.xml")
    assert entities.id == "app-01"
    assert properties(entities, "data-tier")["app.workers"] == "16"
    with pytest.raises(OvfEnvironmentError, match="no Entity 'nope'"):
        properties(entities, "nope")


def test_not_an_environment_is_refused() -> None:
    with pytest.raises(OvfParseError, match="not an OVF Environment"):
        parse_environment(APPLIANCE)
    with pytest.raises(OvfParseError, match="DOCTYPE"):
        parse_environment(b'<!DOCTYPE x [<!ENTITY a "b">]><Environment/>')


# ----------------------------------------------------------------------------- key naming


def test_full_key_follows_dsp0243() -> None:
    assert full_key("ip") == "ip"
    assert full_key("ip", "com.vendor.app") == "com.vendor.app.ip"
    assert full_key("ip", "com.vendor.app", "1") == "com.vendor.app.ip.1"
    assert full_key("ip", None, "2") == "ip.2"
    keys = [s.full_key for s in property_specs(parse(KESTREL))]
    assert keys[0] == KC + "hostname"
    # OVF 0.9: ovf:class on a Section xsi:type="ovf:ProductSection_Type", defaultValue attribute
    legacy = properties(environment_for(parse(LEGACY)))
    assert legacy == {"org.ospreywiki.hostname": "wiki", "org.ospreywiki.http_port": "80"}


# ----------------------------------------------------------------------------- environment_for


def test_appliance_defaults_and_required() -> None:
    doc = parse(APPLIANCE)
    with pytest.raises(EnvironmentValueError) as info:
        environment_for(doc)
    assert len(info.value.problems) == 1
    message = info.value.problems[0]
    assert message.startswith("admin.password")
    assert "required" in message and "string" in message and "MinLen(12)" in message
    assert "--set admin.password=" in message
    env = environment_for(doc, {"admin.password": "a-long-secret", "smtp.port": 587})
    assert properties(env) == {
        "hostname": "mailgw",
        "smtp.port": "587",
        "smtp.require_tls": "true",
        "admin.password": "a-long-secret",
    }
    assert env.id == "aurora-mail-gateway"
    data = assert_valid(env)
    assert parse_environment(data) == env


def test_string_without_ovf_value_defaults_to_the_empty_string() -> None:
    # DSP0243 9.5 and the schema (ovf:value default=""): an absent ovf:value is the empty string;
    # it forces a value only where "" does not fit (a number, a MinLen): ovftool's own export
    # leaves mgmt.ip without a value, to be left blank when DHCP is used
    doc = parse(KESTREL)
    with pytest.raises(EnvironmentValueError) as info:
        environment_for(doc)
    (problem,) = info.value.problems  # only the password (MinLen(8)), not mgmt.ip
    assert problem.startswith(KC + "admin.password") and "required" in problem
    assert "MinLen(8)" in problem and f"--set {KC}admin.password=" in problem
    props = properties(environment_for(doc, {"admin.password": "correct-horse"}))
    assert props[KC + "mgmt.ip"] == ""
    # what the builder writes for a default of "" (it leaves the attribute out) is the same
    builder = EnvelopeBuilder("1.0")
    product = builder.virtual_system("vm").product("App")
    product.property("note", "string", "", user_configurable=True)
    product.property("port", "uint16", user_configurable=True)
    built = builder.build()
    assert b'ovf:key="note"' in serialize(built) and b'ovf:value=""' not in serialize(built)
    with pytest.raises(EnvironmentValueError) as info:
        environment_for(built)
    (problem,) = info.value.problems
    assert problem.startswith("port") and "required" in problem and "uint16" in problem
    assert properties(environment_for(built, {"port": 8080})) == {"note": "", "port": "8080"}


def test_platform_section_is_written() -> None:
    platform = Platform(kind="VMware ESXi", version="8.0.2", vendor="VMware, Inc.", locale="en")
    env = environment_for(parse(KESTREL), KESTREL_REQUIRED, platform=platform)
    data = assert_valid(env)
    back = parse_environment(data)
    assert back == env
    assert back.platform is not None and back.platform.locale is not None
    assert back.platform.locale.value == "en"
    env_tz = environment_for(parse(KESTREL), KESTREL_REQUIRED, platform=Platform(timezone=-300))
    assert b"<Timezone>-300</Timezone>" in assert_valid(env_tz)


@pytest.mark.parametrize("minutes", [99_999_999_999, -(2**31) - 1, 1441, -1441])
def test_timezone_beyond_a_day_is_refused(minutes: int) -> None:
    # the schema's Timezone is an xs:int of minutes from UTC: 99999999999 was written into a
    # document the schema refuses, and an offset of more than a day is no time zone at all
    with pytest.raises(EnvironmentValueError, match="timezone") as info:
        environment_for(parse(KESTREL), KESTREL_REQUIRED, platform=Platform(timezone=minutes))
    assert "minutes east of UTC" in str(info.value)
    for fine in (-720, 0, 330, 840):
        env = environment_for(parse(KESTREL), KESTREL_REQUIRED, platform=Platform(timezone=fine))
        assert f"<Timezone>{fine}</Timezone>".encode() in assert_valid(env)


def test_values_in_python_types_are_written_lexically() -> None:
    values: dict[str, str | int | float | bool] = {
        **KESTREL_REQUIRED,
        "mgmt.dhcp": False,
        KC + "mgmt.prefix": 16,
        "system.cpu_alarm": 0.9,
    }
    props = properties(environment_for(parse(KESTREL), values))
    assert props[KC + "mgmt.dhcp"] == "false"
    assert props[KC + "mgmt.prefix"] == "16"
    assert props[KC + "system.cpu_alarm"] == "0.9"
    assert props[KC + "system.cache_bytes"] == "17179869184"  # not configurable: default kept


def test_configuration_specific_defaults() -> None:
    doc = parse(CISCO)
    assert configurations(doc) == (["1CPU-4GB", "2CPU-4GB", "4CPU-8GB"], "2CPU-4GB")
    assert properties(environment_for(doc))["resource-template"] == "service_plane_medium"
    by_config = {
        c: properties(environment_for(doc, configuration=c))["resource-template"]
        for c in ("1CPU-4GB", "4CPU-8GB")
    }
    assert by_config == {"1CPU-4GB": "default", "4CPU-8GB": "service_plane_heavy"}
    env = environment_for(doc, configuration="4CPU-8GB")
    assert parse_environment(assert_valid(env)) == env
    with pytest.raises(OvfEnvironmentError, match="unknown deployment configuration '8CPU'"):
        environment_for(doc, configuration="8CPU")


def test_type_and_qualifier_violations_are_refused() -> None:
    values: dict[str, str | int | float | bool] = {
        **KESTREL_REQUIRED,
        "hostname": "",
        "mgmt.dhcp": "yes",
        "mgmt.prefix": 300,
        "mgmt.vlan": "ten",
        "admin.session_timeout": "3000000000",
        "admin.log_level": "trace",
        "system.cpu_alarm": "high",
        "admin.password": "short",
    }
    with pytest.raises(EnvironmentValueError) as info:
        environment_for(parse(KESTREL), values)
    problems = {p.split(" ", 1)[0]: p for p in info.value.problems}
    assert set(problems) == {
        KC + k
        for k in (
            "hostname",
            "mgmt.dhcp",
            "mgmt.prefix",
            "mgmt.vlan",
            "admin.session_timeout",
            "admin.log_level",
            "system.cpu_alarm",
            "admin.password",
        )
    }
    assert "MinLen(1)" in problems[KC + "hostname"]
    assert "not a boolean" in problems[KC + "mgmt.dhcp"]
    assert "out of range for uint8 (0..255)" in problems[KC + "mgmt.prefix"]
    assert "integer from 0 to 65535" in problems[KC + "mgmt.vlan"]
    assert "out of range for sint32" in problems[KC + "admin.session_timeout"]
    assert "ValueMap" in problems[KC + "admin.log_level"]
    assert "real64" in problems[KC + "system.cpu_alarm"]
    assert "shorter than MinLen(8)" in problems[KC + "admin.password"]
    assert str(KESTREL) in str(info.value)  # the message names the descriptor


def test_value_map_on_numbers_and_ranges() -> None:
    with pytest.raises(EnvironmentValueError, match=r"'300' is not one of ValueMap"):
        environment_for(parse(CISCO), {"throughput-mbps": 300})
    ok = environment_for(parse(CISCO), {"throughput-mbps": "1000"})
    assert properties(ok)["throughput-mbps"] == "1000"
    spec = property_specs(parse(CISCO))[0]
    spec.type, spec.qualifiers = "uint8", 'ValueMap{"1..5", "9"} MaxValue(8)'
    assert check_value(spec, "3") == ("3", None)
    assert check_value(spec, "7")[0] is None
    assert check_value(spec, "9")[1] == "9 is above MaxValue(8)"
    spec.type, spec.qualifiers = "real32", "MinValue(0.5)"
    assert check_value(spec, "1e39")[0] is None
    assert check_value(spec, "0.25")[1] == "0.25 is below MinValue(0.5)"


def test_default_outside_qualifiers_needs_a_value() -> None:
    doc = parse(DATA / "invalid-property-default-outside-qualifiers.ovf")
    with pytest.raises(EnvironmentValueError) as info:
        environment_for(doc)
    assert info.value.problems[0].startswith("capture.mode")
    assert "the descriptor's default 'mirror' is not one of ValueMap" in info.value.problems[0]
    assert properties(environment_for(doc, {"capture.mode": "tap"}))["capture.mode"] == "tap"


def test_not_user_configurable_is_refused_unless_allowed() -> None:
    values = {**KESTREL_REQUIRED, "system.cache_bytes": "1024"}
    with pytest.raises(EnvironmentValueError, match="not userConfigurable"):
        environment_for(parse(KESTREL), values)
    env = environment_for(parse(KESTREL), values, allow_non_configurable=True)
    assert properties(env)[KC + "system.cache_bytes"] == "1024"


def test_not_user_configurable_without_a_default_says_one_thing() -> None:
    # a property the deployer may not set and the descriptor gives no value: the messages said
    # both "leave it out, it keeps its default None" and "required, --set it"
    builder = EnvelopeBuilder("1.1")
    builder.virtual_system("vm").product("App").property("workers", "uint8")
    doc = builder.build()
    for values in ({}, {"workers": 4}):
        with pytest.raises(EnvironmentValueError) as info:
            environment_for(doc, values)
        (problem,) = info.value.problems
        assert problem.startswith("workers") and "required" in problem
        assert "--allow-non-configurable --set workers=" in problem, problem
        assert "None" not in problem
    env = environment_for(doc, {"workers": 4}, allow_non_configurable=True)
    assert properties(env) == {"workers": "4"}


def test_unknown_key_is_refused() -> None:
    with pytest.raises(EnvironmentValueError) as info:
        environment_for(parse(APPLIANCE), {"admin.password": "a-long-secret", "smtp.prot": 1})
    assert info.value.problems[0].startswith("smtp.prot: no such property")
    assert "smtp.port" in info.value.problems[0]


def test_unknown_system_is_refused() -> None:
    with pytest.raises(OvfEnvironmentError, match=r"no VirtualSystem .* 'nope'"):
        environment_for(parse(APPLIANCE), system="nope")


def test_macros_are_expanded() -> None:
    doc = parse(APPLIANCE)
    env = environment_for(doc, {"admin.password": "a-long-secret", "hostname": "${smtp.port}"})
    assert properties(env)["hostname"] == "25"


# ----------------------------------------------------------------------------- collections


def test_collection_gives_one_entity_per_child() -> None:
    doc = parse(NESTED)
    env = environment_for(doc, {"app.workers": 16})
    assert env.id == "retail-stack"
    assert properties(env)["app.workers"] == "16"
    assert [e.id for e in env.environment.entity] == ["data-tier", "app-01"]
    assert properties(env, "app-01") == {
        "db.port": "5432",
        "db.replication": "true",
        "app.workers": "16",
    }
    assert parse_environment(assert_valid(env)) == env


def test_system_in_collection_sees_parent_properties_and_siblings() -> None:
    doc = parse(NESTED)
    env = environment_for(doc, {"db.port": 6432}, system="app-01")
    assert env.id == "app-01"
    assert properties(env)["db.port"] == "6432"
    assert [e.id for e in env.environment.entity] == ["data-tier"]
    assert properties(env, "data-tier")["db.port"] == "6432"
    assert_valid(env)
    # only the immediate parent's properties are visible (DSP0243 11)
    deep = environment_for(doc, system="db-primary")
    assert properties(deep) == {}
    assert [e.id for e in deep.environment.entity] == ["db-replica"]
    with pytest.raises(EnvironmentValueError, match="immediate parent"):
        environment_for(doc, {"app.workers": 4}, system="db-primary")


def test_matches_the_vmware_entities_sample() -> None:
    env = environment_for(parse(NESTED), {"app.workers": 16}, system="app-01")
    sample = parse_environment(DATA / "env" / "vmware-vapp-entities-ovf-env.xml")
    assert properties(env) == properties(sample)
    assert properties(env, "data-tier") == properties(sample, "data-tier")


# ----------------------------------------------------------------------------- CLI


def test_cli_builds_and_reads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ovf-env.xml"
    argv = ["env", str(KESTREL), "--config", "performance", "-o", str(out)]
    argv += ["--set", "mgmt.ip=10.1.1.1", "--set", "admin.password=abcdefgh"]
    argv += ["--platform-kind", "VMware ESXi", "--locale", "en_US"]
    assert cli_main(argv) == 0
    assert cli_main(["env", "--read", str(out), "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown[KC + "mgmt.ip"] == "10.1.1.1"
    assert cli_main(["env", "--read", str(out)]) == 0
    assert f"{KC}admin.password=abcdefgh\n" in capsys.readouterr().out


def test_cli_refuses_with_messages(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["env", str(KESTREL), "--set", "mgmt.prefix=999"]) == 1
    err = capsys.readouterr().err
    assert "mgmt.prefix" in err and "uint8" in err and "admin.password" in err
    assert "mgmt.ip" not in err  # a string without ovf:value defaults to ""
    assert cli_main(["env", str(KESTREL), "--set", "novalue"]) == 2  # usage
    assert "ovfmodel: error: --set 'novalue': expected KEY=VALUE" in capsys.readouterr().err
    assert cli_main(["env", str(KESTREL), "--config", "huge"]) == 1


def test_cli_unreadable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["env", "--read", str(tmp_path / "missing.xml")]) == 2
    bad = tmp_path / "bad.xml"
    bad.write_text("<Environment")
    assert cli_main(["env", "--read", str(bad)]) == 2
    assert cli_main(["env", str(bad)]) == 2
    assert cli_main(["env"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 4 and all(line.startswith("ovfmodel: error: ") for line in err)


# ----------------------------------------------------------------------------- public API, CLI


def test_top_level_environment_api() -> None:
    import ovfmodel

    doc = ovfmodel.parse(APPLIANCE)
    env = ovfmodel.environment_for(doc, values={"admin.password": "a-long-secret"}, platform=None)
    data = ovfmodel.serialize_environment(env)
    assert properties(ovfmodel.parse_environment(data))["admin.password"] == "a-long-secret"


def test_vendor_section_added_by_a_platform_round_trips() -> None:
    from xsdata.formats.dataclass.models.generics import AnyElement

    ve = "{http://www.vmware.com/schema/ovfenv}"
    env = environment_for(parse(APPLIANCE), {"admin.password": "a-long-secret"})
    adapter = AnyElement(
        qname=f"{ve}Adapter",
        attributes={
            f"{ve}mac": "00:50:56:8a:3c:01",
            f"{ve}network": "Mail",
            f"{ve}unitNumber": "7",
        },
    )
    # vendor sections of an Environment live in other_element, where parsing puts them
    env.environment.other_element.append(
        AnyElement(qname=f"{ve}EthernetAdapterSection", children=[adapter])
    )
    data = assert_valid(env)
    assert b"<ve:EthernetAdapterSection" in data and b've:mac="00:50:56:8a:3c:01"' in data
    back = parse_environment(data)
    assert back == env
    assert serialize_environment(back) == data


def test_cli_reads_an_environment_given_as_the_positional_argument(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env_file = DATA / "env" / "vmware-vsphere-ovf-env.xml"
    assert cli_main(["env", str(env_file), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[KC + "mgmt.ip"] == "10.20.0.15"
    assert cli_main(["env", str(env_file), "--set", "a=b"]) == 2
    assert "--read" in capsys.readouterr().err
    # a descriptor with an EnvironmentFilesSection is still a descriptor
    out = tmp_path / "ovf-env.xml"
    storage = DATA / "generic-ovf20-storage-ethernet-items.ovf"
    assert cli_main(["env", str(storage), "-o", str(out)]) == 0
    assert parse_environment(out).id == "finch-collector"
