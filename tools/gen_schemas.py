"""Write docs/schemas/NAME.schema.json for every JSON format ovfmodel reads or writes.

python tools/gen_schemas.py          # rewrite docs/schemas/
python tools/gen_schemas.py --check  # exit 1 if a file there is out of date

The schemas come from the pydantic models (`ovfmodel schema NAME` prints the same text): spec
(appliance specs for `ovfmodel build`), info (`ovfmodel info --json`), validate
(`ovfmodel validate --format json`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ovfmodel import atomicfile
from ovfmodel.cli import JSON_SCHEMAS

DOCS = Path(__file__).resolve().parent.parent / "docs" / "schemas"


def render(name: str) -> str:
    """The file text: what `ovfmodel schema NAME` prints."""
    return json.dumps(JSON_SCHEMAS[name](), indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only report stale files")
    args = ap.parse_args(argv)
    stale = []
    for name in sorted(JSON_SCHEMAS):
        path = DOCS / f"{name}.schema.json"
        text = render(name)
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not args.check:
            DOCS.mkdir(parents=True, exist_ok=True)
            atomicfile.write_bytes(path, text.encode("utf-8"))
            print(f"wrote {path}")
    if args.check and stale:
        print("stale: " + ", ".join(str(p) for p in stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
