"""Deeply nested documents: the binder and the writer recurse, a few frames per XML level.

libxml2 (without XML_PARSE_HUGE) reads at most 256 levels, and everything ovfmodel parses must
serialize. The binder takes 2 frames per level of nested VirtualSystemCollections and the writer
4, so a 253-level document needs about 1,000 frames beyond the caller's: more than Python's
default limit allows. Rather than pay for an explicit stack on every document, the binder and
the writer run recursively and, only when that hits the interpreter's limit, run again with the
limit raised by what the measured nesting needs (`recursion_headroom`). Python 3.11 keeps the
frames of Python-to-Python calls off the C stack, so the raised limit is safe.

Models nested deeper than `MAX_LEVELS` (only code can build them: no parser reads them) are
refused with an OvfError instead.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .errors import OvfError

# deepest model written: far beyond what libxml2 reads back (256, or 2048 with XML_PARSE_HUGE)
MAX_LEVELS = 4096


class _Raised:
    """Who holds the raised limit, and the limit to restore."""

    lock = threading.Lock()
    users = 0
    saved = 0


@contextmanager
def recursion_headroom(frames: int) -> Iterator[None]:
    """Raise the interpreter's recursion limit by `frames` while the block runs.

    The limit is process-wide: concurrent users share one raised limit (the largest asked for),
    and the original is restored when the last one leaves.
    """
    state = _Raised
    with state.lock:
        if state.users == 0:
            state.saved = sys.getrecursionlimit()
        state.users += 1
        sys.setrecursionlimit(max(sys.getrecursionlimit(), state.saved + frames))
    try:
        yield
    finally:
        with state.lock:
            state.users -= 1
            if state.users == 0:
                sys.setrecursionlimit(state.saved)


def nesting_depth(obj: object) -> int:
    """Levels of nested dataclass objects (elements) under and including `obj`, found without
    recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(obj, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        for value in vars(node).values():
            if isinstance(value, list):
                stack.extend((v, level + 1) for v in value if hasattr(v, "__dataclass_fields__"))
            elif hasattr(value, "__dataclass_fields__"):
                stack.append((value, level + 1))
    return deepest


def check_levels(levels: int, what: str) -> None:
    """Refuse a model nested more than MAX_LEVELS deep."""
    if levels > MAX_LEVELS:
        raise OvfError(
            f"{what} nests {levels} elements deep, more than the {MAX_LEVELS} ovfmodel writes",
            hint="XML parsers read far fewer levels (libxml2: 256); flatten the model",
        )
