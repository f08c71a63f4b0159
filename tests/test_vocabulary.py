"""The validator's vocabulary tables (generated/ovf_vocabulary_N.py) and `Vocabulary.entry` answer
as the typed binder does: the tables are what the binder's plans say for every class reachable
from each root, and on every element of the real descriptors (and on every xsi:type a child may
name) the field and class `Vocabulary.entry` gives are the binder's."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from ovfmodel.binding import Binder
from ovfmodel.document import OVF09_NS, OVF1_NS, OVF2_NS, Family, family_for
from ovfmodel.namespaces import SASD_NS, XSI_NS
from ovfmodel.validation.vocabulary import Vocabulary, kind, vocabulary

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import gen_vocabulary  # noqa: E402

CORPUS = sorted([*(ROOT / "tests" / "data").glob("*.ovf"), *(ROOT / "examples").glob("*.ovf")])
XSI_TYPE = "{" + XSI_NS + "}type"


def _family(ns: str) -> Family:
    family = family_for(ns)
    assert family is not None
    return family


@pytest.mark.parametrize("model_ns", [OVF1_NS, OVF2_NS])
def test_the_committed_table_is_what_the_binder_computes(model_ns: str) -> None:
    root, elements, types, bases = gen_vocabulary.table(model_ns)
    module = importlib.import_module("ovfmodel._generated." + gen_vocabulary.TABLES[model_ns])
    assert model_ns == module.MODEL_NS
    assert module.ROOT == root == gen_vocabulary.class_key(_family(model_ns).root)
    assert elements == module.ELEMENTS
    assert types == module.TYPES
    assert bases == module.BASES
    # every class the plans reach is there, sections and items included
    binder = _family(model_ns).binder(model_ns)
    classes = gen_vocabulary.reachable(binder, [_family(model_ns).root])
    assert len(classes) > 50
    for cls in classes:
        plan = gen_vocabulary.full_plan(binder, cls)
        assert bool(plan.elems) == (gen_vocabulary.class_key(cls) in module.ELEMENTS), cls


def _keyed(entry: tuple[Any, type | None, Any] | None) -> tuple[str, str | None] | None:
    """A binder entry as the vocabulary names it."""
    if entry is None:
        return None
    fp, clazz, _ = entry
    return fp.name, None if clazz is None else gen_vocabulary.class_key(clazz)


def _pairs(
    binder: Binder, voc: Vocabulary, root: etree._Element, cls: type
) -> Iterator[tuple[etree._Element, Any, Any]]:
    """(element, binder's entry, vocabulary's entry) for every child the binder enters."""
    stack = [(root, cls)]
    while stack:
        el, clazz = stack.pop()
        plan = gen_vocabulary.full_plan(binder, clazz)
        for child in el:
            want = binder.entry(plan, child)
            yield child, _keyed(want), voc.entry(gen_vocabulary.class_key(clazz), child)
            if want is not None and want[1] is not None:
                stack.append((child, want[1]))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_entry_agrees_with_the_binder_on_real_descriptors(path: Path) -> None:
    from ovfmodel.xmlsafe import parse_xml

    root = parse_xml(path.read_bytes(), str(path)).getroot()
    ns = root.tag[1:].partition("}")[0]
    family = _family(ns)
    binder, voc = family.binder(ns), vocabulary(ns)
    seen = 0
    for child, want, got in _pairs(binder, voc, root, family.root):
        assert got == want, (child.tag, child.sourceline)
        seen += 1
    assert seen > 10


def test_the_corpus_has_the_spellings_the_aliases_are_for() -> None:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in CORPUS]
    assert any(OVF09_NS in t and "xsi:type" in t for t in texts)  # OVF 0.9 sections
    assert any(SASD_NS + ".xsd" in t for t in texts)  # VirtualBox's spelling


@pytest.mark.parametrize("source_ns", [OVF09_NS, OVF1_NS, OVF2_NS])
def test_entry_agrees_with_the_binder_on_every_xsi_type(source_ns: str) -> None:
    """Each field class (once) under each xsi:type of the family: the binder's subclass test
    (a section field takes any *Section_Type, a simple field any type) is the tables'."""
    family = _family(source_ns)
    binder, voc = family.binder(source_ns), vocabulary(source_ns)
    model_ns = family.model_ns
    places: dict[type | None, tuple[type, str]] = {}
    for cls in gen_vocabulary.reachable(binder, [family.root, *family.types_by_qname.values()]):
        for tag, (_, clazz, _) in gen_vocabulary.full_plan(binder, cls).elems.items():
            places.setdefault(clazz, (cls, tag))
    assert None in places  # a simple-typed field too
    compared = accepted = 0
    for cls, model_tag in places.values():
        tag = model_tag
        if tag.startswith("{" + model_ns + "}"):  # written in the document's own namespace
            tag = "{" + source_ns + "}" + tag.partition("}")[2]
        for qname in family.types_by_qname:
            local = qname.partition("}")[2]
            parent = etree.Element("parent", nsmap={"o": source_ns, "xsi": XSI_NS})
            child = etree.SubElement(parent, tag, {XSI_TYPE: "o:" + local})
            want = _keyed(binder.entry(binder.plan(cls), child))
            got = voc.entry(gen_vocabulary.class_key(cls), child)
            assert got == want, (cls, tag, qname)
            compared += 1
            accepted += (
                want is not None
                and gen_vocabulary.class_key(family.types_by_qname[qname]) == want[1]
            )
    assert compared > 1000 and accepted > 20


def test_kind_names_the_element_a_class_stands_for() -> None:
    assert kind("ovf_envelope_2.DiskSectionType", "{x}Section") == "DiskSection"
    assert kind("ovf_envelope_1.VirtualSystem", "{x}VirtualSystem") == "VirtualSystem"
    assert kind(None, "{urn:vendor}BootOrderSection") == "BootOrderSection"
