"""`${key}` macros in property values (DSP0243 9.5)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .descriptor import PropertySpec

_MACRO_RE = re.compile(r"\$\{([^}]+)\}")


def expand(
    value: str | None, raw: Mapping[str, str | None], specs: Mapping[str, PropertySpec]
) -> str | None:
    """Replace `${key}` macros (DSP0243 9.5) with the referenced property's value."""
    if value is None or "${" not in value:
        return value
    seen: set[str] = set()

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        target = name if name in raw else next((k for k, s in specs.items() if s.key == name), None)
        if target is None or target in seen:
            return match.group(0)
        seen.add(target)
        inner = expand(raw.get(target), raw, specs)
        return inner if inner is not None else match.group(0)

    return _MACRO_RE.sub(sub, value)
