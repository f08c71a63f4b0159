from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .wscim_common import (
    CimString,
    CimUnsignedLong,
    CimUnsignedShort,
)

__NAMESPACE__ = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting"


@dataclass(kw_only=True)
class ComponentSetting:
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting"

    any_element: None | object = field(
        default=None,
        metadata={
            "type": "Wildcard",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class BiosbootString(CimString):
    class Meta:
        name = "BIOSBootString"
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting"


@dataclass(kw_only=True)
class BootString(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting"


@dataclass(kw_only=True)
class Caption(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting"


@dataclass(kw_only=True)
class ChangeableType(CimUnsignedShort):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting"

    any_attributes: Any = field(
        init=False,
        default=None,
        metadata={
            "type": "Ignore",
        },
    )
    value_0: None | str = field(
        init=False,
        default="0",
        metadata={
            "nillable": True,
        },
    )
    value_1: None | str = field(
        init=False,
        default="1",
        metadata={
            "nillable": True,
        },
    )
    value_2: None | str = field(
        init=False,
        default="2",
        metadata={
            "nillable": True,
        },
    )
    value_3: None | str = field(
        init=False,
        default="3",
        metadata={
            "nillable": True,
        },
    )


@dataclass(kw_only=True)
class ConfigurationName(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting"


@dataclass(kw_only=True)
class Description(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting"


@dataclass(kw_only=True)
class ElementName(CimString):
    class Meta:
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting"


@dataclass(kw_only=True)
class FailThroughSupported(CimUnsignedShort):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting"

    any_attributes: Any = field(
        init=False,
        default=None,
        metadata={
            "type": "Ignore",
        },
    )
    value_0: None | str = field(
        init=False,
        default="0",
        metadata={
            "nillable": True,
        },
    )
    value_1: None | str = field(
        init=False,
        default="1",
        metadata={
            "nillable": True,
        },
    )
    value_2: None | str = field(
        init=False,
        default="2",
        metadata={
            "nillable": True,
        },
    )


@dataclass(kw_only=True)
class Generation(CimUnsignedLong):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting"


@dataclass(kw_only=True)
class InstanceId(CimString):
    class Meta:
        name = "InstanceID"
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting"


@dataclass(kw_only=True)
class SoId(CimString):
    class Meta:
        name = "SoID"
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting"


@dataclass(kw_only=True)
class SoOrgId(CimString):
    class Meta:
        name = "SoOrgID"
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting"


@dataclass(kw_only=True)
class StructuredBootString(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting"


@dataclass(kw_only=True)
class CimBootSourceSettingType:
    class Meta:
        name = "CIM_BootSourceSetting_Type"

    biosboot_string: None | BiosbootString = field(
        default=None,
        metadata={
            "name": "BIOSBootString",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting",
            "nillable": True,
        },
    )
    boot_string: None | BootString = field(
        default=None,
        metadata={
            "name": "BootString",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting",
            "nillable": True,
        },
    )
    caption: None | Caption = field(
        default=None,
        metadata={
            "name": "Caption",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting",
            "nillable": True,
        },
    )
    changeable_type: None | ChangeableType = field(
        default=None,
        metadata={
            "name": "ChangeableType",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting",
        },
    )
    component_setting: list[ComponentSetting] = field(
        default_factory=list,
        metadata={
            "name": "ComponentSetting",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting",
            "nillable": True,
        },
    )
    configuration_name: None | ConfigurationName = field(
        default=None,
        metadata={
            "name": "ConfigurationName",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting",
            "nillable": True,
        },
    )
    description: None | Description = field(
        default=None,
        metadata={
            "name": "Description",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting",
            "nillable": True,
        },
    )
    element_name: ElementName = field(
        metadata={
            "name": "ElementName",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting",
        }
    )
    fail_through_supported: None | FailThroughSupported = field(
        default=None,
        metadata={
            "name": "FailThroughSupported",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting",
        },
    )
    generation: None | Generation = field(
        default=None,
        metadata={
            "name": "Generation",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting",
            "nillable": True,
        },
    )
    instance_id: InstanceId = field(
        metadata={
            "name": "InstanceID",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting",
        }
    )
    so_id: None | SoId = field(
        default=None,
        metadata={
            "name": "SoID",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting",
            "nillable": True,
        },
    )
    so_org_id: None | SoOrgId = field(
        default=None,
        metadata={
            "name": "SoOrgID",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting",
            "nillable": True,
        },
    )
    structured_boot_string: None | StructuredBootString = field(
        default=None,
        metadata={
            "name": "StructuredBootString",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting",
            "nillable": True,
        },
    )
    other_element: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##other",
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
class CimBootSourceSetting(CimBootSourceSettingType):
    class Meta:
        name = "CIM_BootSourceSetting"
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting"
