"""ovfmodel.cim.Qualifiers: the one reader of ovf:qualifiers (validator OVF603, environment)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ovfmodel.cim import Qualifiers


def test_parse_reads_every_qualifier_and_skips_malformed_ones() -> None:
    q = Qualifiers.parse("MinLen(1) MaxLen( 63 ) MinValue(0.5) MaxValue(x) ValueMap{\"a\", 'b',}")
    assert q == Qualifiers(min_len=1, max_len=63, min_value="0.5", value_map=("a", "b"))
    assert Qualifiers.parse(None) == Qualifiers() == Qualifiers.parse("ValueMap{} Foo(3)")
    assert Qualifiers.parse("MinLen(abc)").min_len is None


@pytest.mark.parametrize(
    ("qualifiers", "value", "number", "name", "text"),
    [
        ("MinLen(5)", "abc", None, "MinLen", "is 3 characters long, shorter than MinLen(5)"),
        ("MaxLen(2)", "abc", None, "MaxLen", "is 3 characters long, longer than MaxLen(2)"),
        ("MinValue(10)", "3", Decimal(3), "MinValue", "is below MinValue(10)"),
        ("MaxValue(8)", "9", Decimal(9), "MaxValue", "is above MaxValue(8)"),
        ('ValueMap{"span","tap"}', "mirror", None, "ValueMap", "is not one of ValueMap{span, tap}"),
        ('ValueMap{"1..5","9"}', "7", Decimal(7), "ValueMap", "is not one of ValueMap{1..5, 9}"),
    ],
)
def test_check_names_the_broken_qualifier(
    qualifiers: str, value: str, number: Decimal | None, name: str, text: str
) -> None:
    problem = Qualifiers.parse(qualifiers).check(value, number)
    assert problem is not None and (problem.name, problem.text) == (name, text)


@pytest.mark.parametrize(
    ("qualifiers", "value", "number"),
    [
        ('ValueMap{"1..5","9"}', "3", Decimal(3)),
        ('ValueMap{"1..5","9"}', "9", Decimal(9)),
        ('ValueMap{"..0","10.."}', "12", Decimal(12)),
        ('ValueMap{"5"}', "05", Decimal(5)),  # the same number, written otherwise
        ("MinValue(1) MaxValue(10)", "nan", Decimal("nan")),  # not comparable: the type's call
        ("MinLen(1) MaxLen(3)", "ab", None),
        ("MinValue(1)", "abc", None),  # bounds apply to numbers only
    ],
)
def test_values_within_qualifiers_pass(qualifiers: str, value: str, number: Decimal | None) -> None:
    assert Qualifiers.parse(qualifiers).problems(value, number) == []


def test_problems_lists_every_broken_qualifier() -> None:
    q = Qualifiers.parse('MaxLen(1) ValueMap{"a"} MaxValue(5)')
    assert [p.name for p in q.problems("77", Decimal(77))] == ["MaxLen", "ValueMap", "MaxValue"]
