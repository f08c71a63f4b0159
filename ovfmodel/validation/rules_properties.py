"""The OVF rules about properties: where they are declared and where they get their values.

OVF6xx ProductSection properties and Strings bundles (DSP0243 9.5, 10), OVF7xx OVF environment
documents, which carry property values to the guest (11.1). Checked by `product` and `envdoc`;
gathered with the other groups in `rules`.
"""

from __future__ import annotations

from .rules_common import (
    _S_DEPLOY,
    _S_ENV,
    _S_I18N,
    _S_PRODUCT,
    INFO,
    V1_2,
    E,
    W,
    _rule,
)

# --- OVF6xx: ProductSection and Strings -------------------------------------------------------
DUPLICATE_PROPERTY = _rule(
    "OVF601",
    "Duplicate property key in a ProductSection",
    E,
    _S_PRODUCT,
    "Each Property's ovf:key is unique within its ProductSection. Two ProductSections (of "
    "different class/instance, or of different virtual systems) may declare the same key.",
)
PROPERTY_TYPE_VALUE = _rule(
    "OVF602",
    "Property default does not fit its type",
    E,
    _S_PRODUCT + ", Table 6",
    "A Property's ovf:value (and each Value element) is a literal of its ovf:type (uint8.."
    "sint64 in range, real32/real64, boolean, string), or a ${name} macro that refers to "
    "another property.",
)
PROPERTY_QUALIFIER = _rule(
    "OVF603",
    "Property default violates its qualifiers",
    E,
    _S_PRODUCT + ", Table 7",
    "A Property's default satisfies its ovf:qualifiers: MinLen/MaxLen (strings), "
    "MinValue/MaxValue (numbers) and ValueMap{...} (the listed values).",
)
PROPERTY_TYPE = _rule(
    "OVF604",
    "Unknown property type",
    E,
    _S_PRODUCT + ", Table 6",
    "Each Property specifies its ovf:type, one of uint8, sint8, uint16, sint16, uint32, "
    "sint32, uint64, sint64, string, boolean, real32, real64.",
)
MSGID = _rule(
    "OVF605",
    "msgid without a string",
    INFO,
    _S_I18N + " (advice)",
    "An ovf:msgid names no Msg of any Strings bundle; localized consumers fall back to the "
    "element's own text. Add the Msg or remove the msgid.",
)
DUPLICATE_PRODUCT = _rule(
    "OVF606",
    "Two ProductSections with one class and instance",
    E,
    _S_PRODUCT,
    "ProductSections at the same entity level have unique ovf:class/ovf:instance pairs (both "
    "default to the empty string); the environment names their properties class.key.instance.",
)
DUPLICATE_VALUE = _rule(
    "OVF607",
    "Two Values for one configuration",
    E,
    _S_DEPLOY + ", Property Value",
    "A Property's Value elements each name a different configuration in ovf:configuration.",
)
QUALIFIER_SYNTAX = _rule(
    "OVF608",
    "Qualifier not allowed for the property type",
    E,
    _S_PRODUCT + ", Table 7",
    "A Property's qualifiers are those Table 7 allows for its type: MinLen(n), MaxLen(n) and "
    "ValueMap{...} for strings, ValueMap{...} (and the MinValue/MaxValue of later editions) "
    "for numbers; none for booleans. A part that is no qualifier at all is reported too.",
)
UNKNOWN_QUALIFIER = _rule(
    "OVF609",
    "Unknown qualifier",
    W,
    _S_PRODUCT + ", Table 7",
    "ovf:qualifiers names a qualifier DSP0243 does not list; consumers ignore it, so the value "
    "is not constrained the way it says.",
)

QUALIFIER_SEPARATOR = _rule(
    "OVF610",
    "Qualifiers not separated by commas",
    W,
    _S_PRODUCT + ", DSP0004 Annex A (qualifierList)",
    "DSP0243 writes several qualifiers as a comma-separated list (`MinLen(1),MaxLen(63)`, the "
    "qualifierList of DSP0004), without a shall. ovfmodel reads other separators, but a "
    "consumer parsing the list by its grammar may not. Separate them with commas.",
)

# --- OVF7xx: OVF environment documents --------------------------------------------------------
ENV_ENTITY_ID = _rule(
    "OVF701",
    "Entity without a unique id",
    E,
    _S_ENV,
    "Each Entity of an environment document stands for one sibling VirtualSystem or "
    "VirtualSystemCollection and carries its ovfenv:id; one Entity per sibling.",
    V1_2,
)
ENV_SECTION_COUNT = _rule(
    "OVF702",
    "Environment section more than once",
    E,
    _S_ENV + ", Table 8",
    "An Environment has at most one PlatformSection and at most one PropertySection; an Entity "
    "at most one PropertySection.",
    V1_2,
)
ENV_UNKNOWN_ID = _rule(
    "OVF703",
    "Environment id names no system of the descriptor",
    E,
    _S_ENV,
    "The Environment's ovfenv:id is the ovf:id of the VirtualSystem (or collection) it was "
    "made for. Checked with --against DESCRIPTOR.",
    V1_2,
)
ENV_UNKNOWN_KEY = _rule(
    "OVF704",
    "Environment property not in the descriptor",
    E,
    _S_ENV + ", 9.5",
    "Every Property of a PropertySection corresponds to a property the descriptor defines for "
    "that system (or its immediate parent collection), keyed [class.]key[.instance]. Checked "
    "with --against DESCRIPTOR.",
    V1_2,
)
ENV_BAD_VALUE = _rule(
    "OVF705",
    "Environment value does not fit the property",
    E,
    _S_ENV + ", 9.5 Tables 6 and 7",
    "Each environment value is a literal of the descriptor property's type and satisfies its "
    "qualifiers. Checked with --against DESCRIPTOR.",
    V1_2,
)
ENV_SIBLINGS = _rule(
    "OVF706",
    "Entity missing or naming no sibling",
    E,
    _S_ENV,
    "An environment has one Entity for each sibling of its system in the descriptor (the other "
    "children of its collection) and no other. Checked with --against DESCRIPTOR.",
    V1_2,
)
ENV_DUPLICATE_KEY = _rule(
    "OVF707",
    "Property listed twice in a PropertySection",
    E,
    _S_ENV,
    "A PropertySection lists each key once: a property overridden by a VirtualSystem is not "
    "in the list next to the parent collection's.",
    V1_2,
)
