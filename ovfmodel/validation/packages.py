"""Validating a package: the descriptor's rules (OVF) and the package checker's (PKG1xx-4xx).

`validate_package(path)` takes an OVA, a package folder or a descriptor. The descriptor inside
an OVA is validated from its bytes and named `appliance.ova!appliance.ovf`; every member of an
OVA is named `archive!member` in the report. A descriptor path gets the package checks when it
is part of a package: a manifest or certificate named after it (NAME.mf, NAME.cert), or a file
its References name, lies beside it. A descriptor alone (being written, or a corpus file) is
validated as a descriptor only, since every referenced file would otherwise be reported missing.

Diagnostics of the package checker that repeat a descriptor rule on the same File element
(PKG111 duplicate ovf:id = OVF101, PKG107 href escaping the package = OVF102) are reported once,
as the descriptor rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ovfmodel.diagnostics import Diagnostic, Location, Report, make
from ovfmodel.errors import OvfError

from . import rules
from .source import SourceDoc

if TYPE_CHECKING:
    from cryptography import x509

    from ovfmodel.document import OvfDocument
    from ovfmodel.package.progress import Progress
    from ovfmodel.xmlsafe import Source

    from . import Checker, Selector

_SAME_AS_OVF = {"PKG111": rules.DUPLICATE_FILE_ID.code, "PKG107": rules.UNSAFE_HREF.code}


def _beside_a_package(descriptor: Path, src: SourceDoc | None) -> bool:
    """Whether a descriptor lies in a package: its manifest or certificate, or a file its
    References name, is beside it."""
    stem = descriptor.name[:-4] if descriptor.name.lower().endswith(".ovf") else descriptor.name
    folder = descriptor.parent
    if (folder / f"{stem}.mf").is_file() or (folder / f"{stem}.cert").is_file():
        return True
    if src is None:
        return False
    ns = "{" + src.ns + "}"
    for f in src.root.iterfind(f"{ns}References/{ns}File"):
        href = f.get(f"{ns}href") or ""
        if href and ":" not in href and not href.startswith(("/", "\\")):
            try:
                if (folder / href).is_file() or (folder / f"{href}.000000000").is_file():
                    return True
            except (OSError, ValueError):  # a name the file system cannot hold
                continue
    return False


def validate_package(
    path: str | Path,
    *,
    select: Selector = None,
    ignore: Selector = None,
    xsd: bool = True,
    checkers: Iterable[Checker] = (),
    extra: Iterable[Diagnostic] = (),
    package_checks: bool = True,
    trust: Sequence[x509.Certificate] | None = None,
    at_time: dt.datetime | None = None,
    progress: Progress | None = None,
    targets: Selector = None,
    against: Source | OvfDocument | None = None,
) -> Report:
    """Validate an OVA, a package folder or a descriptor with the package around it.

    Returns one Report (source: the path given) holding the descriptor's diagnostics, then the
    package's (sizes, chunks, manifest digests, signature, OVA layout) in the package checker's
    order; selection applies to both. `package_checks=False` validates only the descriptor
    (read from inside an OVA). `trust` and `at_time` go to `Package.check`. A package that
    cannot be opened is reported as OVF001, like an unreadable descriptor. `targets` adds
    those importers' rules on the descriptor (see `ovfmodel.portability`). A path to an OVF environment
    document is validated as one (`against`: its descriptor, see `validate`).
    """
    from . import _codes, _report, _select, _validate

    p = Path(path)
    chosen, dropped = _codes(select), _codes(ignore) or []
    is_descriptor = p.is_file() and p.suffix.lower() != ".ova"
    if is_descriptor:
        report, src = _validate(
            str(p), select, ignore, xsd, checkers, extra, None, targets, against
        )
        if src is not None and src.environment:
            return report
        if not package_checks or src is None or not _beside_a_package(p, src):
            return report
    from ovfmodel.package import open_package  # a lone descriptor never loads the package code

    try:
        package = open_package(p)
    except OvfError as exc:
        if is_descriptor:  # its own diagnostics already say what is wrong with it
            return report
        hint = f". {exc.hint}" if exc.hint else ""
        where = Location(file=exc.file or str(p), line=exc.line)
        unreadable = make(rules.UNREADABLE, f"cannot open the package: {exc.message}{hint}", where)
        return _report(str(p), [*extra, unreadable], chosen, dropped)
    if not is_descriptor:
        label = package.display(package.descriptor_name)
        data = package.descriptor_bytes()
        report, _ = _validate(data, select, ignore, xsd, checkers, extra, label, targets)
    found: list[Diagnostic] = []
    if package_checks:
        try:
            checked = package.check(trust=trust, at_time=at_time, progress=progress)
        except OvfError as exc:  # a file vanished or changed while being read
            where = Location(file=exc.file or str(p), line=exc.line)
            found = [make(rules.UNREADABLE, f"cannot check the package: {exc.message}", where)]
        else:
            found = list(checked.diagnostics)
    twins = {(d.code, d.location.file, d.location.line) for d in report.diagnostics}
    kept = [
        d
        for d in _select(found, chosen, dropped)  # in the checker's (storage) order
        if (_SAME_AS_OVF.get(d.code), d.location.file, d.location.line) not in twins
    ]
    return Report(
        source=report.source if is_descriptor else str(p), diagnostics=[*report.diagnostics, *kept]
    )
