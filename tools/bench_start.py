"""Cold start benchmark (issue 16): prints figures next to their targets, asserts nothing.

    python tools/bench_start.py [--repeat 15] [--cot PATH] [--no-cot] [--items 10000]

Every figure is the best of `--repeat` fresh processes (the least disturbed run on a shared
machine), after one untimed run that fills a bytecode cache in a temporary folder
(PYTHONPYCACHEPREFIX, with PYTHONDONTWRITEBYTECODE unset): an installed wheel has its .pyc files,
and compiling every module from source on each run would be timed otherwise.

- `import ovfmodel`, timed inside the process (target: at most 150 ms), and the whole process
  next to a bare `python -c pass`;
- `ovfmodel validate` and `ovfmodel info` on examples/appliance.ovf as whole processes, side
  by side with COT's `cot info` on the same file (target: at most half of COT's time). COT is
  taken from `--cot PATH`, else from PATH, else installed with pip into a throwaway virtual
  environment under a temporary folder (`pip install cot`); when none of that works the script
  says so and prints the ovfmodel figures alone;
- `ovfmodel info` on a generated descriptor of `--items` hardware items (its round-trip check
  compares bytes first and runs C14N only when they differ);
- where a `validate` process spends its time, phase by phase in one interpreter (each phase
  the best of the runs): what is left once nothing unused is imported. The validator reads
  the binder's plans from generated tables, so neither xsdata, the binder nor the generated
  classes are among the phases (tests/test_start.py checks that they are not imported);
- where an `info` process spends its time, likewise: the binder's plans come from a generated
  table of xsdata's metadata (ovfmodel.plantable), so xsdata's XmlContext is not among them, and
  ovf_envelope_2 imports CIM EPASD/SASD, boot settings and XML encryption only when a document
  has such content (tools/gen_deferred.py), which appliance.ovf has not.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPLIANCE = ROOT / "examples" / "appliance.ovf"
IMPORT_TARGET_MS = 150.0

_TIMED_IMPORT = (
    "import time; t = time.perf_counter(); import ovfmodel; print((time.perf_counter() - t) * 1000)"
)


ENV = dict(os.environ)
# the timed processes run outside the checkout, so that `python -c 'import ovfmodel'` imports the
# installed ovfmodel (a wheel's, when this script runs with that venv's python), not ./ovfmodel
CWD = Path(tempfile.gettempdir())


def use_bytecode_cache(folder: Path) -> None:
    """Let the timed processes read (and, on their untimed first run, write) .pyc files."""
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(folder)


def best_process_ms(argv: Sequence[str], repeat: int, *, ok: Sequence[int] = (0,)) -> float:
    """Best wall time of `argv` as a whole process, in milliseconds (after one untimed run)."""
    best = float("inf")
    for run in range(repeat + 1):
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, cwd=CWD, env=ENV)
        elapsed = (time.perf_counter() - start) * 1000
        if done.returncode not in ok:
            err = done.stderr.decode("utf-8", "replace").strip()[-400:]
            raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}: {err}")
        if run:
            best = min(best, elapsed)
    return best


def best_import_ms(repeat: int) -> float:
    """Best time of `import ovfmodel` measured inside fresh interpreters, in milliseconds."""
    times = []
    for _ in range(repeat + 1):
        out = subprocess.run(
            [sys.executable, "-c", _TIMED_IMPORT],
            capture_output=True,
            text=True,
            check=True,
            cwd=CWD,
            env=ENV,
        )
        times.append(float(out.stdout.strip()))
    return min(times[1:])


# `ovfmodel validate appliance.ovf` in steps, each timed after the previous one
_PHASES = r"""
import io, sys, time
marks = [("start", time.perf_counter())]
def mark(name):
    marks.append((name, time.perf_counter()))
import ovfmodel.cli
mark("ovfmodel.cli (argparse, errors, cliutil)")
import lxml.etree
mark("lxml")
import ovfmodel.diagnostics
mark("the diagnostic models (stdlib dataclasses)")
import ovfmodel.validation.cli
mark("the validator's modules and rules")
ovfmodel.cli.build_parser("validate")
mark("argparse: the validate parser")
import ovfmodel.validation.vocabulary
ovfmodel.validation.vocabulary.vocabulary("http://schemas.dmtf.org/ovf/envelope/2")
mark("OVF 2 vocabulary table (plain data)")
from ovfmodel import schemas
schemas.compiled(schemas.ENVELOPE_2)
mark("XSD compilation (DSP8023 2.0.1 only)")
sys.stdout = io.StringIO()
ovfmodel.cli.main(["validate", sys.argv[1]])
sys.stdout = sys.__stdout__
mark("validate run (parse, rules, XSD, output)")
print("\n".join(f"{n}\t{(t - marks[i][1]) * 1000}" for i, (n, t) in enumerate(marks[1:])))
"""


# `ovfmodel info appliance.ovf` in steps, each timed after the previous one
_INFO_PHASES = r"""
import importlib, io, sys, time
marks = [("start", time.perf_counter())]
def mark(name):
    marks.append((name, time.perf_counter()))
