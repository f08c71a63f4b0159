"""Where a package is written: refusals made before anything is written.

Shared by the writers (`writer`, `directory`), `extract` and the package editor. Kept free of
`cryptography` and of the writers themselves, so that `extract` can import it at module level
without loading the signing code that ``unpack --no-verify`` never needs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ovfmodel.errors import PackageError


def io_error(exc: OSError, fallback: Path, action: str) -> PackageError:
    """An OSError (missing folder, no permission, disk full) as a PackageError naming the file."""
    name = exc.filename if isinstance(exc.filename, str) else str(fallback)
    return PackageError(
        f"cannot {action}: {exc.strerror or exc}",
        file=name,
        hint="Check the path, its permissions and the free space",
    )


def refuse_existing(paths: Iterable[Path]) -> None:
    """Refuse to replace files the user already has (``overwrite=False``)."""
    existing = [p for p in paths if os.path.lexists(p)]
    if existing:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise PackageError(
            f"already exists{more}; not replaced",
            file=str(existing[0]),
            hint="Replace it with --force (overwrite=True), or give another output name",
        )


def refuse_other_descriptor(folder: Path, name: str) -> None:
    """Refuse to write package ``name`` into a folder holding another descriptor: a package
    folder holds exactly one (DSP0243 5.1), so the result would be no package at all, and
    `--force` replaces only files of the same names. Checked before anything is written."""
    if not folder.is_dir():
        return
    try:
        others = sorted(
            p.name
            for p in folder.iterdir()
            if p.suffix.lower() == ".ovf" and p.name != name and p.is_file()
        )
    except OSError as exc:
        raise io_error(exc, folder, "list the package folder") from None
    if others:
        more = f" (and {len(others) - 1} more)" if len(others) > 1 else ""
        raise PackageError(
            f"holds another package's descriptor, {others[0]}{more}; writing {name} beside it "
            "would leave two descriptors, and a package folder holds exactly one (DSP0243 5.1)",
            file=str(folder),
            hint="Write into an empty folder, or remove the other package's files first",
        )
