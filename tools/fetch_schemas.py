"""Fill the git-ignored schema folder (schemas/xsd/) with the pinned DMTF/W3C XSD files.

    python tools/fetch_schemas.py                      # from the public URLs (needs internet)
    python tools/fetch_schemas.py --from ../shared/schemas   # from a local folder (CI)

Every file is checked against the SHA-256 pinned in schemas/sources.json.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ovfmodel import schemas
from ovfmodel.errors import OvfError

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--from", dest="source", type=Path, help="local folder holding the XSD files")
    ap.add_argument("--target", type=Path, default=ROOT / "schemas" / "xsd")
    args = ap.parse_args(argv)
    try:
        written = schemas.fetch(args.target, args.source)
    except OvfError as exc:
        print(f"fetch_schemas: {exc}", file=sys.stderr)
        return 1
    print(f"{len(written)} schema files verified in {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
