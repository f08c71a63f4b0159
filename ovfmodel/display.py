"""Text from a package or descriptor made safe to print to a terminal or a line-based report.

Member names, hrefs, property values and messages come from files a stranger wrote: an escape
sequence in them could clear the screen or recolour what follows, and a newline could forge a
line of output (`key=value`, `OK disk.vmdk`). Every human-readable output passes such text through
`printable`. JSON and SARIF encoders escape the C0 controls themselves; with `ensure_ascii=False`
they leave C1 controls (`\x9b` is a terminal's CSI) and bidi overrides raw, which
`printable_json` escapes.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the Unicode line/paragraph separators and bidi overrides that
# terminals and editors act on
_CONTROLS = "\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{_CONTROLS}]")
_UNSAFE_IN_JSON = re.compile(f"(?![\t\n\r])[{_CONTROLS}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with control characters written as backslash escapes (`\\n`, `\\x1b`, `\\u202e`),
    so the result is one line and nothing in it acts on the terminal."""
    return _UNSAFE.sub(_escape, text)


def printable_json(text: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with every control character it left
    raw written as a `\\uXXXX` escape: still the same JSON, and safe on a terminal. (json.dumps
    escapes C0 controls in strings, so a raw tab or newline is indentation and stays; the others
    can only stand inside strings, where the escape means the same.)"""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def clip(text: str, limit: int = 40) -> str:
    """`text` quoted for a message, cut after `limit` characters: a number of thousands of
    digits reads `'1234…' (5,000 digits)`, never in full."""
    if len(text) <= limit:
        return repr(text)
    digits = text.lstrip("+-").isdigit()
    return f"{text[:limit] + '…'!r} ({len(text):,} {'digits' if digits else 'characters'})"
