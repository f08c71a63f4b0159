"""The `ovfmodel` command: info, validate, build, schema, pack, verify, unpack, env, schemas.

Each area registers its own subcommands (`register(subparsers)` in its cli module); this module
only assembles them and turns ovfmodel errors into messages and exit codes (0 ok, 1 problems
found, 2 bad usage or unreadable input) instead of tracebacks.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from . import model, schemas
from ._version import __version__
from .document import OvfDocument, parse, serialize
from .errors import OvfError

# areas that add subcommands; each module has register(subparsers)
_AREAS = (
    "ovfmodel.validation.cli",
    "ovfmodel.builder.cli",
    "ovfmodel.package.cli",
    "ovfmodel.environment.cli",
    "ovfmodel.lsp.cli",
)


def _canonical(data: bytes) -> str:
    """C14N 2.0 of a document without comments and whitespace-only text: what round-trip keeps."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    root = etree.fromstring(data, parser)
    for el in root.iter():
        if el.text is not None and not el.text.strip():
            el.text = None
        if el.tail is not None and not el.tail.strip():
            el.tail = None
    return str(etree.canonicalize(etree.tostring(root, encoding="unicode"), with_comments=False))


def round_trips(doc: OvfDocument, original: bytes) -> bool:
    """True when serializing `doc` gives back `original` (C14N 2.0, comments and blanks aside)."""
    return _canonical(serialize(doc)) == _canonical(original)


def _summary(doc: OvfDocument) -> list[str]:
    lines = [f"OVF {doc.version} descriptor ({doc.namespace})"]
    files = model.files(doc)
    lines.append(f"  files: {len(files)}")
    for f in files:
        size = f"{f.size} bytes" if f.size is not None else "size unknown"
        extra = f", {f.compression}" if f.compression else ""
        lines.append(f"    {f.id}: {f.href} ({size}{extra})")
    disks = model.disks(doc)
    lines.append(f"  disks: {len(disks)}")
    for d in disks:
        units = f" {d.capacity_allocation_units}" if d.capacity_allocation_units != "byte" else ""
        lines.append(f"    {d.disk_id}: capacity {d.capacity}{units}, file {d.file_ref or '-'}")
    nets = model.networks(doc)
    lines.append(f"  networks: {', '.join(n.name for n in nets) or 'none'}")
    for content in model.iter_content(doc):
        kind = "VirtualSystem" if isinstance(content, model.VIRTUAL_SYSTEM) else "Collection"
        name = model.name_of(content)
        title = f"  {kind} {content.id}" + (f" ({name})" if name else "")
        lines.append(title)
        if not isinstance(content, model.VIRTUAL_SYSTEM):
            continue
        items = model.items(content)
        lines.append(f"    hardware items: {len(items)}")
        for item in items:
            rtype = model.cim(item.resource_type)
            number = getattr(rtype, "value", rtype)
            ename = model.cim(item.element_name)
            lines.append(f"      [{model.cim(item.instance_id)}] type {number}: {ename}")
        for ps in model.product_sections(content):
            product = ps.product.value if ps.product is not None else "?"
            props = model.properties(ps)
            lines.append(f"    product {product}: {len(props)} properties")
    return lines


def _cmd_info(args: argparse.Namespace) -> int:
    path = Path(args.descriptor)
    try:
        original = path.read_bytes()
        doc = parse(original, name=str(path))
    except OSError as exc:
        print(f"ovfmodel: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except OvfError as exc:
        print(f"ovfmodel: {exc}", file=sys.stderr)
        return 2
    print("\n".join(_summary(doc)))
    if round_trips(doc, original):
        print("round trip: lossless (serialize(parse(file)) equals the file under C14N 2.0)")
        return 0
    print("round trip: DIFFERS from the source (please report this as a bug)")
    return 1


def _cmd_schemas(args: argparse.Namespace) -> int:
    if args.action == "fetch":
        target = Path(args.target) if args.target else schemas.user_cache_dir()
        source = Path(args.source) if args.source else None
        written = schemas.fetch(target, source)
        print(f"{len(written)} schema files verified and installed in {target}")
        return 0
    directory = schemas.schema_dir()
    schemas.verify(directory)
    print(f"schemas OK in {directory}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ovfmodel", description="Read, check, build and package OVF appliances."
    )
    parser.add_argument("--version", action="version", version=f"ovfmodel {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    info = sub.add_parser("info", help="summarise a descriptor and check that it round-trips")
    info.add_argument("descriptor")
    info.set_defaults(func=_cmd_info)
    sch = sub.add_parser("schemas", help="install or check the DMTF schemas used for validation")
    sch.add_argument("action", choices=["fetch", "check"])
    sch.add_argument("--from", dest="source", help="copy from this folder instead of downloading")
    sch.add_argument("--target", help="folder to fill (default: the user cache folder)")
    sch.set_defaults(func=_cmd_schemas)
    import importlib

    for name in _AREAS:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Any = args.func
    try:
        return int(func(args))
    except OvfError as exc:
        print(f"ovfmodel: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`ovfmodel verify x.ova --format json | head`): stop quietly,
        # and keep Python from reporting the pipe again when it flushes stdout at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
