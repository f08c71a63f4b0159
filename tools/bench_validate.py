"""Benchmark of validate() on a large descriptor: prints figures, asserts nothing.

    python tools/bench_validate.py [--items 10000] [--repeat 3]

Compares ovfmodel.validation.validate (parse + semantic rules + XSD) with lxml's XMLSchema
validation alone of the same bytes (parse + validate, and validate on a parsed tree).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import large_envelope

import ovfmodel
from ovfmodel import schemas
from ovfmodel.validation import rules, validate


def _best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_validate(items: int = 10000, repeat: int = 3) -> dict[str, float]:
    """Print and return the timings (seconds) for a descriptor with `items` RASD items."""
    data = large_envelope(items)
    schema = schemas.for_namespace("http://schemas.dmtf.org/ovf/envelope/2")
    assert schema is not None
    tree = etree.fromstring(data).getroottree()
    figures = {
        "lxml_validate": _best(lambda: schema.validate(tree), repeat),
        "lxml_parse_validate": _best(
            lambda: schema.validate(etree.fromstring(data).getroottree()), repeat
        ),
        "ovfmodel_parse": _best(lambda: ovfmodel.parse(data), repeat),
    }
    doc = ovfmodel.parse(data)
    figures["rules_only"] = _best(lambda: rules.run(doc, None), repeat)
    figures["validate_no_xsd"] = _best(lambda: validate(data, xsd=False), repeat)
    figures["validate"] = _best(lambda: validate(data), repeat)
    report = validate(data)
    print(f"{items} items, {len(data) / 1e6:.1f} MB, {len(report.diagnostics)} diagnostics")
    for name, value in figures.items():
        print(f"  {name:22s} {value * 1000:8.1f} ms")
    print(
        f"  ratio validate / lxml parse+validate: "
        f"{figures['validate'] / figures['lxml_parse_validate']:.2f}x"
    )
    print(
        f"  ratio validate / lxml validate alone: "
        f"{figures['validate'] / figures['lxml_validate']:.2f}x"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bench_validate(args.items, args.repeat)
    _ = statistics  # kept for parity with tools/bench.py


if __name__ == "__main__":
    main()
