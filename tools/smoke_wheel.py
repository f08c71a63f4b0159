"""Smoke test of an installed ovfmodel (a wheel or sdist in a fresh virtual environment).

    python tools/smoke_wheel.py [--workdir DIR]

Run it with the Python of the environment under test, from anywhere outside the checkout
(`.ci/run` does so after `pip install dist/*.whl` and `ovfmodel schemas fetch`). It checks:

- the installed package is not the checkout (a wheel test that imports the source proves nothing);
- every module of the checkout's ovfmodel/, generated/ and schemas/ is installed, and every
  installed module imports (so a subpackage missing from the wheel fails here);
- `ovfmodel --version` prints the installed distribution's version;
- the user commands on the examples: `info`, `validate`, `build`, `pack`, `verify`, `unpack`,
  `env`; the README's marked block of first commands and its Python blocks, as written.

Exits 0 when everything passed, 1 with the first failure otherwise.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import json
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# where each installed package's sources live in the checkout
SOURCE_DIRS = {
    "ovfmodel": ROOT / "ovfmodel",
    "ovfmodel._generated": ROOT / "generated",
    "ovfmodel._schemadata": ROOT / "schemas",
}


class SmokeFailure(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def checkout_modules() -> set[str]:
    """Dotted names of every module in the checkout's package sources."""
    names: set[str] = set()
    for package, folder in SOURCE_DIRS.items():
        for path in folder.rglob("*.py"):
            rel = path.relative_to(folder).with_suffix("")
            if package == "ovfmodel" and rel.parts[0] == "_generated":
                continue  # the symlink to generated/, counted under ovfmodel._generated
            parts = [p for p in rel.parts if p != "__init__"]
            names.add(".".join([package, *parts]))
    return names


def installed_modules() -> set[str]:
    import ovfmodel

    names = {"ovfmodel"}
    for info in pkgutil.walk_packages(ovfmodel.__path__, "ovfmodel."):
        names.add(info.name)
    return names


def check_modules() -> int:
    import ovfmodel

    location = Path(ovfmodel.__file__).resolve()
    check(
        not location.is_relative_to(ROOT),
        f"ovfmodel is imported from the checkout ({location}), not from the installed package",
    )
    installed = installed_modules()
    missing = sorted(checkout_modules() - installed)
    check(not missing, f"modules missing from the installed package: {', '.join(missing)}")
    for name in sorted(installed):
        if name in ("ovfmodel.__main__",):
            continue  # runs the command line; exercised below as `python -m ovfmodel`
        try:
            importlib.import_module(name)
        except Exception as exc:
            raise SmokeFailure(f"import {name}: {type(exc).__name__}: {exc}") from exc
    return len(installed)


def run(argv: Sequence[str], cwd: Path, *, expect: int = 0, stdin: bytes | None = None) -> str:
    """Run the installed `ovfmodel` command; its exit status must be `expect`."""
    exe = Path(sys.executable).parent / "ovfmodel"
    command = [str(exe), *argv]
    proc = subprocess.run(command, cwd=cwd, capture_output=True, input=stdin, timeout=300)
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    check(
        proc.returncode == expect,
        f"`ovfmodel {' '.join(argv)}` exited {proc.returncode}, expected {expect}\n{out}{err}",
    )
    print(f"ok  ovfmodel {' '.join(argv)}")
    return out


README_MARK = "<!-- tools/smoke_wheel.py runs the ovfmodel lines of the next block"


