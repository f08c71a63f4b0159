"""docs/rules.md is generated from the rule catalog; this fails when they drift apart."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import gen_rules_doc  # noqa: E402

from ovfmodel.diagnostics import CATALOG  # noqa: E402


def test_rules_doc_is_up_to_date() -> None:
    doc = ROOT / "docs" / "rules.md"
    assert doc.read_text(encoding="utf-8") == gen_rules_doc.render(), (
        "docs/rules.md is stale: run python tools/gen_rules_doc.py"
    )


def test_every_ovf_rule_is_documented() -> None:
    text = gen_rules_doc.render()
    for rule in CATALOG:
        if rule.code.startswith("OVF"):
            assert f"## {rule.code}" in text and rule.spec in text


def test_every_package_rule_is_documented() -> None:
    import ovfmodel.package.rules  # noqa: F401  (registers the PKG rules)

    text = gen_rules_doc.render()
    pkg = [rule for rule in CATALOG if rule.code.startswith("PKG")]
    assert pkg
    for rule in pkg:
        assert f"## {rule.code}" in text and rule.spec in text
