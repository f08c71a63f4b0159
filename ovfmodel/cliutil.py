"""What every `ovfmodel` subcommand shares: exit codes, the error format, standard input.

The contract, the same for every subcommand:

- exit 0: done, nothing wrong found;
- exit 1: findings (validation errors, a package that fails verification, values refused);
- exit 2: bad usage (argparse's own errors too) or input that cannot be read at all;
- errors go to standard error as `ovfmodel: error: MESSAGE`, naming files and CLI options
  (`--force`), never Python keyword arguments; package members are written `x.ova!member`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .display import printable
from .errors import OvfParseError

PROG = "ovfmodel"
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
STDIN = "-"
STDIN_NAME = "<stdin>"
# a descriptor larger than this on standard input is refused rather than read into memory
MAX_STDIN_BYTES = 256 * 1024 * 1024


def error(message: str) -> None:
    """Print `ovfmodel: error: MESSAGE` on standard error (control characters escaped)."""
    print(f"{PROG}: error: {printable(message)}", file=sys.stderr)


def fail(message: str, status: int = EXIT_USAGE) -> int:
    """Print the error and return `status` (default 2: usage or unreadable input)."""
    error(message)
    return status


def note(message: str) -> None:
    """A further line under an error (a refused value, a suggestion), indented."""
    print(f"  {printable(message)}", file=sys.stderr)


def read_stdin() -> bytes:
    """Standard input as bytes, for `-` given as a descriptor. An OVA (a tar: its members are
    read by offset, which a pipe cannot give) and more than MAX_STDIN_BYTES are refused."""
    data = sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)
    if len(data) > MAX_STDIN_BYTES:
        raise OvfParseError(
            f"more than {MAX_STDIN_BYTES} bytes on standard input",
            file=STDIN_NAME,
            hint="An OVF descriptor is far smaller; give an OVA as a file path",
        )
    if data[257:262] == b"ustar":
        raise OvfParseError(
            "standard input holds a tar archive (an OVA), not a descriptor",
            file=STDIN_NAME,
            hint="Give the OVA's path instead of -",
        )
    return data


def display_path(path: str | Path) -> str:
    """How a path given on the command line is named in messages."""
    return STDIN_NAME if str(path) == STDIN else str(path)


class SigningRequest:
    """--sign KEY --cert CERT [--key-password-env VAR], read from the arguments and checked.

    `problem` is the usage error to report (exit 2), or None; `sign` is (key, certificate) or
    None when no signature was asked for; `password` the key's password, if one was given."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.sign: tuple[Path, Path] | None = None
        self.password: bytes | None = None
        self.problem: str | None = None
        if (args.sign is None) != (args.cert is None):
            self.problem = "--sign and --cert go together"
            return
        if args.key_password_env:
            value = os.environ.get(args.key_password_env)
            if value is None:
                self.problem = f"environment variable {args.key_password_env} is not set"
                return
            self.password = value.encode("utf-8")
        if args.sign is not None:
            self.sign = (args.sign, args.cert)


def add_signing_options(
    parser: argparse.ArgumentParser | argparse._ArgumentGroup, what: str
) -> None:
    """The options `SigningRequest` reads; `what` is what gets signed ("the edited package")."""
    parser.add_argument("--sign", type=Path, metavar="KEY.pem", help=f"sign {what} (PEM key)")
    parser.add_argument(
        "--cert", type=Path, metavar="CERT.pem", help="signer certificate, then its chain (PEM)"
    )
    parser.add_argument(
        "--key-password-env", metavar="VAR", help="read the key's password from this variable"
    )
