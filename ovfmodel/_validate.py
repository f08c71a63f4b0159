"""`ovfmodel.validate`: the validator, imported on first use.

`import ovfmodel` stays light: the validator loads pydantic, the rule catalog and the schemas
only when a document is validated.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, Report
    from .document import OvfDocument
    from .validation import Checker, Selector
    from .xmlsafe import Source


def validate(
    source: Source | OvfDocument,
    *,
    select: Selector = None,
    ignore: Selector = None,
    xsd: bool = True,
    checkers: Iterable[Checker] = (),
    extra: Iterable[Diagnostic] = (),
    name: str | None = None,
) -> Report:
    """Validate an OVF descriptor, OVA or package folder; see `ovfmodel.validation.validate`."""
    from .validation import validate as run

    return run(
        source, select=select, ignore=ignore, xsd=xsd, checkers=checkers, extra=extra, name=name
    )
