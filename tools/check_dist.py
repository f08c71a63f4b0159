"""Check the contents of a built wheel and sdist against the checkout.

    python tools/check_dist.py dist/ovfmodel-X-py3-none-any.whl dist/ovfmodel-X.tar.gz

The wheel must hold every module of ovfmodel/, generated/ (as ovfmodel/_generated/) and
schemas/ (as ovfmodel/_schemadata/), the typing marker, the schema pins and the licence; the
sdist must hold every tracked file of the package, tests (with their data), tools, docs and
examples, and neither may hold the DMTF/W3C XSD files (fetched, never shipped). Exits 1 and
names what is missing or extra.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SDIST_FOLDERS = ("ovfmodel", "generated", "schemas", "tests", "tools", "docs", "examples")
# where checkout folders land inside the wheel
WHEEL_FOLDERS = {
    "ovfmodel/": "ovfmodel/",
    "generated/": "ovfmodel/_generated/",
    "schemas/": "ovfmodel/_schemadata/",
}


def tracked() -> list[str]:
    """Files git tracks in the checkout (symlinks are skipped: ovfmodel/_generated)."""
    out = subprocess.run(
        ["git", "ls-files", "-s", "--", *SDIST_FOLDERS, "LICENSE", "README.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    files = []
    for line in out.splitlines():
        meta, path = line.split("\t", 1)
        if not meta.startswith("120000"):
            files.append(path)
    return files


def check_wheel(wheel: Path, files: list[str]) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(zf.read(meta_name).decode("utf-8"))
    problems = []
    for path in files:
        if not path.endswith((".py", ".typed", ".json", ".xml")):
            continue
        for source, target in WHEEL_FOLDERS.items():
            installed = target + path[len(source) :]
            if path.startswith(source) and installed not in names:
                problems.append(f"wheel lacks {installed} (from {path})")
    if metadata.get("License-Expression") != "Apache-2.0":
        problems.append(f"wheel License-Expression is {metadata.get('License-Expression')!r}")
    if not any(n.endswith("licenses/LICENSE") for n in names):
        problems.append("wheel lacks the LICENSE file")
    problems += [f"wheel holds a schema file {n}" for n in names if n.endswith(".xsd")]
    return problems


def check_sdist(sdist: Path, files: list[str]) -> list[str]:
    with tarfile.open(sdist) as tf:
        names = {m.name.split("/", 1)[1] for m in tf.getmembers() if "/" in m.name}
    problems = [f"sdist lacks {path}" for path in files if path not in names]
    problems += [f"sdist holds {n}" for n in names if n.endswith(".xsd") or "__pycache__" in n]
    # the checkout's symlink ovfmodel/_generated is copied, for type checkers (MANIFEST.in)
    problems += [
        f"sdist lacks ovfmodel/_generated/{path[len('generated/') :]}"
        for path in files
        if path.startswith("generated/") and f"ovfmodel/_{path}" not in names
    ]
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].endswith(".whl") or not argv[1].endswith(".tar.gz"):
        print("usage: check_dist.py WHEEL SDIST", file=sys.stderr)
        return 2
    files = tracked()
    problems = check_wheel(Path(argv[0]), files) + check_sdist(Path(argv[1]), files)
    for problem in problems:
        print(f"check_dist: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"check_dist: wheel and sdist hold all {len(files)} tracked files they should")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
