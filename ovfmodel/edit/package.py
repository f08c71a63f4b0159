"""Editing packages: the same edits on an OVA or a package folder, written back as a package.

    with open_package_editor("appliance.ova") as ed:
        ed.set_cpus(4)
        ed.add_disk("data.vmdk")
        result = ed.save("appliance-large.ova", sign=("key.pem", "cert.pem"))

Saving writes the edited descriptor, then every File in References order (DSP0243 5.3 order:
descriptor, manifest, certificate, files): files the edits added are read from where they
are; untouched ones are streamed from the input (straight out of the tar for an OVA, never
loaded). The manifest is made again with the input's algorithm; the signature is made again
when asked (`sign`), otherwise a signed input loses its signature, with a warning.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from .. import atomicfile, model
from ..document import parse, serialize
from ..errors import EditError, ManifestError
from ..package import (
    DigestAlgorithm,
    ManifestEntry,
    Package,
    PackageKind,
    iter_manifest,
    open_package,
    write_directory,
    write_ova_from,
)
from ..package.ova import iter_blocks
from ..package.references import is_url
from ..package.writer import SignSpec, refuse_other_descriptor
from . import Editor
from .convert import convert

_KEEP = "keep"


@dataclass
class SaveResult:
    """Where the package went, and what the user should know (e.g. a dropped signature)."""

    path: Path
    digest: DigestAlgorithm | None
    signed: bool
    warnings: list[str] = field(default_factory=list)


class PackageEditor(Editor):
    """An `Editor` over the descriptor of a package, which `save` writes back as a package."""

    def __init__(self, package: Package, *, to: str | None = None) -> None:
        """`to`: convert the descriptor to that OVF version first (see `convert`)."""
        name = package.display(package.descriptor_name)
        doc = parse(package.descriptor_bytes(), name=name)
        if to is not None:
            doc = convert(doc, to)
        super().__init__(doc)
        self.package = package
        self._scratch: tempfile.TemporaryDirectory[str] | None = None

    # -- what the input was -------------------------------------------------------------------
    @property
    def digest(self) -> DigestAlgorithm | None:
        """The algorithm of the input's manifest (None: the input has no manifest)."""
        name = self.package.manifest_name
        if name is None:
            return None
        with self.package.open(name) as stream:
            for entry in iter_manifest(stream):
                if isinstance(entry, ManifestEntry):
                    return entry.algorithm
        raise ManifestError(
            "the manifest has no entry", file=self.package.display(name), hint="repack it"
        )

    @property
    def signed(self) -> bool:
        return self.package.certificate_name is not None

    # -- edits that need a place for new files -------------------------------------------------
    def scratch(self) -> Path:
        """A private folder for files the edits make (removed by `close`)."""
        if self._scratch is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="ovfmodel-edit-")
        return Path(self._scratch.name)

    def place_for(self, name: str) -> Path:
        return self.scratch() / name

    def close(self) -> None:
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None

    def __enter__(self) -> PackageEditor:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------------
    def members(self, *, for_ova: bool = False) -> list[tuple[str, list[tuple[Path, int, int]]]]:
        """(member name, byte ranges) of every file the edited descriptor references.

        A URL is not part of a package; an OVA may not reference one at all (DSP0243 5.3), so
        for an OVA it is refused, as `pack` refuses it, instead of writing a package that
        `verify` would reject (PKG113)."""
        out: list[tuple[str, list[tuple[Path, int, int]]]] = []
        for file in model.files(self.doc):
            href = str(file.href)
            if is_url(href):
                if for_ova:
                    raise EditError(
                        f"ovf:href {href!r} (File {file.id}) is a URL; every file of an OVA "
                        "must be inside it, named by a relative path (DSP0243 5.3)",
                        file=self.package.display(self.package.descriptor_name),
                        line=self.doc.location(file)[0],
                        hint="remove the File (--remove-file ID), or write a folder package "
                        "(-o DIR), which may reference URLs",
                    )
                continue
            added = self.added_files.get(href)
            if added is not None:
                out.append((href, [(added, 0, added.stat().st_size)]))
                continue
            if file.chunk_size:
                index = 0
                while (part := self.package.stored_range(f"{href}.{index:09d}")) is not None:
                    out.append((f"{href}.{index:09d}", [part]))
                    index += 1
                if index:
                    continue
            stored = self.package.stored_range(href)
            if stored is None:
                raise EditError(
                    f"{href!r} (File {file.id}) is referenced but not in the package",
                    file=str(self.package.path),
                    hint="add the file to the package, or remove the File (--remove-file)",
                )
            out.append((href, [stored]))
        return out

    def save(
        self,
        out: str | Path | None = None,
        *,
        sign: SignSpec | None = None,
        key_password: bytes | None = None,
        digest: str | DigestAlgorithm | None = _KEEP,
        mtime: int | None = None,
    ) -> SaveResult:
        """Write the edited package: an OVA when `out` ends in .ova, else a folder (or the
        descriptor path in one). Default: over the input. `digest` defaults to the input's
        manifest algorithm; a signed input is signed again with `sign` or loses its .cert."""
        target = Path(out) if out is not None else self._default_target()
        algorithm = self.digest if digest == _KEEP else _algorithm(digest)
        if sign is not None and algorithm is None:
            algorithm = DigestAlgorithm.SHA256
        result = SaveResult(target, algorithm, sign is not None)
        if self.signed and sign is None:
            result.warnings.append(
                f"{self.package.display(self.package.certificate_name or '')}: the input was "
                "signed; the edited package is not (its signature would not match). "
                "To sign it, give --sign KEY --cert CERT"
            )
        data = serialize(self.doc)
        members = self.members(for_ova=target.suffix.lower() == ".ova")
        name = self.package.descriptor_name
        if target.suffix.lower() == ".ova":
            write_ova_from(
                name,
                data,
                members,
                target,
                digest=algorithm,
                sign=sign,
                key_password=key_password,
                mtime=mtime,
            )
            return result
        if target.suffix.lower() == ".ovf":
            folder, name = target.parent, target.name
        else:
            folder = target
        input_folder = self.package.path if self.package.kind is PackageKind.DIRECTORY else None
        in_place = input_folder is not None and folder.resolve() == input_folder.resolve()
        if not in_place or name != self.package.descriptor_name:
            # another name in the input's own folder would leave the input's descriptor beside it
            refuse_other_descriptor(folder, name)  # before any file is copied
        folder.mkdir(parents=True, exist_ok=True)
        for member, pieces in members:
            _copy(pieces, folder / member)
        atomicfile.write_bytes(folder / name, data)
        write_directory(
            folder / name,
            folder,
            digest=algorithm,
            sign=sign,
            key_password=key_password,
            remove_stale=True,
        )
        kept = {m for m, _ in members} | {name}
        if (
            self.package.kind is PackageKind.DIRECTORY
            and folder.resolve() == self.package.path.resolve()
        ):
            left = [
                f.name for f in self.package.files if f.name not in kept and f.reference is not None
            ]
            if left:
                result.warnings.append(
                    "no longer referenced, left in the folder: " + ", ".join(left)
                )
        result.path = folder / name
        return result

    def _default_target(self) -> Path:
        if self.package.kind is PackageKind.OVA:
            return self.package.path
        return self.package.path / self.package.descriptor_name


def _algorithm(digest: str | DigestAlgorithm | None) -> DigestAlgorithm | None:
    if digest is None or isinstance(digest, DigestAlgorithm):
        return digest
    return DigestAlgorithm.parse(digest)


def _copy(pieces: list[tuple[Path, int, int]], dest: Path) -> None:
    """Stream byte ranges into `dest` (nothing to do when `dest` is already that file)."""
    if len(pieces) == 1:
        path, offset, length = pieces[0]
        if offset == 0 and dest.exists() and path.resolve() == dest.resolve():
            return
    dest.parent.mkdir(parents=True, exist_ok=True)
    with atomicfile.atomic_write(dest) as fh:
        for path, offset, length in pieces:
            for block in iter_blocks(path, offset, length):
                fh.write(block)


def open_package_editor(path: str | Path, *, to: str | None = None) -> PackageEditor:
    """An editor over an OVA, a package folder or a descriptor with its files beside it;
    `to` converts the descriptor to that OVF version ("1.0", "1.1", "2.0") first."""
    return PackageEditor(open_package(path), to=to)
