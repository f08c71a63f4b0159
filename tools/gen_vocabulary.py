"""Write the validator's vocabulary tables, generated/ovf_vocabulary_N.py, from the binder's plans.

    python tools/gen_vocabulary.py GENERATED_DIR

tools/generate.py runs this after xsdata, in a process of its own: the classes just generated in
GENERATED_DIR are imported as ovfmodel._generated, the typed binder (ovfmodel.binding) builds its
per-class plans for them, and what the validator reads of those plans is written out as plain
data (strings, tuples and dicts), one module per envelope family. The validator then reads the
tables (ovfmodel.validation.vocabulary) and imports neither the generated classes nor xsdata
(issue 16: those imports cost a validate process ~100 ms).

Per family: the root class, and for every class reachable from it or named by an xsi:type, its
element children (Clark name -> field name and child class), the xsi:type table (type QName ->
class) and each class's dataclass ancestors (the binder's subclass test for xsi:type).
Classes are named by key, `module.QualifiedName` (`ovf_envelope_2.DiskSectionType`).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterable
from dataclasses import is_dataclass
from pathlib import Path
from typing import Any

from ovfmodel.plantable import class_key as class_key  # noqa: PLC0414 (used as gen_vocabulary's)

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "ovfmodel._generated"
# model namespace -> the table module written for it (ovfmodel.validation.vocabulary reads them)
TABLES = {
    "http://schemas.dmtf.org/ovf/envelope/1": "ovf_vocabulary_1",
    "http://schemas.dmtf.org/ovf/envelope/2": "ovf_vocabulary_2",
}

Elements = dict[str, dict[str, tuple[str, str | None]]]


def ancestors(cls: type) -> tuple[str, ...]:
    """The keys of a class's dataclass ancestors, nearest first (without the class itself)."""
    return tuple(class_key(base) for base in cls.__mro__[1:] if is_dataclass(base))


def full_plan(binder: Any, cls: type) -> Any:
    """The binder's plan of `cls` with every field resolved: a plan made before the modules
    imported on first use were leaves their fields out of `elems` (ovfmodel.binding.ClassPlan)."""
    plan = binder.plan(cls)
    plan.complete()
    return plan


def reachable(binder: Any, roots: Iterable[type]) -> list[type]:
    """Every class the binder's plans reach from `roots` through element children, in the
    order they are first met (breadth first)."""
    found: dict[type, None] = dict.fromkeys(roots)
    queue = list(found)
    while queue:
        cls = queue.pop(0)
        for _, clazz, _ in full_plan(binder, cls).elems.values():
            if clazz is not None and clazz not in found:
                found[clazz] = None
                queue.append(clazz)
    return list(found)


def table(model_ns: str) -> tuple[str, Elements, dict[str, str], dict[str, tuple[str, ...]]]:
    """(root key, elements, xsi:type table, ancestors) of one family, from the binder's plans."""
    from ovfmodel.document import family_for

    family = family_for(model_ns)
    assert family is not None
    binder = family.binder(model_ns)
    types = family.types_by_qname
    classes = reachable(binder, [family.root, *types.values()])
    elements: Elements = {}
    for cls in classes:
        elems = full_plan(binder, cls).elems
        if elems:
            elements[class_key(cls)] = {
                tag: (fp.name, None if clazz is None else class_key(clazz))
                for tag, (fp, clazz, _) in elems.items()
            }
    type_keys = {qname: class_key(types[qname]) for qname in sorted(types)}
    bases = {class_key(cls): ancestors(cls) for cls in classes if ancestors(cls)}
    return class_key(family.root), elements, type_keys, bases


def literal(value: str | tuple[str | None, ...] | None) -> str:
    """Python source of a value, in the formatter's style (double quotes; the strings are
    Clark names and identifiers, which need no escaping beyond what JSON does alike)."""
    if isinstance(value, tuple):
        inner = ", ".join(literal(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return "None" if value is None else json.dumps(value)


def render(model_ns: str) -> str:
    """The text of one table module."""
    root, elements, types, bases = table(model_ns)
    lines = [
        f'"""What the validator reads of the binding plans of the {model_ns} classes.',
        "",
        "Written by tools/gen_vocabulary.py (run by tools/generate.py) from ovfmodel.binding's",
        "plans; read by ovfmodel.validation.vocabulary. Do not edit: regenerate.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        f"MODEL_NS = {literal(model_ns)}",
        f"ROOT = {literal(root)}",
        "",
        "# class key -> child element Clark name -> (field name, child class key or None for a",
        "# simple-typed field); classes without element children are absent",
        "ELEMENTS: dict[str, dict[str, tuple[str, str | None]]] = {",
    ]
    for key, elems in elements.items():
        lines.append(f"    {literal(key)}: {{")
        lines.extend(f"        {literal(tag)}: {literal(entry)}," for tag, entry in elems.items())
        lines.append("    },")
    lines += ["}", "", "# xsi:type QName -> class key", "TYPES: dict[str, str] = {"]
    lines.extend(f"    {literal(qname)}: {literal(key)}," for qname, key in types.items())
    lines += [
        "}",
        "",
        "# class key -> its dataclass ancestors, nearest first; classes without any are absent",
        "BASES: dict[str, tuple[str, ...]] = {",
    ]
    lines.extend(f"    {literal(key)}: {literal(base)}," for key, base in bases.items())
    lines += ["}", ""]
    return "\n".join(lines)


def use_generated(folder: Path) -> None:
    """Import `folder` as ovfmodel._generated (the classes just generated, not the installed
    ones); before anything imports the real package."""
    import ovfmodel

    if PACKAGE in sys.modules:
        raise RuntimeError(f"{PACKAGE} is already imported: run this in a process of its own")
    spec = importlib.util.spec_from_file_location(
        PACKAGE, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[PACKAGE] = module
    spec.loader.exec_module(module)
    ovfmodel._generated = module


def write(folder: Path) -> None:
    """Write every table module into `folder` (the generated package)."""
    use_generated(folder)
    for model_ns, name in TABLES.items():
        (folder / f"{name}.py").write_text(render(model_ns), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.splitlines()[2].strip(), file=sys.stderr)
        return 2
    write(Path(args[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
