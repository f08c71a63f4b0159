"""Progress of long package work (pack, verify, unpack, package validation) on a terminal.

The library reports bytes processed to an optional `Progress`; the CLI makes one with
`Progress.for_terminal`, which gives None (no output at all) when stderr is not a terminal or
``--quiet`` was given, so pipes, logs and CI output stay clean. Bars are drawn by tqdm.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Never, TextIO

if TYPE_CHECKING:
    from tqdm import tqdm


class Progress:
    """One bar at a time: `start` a phase with its total in bytes, `update`, `close`."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._bar: tqdm[Never] | None = None

    @classmethod
    def for_terminal(cls, *, quiet: bool = False, stream: TextIO | None = None) -> Progress | None:
        """A Progress drawing on ``stream`` (default stderr) if it is a terminal, else None."""
        out = stream if stream is not None else sys.stderr
        if quiet or not out.isatty():
            return None
        return cls(out)

    def start(self, total: int, what: str) -> None:
        """Begin a phase of ``total`` bytes, described as ``what``; ends the previous one."""
        from tqdm import tqdm  # only when a bar is drawn: a pipe or --quiet never pays for it

        self.close()
        columns, rows = self._size()
        self._bar = tqdm(
            total=total,
            desc=what,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            file=self._stream,
            ncols=columns,
            nrows=rows,
        )

    def _size(self) -> tuple[int, int]:
        """The terminal's columns and rows; 80x24 where it reports none (a new pseudo-terminal
        says 0x0, and tqdm draws nothing on a terminal of no rows)."""
        try:
            size = os.get_terminal_size(self._stream.fileno())
        except (OSError, ValueError, AttributeError):
            return 80, 24
        return size.columns or 80, size.lines or 24

    def update(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
