"""The binder's plans come from the generated table (generated/ovf_plans.py, ovfmodel.plantable)
and are what xsdata's XmlContext would have made them: for every dataclass of the generated
package, the plan built from the table equals, attribute by attribute, the plan built the way
the binder built it from the context before the table existed (the reference below)."""

from __future__ import annotations

import functools
import importlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, is_dataclass
from pathlib import Path
from typing import Any

import pytest
from xsdata.formats.dataclass.context import XmlContext
from xsdata.formats.dataclass.models.elements import XmlMeta, XmlVar

from ovfmodel import plans, plantable
from ovfmodel.document import OVF1_NS, OVF2_NS, family_for
from ovfmodel.environment.document import FAMILY_ENV
from ovfmodel.plans import ANYATTRS, ATTR, ELEM, ELEMS, TEXT, WILDCARD, ClassPlan, FieldPlan

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import gen_plans  # noqa: E402
import gen_vocabulary  # noqa: E402

CONTEXT = XmlContext()
# lexical values each converter is tried on: results (or the refusal) must be the same
SAMPLES: tuple[str, ...] = (
    *("", "0", "017", " 1 ", "-3", "1.5", "true", "false", "x", "AAAA", "P1D", "2024-02-29"),
    *("2024-02-29T10:00:00Z", "10:00:00", "1e400", "a b", "6", "##any"),
)


def _generated_classes() -> list[type]:
    found: list[type] = []
    for name in gen_plans.modules(ROOT / "generated"):
        module = importlib.import_module(f"{plantable.PACKAGE}.{name}")
        found.extend(gen_plans.classes(module))
    return found


CLASSES = _generated_classes()


def _kind(var: XmlVar) -> int:
    if var.is_attribute:
        return ATTR
    if var.is_attributes:
        return ANYATTRS
    if var.is_text:
        return TEXT
    if var.is_elements:
        return ELEMS
    if var.is_wildcard:
        return WILDCARD
    return ELEM


def _dataclass(tp: Any) -> type | None:
    return tp if isinstance(tp, type) and is_dataclass(tp) else None


def _behaviour(conv: Callable[[str], Any] | None) -> tuple[Any, ...] | None:
    """What a converter makes of each sample (the value's type and value, or a refusal)."""
    if conv is None:
        return None
    out: list[Any] = []
    for text in SAMPLES:
        try:
            value = conv(text)
        except plans.Unconvertible:
            out.append("refused")
        else:
            out.append((type(value), value))
    return tuple(out)


def _reference_field(var: XmlVar, kind: int) -> dict[str, Any]:
    """A FieldPlan's attributes as the binder made them from an XmlVar (before the table)."""
    clazz = _dataclass(var.clazz)
    types = tuple(var.types)
    choices: dict[str, Any] = {}
    by_type: dict[type, str] = {}
    choice_emit: dict[str, Any] = {}
    choice_types: dict[str, tuple[type, ...]] = {}
    if kind == ELEMS:
        for qn, choice in var.elements.items():
            cclazz = _dataclass(choice.clazz)
            conv = None if cclazz else plans._simple_converter(tuple(choice.types), choice.format)
            choices[qn] = (cclazz, _behaviour(conv))
            if cclazz is not None:
                by_type.setdefault(cclazz, qn)
            else:
                choice_emit[qn] = _emitter(
                    plans._choice_emitter(tuple(choice.types), choice.format)
                )
                choice_types[qn] = tuple(choice.types)
                for tp in choice.types:
                    by_type.setdefault(tp, qn)
    return {
        "name": var.name,
        "kind": kind,
        "qname": var.qname,
        "is_list": bool(var.list_element),
        "tokens": bool(var.tokens),
        "clazz": clazz,
        "types": types,
        "format": var.format,
        "conv": _behaviour(plans._simple_converter(types, var.format) if clazz is None else None),
        "emit": plans._simple_emitter(types).__qualname__,
        "required": bool(var.required),
        "default": var.default if not callable(var.default) else plans._MISSING,
        "may_default": kind == ELEM and clazz is None and not var.required,
        "namespaces": tuple(var.namespaces),
        "choices": choices,
        "by_type": by_type,
        "choice_emit": choice_emit,
        "choice_types": choice_types,
    }


