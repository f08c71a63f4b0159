"""Manifest (.mf) reading and writing: the line forms real tools write, and hostile input."""

from __future__ import annotations

import hashlib
import io
import time
import tracemalloc
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ovfmodel.errors import ManifestError
from ovfmodel.package import DigestAlgorithm, Manifest, ManifestEntry, ManifestLineError
from ovfmodel.package.manifest import format_line, iter_manifest, parse_line

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

SHA1 = hashlib.sha1(b"x").hexdigest()
SHA256 = hashlib.sha256(b"x").hexdigest()
SHA512 = hashlib.sha512(b"x").hexdigest()


@pytest.mark.parametrize(
    "line",
    [
        f"SHA256(disk1.vmdk)= {SHA256}",  # DSP0243 / openssl dgst
        f"SHA256(disk1.vmdk)={SHA256}",  # no space after '='
        f"SHA256(disk1.vmdk)= {SHA256.upper()}",  # uppercase hex
        f"SHA256 (disk1.vmdk) = {SHA256}",  # BSD shasum --tag, some ovftool versions
        f"sha256(disk1.vmdk)= {SHA256}",  # lowercase algorithm
        f"  SHA256(disk1.vmdk)= {SHA256}  ",  # stray whitespace
    ],
)
def test_line_variants_parse_to_the_same_entry(line: str) -> None:
    entry = parse_line(line, 3)
    assert entry == ManifestEntry(DigestAlgorithm.SHA256, "disk1.vmdk", SHA256, 3)


def test_all_three_algorithms() -> None:
    text = f"SHA1(a)= {SHA1}\nSHA256(b)= {SHA256}\nSHA512(c)= {SHA512}\n"
    m = Manifest.parse(text)
    assert [(e.algorithm, e.name) for e in m] == [
        (DigestAlgorithm.SHA1, "a"),
        (DigestAlgorithm.SHA256, "b"),
        (DigestAlgorithm.SHA512, "c"),
    ]


def test_crlf_bom_and_blank_lines() -> None:
    data = f"\ufeffSHA1(a.ovf)= {SHA1}\r\n\r\nSHA1(b.vmdk)= {SHA1}\r\n".encode()
    m = Manifest.parse(data)
    assert [e.name for e in m] == ["a.ovf", "b.vmdk"]
    assert [e.line for e in m] == [1, 3]


def test_names_with_parentheses_and_spaces() -> None:
    entry = parse_line(f"SHA256(my disk (copy).vmdk)= {SHA256}", 1)
    assert isinstance(entry, ManifestEntry)
    assert entry.name == "my disk (copy).vmdk"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (f"MD5(a)= {SHA256[:32]}", "algorithm"),
        (f"SHA256(a)= {SHA1}", "64 hex digits"),
        (f"SHA256 a {SHA256}", "form"),
        ("SHA256(a)= xyz", "form"),
        (f"SHA256()= {SHA256}", "form"),
    ],
)
def test_malformed_lines(line: str, reason: str) -> None:
    item = parse_line(line, 7)
    assert isinstance(item, ManifestLineError)
    assert reason in item.reason
    assert item.line == 7


def test_parse_raises_with_line_number() -> None:
    with pytest.raises(ManifestError) as info:
        Manifest.parse(f"SHA256(a)= {SHA256}\nnonsense\n", name="vm.mf")
    assert info.value.file == "vm.mf"
    assert info.value.line == 2


def test_format_is_the_dsp0243_form_and_round_trips() -> None:
    m = Manifest()
    m.add(DigestAlgorithm.SHA256, "vm.ovf", SHA256.upper())
    m.add(DigestAlgorithm.SHA1, "disk.vmdk", SHA1)
    text = m.format()
    assert text == f"SHA256(vm.ovf)= {SHA256}\nSHA1(disk.vmdk)= {SHA1}\n"
    assert [(e.algorithm, e.name, e.digest) for e in Manifest.parse(text)] == [
        (e.algorithm, e.name, e.digest) for e in m
    ]
    assert m.get("disk.vmdk") is not None and m.get("nope") is None


