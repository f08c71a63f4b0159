"""What the binder's plans read of xsdata's metadata, as plain data (issue 16).

`ovfmodel.plans.ClassPlan` needs, for each dataclass, what xsdata's `XmlContext` says about it
(its element and type names, and every field's XML kind, name, types, format...). Asking the
context at run time costs every process its import (its plugin hook reads every installed
distribution's entry points through importlib.metadata) and a type-hint resolution class by
class. tools/gen_plans.py (run by tools/generate.py) asks it once instead, for every dataclass
of the generated package, and writes the answers into generated/ovf_plans.py; plans are built
from that table alone (tests/test_plans.py checks them against the context's, class by class).

The table maps each class key (`module.QualifiedName` within the generated package, as in the
validator's vocabulary tables) to a JSON array, decoded when the class is first planned (a
Python literal of them all would take the compiler 50 ms whenever no bytecode is cached, and
the binder plans a few dozen of the 420 classes): [element Clark name, type Clark name or null,
fields], each field (in get_all_vars() order) being [kind, name, Clark name, is list, tokens,
class key of a dataclass-typed field or null, type names, format, required, namespaces, compound
choices, compound field has a wildcard choice], each choice [Clark name, class key or null, type
names, format]. Kinds are xsdata's XmlType values. Type names are builtins by name (`str`),
generated classes and enums by key, anything else `module:QualifiedName`
(`xsdata.models.datatype:XmlDate`). Defaults are not in the table: the binder reads them from
the dataclass fields.
"""

from __future__ import annotations

import builtins
import importlib
import json
import sys
from functools import cache
from typing import Any

PACKAGE = "ovfmodel._generated"
TABLE = PACKAGE + ".ovf_plans"

Entry = list[Any]
"""A class's decoded entry: [element Clark name, type Clark name, fields]."""
Var = list[Any]
"""A field's: [kind, name, Clark name, is list, ..., wildcard choice] (see above)."""

# type name -> type: every name resolved so far
_TYPES: dict[str, Any] = {}


def class_key(cls: type) -> str:
    """A generated class's name in the tables: its module within the package, qualified name."""
    return cls.__module__.rpartition(".")[2] + "." + cls.__qualname__


def resolve(name: str) -> Any:
    """The type a table names (importing its module if need be)."""
    tp = _TYPES.get(name)
    if tp is None:
        if ":" in name:
            module, _, path = name.partition(":")
        elif "." in name:
            module, _, path = name.partition(".")
            module = f"{PACKAGE}.{module}"
        else:
            module, path = "builtins", name
        tp = builtins if module == "builtins" else importlib.import_module(module)
        for part in path.split("."):
            tp = getattr(tp, part)
        _TYPES[name] = tp
    return tp


def entry(cls: type) -> Entry:
    """The table entry of a generated class; TypeError for any other class (a dataclass of the
    caller's own put in a typed field: the model holds generated classes and AnyElement)."""
    found = _table().get(class_key(cls)) if cls.__module__.startswith(PACKAGE + ".") else None
    if found is None:
        raise TypeError(
            f"{cls.__module__}.{cls.__qualname__} is not a class of the OVF model "
            f"({PACKAGE}): it cannot be bound or written"
        )
    decoded: Entry = json.loads(found)
    return decoded


def unloaded(var: Var) -> bool:
    """Whether a field names a class of a module imported on first use only (DEFERRED in the
    table: CIM EPASD and SASD, boot settings, XML encryption; tools/gen_deferred.py) that no one
    has imported yet. A plan leaves such a field unresolved until an element needs it: no
    object of a class never imported can be in the model."""
    later = _deferred()
    keys = [var[5], *var[6]]
    for _, ckey, ctypes, _ in var[10]:
        keys.append(ckey)
        keys.extend(ctypes)
    for key in keys:
        if key is not None and ":" not in key and "." in key:
            module = key.partition(".")[0]
            if module in later and f"{PACKAGE}.{module}" not in sys.modules:
                return True
    return False


def xsi_types(module: str) -> dict[str, str]:
    """xsi:type QName -> class key, for the classes an xsi:type in a document bound to generated
    module `module` (`ovf_envelope_2`) may name (tools/gen_plans.py says which)."""
    types: dict[str, dict[str, str]] = importlib.import_module(TABLE).XSI_TYPES
    return types[module]


@cache
def _deferred() -> frozenset[str]:
    later: frozenset[str] = importlib.import_module(TABLE).DEFERRED
    return later


@cache
def _table() -> dict[str, str]:
    """Class key -> its entry as JSON text. (import_module, not sys.modules: a module another
    thread is importing is in sys.modules before its CLASSES is; import_module waits for it)"""
    classes: dict[str, str] = importlib.import_module(TABLE).CLASSES
    return classes
