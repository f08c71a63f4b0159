"""`ovfmodel edit IN [-o OUT [--force]]`: several edits at once on a descriptor, folder or OVA.

The edits are made in memory in a fixed order (profiles, networks, hardware, storage, files,
product, properties, texts); if any is refused nothing is written (exit 1). Without -o the
input is replaced (atomically); an OUT that exists is replaced only with --force. An OVA or
folder is written back as a package: manifest with the input's algorithm, signed again with
--sign/--cert or the signature dropped (warned).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import atomicfile
from ..cliutil import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    SigningRequest,
    add_signing_options,
    error,
    fail,
)
from ..document import parse, write
from ..errors import EditError, OvfError, OvfParseError, PackageError
from ..xmlsafe import read_regular
from . import Editor
from .convert import convert
from .package import open_package_editor

if TYPE_CHECKING:
    from ..builder.spec import PropertySpec


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "edit",
        help="change a descriptor, package folder or OVA (hardware, disks, networks, product...)",
        description="Apply several edits at once; nothing is written unless all succeed.",
    )
    p.add_argument("input", type=Path, metavar="IN", help=".ovf, package folder or .ova")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="default: replace IN")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.add_argument("--vs", metavar="ID", help="the virtual system to edit (if there are several)")
    p.add_argument(
        "--profile", metavar="ID", help="apply --cpus/--memory/--set-property to one configuration"
    )
    g = p.add_argument_group("hardware")
    g.add_argument("--cpus", type=int, metavar="N")
    g.add_argument("--cores-per-socket", type=int, metavar="N")
    g.add_argument("--memory", metavar="SIZE", help="e.g. 8GiB, 512MiB (a bare number is MiB)")
    g.add_argument("--nic", action="append", default=[], metavar="NETWORK[:TYPE]", help="add a NIC")
    g.add_argument(
        "--nic-network", action="append", default=[], metavar="ID=NETWORK", help="reconnect a NIC"
    )
    g.add_argument(
        "--nic-type", action="append", default=[], metavar="ID=TYPE", help="retype a NIC"
    )
    g.add_argument("--add-serial", action="store_true", help="add a serial port")
    g.add_argument("--add-cdrom", action="store_true", help="add an empty CD-ROM drive")
    g.add_argument(
        "--add-controller",
        action="append",
        default=[],
        metavar="KIND[:SUBTYPE]",
        help="ide, scsi, sata or nvme",
    )
    g.add_argument(
        "--remove-device", action="append", default=[], metavar="ID", help="by InstanceID"
    )
    g.add_argument("--with-children", action="store_true", help="remove a controller's devices")
    s = p.add_argument_group("disks and files")
    s.add_argument("--add-disk", action="append", default=[], type=Path, metavar="FILE")
    s.add_argument("--add-empty-disk", action="append", default=[], metavar="SIZE")
    s.add_argument("--controller", metavar="SPEC", help="scsi0, sata0, ide1 or an InstanceID")
    s.add_argument("--remove-disk", action="append", default=[], metavar="ID")
    s.add_argument("--add-file", action="append", default=[], type=Path, metavar="FILE")
    s.add_argument("--remove-file", action="append", default=[], metavar="ID")
    s.add_argument(
        "--inject-config",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="put FILE in an ISO image on a new CD-ROM",
    )
    s.add_argument("--iso-name", default="config.iso", metavar="NAME")
    s.add_argument("--iso-label", default="config", metavar="LABEL", help="e.g. cidata")
    n = p.add_argument_group("networks")
    n.add_argument("--add-network", action="append", default=[], metavar="NAME")
    n.add_argument("--rename-network", action="append", default=[], metavar="OLD=NEW")
    n.add_argument("--remove-network", action="append", default=[], metavar="NAME")
    n.add_argument(
        "--with-users",
        action="store_true",
        help="remove what uses a removed item (and the properties of a removed category)",
    )
    d = p.add_argument_group("product and properties")
    for flag in ("product", "vendor", "product-version", "full-version"):
        d.add_argument(f"--{flag}", metavar="TEXT")
    for flag in ("product-url", "vendor-url", "app-url"):
        d.add_argument(f"--{flag}", metavar="URL")
    d.add_argument("--set-property", action="append", default=[], metavar="KEY=VALUE")
    d.add_argument(
        "--add-property",
        action=_InOrder,
        default=[],
        metavar="KEY:TYPE[=DEFAULT]|JSON",
        help="a user-configurable property; or a JSON object shaped as a build spec's property "
        '(e.g. \'{"key": "admin", "type": "string", "label": "Admin", "password": true, '
        '"min_len": 8}\'; user_configurable defaults to true here)',
    )
    d.add_argument("--remove-property", action="append", default=[], metavar="KEY")
    d.add_argument(
        "--add-category",
        action=_InOrder,
        default=[],
        metavar="TEXT",
        help="a category heading; properties added after it are listed under it",
    )
    d.add_argument(
        "--remove-category",
        action="append",
        default=[],
        metavar="TEXT",
        help="with --with-users, its properties too",
    )
    d.add_argument("--add-profile", action="append", default=[], metavar="ID[:LABEL]")
    d.add_argument("--remove-profile", action="append", default=[], metavar="ID")
    d.add_argument("--default-profile", metavar="ID")
    d.add_argument("--annotation", metavar="TEXT")
    d.add_argument("--eula-file", type=Path, metavar="FILE", help="license text (UTF-8)")
    d.add_argument("--os-type", type=int, metavar="N", help="CIM OSType, e.g. 101")
    k = p.add_argument_group("package")
    add_signing_options(k, "the edited package")
    k.add_argument(
        "--digest",
        choices=["keep", "sha1", "sha256", "sha512", "none"],
        default="keep",
        help="manifest algorithm (default: the input's)",
    )
    edits = [
        (a.dest, a.default, a.option_strings[-1], group.title or "")
        for group in (g, s, n, d, k)
        for a in group._group_actions
        if a.dest not in _MODIFIERS
    ]
    p.set_defaults(func=_edit, edit_options=edits)
    c = subparsers.add_parser(
        "convert",
        help="convert a descriptor, package folder or OVA to another OVF version",
        description="OVF 0.9 to 1.x, 1.x to 2.0, 2.0 to 1.x when it can be expressed there.",
    )
    c.add_argument("input", type=Path, metavar="IN", help=".ovf, package folder or .ova")
    c.add_argument("--to", required=True, choices=["1.0", "1.1", "2.0"])
    c.add_argument("-o", "--output", type=Path, metavar="OUT", help="default: replace IN")
    c.add_argument("--force", action="store_true", help="replace OUT if it exists")
    add_signing_options(c, "the converted package")
    c.add_argument("--digest", choices=["keep", "sha1", "sha256", "sha512", "none"], default="keep")
    c.set_defaults(func=_convert)


def _pair(text: str, sep: str, flag: str) -> tuple[str, str]:
    left, found, right = text.partition(sep)
    if not found or not left:
        raise _Usage(f"--{flag} takes {left or 'A'}{sep}B, not {text!r}")
    return left, right


class _Usage(Exception):
    pass


class _InOrder(argparse._AppendAction):
    """`append`, also recording (dest, value) in one list shared by the options using it, so
    that their values can be applied in the order they were given."""

    ORDER = "in_order"

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        super().__call__(parser, namespace, values, option_string)
        order = getattr(namespace, self.ORDER, None)
        if order is None:
            order = []
            setattr(namespace, self.ORDER, order)
        order.append((self.dest, values))


def _property_spec(text: str) -> PropertySpec:
    """--add-property given as JSON: the build spec's property shape, checked by pydantic."""
    import json

    from pydantic import ValidationError

    from ..builder.spec import PropertySpec

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Usage(f"--add-property: not JSON ({exc.msg} at character {exc.pos})") from None
    if not isinstance(data, dict):
        raise _Usage('--add-property: give a JSON object such as \'{"key": "k"}\'')
    data.setdefault("user_configurable", True)
    try:
        return PropertySpec.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'value'}: {e['msg']}" for e in exc.errors()
        )
        known = ", ".join(PropertySpec.model_fields)
        raise _Usage(f"--add-property: {problems} (the fields are {known})") from None


