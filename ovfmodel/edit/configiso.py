"""ISO 9660 images of configuration files (COT's inject-config), made with pycdlib.

Names are kept readable through Joliet and Rock Ridge (cloud-init's NoCloud `user-data`,
`meta-data`); the plain ISO 9660 names are 8.3 upper case. The image is written through
`ovfmodel.atomicfile`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pycdlib

from .. import atomicfile
from ..errors import EditError

_VOLUME = re.compile(r"^[A-Za-z0-9_\-]{1,32}$")


def make_config_iso(files: Sequence[str | Path], out: str | Path, *, label: str = "config") -> Path:
    """Write `files` (flat, by their names) into an ISO 9660 image at `out`."""
    paths = [Path(f) for f in files]
    if not paths:
        raise EditError("no files to put in the configuration image", hint="give one or more")
    if not _VOLUME.match(label):
        raise EditError(
            f"volume label {label!r} is not usable",
            hint="use 1 to 32 letters, digits, '-' or '_' (cloud-init NoCloud wants 'cidata')",
        )
    names = [p.name for p in paths]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise EditError(
            "two files have the same name: " + ", ".join(duplicates),
            hint="the image is flat; rename one",
        )
    for p in paths:
        if not p.is_file():
            raise EditError("no such file", file=str(p), hint="give the path of an existing file")
    iso = pycdlib.PyCdlib()
    iso.new(interchange_level=3, joliet=3, rock_ridge="1.09", vol_ident=label)
    try:
        for index, p in enumerate(paths):
            stem = re.sub(r"[^A-Z0-9_]", "_", p.stem.upper())[:8] or "FILE"
            ext = re.sub(r"[^A-Z0-9_]", "_", p.suffix[1:].upper())[:3]
            iso_name = f"/{stem[:6]}{index:02d}.{ext};1" if ext else f"/{stem[:6]}{index:02d}.;1"
            iso.add_file(str(p), iso_path=iso_name, rr_name=p.name, joliet_path="/" + p.name[:64])
        target = Path(out)
        with atomicfile.atomic_write(target) as fh:
            iso.write_fp(fh)
    finally:
        iso.close()
    return target
