"""Reading an appliance spec file (YAML or JSON) with mistakes pointed at their line.

    spec = load_spec("appliance.yaml")     # an ApplianceSpec, or SpecError

A pydantic error names a field path (`hardware.memroy_mb`); here each is located in the file
(`appliance.yaml:14:3`) by walking the YAML node tree (JSON is read the same way for
positions), and an unknown key gets the close names it may have meant (`memory_mb`), found
with difflib among the fields the spec format has at that place.
"""

from __future__ import annotations

import difflib
import json
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import BuilderError
from ..xmlsafe import read_regular

Loc = tuple[int | str, ...]


@dataclass(frozen=True)
class SpecProblem:
    """One mistake in a spec file: where (field path, line, column) and what."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def format(self, file: str) -> str:
        where = file
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        return f"{where}: {self.path + ': ' if self.path else ''}{self.message}"


class SpecError(BuilderError):
    """A spec file that does not describe a valid appliance; `problems` lists each mistake."""

    def __init__(self, file: str, problems: list[SpecProblem]) -> None:
        self.problems = problems
        first = problems[0] if problems else None
        super().__init__(
            "not a valid appliance spec: "
            + "; ".join(f"{p.path or '(top level)'}: {p.message}" for p in problems),
            file=file,
            line=first.line if first else None,
            column=first.column if first else None,
            hint="See `ovfmodel schema spec` for the format",
        )


class SpecSyntaxError(SpecError):
    """A spec file that is not YAML/JSON at all."""


def load_spec_data(source: str | Path, model: type[BaseModel]) -> Any:
    """Read, parse and validate a spec file against `model`; raises SpecError naming lines.

    OSError and UnicodeDecodeError (an unreadable file) pass through unchanged.
    """
    path = Path(source)
    # a regular file of bounded size, decoded with universal newlines as read_text did
    text = read_regular(path).decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    name = str(path)
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        problem = SpecProblem("", f"not valid JSON: {exc.msg}", exc.lineno, exc.colno)
        raise SpecSyntaxError(name, [problem]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        problem = SpecProblem("", f"not valid YAML: {what}", line, column)
        raise SpecSyntaxError(name, [problem]) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise SpecError(name, problems(exc, text, model)) from None


def problems(err: ValidationError, text: str, model: type[BaseModel]) -> list[SpecProblem]:
    """The errors of a validation, located in `text` and with near misses suggested."""
    root = _compose(text)
    out = []
    for e in err.errors():
        loc: Loc = tuple(e["loc"])
        path = _dotted(loc)
        if e["type"] == "extra_forbidden":
            message = f"unknown key {loc[-1]!r}" if loc else "unknown key"
            names = _field_names(model, loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), names, n=3, cutoff=0.6)
            if close:
                message += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
            elif names:
                message += "; the keys here are " + ", ".join(sorted(names))
            node = _node_at(root, loc, key=True)
        else:
            message = str(e["msg"]).removeprefix("Value error, ")
            node = _node_at(root, loc, key=False)
        line, column = _position(node)
        out.append(SpecProblem(path, message, line, column))
    return out


def _dotted(loc: Loc) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _compose(text: str) -> yaml.Node | None:
    """The YAML node tree, for positions only (None when it cannot be built)."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None


def _node_at(root: yaml.Node | None, loc: Loc, *, key: bool) -> yaml.Node | None:
    """The deepest node along `loc` (for `key`, the last step's key node instead of its value).

    Steps pydantic adds that are not in the file (the branch of a union: `int`, `str`) stop the
    walk at the node reached so far.
    """
    node = root
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, yaml.MappingNode):
            found = next((kv for kv in node.value if kv[0].value == str(part)), None)
            if found is None:
                return node
            node = found[0] if (last and key) else found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return node
            node = node.value[part]
        else:
            return node
    return node


def _position(node: yaml.Node | None) -> tuple[int | None, int | None]:
    if node is None:
        return None, None
    return node.start_mark.line + 1, node.start_mark.column + 1


def _field_names(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys a spec takes at `loc` (aliases where a field has one); [] when unknown."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    current = _unwrap(current)
    if not (isinstance(current, type) and issubclass(current, BaseModel)):
        return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _unwrap(annotation: Any) -> Any:
    """`X | None` -> X (the one model class of an optional field)."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        return models[0] if len(models) == 1 else None
    return annotation


def _step(current: Any, part: int | str) -> Any:
    current = _unwrap(current)
    origin = typing.get_origin(current)
    args = typing.get_args(current)
    if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
        for name, f in current.model_fields.items():
            if part in (name, f.alias):
                return f.annotation
        return None
    if origin is list and isinstance(part, int):
        return args[0]
    if origin is dict and isinstance(part, str):
        return args[1]
    return None
