"""`ovfmodel port --target T IN -o OUT [--force] [--format text|json]`.

IN is a descriptor, an OVA or a package folder. A package is rewritten as a package (OUT ending
in .ova: an OVA, else a folder): untouched files are streamed, the manifest is made again with
the input's algorithm, and the signature is made again with --sign/--cert or dropped with a
warning (as `edit`).

(`ovfmodel info --target T` shows what a package becomes on T: `ovfmodel.info`.)

port exit status: 0 the output imports as described on the target (no target error left),
1 written but some changes were refused (listed, with why), 2 bad usage or unreadable input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ovfmodel import atomicfile
from ovfmodel.cliutil import SigningRequest, add_signing_options, fail
from ovfmodel.display import printable
from ovfmodel.errors import OvfError

if TYPE_CHECKING:
    from .port import PortResult

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "port",
        help="apply the faithful changes that make a descriptor import as described on a target",
        description="Rewrite an OVF descriptor or package for one importer (vsphere, virtualbox, "
        "proxmox, virt-v2v, xenserver): hardware family, controller and NIC subtypes, units, "
        "vendor elements. Everything else is written back as read. Changes with no faithful form "
        "are listed as refused. Exit 0 clean for the target, 1 changes refused, 2 bad usage.",
    )
    parser.add_argument("input", metavar="IN", help="OVF descriptor (.ovf), OVA or package folder")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="descriptor to write; for a package: an .ova or a folder",
    )
    parser.add_argument(
        "--target", required=True, help="vsphere, virtualbox, proxmox, virt-v2v or xenserver"
    )
    parser.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    add_signing_options(parser, "the ported package (an OVA or folder)")
    parser.set_defaults(func=handler)
    return parser


def handler(args: argparse.Namespace) -> int:
    from .port import port

    src, out = Path(args.input), Path(args.output)
    if out.exists() and not args.force:
        return fail(f"{out} exists; use --force to overwrite it")
    is_package = src.is_dir() or src.suffix.lower() == ".ova"
    signing = SigningRequest(args)
    if signing.problem or (signing.sign and not is_package):
        return fail(signing.problem or "--sign applies to packages (an OVA or a folder as IN)")
    notes: list[str] = []
    try:
        if is_package:
            result, notes = _port_package(src, out, args.target, signing)
        else:
            result = port(src, args.target)
    except OvfError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"cannot read {args.input}: {exc.strerror or exc}")
    if not is_package:
        atomicfile.write_bytes(out, result.data)
        notes = _stale_companions(src, out, result)
    if args.format == "json":
        body = {
            "target": result.target,
            "output": str(out),
            "clean": result.clean,
            "changes": [vars(c) for c in result.changes],
            "refused": [vars(c) for c in result.refused],
            "notes": notes,
        }
        sys.stdout.write(json.dumps(body, indent=2) + "\n")
    else:
        print(f"{args.input} -> {out} for {result.target}: {len(result.changes)} change(s)")
        for c in result.changes:
            print(printable(f"  changed  {c.path}: {c.message}"))
        for c in result.refused:
            print(printable(f"  refused  {c.path}: {c.message}"))
        for n in notes:
            print(printable(f"  note     {n}"))
        print("clean for " + result.target if result.clean else "NOT clean: see refused changes")
    return EXIT_OK if result.clean else EXIT_REFUSED


def _port_package(
    src: Path, out: Path, target: str, signing: SigningRequest
) -> tuple[PortResult, list[str]]:
    """Port the descriptor of a package and write the package (see the module's docstring)."""
    from ovfmodel.edit import open_package_editor

    from .port import port

    with open_package_editor(src) as editor:
        result = port(editor.doc, target)
        saved = editor.save(out, sign=signing.sign, key_password=signing.password)
    return result, saved.warnings


def _stale_companions(src: Path, out: Path, result: PortResult) -> list[str]:
    """A descriptor's manifest and certificate beside it no longer describe a changed output."""
    if not result.changes:
        return []
    stem = src.with_suffix("")
    companions = [p for p in (stem.with_suffix(".mf"), stem.with_suffix(".cert")) if p.exists()]
    return [
        f"{p.name} describes the input, not {out.name}: pack the package again (ovfmodel pack)"
        for p in companions
    ]
