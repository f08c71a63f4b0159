"""Let a generated module load its rarely used dependencies on first use (issue 16).

    python tools/gen_deferred.py GENERATED_DIR

Run by tools/generate.py on xsdata's output, before the tables are written. Importing
ovf_envelope_2 used to build the classes of CIM EPASD and SASD, of boot settings and of XML
encryption and signatures (xmlenc, xmlenc11, xmldsig): about 200 dataclasses, half of the
module's import time, which a descriptor without such content never uses. For each module of
DEFER this script rewrites xsdata's output so that those modules are imported when first needed:

- the `from .x import ...` lines of the deferred modules move to a companion module
  `<module>_deferred.py` (COMPANION_SUFFIX), together with the classes that cannot be made without them (those
  whose base class is one of their classes: EpasdType and SasdType);
- a field's metadata naming such a class (`"type": DerivedKey` in a compound field's choices)
  names it as `ForwardRef("DerivedKey")` instead, xsdata's own spelling of a class that is not
  defined yet;
- the module imports them all under TYPE_CHECKING (type checkers see the same names as before)
  and ends by handing the names to `_lazy.defer`: the first attribute access to one of them, or
  any look at the module's whole namespace (`vars()`, `dir()`, `typing.get_type_hints` and
  xsdata's XmlContext, which evaluate annotations in it), imports the companion first.

Every class keeps its name, fields, annotations and metadata; `from ovf_envelope_2 import
EpasdType` works as before; EpasdType.__module__ is the companion's. The classes come out of
xsdata unchanged otherwise; this is the generator's step, never a hand edit.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

# module -> the generated modules it imports only on first use
DEFER: dict[str, tuple[str, ...]] = {
    "ovf_envelope_2": ("cim_boot_config_setting", "cim_epasd", "cim_sasd", "xmlenc", "xmlenc11"),
}

# the companion of module m is m + COMPANION_SUFFIX
COMPANION_SUFFIX = "_deferred"

LAZY_MODULE = '''"""Generated modules whose rarely used names are imported on first use.

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
'''


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _runtime_nodes(cls: ast.ClassDef) -> list[ast.AST]:
    """What Python evaluates when it makes the class: bases, decorators and the body without
    annotations (postponed: the generated modules use `from __future__ import annotations`)."""
    found: list[ast.AST] = [*cls.bases, *cls.keywords, *cls.decorator_list]
    for stmt in cls.body:
        if isinstance(stmt, ast.AnnAssign):
            if stmt.value is not None:
                found.append(stmt.value)
        elif isinstance(stmt, ast.ClassDef):
            found.extend(_runtime_nodes(stmt))
        else:
            found.append(stmt)
    return found


def _type_entries(node: ast.AST, names: set[str]) -> list[ast.Name]:
    """Metadata entries `"type": Name` naming one of `names`."""
    found = []
    for d in ast.walk(node):
        if isinstance(d, ast.Dict):
            for key, value in zip(d.keys, d.values, strict=True):
                if (
                    isinstance(key, ast.Constant)
                    and key.value == "type"
                    and isinstance(value, ast.Name)
                    and value.id in names
                ):
                    found.append(value)
    return found


def rewrite(source: str, module: str, deferred: tuple[str, ...]) -> tuple[str, str]:
    """xsdata's source of `module` -> (its new source, its companion's)."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    imports = [
        n
        for n in tree.body
        if isinstance(n, ast.ImportFrom) and n.level == 1 and n.module in deferred
    ]
    lazy = {a.asname or a.name for n in imports for a in n.names}
    defined = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    moved: list[ast.ClassDef] = []
    edits: dict[tuple[int, int], str] = {}  # (line, col) of a `"type": Name` -> its name
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        unavailable = lazy | {c.name for c in moved}
        runtime = _runtime_nodes(node)
        forward = [v for r in runtime for v in _type_entries(r, unavailable)]
        needed = set().union(*(_names(r) for r in runtime)) & unavailable
        if needed - {v.id for v in forward}:
            moved.append(node)  # a base (or a default) that does not exist yet: move it
        else:
            for v in forward:
                edits[(v.lineno, v.col_offset)] = v.id
    if not moved and not edits:
        sys.exit(f"gen_deferred: nothing of {module} depends on {deferred}: update DEFER")

    # the companion: the deferred imports, what the moved classes use of the module, the classes
    companion_name = module + COMPANION_SUFFIX
    spans = {
        n: (min([n.lineno, *(d.lineno for d in n.decorator_list)]) - 1, n.end_lineno or 0)
        for n in moved
    }
    used = set().union(*(_names(n) for n in moved)) & (defined - {n.name for n in moved})
    companion = [
        f'"""Classes of {module} that need modules it imports on first use.\n\n'
        "Written by tools/gen_deferred.py from xsdata's output (run by tools/generate.py): "
        f"{module}\nprovides these names on first use; import them from there.\n"
        '"""\n\n',
        "from __future__ import annotations\n\n",
        "from dataclasses import dataclass, field\n\n",
    ]
    companion += ["".join(lines[n.lineno - 1 : n.end_lineno]) for n in imports]
    if used:
        companion.append(f"from .{module} import {', '.join(sorted(used))}\n")
    # the module's constants (xsdata reads __NAMESPACE__ from the module of each class)
    for n in tree.body:
        if isinstance(n, ast.Assign):
            companion.append("\n" + "".join(lines[n.lineno - 1 : n.end_lineno]))
    for n in moved:
        start, end = spans[n]
        companion.append("\n\n" + "".join(lines[start:end]))

    # the module: without those imports and classes, with ForwardRefs and the deferral at its end
    drop = {i for n in imports for i in range(n.lineno - 1, n.end_lineno or 0)}
    for start, end in spans.values():
        drop.update(range(start, end))
    kept: list[str] = []
    for i, source_line in enumerate(lines):
        if i in drop:
            continue
        line = source_line
        for (lineno, col), name in sorted(edits.items(), reverse=True):
            if lineno == i + 1:
                line = line[:col] + f'ForwardRef("{name}")' + line[col + len(name) :]
        kept.append(line)
    text = "".join(kept)
    while "\n\n\n\n" in text:
        text = text.replace("\n\n\n\n", "\n\n\n")
    names = sorted(lazy | {n.name for n in moved})
    checking = "".join(
        f"    from .{n.module} import {', '.join(f'{a.asname or a.name} as {a.asname or a.name}' for a in n.names)}\n"
        for n in imports
    ) + "".join(f"    from .{companion_name} import {n.name} as {n.name}\n" for n in moved)
    typing_names = {"TYPE_CHECKING"} | ({"ForwardRef"} if edits else set())
    typing_import = next(
        (n for n in tree.body if isinstance(n, ast.ImportFrom) and n.module == "typing"), None
    )
    if typing_import is not None:
        old = "".join(lines[typing_import.lineno - 1 : typing_import.end_lineno])
        typing_names |= {a.name for a in typing_import.names}
        new = f"from typing import {', '.join(sorted(typing_names))}\n"
        text = text.replace(old, new, 1)
    else:
        at = text.index("\nfrom dataclasses import") + 1
        text = text[:at] + f"from typing import {', '.join(sorted(typing_names))}\n" + text[at:]
    anchor = text.index("\n\n\n") + 1  # after the import block
    text = text[:anchor] + "\nif TYPE_CHECKING:\n" + checking + text[anchor:]
    text = text.rstrip("\n") + (
        "\n\n\n# these names are imported on first use (tools/gen_deferred.py)\n"
        "from ._lazy import defer  # noqa: E402\n\n"
        f'defer(__name__, ".{companion_name}", {tuple(names)!r})\n'
    )
    return text, "".join(companion).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(args[0])
    (folder / "_lazy.py").write_text(LAZY_MODULE, encoding="utf-8")
    for module, deferred in DEFER.items():
        path = folder / f"{module}.py"
        text, companion = rewrite(path.read_text(encoding="utf-8"), module, deferred)
        path.write_text(text, encoding="utf-8")
        (folder / f"{module}{COMPANION_SUFFIX}.py").write_text(companion, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
