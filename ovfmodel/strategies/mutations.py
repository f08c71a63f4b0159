"""The catalog of mutations, `MUTATIONS`, and `invalid_documents`, which draws a valid
document and breaks it with one of them.

The mutations themselves are in `envelope_mutations` (the descriptor's frame: version,
References, disks, content and sections), `system_mutations` (hardware, deployment options,
properties) and `spec_mutations` (the rules added from the DSP0243 clause-by-clause review)."""

from __future__ import annotations

import copy
from collections.abc import Sequence

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from ..document import OvfDocument
from ._base import Version
from ._edit import _EDIT_NS, InvalidDocument, Mutation
from .envelope_mutations import ENVELOPE_MUTATIONS
from .spec_mutations import SPEC_MUTATIONS
from .system_mutations import SYSTEM_MUTATIONS
from .valid import valid_documents

MUTATIONS: dict[str, Mutation] = {m.name: m for m in (*ENVELOPE_MUTATIONS, *SYSTEM_MUTATIONS)}
MUTATIONS.update((m.name, m) for m in SPEC_MUTATIONS)
"""Every named mutation; `rule` is the validator rule code each must trigger."""


def _finish(doc: OvfDocument) -> OvfDocument:
    """Apply `_raw_text` edits: serialize, set the marked children's text verbatim, parse."""
    from lxml import etree

    from ..document import parse, serialize, walk

    marked = [
        o
        for o in walk(doc.envelope)
        if any(k.startswith("{" + _EDIT_NS + "}") for k in getattr(o, "any_attributes", {}))
    ]
    if not marked:
        return doc
    root = etree.fromstring(serialize(doc))
    for el in root.iter():
        edits = {k: v for k, v in el.attrib.items() if k.startswith("{" + _EDIT_NS + "}")}
        for key, text in edits.items():
            del el.attrib[key]
            local = key.partition("}")[2]
            for child in el:
                if isinstance(child.tag, str) and etree.QName(child).localname == local:
                    child.text = text
    etree.cleanup_namespaces(root)
    return parse(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def invalid_documents(
    version: Version | None = None,
    mutations: Sequence[str] | None = None,
    *,
    max_depth: int = 2,
) -> SearchStrategy[InvalidDocument]:
    """Documents broken by exactly one mutation (of `mutations`, names from MUTATIONS; all when
    None), each tagged with the validation rule code that mutation must trigger."""
    names = list(MUTATIONS) if mutations is None else list(mutations)
    unknown = [n for n in names if n not in MUTATIONS]
    if unknown:
        raise ValueError(f"unknown mutations {unknown}; known: {', '.join(MUTATIONS)}")

    @st.composite
    def build(draw: DrawFn) -> InvalidDocument:
        mutation = MUTATIONS[draw(st.sampled_from(names))]
        doc = draw(valid_documents(version, max_depth=max_depth))
        original = copy.deepcopy(doc)
        if not mutation.apply(doc, draw):
            from hypothesis import assume

            assume(False)
        return InvalidDocument(_finish(doc), mutation.name, mutation.rule, original)

    return build()
