"""What a fresh process imports: only the generated classes of the version it reads, and only the
subcommand it runs (issue 16). Behaviour, not timings: tools/bench_start.py prints those."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import ovfmodel

ROOT = Path(__file__).resolve().parent.parent
OVF1_FILE = ROOT / "examples" / "legacy-vmware-1.0.ovf"
OVF2_FILE = ROOT / "examples" / "appliance.ovf"
GEN1 = "ovfmodel._generated.ovf_envelope_1"
GEN2 = "ovfmodel._generated.ovf_envelope_2"


def _modules_after(code: str) -> set[str]:
    """The ovfmodel modules a fresh interpreter has imported after running `code`."""
    script = (
        "import json, sys\n"
        + code
        + "\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith('ovfmodel'))))\n"
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