#: options that only qualify the edits (where, how): on their own they change nothing
_MODIFIERS = frozenset(
    {
        "controller",
        "with_children",
        "with_users",
        "iso_name",
        "iso_label",
        "cert",
        "key_password_env",
    }
)


def _no_edit_message(args: argparse.Namespace) -> str | None:
    """None when an edit option was given, otherwise the usage error naming the options."""
    options: list[tuple[str, Any, str, str]] = args.edit_options
    if any(getattr(args, dest) != default for dest, default, _, _ in options):
        return None
    groups: dict[str, list[str]] = {}
    for _, _, flag, title in options:
        groups.setdefault(title, []).append(flag)
    listed = "; ".join(f"{title}: {' '.join(flags)}" for title, flags in groups.items())
    return f"no edit given; the edit options are {listed} (see ovfmodel edit --help)"


def _apply(ed: Editor, args: argparse.Namespace, scratch: Path | None) -> None:
    vs, profile = args.vs, args.profile
    for spec in args.add_profile:
        ident, _, label = spec.partition(":")
        ed.add_deployment_option(ident, label or ident)
    if args.default_profile:
        ed.set_default_deployment_option(args.default_profile)
    for name in args.add_network:
        ed.add_network(name)
    for spec in args.rename_network:
        ed.rename_network(*_pair(spec, "=", "rename-network"))
    for spec in args.add_controller:
        kind, _, subtype = spec.partition(":")
        ed.add_controller(kind, subtype=subtype or None, vs=vs)
    if args.cpus is not None or args.cores_per_socket is not None:
        if args.cpus is None:
            raise _Usage("--cores-per-socket goes with --cpus")
        ed.set_cpus(args.cpus, cores_per_socket=args.cores_per_socket, configuration=profile, vs=vs)
    if args.memory is not None:
        ed.set_memory(args.memory, configuration=profile, vs=vs)
    for spec in args.nic:
        network, _, subtype = spec.partition(":")
        ed.add_nic(network, subtype=subtype or "VmxNet3", vs=vs)
    for spec in args.nic_network:
        nic, network = _pair(spec, "=", "nic-network")
        ed.set_nic(nic, network=network, vs=vs)
    for spec in args.nic_type:
        nic, subtype = _pair(spec, "=", "nic-type")
        ed.set_nic(nic, subtype=subtype, vs=vs)
    if args.add_serial:
        ed.add_serial_port(vs=vs)
    if args.add_cdrom:
        ed.add_cdrom(controller=args.controller, vs=vs)
    for disk in args.add_disk:
        ed.add_disk(disk, controller=args.controller, vs=vs)
    for size in args.add_empty_disk:
        ed.add_disk(capacity=size, controller=args.controller, vs=vs)
    for disk_id in args.remove_disk:
        ed.remove_disk(disk_id)
    for device in args.remove_device:
        ed.remove_device(device, with_children=args.with_children, vs=vs)
    for path in args.add_file:
        ed.add_file(path)
    for file_id in args.remove_file:
        ed.remove_file(file_id, with_users=args.with_users)
    for name in args.remove_network:
        ed.remove_network(name, with_users=args.with_users)
    if args.inject_config:
        iso = None if scratch is None else scratch / args.iso_name
        ed.inject_config(
            args.inject_config, iso_path=iso, iso_name=args.iso_name, label=args.iso_label, vs=vs
        )
    product = {
        "product": args.product,
        "vendor": args.vendor,
        "version": args.product_version,
        "full_version": args.full_version,
        "product_url": args.product_url,
        "vendor_url": args.vendor_url,
        "app_url": args.app_url,
    }
    if any(v is not None for v in product.values()):
        ed.set_product(vs=vs, **product)
    for text in args.remove_category:
        ed.remove_category(text, vs=vs, with_properties=args.with_users)
    # categories and properties in command-line order: a property goes under the category
    # added before it
    for dest, spec in getattr(args, _InOrder.ORDER, []):
        if dest == "add_category":
            ed.add_category(spec, vs=vs)
        elif spec.lstrip()[:1] in ("{", "["):  # JSON (an array is refused with a reason)
            prop = _property_spec(spec)
            ed.add_property(prop.key, prop.type, prop.default, vs=vs, **prop.builder_options())
        else:
            key, type_default = _pair(spec, ":", "add-property")
            ptype, has_default, default = type_default.partition("=")
            ed.add_property(
                key, ptype, default if has_default else None, vs=vs, user_configurable=True
            )
    for spec in args.set_property:
        key, value = _pair(spec, "=", "set-property")
        ed.set_property(key, value, configuration=profile, vs=vs)
    for key in args.remove_property:
        ed.remove_property(key, vs=vs)
    for ident in args.remove_profile:
        ed.remove_deployment_option(ident)
    if args.annotation is not None:
        ed.set_annotation(args.annotation, vs=vs)
    if args.eula_file is not None:
        try:
            text = read_regular(args.eula_file).decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise EditError(
                f"cannot read the license text: {why}", file=str(args.eula_file)
            ) from None
        ed.set_eula(text.replace("\r\n", "\n").replace("\r", "\n"), vs=vs)
    if args.os_type is not None:
        ed.set_os(args.os_type, vs=vs)