def _emitter(emit: Callable[[Any], str]) -> Any:
    """An emitter by what it is: a function's name, or the function and format of a partial."""
    if isinstance(emit, functools.partial):
        return (emit.func, emit.keywords)
    return emit.__qualname__


def _field(fp: FieldPlan) -> dict[str, Any]:
    """A FieldPlan's attributes, in the reference's terms."""
    got = {name: getattr(fp, name) for name in FieldPlan.__slots__}
    got["conv"] = _behaviour(fp.conv)
    got["emit"] = fp.emit.__qualname__
    got["choices"] = {qn: (c, _behaviour(conv)) for qn, (c, conv) in fp.choices.items()}
    got["choice_emit"] = {qn: _emitter(e) for qn, e in fp.choice_emit.items()}
    return got


def _reference_plan(meta: XmlMeta, cls: type) -> dict[str, Any]:
    """A ClassPlan's attributes as the binder made them from the context (before the table)."""
    fields: list[dict[str, Any]] = []
    attrs: dict[str, str] = {}
    elems: dict[str, tuple[str, type | None, Any]] = {}
    wildcard: dict[str, Any] | None = None
    any_attrs = text = None
    for var in meta.get_all_vars():
        fp = _reference_field(var, _kind(var))
        if fp["kind"] == ATTR:
            attrs[fp["qname"]] = fp["name"]
        elif fp["kind"] == ANYATTRS:
            any_attrs = fp
        elif fp["kind"] == TEXT:
            text = fp
        elif fp["kind"] == ELEMS:
            for qn, (clazz, conv) in fp["choices"].items():
                if qn.startswith("{") or qn not in elems:
                    elems.setdefault(qn, (fp["name"], clazz, conv))
            if any(c.is_wildcard for c in var.elements.values()) or any(
                getattr(c, "is_wildcard", False) for c in var.wildcards
            ):
                wildcard = wildcard or fp
        elif fp["kind"] == WILDCARD:
            if wildcard is None or wildcard["kind"] != ELEMS:
                wildcard = fp
        else:
            elems[fp["qname"]] = (fp["name"], fp["clazz"], fp["conv"])
        fields.append(fp)
    for fp in fields:  # the binder's second look at compound fields' wildcard choices
        var = next(v for v in meta.get_all_vars() if v.name == fp["name"])
        if fp["kind"] == ELEMS and wildcard is None and var.wildcards:
            wildcard = fp
    children = [f for f in fields if f["kind"] in (ELEM, ELEMS, WILDCARD)]
    leaf = text is not None and not elems and wildcard is None
    return {
        "qname": meta.qname,
        "type_qname": meta.target_qname,
        "fields": fields,
        "attrs": attrs,
        "elems": elems,
        "wildcard": None if wildcard is None else wildcard["name"],
        "any_attrs": None if any_attrs is None else any_attrs["name"],
        "text": None if text is None else text["name"],
        "child_fields": [f["name"] for f in children],
        "list_child_names": tuple(f["name"] for f in children if f["is_list"]),
        "by_name": [f["name"] for f in fields],
        "leaf": leaf,
        "plain_leaf": leaf and not attrs,
        "text_name": "" if text is None else text["name"],
        "any_attrs_name": "" if any_attrs is None else any_attrs["name"],
        "list_fields": tuple(f["name"] for f in fields if f["is_list"] and f["kind"] != ANYATTRS),
        "unresolved": [],  # (every module is imported here)
    }


def _plan(plan: ClassPlan) -> dict[str, Any]:
    """A ClassPlan's attributes, in the reference's terms."""

    def name(fp: FieldPlan | None) -> str | None:
        return None if fp is None else fp.name

    return {
        "qname": plan.qname,
        "type_qname": plan.type_qname,
        "fields": [_field(fp) for fp in plan.fields],
        "attrs": {qn: fp.name for qn, fp in plan.attrs.items()},
        "elems": {qn: (fp.name, c, _behaviour(conv)) for qn, (fp, c, conv) in plan.elems.items()},
        "wildcard": name(plan.wildcard),
        "any_attrs": name(plan.any_attrs),
        "text": name(plan.text),
        "child_fields": [fp.name for fp in plan.child_fields],
        "list_child_names": plan.list_child_names,
        "by_name": list(plan.by_name),
        "leaf": plan.leaf,
        "plain_leaf": plan.plain_leaf,
        "text_name": plan.text_name,
        "any_attrs_name": plan.any_attrs_name,
        "list_fields": plan.list_fields,
        "unresolved": sorted(plan.unresolved),
    }


