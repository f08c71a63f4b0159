"""Generated modules whose rarely used names are imported on first use.

Written by tools/gen_deferred.py (run by tools/generate.py); see there for why.
"""

from __future__ import annotations

import importlib
import threading
import types
from typing import Any

# the module's real namespace, past DeferringModule's __dict__ property
_NAMESPACE = types.ModuleType.__dict__["__dict__"]
_LOCK = threading.RLock()


class DeferringModule(types.ModuleType):
    """A module some of whose names come from a companion module imported on first use."""

    @property  # type: ignore[misc]
    def __dict__(self) -> dict[str, Any]:  # type: ignore[override]
        # vars(), dir(), typing.get_type_hints and xsdata read the namespace whole: complete it
        namespace: dict[str, Any] = _NAMESPACE.__get__(self)
        if "__deferred__" in namespace:
            _load(self, namespace)
        return namespace

    def __getattr__(self, name: str) -> Any:
        namespace: dict[str, Any] = _NAMESPACE.__get__(self)
        deferred = namespace.get("__deferred__")
        if deferred is not None and name in deferred[1]:
            _load(self, namespace)
            return namespace[name]
        raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")


def _load(module: types.ModuleType, namespace: dict[str, Any]) -> None:
    with _LOCK:
        deferred = namespace.get("__deferred__")
        if deferred is None:  # another thread was first
            return
        companion = importlib.import_module(deferred[0], module.__package__)
        for name in deferred[1]:
            namespace[name] = getattr(companion, name)
        del namespace["__deferred__"]


def defer(module_name: str, companion: str, names: tuple[str, ...]) -> None:
    """Make `names` of module `module_name` come from module `companion` on first use."""
    import sys

    module = sys.modules[module_name]
    _NAMESPACE.__get__(module)["__deferred__"] = (companion, names)
    module.__class__ = DeferringModule
