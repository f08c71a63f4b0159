"""Positions in the text an editor holds (the markup itself: `ovfmodel.markup`).

Everything here reads the buffer as text: offsets are indexes into the Python string (code
points), lines are split at "\\n" (a "\\r" before it belongs to the line break), as libxml2
counts them. LSP positions count UTF-16 code units unless the client negotiated another
encoding; `TextMap` converts both ways for one line at a time, so a multi-megabyte buffer is
never re-split per request.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_NEWLINE = re.compile("\n")


class TextMap:
    """Line starts of a text, for converting offsets to LSP positions and back."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        # an ASCII text (most descriptors) converts positions without looking at the line,
        # which matters for a long document written on one line
        self.ascii = text.isascii()

    def line_text(self, line: int) -> str:
        """Line `line` (0-based) without its line break."""
        if not 0 <= line < len(self.starts):
            return ""
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[line] : end].removesuffix("\r")

    def _units(self, chars: str) -> int:
        if self.encoding == "utf-32" or chars.isascii():
            return len(chars)
        if self.encoding == "utf-8":
            return len(chars.encode("utf-8", "surrogatepass"))
        return len(chars) + sum(1 for c in chars if ord(c) > 0xFFFF)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character in client units) of a code point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        if self.ascii or self.encoding == "utf-32":
            return line, offset - self.starts[line]
        return line, self._units(self.text[self.starts[line] : offset])

    def offset(self, line: int, character: int) -> int:
        """Code point offset of an LSP (line, character); clamped to the line."""
        if line >= len(self.starts):
            return len(self.text)
        if line < 0:
            return 0
        start = self.starts[line]
        if self.ascii or self.encoding == "utf-32":
            end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
            return min(start + character, end)
        chars = self.line_text(line)
        if chars.isascii():
            return start + min(character, len(chars))
        units = 0
        for i, c in enumerate(chars):
            if units >= character:
                return start + i
            units += (
                len(c.encode("utf-8", "surrogatepass"))
                if self.encoding == "utf-8"
                else (2 if ord(c) > 0xFFFF else 1)
            )
        return start + len(chars)

    def line_offset(self, line: int, column: int) -> int:
        """Offset of a 1-based line and 1-based code point column (validator locations)."""
        line = max(1, min(line, len(self.starts)))
        return min(self.starts[line - 1] + max(column, 1) - 1, len(self.text))
