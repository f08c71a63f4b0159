"""What a fresh process imports: only the generated classes of the version it reads, and only the
subcommand it runs (issue 16). Behaviour, not timings: tools/bench_start.py prints those."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest
from xsdata.formats.dataclass.models.generics import AnyElement

import ovfmodel

ROOT = Path(__file__).resolve().parent.parent
OVF1_FILE = ROOT / "examples" / "legacy-vmware-1.0.ovf"
OVF2_FILE = ROOT / "examples" / "appliance.ovf"
GEN1 = "ovfmodel._generated.ovf_envelope_1"
GEN2 = "ovfmodel._generated.ovf_envelope_2"


def _modules_after(code: str, prefix: str = "ovfmodel") -> set[str]:
    """The modules (by default the ovfmodel ones) a fresh interpreter has imported after
    running `code`."""
    script = (
        "import json, sys\n"
        + code
        + f"\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith({prefix!r}))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_import_alone_loads_no_generated_classes() -> None:
    loaded = _modules_after("import ovfmodel")
    assert not {m for m in loaded if m.startswith("ovfmodel._generated")}
    assert "ovfmodel.validation" not in loaded
    assert "ovfmodel.environment" not in loaded


@pytest.mark.parametrize(
    ("path", "wanted", "unwanted", "version"),
    [(OVF1_FILE, GEN1, GEN2, "1.0"), (OVF2_FILE, GEN2, GEN1, "2.0")],
)
def test_parsing_one_version_imports_only_its_classes(
    path: Path, wanted: str, unwanted: str, version: str
) -> None:
    loaded = _modules_after(
        "import ovfmodel\n"
        f"doc = ovfmodel.parse({str(path)!r})\n"
        f"assert doc.version == {version!r}, doc.version\n"
        "assert ovfmodel.parse(ovfmodel.serialize(doc)) == doc\n"
    )
    assert wanted in loaded
    assert unwanted not in loaded


# xsdata's binding context: its import scans every installed distribution's entry points
# (xsdata.utils.hooks, through importlib.metadata); the binder's plans come from a generated
# table instead (ovfmodel.plantable)
XSDATA_CONTEXT = {
    "xsdata.formats.dataclass.context",
    "xsdata.formats.dataclass.compat",
    "xsdata.utils.hooks",
}


def test_parsing_and_info_import_no_xsdata_context() -> None:
    loaded = _modules_after(
        "import ovfmodel\n"
        f"doc = ovfmodel.parse({str(OVF1_FILE)!r})\n"
        "assert ovfmodel.parse(ovfmodel.serialize(doc)) == doc\n",
        prefix="",
    )
    assert GEN1 in loaded and "xsdata" in loaded  # the model, and AnyElement's xsdata modules
    assert not loaded & XSDATA_CONTEXT
    assert "importlib.metadata" not in loaded
    # writing files (ovfmodel.write) is where tempfile and shutil are needed, not parsing
    assert not loaded & {"ovfmodel.atomicfile", "tempfile", "shutil"}
    done, loaded = _cli_run("info", str(OVF2_FILE))
    assert done.returncode == 0, done.stderr
    assert "round trip: lossless" in done.stdout and GEN2 in loaded
    assert not loaded & XSDATA_CONTEXT
    assert "importlib.metadata" not in loaded  # (nor through pydantic: text output has none)


def test_every_public_name_is_importable_and_is_the_real_object() -> None:
    import ovfmodel.binding
    import ovfmodel.document
    import ovfmodel.environment
    import ovfmodel.validation
    from ovfmodel._generated import ovf_envelope_1, ovf_envelope_2, ovf_environment_1

    for name in ovfmodel.__all__:
        assert getattr(ovfmodel, name) is not None, name
    assert ovfmodel.ovf1 is ovf_envelope_1
    assert ovfmodel.ovf2 is ovf_envelope_2
    assert ovfmodel.ovfenv is ovf_environment_1
    assert ovfmodel.parse is ovfmodel.document.parse
    assert ovfmodel.OvfDocument is ovfmodel.document.OvfDocument
    assert ovfmodel.source_info is ovfmodel.binding.source_info
    assert ovfmodel.parse_environment is ovfmodel.environment.parse_environment
    assert ovfmodel.validate is ovfmodel.validation.validate
    # and each one in a fresh interpreter, with `from ovfmodel import NAME`
    names = ", ".join(ovfmodel.__all__)
    loaded = _modules_after(f"from ovfmodel import {names}")
    assert GEN1 in loaded and GEN2 in loaded


def test_unknown_attributes_still_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'no_such_thing'"):
        getattr(ovfmodel, "no_such_thing")  # noqa: B009
    assert not hasattr(ovfmodel, "__no_such_dunder__")
    # a submodule used as an attribute is imported on first use, as before the API became lazy
    assert ovfmodel.model.virtual_systems is not None


# the modules each area's subcommands need and no other subcommand should load
AREA_MODULES = {
    "edit": ("ovfmodel.edit",),
    "package": (
        "ovfmodel.package.package",
        "ovfmodel.package.checks",
        "ovfmodel.package.members",
        "ovfmodel.package.writer",
        "ovfmodel.package.directory",
        "ovfmodel.package.cli",
    ),
    "lsp": ("ovfmodel.lsp",),
    "portability": ("ovfmodel.portability.cli", "ovfmodel.portability.vsphere"),
    "builder": ("ovfmodel.builder",),
    "environment": ("ovfmodel.environment",),
    "validation": ("ovfmodel.validation",),
}


def _cli_run(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """`python -m ovfmodel ARGS` run as the real command, and every module it loaded."""
    code = (
        "import atexit, json, runpy, sys\n"
        "atexit.register(lambda: sys.stderr.write('\\nMODULES ' + json.dumps("
        "sorted(sys.modules)) + '\\n'))\n"
        f"sys.argv = ['ovfmodel', *{list(args)!r}]\n"
        "runpy.run_module('ovfmodel', run_name='__main__')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    line = [x for x in done.stderr.splitlines() if x.startswith("MODULES ")][-1]
    return done, set(json.loads(line.removeprefix("MODULES ")))


def _cli_modules(*args: str) -> set[str]:
    """The ovfmodel modules loaded by `python -m ovfmodel ARGS` (run as the real command)."""
    return {m for m in _cli_run(*args)[1] if m.startswith("ovfmodel")}


def _areas_loaded(loaded: set[str]) -> set[str]:
    return {area for area, mods in AREA_MODULES.items() if any(m in loaded for m in mods)}


def test_validate_imports_no_other_subcommand() -> None:
    loaded = _cli_modules("validate", str(OVF2_FILE))
    assert "ovfmodel.validation.cli" in loaded
    assert _areas_loaded(loaded) == {"validation"}


@pytest.mark.parametrize(("path", "table"), [(OVF1_FILE, "1"), (OVF2_FILE, "2")])
def test_validate_imports_neither_the_generated_classes_nor_xsdata(path: Path, table: str) -> None:
    """The validator reads the binder's plans from the generated tables (issue 16); --no-xsd
    walks the real plans (converters) and imports the model then."""
    done, loaded = _cli_run("validate", str(path))
    assert done.returncode == 0, done.stderr
    unwanted = {"xsdata", "ovfmodel.binding", "ovfmodel.document"}
    assert not {m for m in loaded if m.partition(".")[0] == "xsdata" or m in unwanted}
    assert not {m for m in loaded if m.startswith("ovfmodel._generated.ovf_envelope_")}
    generated = {m for m in loaded if m.startswith("ovfmodel._generated.")}
    assert generated == {f"ovfmodel._generated.ovf_vocabulary_{table}"}
    # without the schema, OVF003/OVF004 come from the binder's own plans (converters)
    done, loaded = _cli_run("validate", "--no-xsd", str(path))
    assert f"ovfmodel._generated.ovf_envelope_{table}" in loaded and "xsdata" in loaded


def test_validate_imports_pydantic_only_for_json() -> None:
    """The diagnostics are stdlib dataclasses; pydantic serves the JSON output alone."""
    done, loaded = _cli_run("validate", str(OVF2_FILE))
    assert (done.returncode, done.stdout) == (
        0,
        "1 file(s) checked: 0 error(s), 0 other diagnostic(s)\n",
    )
    assert "ovfmodel.validation.output" in loaded and "pydantic" not in loaded
    missing = ROOT / "tests" / "data" / "invalid-parent-missing.ovf"
    done, loaded = _cli_run("validate", str(missing))  # diagnostics made, sorted and printed
    assert "warning OVF402" in done.stdout and "pydantic" not in loaded
    # SARIF lists every rule: the importers' rule modules load, their summary models (pydantic)
    # and their port() edits (the typed model) do not
    done, loaded = _cli_run("validate", "--format", "sarif", "--target", "vsphere", str(missing))
    assert '"ruleId": "OVF402"' in done.stdout and "ovfmodel.portability.vsphere" in loaded
    assert not loaded & {"pydantic", "xsdata", "ovfmodel.document", "ovfmodel.portability.edits"}
    done, loaded = _cli_run("validate", "--format", "json", str(missing))
    assert done.returncode == 0, done.stderr  # OVF402 is a warning
    [report] = json.loads(done.stdout)
    assert [d["code"] for d in report["diagnostics"]] == ["OVF402"]
    assert report["diagnostics"][0]["location"]["line"] == 63
    assert "pydantic" in loaded


def test_info_imports_pydantic_only_for_json() -> None:
    """`info`'s summary (and each importer's, --target) are stdlib dataclasses: text output
    loads no pydantic; --json and the schema go through it."""
    done, loaded = _cli_run("info", "--target", "vsphere", str(OVF2_FILE))
    assert done.returncode == 0, done.stderr
    assert "round trip: lossless" in done.stdout and "on VMware vSphere" in done.stdout
    assert "pydantic" not in loaded
    done, loaded = _cli_run("info", "--json", str(OVF2_FILE))
    (product,) = json.loads(done.stdout)["contents"][0]["products"]
    assert "class" in product and "class_" not in product  # the alias, as before
    assert "pydantic" in loaded


@pytest.mark.parametrize(
    ("path", "wanted", "unwanted"), [(OVF1_FILE, GEN1, GEN2), (OVF2_FILE, GEN2, GEN1)]
)
def test_info_imports_no_subcommand_area_nor_the_other_version(
    path: Path, wanted: str, unwanted: str
) -> None:
    loaded = _cli_modules("info", str(path))
    assert "ovfmodel.info" in loaded
    assert _areas_loaded(loaded) == set()
    assert wanted in loaded and unwanted not in loaded


def test_info_target_and_validate_select_load_the_target_rules() -> None:
    loaded = _cli_modules("info", "--target", "vsphere", str(OVF2_FILE))
    assert "ovfmodel.portability.vsphere" in loaded
    # SARIF lists every rule, as when every subcommand was loaded: PKG and target rules too
    done = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "validate", "--format", "sarif", str(OVF2_FILE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    rules = [r["id"] for r in json.loads(done.stdout)["runs"][0]["tool"]["driver"]["rules"]]
    prefixes = list(dict.fromkeys(code.rstrip("0123456789") for code in rules))
    assert prefixes == ["OVF", "PKG", "PVE", "V2V", "VBOX", "VSPHERE", "XEN"]
    done = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "validate", "--ignore", "PKG1,XEN", str(OVF2_FILE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr


def test_model_aliases_at_run_time_name_both_versions() -> None:
    from ovfmodel import model
    from ovfmodel._generated import ovf_envelope_1 as ovf1
    from ovfmodel._generated import ovf_envelope_2 as ovf2

    assert model.Item == ovf1.RasdType | ovf2.RasdType | ovf2.SasdType | ovf2.EpasdType
    assert model.SharedDiskSection is ovf2.SharedDiskSectionType
    assert model.Section == ovf1.SectionType | ovf2.SectionType | AnyElement
    assert model.SECTION_TYPES["DiskSection"] == (ovf1.DiskSectionType, ovf2.DiskSectionType)
    for path in (OVF1_FILE, OVF2_FILE):
        top = ovfmodel.parse(path).envelope.content
        assert isinstance(top, model.VIRTUAL_SYSTEM) and not isinstance(top, model.COLLECTION)
        assert isinstance(top, (model.COLLECTION, model.VIRTUAL_SYSTEM))


def test_help_still_lists_every_subcommand() -> None:
    from ovfmodel.cli import COMMANDS, build_parser

    done = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "--help"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0
    for command in [*COMMANDS, "info", "schemas", "schema"]:
        assert f"    {command} " in done.stdout, command
    # and COMMANDS names exactly what the areas register
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == {*COMMANDS, "info", "schemas", "schema"}


def test_one_subcommand_parser_matches_the_whole_parser() -> None:
    from ovfmodel.cli import COMMANDS, build_parser

    def help_of(parser: argparse.ArgumentParser, command: str) -> str:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return str(sub.choices[command].format_help())

    whole = build_parser()
    for command in [*COMMANDS, "info", "schemas", "schema"]:
        assert help_of(build_parser(command), command) == help_of(whole, command), command


def test_mistyped_subcommand_lists_every_choice() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "valdate", "x.ovf"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert "invalid choice: 'valdate'" in done.stderr
    assert "'validate'" in done.stderr and "'convert'" in done.stderr


@pytest.mark.parametrize(
    "module_name",
    [GEN1, GEN2, "ovfmodel._generated.ovf_environment_1"],
)
def test_xsi_type_table_names_each_class_as_xsdata_does(module_name: str) -> None:
    """The generated xsi:type table (tools/gen_plans.py) against xsdata's own metadata: every
    dataclass of the module (its companion's too: tools/gen_deferred.py) whose type name ends
    in _Type, in the namespace XmlContext gives it."""
    import importlib
    from dataclasses import is_dataclass

    from xsdata.formats.dataclass.context import XmlContext

    from ovfmodel import plantable

    module = importlib.import_module(module_name)
    ctx = XmlContext()
    expected: dict[str, type] = {}
    for cls in vars(module).values():
        name = str(getattr(getattr(cls, "Meta", None), "name", None) or "")
        homes = (module_name, module_name + "_deferred")
        home = isinstance(cls, type) and is_dataclass(cls) and cls.__module__ in homes
        if home and name.endswith("_Type"):
            ns = ctx.build(cls).namespace or getattr(module, "__NAMESPACE__", "") or ""
            expected["{" + ns + "}" + name] = cls
    assert expected
    table = plantable.xsi_types(module_name.rpartition(".")[2])
    assert {qname: plantable.resolve(key) for qname, key in table.items()} == expected


def test_first_use_from_many_threads_at_once() -> None:
    """The lazy imports (API names, each version's classes, model's checks) raced by threads
    in a fresh interpreter: every thread gets a whole, correct document."""
    code = (
        "import sys, threading\n"
        "import ovfmodel\n"
        "from concurrent.futures import ThreadPoolExecutor\n"
        "barrier = threading.Barrier(8)\n"
        "def one(i):\n"
        f"    path = [{str(OVF1_FILE)!r}, {str(OVF2_FILE)!r}][i % 2]\n"
        "    barrier.wait()\n"
        "    doc = ovfmodel.parse(path)\n"
        "    vs = ovfmodel.model.virtual_systems(doc)\n"
        "    items = ovfmodel.model.items(vs[0])\n"
        "    report = ovfmodel.validate(path, xsd=False)\n"
        "    return doc.version, len(items), doc.family.model_ns, report.ok\n"
        "with ThreadPoolExecutor(8) as pool:\n"
        "    found = set(pool.map(one, range(8)))\n"
        "print(sorted(found))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    one = ovfmodel.parse(OVF1_FILE)
    two = ovfmodel.parse(OVF2_FILE)
    expected = sorted(
        (
            doc.version,
            len(ovfmodel.model.items(ovfmodel.model.virtual_systems(doc)[0])),
            doc.family.model_ns,
            True,
        )
        for doc in (one, two)
    )
    assert done.stdout.strip() == str(expected)


def test_a_submodule_missing_its_optional_dependency_is_no_attribute() -> None:
    """hasattr(ovfmodel, "strategies") without hypothesis answers False (it raised ImportError),
    and the attribute's error says what to install."""
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.partition('.')[0] == 'hypothesis':\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import ovfmodel\n"
        "assert hasattr(ovfmodel, 'strategies') is False\n"
        "try:\n"
        "    ovfmodel.strategies\n"
        "except AttributeError as exc:\n"
        "    print(exc)\n"
        "assert hasattr(ovfmodel, 'model') and not hasattr(ovfmodel, 'nosuch')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "ovfmodel[strategies]" in done.stdout
