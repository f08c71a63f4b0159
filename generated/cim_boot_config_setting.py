from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .wscim_common import (
    CimAnySimpleType,
    CimReference,
    CimString,
    CimUnsignedLong,
    CimUnsignedShort,
)

__NAMESPACE__ = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting"


class ChangeBootOrderOutputReturnValueValue(Enum):
    VALUE_0 = 0
    VALUE_1 = 1
    VALUE_2 = 2
    VALUE_3 = 3
    VALUE_4 = 4
    VALUE_5 = 5
    VALUE_6 = 6


@dataclass(kw_only=True)
class ComponentSetting:
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting"

    any_element: None | object = field(
        default=None,
        metadata={
            "type": "Wildcard",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class ValidateSettingsInput:
    class Meta:
        name = "ValidateSettings_INPUT"
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting"


class ValidateSettingsOutputReturnValueValue(Enum):
    VALUE_0 = 0
    VALUE_1 = 1
    VALUE_2 = 2
    VALUE_3 = 3


@dataclass(kw_only=True)
class Caption(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting"


@dataclass(kw_only=True)
class ChangeBootOrderInput:
    class Meta:
        name = "ChangeBootOrder_INPUT"
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting"

    source: list[CimReference] = field(
        default_factory=list,
        metadata={
            "name": "Source",
            "type": "Element",
            "nillable": True,
        },
    )


@dataclass(kw_only=True)
class ChangeBootOrderOutputReturnValue(CimAnySimpleType):
    class Meta:
        global_type = False

    value: ChangeBootOrderOutputReturnValueValue = field()


@dataclass(kw_only=True)
class ChangeableType(CimUnsignedShort):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting"

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
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting"


@dataclass(kw_only=True)
class Description(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting"


@dataclass(kw_only=True)
class ElementName(CimString):
    class Meta:
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting"


@dataclass(kw_only=True)
class Generation(CimUnsignedLong):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting"


@dataclass(kw_only=True)
class InstanceId(CimString):
    class Meta:
        name = "InstanceID"
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting"


@dataclass(kw_only=True)
class SoId(CimString):
    class Meta:
        name = "SoID"
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting"


@dataclass(kw_only=True)
class SoOrgId(CimString):
    class Meta:
        name = "SoOrgID"
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting"


@dataclass(kw_only=True)
class ValidateSettingsOutputReturnValue(CimAnySimpleType):
    class Meta:
        global_type = False

    value: ValidateSettingsOutputReturnValueValue = field()


@dataclass(kw_only=True)
class CimBootConfigSettingType:
    class Meta:
        name = "CIM_BootConfigSetting_Type"

    caption: None | Caption = field(
        default=None,
        metadata={
            "name": "Caption",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting",
            "nillable": True,
        },
    )
    changeable_type: None | ChangeableType = field(
        default=None,
        metadata={
            "name": "ChangeableType",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting",
        },
    )
    component_setting: list[ComponentSetting] = field(
        default_factory=list,
        metadata={
            "name": "ComponentSetting",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting",
            "nillable": True,
        },
    )
    configuration_name: None | ConfigurationName = field(
        default=None,
        metadata={
            "name": "ConfigurationName",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting",
            "nillable": True,
        },
    )
    description: None | Description = field(
        default=None,
        metadata={
            "name": "Description",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting",
            "nillable": True,
        },
    )
    element_name: ElementName = field(
        metadata={
            "name": "ElementName",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting",
        }
    )
    generation: None | Generation = field(
        default=None,
        metadata={
            "name": "Generation",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting",
            "nillable": True,
        },
    )
    instance_id: InstanceId = field(
        metadata={
            "name": "InstanceID",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting",
        }
    )
    so_id: None | SoId = field(
        default=None,
        metadata={
            "name": "SoID",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting",
            "nillable": True,
        },
    )
    so_org_id: None | SoOrgId = field(
        default=None,
        metadata={
            "name": "SoOrgID",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting",
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
class ChangeBootOrderOutput:
    class Meta:
        name = "ChangeBootOrder_OUTPUT"
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting"

    job: None | CimReference = field(
        metadata={
            "name": "Job",
            "type": "Element",
            "nillable": True,
        }
    )
    return_value: None | ChangeBootOrderOutputReturnValue = field(
        metadata={
            "name": "ReturnValue",
            "type": "Element",
            "nillable": True,
        }
    )


@dataclass(kw_only=True)
class ValidateSettingsOutput:
    class Meta:
        name = "ValidateSettings_OUTPUT"
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting"

    return_value: None | ValidateSettingsOutputReturnValue = field(
        metadata={
            "name": "ReturnValue",
            "type": "Element",
            "nillable": True,
        }
    )


@dataclass(kw_only=True)
class CimBootConfigSetting(CimBootConfigSettingType):
    class Meta:
        name = "CIM_BootConfigSetting"
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting"
