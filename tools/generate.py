"""Regenerate generated/ (the package ovfmodel._generated) from the pinned DMTF/W3C schemas.

    python tools/generate.py [--schemas DIR] [--output DIR]

The pristine XSDs are never edited: they are copied to a temporary folder, the numbered
code-generation patches in PATCHES are applied to the copies, xsdata (pinned, configured by
tools/xsdata.xml) generates into another temporary folder, and the result replaces --output.
tools/gen_deferred.py then lets ovf_envelope_2 import its rarely used modules (CIM EPASD/SASD,
boot settings, XML encryption) on first use, tools/gen_plans.py adds the binder's table of
xsdata's metadata of the new classes (ovf_plans.py), and tools/gen_vocabulary.py the validator's
tables (ovf_vocabulary_N.py) made by the binder from them.
The same inputs always give the same bytes (no timestamps), which tests/test_generated.py checks.
The pristine files stay what validation uses.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
XS = "http://www.w3.org/2001/XMLSchema"
CATALOG_NS = "urn:oasis:names:tc:entity:xmlns:xml:catalog"


def _catalog() -> dict[str, str]:
    tree = etree.parse(str(ROOT / "schemas" / "catalog.xml"))
    return {
        el.get("name", ""): el.get("uri", "")
        for el in tree.getroot()
        if el.tag == f"{{{CATALOG_NS}}}uri"
    }


def patch_1_local_imports(root: etree._Element) -> int:
    """1. Rewrite absolute xs:import/xs:include schemaLocation URLs to local file names.

    xsdata would otherwise download them; the catalog says which file each URL is (OVF 1.1.0's
    CIM 2.22.0 URLs map to the cim-schema/2 files we pin).
    """
    mapping = _catalog()
    count = 0
    for el in root.iter(f"{{{XS}}}import", f"{{{XS}}}include"):
        loc = el.get("schemaLocation")
        if loc and loc in mapping:
            el.set("schemaLocation", mapping[loc])
            count += 1
    return count


def patch_2_vendor_sections(root: etree._Element) -> int:
    """2. Let every list of ovf:Section also hold vendor sections, in order.

    ovf:Section is a substitution group without a wildcard: vendor sections such as
    vmw:BootOrderSection or vbox:Machine have no place in the generated classes, and DSP0243
    explicitly allows them. Wrapping the reference in a repeated choice with a wildcard gives one
    ordered compound field holding standard and vendor sections alike.
    """
    count = 0
    for el in list(root.iter(f"{{{XS}}}element")):
        ref = el.get("ref", "")
        if not ref.endswith(":Section") or el.get("maxOccurs") != "unbounded":
            continue
        parent = el.getparent()
        assert parent is not None
        choice = etree.Element(f"{{{XS}}}choice", minOccurs=el.get("minOccurs", "1"))
        choice.set("maxOccurs", "unbounded")
        parent.replace(el, choice)
        for attr in ("minOccurs", "maxOccurs"):
            el.attrib.pop(attr, None)
        choice.append(el)
        etree.SubElement(choice, f"{{{XS}}}any", namespace="##other", processContents="lax")
        count += 1
    return count


# The numbered list of code-generation patches: (file glob, patch, minimum expected hits).
PATCHES: list[tuple[str, Callable[[etree._Element], int], int]] = [
    ("*.xsd", patch_1_local_imports, 0),
    ("dsp8023_*.xsd", patch_2_vendor_sections, 2),
]


def _verify_pins(schema_dir: Path) -> None:
    pins = json.loads((ROOT / "schemas" / "sources.json").read_text(encoding="utf-8"))
    for entry in pins["schemas"]:
        path = schema_dir / entry["file"]
        if not path.is_file():
            sys.exit(f"generate: {path} is missing; run tools/fetch_schemas.py first")
        if hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            sys.exit(f"generate: {path} does not have the pinned SHA-256")


def prepare(schema_dir: Path, work: Path) -> None:
    """Copy the pristine schemas into `work` and apply PATCHES to the copies."""
    parser = etree.XMLParser(load_dtd=False, resolve_entities=False, no_network=True)
    for src in sorted(schema_dir.glob("*.xsd")):
        tree = etree.parse(str(src), parser)
        for pattern, patch, minimum in PATCHES:
            if src.match(pattern):
                hits = patch(tree.getroot())
                if hits < minimum:
                    sys.exit(f"generate: {patch.__name__} matched {hits} places in {src.name}")
        tree.write(str(work / src.name), xml_declaration=True, encoding="UTF-8")


def generate(schema_dir: Path, output: Path) -> None:
    _verify_pins(schema_dir)
    with tempfile.TemporaryDirectory(prefix="ovfmodel-gen-") as tmp:
        work = Path(tmp) / "xsd"
        out = Path(tmp) / "out"
        work.mkdir()
        out.mkdir()
        prepare(schema_dir, work)
        # xsdata runs ruff on its output: use the pinned one beside this interpreter
        env = dict(os.environ)
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        cmd = [
            sys.executable,
            "-m",
            "xsdata",
            "generate",
            "--config",
            str(ROOT / "tools" / "xsdata.xml"),
        ]
        # one run over the whole folder, so modules shared by the entry schemas are written once
        run = subprocess.run([*cmd, str(work)], cwd=out, env=env, capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"generate: xsdata failed:\n{run.stdout}\n{run.stderr}")
        # xsdata snake-cases the package name (ovfmodel.generated); imports inside are relative,
        # so the folder is copied to generated/, which setuptools installs as ovfmodel._generated
        produced = out / "ovfmodel" / "generated"
        if not produced.is_dir():
            wrote = sorted(p.name for p in out.iterdir())
            sys.exit(f"generate: xsdata wrote no package; it wrote {wrote}")
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(produced, output)
        (output / "__init__.py").write_text(
            '"""Dataclasses generated by xsdata from the DMTF OVF/CIM schemas.\n\n'
            "Do not edit: regenerate with tools/generate.py.\n"
            '"""\n',
            encoding="utf-8",
        )
    # rarely used modules imported on first use (they cost cold starts half their import time);
    # then the binder's table of xsdata's metadata of these classes, then the validator's tables
    # of what the binder's plans (built from the first) say about them; each in a process that
    # imports the classes just written (not the installed ones)
    for tool in ("gen_deferred.py", "gen_plans.py", "gen_vocabulary.py"):
        run = subprocess.run(
            [sys.executable, str(ROOT / "tools" / tool), str(output)],
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            sys.exit(f"generate: {tool} failed:\n{run.stdout}\n{run.stderr}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--schemas", type=Path, default=ROOT / "schemas" / "xsd")
    ap.add_argument("--output", type=Path, default=ROOT / "generated")
    args = ap.parse_args(argv)
    generate(args.schemas, args.output)
    print(f"generated {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
