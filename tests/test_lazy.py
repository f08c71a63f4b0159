"""Deferred binding (ovfmodel.lazy) is invisible: a parsed document reads, compares, edits and
writes exactly as one bound at once, byte for byte, problems included."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import ovfmodel
from ovfmodel import OvfDocument, OvfError, document, model
from ovfmodel.binding import source_info
from ovfmodel.document import walk
from ovfmodel.lazy import LazyList, ProblemList, Whole
from ovfmodel.strategies import valid_documents

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"
CORPUS = (
    sorted(DATA.glob("*.ovf")) + sorted(EXAMPLES.glob("*.ovf")) + sorted((DATA / "spec").iterdir())
)
RASD = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"


def eager_parse(data: bytes) -> OvfDocument:
    """The document as parse bound it before deferral existed."""
    saved = document.LAZY
    document.LAZY = False
    try:
        return ovfmodel.parse(data)
    finally:
        document.LAZY = saved


def lazy_lists(doc: OvfDocument) -> list[LazyList[Any]]:
    """Every LazyList of a document, without binding anything."""
    found: list[LazyList[Any]] = []
    stack: list[Any] = [doc.envelope]
    while stack:
        node = stack.pop()
        for value in getattr(node, "__dict__", {}).values():
            if value.__class__ is LazyList:
                found.append(value)
                stack.extend(v for v in list.__iter__(value) if hasattr(v, "__dict__"))
            elif isinstance(value, list):
                stack.extend(v for v in value if hasattr(v, "__dict__"))
            elif hasattr(value, "__dataclass_fields__"):
                stack.append(value)
    return found


def pending(doc: OvfDocument) -> int:
    return sum(lst._pending for lst in lazy_lists(doc))


def problems(doc: OvfDocument) -> list[tuple[int | None, str | None, str]]:
    return [(i.line if i else None, i.tag if i else None, m) for i, m in doc.problems]


def items_of(doc: OvfDocument) -> Any:
    """The item list of the first hardware section (a LazyList when parsed lazily)."""
    for vs in model.virtual_systems(doc):
        for section in vs.sections:
            if hasattr(section, "item"):
                return section.item
    raise AssertionError("no hardware section")


def big(items: int = 12) -> bytes:
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "tools"))
    from bench import large_envelope

    return large_envelope(items)


def check_same(data: bytes) -> None:
    """Lazily parsed and written, and bound at once and written: the same bytes and problems."""
    try:
        eager = eager_parse(data)
    except OvfError:
        with pytest.raises(OvfError):
            ovfmodel.parse(data)
        return
    lazy = ovfmodel.parse(data)
    written, expected = ovfmodel.serialize(lazy), ovfmodel.serialize(eager)
    assert written == expected, _first_difference(written, expected)
    assert problems(lazy) == problems(eager)
    assert pending(lazy) == 0  # reading the problems bound everything
    assert lazy == eager
    assert ovfmodel.serialize(lazy) == ovfmodel.serialize(eager)


def _first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return f"lazy {a[at - 120 : at + 80]!r}\neager {b[at - 120 : at + 80]!r}"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_lazy_and_eager_write_the_same_bytes(path: Path) -> None:
    check_same(path.read_bytes())


def test_the_bench_file_defers_its_items_and_writes_them_verbatim() -> None:
    data = big(40)
    doc = ovfmodel.parse(data)
    items = items_of(doc)
    assert items.__class__ is LazyList and items._pending == 40
    assert ovfmodel.serialize(doc) == data
    assert items._pending == 40  # writing read nothing
    check_same(data)


# ------------------------------------------------------------------ hostile sources, fuzzed


@st.composite
def hostile_sources(draw: st.DrawFn) -> bytes:
    """A corpus file or the bench file changed where libxml2's form may differ from the
    writer's: attribute and text values, CDATA, comments, declarations on deferred elements,
    single quotes, entity and character references, another encoding, one line."""
    data = draw(st.sampled_from([big(6)] + [p.read_bytes() for p in CORPUS if p.suffix == ".ovf"]))
    root = etree.fromstring(data)
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    tricky = st.text(st.sampled_from(list("a>]&<\"'\r\n\t é")), max_size=8)
    for _ in range(draw(st.integers(1, 4))):
        target = draw(st.sampled_from(elements))
        kind = draw(st.sampled_from(["attribute", "text", "cdata", "comment", "pi", "vendor"]))
        if kind == "attribute":
            target.set(draw(st.sampled_from(["{urn:x}a", "b"])), draw(tricky))
        elif kind == "text" and len(target) == 0:
            target.text = draw(tricky)
        elif kind == "cdata" and len(target) == 0:
            target.text = etree.CDATA(draw(tricky).replace("]]>", "").replace("\r", ""))
        elif kind == "comment":
            target.insert(draw(st.integers(0, len(target))), etree.Comment(" c "))
        elif kind == "pi":
            target.append(etree.ProcessingInstruction("p", "q"))
        elif kind == "vendor":
            etree.SubElement(target, "{urn:vendor}V", {"{urn:vendor}k": draw(tricky)}).text = "t"
    encoding = draw(st.sampled_from(["UTF-8", "ISO-8859-1", "US-ASCII"]))
    text: bytes = etree.tostring(root, xml_declaration=True, encoding=encoding)
    form = draw(st.sampled_from(["as is", "declare", "quotes", "one line", "refs", "crlf"]))
    if form == "declare":  # a declaration on some start tags (deferral must see it)
        starts = [m.end(1) for m in re.finditer(rb"<([A-Za-z][\w.:-]*)", text)]
        at = draw(st.sampled_from(starts[1:] or starts))
        text = text[:at] + b' xmlns:zz="urn:zz"' + text[at:]
    elif form == "quotes":
        text = re.sub(rb'(<[A-Za-z][^<>]*?=)"([^"<>\']*)"', rb"\1'\2'", text)
    elif form == "one line":
        text = re.sub(rb">\s+<", b"><", text)
    elif form == "refs":
        text = text.replace(b">Hard disk", b">&#72;ard&#x20;disk", 1).replace(b"e<", b"&#101;<", 3)
    elif form == "crlf":
        text = text.replace(b"\n", b"\r\n")
    return text


@settings(suppress_health_check=list(HealthCheck), deadline=None)
@given(hostile_sources())
def test_hostile_sources_lazy_and_eager_write_the_same_bytes(data: bytes) -> None:
    check_same(data)


@settings(suppress_health_check=list(HealthCheck), deadline=None, max_examples=30)
@given(valid_documents(max_depth=1))
def test_generated_documents_lazy_and_eager_write_the_same_bytes(doc: OvfDocument) -> None:
    check_same(ovfmodel.serialize(doc))


# ------------------------------------------------------------------ list operations


def pair() -> tuple[Any, Any]:
    data = big(12)
    return items_of(ovfmodel.parse(data)), items_of(eager_parse(data))


def same(a: Any, b: Any) -> None:
    """Equal as models, and of the same shape (a plain list where list gives one)."""
    assert type(a) is type(b) or {type(a), type(b)} == {LazyList, list}
    assert a == b
    assert b == a
    assert not a != b  # noqa: SIM202 (list's own __ne__)


def test_reading_binds_once_and_keeps_the_object() -> None:
    lazy, eager = pair()
    first = lazy[3]
    assert lazy[3] is first and lazy[-9] is first and lazy._pending == 11
    assert first == eager[3]
    info, einfo = source_info(first), source_info(eager[3])
    assert info is not None and einfo is not None
    assert (info.line, info.tag, info.prefix, info.tail) == (
        einfo.line,
        einfo.tag,
        einfo.prefix,
        einfo.tail,
    )
    with pytest.raises(IndexError):
        lazy[12]
    with pytest.raises(TypeError):
        lazy["x"]


OPERATIONS: dict[str, Any] = {
    "len": len,
    "bool": bool,
    "slice": lambda x: x[2:7:2],
    "negative slice": lambda x: x[::-3],
    "iter": lambda x: list(iter(x)),
    "reversed": lambda x: list(reversed(x)),
    "contains": lambda x: x[5] in x,
    "index": lambda x: x.index(x[4]),
    "count": lambda x: x.count(x[4]),
    "eq list": lambda x: x == list(x),
    "eq None": lambda x: (x == None, x != None),  # noqa: E711
    "lt": lambda x: (x[:3] < x[:4], x <= x),  # noqa: PLR0124
    "add": lambda x: x + [1],  # noqa: RUF005
    "radd": lambda x: [1] + x,  # noqa: RUF005
    "mul": lambda x: x * 2,
    "rmul": lambda x: 2 * x,
    "repr": repr,
    "copy": lambda x: x.copy(),
    "copy.copy": copy.copy,
    "deepcopy": copy.deepcopy,
    "pickle": lambda x: pickle.loads(pickle.dumps(x)),
    "list": list,
    "tuple": tuple,
    "sorted": lambda x: sorted(x, key=lambda i: -int(i.instance_id.value)),
    "enumerate": lambda x: [i for i, _ in enumerate(x)],
    "asdict": lambda x: [dataclasses.asdict(i) for i in x],
}


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_a_read_gives_what_the_bound_list_gives(name: str) -> None:
    lazy, eager = pair()
    result, expected = OPERATIONS[name](lazy), OPERATIONS[name](eager)
    if name == "repr":
        assert result == expected
    else:
        same(result, expected)
    if isinstance(result, list):
        assert type(result) is list  # copies and slices are plain lists
        assert not any(isinstance(v, etree._Element) for v in result)


def _sort(x: list[Any]) -> None:
    x.sort(key=lambda i: -int(i.instance_id.value))


EDITS: dict[str, Any] = {
    "append": lambda x: x.append(copy.deepcopy(x[0])),
    "extend": lambda x: x.extend([copy.deepcopy(x[1]), copy.deepcopy(x[2])]),
    "iadd": lambda x: x.__iadd__([copy.deepcopy(x[1])]),
    "imul": lambda x: x.__imul__(1),
    "insert": lambda x: x.insert(2, copy.deepcopy(x[7])),
    "delete": lambda x: x.__delitem__(4),
    "delete slice": lambda x: x.__delitem__(slice(1, 9, 3)),
    "pop": lambda x: x.pop(),
    "pop 0": lambda x: x.pop(0),
    "remove": lambda x: x.remove(x[6]),
    "replace": lambda x: x.__setitem__(5, copy.deepcopy(x[9])),
    "replace slice": lambda x: x.__setitem__(slice(2, 4), [copy.deepcopy(x[0])]),
    "sort": _sort,
    "reverse": lambda x: x.reverse(),
    "clear": lambda x: x.clear(),
    "edit a field": lambda x: setattr(x[7].element_name, "value", "renamed <&>"),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edit_serializes_as_on_the_bound_list(name: str) -> None:
    data = big(12)
    lazy_doc, eager_doc = ovfmodel.parse(data), eager_parse(data)
    ovfmodel.serialize(lazy_doc)
    EDITS[name](items_of(lazy_doc))
    EDITS[name](items_of(eager_doc))
    assert ovfmodel.serialize(lazy_doc) == ovfmodel.serialize(eager_doc)
    assert lazy_doc == eager_doc


def test_an_edit_of_one_item_leaves_the_others_deferred() -> None:
    data = big(30)
    doc = ovfmodel.parse(data)
    items = items_of(doc)
    items[17].element_name.value = "edited"
    items.append(copy.deepcopy(items[1]))
    out = ovfmodel.serialize(doc)
    assert items._pending == 28
    eager = eager_parse(data)
    eitems = items_of(eager)
    eitems[17].element_name.value = "edited"
    eitems.append(copy.deepcopy(eitems[1]))
    assert out == ovfmodel.serialize(eager)


def test_walk_model_equal_and_the_problems_see_everything() -> None:
    data = big(8).replace(
        b"<rasd:Parent>3</rasd:Parent>", b"<rasd:Parent>3</rasd:Parent><rasd:Parent>4</rasd:Parent>"
    )
    eager = eager_parse(data)
    assert len(eager.problems) == 2
    lazy = ovfmodel.parse(data)
    assert isinstance(lazy.problems, ProblemList)
    # items read in reverse order: the problems still come in document order, each once
    items = items_of(lazy)
    for i in range(len(items) - 1, -1, -1):
        assert items[i] == items_of(eager)[i]
    assert problems(lazy) == problems(eager)
    assert problems(lazy) == problems(eager)
    lazy2 = ovfmodel.parse(data)
    assert len(list(walk(lazy2.envelope))) == len(list(walk(eager.envelope)))
    assert pending(lazy2) == 0
    assert problems(lazy2) == problems(eager)


def test_strict_parsing_sees_problems_of_deferred_items() -> None:
    data = big(8).replace(
        b"<rasd:Parent>3</rasd:Parent>", b"<rasd:Parent>3</rasd:Parent><rasd:Parent>4</rasd:Parent>"
    )
    with pytest.raises(ovfmodel.OvfStrictError, match="unexpected second element"):
        ovfmodel.parse(data, strict=True)


def test_threads_reading_the_same_slots_get_the_same_objects() -> None:
    doc = ovfmodel.parse(big(400))
    items = items_of(doc)
    seen: list[list[Any]] = []
    barrier = threading.Barrier(4)

    def read() -> None:
        barrier.wait()
        seen.append([items[i] for i in range(len(items) - 1, -1, -1)])

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 4
    for other in seen[1:]:
        assert all(a is b for a, b in zip(seen[0], other, strict=True))
    assert items._pending == 0
    assert ovfmodel.serialize(doc) == big(400)


def test_a_list_made_like_a_list_is_a_list() -> None:
    made: LazyList[int] = LazyList(i for i in range(3))
    assert made == [0, 1, 2] and made[1:] == [1, 2] and list(reversed(made)) == [2, 1, 0]
    made.append(3)
    assert pickle.loads(pickle.dumps(made)) == [0, 1, 2, 3]


def _iterate(doc: OvfDocument) -> Iterator[Any]:
    yield from model.items(model.virtual_systems(doc)[0])


def test_model_navigation_reads_deferred_items() -> None:
    data = big(12)
    lazy, eager = ovfmodel.parse(data), eager_parse(data)
    assert [model.cim(i.element_name) for i in _iterate(lazy)] == [
        model.cim(i.element_name) for i in _iterate(eager)
    ]


# ------------------------------------------------------------------ stage 2: whole elements


def spliced_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str] | None]:
    """What each Whole.splice call gave (None: written child by child instead)."""
    calls: list[list[str] | None] = []
    original = Whole.splice

    def spy(self: Whole, *args: Any) -> list[str] | None:
        result = original(self, *args)
        calls.append(result)
        return result

    monkeypatch.setattr(Whole, "splice", spy)
    return calls


def test_an_unread_hardware_section_is_written_with_one_tostring(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = big(40)
    doc = ovfmodel.parse(data)
    root = etree.fromstring(data)
    calls = spliced_calls(monkeypatch)
    assert ovfmodel.serialize(doc) == data
    assert calls and all(c is not None for c in calls)
    # the source tree is as it was (the splice marks are gone)
    whole = items_of(doc)._lazy.whole
    assert etree.tostring(whole.el.getroottree()) == etree.tostring(root.getroottree())
    # an item followed by the closing whitespace (irregular indentation) keeps it, as parsed,
    # read or not, through one tostring or child by child
    odd = data.replace(b"</Item>\n      <Item>", b"</Item>\n    <Item>", 1)
    assert odd != data
    assert ovfmodel.serialize(ovfmodel.parse(odd)) == odd
    edited = ovfmodel.parse(odd)
    items_of(edited)[3].element_name.value = "renamed"
    out = ovfmodel.serialize(edited)
    assert b"</Item>\n    <Item>" in out and b">renamed<" in out
    items_of(edited)[:]  # every item read: written child by child
    assert ovfmodel.serialize(edited) == out


def _rename(item: Any) -> Any:
    item.element_name.value = "renamed"
    return item


def _first_and_last(section: Any) -> None:
    section.item[0].instance_id.value = "100"
    section.item[-1].instance_id.value = "101"


CONTAINER_EDITS: dict[str, Any] = {
    "edit one item": lambda s: setattr(s.item[20].element_name, "value", "renamed"),
    "edit the first and last": _first_and_last,
    "read many": lambda s: [s.item[i] for i in range(0, 40, 3)],
    "edit adjacent items": lambda s: [_rename(s.item[i]) for i in range(9, 14)],
    "edit the first four (beside comments)": lambda s: [_rename(s.item[i]) for i in range(4)],
    "edit the last two": lambda s: [_rename(s.item[i]) for i in (-1, -2)],
    "edit the vendor elements": lambda s: [
        e.attributes.__setitem__("{http://www.vmware.com/schema/ovf}value", "w")
        for e in s.other_element
    ],
    "edit the section's info": lambda s: setattr(s.info, "value", "changed <&>"),
    "replace the section's info": lambda s: setattr(s, "info", copy.deepcopy(s.info)),
    "a vendor attribute": lambda s: s.any_attributes.__setitem__("{urn:v}a", "1"),
    "a vendor element": lambda s: s.other_element.append(copy.deepcopy(s.item[0].other_element[0])),
    "append an item": lambda s: s.item.append(copy.deepcopy(s.item[1])),
    "delete an item": lambda s: s.item.__delitem__(5),
    "an item's vendor element": lambda s: s.item[4].other_element.clear(),
    "transport": lambda s: setattr(s, "transport", "iso"),
}


@pytest.mark.parametrize("name", sorted(CONTAINER_EDITS))
@pytest.mark.parametrize(
    "source",
    ["bench", "comments", "vendor between", "odd whitespace", "odd whitespace late", "one line"],
)
def test_a_section_edited_is_written_as_eager_writes_it(name: str, source: str) -> None:
    data = big(40)
    if source == "comments":
        data = data.replace(b"</Item>\n      <Item>", b"</Item><!-- c -->\n      <Item>", 3)
    elif source == "vendor between":  # runs of items cut by another field's elements
        vendor = b'<vmw:ExtraConfig ovf:required="false" vmw:key="k" vmw:value="v"/>'
        parts = data.split(b"</Item>\n      <Item>")
        cut = (1, 2, 17, len(parts) - 2)  # after these parts
        data = parts[0] + b"".join(
            b"</Item>\n      " + (vendor + b"\n      " if i - 1 in cut else b"") + b"<Item>" + part
            for i, part in enumerate(parts[1:], 1)
        )
    elif source == "odd whitespace":  # an item followed by the section's closing whitespace
        data = data.replace(b"</Item>\n      <Item>", b"</Item>\n    <Item>", 1)
    elif source == "odd whitespace late":  # so are the 21st item and the last but one
        parts = data.split(b"</Item>\n      <Item>")
        odd = (20, len(parts) - 2)  # the separators after these parts
        seps = [b"</Item>\n" + b" " * (4 if i in odd else 6) + b"<Item>" for i in range(len(parts))]
        data = b"".join(part + sep for part, sep in zip(parts, seps, strict=True))
        data = data[: -len(seps[-1])]
    elif source == "one line":
        data = re.sub(rb">\s+<", b"><", data)
    lazy_doc, eager_doc = ovfmodel.parse(data), eager_parse(data)
    for doc in (lazy_doc, eager_doc):
        section = model.hardware_sections(model.virtual_systems(doc)[0])[0]
        CONTAINER_EDITS[name](section)
    written, expected = ovfmodel.serialize(lazy_doc), ovfmodel.serialize(eager_doc)
    assert written == expected, _first_difference(written, expected)
    assert lazy_doc == eager_doc
    assert ovfmodel.serialize(lazy_doc) == written


def test_threads_writing_one_document_all_get_its_bytes() -> None:
    data = big(300)
    doc = ovfmodel.parse(data)
    items = items_of(doc)
    items[7].element_name.value = "edited"
    eager = eager_parse(data)
    items_of(eager)[7].element_name.value = "edited"
    expected = ovfmodel.serialize(eager)
    results: list[bytes] = []
    barrier = threading.Barrier(4)

    def write() -> None:
        barrier.wait()
        for _ in range(5):
            results.append(ovfmodel.serialize(doc))
            items[150 + len(results)]  # reading while others write

    threads = [threading.Thread(target=write) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 20 and all(r == expected for r in results)


@settings(suppress_health_check=list(HealthCheck), deadline=None)
@given(
    hostile_sources(),
    st.lists(
        st.tuples(st.sampled_from(["read", "edit", "append"]), st.integers(0, 99)), max_size=4
    ),
)
def test_hostile_sources_edited_write_as_eager(data: bytes, steps: list[tuple[str, int]]) -> None:
    try:
        eager = eager_parse(data)
    except OvfError:
        return
    lazy = ovfmodel.parse(data)
    for doc in (lazy, eager):
        for vs in model.virtual_systems(doc):
            for section in model.hardware_sections(vs):
                items: list[Any] = section.item
                for kind, n in steps:
                    if not items:
                        break
                    item = items[n % len(items)]
                    if kind == "edit" and item.element_name is not None:
                        item.element_name.value = f"edited {n}"
                    elif kind == "append":
                        items.append(copy.deepcopy(item))
    written, expected = ovfmodel.serialize(lazy), ovfmodel.serialize(eager)
    assert written == expected, _first_difference(written, expected)


@settings(suppress_health_check=list(HealthCheck), deadline=None)
@given(
    st.lists(st.integers(0, 11), max_size=4),
    st.lists(st.integers(0, 11), max_size=3),
    st.permutations(list(range(12))),
    st.integers(0, 12),
)
def test_problems_come_in_document_order_whatever_is_read_first(
    twice: list[int], stray: list[int], order: list[int], reads: int
) -> None:
    """Items with a second rasd:InstanceID (a problem of the item) and second Infos between
    items (a problem of the section), items read in any order: the problems as eager."""
    parts = big(12).split(b"      <Item>")
    for i in twice:
        parts[i + 1] = parts[i + 1].replace(
            b"<rasd:InstanceID>", b"<rasd:InstanceID>0</rasd:InstanceID><rasd:InstanceID>", 1
        )
    for i in stray:
        parts[i] += b"<Info>again</Info>"
    data = b"      <Item>".join(parts)
    eager = eager_parse(data)
    lazy = ovfmodel.parse(data)
    items = items_of(lazy)
    for i in order[:reads]:
        assert items[i] == items_of(eager)[i]
    assert problems(lazy) == problems(eager)
    assert len(problems(lazy)) == len(twice) + len(stray)


# ------------------------------------------------------------------ the tools on top


def _as(lazy: bool, fn: Any, *args: Any) -> Any:
    saved = document.LAZY
    document.LAZY = lazy
    try:
        return fn(*args)
    finally:
        document.LAZY = saved


def _outcomes(path: Path) -> list[Any]:
    """What validate, info, port and convert make of a file: reading every part of it."""
    from ovfmodel.edit import convert
    from ovfmodel.info import describe
    from ovfmodel.portability.port import port
    from ovfmodel.validation import validate

    report = validate(path, xsd=False, targets=["vsphere", "virtualbox", "proxmox", "virt-v2v"])
    found: list[Any] = [[d.format_text() for d in report.diagnostics]]
    found.append(describe(path).model_dump_json())
    for target in ("vsphere", "proxmox"):
        try:
            result = port(path, target)
            found.append((result.data, len(result.changes), len(result.refused)))
        except OvfError as exc:
            found.append(str(exc))
    for to in ("1.0", "2.0"):
        try:
            found.append(ovfmodel.serialize(convert(ovfmodel.parse(path), to)))
        except OvfError as exc:
            found.append(str(exc))
    return found


@pytest.mark.parametrize("path", [p for p in CORPUS if p.suffix == ".ovf"], ids=lambda p: p.name)
def test_validate_info_port_and_convert_see_the_same_document(path: Path) -> None:
    assert _as(True, _outcomes, path) == _as(False, _outcomes, path)


@pytest.mark.parametrize("path", CORPUS[:8], ids=lambda p: p.name)
def test_a_document_copied_or_pickled_writes_the_same(path: Path) -> None:
    doc = ovfmodel.parse(path)
    expected = ovfmodel.serialize(eager_parse(path.read_bytes()))
    assert ovfmodel.serialize(copy.deepcopy(doc)) == expected
    assert ovfmodel.serialize(pickle.loads(pickle.dumps(ovfmodel.parse(path)))) == expected
    assert ovfmodel.serialize(doc) == expected


TWO_LISTS: dict[str, Any] = {
    "add": lambda a, b: a + b,
    "eq": lambda a, b: a == b,
    "lt": lambda a, b: a < b,
    "extend": lambda a, b: a.extend(b) or a,
    "iadd": lambda a, b: a.__iadd__(b),
    "slice assignment": lambda a, b: a.__setitem__(slice(0, 0), b) or a,
    "index of a list": lambda a, b: [a, b].index(b),
}


@pytest.mark.parametrize("name", sorted(TWO_LISTS))
def test_two_unread_lists_combine_as_bound_lists(name: str) -> None:
    """`lazy + lazy` copied the right operand's unread slots (lxml elements) from C."""
    data = big(12)
    docs = [ovfmodel.parse(data), ovfmodel.parse(data)]
    eager = [eager_parse(data), eager_parse(data)]
    result = TWO_LISTS[name](items_of(docs[0]), items_of(docs[1]))
    expected = TWO_LISTS[name](items_of(eager[0]), items_of(eager[1]))
    if isinstance(result, list):
        list(result)  # read every slot: none may be a raw element of the other list
        assert not any(isinstance(v, etree._Element) for v in list.__iter__(result))
        same(result, expected)
        set_items(docs[0], result)
        set_items(eager[0], expected)
        assert ovfmodel.serialize(docs[0]) == ovfmodel.serialize(eager[0])
    else:
        assert result == expected


