from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .wscim_common import (
    CimAnySimpleType,
    CimDateTime,
    CimString,
    CimUnsignedLong,
    CimUnsignedShort,
)

__NAMESPACE__ = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


class AutomaticRecoveryActionValue(Enum):
    VALUE_2 = 2
    VALUE_3 = 3
    VALUE_4 = 4


class AutomaticShutdownActionValue(Enum):
    VALUE_2 = 2
    VALUE_3 = 3
    VALUE_4 = 4


class AutomaticStartupActionValue(Enum):
    VALUE_2 = 2
    VALUE_3 = 3
    VALUE_4 = 4


@dataclass(kw_only=True)
class ComponentSetting:
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"

    any_element: None | object = field(
        default=None,
        metadata={
            "type": "Wildcard",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class AutomaticRecoveryAction(CimAnySimpleType):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"

    value: None | AutomaticRecoveryActionValue = field(
        metadata={
            "nillable": True,
        }
    )


@dataclass(kw_only=True)
class AutomaticShutdownAction(CimAnySimpleType):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"

    value: None | AutomaticShutdownActionValue = field(
        metadata={
            "nillable": True,
        }
    )


@dataclass(kw_only=True)
class AutomaticStartupAction(CimAnySimpleType):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"

    value: None | AutomaticStartupActionValue = field(
        metadata={
            "nillable": True,
        }
    )


@dataclass(kw_only=True)
class AutomaticStartupActionDelay(CimDateTime):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class AutomaticStartupActionSequenceNumber(CimUnsignedShort):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class Caption(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class ChangeableType(CimUnsignedShort):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"

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
class ConfigurationDataRoot(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class ConfigurationFile(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class ConfigurationId(CimString):
    class Meta:
        name = "ConfigurationID"
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class ConfigurationName(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class CreationTime(CimDateTime):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class Description(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class ElementName(CimString):
    class Meta:
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class Generation(CimUnsignedLong):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class InstanceId(CimString):
    class Meta:
        name = "InstanceID"
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class LogDataRoot(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class Notes(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class RecoveryFile(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class SnapshotDataRoot(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class SoId(CimString):
    class Meta:
        name = "SoID"
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class SoOrgId(CimString):
    class Meta:
        name = "SoOrgID"
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class SuspendDataRoot(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class SwapFileDataRoot(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class VirtualSystemIdentifier(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class VirtualSystemType(CimString):
    class Meta:
        nillable = True
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"


@dataclass(kw_only=True)
class CimVirtualSystemSettingDataType:
    class Meta:
        name = "CIM_VirtualSystemSettingData_Type"

    automatic_recovery_action: None | AutomaticRecoveryAction = field(
        default=None,
        metadata={
            "name": "AutomaticRecoveryAction",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    automatic_shutdown_action: None | AutomaticShutdownAction = field(
        default=None,
        metadata={
            "name": "AutomaticShutdownAction",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    automatic_startup_action: None | AutomaticStartupAction = field(
        default=None,
        metadata={
            "name": "AutomaticStartupAction",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    automatic_startup_action_delay: None | AutomaticStartupActionDelay = field(
        default=None,
        metadata={
            "name": "AutomaticStartupActionDelay",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    automatic_startup_action_sequence_number: None | AutomaticStartupActionSequenceNumber = field(
        default=None,
        metadata={
            "name": "AutomaticStartupActionSequenceNumber",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    caption: None | Caption = field(
        default=None,
        metadata={
            "name": "Caption",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    changeable_type: None | ChangeableType = field(
        default=None,
        metadata={
            "name": "ChangeableType",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
        },
    )
    component_setting: list[ComponentSetting] = field(
        default_factory=list,
        metadata={
            "name": "ComponentSetting",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    configuration_data_root: None | ConfigurationDataRoot = field(
        default=None,
        metadata={
            "name": "ConfigurationDataRoot",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    configuration_file: None | ConfigurationFile = field(
        default=None,
        metadata={
            "name": "ConfigurationFile",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    configuration_id: None | ConfigurationId = field(
        default=None,
        metadata={
            "name": "ConfigurationID",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    configuration_name: None | ConfigurationName = field(
        default=None,
        metadata={
            "name": "ConfigurationName",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    creation_time: None | CreationTime = field(
        default=None,
        metadata={
            "name": "CreationTime",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    description: None | Description = field(
        default=None,
        metadata={
            "name": "Description",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    element_name: ElementName = field(
        metadata={
            "name": "ElementName",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
        }
    )
    generation: None | Generation = field(
        default=None,
        metadata={
            "name": "Generation",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    instance_id: InstanceId = field(
        metadata={
            "name": "InstanceID",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
        }
    )
    log_data_root: None | LogDataRoot = field(
        default=None,
        metadata={
            "name": "LogDataRoot",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    notes: list[Notes] = field(
        default_factory=list,
        metadata={
            "name": "Notes",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    recovery_file: None | RecoveryFile = field(
        default=None,
        metadata={
            "name": "RecoveryFile",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    snapshot_data_root: None | SnapshotDataRoot = field(
        default=None,
        metadata={
            "name": "SnapshotDataRoot",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    so_id: None | SoId = field(
        default=None,
        metadata={
            "name": "SoID",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    so_org_id: None | SoOrgId = field(
        default=None,
        metadata={
            "name": "SoOrgID",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    suspend_data_root: None | SuspendDataRoot = field(
        default=None,
        metadata={
            "name": "SuspendDataRoot",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    swap_file_data_root: None | SwapFileDataRoot = field(
        default=None,
        metadata={
            "name": "SwapFileDataRoot",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    virtual_system_identifier: None | VirtualSystemIdentifier = field(
        default=None,
        metadata={
            "name": "VirtualSystemIdentifier",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
            "nillable": True,
        },
    )
    virtual_system_type: None | VirtualSystemType = field(
        default=None,
        metadata={
            "name": "VirtualSystemType",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData",
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
class CimVirtualSystemSettingData(CimVirtualSystemSettingDataType):
    class Meta:
        name = "CIM_VirtualSystemSettingData"
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"
