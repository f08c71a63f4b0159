"""The `ovfmodel` command: info, validate, build, schema, pack, verify, unpack, env, schemas.

Each area registers its own subcommands (`register(subparsers)` in its cli module); this module
only assembles them and turns ovfmodel errors into messages and exit codes instead of
tracebacks. The conventions every subcommand follows are in `ovfmodel.cliutil`: errors as
`ovfmodel: error: MESSAGE` on standard error, exit 0 clean, 1 findings, 2 usage or unreadable
input.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from ._version import __version__
from .cliutil import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, PROG, STDIN, STDIN_NAME, error, fail
from .errors import OvfError

# the subcommands areas add, each through register(subparsers) in its cli module. A process
# imports only the area of the subcommand it runs (`ovfmodel validate` never loads the editor,
# the packager or the language server); `ovfmodel --help` and a mistyped subcommand load them
# all, to list them. tests/test_start.py checks this table against what the areas register.
COMMANDS = {
    "validate": "ovfmodel.validation.cli",
    "build": "ovfmodel.builder.cli",
    "pack": "ovfmodel.package.cli",
    "verify": "ovfmodel.package.cli",
    "unpack": "ovfmodel.package.cli",
    "env": "ovfmodel.environment.cli",
    "lsp": "ovfmodel.lsp.cli",
    "port": "ovfmodel.portability.cli",
    "edit": "ovfmodel.edit.cli",
    "convert": "ovfmodel.edit.cli",
}
_AREAS = tuple(dict.fromkeys(COMMANDS.values()))


def _info_schema() -> dict[str, Any]:
    from .info import json_schema

    return json_schema()


def _spec_schema() -> dict[str, Any]:
    from .builder.spec import spec_json_schema

    return spec_json_schema()


def _validation_schema() -> dict[str, Any]:
    from .validation.output import json_schema

    return json_schema()


# `ovfmodel schema NAME`: the JSON Schemas of the JSON ovfmodel reads and writes; each is also
# published as docs/schemas/NAME.schema.json (tools/gen_schemas.py, checked by a test)
JSON_SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "spec": _spec_schema,
    "info": _info_schema,
    "validate": _validation_schema,
}


class ArgumentParser(argparse.ArgumentParser):
    """argparse with ovfmodel's error line: usage, then `ovfmodel: error: ...`, exit 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        error(f"{message} (see {self.prog} --help)")
        sys.exit(EXIT_USAGE)


def _cmd_info(args: argparse.Namespace) -> int:
    from .cliutil import read_stdin
    from .info import describe, describe_bytes, render_text

    targets = args.target or ()  # what each importer makes of it (ovfmodel.portability)
    if args.path == STDIN:
        summary = describe_bytes(read_stdin(), STDIN_NAME, targets=targets)
    else:
        path = Path(args.path)
        if not path.exists():
            return fail(f"{args.path}: no such file or folder")
        summary = describe(path, targets=targets)
    if args.json:
        sys.stdout.write(summary.model_dump_json(indent=2, by_alias=True) + "\n")
    else:
        sys.stdout.write(render_text(summary))
    if summary.lossless is False:
        error(f"{summary.source}: serialize(parse(file)) differs from the file; please report it")
        return EXIT_FINDINGS
    return EXIT_OK


def _cmd_schemas(args: argparse.Namespace) -> int:
    from . import schemas

    if args.action == "fetch":
        target = Path(args.target) if args.target else schemas.user_cache_dir()
        source = Path(args.source) if args.source else None
        written = schemas.fetch(target, source)
        print(f"{len(written)} schema files verified and installed in {target}")
        return EXIT_OK
    directory = schemas.schema_dir()
    schemas.verify(directory)
    print(f"schemas OK in {directory}")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(JSON_SCHEMAS[args.which](), indent=2))
    return EXIT_OK


def command_of(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` runs: its first word that is not an option (the top level has
    only --help and --version, which take no value)."""
    for arg in argv:
        if arg == "--":
            return None
        if not arg.startswith("-"):
            return arg
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The `ovfmodel` parser; with `command`, only that subcommand's area is imported and
    registered (its usage, help and errors are the same as in the whole parser)."""
    parser = ArgumentParser(prog=PROG, description="Read, check, build and package OVF appliances.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    info = sub.add_parser(
        "info",
        help="summarise a descriptor, OVA or package folder and check that it round-trips",
        description="Summarise an OVF descriptor, an OVA or a package folder: files, disks, "
        "networks, virtual systems with their hardware items and products, the package's "
        "members, and whether serialize(parse(descriptor)) gives the descriptor back. "
        "Exit 0 when it round-trips, 1 when it does not, 2 when the input cannot be read.",
    )
    info.add_argument("path", metavar="PATH", help="descriptor, OVA or package folder; - for stdin")
    info.add_argument(
        "--json",
        action="store_true",
        help="print the summary as JSON (its JSON Schema: ovfmodel schema info)",
    )
    info.add_argument(
        "--target",
        metavar="TARGETS",
        help="also show what these importers make of it, comma separated: vsphere, virtualbox, "
        "proxmox, virt-v2v, xenserver, all (docs/targets.md)",
    )
    info.set_defaults(func=_cmd_info)
    sch = sub.add_parser("schemas", help="install or check the DMTF schemas used for validation")
    sch.add_argument("action", choices=["fetch", "check"])
    sch.add_argument("--from", dest="source", help="copy from this folder instead of downloading")
    sch.add_argument("--target", help="folder to fill (default: the user cache folder)")
    sch.set_defaults(func=_cmd_schemas)
    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of a JSON format ovfmodel reads or writes",
        description="Print a JSON Schema: spec (appliance specs for `build`), info "
        "(`info --json`), validate (`validate --format json`).",
    )
    schema.add_argument(
        "which", choices=sorted(JSON_SCHEMAS), metavar="NAME", help="spec, info or validate"
    )
    schema.set_defaults(func=_cmd_schema)
    areas = _AREAS
    if command in COMMANDS:
        areas = (COMMANDS[command],)
    elif command in sub.choices:
        areas = ()
    for name in areas:
        importlib.import_module(name).register(sub)
    return parser


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _cleanup_on_sigterm() -> Any:
    """Make SIGTERM (what `kill`, systemd and CI runners send) raise SystemExit(143), so the
    cleanup paths run: temporary `.partial` files and unpack's staging folder are removed
    instead of being left behind by a killed process. Returns the previous handler."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _exit_on_sigterm)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(command_of(arguments))
    args = parser.parse_args(arguments)
    func: Any = args.func
    previous = _cleanup_on_sigterm()
    try:
        return int(func(args))
    except OvfError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`ovfmodel verify x.ova --format json | head`): stop quietly,
        # and keep Python from reporting the pipe again when it flushes stdout at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except OSError as exc:  # what no area turned into an OvfError: name the file, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        return fail(f"{where}{exc.strerror or exc}")
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