def set_items(doc: OvfDocument, items: list[Any]) -> None:
    for vs in model.virtual_systems(doc):
        for section in vs.sections:
            if hasattr(section, "item"):
                section.item = items
                return


@pytest.mark.parametrize(
    "spelling", [b"XMLSchema-instance", b"XMLSchema-&#105;nstance", b"XMLSchema-&#x69;nstance"]
)
def test_xsi_types_are_seen_however_the_namespace_is_spelled(spelling: bytes) -> None:
    """The binder asks no element for xsi:type when the source cannot spell the XML Schema
    instance namespace; a character reference can spell it."""
    data = (DATA / "vmware-legacy-0.9.ovf").read_bytes()
    data = data.replace(b"XMLSchema-instance", spelling)
    for doc in (ovfmodel.parse(data), eager_parse(data)):
        kinds = [type(s).__name__ for s in doc.envelope.sections]
        assert kinds[:2] == ["DiskSectionType", "NetworkSectionType"], kinds
    check_same(data)


@st.composite
def item_layouts(draw: st.DrawFn) -> bytes:
    """The bench file with 24 items, each followed by the usual indentation, the closing
    whitespace, another, or a comment or vendor element (runs of items cut anywhere)."""
    parts = big(24).split(b"</Item>\n      <Item>")
    vendor = b'<vmw:ExtraConfig ovf:required="false" vmw:key="k" vmw:value="v"/>'
    gaps = st.sampled_from(
        [b"\n      "] * 3 + [b"\n    ", b"\n\t", b" ", b"<!-- c -->\n      ", b"<!-- c -->\n    "]
    )
    out = parts[0]
    for part in parts[1:]:
        gap = draw(gaps)
        if draw(st.integers(0, 7)) == 0:
            gap += vendor + b"\n      "
        out += b"</Item>" + gap + b"<Item>" + part
    return out