def _convert(args: argparse.Namespace) -> int:
    args.convert_to = args.to
    return _edit(args)


def _package_mode(args: argparse.Namespace) -> bool:
    src: Path = args.input
    if src.is_dir() or src.suffix.lower() == ".ova":
        return True
    out: Path | None = args.output
    if out is not None and out.suffix.lower() != ".ovf":
        return True
    return (src.parent / (src.stem + ".mf")).is_file()


def _replaces_another(src: Path, out: Path) -> bool:
    """True when writing OUT would replace a file other than IN itself (or, for a package
    folder IN, a file of that folder: the package written back in place). A folder OUT is the
    package writer's to check (it refuses one holding another package)."""
    if not out.exists() or out.is_dir() or out.samefile(src):
        return False
    return not (src.is_dir() and out.parent.samefile(src))


def _edit(args: argparse.Namespace) -> int:
    signing = SigningRequest(args)
    if signing.problem:
        return fail(signing.problem)
    sign, password = signing.sign, signing.password
    if not args.input.exists():
        return fail(f"{args.input}: no such file or folder")
    if args.output is not None and not args.force and _replaces_another(args.input, args.output):
        # as build, pack and port: another file is never replaced without --force
        return fail(f"{args.output} exists; use --force to replace it")
    if getattr(args, "convert_to", None) is None and (message := _no_edit_message(args)):
        return fail(message)
    try:
        if _package_mode(args):
            return _edit_package(args, sign, password)
        if sign is not None or args.digest != "keep":
            return fail("--sign and --digest apply to packages (an .ova or a folder as OUT)")
        return _edit_descriptor(args)
    except _Usage as exc:
        return fail(str(exc))
    except (OvfParseError, PackageError) as exc:
        # a package that cannot be read, or written (disk full, no permission): 2, as for pack
        error(str(exc))
        return EXIT_USAGE
    except OvfError as exc:
        error(str(exc))
        error("nothing was written")
        return EXIT_FINDINGS
    except OSError as exc:
        return fail(f"{exc.filename or args.input}: {exc.strerror or exc}")


