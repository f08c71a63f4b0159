"""`ovfmodel port --target T IN.ovf -o OUT.ovf [--force] [--format text|json]`.

(`ovfmodel info --target T` shows what a package becomes on T: `ovfmodel.info`.)

port exit status: 0 the output imports as described on the target (no target error left),
1 written but some changes were refused (listed, with why), 2 bad usage or unreadable input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ovfmodel import atomicfile
from ovfmodel.cliutil import fail
from ovfmodel.display import printable
from ovfmodel.errors import OvfError

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "port",
        help="apply the faithful changes that make a descriptor import as described on a target",
        description="Rewrite an OVF descriptor for one importer (vsphere, virtualbox, proxmox, "
        "virt-v2v, xenserver): hardware family, controller and NIC subtypes, units, vendor "
        "elements. Everything else is written back as read. Changes with no faithful form are "
        "listed as refused. Exit 0 clean for the target, 1 changes refused, 2 bad usage.",
    )
    parser.add_argument("input", metavar="IN", help="OVF descriptor (.ovf)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="descriptor to write")
    parser.add_argument(
        "--target", required=True, help="vsphere, virtualbox, proxmox, virt-v2v or xenserver"
    )
    parser.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    parser.set_defaults(func=handler)
    return parser


def handler(args: argparse.Namespace) -> int:
    from .port import port

    out = Path(args.output)
    if args.input.lower().endswith(".ova"):
        return fail(
            f"{args.input}: port rewrites descriptors; unpack the OVA first (ovfmodel unpack)"
        )
    if out.exists() and not args.force:
        return fail(f"{out} exists; use --force to overwrite it")
    try:
        result = port(Path(args.input), args.target)
    except OvfError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"cannot read {args.input}: {exc.strerror or exc}")
    atomicfile.write_bytes(out, result.data)
    stem = Path(args.input).with_suffix("")
    companions = [p for p in (stem.with_suffix(".mf"), stem.with_suffix(".cert")) if p.exists()]
    notes = [
        f"{p.name} describes the input, not {out.name}: pack the package again (ovfmodel pack)"
        for p in companions
        if result.changes
    ]
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
