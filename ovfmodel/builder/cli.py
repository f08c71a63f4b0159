"""`ovfmodel build SPEC -o appliance.ovf` and `ovfmodel schema spec`.

Exit codes: 0 done, 1 the spec is wrong (each pydantic error names its field), 2 the input
cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..document import write
from ..errors import BuilderError
from .spec import build_spec, load_spec, spec_json_schema


def register(subparsers: Any) -> None:
    """Add the `build` and `schema` commands to an argparse subparsers object."""
    build = subparsers.add_parser(
        "build", help="build an OVF descriptor from a JSON/YAML appliance spec"
    )
    build.add_argument("spec", help="appliance spec (.yaml, .yml or .json)")
    build.add_argument("-o", "--output", default="appliance.ovf", help="descriptor to write")
    build.set_defaults(func=_build)
    schema = subparsers.add_parser("schema", help="print a JSON Schema")
    schema.add_argument("which", choices=["spec"], help="spec: the appliance spec format")
    schema.set_defaults(func=_schema)


def _build(args: argparse.Namespace) -> int:
    try:
        spec = load_spec(args.spec)
    except (OSError, UnicodeDecodeError) as err:
        print(f"ovfmodel build: cannot read {args.spec}: {err}", file=sys.stderr)
        return 2
    except (yaml.YAMLError, json.JSONDecodeError) as err:
        print(f"ovfmodel build: {args.spec} is not valid YAML/JSON: {err}", file=sys.stderr)
        return 2
    except ValidationError as err:
        print(f"ovfmodel build: {args.spec} is not a valid appliance spec:", file=sys.stderr)
        for line in format_validation_error(err):
            print("  " + line, file=sys.stderr)
        return 1
    try:
        doc = build_spec(spec)
    except BuilderError as err:
        print(f"ovfmodel build: {args.spec}: {err}", file=sys.stderr)
        return 1
    write(doc, Path(args.output))
    print(f"wrote {args.output}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(spec_json_schema(), indent=2))
    return 0


def format_validation_error(err: ValidationError) -> list[str]:
    """One line per pydantic error: `disks[0].capacity: Input should be greater than 0`."""
    lines = []
    for e in err.errors():
        path = ""
        for part in e["loc"]:
            path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        lines.append(f"{path or '(top level)'}: {e['msg']}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point (the `ovfmodel` command wires `register` itself)."""
    parser = argparse.ArgumentParser(prog="ovfmodel")
    register(parser.add_subparsers(required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
