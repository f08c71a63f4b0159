"""Go to definition, find references and rename, over `RefIndex`.

Rename edits exactly the spans of the id (or network name) in its definition and in every use,
so the rest of the file stays byte for byte as it was.
"""

from __future__ import annotations

from lsprotocol import types as lsp

from .analysis import Analysis
from .diagnostics import to_range
from .references import Ref


def _location(an: Analysis, ref: Ref) -> lsp.Location:
    return lsp.Location(uri=an.uri, range=to_range(an, ref.start, ref.end))


def definition(an: Analysis, offset: int) -> list[lsp.Location]:
    if an.root is None:
        return []
    ref = an.refs.at(offset)
    if ref is None:
        return []
    return [_location(an, d) for d in an.refs.definitions(ref)]


def references(an: Analysis, offset: int, include_declaration: bool) -> list[lsp.Location]:
    if an.root is None:
        return []
    ref = an.refs.at(offset)
    if ref is None:
        return []
    return [_location(an, r) for r in an.refs.related(ref) if include_declaration or not r.is_def]


def prepare_rename(an: Analysis, offset: int) -> lsp.Range | None:
    if an.root is None:
        return None
    ref = an.refs.at(offset)
    return to_range(an, ref.start, ref.end) if ref is not None else None


class RenameError(ValueError):
    """A rename that would produce a broken document (the message says why)."""


def rename(an: Analysis, offset: int, new_name: str) -> lsp.WorkspaceEdit | None:
    if an.root is None:
        return None
    ref = an.refs.at(offset)
    if ref is None:
        return None
    if (
        not new_name
        or any(c in new_name for c in "<>&\"'")
        or (ref.kind in ("configuration", "file", "disk") and any(c.isspace() for c in new_name))
    ):
        raise RenameError(f"{new_name!r} cannot be used as a {ref.kind} id here")
    edits = [
        lsp.TextEdit(range=to_range(an, r.start, r.end), new_text=new_name)
        for r in an.refs.related(ref)
    ]
    return lsp.WorkspaceEdit(changes={an.uri: edits})
