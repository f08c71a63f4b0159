"""The package subcommands (pack, verify, unpack), wired into the ``ovfmodel`` command.

Exit codes: 0 success, 1 the package has problems (verify, or unpack refusing a package that
fails verification), 2 the input could not be read or the arguments are wrong. Errors print as
``ovfmodel: error: MESSAGE``; names from the package are printed through `printable`. Progress
bars go to stderr when it is a terminal, never with ``--quiet``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from ovfmodel.cliutil import SigningRequest, add_signing_options, fail
from ovfmodel.display import printable
from ovfmodel.errors import PackageError
from ovfmodel.package.extract import unpack
from ovfmodel.package.manifest import DigestAlgorithm
from ovfmodel.package.package import PackageKind, files_table, open_package
from ovfmodel.package.progress import Progress
from ovfmodel.package.signing import load_certificates
from ovfmodel.package.writer import MAX_MTIME, stale_companions, write_directory, write_ova

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2
#: Files listed by verify's text output (a package may hold 50,000 chunks)
MAX_LISTED = 200


def _fail(exc: Exception) -> int:
    return fail(str(exc), EXIT_UNREADABLE)


def _os_fail(exc: OSError) -> int:
    """Last line of defence: an OSError the library did not turn into a PackageError."""
    where = f"{exc.filename}: " if exc.filename else ""
    return fail(f"{where}{exc.strerror or exc}")


def _mtime(args: argparse.Namespace) -> int | None:
    """--mtime, else SOURCE_DATE_EPOCH (reproducible-builds.org), else None (now)."""
    if args.mtime is not None:
        return int(args.mtime)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or not epoch.strip():
        return None
    if not epoch.strip().isdigit():
        raise PackageError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970",
            hint="Set it to an integer (git log -1 --format=%ct) or unset it",
        )
    return int(epoch)


def _pack(args: argparse.Namespace) -> int:
    signing = SigningRequest(args)
    if signing.problem:
        return fail(signing.problem)
    sign, password = signing.sign, signing.password
    digest = None if args.digest == "none" else args.digest
    # the name says what is written (writing over a folder, or a folder over a file, is left to
    # the writer's own message)
    suffix = args.output.suffix.lower()
    if not args.directory and not args.output.is_dir() and suffix != ".ova":
        return fail(
            f"{args.output}: an OVA's name ends in .ova (DSP0243 5.3); "
            "for a folder package add --directory",
            EXIT_UNREADABLE,
        )
    if args.directory and not args.output.exists() and suffix in (".ova", ".ovf", ".mf", ".tar"):
        return fail(
            f"{args.output}: --directory writes a folder; give it a name without {suffix}",
            EXIT_UNREADABLE,
        )
    if args.mtime is not None and not 0 <= args.mtime <= MAX_MTIME:
        return fail(
            f"--mtime {args.mtime} is outside what a tar header holds (0 to {MAX_MTIME})",
            EXIT_UNREADABLE,
        )
    if args.remove_stale and not args.directory:
        return fail("--remove-stale applies to folder packages (--directory)")
    removed: list[Path] = []
    progress = Progress.for_terminal(quiet=args.quiet)
    try:
        mtime = _mtime(args)
        if args.directory:
            if args.remove_stale:
                removed = stale_companions(args.descriptor, args.output, digest=digest, sign=sign)
            out = write_directory(
                args.descriptor,
                args.output,
                digest=digest,
                sign=sign,
                key_password=password,
                remove_stale=args.remove_stale,
                progress=progress,
                overwrite=args.force,
            )
        else:
            out = write_ova(
                args.descriptor,
                args.output,
                digest=digest,
                sign=sign,
                key_password=password,
                mtime=mtime,
                progress=progress,
                overwrite=args.force,
            )
    except PackageError as exc:
        return _fail(exc)
    except OSError as exc:
        return _os_fail(exc)
    print(f"wrote {out}")
    for path in removed:
        print(f"removed stale {path}")
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    try:
        trust = load_certificates(args.trust) if args.trust else None
        package = open_package(args.package)
        report = package.check(trust=trust, progress=Progress.for_terminal(quiet=args.quiet))
    except (PackageError, OSError) as exc:
        if args.format == "json":
            print(json.dumps({"source": args.package, "ok": False, "error": str(exc)}, indent=2))
        return _fail(exc) if isinstance(exc, PackageError) else _os_fail(exc)
    if args.format == "json":
        data: dict[str, Any] = {
            "source": report.source,
            "kind": package.kind.value,
            "ok": report.ok,
            "files": files_table(package.files),
            "diagnostics": [d.model_dump(mode="json") for d in report.diagnostics],
        }
        print(json.dumps(data, indent=2))
    else:
        kind = "OVA" if package.kind is PackageKind.OVA else "folder"
        print(f"{printable(report.source or args.package)} ({kind}, {len(package.files)} files)")
        for f in package.files[:MAX_LISTED]:
            chunk = f" chunk {f.chunk}" if f.chunk is not None else ""
            print(f"  {f.role.value:<11} {f.size:>14}  {printable(f.name)}{chunk}")
        if len(package.files) > MAX_LISTED:
            print(f"  ... {len(package.files) - MAX_LISTED} more files (--format json lists all)")
        for d in report.diagnostics:
            print(printable(d.format_text()))
        errors = len(report.errors)
        print("OK" if report.ok else f"FAILED: {errors} error{'s' if errors != 1 else ''}")
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _unpack(args: argparse.Namespace) -> int:
    progress = Progress.for_terminal(quiet=args.quiet)
    try:
        trust = load_certificates(args.trust) if args.trust else None
        if not args.no_verify:
            package = open_package(args.package)
            report = package.check(trust=trust, progress=progress)
            if not report.ok:
                for d in report.diagnostics:
                    print(printable(d.format_text()), file=sys.stderr)
                errors = len(report.errors)
                return fail(
                    f"{args.package} fails verification ({errors} error"
                    f"{'s' if errors != 1 else ''}); nothing was extracted. Extract it anyway "
                    "with --no-verify",
                    EXIT_PROBLEMS,
                )
        written = unpack(
            args.package, args.directory, overwrite=args.overwrite, verify=False, progress=progress
        )
    except PackageError as exc:
        return _fail(exc)
    except OSError as exc:
        return _os_fail(exc)
    for path in written:
        print(printable(str(path)))
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the pack, verify and unpack subcommands; each sets ``func`` returning an exit code."""
    digests = [a.value.lower() for a in DigestAlgorithm]

    pack = subparsers.add_parser(
        "pack",
        help="pack a descriptor and its files into an OVA or a folder",
        description="Pack DESCRIPTOR and the files its References name (found beside it) "
        "into an OVA, in DSP0243 order, with a manifest and optionally a signature.",
    )
    pack.add_argument("descriptor", type=Path, metavar="DESCRIPTOR")
    pack.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    pack.add_argument(
        "--digest", choices=[*digests, "none"], default="sha256", help="manifest digest"
    )
    add_signing_options(pack, "the package")
    pack.add_argument(
        "--directory", action="store_true", help="write a folder package to OUT instead of an OVA"
    )
    pack.add_argument(
        "--remove-stale",
        action="store_true",
        help="with --directory: delete NAME.mf / NAME.cert in OUT that this run does not rewrite "
        "(without --digest or --sign); by default pack refuses to leave them stale",
    )
    pack.add_argument(
        "--mtime",
        type=int,
        metavar="SECONDS",
        help="time stamp of every member, in seconds since 1970 (default: SOURCE_DATE_EPOCH if "
        "set, else now); the same inputs and --mtime give a byte-identical OVA",
    )
    pack.add_argument(
        "--force",
        action="store_true",
        help="replace an existing OUT (an OVA, or files of the same names in the folder; a "
        "folder holding another package's descriptor is refused even so)",
    )
    pack.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    pack.set_defaults(func=_pack)

    verify = subparsers.add_parser(
        "verify",
        help="check a package's files, sizes, manifest and signature",
        description="Check an OVA, a package folder or a descriptor with the files beside it. "
        "Exit 0 if fine, 1 if problems were found, 2 if it cannot be read.",
    )
    verify.add_argument("package", metavar="PACKAGE")
    verify.add_argument("--trust", type=Path, metavar="CA.pem", help="trust anchors (PEM)")
    verify.add_argument("--format", choices=["text", "json"], default="text")
    verify.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    verify.set_defaults(func=_verify)

    unpack_cmd = subparsers.add_parser(
        "unpack",
        help="extract an OVA safely",
        description="Verify an OVA (manifest digests, and the signature when there is one), "
        "then extract its files into DIR, refusing anything that could escape it. Nothing in "
        "DIR changes unless every file was extracted. Exit 1 if verification fails.",
    )
    unpack_cmd.add_argument("package", type=Path, metavar="PACKAGE")
    unpack_cmd.add_argument("-d", "--directory", type=Path, required=True, metavar="DIR")
    unpack_cmd.add_argument(
        "--overwrite",
        action="store_true",
        help="replace existing files (a folder holding another package's descriptor is "
        "refused even so)",
    )
    unpack_cmd.add_argument(
        "--no-verify", action="store_true", help="extract without checking the package first"
    )
    unpack_cmd.add_argument(
        "--trust", type=Path, metavar="CA.pem", help="trust anchors the signer must chain to"
    )
    unpack_cmd.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    unpack_cmd.set_defaults(func=_unpack)
