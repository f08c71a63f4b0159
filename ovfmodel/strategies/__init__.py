"""Hypothesis strategies for OVF descriptors: valid documents and single-mutation invalid ones.

Install the optional extra to use them: ``pip install 'ovfmodel[strategies]'``.

* `valid_documents(version)` draws `OvfDocument` objects (OVF 1.x or 2.0) that the pristine DMTF
  XSD accepts and whose cross references all resolve: random mixes of envelope and content
  sections, nested VirtualSystemCollections, virtual hardware with items of every CIM resource
  type, product properties of every DSP0243 type with matching qualifiers, deployment options,
  Strings bundles, vendor extension elements and attributes, unicode text (XML-legal characters
  only) and values from the smallest to the largest of their schema types.
* `invalid_documents(version, mutations)` draws `InvalidDocument` values: a valid document
  broken by exactly one named mutation from `MUTATIONS` (dangling fileRef, duplicate
  InstanceID, ...), tagged with the validation rule code it triggers. There is a mutation for
  every descriptor rule (OVFxxx) one local edit can trigger; the broken document has that
  rule's error and no other error.
* `built_documents(version)` draws documents made through the typed builder
  (`ovfmodel.builder.EnvelopeBuilder`) from random but legal calls: every builder path, with
  values up to the limits of their schema types. Built documents validate like parsed ones and
  parse back equal to what was built.
* `xml_text()`, `xml_names()` and `vendor_elements()` are the building blocks, public because
  they are useful on their own.

The modules: `valid` (valid documents), `built` (through the builder), `mutations`
(`MUTATIONS` and `invalid_documents`), the mutations in `envelope_mutations` (version,
References, disks, content and sections), `system_mutations` (hardware, deployment options,
properties) and `spec_mutations` (rules from the DSP0243 review), `_edit` (what mutations
share) and `_base` (building blocks).

Example::

    from hypothesis import given
    from ovfmodel import parse, serialize
    from ovfmodel.strategies import valid_documents

    @given(valid_documents())
    def test_round_trip(doc):
        assert parse(serialize(doc)) == doc

    @given(invalid_documents(mutations=["dangling_file_ref"]))
    def test_my_validator(bad):
        assert bad.rule in my_validator(serialize(bad.document))
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401  (the optional extra: a clear message when it is missing)
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "ovfmodel.strategies needs the 'hypothesis' package; install the optional extra with "
        "pip install 'ovfmodel[strategies]'"
    ) from exc

from ._base import PROPERTY_TYPES, VENDOR_NS, Version, vendor_elements, xml_names, xml_text
from ._edit import InvalidDocument, Mutation
from .built import BuilderVersion, built_documents
from .mutations import MUTATIONS, invalid_documents
from .valid import valid_documents

__all__ = [
    "MUTATIONS",
    "PROPERTY_TYPES",
    "VENDOR_NS",
    "BuilderVersion",
    "InvalidDocument",
    "Mutation",
    "Version",
    "built_documents",
    "invalid_documents",
    "valid_documents",
    "vendor_elements",
    "xml_names",
    "xml_text",
]
