"""OVF manifests (.mf): one ``ALGORITHM(file name)= hexdigest`` line per file.

DSP0243 writes exactly ``SHA256(name)= hex`` with lowercase hex and LF. Real tools vary:
OpenSSL writes that form, some ovftool versions and BSD ``shasum --tag`` write
``SHA1 (name) = hex``, Windows tools write CRLF and uppercase hex, some omit the space after
``=``. Reading accepts all of them; writing always produces the DSP0243 form.

Manifests come from untrusted packages, so reading streams line by line with a bound on the
line length: a million-line manifest costs time proportional to its size and memory
proportional to one line.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from ovfmodel.errors import ManifestError

#: Longest manifest line accepted; real lines are an algorithm, a file name and a digest.
MAX_LINE = 16 * 1024

#: Block size for hashing and copying: large blocks keep Python overhead negligible.
BLOCK_SIZE = 4 * 1024 * 1024


class DigestAlgorithm(StrEnum):
    """The digest algorithms DSP0243 allows in manifests and certificates."""

    SHA1 = "SHA1"
    SHA256 = "SHA256"
    SHA512 = "SHA512"

    @property
    def hashlib_name(self) -> str:
        return self.value.lower()

    @property
    def hex_length(self) -> int:
        return _HEX_LENGTH[self.value]

    def new(self) -> hashlib._Hash:
        """A fresh hashlib object for this algorithm."""
        return hashlib.new(self.hashlib_name)

    @classmethod
    def parse(cls, text: str) -> DigestAlgorithm:
        """Accept 'sha256', 'SHA256', 'SHA-256' (as users type them on command lines)."""
        key = text.strip().upper().replace("-", "")
        try:
            return cls(key)
        except ValueError:
            raise ManifestError(
                f"unsupported digest algorithm {text!r}",
                hint="Use sha1, sha256 or sha512",
            ) from None


class LineSource(Protocol):
    """What `iter_manifest` reads from: any binary stream with a bounded readline."""

    def readline(self, size: int = -1, /) -> bytes: ...


_HEX_LENGTH = {"SHA1": 40, "SHA256": 64, "SHA512": 128}
_BY_NAME = {a.value: a for a in DigestAlgorithm}


@dataclass(frozen=True)
class ManifestEntry:
    """One manifest line: ``digest`` is lowercase hex; ``line`` is 1-based (0 if built)."""

    algorithm: DigestAlgorithm
    name: str
    digest: str
    line: int = 0

    def format(self) -> str:
        return format_line(self.algorithm, self.name, self.digest)


@dataclass(frozen=True)
class ManifestLineError:
    """A line that is not a manifest entry, with the reason, for diagnostics."""

    line: int
    text: str
    reason: str


# ALGO, optional space, "(", name (greedy: names may contain parentheses), ")", optional
# space, "=", optional spaces, hex. Anchored on the digest so "(a)= b)= c" cannot confuse it.
_LINE = re.compile(r"^([A-Za-z0-9-]+) ?\((.+)\) ?= *([0-9A-Fa-f]+)$")


def format_line(algorithm: DigestAlgorithm, name: str, digest: str) -> str:
    """The DSP0243 form ``SHA256(name)= hex`` with LF; refuses names that would break lines."""
    if not name or any(c in name for c in "\r\n\x00"):
        raise ManifestError(f"file name {name!r} cannot be written to a manifest")
    if len(digest) != algorithm.hex_length or not _is_hex(digest):
        raise ManifestError(f"{digest!r} is not a {algorithm.value} hex digest")
    return f"{algorithm.value}({name})= {digest.lower()}\n"


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in text)


def parse_line(text: str, line: int) -> ManifestEntry | ManifestLineError:
    """Parse one line (without its line ending)."""
    match = _LINE.match(text.strip())
    if match is None:
        return ManifestLineError(line, text, "not of the form ALGORITHM(file name)= hexdigest")
    algo_text, name, digest = match.groups()
    algorithm = _BY_NAME.get(algo_text.upper())
    if algorithm is None:
        return ManifestLineError(
            line, text, f"algorithm {algo_text!r} is not one of SHA1, SHA256, SHA512"
        )
    if len(digest) != _HEX_LENGTH[algorithm.value]:
        return ManifestLineError(
            line,
            text,
            f"a {algorithm.value} digest has {algorithm.hex_length} hex digits, "
            f"this one has {len(digest)}",
        )
    return ManifestEntry(algorithm, name, digest.lower(), line)


def iter_manifest(
    stream: LineSource, *, max_line: int = MAX_LINE, hashers: Iterable[hashlib._Hash] = ()
) -> Iterator[ManifestEntry | ManifestLineError]:
    """Stream entries (and errors for bad lines) from a binary stream; blank lines are skipped.

    ``hashers`` are fed every byte read, so a signature can be checked over the same pass.
    A line longer than ``max_line`` is reported and skipped without being held in memory.
    """
    feed = list(hashers)
    number = 0
    while True:
        raw = stream.readline(max_line + 1)
        if not raw:
            return
        for h in feed:
            h.update(raw)
        number += 1
        if len(raw) > max_line and not raw.endswith(b"\n"):
            # swallow the rest of the over-long line in bounded pieces
            while True:
                rest = stream.readline(max_line + 1)
                for h in feed:
                    h.update(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield ManifestLineError(number, raw[:80].decode("utf-8", "replace"), "line too long")
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):  # UTF-8 BOM written by some editors
            raw = raw[3:]
        try:
            text = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            yield ManifestLineError(number, raw[:80].decode("utf-8", "replace"), "not UTF-8")
            continue
        if not text.strip():
            continue
        yield parse_line(text, number)


class Manifest:
    """A whole manifest in memory: for writing, and for reading manifests known to be small.

    To check a package, `Package.check` streams the manifest instead (see `iter_manifest`).
    """

    def __init__(self, entries: Iterable[ManifestEntry] = ()) -> None:
        self.entries: list[ManifestEntry] = list(entries)

    def __repr__(self) -> str:
        return f"Manifest({len(self.entries)} entries)"

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[ManifestEntry]:
        return iter(self.entries)

    def get(self, name: str) -> ManifestEntry | None:
        """The entry for a file name (the first, should there be several)."""
        return next((e for e in self.entries if e.name == name), None)

    def add(self, algorithm: DigestAlgorithm, name: str, digest: str) -> ManifestEntry:
        entry = ManifestEntry(algorithm, name, digest.lower(), len(self.entries) + 1)
        format_line(algorithm, name, entry.digest)  # validate now, not when writing
        self.entries.append(entry)
        return entry

    @classmethod
    def parse(cls, data: bytes | str, *, name: str = "manifest") -> Manifest:
        """Parse a whole manifest; the first malformed line raises ManifestError."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        entries: list[ManifestEntry] = []
        for item in iter_manifest(io.BytesIO(raw)):
            if isinstance(item, ManifestLineError):
                raise ManifestError(
                    f"malformed manifest line: {item.reason}",
                    file=name,
                    line=item.line,
                    hint="Each line must read SHA256(file name)= hexdigest",
                )
            entries.append(item)
        return cls(entries)

    def format(self) -> str:
        """The manifest text in the DSP0243 form, one LF-terminated line per entry."""
        return "".join(e.format() for e in self.entries)

    def to_bytes(self) -> bytes:
        return self.format().encode("utf-8")
