"""The rules of OVF validation, registered in the shared catalog: codes, severities, spec
references, the OVF versions each applies to and descriptions (docs/rules.md is generated from
them).

Codes: OVF0xx document, OVF1xx References/File, OVF2xx DiskSection, OVF3xx content and
sections, OVF4xx virtual hardware, OVF5xx deployment options, OVF6xx ProductSection and Strings,
OVF7xx OVF environment documents, OVF9xx XML Schema. The code is the contract; messages may
change.

Severity model (docs/rules.md repeats it): **error** where DSP0243 says shall / shall not, or the
DMTF schema forbids it; **warning** for should / should not, and for what well-known consumers
refuse (the rule names them; hypervisor habits are warnings naming the hypervisor); **info**
for advice. Clause numbers are those of DSP0243 1.0.0, which 1.1 keeps. For 2.x only the
DSP8023 2.0.1 schema and its annotations were at hand: 2.x-only rules say so and, resting on
informative schema annotations (DSP0243 Annex C), are warnings.

The checks live in `semantic` and its clause modules (the DSP0243 rules, on the lxml tree),
`structure` (OVF003/OVF004 when no XML Schema runs), `ovf09`, `environment` and `xsd`.

The rules are defined by code range in `rules_document` (OVF0xx-2xx), `rules_systems`
(OVF3xx-5xx), `rules_properties` (OVF6xx-7xx) and `rules_schema` (OVF9xx), on the vocabulary of
`rules_common`; this module imports them in code order, which is the catalog's (SARIF and
docs/rules.md list rules in it), so that checks name every rule `rules.NAME`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ovfmodel.diagnostics import Diagnostic

# isort: off
# the order the groups register their rules in the catalog: keep it the order of the codes
from .rules_common import *  # noqa: F403
from .rules_document import *  # noqa: F403
from .rules_systems import *  # noqa: F403
from .rules_properties import *  # noqa: F403
from .rules_schema import *  # noqa: F403
# isort: on


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Document order: by line, then column (stable, so one element's findings keep theirs)."""
    found = list(diags)
    # keys made in one comprehension, not by a function called per diagnostic (thousands)
    keys = [(where.line or 0, where.column or 0) for where in [d.location for d in found]]
    return [found[i] for i in sorted(range(len(found)), key=keys.__getitem__)]
