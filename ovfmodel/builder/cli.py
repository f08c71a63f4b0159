"""`ovfmodel build SPEC -o appliance.ovf` (the spec's JSON Schema: `ovfmodel schema spec`).

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
from .spec import build_spec, load_spec


def register(subparsers: Any) -> None:
    """Add the `build` command to an argparse subparsers object."""
    build = subparsers.add_parser(
        "build", help="build an OVF descriptor from a JSON/YAML appliance spec"
    )
    build.add_argument("spec", help="appliance spec (.yaml, .yml or .json)")
    build.add_argument("-o", "--output", default="appliance.ovf", help="descriptor to write")
    build.set_defaults(func=_build)


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
    """The `ovfmodel` command (tests and `python -m ovfmodel.builder.cli build ...`)."""
    from ..cli import main as ovfmodel_main

    return ovfmodel_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
