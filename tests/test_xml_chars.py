"""Values holding characters XML 1.0 cannot carry are refused when written, never written broken.

XML 1.0 (2.2, Char) admits tab, newline, carriage return and U+0020 upwards, without the
surrogates and U+FFFE/U+FFFF, even as character references (4.1, well-formedness constraint
"Legal Character"). A control character set in a property value, an annotation or an
environment value used to be written raw (or as `&#56575;` for an undecodable command-line byte),
giving a descriptor, an OVA or an ovf-env.xml that no XML parser reads.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import ovfmodel
from ovfmodel import model
from ovfmodel._generated import ovf_environment_1 as ovfenv
from ovfmodel.environment import (
    EnvironmentValueError,
    environment_for,
    parse_environment,
    serialize_environment,
)
from ovfmodel.errors import OvfError

DATA = Path(__file__).parent / "data"
CISCO = DATA / "cisco-appliance-deployment-options.ovf"
EXAMPLES = Path(__file__).parent.parent / "examples"

NOT_XML = ["a\x01b", "nul\x00", "a\x1bb", "a\ufffeb", "a\uffff", "a\udcffb"]


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "ovfmodel", *map(str, args)], cwd=cwd, capture_output=True
    )


@pytest.mark.parametrize("value", NOT_XML)
def test_descriptor_value_not_xml_is_refused(value: str) -> None:
    doc = ovfmodel.parse(CISCO)
    prop = model.properties(model.product_sections(model.virtual_systems(doc)[0])[0])[0]
    prop.value_attribute = value
    with pytest.raises(OvfError, match="XML 1.0") as info:
        ovfmodel.serialize(doc)
    assert isinstance(info.value, ValueError)
    prop.value_attribute = "line\n\ttab\r é \U0001f600"  # all of these are XML characters
    again = ovfmodel.parse(ovfmodel.serialize(doc))
    prop = model.properties(model.product_sections(model.virtual_systems(again)[0])[0])[0]
    assert prop.value_attribute == "line\n\ttab\r é \U0001f600"


@pytest.mark.parametrize("value", NOT_XML)
def test_element_text_not_xml_is_refused(value: str) -> None:
    doc = ovfmodel.parse(CISCO)
    vs = model.virtual_systems(doc)[0]
    assert vs.name is not None
    vs.name.value = value
    with pytest.raises(OvfError, match="XML 1.0"):
        ovfmodel.serialize(doc)


@pytest.mark.parametrize("value", NOT_XML)
def test_environment_value_not_xml_is_refused(value: str) -> None:
    with pytest.raises(EnvironmentValueError, match="day0-cli-1.*XML 1.0"):
        environment_for(ovfmodel.parse(CISCO), {"day0-cli-1": value})
    env = environment_for(ovfmodel.parse(CISCO))
    section = env.environment.sections[0]
    assert isinstance(section, ovfenv.PropertySection)
    section.property[0].value = value  # set on the document itself: refused when written
    with pytest.raises(OvfError, match="XML 1.0"):
        serialize_environment(env)
    good = environment_for(ovfmodel.parse(CISCO), {"day0-cli-1": "show ver\n\t| inc up"})
    assert parse_environment(serialize_environment(good)) == good


def test_env_cli_refuses_a_control_character(tmp_path: Path) -> None:
    out = tmp_path / "ovf-env.xml"
    done = run("env", CISCO, "--set", "day0-cli-1=a\x01b", "-o", out, cwd=tmp_path)
    assert done.returncode == 1, done
    assert b"ovfmodel: error:" in done.stderr and b"U+0001" in done.stderr
    assert b"Traceback" not in done.stderr
    assert not out.exists()
    # an undecodable byte in the command line (a surrogate escape) is no character either
    done = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "env", str(CISCO), "--set", b"day0-cli-1=a\xffb"],
        cwd=tmp_path,
        capture_output=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    assert done.returncode == 1, done
    assert b"ovfmodel: error:" in done.stderr and b"Traceback" not in done.stderr
    assert b"&#56575;" not in done.stdout


def test_edit_of_an_ova_with_a_control_character_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    doc = ovfmodel.parse(EXAMPLES / "appliance.ovf")
    for f in model.files(doc):  # small disks (the example's are 1.3 GB)
        f.size = 512
        (folder / f.href).write_bytes(b"\0" * 512)
    (folder / "appliance.ovf").write_bytes(ovfmodel.serialize(doc))
    ova = tmp_path / "appliance.ova"
    assert run("pack", folder / "appliance.ovf", "-o", ova, cwd=tmp_path).returncode == 0
    before = ova.read_bytes()
    done = run("edit", ova, "--annotation", "bad\x01annotation", cwd=tmp_path)
    assert done.returncode != 0, done
    assert b"ovfmodel: error:" in done.stderr and b"Traceback" not in done.stderr
    assert ova.read_bytes() == before
    done = run("edit", ova, "--annotation", "bad\x01annotation", "-o", "out.ova", cwd=tmp_path)
    assert done.returncode != 0 and not (tmp_path / "out.ova").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["appliance.ova", "pkg"]
    with tarfile.open(ova) as tar:
        assert tar.getnames()[0] == "appliance.ovf"
