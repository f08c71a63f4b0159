"""Issue 2: every corpus descriptor reads into typed objects and writes back without loss."""

from __future__ import annotations

import gc
import io
import json
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import pytest
from xsdata.formats.dataclass.models.generics import AnyElement

import ovfmodel
from ovfmodel import model
from ovfmodel._generated import cim_rasd
from ovfmodel._generated import ovf_envelope_1 as ovf1
from ovfmodel.document import OVF09_NS, OVF2_NS, RASD_NS
from ovfmodel.info import canonical as _canonical

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"
INDEX = {e["file"]: e for e in json.loads((DATA / "index.json").read_text())}
CORPUS = sorted(DATA.glob("*.ovf")) + sorted(EXAMPLES.glob("*.ovf"))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_serialize_parse_is_lossless(path: Path) -> None:
    original = path.read_bytes()
    doc = ovfmodel.parse(path)
    out = ovfmodel.serialize(doc)
    assert _canonical(out) == _canonical(original)
    # writing what was written changes nothing, byte for byte
    assert ovfmodel.serialize(ovfmodel.parse(out)) == out
    assert ovfmodel.parse(out) == doc
    for bad in (b"xsi:nil", b"ns0:", b"ns1:"):
        assert (bad in out) == (bad in original)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_version_and_common_fields(path: Path) -> None:
    doc = ovfmodel.parse(path)
    entry = INDEX.get(path.name)
    if entry is not None:
        # the 1.x namespace does not tell 1.0 from 1.1; without ovf:version we say 1.0
        expected = entry["ovf_version"]
        if doc.declared_version:
            assert doc.version.startswith(expected)
        else:
            assert doc.version.split(".")[0] == expected.split(".")[0]
    systems = model.virtual_systems(doc)
    assert systems, "every corpus file has a virtual system"
    for vs in systems:
        for item in model.items(vs):
            # InstanceID is typed as text; ResourceType as the CIM enum (or None if off the map)
            rtype = item.resource_type
            assert rtype is None or rtype.value is None or isinstance(rtype.value, Enum)


def test_every_source_form_reads_the_same() -> None:
    path = DATA / "vmware-ovftool-appliance.ovf"
    data = path.read_bytes()
    docs = [
        ovfmodel.parse(path),
        ovfmodel.parse(str(path)),
        ovfmodel.parse(data),
        ovfmodel.parse(data.decode("utf-8")),
        ovfmodel.parse(io.BytesIO(data)),
    ]
    assert all(d == docs[0] for d in docs)


def test_changing_one_value_changes_only_that_value() -> None:
    path = DATA / "vmware-ovftool-appliance.ovf"
    original = path.read_bytes()
    doc = ovfmodel.parse(path)
    vs = model.virtual_systems(doc)[0]
    memory = next(
        i
        for i in model.items(vs)
        if i.resource_type is not None
        and i.resource_type.value == cim_rasd.ResourceTypeValue.VALUE_4
    )
    assert memory.virtual_quantity is not None and memory.virtual_quantity.value is not None
    before = memory.virtual_quantity.value
    memory.virtual_quantity.value = before * 2
    out = ovfmodel.serialize(doc)
    old_lines = original.decode().splitlines()
    new_lines = out.decode().splitlines()
    assert len(old_lines) == len(new_lines)  # nothing re-indented, added or dropped
    # compare lines as XML (attribute and character escaping may be spelled differently)
    changed = [
        (a.strip(), b.strip())
        for a, b in zip(old_lines, new_lines, strict=True)
        if a != b and a.replace("&quot;", '"') != b and not a.lstrip().startswith("<Envelope")
    ]
    assert changed == [
        (
            f"<rasd:VirtualQuantity>{before}</rasd:VirtualQuantity>",
            f"<rasd:VirtualQuantity>{before * 2}</rasd:VirtualQuantity>",
        )
    ]
    old_canon, new_canon = _canonical(original), _canonical(out)
    assert new_canon.replace(f">{before * 2}<", f">{before}<", 1) == old_canon


