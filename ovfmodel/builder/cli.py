"""`ovfmodel build SPEC [-o OUT.ovf] [--force]` (the spec's JSON Schema: `ovfmodel schema spec`).

Without `-o` the descriptor is named after the spec file (`appliance.yaml` -> `appliance.ovf`,
in the current folder); `-o -` writes it to standard output. An existing file is replaced only
with `--force`. A name of another package file is refused (.ova: an OVA is a tar of the
descriptor and its disks, made by `ovfmodel pack`; .mf, .cert, .tar); a package's descriptor
must be named NAME.ovf (DSP0243 5.1), a descriptor kept elsewhere may be named as you like.

Exit codes (ovfmodel.cliutil): 0 written, 1 the spec is wrong (each mistake with its line and
the keys or OS type names it may have meant), 2 bad usage or a spec that cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..cliutil import EXIT_FINDINGS, EXIT_OK, STDIN, fail, note
from ..document import serialize, write
from ..errors import BuilderError
from .spec import SpecError, SpecSyntaxError, build_spec, load_spec


def register(subparsers: Any) -> None:
    """Add the `build` command to an argparse subparsers object."""
    build = subparsers.add_parser(
        "build",
        help="build an OVF descriptor from a JSON/YAML appliance spec",
        description="Build an OVF descriptor from an appliance spec (YAML or JSON; its format: "
        "ovfmodel schema spec). Exit 0 when written, 1 when the spec is wrong, 2 on bad usage "
        "or an unreadable spec.",
    )
    build.add_argument("spec", metavar="SPEC", help="appliance spec (.yaml, .yml or .json)")
    build.add_argument(
        "-o",
        "--output",
        metavar="OUT.ovf",
        help="descriptor to write (default: the spec's name with .ovf, in the current folder; "
        "- for standard output)",
    )
    build.add_argument("--force", action="store_true", help="replace OUT if it exists")
    build.set_defaults(func=_build)


def output_path(spec: str, output: str | None) -> Path:
    """Where `build` writes: `output`, or the spec file's name with .ovf in the current folder."""
    if output is not None:
        return Path(output)
    return Path(Path(spec).stem + ".ovf")


def _check_output(out: Path, force: bool) -> str | None:
    """Why `out` cannot be written (a usage error), or None."""
    suffix = out.suffix.lower()
    if suffix == ".ova":
        return (
            f"{out}: build writes a descriptor, not an OVA; build {out.with_suffix('.ovf')} and "
            f"pack it with its disks: ovfmodel pack {out.with_suffix('.ovf')} -o {out}"
        )
    if suffix in (".mf", ".cert", ".tar", ".gz"):
        return f"{out}: a descriptor is named NAME.ovf (DSP0243 5.1); {suffix} names another file"
    if out.is_dir():
        return f"{out} is a folder"
    if out.exists() and not force:
        return f"{out} exists; use --force to replace it"
    return None


def _build(args: argparse.Namespace) -> int:
    to_stdout = args.output == STDIN
    out = output_path(args.spec, None if to_stdout else args.output)
    if not to_stdout:
        why = _check_output(out, args.force)
        if why is not None:
            return fail(why)
    try:
        spec = load_spec(args.spec)
    except (OSError, UnicodeDecodeError) as err:
        return fail(f"cannot read {args.spec}: {getattr(err, 'strerror', None) or err}")
    except SpecSyntaxError as err:
        return fail(err.problems[0].format(args.spec))
    except SpecError as err:
        fail(f"{args.spec} is not a valid appliance spec (its format: ovfmodel schema spec):")
        for problem in err.problems:
            note(problem.format(args.spec))
        return EXIT_FINDINGS
    try:
        doc = build_spec(spec)
    except BuilderError as err:
        return fail(f"{args.spec}: {err}", EXIT_FINDINGS)
    if to_stdout:
        sys.stdout.buffer.write(serialize(doc))
        return EXIT_OK
    write(doc, out)
    print(f"wrote {out}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """The `ovfmodel` command (tests and `python -m ovfmodel.builder.cli build ...`)."""
    from ..cli import main as ovfmodel_main

    return ovfmodel_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
