"""`ovfmodel validate PATH... [--format text|json|sarif] [--select CODES] [--ignore CODES]
[--no-xsd] [--no-package] [--trust PEM] [--target vsphere,virtualbox,proxmox,virt-v2v,xenserver]
[--against DESCRIPTOR]`.

PATH is a descriptor (.ovf), an OVA, a package folder or an OVF environment document
(ovf-env.xml; `--against DESCRIPTOR` checks its keys and values against that descriptor).
Packages get the package checks too (PKG rules: files, sizes, manifest digests, signature, OVA
layout); so does a descriptor with its manifest, certificate or referenced files beside it (see
`ovfmodel.validation.packages`).

Exit status: 0 no error (warnings and infos allowed), 1 errors found, 2 bad usage or an input
that cannot be read at all (OVF001).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ovfmodel.cliutil import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, STDIN, STDIN_NAME, fail, read_stdin
from ovfmodel.errors import OvfError

from . import unknown_selectors, validate, validate_package
from .output import FORMATS, render
from .rules import UNREADABLE, XSD_MISSING

EXIT_ERRORS = EXIT_FINDINGS


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `validate` subcommand to an argparse subparsers object."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "validate",
        help="check OVF descriptors and packages against the DMTF schema and the DSP0243 rules",
        description="Validate OVF descriptors, OVAs and package folders: XML Schema, the "
        "DSP0243 rules XSD cannot express and, for packages, files, manifest and signature. "
        "Exit 0 when clean, 1 when errors are found, 2 on bad usage or unreadable input.",
    )
    parser.add_argument(
        "files",
        nargs="+",
        metavar="PATH",
        help="OVF descriptor(s), OVA(s) or package folder(s); - reads a descriptor from stdin",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument(
        "--select", metavar="CODES", help="only these codes or prefixes, comma separated (OVF4)"
    )
    parser.add_argument(
        "--ignore", metavar="CODES", help="skip these codes or prefixes, comma separated"
    )
    parser.add_argument("--no-xsd", action="store_true", help="skip XML Schema validation")
    parser.add_argument(
        "--require-schemas",
        action="store_true",
        help="exit 2 when the DMTF schemas are not installed (OVF904) instead of warning: "
        "for CI, where a skipped schema check should not pass",
    )
    parser.add_argument(
        "--no-package",
        action="store_true",
        help="check only the descriptor (of an OVA too), not the package's files and manifest",
    )
    parser.add_argument(
        "--trust",
        metavar="PEM",
        help="CA certificate(s) a package's signer must chain to (see ovfmodel verify)",
    )
    parser.add_argument(
        "--target",
        metavar="TARGETS",
        help="also check that these importers take the package as described, comma separated: "
        "vsphere, virtualbox, proxmox, virt-v2v, xenserver (rules VSPHERE, VBOX, PVE, V2V, XEN)",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar while package files are hashed (shown only on a terminal)",
    )
    parser.add_argument(
        "--against",
        metavar="DESCRIPTOR",
        help="for OVF environment documents (ovf-env.xml): the descriptor they were made from; "
        "every key must be one of its properties and every value fit its type and qualifiers",
    )
    parser.set_defaults(func=handler)
    return parser


def _whole_catalog() -> None:
    """Register every rule, as the whole `ovfmodel` command always had them: the package
    checker's (PKG) and the importers' (VSPHERE, VBOX, PVE, V2V, XEN) rules join the catalog
    when their modules are imported, which a plain `validate x.ovf` skips. --select and
    --ignore accept their codes and SARIF lists them all, in the same order."""
    import ovfmodel.package.rules  # noqa: F401
    from ovfmodel.portability import TARGETS

    assert TARGETS  # loading the targets registers their rules


def handler(args: argparse.Namespace) -> int:
    if args.select or args.ignore or args.format == "sarif":
        _whole_catalog()
    if args.target is not None:
        from ovfmodel import portability  # registers the target rules (for --select too)

        try:
            if not portability.resolve(args.target):
                raise OvfError(
                    "no target given", hint="targets are " + ", ".join(portability.TARGETS)
                )
        except OvfError as exc:
            return fail(f"--target: {exc}")
    elif args.select:
        from ovfmodel.portability import TARGETS

        for target in TARGETS.values():
            if any(
                code.strip().upper().startswith(target.rules.prefix)
                for code in args.select.split(",")
            ):
                return fail(
                    f"--select {args.select}: {target.rules.prefix} rules run with --target {target.name}"
                )
    for option in ("select", "ignore"):
        bad = unknown_selectors(getattr(args, option))
        if bad:
            return fail(f"--{option}: no rule matches {', '.join(bad)} (see docs/rules.md)")
    if args.require_schemas and args.no_xsd:
        return fail("--require-schemas and --no-xsd contradict each other: give one")
    trust = None
    if args.trust:
        from ovfmodel.package import load_certificates

        try:
            trust = load_certificates(args.trust)
        except OvfError as exc:
            return fail(f"--trust: {exc}")
    options: dict[str, Any] = {"select": args.select, "ignore": args.ignore, "xsd": not args.no_xsd}
    options["targets"] = args.target
    against = None
    if args.against:
        from ovfmodel.document import parse

        try:
            against = parse(args.against)
        except OvfError as exc:
            return fail(f"--against: {exc}")
    reports = []
    if args.files.count(STDIN) > 1:
        return fail("- (standard input) can be given only once")
    for name in args.files:
        path = Path(name)
        if name == STDIN:
            reports.append(validate(read_stdin(), name=STDIN_NAME, **options))
        elif path.exists():
            from ovfmodel.package.progress import Progress

            progress = Progress.for_terminal(quiet=args.quiet)
            reports.append(
                validate_package(
                    path,
                    package_checks=not args.no_package,
                    trust=trust,
                    progress=progress,
                    against=against,
                    **options,
                )
            )
        else:  # reported as an unreadable descriptor
            reports.append(validate(name, **options))
    sys.stdout.write(render(reports, args.format))
    if any(d.code == UNREADABLE.code for r in reports for d in r.diagnostics):
        return EXIT_USAGE
    if args.require_schemas:
        missing = [d for r in reports for d in r.diagnostics if d.code == XSD_MISSING.code]
        if missing:
            return fail(
                f"{missing[0].message} (--require-schemas: schema validation could not run)"
            )
    return EXIT_ERRORS if any(not r.ok for r in reports) else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """The `ovfmodel` command (tests and `python -m ovfmodel.validation.cli validate ...`)."""
    from ovfmodel.cli import main as ovfmodel_main

    return ovfmodel_main(argv)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
