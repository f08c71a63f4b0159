"""ProductBuilder: the categories and properties of one ProductSection.

A property's default and each per-configuration value are checked against its type and its
qualifiers (MinLen/MaxLen, MinValue/MaxValue, ValueMap) as they are added, and its key against
every ProductSection sharing its class and instance, as DSP0243 9.5 names properties
class.key.instance in the whole descriptor.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..cim import PROPERTY_INT_RANGES, PropertyType, Qualifiers, real_problem
from ..errors import BuilderError
from ._common import Text, check_text, msg, require

if TYPE_CHECKING:
    from .envelope import EnvelopeBuilder

_INT_RANGES = PROPERTY_INT_RANGES


class ProductBuilder:
    """Categories and Properties of one ProductSection."""

    def __init__(self, env: EnvelopeBuilder, section: Any) -> None:
        self._env = env
        self._m = env.module
        self.section = section

    def category(self, text: Text) -> ProductBuilder:
        check_text(text, "category")
        self.section.category_or_property.append(msg(self._m, text))
        return self

    def property(
        self,
        key: str,
        type: PropertyType | str,
        default: str | int | float | bool | None = None,
        *,
        label: Text | None = None,
        description: Text | None = None,
        user_configurable: bool = False,
        password: bool = False,
        min_len: int | None = None,
        max_len: int | None = None,
        value_map: list[str] | None = None,
        min_value: int | float | None = None,
        max_value: int | float | None = None,
        per_configuration: dict[str, str | int | float | bool] | None = None,
        configuration: str | None = None,
    ) -> Any:
        """A Property; the default and every per-configuration value must fit type and qualifiers."""
        require(
            bool(re.match(r"^[A-Za-z_][\w.\-]*$", key)),
            f"property key {key!r} is not valid",
            "use letters, digits, '.', '-' and '_' (no spaces)",
        )
        props = [p for p in self.section.category_or_property if hasattr(p, "key")]
        require(
            all(p.key != key for p in props),
            f"duplicate property key {key!r} in this ProductSection",
            "give each property its own key",
        )
        scope = (self.section.class_value or "", self.section.instance or "")
        for other in _product_sections(self._env.envelope):
            if (
                other is not self.section
                and (other.class_value or "", other.instance or "") == scope
            ):
                require(
                    all(getattr(p, "key", None) != key for p in other.category_or_property),
                    f"duplicate property key {key!r}: another ProductSection with class "
                    f"{scope[0]!r} and instance {scope[1]!r} declares it",
                    "class.key.instance names a property in the whole descriptor; use another "
                    "key, or give this ProductSection its own class_ or instance",
                )
        try:
            ptype = PropertyType(type)
        except ValueError:
            raise BuilderError(
                f"unknown property type {type!r}",
                hint="use one of " + ", ".join(t.value for t in PropertyType),
            ) from None
        numeric = ptype in _INT_RANGES or ptype in (PropertyType.REAL32, PropertyType.REAL64)
        require(
            not ((min_len is not None or max_len is not None) and ptype is not PropertyType.STRING),
            f"MinLen/MaxLen apply to strings, not {ptype.value}",
            "use min_value/max_value for numbers",
        )
        require(
            not ((min_value is not None or max_value is not None) and not numeric),
            f"MinValue/MaxValue apply to numbers, not {ptype.value}",
            "use min_len/max_len or value_map for strings",
        )
        if min_len is not None and max_len is not None:
            require(min_len <= max_len, f"MinLen({min_len}) > MaxLen({max_len})", "swap them")
        if min_value is not None and max_value is not None:
            require(
                min_value <= max_value,
                f"MinValue({min_value}) > MaxValue({max_value})",
                "swap them",
            )
        qualifiers: list[str] = []
        if min_len is not None:
            qualifiers.append(f"MinLen({min_len})")
        if max_len is not None:
            qualifiers.append(f"MaxLen({max_len})")
        if value_map is not None:
            require(bool(value_map), "an empty ValueMap allows no value", "list allowed values")
            for entry in value_map:
                require(
                    not any(c in entry for c in '",}') and entry[:1] != "'" and entry[-1:] != "'",
                    f"ValueMap entry {entry!r} cannot be written in ovf:qualifiers",
                    "leave out '\"', ',' and '}', and quotes at either end: "
                    'ValueMap{"a","b"} has no escapes',
                )
            qualifiers.append("ValueMap{" + ",".join(f'"{v}"' for v in value_map) + "}")
        if min_value is not None:
            qualifiers.append(f"MinValue({min_value})")
        if max_value is not None:
            qualifiers.append(f"MaxValue({max_value})")

        def check(value: str | int | float | bool, where: str) -> str:
            text = _lexical(ptype, value, key, where)
            if ptype is PropertyType.STRING:
                if min_len is not None:
                    require(
                        len(text) >= min_len,
                        f"{where} of {key!r} is shorter than MinLen({min_len})",
                        "give a longer value, or lower min_len",
                    )
                if max_len is not None:
                    require(
                        len(text) <= max_len,
                        f"{where} of {key!r} is longer than MaxLen({max_len})",
                        "give a shorter value, or raise max_len",
                    )
            if value_map is not None:  # ranges and numbers read as the validator reads them
                number = Decimal(text) if numeric and text else None
                require(
                    Qualifiers(value_map=tuple(value_map)).check(text, number) is None,
                    f"{where} {text!r} of {key!r} is not in its ValueMap",
                    "use one of " + ", ".join(value_map),
                )
            if numeric and text:
                number = Decimal(text)
                if min_value is not None:
                    require(
                        number >= Decimal(str(min_value)),
                        f"{where} {text} of {key!r} is below MinValue({min_value})",
                        "raise the value or lower min_value",
                    )
                if max_value is not None:
                    require(
                        number <= Decimal(str(max_value)),
                        f"{where} {text} of {key!r} is above MaxValue({max_value})",
                        "lower the value or raise max_value",
                    )
            return text

        m = self._m
        prop = m.ProductSectionTypeProperty(key=key, type_value=ptype.value)
        if default is not None:
            prop.value_attribute = check(default, "default")
        if qualifiers:
            prop.qualifiers = ",".join(qualifiers)
        if user_configurable:
            prop.user_configurable = True
        if password:
            require(
                ptype is PropertyType.STRING,
                f"password property {key!r} must be a string",
                "use type string for passwords",
            )
            prop.password = True
        if label is not None:
            prop.label = msg(m, label)
        if description is not None:
            prop.description = msg(m, description)
        if configuration is not None:
            require(
                hasattr(prop, "configuration"),
                "ovf:configuration on a Property exists only in OVF 2.x",
                "use per_configuration values instead",
            )
            self._env.registry.check_configuration(configuration)
            prop.configuration = configuration
        for config, value in (per_configuration or {}).items():
            self._env.registry.check_configuration(config)
            prop.value.append(
                m.PropertyConfigurationValueType(
                    value=check(value, f"value for configuration {config!r}"),
                    configuration=config,
                )
            )
        self.section.category_or_property.append(prop)
        return prop


def _lexical(ptype: PropertyType, value: str | int | float | bool, key: str, where: str) -> str:
    """The XML text of a property value, checked against the property type."""
    if ptype is PropertyType.BOOLEAN:
        if isinstance(value, bool):
            return "true" if value else "false"
        require(
            str(value) in ("true", "false"),
            f"{where} {value!r} of boolean property {key!r} is not true/false",
            "pass True/False or 'true'/'false'",
        )
        return str(value)
    if ptype is PropertyType.STRING:
        return str(value)
    require(
        not isinstance(value, bool),
        f"{where} of {ptype.value} property {key!r} is a boolean",
        "pass a number",
    )
    text = str(value)
    if ptype in _INT_RANGES:
        lo, hi = _INT_RANGES[ptype]
        require(
            bool(re.match(r"^[+-]?\d+$", text)) and lo <= int(text) <= hi,
            f"{where} {text!r} of property {key!r} does not fit {ptype.value} ({lo}..{hi})",
            "give a whole number in range, or choose a wider type",
        )
        return str(int(text))
    problem = real_problem(ptype.value, text)
    require(
        problem is None,
        f"{where} {text!r} of property {key!r} {problem}",
        "give a finite decimal number such as 1.5",
    )
    return text


def _product_sections(envelope: Any) -> list[Any]:
    """Every ProductSection of every VirtualSystem and VirtualSystemCollection."""
    found: list[Any] = []
    stack = [envelope.content] if envelope.content is not None else []
    while stack:
        node = stack.pop()
        found.extend(s for s in node.sections if hasattr(s, "category_or_property"))
        stack.extend(getattr(node, "content", []) or [])
    return found