def test_defaults_are_not_materialized_and_absent_stays_absent() -> None:
    doc = ovfmodel.parse(DATA / "virtualbox-7-ovf20.ovf")
    out = ovfmodel.serialize(doc).decode()
    original = (DATA / "virtualbox-7-ovf20.ovf").read_text()
    for attribute in ('ovf:required="true"', 'ovf:msgid=""', "xml:lang", "xsi:nil"):
        assert out.count(attribute) == original.count(attribute)


def test_objects_made_in_code_get_no_defaults_and_conventional_prefixes() -> None:
    env = ovfmodel.ovf2.Envelope(
        references=ovfmodel.ovf2.ReferencesType(
            file=[ovfmodel.ovf2.FileType(id="f1", href="disk.vmdk", size=42)]
        )
    )
    text = ovfmodel.serialize(ovfmodel.OvfDocument(envelope=env)).decode()
    assert '<ovf:File ovf:id="f1" ovf:href="disk.vmdk" ovf:size="42"/>' in text
    assert "xml:lang" not in text and "required" not in text and "ns0" not in text


def test_placeholders_are_kept_verbatim_and_reported() -> None:
    path = DATA / "quirk-placeholders.ovf"
    doc = ovfmodel.parse(path)
    file = model.files(doc)[0]
    assert file.size is None  # "${vmdk.size}" is not an unsignedLong
    assert ovfmodel.raw_value(file, "size") == "${vmdk.size}"
    assert model.disks(doc)[0].capacity == "${disk.size}"  # capacity is a string in the XSD
    assert b'ovf:size="${vmdk.size}"' in ovfmodel.serialize(doc)
    file.size = 1024  # a real value replaces the placeholder
    assert b'ovf:size="1024"' in ovfmodel.serialize(doc)


def test_strict_mode_names_file_line_column_and_element() -> None:
    path = DATA / "quirk-placeholders.ovf"
    with pytest.raises(ovfmodel.OvfStrictError) as err:
        ovfmodel.parse(path, strict=True)
    assert err.value.file == str(path)
    assert err.value.line == 5 and err.value.column is not None
    assert "File" in (err.value.path or "")
    ovfmodel.parse(DATA / "vmware-ovftool-appliance.ovf", strict=True)  # clean files pass


def test_vendor_sections_keep_their_place_among_standard_sections() -> None:
    doc = ovfmodel.parse(DATA / "virtualbox-7-ovf20.ovf")
    vs = model.virtual_systems(doc)[0]
    kinds = [type(s).__name__ for s in model.sections(vs)]
    assert "AnyElement" in kinds
    machine = next(s for s in model.sections(vs) if isinstance(s, AnyElement))
    assert machine.qname == "{http://www.virtualbox.org/ovf/machine}Machine"


def test_ovf_0_9_reads_through_the_1x_model_and_writes_its_own_namespace() -> None:
    doc = ovfmodel.parse(DATA / "vmware-legacy-0.9.ovf")
    assert doc.version == "0.9" and doc.namespace == OVF09_NS
    assert model.disks(doc) and model.networks(doc) and model.virtual_systems(doc)
    out = ovfmodel.serialize(doc)
    assert OVF09_NS.encode() in out and b"schemas.dmtf.org/ovf/envelope/1" not in out


def test_wrong_root_and_bad_xml_raise_parse_errors() -> None:
    with pytest.raises(ovfmodel.OvfParseError, match="not an OVF Envelope"):
        ovfmodel.parse(b"<html/>")
    with pytest.raises(ovfmodel.OvfParseError) as err:
        ovfmodel.parse(b"<Envelope>\n  <unclosed>\n</Envelope>", name="x.ovf")
    assert err.value.file == "x.ovf" and err.value.line is not None


def test_write_creates_the_file(tmp_path: Path) -> None:
    doc = ovfmodel.parse(DATA / "generic-strings-localization.ovf")
    target = tmp_path / "out.ovf"
    ovfmodel.write(doc, target)
    assert ovfmodel.parse(target) == doc


