"""Write the binder's table of xsdata's metadata, generated/ovf_plans.py (see ovfmodel.plantable).

    python tools/gen_plans.py GENERATED_DIR

tools/generate.py runs this after xsdata and before tools/gen_vocabulary.py (whose tables are
made by plans built from this one), in a process of its own: the classes just generated in
GENERATED_DIR are imported as ovfmodel._generated and xsdata's XmlContext describes every
dataclass of every module (nested classes included), in module and source order.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from dataclasses import is_dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from gen_deferred import COMPANION_SUFFIX
from gen_vocabulary import use_generated

from ovfmodel import plantable

if TYPE_CHECKING:
    from xsdata.formats.dataclass.context import XmlContext
    from xsdata.formats.dataclass.models.elements import XmlVar

NAME = "ovf_plans"

Choice = tuple[str, str | None, tuple[str, ...], str | None]
Var = tuple[
    str, str, str, bool, bool, str | None, tuple[str, ...], str | None, bool, tuple[str, ...],
    tuple[Choice, ...], bool,
]  # fmt: skip
Entry = tuple[str, str | None, tuple[Var, ...]]


def modules(folder: Path) -> list[str]:
    """The generated modules holding classes (the tables themselves excluded)."""
    skip = {"__init__", NAME}
    names = sorted(p.stem for p in folder.glob("*.py") if p.stem not in skip)
    return [n for n in names if not n.startswith("ovf_vocabulary_")]


def classes(module: ModuleType) -> Iterator[type]:
    """Every dataclass a module defines, nested ones after their owner, in source order."""

    def walk(owner: Any, prefix: str) -> Iterator[type]:
        for value in vars(owner).values():
            if (
                isinstance(value, type)
                and value.__module__ == module.__name__
                and value.__qualname__ == prefix + value.__name__
            ):
                if is_dataclass(value):
                    yield value
                yield from walk(value, value.__qualname__ + ".")

    yield from walk(module, "")


def type_name(tp: Any) -> str:
    """How the table names a type (see ovfmodel.plantable)."""
    module = getattr(tp, "__module__", "")
    if module == "builtins":
        name: str = tp.__qualname__
    elif module.startswith(plantable.PACKAGE + "."):
        name = plantable.class_key(tp)
    else:
        name = f"{module}:{tp.__qualname__}"
    return name


def describe(cls: type, context: XmlContext) -> Entry:
    """The table entry of `cls` from xsdata's metadata."""
    meta = context.build(cls)
    return meta.qname, meta.target_qname, tuple(_var(var) for var in meta.get_all_vars())


def _clazz(var: XmlVar) -> str | None:
    return type_name(var.clazz) if var.clazz and is_dataclass(var.clazz) else None


def _kind(var: XmlVar) -> str:
    """The field's xsdata XmlType (XmlVar keeps it as flags)."""
    for kind in ("attribute", "attributes", "text", "elements", "wildcard"):
        if getattr(var, "is_" + kind):
            return kind.capitalize()
    return "Element"


def _var(var: XmlVar) -> Var:
    choices: tuple[Choice, ...] = ()
    wildcard = False
    if var.is_elements:
        choices = tuple(
            (qname, _clazz(choice), tuple(map(type_name, choice.types)), choice.format)
            for qname, choice in var.elements.items()
        )
        wildcard = any(c.is_wildcard for c in var.elements.values()) or any(
            c.is_wildcard for c in var.wildcards
        )
    return (
        _kind(var),
        var.name,
        var.qname,
        bool(var.list_element),
        bool(var.tokens),
        _clazz(var),
        tuple(map(type_name, var.types)),
        var.format,
        bool(var.required),
        tuple(var.namespaces),
        choices,
        wildcard,
    )


def table(names: list[str]) -> dict[str, Entry]:
    """Class key -> entry, for every dataclass of the named generated modules."""
    from xsdata.formats.dataclass.context import XmlContext

    context = XmlContext()
    found: dict[str, Entry] = {}
    for name in names:
        module = importlib.import_module(f"{plantable.PACKAGE}.{name}")
        for cls in classes(module):
            found[plantable.class_key(cls)] = describe(cls, context)
    return found


# the modules a document's classes are read from (ovfmodel.document, ovfmodel.environment)
ROOTS = ("ovf_envelope_1", "ovf_envelope_2", "ovf_environment_1")


def deferred(names: list[str]) -> list[str]:
    """The named modules that importing ROOTS does not import (tools/gen_deferred.py): a plan
    leaves their classes unresolved until an element needs one (ovfmodel.plantable)."""
    for root in ROOTS:
        importlib.import_module(f"{plantable.PACKAGE}.{root}")
    return [n for n in names if f"{plantable.PACKAGE}.{n}" not in sys.modules]


def xsi_types(root: str) -> dict[str, str]:
    """Type QName -> class key, for xsi:type (OVF 0.9 and vendor files use it on sections): the
    dataclasses module `root` defines, or has its companion define (tools/gen_deferred.py),
    whose type name ends in `_Type`, in the namespace xsdata gives them (their own Meta's, which
    is not inherited, else the module's)."""
    module = importlib.import_module(f"{plantable.PACKAGE}.{root}")
    homes = (module.__name__, module.__name__ + COMPANION_SUFFIX)
    found: dict[str, str] = {}
    for cls in vars(module).values():  # (vars: the deferred names too)
        if not isinstance(cls, type) or not is_dataclass(cls) or cls.__module__ not in homes:
            continue
        name = getattr(getattr(cls, "Meta", None), "name", None)
        if not name or not name.endswith("_Type"):
            continue
        own_meta = cls.__dict__.get("Meta")
        ns = getattr(own_meta, "namespace", None) or getattr(module, "__NAMESPACE__", "") or ""
        found["{" + ns + "}" + name] = plantable.class_key(cls)
    return dict(sorted(found.items()))


def render(entries: dict[str, Entry], later: list[str], types: dict[str, dict[str, str]]) -> str:
    lines = [
        '"""xsdata\'s metadata of every generated dataclass, as ovfmodel.binding\'s plans read it.',
        "",
        "Written by tools/gen_plans.py (run by tools/generate.py) with xsdata's XmlContext; read",
        "by ovfmodel.plantable, whose docstring says what each entry holds. Do not edit: regenerate.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "# class key -> JSON array: [element Clark name, type Clark name, [field, ...]]",
        "CLASSES: dict[str, str] = {",
    ]
    for key, value in entries.items():
        lines.append(f"    {json.dumps(key)}: {json.dumps(value)!r},")
    lines += [
        "}",
        "",
        "# modules imported on first use only (not by the envelope and environment modules)",
        f"DEFERRED: frozenset[str] = frozenset({{{', '.join(map(json.dumps, later))}}})",
        "",
        "# module -> xsi:type QName -> class key, of the envelope and environment modules",
        "XSI_TYPES: dict[str, dict[str, str]] = {",
    ]
    for root, table in types.items():
        lines.append(f"    {json.dumps(root)}: {{")
        lines.extend(f"        {json.dumps(q)}: {json.dumps(k)}," for q, k in table.items())
        lines.append("    },")
    lines += ["}", ""]
    return "\n".join(lines)


def write(folder: Path) -> None:
    use_generated(folder)
    names = modules(folder)
    later = deferred(names)  # before table() imports them all
    types = {root: xsi_types(root) for root in ROOTS}
    (folder / f"{NAME}.py").write_text(render(table(names), later, types), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.splitlines()[2].strip(), file=sys.stderr)
        return 2
    write(Path(args[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