def test_every_generated_dataclass_is_in_the_table() -> None:
    table = plantable._table()
    assert len(CLASSES) > 400
    assert sorted(plantable.class_key(c) for c in CLASSES) == sorted(table)


@pytest.mark.parametrize("cls", CLASSES, ids=plantable.class_key)
def test_the_plan_from_the_table_is_the_plan_from_xsdata(cls: type) -> None:
    plan = ClassPlan(cls, plantable.entry(cls))
    assert _plan(plan) == _reference_plan(CONTEXT.build(cls), cls)
    # and what is not compared above: the init dict, and the child values getter
    compared = set(_plan(plan)) | {"cls", "leaf_specs", "child_values", "init_dict"}
    assert compared == set(ClassPlan.__slots__)
    names = [fp.name for fp in plan.child_fields]
    assert plan.child_values({n: n.upper() for n in names}) == tuple(n.upper() for n in names)
    # names are interned, as xsdata's were: attribute and __dict__ lookups of the hot paths
    # compare them by address (a decoded JSON string is a copy: eager parsing 5% slower)
    for fp in plan.fields:
        assert fp.name is sys.intern(fp.name) and fp.qname is sys.intern(fp.qname), fp
        assert all(qn is sys.intern(qn) for qn in fp.choices), fp


def test_the_committed_table_is_what_xsdata_says() -> None:
    """(tests/test_generated.py regenerates the whole package, table included, when the pinned
    ruff is there; this needs only xsdata)"""
    table = gen_plans.table(gen_plans.modules(ROOT / "generated"))
    assert {key: json.loads(text) for key, text in plantable._table().items()} == json.loads(
        json.dumps(table)
    )
    committed = (ROOT / "generated" / "ovf_plans.py").read_text(encoding="utf-8")
    later = sorted(plantable._deferred())  # (which modules: test_start checks them in a process)
    types = {root: gen_plans.xsi_types(root) for root in gen_plans.ROOTS}
    assert committed == gen_plans.render(table, later, types)


@pytest.mark.parametrize(("model_ns", "least"), [(OVF1_NS, 100), (OVF2_NS, 100), ("env", 10)])
def test_every_class_a_binder_reaches_is_in_the_table(model_ns: str, least: int) -> None:
    """From each family's root, through element and compound fields, and every xsi:type."""
    family = FAMILY_ENV if model_ns == "env" else family_for(model_ns)
    assert family is not None
    binder = family.binder(family.model_ns)
    table = plantable._table()
    seen: set[type] = set()
    queue = [family.root, *family.types_by_qname.values()]
    while queue:
        cls = queue.pop()
        if cls in seen:
            continue
        seen.add(cls)
        assert plantable.class_key(cls) in table, cls
        for fp in gen_vocabulary.full_plan(binder, cls).fields:
            queue.extend(c for c in (fp.clazz, *(c for c, _ in fp.choices.values())) if c)
    assert len(seen) >= least


@dataclass
class VendorThing:
    """A dataclass of the caller's own: not a class of the model, so not in the table."""

    class Meta:
        name = "Thing"
        namespace = "urn:example:vendor"

    size: int | None = field(default=None, metadata={"type": "Attribute"})


def test_a_class_not_generated_is_refused_by_name() -> None:
    import ovfmodel

    with pytest.raises(TypeError, match=r"test_plans\.VendorThing is not a class of the OVF model"):
        plantable.entry(VendorThing)
    doc = ovfmodel.parse(ROOT / "examples" / "appliance.ovf")
    ovfmodel.model.virtual_systems(doc)[0].name = VendorThing(size=3)  # type: ignore[assignment]
    with pytest.raises(TypeError, match="VendorThing is not a class of the OVF model"):
        ovfmodel.serialize(doc)