def test_stray_text_and_minified_content_keep_their_whitespace() -> None:
    """Found by fuzzing: text in element-only content grew new indentation at every write."""
    data = (
        b'<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" '
        b'xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"><References>'
        b'<File ovf:href="a.vmdk" ovf:id="f1">-1</File><File ovf:href="b.vmdk" ovf:id="f2"/>'
        b"</References></Envelope>"
    )
    doc = ovfmodel.parse(data)
    out = ovfmodel.serialize(doc)
    assert b'<File ovf:href="a.vmdk" ovf:id="f1">-1</File><File' in out  # nothing invented
    assert ovfmodel.serialize(ovfmodel.parse(out)) == out


def test_structural_edits_place_new_values_and_keep_the_rest() -> None:
    """Appending, removing and setting child elements of a parsed document: new values go
    where the schema puts them, indented like their siblings; nothing else changes."""
    path = DATA / "vmware-ovftool-appliance.ovf"
    doc = ovfmodel.parse(path)
    vs = model.virtual_systems(doc)[0]
    items = model.items(vs)
    hardware = next(s for s in vs.sections if hasattr(s, "item"))
    removed = hardware.item.pop(0)
    first = hardware.item[0]
    assert first.address is None
    first.address = cim_rasd.Address(value="added in code")
    new_item = type(first)(
        element_name=type(first.element_name)(value="new NIC"),
        instance_id=type(first.instance_id)(value="99"),
        resource_type=type(first.resource_type)(value=cim_rasd.ResourceTypeValue.VALUE_10),
    )
    hardware.item.append(new_item)
    out = ovfmodel.serialize(doc)
    again = ovfmodel.parse(out)
    names = [i.element_name.value for i in model.items(model.virtual_systems(again)[0])]
    assert names == [i.element_name.value for i in items[1:]] + ["new NIC"]
    assert removed.element_name.value.encode() not in out
    text = out.decode()
    # Address goes before AllocationUnits (schema order), on its own line at the same indent
    desc = text.index("<rasd:Address>added in code</rasd:Address>")
    line_start = text.rindex("\n", 0, desc) + 1
    next_line = text[text.index("\n", desc) + 1 :]
    assert next_line.lstrip().startswith("<rasd:AllocationUnits>")
    assert text[line_start:desc] == next_line[: len(next_line) - len(next_line.lstrip())]
    # the new Item follows the last one, indented like it; the section closes as before
    assert "<rasd:InstanceID>99</rasd:InstanceID>" in text
    assert ovfmodel.serialize(again) == out
    # undoing the edits gives back exactly what an unedited document writes
    hardware.item.pop()
    first.address = None
    hardware.item.insert(0, removed)
    assert ovfmodel.serialize(doc) == ovfmodel.serialize(ovfmodel.parse(path))


def test_namespace_declarations_keep_their_place_among_attributes() -> None:
    """VMware writes vmw:buildId before the xmlns list; VirtualBox puts ovf:version first."""
    for name in ("vmware-esxi-vendor-sections.ovf", "virtualbox-7-ovf20.ovf"):
        original = (DATA / name).read_bytes()
        out = ovfmodel.serialize(ovfmodel.parse(original))
        start = original.index(b"<Envelope")
        assert out[start : out.index(b">", start)] == original[start : original.index(b">", start)]
    # a declaration added to a parsed element goes before the recorded ones
    doc = ovfmodel.parse(DATA / "vmware-esxi-vendor-sections.ovf")
    doc.envelope.any_attributes["{http://example.com/new}flag"] = "1"
    out = ovfmodel.serialize(doc)
    head = out[out.index(b"<Envelope") : out.index(b">", out.index(b"<Envelope"))].decode()
    assert head.index('xmlns:new="http://example.com/new"') < head.index("vmw:buildId")
    assert head.endswith('new:flag="1"')
    assert ovfmodel.parse(out).envelope.any_attributes["{http://example.com/new}flag"] == "1"


