"""Benchmark of the import-target rules on large descriptors: prints figures, asserts nothing.

    python tools/bench_targets.py [--items 10000] [--repeat 3]

On tools/bench_validate.py's valid and invalid descriptors of N items, validate(xsd=False)
without targets and with all five (`targets="all"`), and the extra cost per item. Every target
rule is linear in the descriptor (items, disks and files are indexed once).
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import best, large_envelope
from bench_validate import valid_envelope

from ovfmodel.validation import validate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for label, data in (
        ("valid", valid_envelope(args.items)),
        ("invalid", large_envelope(args.items)),
    ):
        plain = best(partial(validate, data, xsd=False), args.repeat)
        targets = best(partial(validate, data, xsd=False, targets="all"), args.repeat)
        per_item = (targets - plain) / args.items * 1e6
        print(
            f"{label:8} {args.items} items: validate {plain * 1000:8.1f} ms, with 5 targets "
            f"{targets * 1000:8.1f} ms ({targets / plain:.1f}x, +{per_item:.1f} us/item)"
        )


if __name__ == "__main__":
    main()
