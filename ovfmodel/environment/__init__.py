"""The OVF environment (DSP0243 clause 11, schema DSP8027): reading, writing and building it.

A deployment platform hands each guest an `ovf-env.xml` whose PropertySection carries the values
of the descriptor's ProductSection properties. `document` reads and writes such documents
losslessly and gives a guest agent the plain key/value view (`properties`); `descriptor` says which
properties a system sees and checks values; `build` makes one from a descriptor plus user values
with the checks a platform must make before powering on (`environment_for`), expanding `${key}`
macros with `macros`; `cli` is `ovfmodel env`.
"""

from .build import EnvironmentValueError, environment_for
from .descriptor import (
    Platform,
    PropertySpec,
    PropertyValue,
    check_value,
    configurations,
    full_key,
    lexical,
    property_specs,
)
from .document import (
    ENV_NS,
    VMWARE_ENV_NS,
    EnvironmentDocument,
    parse_environment,
    properties,
    serialize_environment,
    write_environment,
)

__all__ = [
    "ENV_NS",
    "VMWARE_ENV_NS",
    "EnvironmentDocument",
    "EnvironmentValueError",
    "Platform",
    "PropertySpec",
    "PropertyValue",
    "check_value",
    "configurations",
    "environment_for",
    "full_key",
    "lexical",
    "parse_environment",
    "properties",
    "property_specs",
    "serialize_environment",
    "write_environment",
]