def test_a_parsed_document_goes_to_the_oldest_gc_generation_unless_the_app_froze_objects() -> None:
    """Parsing moves its objects to the oldest generation (no young collection walks them);
    an application's own gc.freeze() is left as it was."""
    gc.collect()
    doc = ovfmodel.parse(DATA / "vmware-ovftool-appliance.ovf")
    assert any(o is doc.envelope for o in gc.get_objects(generation=2))
    assert not any(o is doc.envelope for o in gc.get_objects(generation=0))
    assert not any(o is doc.envelope for o in gc.get_objects(generation=1))
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        ovfmodel.parse(DATA / "vmware-ovftool-appliance.ovf")
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_numbers_beyond_pythons_conversion_limit_are_kept_verbatim() -> None:
    """int() refuses more than 4,300 digits: such a value is unconvertible, not a crash."""
    digits = "9" * 5000
    source = (
        f'<Envelope xmlns="{OVF2_NS}"><References/><VirtualSystem ovf:id="v" '
        f'xmlns:ovf="{OVF2_NS}"><Info>i</Info><VirtualHardwareSection><Info>h</Info><Item>'
        f'<rasd:InstanceID xmlns:rasd="{RASD_NS}">1</rasd:InstanceID>'
        f'<rasd:ResourceType xmlns:rasd="{RASD_NS}">{digits}</rasd:ResourceType>'
        f'<rasd:VirtualQuantity xmlns:rasd="{RASD_NS}">{digits}'
        "</rasd:VirtualQuantity></Item></VirtualHardwareSection></VirtualSystem></Envelope>"
    )
    doc = ovfmodel.parse(source)
    item = model.items(model.virtual_systems(doc)[0])[0]
    assert item.virtual_quantity is not None
    assert item.virtual_quantity.value is None
    assert ovfmodel.raw_value(item.virtual_quantity, "value") == digits
    assert ovfmodel.serialize(doc).count(digits.encode()) == 2
    with pytest.raises(ovfmodel.OvfStrictError):
        ovfmodel.parse(source, strict=True)


def test_an_attribute_set_on_a_parsed_leaf_is_written() -> None:
    """A leaf read without attributes keeps a compact SourceInfo; an attribute set on it later
    (Info's ovf:msgid here) must still be written, not dropped by a leaf shortcut."""
    source = (
        f'<Envelope xmlns="{OVF2_NS}" xmlns:ovf="{OVF2_NS}">\n<References/>\n'
        '<VirtualSystem ovf:id="v">\n<Info>x</Info>\n</VirtualSystem></Envelope>'
    )
    doc = ovfmodel.parse(source)
    model.virtual_systems(doc)[0].info.msgid = "info.msg"
    out = ovfmodel.serialize(doc)
    assert b'<Info ovf:msgid="info.msg">x</Info>' in out
    assert model.virtual_systems(ovfmodel.parse(out))[0].info.msgid == "info.msg"


_MIXED = (
    '<ovf:Envelope xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" '
    'xmlns:ext="http://vendor.example/ovf/ext"><ovf:References>x&lt;<ovf:File ovf:id="f" '
    'ovf:href="a"/>a&lt;b<!-- c -->x&amp;y\n</ovf:References><ovf:VirtualSystem ovf:id="vm">'
    "<ovf:Info>x</ovf:Info><ext:a>{}</ext:a></ovf:VirtualSystem></ovf:Envelope>\n"
)


@pytest.mark.parametrize(
    "content",
    [
        "abc<ovf:Info/>tail",
        "<ovf:Info/>x&lt;y<ovf:Info/>",
        "\n  <ovf:Info/>x&lt;y\n  <ovf:Info/>\n",
        "a&amp;<ovf:Info/>b&gt;<!--c-->d&lt;",
        'abc<ovf:Info ovf:msgid="m"/>t&lt;ail<ext:b/> ',
    ],
)
def test_text_between_children_is_written_escaped_and_whole(content: str) -> None:
    """Stray text in element-only content and mixed content in vendor elements: escaped on the
    way out (`a&lt;b` read back as the text `a<b` was written raw, which is not XML) and the last
    child's text kept when the element has text of its own (it was dropped)."""
    source = _MIXED.format(content).encode()
    doc = ovfmodel.parse(source)
    assert ovfmodel.serialize(doc) == source
    assert ovfmodel.parse(ovfmodel.serialize(doc)) == doc