@pytest.mark.parametrize("name", ["", "a\nb", "a\rb"])
def test_format_refuses_names_that_break_lines(name: str) -> None:
    with pytest.raises(ManifestError):
        format_line(DigestAlgorithm.SHA256, name, SHA256)


def test_format_refuses_wrong_digest() -> None:
    with pytest.raises(ManifestError):
        format_line(DigestAlgorithm.SHA256, "a", SHA1)


@pytest.mark.parametrize("text", ["sha256", "SHA256", "sha-256", "Sha512", "sha1"])
def test_algorithm_names_from_users(text: str) -> None:
    assert DigestAlgorithm.parse(text).hashlib_name in ("sha1", "sha256", "sha512")


def test_unknown_algorithm_name() -> None:
    with pytest.raises(ManifestError, match="unsupported digest"):
        DigestAlgorithm.parse("md5")


def test_overlong_line_is_reported_and_skipped_in_bounded_memory() -> None:
    data = b"SHA256(" + b"a" * 5_000_000 + b")= " + SHA256.encode() + b"\n"
    data += f"SHA256(b)= {SHA256}\n".encode()
    tracemalloc.start()
    items = list(iter_manifest(io.BytesIO(data), max_line=1024))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(items[0], ManifestLineError) and items[0].reason == "line too long"
    assert isinstance(items[1], ManifestEntry) and items[1].name == "b"
    assert peak < 1_000_000


def test_hashers_see_every_byte() -> None:
    data = f"SHA256(a)= {SHA256}\r\n\nbad line\n".encode() + b"SHA1(" + b"x" * 100 + b"\n"
    h = hashlib.sha256()
    list(iter_manifest(io.BytesIO(data), max_line=20, hashers=[h]))
    assert h.digest() == hashlib.sha256(data).digest()


def test_not_utf8_line() -> None:
    items = list(iter_manifest(io.BytesIO(b"SHA1(\xff\xfe)= " + SHA1.encode() + b"\n")))
    assert isinstance(items[0], ManifestLineError) and items[0].reason == "not UTF-8"


class _Lines(io.RawIOBase):
    """``count`` manifest lines produced on the fly, so the test itself holds none of them."""

    LINE = f"SHA256(file-{{:07d}}.vmdk)= {SHA256}\n"

    def __init__(self, count: int) -> None:
        self.count = count
        self.i = 0
        self.buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b: WriteableBuffer, /) -> int:
        view = memoryview(b).cast("B")
        while len(self.buf) < len(view) and self.i < self.count:
            step = min(1000, self.count - self.i)
            self.buf += "".join(self.LINE.format(self.i + k) for k in range(step)).encode()
            self.i += step
        n = min(len(view), len(self.buf))
        view[:n] = self.buf[:n]
        self.buf = self.buf[n:]
        return n


def _peak_bytes(count: int) -> int:
    stream = io.BufferedReader(_Lines(count), buffer_size=1 << 16)
    tracemalloc.start()
    n = sum(1 for _ in iter_manifest(stream))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert n == count
    return peak


def test_memory_does_not_grow_with_the_number_of_lines() -> None:
    small, large = _peak_bytes(2_000), _peak_bytes(50_000)
    assert large < 2 * small + 100_000
    assert large < 2_000_000


def test_a_million_lines_stream_in_bounded_time() -> None:
    stream = io.BufferedReader(_Lines(1_000_000), buffer_size=1 << 20)
    start = time.perf_counter()
    count = sum(1 for item in iter_manifest(stream) if isinstance(item, ManifestEntry))
    assert count == 1_000_000
    assert time.perf_counter() - start < 60


names = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\r\n\x00"), min_size=1)


@given(
    st.lists(
        st.tuples(st.sampled_from(list(DigestAlgorithm)), names, st.binary(min_size=1)),
        max_size=5,
    )
)
def test_format_then_parse_round_trips(items: list[tuple[DigestAlgorithm, str, bytes]]) -> None:
    m = Manifest()
    for algorithm, name, content in items:
        h = algorithm.new()
        h.update(content)
        m.add(algorithm, name, h.hexdigest())
    parsed = Manifest.parse(m.to_bytes())
    assert [(e.algorithm, e.name, e.digest) for e in parsed] == [
        (e.algorithm, e.name, e.digest) for e in m
    ]