@settings(suppress_health_check=list(HealthCheck), deadline=None, max_examples=150)
@given(
    item_layouts(),
    st.lists(st.tuples(st.sampled_from(["read", "edit", "vendor"]), st.integers(-24, 23))),
)
def test_item_layouts_read_and_edited_anywhere_write_as_eager(
    data: bytes, steps: list[tuple[str, int]]
) -> None:
    """The one-tostring writing of a section (the nodes it marks, the runs of unread items it
    skips, the tails it checks) against binding at once, wherever the reads and edits fall."""
    docs = ovfmodel.parse(data), eager_parse(data)
    for doc in docs:
        section: Any = model.hardware_sections(model.virtual_systems(doc)[0])[0]
        for kind, n in steps:
            item = section.item[n]
            if kind == "edit":
                item.element_name.value = f"edited {n}"
            elif kind == "vendor" and section.other_element:
                section.other_element[n % len(section.other_element)].attributes["k"] = str(n)
    written, expected = ovfmodel.serialize(docs[0]), ovfmodel.serialize(docs[1])
    assert written == expected, _first_difference(written, expected)


@pytest.mark.parametrize("lazy", [True, False], ids=["lazy", "eager"])
@pytest.mark.parametrize("edit", ["reverse", "sort", "move-last-up"])
def test_the_old_last_item_moved_up_gets_its_siblings_indentation(lazy: bool, edit: str) -> None:
    """The last item's tail is the section's closing whitespace; written before other items
    (reversed, sorted or moved up) it is re-indented like them, as a middle item whose tail
    happens to be the closing whitespace is kept where it was parsed."""
    document.LAZY = lazy
    try:
        doc = ovfmodel.parse(big(8))
    finally:
        document.LAZY = True
    items = model.hardware_sections(model.virtual_systems(doc)[0])[0].item
    if edit == "reverse":
        items.reverse()
    elif edit == "sort":
        items.sort(key=lambda it: -int(model.cim(it.instance_id) or 0))
    else:
        items.insert(2, items.pop())  # type: ignore[arg-type]
    text = ovfmodel.serialize(doc).decode()
    starts = [line for line in text.splitlines() if line.strip() == "<Item>"]
    assert set(starts) == {"      <Item>"}, starts
    assert "      </Item>\n    </VirtualHardwareSection>" in text


def test_a_copied_item_appended_leaves_the_old_last_item_indented_like_its_siblings() -> None:
    """Duplicating a NIC: a deep copy of a parsed item carries that item's whitespace. The old
    last item, now followed by the copy, takes its siblings' indentation (it kept the end
    tag's for a while, lazy and eager alike)."""
    for lazy_first in (False, True):
        doc = ovfmodel.parse(big(4))
        items = items_of(doc)
        if lazy_first:
            items[:]  # bound before the copy is made
        items.append(copy.deepcopy(items[0]))
        out = ovfmodel.serialize(doc)
        assert set(re.findall(rb"\n( *)<Item>", out)) == {b"      "}, out.decode()
        assert out.count(b"<Item>") == 5
