"""Fuzzing parse, serialize and validate with arbitrary bytes and mutated corpus files.

Whatever the input, only ovfmodel's documented errors (OvfError subclasses) may escape parse, and
validate() always returns a Report. Hangs would show as the suite not finishing.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from ovfmodel import OvfError, parse, serialize
from ovfmodel.diagnostics import Report
from ovfmodel.validation import validate

DATA = Path(__file__).parent / "data"
CORPUS = sorted(DATA.glob("*.ovf"))
_fuzz = settings(suppress_health_check=list(HealthCheck))


def _parse_or_documented_error(data: bytes) -> None:
    try:
        doc = parse(data)
    except OvfError:
        return
    text = serialize(doc)  # whatever parses must serialize ...
    assert parse(text) is not None  # ... to something that parses again


@_fuzz
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    _parse_or_documented_error(data)
    assert isinstance(validate(data, xsd=False), Report)


@_fuzz
@given(st.binary(max_size=400))
def test_bytes_after_an_envelope_start(tail: bytes) -> None:
    data = b'<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/2"><References/>' + tail
    _parse_or_documented_error(data)


def _corpus_bytes() -> st.SearchStrategy[bytes]:
    if not CORPUS:
        return st.nothing()
    return st.sampled_from([p.read_bytes() for p in CORPUS])


@st.composite
def _byte_mutations(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(_corpus_bytes()))
    kind = draw(st.sampled_from(["truncate", "flip", "insert", "delete"]))
    pos = draw(st.integers(0, len(data) - 1))
    if kind == "truncate":
        return bytes(data[:pos])
    if kind == "flip":
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] ^= 1 << draw(st.integers(0, 7))
        return bytes(data)
    if kind == "insert":
        return bytes(data[:pos]) + draw(st.binary(min_size=1, max_size=16)) + bytes(data[pos:])
    n = draw(st.integers(1, 64))
    return bytes(data[:pos] + data[pos + n :])


@st.composite
def _xml_mutations(draw: st.DrawFn) -> bytes:
    """Well-formed mutations: delete or duplicate an element, or set a random attribute value."""
    root = etree.fromstring(draw(_corpus_bytes()))
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    target = draw(st.sampled_from(elements))
    kind = draw(st.sampled_from(["delete", "duplicate", "attribute", "text"]))
    parent = target.getparent()
    if kind == "delete" and parent is not None:
        parent.remove(target)
    elif kind == "duplicate" and parent is not None:
        parent.insert(parent.index(target), etree.fromstring(etree.tostring(target)))
    elif kind == "attribute" and target.attrib:
        key = draw(st.sampled_from(sorted(target.attrib.keys())))
        target.set(
            key, draw(st.text(st.characters(codec="utf-8", min_codepoint=0x20), max_size=20))
        )
    elif kind == "text" and len(target) == 0:
        target.text = draw(
            st.sampled_from(["", "-1", "99999999999999999999999", "x", "true", " 1 "])
        )
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


@pytest.mark.skipif(not CORPUS, reason="tests/data corpus is missing")
@_fuzz
@given(_byte_mutations())
def test_byte_mutations_of_the_corpus(data: bytes) -> None:
    _parse_or_documented_error(data)
    assert isinstance(validate(data, xsd=False), Report)


@pytest.mark.skipif(not CORPUS, reason="tests/data corpus is missing")
@_fuzz
@given(_xml_mutations())
def test_xml_mutations_of_the_corpus(data: bytes) -> None:
    try:
        doc = parse(data)
    except OvfError:
        return
    text = serialize(doc)
    assert serialize(parse(text)) == text
    assert isinstance(validate(data), Report)
    with contextlib.suppress(OvfError):
        parse(data, strict=True)