def test_mixed_content_text_after_a_vendor_child_is_in_the_model_and_editable() -> None:
    doc = ovfmodel.parse(_MIXED.format("abc<ext:b/>t&lt;ail<ext:c/>").encode())
    vendor = model.sections(model.virtual_systems(doc)[0])[-1]
    assert isinstance(vendor, AnyElement)
    first = vendor.children[0]
    assert isinstance(first, AnyElement)
    assert first.tail == "t<ail"
    first.tail = "new & <"
    assert b"<ext:b/>new &amp; &lt;<ext:c/>" in ovfmodel.serialize(doc)


def test_strict_parsing_refuses_xinclude_spelled_with_a_character_reference() -> None:
    """The XInclude namespace may be spelled `X&#73;nclude`: parse finds it as validate does."""
    text = (DATA / "vmware-ovftool-appliance.ovf").read_text()
    text = text.replace(
        "<Envelope ", '<Envelope xmlns:xi="http://www.w3.org/2001/X&#73;nclude" ', 1
    ).replace("</VirtualSystem>", '<xi:include href="x"/></VirtualSystem>', 1)
    with pytest.raises(ovfmodel.OvfStrictError, match="XInclude is not supported"):
        ovfmodel.parse(text.encode(), strict=True)
    assert any("XInclude" in message for _, message in ovfmodel.parse(text.encode()).problems)


def test_locations_past_line_65534_are_the_start_tags() -> None:
    """libxml2 gives an element past line 65534 the line of the text after its start tag: an
    indented Item was placed one line down, at column 1."""
    text = (DATA / "vmware-ovftool-appliance.ovf").read_text()
    start = text.index("<Item>")
    one = text[start : text.index("</Item>", start) + len("</Item>")]
    big = text[:start] + (one + "\n      ") * 8000 + text[start:]
    doc = ovfmodel.parse(big.encode())
    lines = big.split("\n")
    (vs,) = model.virtual_systems(doc)
    located = [doc.location(it) for it in model.items(vs)]
    past = [(line, column) for line, column in located if line is not None and line > 65534]
    assert len(past) > 500
    for line, column in past:
        assert column is not None
        assert lines[line - 1][column - 1 :].startswith(("<Item>", "<Item ")), (line, column)


def test_a_document_with_kept_comments_and_vendor_nodes_pickles() -> None:
    """Content kept verbatim (comments, PIs, vendor elements in simple content) is lxml nodes;
    pickling such a document failed ("cannot pickle 'lxml.etree._Comment'")."""
    import pickle

    text = (DATA / "vmware-ovftool-appliance.ovf").read_text()
    start = text.index("<Info>")
    end = text.index("</Info>", start) + len("</Info>")
    text = (
        text[:start]
        + '<Info>Virtual <vmw:em vmw:k="1">hardware</vmw:em><!--c--></Info><!--between--><?pi x?>'
        + text[end:]
    )
    doc = ovfmodel.parse(text.encode())
    again = pickle.loads(pickle.dumps(doc))
    assert again == doc
    assert ovfmodel.serialize(again) == ovfmodel.serialize(doc)
    assert b'<vmw:em vmw:k="1">hardware</vmw:em><!--c-->' in ovfmodel.serialize(again)


def test_objects_put_in_vendor_content_are_written_as_elements_or_refused() -> None:
    """A model object appended to a wildcard field (DiskSection.other_element) was written as
    its Python repr, and so was anything else: data loss. It is now the element it stands for;
    what is no element (a dataclass of the caller's own, a number) is refused by name."""
    doc = ovfmodel.parse(EXAMPLES / "appliance.ovf")
    (disks,) = model.sections(doc.envelope, "DiskSection")
    disks.other_element.append(cim_rasd.Caption(value="kept as an element"))
    out = ovfmodel.serialize(doc)
    assert b"<rasd:Caption>kept as an element</rasd:Caption>\n  </DiskSection>" in out
    again = ovfmodel.parse(out)
    assert ovfmodel.serialize(again) == out
    (read,) = model.sections(again.envelope, "DiskSection")
    (caption,) = read.other_element
    assert isinstance(caption, AnyElement) and caption.text == "kept as an element"

    @dataclass
    class VendorThing:
        size: int

    for stranger in (VendorThing(3), 7):
        disks.other_element[-1] = stranger
        with pytest.raises(TypeError, match="cannot stand in field other_element"):
            ovfmodel.serialize(doc)


