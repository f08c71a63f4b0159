"""`ovfmodel lsp`: the OVF language server over stdio (needs the `lsp` extra)."""

from __future__ import annotations

import argparse
from typing import Any

from ..cliutil import fail

INSTALL_HINT = "pip install 'ovfmodel[lsp]'"


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `lsp` subcommand to an argparse subparsers object."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "lsp",
        help="run the OVF language server (LSP over stdio) for editors",
        description="Speak the Language Server Protocol over stdin/stdout: diagnostics from "
        "the validator, hover, completion, go to definition, references, rename, outline and "
        "quick fixes for OVF descriptors. Needs the lsp extra: " + INSTALL_HINT + ". "
        "See docs/editors.md for VS Code, Neovim and Emacs.",
    )
    parser.add_argument(
        "--stdio", action="store_true", help="use stdin/stdout (the default and only transport)"
    )
    parser.add_argument(
        "--debounce",
        type=float,
        default=0.3,
        metavar="SECONDS",
        help="wait this long after an edit before validating again (default 0.3)",
    )
    parser.add_argument("--no-xsd", action="store_true", help="skip XML Schema validation")
    parser.add_argument(
        "--rules-url",
        metavar="URL",
        help="where diagnostics link to (URL of docs/rules.md, `#ovf404` is appended); "
        "default: docs/rules.md of a source checkout, else no link",
    )
    parser.set_defaults(func=handler)
    return parser


def handler(args: argparse.Namespace) -> int:
    if args.debounce < 0:
        return fail("--debounce must not be negative")
    try:
        from .server import serve
    except ImportError as exc:
        missing = (exc.name or "").partition(".")[0]
        if missing not in ("pygls", "lsprotocol"):
            raise
        return fail(
            f"the language server needs {missing}, which is not installed; "
            f"install the lsp extra: {INSTALL_HINT}"
        )

    serve(debounce=args.debounce, xsd=not args.no_xsd, rules_url=args.rules_url)
    return 0
