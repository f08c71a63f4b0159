"""Plain dataclasses that cross a JSON boundary through pydantic, imported only when they do.

The diagnostics (`ovfmodel.diagnostics`) and `ovfmodel info`'s summary (`ovfmodel.info`,
`ovfmodel.portability.summary`) are slotted stdlib dataclasses: made by the thousand and
printed as text without loading pydantic (about 40 ms of a CLI process). Their JSON output,
JSON validation and published JSON Schemas go through a `pydantic.TypeAdapter` over the
dataclass: a field's `metadata` holds pydantic's Field options (description, alias) and a
class's `__pydantic_config__` its config (extra="forbid"), both read by pydantic from the
dataclass. `JsonBoundary` keeps the pydantic-model methods these classes had when they were
pydantic models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from pydantic import TypeAdapter

_T = TypeVar("_T", bound="JsonBoundary")
_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def adapter(cls: type[_T]) -> TypeAdapter[_T]:
    """The pydantic TypeAdapter of a JsonBoundary class (pydantic imported on first use)."""
    found = _ADAPTERS.get(cls)
    if found is None:
        from pydantic import TypeAdapter

        found = _ADAPTERS[cls] = TypeAdapter(cls)
    return found


def about(text: str) -> dict[str, str]:
    """Field metadata giving the field's description in the JSON Schema:
    `field(default=None, metadata=about("..."))`."""
    return {"description": text}


class JsonBoundary:
    """The pydantic-model methods these classes had when they were pydantic models, kept so
    that code written against them keeps working: each goes through `adapter` and gives what
    the model gave (same keys, same order, same JSON text)."""

    __slots__ = ()

    def model_dump(self, *, mode: Literal["python", "json"] = "python", **kwargs: Any) -> Any:
        """The object as plain data: dicts and lists (`mode="json"`: JSON types only, severities
        as strings). Keyword arguments are those of `pydantic.TypeAdapter.dump_python`."""
        return adapter(type(self)).dump_python(self, mode=mode, **kwargs)

    def model_dump_json(self, *, indent: int | None = None, **kwargs: Any) -> str:
        """The object as JSON text (compact unless `indent`); keyword arguments are those of
        `pydantic.TypeAdapter.dump_json`."""
        return adapter(type(self)).dump_json(self, indent=indent, **kwargs).decode("utf-8")

    @classmethod
    def model_validate(cls: type[_T], data: Any) -> _T:
        """The object from plain data (what `model_dump` gives), checked by pydantic; raises
        pydantic.ValidationError."""
        return adapter(cls).validate_python(data)

    @classmethod
    def model_validate_json(cls: type[_T], text: str | bytes) -> _T:
        """The object from JSON text (what `model_dump_json` gives), checked by pydantic;
        raises pydantic.ValidationError."""
        return adapter(cls).validate_json(text)

    @classmethod
    def model_json_schema(cls, **kwargs: Any) -> dict[str, Any]:
        """The class's JSON Schema; keyword arguments (`by_alias`...) are those of
        `pydantic.TypeAdapter.json_schema`."""
        return adapter(cls).json_schema(**kwargs)