def test_simple_values_new_in_compound_fields_are_written_as_their_choice() -> None:
    """A compound field whose choices include simple types (an OVF 2 Network's
    NetworkPortProfileURI, a CIM datetime's Interval or Datetime, xenc:CipherValue in base64):
    a value set since parsing is written as the element its type stands for, in the choice's
    format, and reads back equal. It used to raise "str cannot stand in field ..."."""
    from xsdata.models.datatype import XmlDateTime, XmlDuration

    from ovfmodel._generated import cim_vssd, xmlenc

    doc = ovfmodel.parse(EXAMPLES / "appliance.ovf")
    network = model.networks(doc)[0]
    assert isinstance(network, ovfmodel.ovf2.NetworkSectionTypeNetwork)
    network.network_port_profile_or_network_port_profile_uri.append("urn:example:profile")
    system = model.hardware_sections(model.virtual_systems(doc)[0])[0].system
    assert system is not None
    system.creation_time = cim_vssd.CreationTime(
        cim_date_time_or_interval_or_date_or_time_or_datetime=XmlDuration("P1DT2H")
    )
    system.automatic_startup_action_delay = cim_vssd.AutomaticStartupActionDelay(
        cim_date_time_or_interval_or_date_or_time_or_datetime=XmlDateTime(2026, 11, 30, 12, 0, 0)
    )
    out = ovfmodel.serialize(doc)
    assert b"<NetworkPortProfileURI>urn:example:profile</NetworkPortProfileURI>" in out
    assert b'<cim:Interval xmlns:cim="http://schemas.dmtf.org/wbem/wscim/1/common">P1DT2H<' in out
    assert b">2026-11-30T12:00:00</cim:Datetime>" in out
    assert ovfmodel.validate(out).ok, ovfmodel.validate(out).diagnostics
    again = ovfmodel.parse(out)
    read_network = model.networks(again)[0]
    assert isinstance(read_network, ovfmodel.ovf2.NetworkSectionTypeNetwork)
    assert read_network.network_port_profile_or_network_port_profile_uri == ["urn:example:profile"]
    read = model.hardware_sections(model.virtual_systems(again)[0])[0].system
    assert read is not None and read.creation_time is not None
    assert read.creation_time.cim_date_time_or_interval_or_date_or_time_or_datetime == (
        XmlDuration("P1DT2H")
    )
    assert ovfmodel.serialize(again) == out

    data = xmlenc.CipherData(cipher_value_or_cipher_reference=b"\x00key")
    key = ovfmodel.ovf2.EncryptedKey(cipher_data=data, id="k1")
    doc.envelope.sections.append(
        ovfmodel.ovf2.EncryptionSection(
            info=ovfmodel.ovf2.MsgType(value="keys"), derived_key_or_encrypted_key=[key]
        )
    )
    out = ovfmodel.serialize(doc)
    assert b"<xenc:CipherValue>AGtleQ==</xenc:CipherValue>" in out, out[-600:]
    (section,) = model.sections(ovfmodel.parse(out).envelope, "EncryptionSection")
    assert isinstance(section, ovfmodel.ovf2.EncryptionSection)
    (read_key,) = section.derived_key_or_encrypted_key
    assert isinstance(read_key, ovfmodel.ovf2.EncryptedKey)
    assert read_key.cipher_data.cipher_value_or_cipher_reference == b"\x00key"


