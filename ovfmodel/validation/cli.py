"""`ovfmodel validate FILE... [--format text|json|sarif] [--select CODES] [--ignore CODES]
[--no-xsd]`.

Exit status: 0 no error (warnings and infos allowed), 1 errors found, 2 bad usage or an input
that cannot be read at all (OVF001).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from . import unknown_selectors, validate
from .output import FORMATS, render
from .rules import UNREADABLE

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `validate` subcommand to an argparse subparsers object."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "validate",
        help="check OVF descriptors against the DMTF schema and the DSP0243 rules",
        description="Validate OVF descriptors: XML Schema plus the DSP0243 rules XSD cannot "
        "express. Exit 0 when clean, 1 when errors are found, 2 on bad usage or unreadable input.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="OVF descriptor(s)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument(
        "--select", metavar="CODES", help="only these codes or prefixes, comma separated (OVF4)"
    )
    parser.add_argument(
        "--ignore", metavar="CODES", help="skip these codes or prefixes, comma separated"
    )
    parser.add_argument("--no-xsd", action="store_true", help="skip XML Schema validation")
    parser.set_defaults(func=handler)
    return parser


def handler(args: argparse.Namespace) -> int:
    for option in ("select", "ignore"):
        bad = unknown_selectors(getattr(args, option))
        if bad:
            print(
                f"ovfmodel validate: --{option}: no rule matches {', '.join(bad)}", file=sys.stderr
            )
            return EXIT_USAGE
    reports = [
        validate(f, select=args.select, ignore=args.ignore, xsd=not args.no_xsd) for f in args.files
    ]
    sys.stdout.write(render(reports, args.format))
    if any(d.code == UNREADABLE.code for r in reports for d in r.diagnostics):
        return EXIT_USAGE
    return EXIT_ERRORS if any(not r.ok for r in reports) else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Standalone entry point (the lead wires `register` into `ovfmodel.cli`)."""
    parser = argparse.ArgumentParser(prog="ovfmodel")
    sub = parser.add_subparsers(dest="command", required=True)
    register(sub)
    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