def readme_commands() -> list[str]:
    """The command lines of the README block marked for this script (comments stripped)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    check(README_MARK in text, "README.md has no block marked for tools/smoke_wheel.py")
    block = re.search(r"^```sh\n(.*?)^```", text[text.index(README_MARK) :], flags=re.S | re.M)
    check(block is not None, "README.md: no sh block after the smoke_wheel mark")
    assert block is not None
    lines = [re.sub(r"\s+#\s.*$", "", line).strip() for line in block.group(1).splitlines()]
    return [line for line in lines if "ovfmodel" in line]


def check_readme_commands(work: Path) -> None:
    """Run the README's first commands as a user would, with the installed `ovfmodel` first on
    PATH (a shell runs each line: pipes and redirections as written)."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    commands = readme_commands()
    check(len(commands) >= 3, f"README.md: only {len(commands)} commands in the marked block")
    for line in commands:
        proc = subprocess.run(
            ["bash", "-c", "set -o pipefail; " + line],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        check(proc.returncode == 0, f"README: `{line}` exited {proc.returncode}\n{proc.stderr}")
        print(f"ok  README: {line}")


def readme_python_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)


def check_commands(work: Path) -> None:
    shutil.copytree(ROOT / "examples", work / "examples")
    version = importlib.metadata.version("ovfmodel")
    out = run(["--version"], work)
    check(out.strip() == f"ovfmodel {version}", f"--version printed {out!r}, expected {version}")
    run(["schemas", "check"], work)

    out = run(["info", "examples/appliance.ovf"], work)
    check("round trip: lossless" in out, f"info: no lossless round trip\n{out}")
    info = json.loads(run(["info", "--json", "examples/legacy-vmware-1.0.ovf"], work))
    check(info["version"] == "1.0", f"info --json: version {info.get('version')!r}")
    descriptor = (work / "examples" / "appliance.ovf").read_bytes()
    run(["info", "-"], work, stdin=descriptor)
    run(["validate", "examples/appliance.ovf", "examples/legacy-vmware-1.0.ovf"], work)
    run(["validate", "-"], work, stdin=descriptor)
    run(["schema", "info"], work)

    # build the example spec, then a copy of it with small disk files so that it can be packed
    run(["build", "examples/appliance.yaml", "-o", "appliance-built.ovf"], work)
    run(["validate", "--no-package", "appliance-built.ovf"], work)
    spec = yaml.safe_load((work / "examples" / "appliance.yaml").read_text(encoding="utf-8"))
    small = work / "small"
    small.mkdir()
    for n, disk in enumerate(spec["disks"]):
        disk["file_size"] = 4096 * (n + 1)
        (small / disk["file"]).write_bytes(bytes([n + 1]) * disk["file_size"])
    (small / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    run(["build", "small/spec.json", "-o", "small/web.ovf"], work)
    run(["pack", "small/web.ovf", "-o", "web.ova"], work)
    run(["verify", "web.ova"], work)
    run(["validate", "web.ova"], work)
    out = run(["info", "web.ova"], work)
    check("web-system.vmdk" in out, f"info web.ova does not list the disk file\n{out}")
    run(["unpack", "web.ova", "-d", "unpacked"], work)
    run(["verify", "unpacked"], work)
    env = run(
        ["env", "small/web.ovf", "--set", "hostname=smoke", "--set", "admin_password=s3cret"], work
    )
    check("smoke" in env, "env: the value set is not in the environment document")

    check_readme_commands(work)
    for n, block in enumerate(readme_python_blocks()):
        proc = subprocess.run(
            [sys.executable, "-c", block], cwd=work, capture_output=True, text=True, timeout=300
        )
        check(
            proc.returncode == 0,
            f"README Python block {n + 1} failed:\n{block}\n{proc.stdout}{proc.stderr}",
        )
        print(f"ok  README Python block {n + 1}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--workdir", type=Path, help="scratch folder (default: a new temporary one)")
    args = ap.parse_args(argv)
    try:
        count = check_modules()
        print(f"ok  {count} modules installed and imported")
        if args.workdir:
            args.workdir.mkdir(parents=True, exist_ok=True)
            check_commands(args.workdir)
        else:
            with tempfile.TemporaryDirectory(prefix="ovfmodel-smoke-") as tmp:
                check_commands(Path(tmp))
    except SmokeFailure as exc:
        print(f"smoke_wheel: FAILED: {exc}", file=sys.stderr)
        return 1
    print("smoke_wheel: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
