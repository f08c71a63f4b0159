"""`ovfmodel env`: build an ovf-env.xml from a descriptor, or show the properties of one.

Build:  ovfmodel env DESCRIPTOR --set key=value ... [--config NAME] [--system ID] -o ovf-env.xml
Read:   ovfmodel env --read ovf-env.xml [--format text|json] [--entity ID]
        (or just `ovfmodel env ovf-env.xml`: a file whose root is an Environment is read)

Exit status: 0 done, 1 values or choices refused (each reason printed), 2 bad usage or
unreadable input; errors as `ovfmodel: error: ...` (see ovfmodel.cliutil).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, TextIO

from lxml import etree

from ..cliutil import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail, note
from ..display import printable, printable_json
from ..document import parse
from ..errors import OvfEnvironmentError, OvfParseError
from . import (
    ENV_NS,
    EnvironmentValueError,
    Platform,
    environment_for,
    parse_environment,
    properties,
    serialize_environment,
    write_environment,
)


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `env` subcommand to an argparse subparsers object."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "env",
        help="build an OVF environment (ovf-env.xml) from a descriptor, or read one",
        description="Build the OVF environment a platform hands a guest, checking every value "
        "against the descriptor's properties; or, with --read, print the properties of an "
        "ovf-env.xml as a guest sees them.",
    )
    p.add_argument("descriptor", nargs="?", help="the OVF descriptor (.ovf) to build from")
    p.add_argument("--read", metavar="ENV", help="print the properties of this ovf-env.xml")
    p.add_argument(
        "--set",
        dest="values",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a property value; KEY is the full key class.key.instance or an unambiguous ovf:key, "
        "optionally prefixed ID/ to target one system (repeatable)",
    )
    p.add_argument("--config", help="deployment configuration (default: the descriptor's)")
    p.add_argument("--system", help="ovf:id of the VirtualSystem or collection to build for")
    p.add_argument(
        "--allow-non-configurable",
        action="store_true",
        help="accept values for properties the descriptor marks not userConfigurable",
    )
    p.add_argument("--platform-kind", help="PlatformSection Kind, e.g. 'VMware ESXi'")
    p.add_argument("--platform-version", help="PlatformSection Version")
    p.add_argument("--platform-vendor", help="PlatformSection Vendor")
    p.add_argument("--locale", help="PlatformSection Locale, e.g. en_US")
    p.add_argument("--timezone", type=int, help="PlatformSection Timezone, minutes east of UTC")
    p.add_argument("-o", "--output", help="where to write ovf-env.xml (default: stdout)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="--read output")
    p.add_argument("--entity", help="with --read: show a sibling Entity's properties instead")
    p.set_defaults(func=handler)
    return p


def handler(args: argparse.Namespace) -> int:
    """Run `env` with parsed arguments; the exit status is returned, never raised."""
    out: TextIO = sys.stdout
    if args.read:
        return _read(args, out)
    if not args.descriptor:
        return fail("give a DESCRIPTOR to build from, or --read ENV")
    if _is_environment(args.descriptor):
        # `ovfmodel env ovf-env.xml` reads it, as a guest would; building needs a descriptor
        building = args.values or args.config or args.system or args.output
        if building:
            return fail(
                f"{args.descriptor} is an OVF environment (ovf-env.xml), not a descriptor; "
                f"build from the .ovf, or read it with --read {args.descriptor}"
            )
        args.read = args.descriptor
        return _read(args, out)
    return _build(args, out)


def _is_environment(path: str) -> bool:
    """True when the file's root element is an OVF Environment (only the root is read)."""
    if not os.path.isfile(path):
        return False  # a device or a pipe is never opened here: parsing refuses it
    try:
        with open(path, "rb") as f:
            events = etree.iterparse(
                f,
                events=("start",),
                resolve_entities=False,
                load_dtd=False,
                no_network=True,
                huge_tree=False,
            )
            for _, element in events:
                return bool(element.tag == f"{{{ENV_NS}}}Environment")
    except (OSError, etree.LxmlError):
        pass  # unreadable or not XML: the build path reports it properly
    return False


def _read(args: argparse.Namespace, out: TextIO) -> int:
    try:
        doc = parse_environment(args.read)
        props = properties(doc, args.entity)
    except OvfParseError as exc:
        return fail(str(exc))
    except OvfEnvironmentError as exc:
        return fail(str(exc), EXIT_FINDINGS)
    if args.format == "json":
        out.write(printable_json(json.dumps(props, indent=2, ensure_ascii=False)) + "\n")
    else:
        for key, value in props.items():
            # one line per property, whatever the values hold (`&#10;` is a newline)
            out.write(f"{printable(key)}={printable(value)}\n")
    return EXIT_OK


def _build(args: argparse.Namespace, out: TextIO) -> int:
    values: dict[str, str] = {}
    bad = [v for v in args.values if "=" not in v]
    if bad:
        return fail("; ".join(f"--set {v!r}: expected KEY=VALUE" for v in bad), EXIT_USAGE)
    for item in args.values:
        key, _, value = item.partition("=")
        values[key.strip()] = value
    platform = None
    if any(
        x is not None
        for x in (
            args.platform_kind,
            args.platform_version,
            args.platform_vendor,
            args.locale,
            args.timezone,
        )
    ):
        platform = Platform(
            kind=args.platform_kind,
            version=args.platform_version,
            vendor=args.platform_vendor,
            locale=args.locale,
            timezone=args.timezone,
        )
    try:
        descriptor = parse(args.descriptor)
    except OvfParseError as exc:
        return fail(str(exc))
    try:
        env = environment_for(
            descriptor,
            values,
            system=args.system,
            configuration=args.config,
            platform=platform,
            allow_non_configurable=args.allow_non_configurable,
        )
    except EnvironmentValueError as exc:
        fail(f"{exc.file + ': ' if exc.file else ''}values refused:")
        for problem in exc.problems:
            note(problem)
        return EXIT_FINDINGS
    except OvfEnvironmentError as exc:
        return fail(str(exc), EXIT_FINDINGS)
    if args.output:
        try:
            write_environment(env, args.output)
        except OSError as exc:
            return fail(f"cannot write {args.output}: {exc.strerror or exc}")
    else:
        out.write(serialize_environment(env).decode("utf-8"))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """The `ovfmodel` command (tests and `python -m ovfmodel.environment.cli env ...`)."""
    from ..cli import main as ovfmodel_main

    return ovfmodel_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
