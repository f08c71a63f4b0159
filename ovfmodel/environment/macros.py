"""`${key}` macros in property values (DSP0243 9.5), expanded at a bounded cost.

A value may refer to another property as `${key}` (full key `class.key.instance`, or the bare
ovf:key); the referenced value is expanded first. Descriptors come from strangers, so expansion
is guarded: a property that leads back to itself (`${k}` in k, or a longer cycle) is refused,
as are chains deeper than MAX_DEPTH and values that would grow past MAX_LENGTH characters
(doubling macros reach gigabytes in thirty steps); all expansions of one environment together
add at most MAX_TOTAL. Each property is expanded once (memoised) and without recursion, so the cost
is linear in the size of the descriptor plus the output. Macros naming no property, or one with
no value, stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..errors import OvfEnvironmentError
from .descriptor import PropertySpec

# no `$`, `{` or `}` inside a name: an unclosed `${` then costs one step, not a scan to the end
_MACRO_RE = re.compile(r"\$\{([^${}]+)\}")

MAX_DEPTH = 64
"""Longest chain of macros (a value using one using one ...) that is expanded."""
MAX_LENGTH = 65_536
"""Longest expanded value, in characters (or the value as written, when that is longer)."""
MAX_TOTAL = 4 * 1024 * 1024
"""Most characters the expansions of one environment may add in all."""


class MacroError(OvfEnvironmentError):
    """A property whose macros cannot be expanded; `key` is its full key."""

    def __init__(self, key: str, reason: str) -> None:
        self.key = key
        self.reason = reason
        super().__init__(f"{key}: {reason}")


class MacroExpander:
    """Expands the values of one set of properties (`raw`: full key -> value or None)."""

    def __init__(self, raw: Mapping[str, str | None], specs: Mapping[str, PropertySpec]) -> None:
        self.raw = raw
        self.bare: dict[str, str] = {}  # ovf:key -> the first full key having it
        for full, spec in specs.items():
            self.bare.setdefault(spec.key, full)
        self.done: dict[str, str | None] = {}
        self.failed: dict[str, MacroError] = {}
        self.total = 0

    def _target(self, name: str) -> str | None:
        if name in self.raw:
            return name
        return self.bare.get(name)

    def _refs(self, key: str) -> list[str]:
        """The properties with a value that `key`'s value refers to, each once, in order."""
        value = self.raw.get(key)
        if value is None or "${" not in value:
            return []
        refs: dict[str, None] = {}
        for match in _MACRO_RE.finditer(value):
            target = self._target(match.group(1))
            if target is not None and self.raw.get(target) is not None:
                refs[target] = None
        return list(refs)

    def expand(self, key: str) -> str | None:
        """The value of `key` with its macros expanded; raises MacroError naming `key`."""
        if key in self.done:
            return self.done[key]
        if key not in self.failed:
            self._expand(key)
        if key in self.failed:
            raise self.failed[key]
        return self.done[key]

    def _expand(self, key: str) -> None:
        # depth-first over references with an explicit stack: chains of thousands of macros
        # need no Python recursion
        path: list[str] = [key]
        pending: list[list[str]] = [self._refs(key)]
        on_path = {key}
        while path:
            refs = pending[-1]
            while refs and refs[-1] in self.done:
                refs.pop()
            if refs:
                ref = refs.pop()
                if ref in self.failed:
                    return self._fail(path, self.failed[ref])
                if ref in on_path:
                    cycle = " -> ".join([*path[path.index(ref) :], ref])
                    reason = f"its macros lead back to itself ({cycle}); break the cycle"
                    return self._fail(path, MacroError(ref, reason))
                if len(path) >= MAX_DEPTH:
                    reason = (
                        f"macros nest more than {MAX_DEPTH} deep ({path[0]} -> {path[1]} -> ... "
                        f"-> {ref}); shorten the chain"
                    )
                    return self._fail(path[:-1], MacroError(path[-1], reason))
                path.append(ref)
                on_path.add(ref)
                pending.append(self._refs(ref))
                continue
            current = path.pop()
            pending.pop()
            on_path.discard(current)
            try:
                self.done[current] = self._substitute(current)
            except MacroError as exc:
                self.failed[current] = exc
                return self._fail(path, exc)
        return None

    def _fail(self, path: list[str], cause: MacroError) -> None:
        """`cause` failed: so does every property of `path` (each uses the next one)."""
        if cause.key not in self.failed:
            self.failed[cause.key] = cause
        inner = cause.key
        for outer in reversed(path):
            if outer not in self.failed:
                self.failed[outer] = MacroError(
                    outer, f"uses ${{{inner}}}, which cannot be expanded ({cause})"
                )
            inner = outer

    def _substitute(self, key: str) -> str | None:
        """`key`'s value with every reference replaced (all of them expanded already)."""
        value = self.raw.get(key)
        if value is None or "${" not in value:
            return value
        parts: list[str] = []
        limit = max(MAX_LENGTH, len(value))  # a long value as written is the descriptor's size
        size = 0
        pos = 0
        for match in _MACRO_RE.finditer(value):
            target = self._target(match.group(1))
            inner = self.done.get(target) if target is not None else None
            piece = value[pos : match.start()] + (inner if inner is not None else match.group(0))
            size += len(piece)
            if size > limit:
                raise MacroError(
                    key,
                    f"expands to more than {limit:,} characters; macros that repeat other "
                    "macros grow exponentially",
                )
            parts.append(piece)
            pos = match.end()
        parts.append(value[pos:])
        size += len(value) - pos
        if size > limit:
            raise MacroError(key, f"expands to more than {limit:,} characters")
        self.total += max(size - len(value), 0)
        if self.total > MAX_TOTAL:
            raise MacroError(
                key, f"expanded values add up to more than {MAX_TOTAL:,} characters in all"
            )
        return "".join(parts)