def _edit_package(
    args: argparse.Namespace, sign: tuple[Path, Path] | None, password: bytes | None
) -> int:
    to = getattr(args, "convert_to", None)
    with open_package_editor(args.input, to=to) as ed:
        if to is None:
            _apply(ed, args, None)
        digest = {"keep": "keep", "none": None}.get(args.digest, args.digest)
        result = ed.save(args.output, sign=sign, key_password=password, digest=digest)
    for warning in result.warnings:
        print(f"ovfmodel: warning: {warning}", file=sys.stderr)
    print(f"wrote {result.path}")
    return EXIT_OK


def _edit_descriptor(args: argparse.Namespace) -> int:
    src: Path = args.input
    out: Path = args.output or src
    doc = parse(src)
    if getattr(args, "convert_to", None):
        doc = convert(doc, args.convert_to)
        write(doc, out)
        print(f"wrote {out}")
        return EXIT_OK
    ed = Editor(doc)
    with tempfile.TemporaryDirectory(prefix="ovfmodel-edit-") as scratch:
        _apply(ed, args, Path(scratch))
        # files the edits added go beside the written descriptor, where their href points
        for href, path in ed.added_files.items():
            dest = out.parent / href
            if not dest.exists() or not dest.samefile(path):
                with open(path, "rb") as fh, atomicfile.atomic_write(dest) as target:
                    shutil.copyfileobj(fh, target, 1 << 20)
        write(doc, out)
    print(f"wrote {out}")
    return EXIT_OK
