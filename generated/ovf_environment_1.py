from __future__ import annotations

from dataclasses import dataclass, field

from .wscim_common import CimString

__NAMESPACE__ = "http://schemas.dmtf.org/ovf/environment/1"


@dataclass(kw_only=True)
class PropertySectionTypeProperty:
    class Meta:
        global_type = False

    key: str = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/environment/1",
        }
    )
    value: str = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/environment/1",
        }
    )
    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class SectionType:
    """
    Abstract type for all sections in environment.
    """

    class Meta:
        name = "Section_Type"

    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class PlatformSectionType(SectionType):
    """
    Information about deployment platform.

    :ivar kind: Experimental: Deployment platform description
    :ivar version: Experimental: Deployment platform version
    :ivar vendor: Experimental: Deployment platform vendor
    :ivar locale: Experimental: Current locale
    :ivar timezone: Experimental: Current timezone offset in minutes from UTC. Time zones
        east of Greenwich are positive and time zones west of Greenwich are negative.
    :ivar other_element:
    """

    class Meta:
        name = "PlatformSection_Type"

    kind: None | CimString = field(
        default=None,
        metadata={
            "name": "Kind",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/environment/1",
        },
    )
    version: None | CimString = field(
        default=None,
        metadata={
            "name": "Version",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/environment/1",
        },
    )
    vendor: None | CimString = field(
        default=None,
        metadata={
            "name": "Vendor",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/environment/1",
        },
    )
    locale: None | CimString = field(
        default=None,
        metadata={
            "name": "Locale",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/environment/1",
        },
    )
    timezone: None | int = field(
        default=None,
        metadata={
            "name": "Timezone",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/environment/1",
        },
    )
    other_element: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##other",
        },
    )


@dataclass(kw_only=True)
class PropertySectionType(SectionType):
    """
    Key/value pairs of assigned properties for an entity.
    """

    class Meta:
        name = "PropertySection_Type"

    property: list[PropertySectionTypeProperty] = field(
        default_factory=list,
        metadata={
            "name": "Property",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/environment/1",
        },
    )
    other_element: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##other",
        },
    )


@dataclass(kw_only=True)
class Section(SectionType):
    """
    Base elements for OVF environment sections.

    This is the head of the substitution group.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/environment/1"


@dataclass(kw_only=True)
class PlatformSection(PlatformSectionType):
    """
    Element substitutable for Section since Platform_Type is a derivation of Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/environment/1"


@dataclass(kw_only=True)
class PropertySection(PropertySectionType):
    """
    Element substitutable for Section since PropertySection_Type is a derivation of
    Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/environment/1"


@dataclass(kw_only=True)
class EntityType:
    """
    Container of sections for a specific entity.

    :ivar sections:
    :ivar other_element:
    :ivar id: Entity identifier
    :ivar any_attributes:
    """

    class Meta:
        name = "Entity_Type"

    sections: list[PlatformSection | PropertySection | Section] = field(
        default_factory=list,
        metadata={
            "type": "Elements",
            "choices": (
                {
                    "name": "PlatformSection",
                    "type": PlatformSection,
                    "namespace": "http://schemas.dmtf.org/ovf/environment/1",
                },
                {
                    "name": "PropertySection",
                    "type": PropertySection,
                    "namespace": "http://schemas.dmtf.org/ovf/environment/1",
                },
                {
                    "name": "Section",
                    "type": Section,
                    "namespace": "http://schemas.dmtf.org/ovf/environment/1",
                },
            ),
        },
    )
    other_element: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##other",
        },
    )
    id: str = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/environment/1",
        }
    )
    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class EnvironmentType:
    """
    Type for root OVF environment.

    :ivar sections:
    :ivar entity: Meta-data particular to a given entity
    :ivar other_element:
    :ivar id: Identifier matching recipient of this environment
    :ivar any_attributes:
    """

    class Meta:
        name = "Environment_Type"

    sections: list[PlatformSection | PropertySection | Section] = field(
        default_factory=list,
        metadata={
            "type": "Elements",
            "choices": (
                {
                    "name": "PlatformSection",
                    "type": PlatformSection,
                    "namespace": "http://schemas.dmtf.org/ovf/environment/1",
                },
                {
                    "name": "PropertySection",
                    "type": PropertySection,
                    "namespace": "http://schemas.dmtf.org/ovf/environment/1",
                },
                {
                    "name": "Section",
                    "type": Section,
                    "namespace": "http://schemas.dmtf.org/ovf/environment/1",
                },
            ),
        },
    )
    entity: list[EntityType] = field(
        default_factory=list,
        metadata={
            "name": "Entity",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/environment/1",
        },
    )
    other_element: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##other",
        },
    )
    id: str = field(
        default="",
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/environment/1",
        },
    )
    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class Environment(EnvironmentType):
    """
    Root element of OVF environment.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/environment/1"
