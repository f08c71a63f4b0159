"""Properties of the public strategies: valid documents are valid, mutations are caught."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from ovfmodel import OvfDocument, parse, serialize
from ovfmodel.diagnostics import CATALOG, Severity
from ovfmodel.document import RASD_NS as RASD
from ovfmodel.schemas import for_namespace
from ovfmodel.strategies import (
    MUTATIONS,
    InvalidDocument,
    built_documents,
    invalid_documents,
    valid_documents,
)
from ovfmodel.validation import validate

_slow = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _share(divisor: int) -> int:
    """A share of the profile's examples (ci: 25, dev: 1000) for the many parametrized tests."""
    return max(3, settings().max_examples // divisor)


@_slow
@given(valid_documents())
def test_valid_documents_pass_the_dmtf_xsd(doc: OvfDocument) -> None:
    text = serialize(doc)
    schema = for_namespace(doc.namespace)
    assert schema is not None
    assert schema.validate(etree.fromstring(text)), str(schema.error_log)


@_slow
@given(valid_documents())
def test_valid_documents_pass_semantic_validation(doc: OvfDocument) -> None:
    report = validate(serialize(doc))
    assert not report.errors, [d.code + " " + d.message for d in report.errors]


@_slow
@given(valid_documents())
def test_round_trip_is_equal_and_byte_stable(doc: OvfDocument) -> None:
    text = serialize(doc)
    again = parse(text)
    assert again == doc
    assert serialize(again) == text


@pytest.mark.parametrize("version", ["1", "2"])
def test_each_version_is_generated(version: str) -> None:
    @settings(max_examples=_share(5), suppress_health_check=list(HealthCheck))
    @given(valid_documents(version))  # type: ignore[arg-type]
    def check(doc: OvfDocument) -> None:
        assert doc.family.model_ns.endswith("/" + version)

    check()


# rules no single local edit of a document model can trigger, and why
UNMUTATED = {
    "OVF001": "unreadable input is not a document; tests/test_fuzz.py and test_hostile.py feed it",
    "OVF003": "needs XML the model cannot hold (a misplaced element); the XML mutations of "
    "tests/test_fuzz.py duplicate and delete elements",
    "OVF902": "vendor content the pristine schema rejects inside DMTF elements: the model only "
    "holds vendor content where the schema has a wildcard",
    "OVF903": "a property of OVF 0.9 documents, which the strategies do not generate",
    "OVF904": "a property of the installation (schemas missing), not of a document",
    "OVF007": "a spelling of OVF 0.9 documents (elements in no namespace), which the strategies "
    "do not generate",
    **dict.fromkeys(
        ("OVF701", "OVF702", "OVF703", "OVF704", "OVF705", "OVF706", "OVF707"),
        "a rule of OVF environment documents, not of descriptors; "
        "tests/test_spec_rules.py covers it",
    ),
}


def test_every_descriptor_rule_has_a_mutation_or_a_reason() -> None:
    import ovfmodel.validation.rules  # noqa: F401  (registers the OVF rules)

    mutated = {m.rule for m in MUTATIONS.values()}
    rules = {r.code for r in CATALOG.all() if r.code.startswith("OVF")}
    assert rules - mutated == set(UNMUTATED), "add a mutation, or say why there is none"
    assert mutated <= rules


def test_every_mutation_is_documented() -> None:
    text = (Path(__file__).parent.parent / "docs" / "strategies.md").read_text(encoding="utf-8")
    for m in MUTATIONS.values():
        assert f"| `{m.name}` | {m.rule} |" in text, f"docs/strategies.md: add {m.name}"


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_mutation_triggers_exactly_its_rule(name: str) -> None:
    """The broken document has the mutation's error and no other (none at all for a warning
    or info rule); any other new code is one the mutation documents as a consequence."""
    mutation = MUTATIONS[name]

    @settings(max_examples=_share(8), suppress_health_check=list(HealthCheck))
    @given(invalid_documents(mutations=[name]))
    def check(bad: InvalidDocument) -> None:
        assert (bad.mutation, bad.rule) == (name, mutation.rule)
        text = serialize(bad.document)
        report = validate(text, xsd=mutation.schema)
        before = validate(serialize(bad.original), xsd=mutation.schema)
        assert not before.errors
        expected = {bad.rule} if CATALOG[bad.rule].severity is Severity.ERROR else set()
        assert {d.code for d in report.errors} == expected, report.diagnostics
        assert bad.rule in report.codes()
        unexplained = set(report.codes()) - set(before.codes()) - {bad.rule}
        assert unexplained <= mutation.consequences, report.diagnostics
        assert serialize(parse(text)) == text  # broken, but still read and written losslessly

    check()


_NS2 = "http://schemas.dmtf.org/ovf/envelope/2"
_DANGLING = {
    "Icon": '<ProductSection><Info>p</Info><Icon ovf:fileRef="no-such-file"/></ProductSection>',
    "EnvironmentFiles": '<EnvironmentFilesSection><Info>e</Info><File ovf:fileRef="no-such-file" '
    'ovf:path="a.txt"/></EnvironmentFilesSection>',
}


@pytest.mark.parametrize("where", sorted(_DANGLING))
def test_a_dangling_icon_or_environment_file_ref_is_an_error(where: str) -> None:
    text = (
        f'<Envelope xmlns="{_NS2}" xmlns:ovf="{_NS2}" xmlns:rasd="{RASD}"><References/>'
        f'<VirtualSystem ovf:id="vm"><Info>vm</Info>{_DANGLING[where]}'
        "<VirtualHardwareSection><Info>hw</Info></VirtualHardwareSection></VirtualSystem>"
        "</Envelope>"
    )
    schema = for_namespace(_NS2)
    assert schema is not None
    assert schema.validate(etree.fromstring(text)), schema.error_log
    assert [d.code for d in validate(text, xsd=False).errors] == ["OVF108"]


# ---------------------------------------------------------------------------- the builder


@_slow
@given(built_documents())
def test_builder_output_is_valid_and_parses_back_equal(doc: OvfDocument) -> None:
    text = serialize(doc)
    again = parse(text)
    assert again == doc
    assert serialize(again) == text
    schema = for_namespace(doc.namespace)
    assert schema is not None
    assert schema.validate(etree.fromstring(text)), str(schema.error_log)
    report = validate(text, xsd=False)
    assert not report.errors, [d.code + " " + d.message for d in report.errors]


@settings(max_examples=_share(2), suppress_health_check=list(HealthCheck))
@given(built_documents(vendor_sections=True))
def test_builder_output_with_vendor_sections_parses_back_equal(doc: OvfDocument) -> None:
    """Vendor sections need a vendor schema, so only the round trip and the semantic rules."""
    text = serialize(doc)
    assert parse(text) == doc
    assert serialize(parse(text)) == text
    assert not validate(text, xsd=False).errors


@pytest.mark.parametrize("version", ["1.0", "1.1", "2.0"])
def test_each_builder_version_is_generated(version: str) -> None:
    @settings(max_examples=_share(8), suppress_health_check=list(HealthCheck))
    @given(built_documents(version))  # type: ignore[arg-type]
    def check(doc: OvfDocument) -> None:
        assert doc.version == version

    check()


def test_unknown_mutation_is_refused() -> None:
    with pytest.raises(ValueError):
        invalid_documents(mutations=["no-such-mutation"])


# --- concurrency: validate() from threads reports exactly what it reports alone ----------------


def _with_schema_errors(text: bytes, sizes: list[str]) -> bytes:
    """`text` with Files whose ovf:size the XML Schema refuses (one OVF901 each)."""
    files = "".join(
        f'<ovf:File xmlns:ovf="{_NS2}" ovf:id="bad{i}" ovf:href="b{i}" ovf:size="{s}"/>'
        for i, s in enumerate(sizes)
    ).encode()
    for empty in (b"<ovf:References/>", b"<References/>"):
        if empty in text:
            closing = empty[:-2] + b">"
            return text.replace(empty, closing + files + b"</" + closing[1:], 1)
    head = re.search(rb"<(ovf:)?References>", text)
    assert head is not None, "a descriptor has References"
    return text[: head.end()] + files + text[head.end() :]


def _documents() -> st.SearchStrategy[bytes]:
    valid = valid_documents("2").map(serialize)
    invalid = invalid_documents("2").map(lambda bad: serialize(bad.document))
    sizes = st.lists(st.text("xyz-", min_size=1, max_size=5), min_size=20, max_size=200)
    broken = st.builds(_with_schema_errors, valid, sizes)
    return st.one_of(valid, invalid, broken)


@settings(max_examples=_share(5), suppress_health_check=list(HealthCheck), deadline=None)
@given(st.lists(_documents(), min_size=2, max_size=5))
def test_concurrent_validation_equals_single_threaded(texts: list[bytes]) -> None:
    """XML Schema errors were lost or duplicated when threads shared the compiled schema's
    error log (issue 11, item 15)."""
    from concurrent.futures import ThreadPoolExecutor

    alone = [validate(t).model_dump() for t in texts]
    for text, report in zip(texts, alone, strict=True):
        if b'ovf:id="bad0"' in text:  # the schema errors this test is about are there
            assert any(d["code"] == "OVF901" for d in report["diagnostics"])
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(lambda t: validate(t).model_dump(), texts * 6))
    assert together == alone * 6