def test_a_parsed_choice_given_a_value_of_another_choice_is_written_as_that_choice() -> None:
    """A CIM datetime read as <cim:Interval> and then given an XmlDateTime (or a str, which is
    CIM_DateTime) is written as the element its new type stands for: it was written under the
    tag it was read with, <cim:Interval>2026-11-30T12:00:00</cim:Interval>, which the schema
    refuses (OVF901). A value left as read keeps its tag and its text, even one that did not
    convert (kept verbatim as a str)."""
    from xsdata.models.datatype import XmlDateTime, XmlDuration

    from ovfmodel._generated import cim_vssd

    def system_of(doc: ovfmodel.OvfDocument) -> cim_vssd.CimVirtualSystemSettingDataType:
        system = model.hardware_sections(model.virtual_systems(doc)[0])[0].system
        assert system is not None
        return system

    doc = ovfmodel.parse(EXAMPLES / "appliance.ovf")
    system_of(doc).creation_time = cim_vssd.CreationTime(
        cim_date_time_or_interval_or_date_or_time_or_datetime=XmlDuration("P1DT2H")
    )
    read = ovfmodel.serialize(doc)
    assert b">P1DT2H</cim:Interval>" in read

    changes: list[tuple[str | XmlDuration | XmlDateTime, bytes]] = [
        (XmlDateTime(2026, 11, 30, 12, 0, 0), b">2026-11-30T12:00:00</cim:Datetime>"),
        ("20261130120000.000000+000", b">20261130120000.000000+000</cim:CIM_DateTime>"),
        (XmlDuration("PT5M"), b">PT5M</cim:Interval>"),
    ]
    for value, element in changes:
        doc = ovfmodel.parse(read)
        creation = system_of(doc).creation_time
        assert creation is not None
        creation.cim_date_time_or_interval_or_date_or_time_or_datetime = value
        out = ovfmodel.serialize(doc)
        assert element in out, out
        assert ovfmodel.validate(out).ok, [
            d.format_text() for d in ovfmodel.validate(out).diagnostics
        ]
        again = system_of(ovfmodel.parse(out)).creation_time
        assert again is not None
        assert again.cim_date_time_or_interval_or_date_or_time_or_datetime == value

    # text that does not convert is kept verbatim, under the tag it was read with
    odd = read.replace(b">P1DT2H</cim:Interval>", b">P1DT2H later</cim:Interval>")
    doc = ovfmodel.parse(odd)
    creation = system_of(doc).creation_time
    assert creation is not None
    assert creation.cim_date_time_or_interval_or_date_or_time_or_datetime == "P1DT2H later"
    assert ovfmodel.serialize(doc) == odd


IRREGULAR = b"""<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
  <References/>
  <NetworkSection>
    <Info>n</Info>
    <Network ovf:name="a"/>
  <Network ovf:name="b"/>
    <Network ovf:name="c"/>
  </NetworkSection>
  <VirtualSystem ovf:id="vm"><Info>x</Info></VirtualSystem>
</Envelope>
"""


def test_a_middle_child_indented_like_the_end_tag_keeps_its_whitespace() -> None:
    """Network a's tail is the whitespace before </NetworkSection>: it was taken for the old
    last child's and re-indented, so this file did not write back byte for byte. Only a child
    that no parsed child follows any more gets its siblings' indentation."""
    doc = ovfmodel.parse(IRREGULAR)
    assert ovfmodel.serialize(doc) == IRREGULAR
    (networks,) = model.sections(doc.envelope, "NetworkSection")
    networks.network[1].name = "bb"
    assert ovfmodel.serialize(doc) == IRREGULAR.replace(b'"b"', b'"bb"')
    assert isinstance(networks, ovf1.NetworkSection)
    networks.network.append(ovf1.NetworkSectionTypeNetwork(name="d"))
    assert ovfmodel.serialize(doc).endswith(
        b'  <Network ovf:name="bb"/>\n    <Network ovf:name="c"/>\n    <Network ovf:name="d"/>\n'
        b"  </NetworkSection>\n"
        b'  <VirtualSystem ovf:id="vm"><Info>x</Info></VirtualSystem>\n</Envelope>\n'
    )
