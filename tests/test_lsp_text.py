"""The language server's view of the text: tags found from lxml elements, attribute spans,
positions. Checked on every real descriptor of tests/data (no editor involved)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from ovfmodel.lsp.analysis import Analysis
from ovfmodel.lsp.text import TextMap
from ovfmodel.markup import open_elements, tokens

DATA = Path(__file__).resolve().parent / "data"
DESCRIPTORS = sorted(DATA.glob("*.ovf"))


def analysed(path: Path, text: str | None = None) -> Analysis:
    text = path.read_text(encoding="utf-8") if text is None else text
    return Analysis(path.as_uri(), 1, text, path).run(xsd=False)


@pytest.mark.parametrize("path", DESCRIPTORS, ids=lambda p: p.name)
def test_every_element_maps_to_its_own_start_tag(path: Path) -> None:
    an = analysed(path)
    assert an.root is not None
    starts = [t.start for t in tokens(an.text) if t.kind != "end"]
    elements = list(an.root.iter(etree.Element))
    assert len(starts) == len(elements)
    for el, start in zip(elements, starts, strict=True):
        tag = an.tag(el)
        assert tag is not None and tag.start == start
        assert tag.name.rpartition(":")[2] == etree.QName(el).localname
        for a in an.attrs(el):
            if a.name != "xmlns" and a.prefix != "xmlns":  # declarations, not attributes
                assert an.value(el, a) == el.get(_clark(el, a.name))
        extent = an.extent(el)
        assert extent is not None
        assert an.text[extent[0] : extent[1]].endswith((">", "/>"))
        if tag.kind == "start":
            assert an.text[: extent[1]].endswith(f"</{tag.name}>")


def _clark(el: etree._Element, name: str) -> str:
    prefix, _, local = name.rpartition(":")
    uri = "http://www.w3.org/XML/1998/namespace" if prefix == "xml" else el.nsmap.get(prefix)
    return f"{{{uri}}}{local}" if prefix else local


def test_multi_line_start_tags_and_comments_holding_markup() -> None:
    text = '<a><b/><c x="1"\n  y="&lt;2"\n/><d><e/><!-- <z> --><f/></d><g>\n</g><h/></a>'
    an = analysed(DATA / "synthetic.ovf", text)
    assert an.root is not None
    found = {etree.QName(el).localname: an.tag(el) for el in an.root.iter(etree.Element)}
    for name, tag in found.items():
        assert tag is not None and text[tag.start + 1 :].startswith(name)
    c = an.root.find("c")
    assert c is not None and an.value(c, an.attrs(c)[1]) == "<2"
    assert [t.name for t in open_elements(text, text.index("<f/>"))] == ["a", "d"]


def test_positions_in_utf16_utf8_and_utf32() -> None:
    text = "ab\n\U0001f600x\r\nq"
    assert TextMap(text).position(text.index("x")) == (1, 2)
    assert TextMap(text, "utf-8").position(text.index("x")) == (1, 4)
    assert TextMap(text, "utf-32").position(text.index("x")) == (1, 1)
    assert TextMap(text).offset(1, 2) == text.index("x")
    assert TextMap(text).offset(2, 0) == text.index("q")
    assert TextMap(text).line_text(1) == "\U0001f600x"


def test_a_large_document_on_one_line() -> None:
    import sys

    sys.path.insert(0, str(DATA.parent.parent / "tools"))
    from bench_validate import valid_envelope

    text = "".join(line.strip() for line in valid_envelope(2000).decode().splitlines())
    assert "\n" not in text
    an = analysed(DATA / "one-line.ovf", text)
    assert an.root is not None
    uses = [r for r in an.refs.all if r.kind == "disk" and not r.is_def]
    assert len(uses) == 500
    for use in uses:
        (definition,) = an.refs.definitions(use)
        assert text[definition.start : definition.end] == use.key
        assert text[definition.start - len('ovf:diskId="') : definition.start] == 'ovf:diskId="'


def test_diagnostics_on_one_line_point_at_their_element() -> None:
    from ovfmodel.lsp.diagnostics import span_of

    source = (DATA / "invalid-connection-unknown-network.ovf").read_text(encoding="utf-8")
    text = "".join(line.strip() + " " for line in source.splitlines())
    text = text.replace("> <", "><")
    an = analysed(DATA / "one-line.ovf", text)
    (diag,) = an.report.diagnostics
    start, end = span_of(an, diag)
    assert text[start:end] == "Backup Network"


def test_a_start_tag_over_several_lines() -> None:
    from ovfmodel.lsp.diagnostics import span_of

    source = (DATA / "invalid-disk-fileref-missing.ovf").read_text(encoding="utf-8")
    text = source.replace(' ovf:fileRef="file2"', '\n      ovf:fileRef="file2"\n     ', 1)
    an = analysed(DATA / "multi-line.ovf", text)
    (diag,) = an.report.diagnostics
    start, end = span_of(an, diag)
    assert text[start:end] == "file2"
    assert text[start - len('ovf:fileRef="') : start] == 'ovf:fileRef="'


def test_past_the_lines_libxml2_numbers_exactly() -> None:
    """libxml2 numbers lines exactly up to 65534 only: a longer descriptor (tools/bench.py's
    10,000 items, about 100,000 lines, thousands of findings) still gets every element's own
    tag and every diagnostic on the value it is about."""
    import sys

    sys.path.insert(0, str(DATA.parent.parent / "tools"))
    from bench import large_envelope

    from ovfmodel.lsp.diagnostics import span_of

    text = large_envelope(10000).decode()
    an = analysed(DATA / "large.ovf", text)
    assert an.root is not None and an.long
    for el in an.root.iter(etree.Element):
        tag = an.tag(el)
        assert tag is not None and tag.name.rpartition(":")[2] == etree.QName(el).localname
    late = [d for d in an.report.diagnostics if (d.location.line or 0) > 70000]
    assert len(late) > 500
    for d in an.report.diagnostics:
        start, end = span_of(an, d)
        value = text[start:end]
        assert not value.startswith("<"), d.format_text()  # a value, not a start tag
        assert f"'{value}'" in d.message or f" {value} " in d.message, (value, d.message)
