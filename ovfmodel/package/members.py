"""What a package writer stores, decided and checked before anything is written.

`plan` reads the descriptor and turns each file its References name into a `Member`: the
name it is stored under and the byte ranges (`Piece`) of source files it is made of (a whole
file, a chunk, or a slice of a whole file split while packing). Anything that would make the
package fail its own check (a missing file, a wrong ovf:size, missing or mis-sized chunks, an
href leaving the folder) is refused here. Also the options both writers (`writer` for an OVA,
`directory` for a folder) resolve the same way: digest, signer and the package's stem name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from ovfmodel.display import printable
from ovfmodel.errors import PackageError
from ovfmodel.package.manifest import DigestAlgorithm
from ovfmodel.package.ova import MAX_MEMBERS
from ovfmodel.package.references import (
    MAX_DESCRIPTOR_BYTES,
    FileReference,
    href_problem,
    leaves_folder,
    references_from_descriptor,
)
from ovfmodel.package.signing import SigningKey, load_certificates, load_signing_key
from ovfmodel.package.targets import io_error

PathLike = str | Path
SignSpec = tuple[PathLike, PathLike]


@dataclass(frozen=True)
class Piece:
    path: Path
    offset: int
    length: int


@dataclass(frozen=True)
class Member:
    """A file to store under ``name``, made of byte ranges of source files."""

    name: str
    pieces: tuple[Piece, ...]

    @property
    def size(self) -> int:
        return sum(p.length for p in self.pieces)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size if path.is_file() else None
    except OSError:
        return None


def plan(descriptor: Path, *, for_ova: bool = False) -> tuple[bytes, list[Member]]:
    """Read the descriptor and decide what goes into the package, checking it is complete.

    Raises PackageError for anything that would make a package fail its own check: a missing
    file, a wrong ovf:size, missing or mis-sized chunks, an href leaving the folder.
    """
    size = _size(descriptor)
    if size is None:
        raise PackageError(
            "descriptor not found" + (" (it is a folder)" if descriptor.is_dir() else ""),
            file=str(descriptor),
            hint="Pass the path of the .ovf file",
        )
    if descriptor.suffix.lower() == ".ova":
        raise PackageError(
            "is an OVA, not a descriptor",
            file=str(descriptor),
            hint="Pass the .ovf file; to repack an OVA, extract it first "
            "(ovfmodel unpack X.ova -d DIR)",
        )
    if size > MAX_DESCRIPTOR_BYTES:
        raise PackageError(
            f"descriptor is {size} bytes; not an OVF descriptor", file=str(descriptor)
        )
    try:
        data = descriptor.read_bytes()
    except OSError as exc:
        raise io_error(exc, descriptor, "read") from None
    root = descriptor.parent
    members: list[Member] = []
    seen: set[str] = set()
    for ref in references_from_descriptor(data, str(descriptor)):
        if ref.is_external and for_ova:
            raise PackageError(
                f"ovf:href {ref.href!r} (File {ref.id}) is a URL; every file of an OVA must be "
                "inside it, named by a relative path (DSP0243 5.3)",
                file=str(descriptor),
                line=ref.line,
                hint="Copy the file beside the descriptor and reference it by its name, "
                "or write a folder package (--directory), which may reference URLs",
            )
        if ref.is_external:
            continue
        problem = href_problem(ref.href)
        if problem:
            raise PackageError(
                f"ovf:href {ref.href!r} cannot be packed: {problem}",
                file=str(descriptor),
                line=ref.line,
            )
        if ref.href in seen:
            raise PackageError(
                f"{ref.href!r} is referenced by two File elements",
                file=str(descriptor),
                line=ref.line,
            )
        seen.add(ref.href)
        members.extend(_members_for(ref, root, str(descriptor)))
    return data, members


def _members_for(ref: FileReference, root: Path, descriptor: str) -> list[Member]:
    def fail(message: str, hint: str | None = None) -> PackageError:
        return PackageError(printable(message), file=descriptor, line=ref.line, hint=hint)

    for name in (ref.href, ref.chunk_name(0)):
        outside = leaves_folder(root / name, root)
        if outside is not None and os.path.lexists(root / name):
            raise fail(
                f"{name!r} is a symbolic link leading out of the package folder (to {outside})",
                hint="Copy the file into the folder; links out of a package are not packed",
            )
    if not ref.chunk_size:
        size = _size(root / ref.href)
        if size is None:
            raise fail(f"{ref.href!r} (File {ref.id}) not found beside the descriptor")
        if ref.size is not None and ref.size != size:
            raise fail(
                f"{ref.href!r} is {size} bytes but ovf:size says {ref.size}",
                hint=f'Set ovf:size="{size}"',
            )
        return [Member(ref.href, (Piece(root / ref.href, 0, size),))]

    chunk = ref.chunk_size
    parts: list[Member] = []
    idx = 0
    while (size := _size(root / ref.chunk_name(idx))) is not None:
        if leaves_folder(root / ref.chunk_name(idx), root) is not None:
            raise fail(f"{ref.chunk_name(idx)!r} is a symbolic link leading out of the folder")
        parts.append(Member(ref.chunk_name(idx), (Piece(root / ref.chunk_name(idx), 0, size),)))
        idx += 1
        if idx > MAX_MEMBERS:
            raise fail(f"more than {MAX_MEMBERS} chunks of {ref.href!r}")
    if not parts:
        # only the whole file exists: split it into chunks while packing
        whole = _size(root / ref.href)
        if whole is None:
            raise fail(f"neither {ref.href!r} nor its chunks {ref.chunk_name(0)!r}... found")
        if -(-whole // chunk) > MAX_MEMBERS:
            raise fail(
                f"ovf:chunkSize={chunk} splits {ref.href!r} ({whole} bytes) into "
                f"{-(-whole // chunk)} chunks; an OVA holds at most {MAX_MEMBERS} files",
                hint="Use a larger ovf:chunkSize",
            )
        offsets = range(0, max(whole, 1), chunk)
        parts = [
            Member(ref.chunk_name(i), (Piece(root / ref.href, off, min(chunk, whole - off)),))
            for i, off in enumerate(offsets)
        ]
    total = sum(p.size for p in parts)
    for i, p in enumerate(parts):
        last = i == len(parts) - 1
        if (not last and p.size != chunk) or (last and p.size > chunk):
            raise fail(f"chunk {p.name!r} is {p.size} bytes; ovf:chunkSize is {chunk}")
    if ref.size is not None and total != ref.size:
        raise fail(
            f"the chunks of {ref.href!r} total {total} bytes but ovf:size says {ref.size}",
            hint=f'Set ovf:size="{total}"',
        )
    return parts


def resolve_digest(digest: str | DigestAlgorithm | None) -> DigestAlgorithm | None:
    if digest is None or isinstance(digest, DigestAlgorithm):
        return digest
    return DigestAlgorithm.parse(digest)


def load_signer(
    sign: SignSpec | None, password: bytes | None
) -> tuple[SigningKey, list[x509.Certificate]] | None:
    if sign is None:
        return None
    key = load_signing_key(sign[0], password)
    chain = load_certificates(sign[1])
    if not chain:
        raise PackageError("no certificate in the file", file=str(sign[1]))
    return key, list(chain)


def stem_of(descriptor: Path) -> str:
    return descriptor.name[: -len(descriptor.suffix)] if descriptor.suffix else descriptor.name
