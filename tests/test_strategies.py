"""Properties of the public strategies: valid documents are valid, mutations are caught."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from ovfmodel import OvfDocument, parse, serialize
from ovfmodel.schemas import for_namespace
from ovfmodel.strategies import MUTATIONS, InvalidDocument, invalid_documents, valid_documents
from ovfmodel.validation import validate

_slow = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


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
    @settings(max_examples=5, suppress_health_check=list(HealthCheck))
    @given(valid_documents(version))  # type: ignore[arg-type]
    def check(doc: OvfDocument) -> None:
        assert doc.family.model_ns.endswith("/" + version)

    check()


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_mutation_triggers_its_rule(name: str) -> None:
    @settings(max_examples=4, suppress_health_check=list(HealthCheck))
    @given(invalid_documents(mutations=[name]))
    def check(bad: InvalidDocument) -> None:
        report = validate(serialize(bad.document), xsd=False)
        assert bad.rule in report.codes(), (bad.mutation, report.codes())

    check()


def test_unknown_mutation_is_refused() -> None:
    with pytest.raises(ValueError):
        invalid_documents(mutations=["no-such-mutation"])