import ovfmodel.cli
mark("ovfmodel.cli (argparse, errors, cliutil)")
import lxml.etree
mark("lxml")
import xsdata.formats.dataclass.models.generics
mark("xsdata's AnyElement (and its converter)")
import ovfmodel.document
mark("ovfmodel.document (binder, writer, lazy)")
import ovfmodel.info
mark("ovfmodel.info (model, platform summaries)")
ovfmodel.cli.build_parser("info")
mark("argparse: the info parser")
importlib.import_module("ovfmodel._generated.ovf_envelope_2")
mark("OVF 2 generated classes (RASD, VSSD, wscim)")
ovfmodel.parse(sys.argv[1])
mark("first parse (plan table, the binder's plans)")
sys.stdout = io.StringIO()
ovfmodel.cli.main(["info", sys.argv[1]])
sys.stdout = sys.__stdout__
mark("info run (parse, summary, round trip, print)")
print("\n".join(f"{n}\t{(t - marks[i][1]) * 1000}" for i, (n, t) in enumerate(marks[1:])))
"""


def best_phases_ms(script: str, repeat: int) -> dict[str, float]:
    """Best time of each phase of a process (see _PHASES, _INFO_PHASES), in milliseconds."""
    best: dict[str, float] = {}
    for _ in range(repeat + 1):
        out = subprocess.run(
            [sys.executable, "-c", script, str(APPLIANCE)],
            capture_output=True,
            text=True,
            check=True,
            cwd=CWD,
            env=ENV,
        )
        for line in out.stdout.splitlines():
            name, ms = line.split("\t")
            best[name] = min(best.get(name, float("inf")), float(ms))
    return best


def print_phases(command: str, script: str, repeat: int) -> None:
    print(f"ovfmodel {command} appliance.ovf, phase by phase (best of each):")
    try:
        phases = best_phases_ms(script, repeat)
    except subprocess.CalledProcessError as exc:  # an ovfmodel older than the lazy imports
        last = (exc.stderr or "").strip().splitlines()[-1:] or ["no output"]
        print(f"  not measured: {last[0]}")
        phases = {}
    for name, ms in phases.items():
        print(f"  {name:44s} {ms:7.1f} ms")


def ovfmodel_command() -> list[str]:
    """The installed `ovfmodel` script beside this interpreter, else `python -m ovfmodel`."""
    script = Path(sys.executable).with_name("ovfmodel")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "ovfmodel"]


def find_cot(given: str | None, scratch: Path) -> tuple[list[str] | None, str]:
    """The `cot` command to time and where it came from, or None and why there is none."""
    if given:
        return (
            ([given], f"--cot {given}") if Path(given).exists() else (None, f"{given}: not found")
        )
    on_path = shutil.which("cot")
    if on_path:
        return [on_path], f"PATH ({on_path})"
    env = scratch / "cot-venv"
    print(f"installing COT into a throwaway virtual environment ({env}) ...", flush=True)
    try:
        venv.EnvBuilder(with_pip=True).create(env)
        pip = env / "bin" / "pip"
        done = subprocess.run(
            [str(pip), "install", "--quiet", "--disable-pip-version-check", "cot"],
            capture_output=True,
            text=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"cannot create a virtual environment for COT: {exc}"
    cot = env / "bin" / "cot"
    if done.returncode != 0 or not cot.is_file():
        why = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"`pip install cot` failed: {why}"
    return [str(cot)], "pip install cot (throwaway virtual environment)"


def large_descriptor(items: int, folder: Path) -> Path:
    sys.path.insert(0, str(ROOT / "tools"))
    from bench import large_envelope

    path = folder / f"items-{items}.ovf"
    path.write_bytes(large_envelope(items))
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per figure (best is shown)")
    parser.add_argument("--cot", metavar="PATH", help="the cot command to compare with")
    parser.add_argument("--no-cot", action="store_true", help="skip the COT comparison")
    parser.add_argument(
        "--items", type=int, default=10000, help="items of the large info descriptor (0: skip)"
    )
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)
    ovfmodel = ovfmodel_command()
    print(f"best of {repeat} runs; python {sys.version.split()[0]}; {os.cpu_count()} cpus")

    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        scratch = Path(tmp)
        use_bytecode_cache(scratch / "pycache")
        imported = best_import_ms(repeat)
        bare = best_process_ms([sys.executable, "-c", "pass"], repeat)
        whole = best_process_ms([sys.executable, "-c", "import ovfmodel"], repeat)
        verdict = "met" if imported <= IMPORT_TARGET_MS else "NOT met"
        print(f"import ovfmodel (in process)      {imported:7.1f} ms   target <= 150 ms: {verdict}")
        print(
            f"python -c 'import ovfmodel'       {whole:7.1f} ms   (python -c pass: {bare:.1f} ms)"
        )

        validate = best_process_ms([*ovfmodel, "validate", str(APPLIANCE)], repeat)
        info = best_process_ms([*ovfmodel, "info", str(APPLIANCE)], repeat)
        cot: list[str] | None = None
        why = "--no-cot"
        if not args.no_cot:
            cot, why = find_cot(args.cot, scratch)
        cot_ms = None
        if cot is not None:
            try:
                cot_ms = best_process_ms([*cot, "info", str(APPLIANCE)], repeat)
            except (OSError, RuntimeError) as exc:
                why = f"cot info failed: {exc}"
        if cot_ms is None:
            print(f"COT: not measured ({why}); the 'half of cot info' targets cannot be checked")
        else:
            print(f"cot info appliance.ovf            {cot_ms:7.1f} ms   (COT from {why})")
        for name, ms in (("validate", validate), ("info", info)):
            line = f"ovfmodel {name} appliance.ovf".ljust(34) + f"{ms:7.1f} ms"
            if cot_ms is not None:
                ratio = ms / cot_ms
                verdict = "met" if ratio <= 0.5 else "NOT met"
                line += f"   {ratio:.2f}x cot info; target <= 0.50x: {verdict}"
            print(line)
        print_phases("validate", _PHASES, repeat)
        print_phases("info", _INFO_PHASES, repeat)
        if args.items > 0:
            big = large_descriptor(args.items, scratch)
            big_ms = best_process_ms([*ovfmodel, "info", str(big)], max(1, repeat // 5))
            print(f"ovfmodel info {args.items} items".ljust(34) + f"{big_ms:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
