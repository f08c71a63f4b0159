"""No raw `]]>` outside CDATA in anything ovfmodel writes.

XML 1.0 allows `]]>` in an attribute value, but Go's encoding/xml (govmomi, every Go consumer)
rejects the whole document: "unescaped ]]> not in CDATA section" (its decoder applies the rule
to character data and attribute values alike). The writer spells the `>` of `]]>` as `&gt;`,
which C14N reads as the same value.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import ovfmodel
from ovfmodel import model
from ovfmodel.environment import environment_for, parse_environment, serialize_environment
from ovfmodel.info import canonical
from ovfmodel.writer import escape_attr

ROOT = Path(__file__).resolve().parent.parent
APPLIANCE = ROOT / "examples" / "appliance.ovf"
_SKIPPED = re.compile(rb"<!\[CDATA\[.*?\]\]>|<!--.*?-->|<\?.*?\?>", re.S)


def go_accepts(data: bytes) -> bool:
    """Go's encoding/xml rule: `]]>` appears only as the end of a CDATA section (comments and
    processing instructions are not character data)."""
    return b"]]>" not in _SKIPPED.sub(b"", data)


def test_the_checker_itself() -> None:
    assert go_accepts(b'<a v="]]&gt;"><![CDATA[x]]></a>')
    assert not go_accepts(b'<a v="x ]]> y"/>')
    assert not go_accepts(b"<a>x ]]> y</a>")


def test_escape_attr() -> None:
    assert escape_attr("a ]]> b") == "a ]]&gt; b"
    assert escape_attr("]]]>>") == "]]]&gt;>"
    assert escape_attr("a > b") == "a > b"  # only where ]]> would appear
    assert escape_attr('"]]>&') == "&quot;]]&gt;&amp;"


def test_round_trip_of_an_escaped_value_stays_escaped() -> None:
    original = APPLIANCE.read_bytes().replace(b'ovf:value="mailgw"', b'ovf:value="a ]]&gt; b"', 1)
    original = original.replace(b"<Label>", b"<Label>x ]]&gt; y ", 1)
    assert original.count(b"]]&gt;") == 2
    doc = ovfmodel.parse(original)
    out = ovfmodel.serialize(doc)
    assert go_accepts(out), out
    assert canonical(out) == canonical(original)
    prop = model.properties(model.product_sections(model.virtual_systems(doc)[0])[0])[0]
    assert prop.value_attribute == "a ]]> b"


def test_values_set_in_python_are_written_for_go() -> None:
    doc = ovfmodel.parse(APPLIANCE)
    vs = model.virtual_systems(doc)[0]
    prop = model.properties(model.product_sections(vs)[0])[0]
    prop.value_attribute = "]]>"
    prop.key = "k]]>"
    out = ovfmodel.serialize(doc)
    assert go_accepts(out)
    again = model.properties(
        model.product_sections(model.virtual_systems(ovfmodel.parse(out))[0])[0]
    )[0]
    assert (again.value_attribute, again.key) == ("]]>", "k]]>")


def test_environment_documents() -> None:
    doc = ovfmodel.parse(APPLIANCE)
    env = environment_for(doc, {"admin.password": "p]]>q-long-enough", "hostname": "h]]>"})
    data = serialize_environment(env)
    assert go_accepts(data), data
    assert b"p]]&gt;q-long-enough" in data
    # read back: the same values, and written the same way again
    again = parse_environment(data)
    assert serialize_environment(again) == data


def test_env_set_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "ovf-env.xml"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ovfmodel",
            "env",
            str(APPLIANCE),
            "--set",
            "admin.password=secret]]>secret",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    assert go_accepts(data) and b"secret]]&gt;secret" in data
