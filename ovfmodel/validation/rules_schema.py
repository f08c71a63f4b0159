"""The OVF rules reporting XML Schema validation: OVF9xx.

Violations of the pristine DMTF schema, extension content it cannot check, and why it did not
run (OVF 0.9, schemas not installed). Checked by `xsd`; gathered with the other groups in
`rules`.
"""

from __future__ import annotations

from .rules_common import (
    _S_XSD,
    INFO,
    V09,
    V1_2,
    E,
    W,
    _rule,
)

# --- OVF9xx: XML Schema -----------------------------------------------------------------------
XSD_ERROR = _rule(
    "OVF901",
    "XML Schema violation",
    E,
    _S_XSD + "; DSP8027 1.1.0 for environment documents",
    "The document does not validate against the pristine DMTF schema of its version. This "
    "covers misplaced elements and values of the wrong type, which are OVF003/OVF004 when the "
    "schema does not run.",
    V1_2,
)
XSD_EXTENSION = _rule(
    "OVF902",
    "Extension content the DMTF schema cannot check",
    W,
    _S_XSD,
    "An element or attribute in a vendor namespace is not accepted by the pristine DMTF schema "
    "alone (it would need the vendor's schema). Extension sections are removed before schema "
    "validation, so this concerns extension content inside DMTF elements.",
    V1_2,
)
XSD_NO_SCHEMA = _rule(
    "OVF903",
    "No schema for this OVF version",
    INFO,
    _S_XSD,
    "OVF 0.9 (VMware's pre-standard namespace) has no DMTF schema; only the semantic rules "
    "apply (with OVF005/OVF006 standing in for the schema's structure checks).",
    V09,
)
XSD_MISSING = _rule(
    "OVF904",
    "Schemas not installed",
    W,
    _S_XSD,
    "The DMTF XSD files are not installed, so schema validation was skipped. The message says "
    "how to install them; --no-xsd (xsd=False) silences this, --require-schemas makes the "
    "command fail (exit 2) instead, for CI runs where a skipped schema check must not pass.",
    V1_2,
)
