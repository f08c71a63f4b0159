from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .wscim_common import (
    CimAnySimpleType,
    CimBoolean,
    CimString,
    CimUnsignedInt,
    CimUnsignedLong,
    CimUnsignedShort,
)

__NAMESPACE__ = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"


class AccessValue(Enum):
    VALUE_0 = 0
    VALUE_1 = 1
    VALUE_2 = 2
    VALUE_3 = 3


@dataclass(kw_only=True)
class ComponentSetting:
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )

    any_element: None | object = field(
        default=None,
        metadata={
            "type": "Wildcard",
            "namespace": "##any",
        },
    )


class ConsumerVisibilityValue(Enum):
    VALUE_0 = 0
    VALUE_2 = 2
    VALUE_3 = 3
    VALUE_4 = 4


class HostExtentNameFormatValue(Enum):
    VALUE_0 = 0
    VALUE_1 = 1
    VALUE_7 = 7
    VALUE_9 = 9
    VALUE_10 = 10
    VALUE_11 = 11
    VALUE_12 = 12


class HostExtentNameNamespaceValue(Enum):
    VALUE_0 = 0
    VALUE_1 = 1
    VALUE_2 = 2
    VALUE_3 = 3
    VALUE_4 = 4
    VALUE_5 = 5
    VALUE_6 = 6
    VALUE_7 = 7
    VALUE_8 = 8


class MappingBehaviorValue(Enum):
    VALUE_0 = 0
    VALUE_2 = 2
    VALUE_3 = 3
    VALUE_4 = 4
    VALUE_5 = 5


class ResourceTypeValue(Enum):
    VALUE_1 = 1
    VALUE_2 = 2
    VALUE_3 = 3
    VALUE_4 = 4
    VALUE_5 = 5
    VALUE_6 = 6
    VALUE_7 = 7
    VALUE_8 = 8
    VALUE_9 = 9
    VALUE_10 = 10
    VALUE_11 = 11
    VALUE_12 = 12
    VALUE_13 = 13
    VALUE_14 = 14
    VALUE_15 = 15
    VALUE_16 = 16
    VALUE_17 = 17
    VALUE_18 = 18
    VALUE_19 = 19
    VALUE_20 = 20
    VALUE_21 = 21
    VALUE_22 = 22
    VALUE_23 = 23
    VALUE_24 = 24
    VALUE_25 = 25
    VALUE_26 = 26
    VALUE_27 = 27
    VALUE_28 = 28
    VALUE_29 = 29
    VALUE_30 = 30
    VALUE_31 = 31
    VALUE_32 = 32
    VALUE_33 = 33


@dataclass(kw_only=True)
class Access(CimAnySimpleType):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )

    value: None | AccessValue = field(
        metadata={
            "nillable": True,
        }
    )


@dataclass(kw_only=True)
class Address(CimString):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class AddressOnParent(CimString):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class AllocationUnits(CimString):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class AutomaticAllocation(CimBoolean):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class AutomaticDeallocation(CimBoolean):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class Caption(CimString):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class ChangeableType(CimUnsignedShort):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )

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
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class Connection(CimString):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class ConsumerVisibility(CimAnySimpleType):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )

    value: None | ConsumerVisibilityValue = field(
        metadata={
            "nillable": True,
        }
    )


@dataclass(kw_only=True)
class Description(CimString):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class ElementName(CimString):
    class Meta:
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class Generation(CimUnsignedLong):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class HostExtentName(CimString):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class HostExtentNameFormat(CimAnySimpleType):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )

    value: None | HostExtentNameFormatValue = field(
        metadata={
            "nillable": True,
        }
    )


@dataclass(kw_only=True)
class HostExtentNameNamespace(CimAnySimpleType):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )

    value: None | HostExtentNameNamespaceValue = field(
        metadata={
            "nillable": True,
        }
    )


@dataclass(kw_only=True)
class HostExtentStartingAddress(CimUnsignedLong):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class HostResource(CimString):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class HostResourceBlockSize(CimUnsignedLong):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class InstanceId(CimString):
    class Meta:
        name = "InstanceID"
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class Limit(CimUnsignedLong):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class MappingBehavior(CimAnySimpleType):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )

    value: None | MappingBehaviorValue = field(
        metadata={
            "nillable": True,
        }
    )


@dataclass(kw_only=True)
class OtherHostExtentNameFormat(CimString):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class OtherHostExtentNameNamespace(CimString):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class OtherResourceType(CimString):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class Parent(CimString):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class PoolId(CimString):
    class Meta:
        name = "PoolID"
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class Reservation(CimUnsignedLong):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class ResourceSubType(CimString):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class ResourceType(CimAnySimpleType):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )

    value: None | ResourceTypeValue = field(
        metadata={
            "nillable": True,
        }
    )


@dataclass(kw_only=True)
class SoId(CimString):
    class Meta:
        name = "SoID"
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class SoOrgId(CimString):
    class Meta:
        name = "SoOrgID"
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class VirtualQuantity(CimUnsignedLong):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class VirtualQuantityUnits(CimString):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class VirtualResourceBlockSize(CimUnsignedLong):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class Weight(CimUnsignedInt):
    class Meta:
        nillable = True
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )


@dataclass(kw_only=True)
class CimStorageAllocationSettingDataType:
    class Meta:
        name = "CIM_StorageAllocationSettingData_Type"

    access: None | Access = field(
        default=None,
        metadata={
            "name": "Access",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    address: None | Address = field(
        default=None,
        metadata={
            "name": "Address",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    address_on_parent: None | AddressOnParent = field(
        default=None,
        metadata={
            "name": "AddressOnParent",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    allocation_units: None | AllocationUnits = field(
        default=None,
        metadata={
            "name": "AllocationUnits",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    automatic_allocation: None | AutomaticAllocation = field(
        default=None,
        metadata={
            "name": "AutomaticAllocation",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    automatic_deallocation: None | AutomaticDeallocation = field(
        default=None,
        metadata={
            "name": "AutomaticDeallocation",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    caption: None | Caption = field(
        default=None,
        metadata={
            "name": "Caption",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    changeable_type: None | ChangeableType = field(
        default=None,
        metadata={
            "name": "ChangeableType",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
        },
    )
    component_setting: list[ComponentSetting] = field(
        default_factory=list,
        metadata={
            "name": "ComponentSetting",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    configuration_name: None | ConfigurationName = field(
        default=None,
        metadata={
            "name": "ConfigurationName",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    connection: list[Connection] = field(
        default_factory=list,
        metadata={
            "name": "Connection",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    consumer_visibility: None | ConsumerVisibility = field(
        default=None,
        metadata={
            "name": "ConsumerVisibility",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    description: None | Description = field(
        default=None,
        metadata={
            "name": "Description",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    element_name: ElementName = field(
        metadata={
            "name": "ElementName",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
        }
    )
    generation: None | Generation = field(
        default=None,
        metadata={
            "name": "Generation",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    host_extent_name: None | HostExtentName = field(
        default=None,
        metadata={
            "name": "HostExtentName",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    host_extent_name_format: None | HostExtentNameFormat = field(
        default=None,
        metadata={
            "name": "HostExtentNameFormat",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    host_extent_name_namespace: None | HostExtentNameNamespace = field(
        default=None,
        metadata={
            "name": "HostExtentNameNamespace",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    host_extent_starting_address: None | HostExtentStartingAddress = field(
        default=None,
        metadata={
            "name": "HostExtentStartingAddress",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    host_resource: list[HostResource] = field(
        default_factory=list,
        metadata={
            "name": "HostResource",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    host_resource_block_size: None | HostResourceBlockSize = field(
        default=None,
        metadata={
            "name": "HostResourceBlockSize",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    instance_id: InstanceId = field(
        metadata={
            "name": "InstanceID",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
        }
    )
    limit: None | Limit = field(
        default=None,
        metadata={
            "name": "Limit",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    mapping_behavior: None | MappingBehavior = field(
        default=None,
        metadata={
            "name": "MappingBehavior",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    other_host_extent_name_format: None | OtherHostExtentNameFormat = field(
        default=None,
        metadata={
            "name": "OtherHostExtentNameFormat",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    other_host_extent_name_namespace: None | OtherHostExtentNameNamespace = field(
        default=None,
        metadata={
            "name": "OtherHostExtentNameNamespace",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    other_resource_type: None | OtherResourceType = field(
        default=None,
        metadata={
            "name": "OtherResourceType",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    parent: None | Parent = field(
        default=None,
        metadata={
            "name": "Parent",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    pool_id: None | PoolId = field(
        default=None,
        metadata={
            "name": "PoolID",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    reservation: None | Reservation = field(
        default=None,
        metadata={
            "name": "Reservation",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    resource_sub_type: None | ResourceSubType = field(
        default=None,
        metadata={
            "name": "ResourceSubType",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    resource_type: None | ResourceType = field(
        default=None,
        metadata={
            "name": "ResourceType",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    so_id: None | SoId = field(
        default=None,
        metadata={
            "name": "SoID",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    so_org_id: None | SoOrgId = field(
        default=None,
        metadata={
            "name": "SoOrgID",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    virtual_quantity: None | VirtualQuantity = field(
        default=None,
        metadata={
            "name": "VirtualQuantity",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    virtual_quantity_units: None | VirtualQuantityUnits = field(
        default=None,
        metadata={
            "name": "VirtualQuantityUnits",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    virtual_resource_block_size: None | VirtualResourceBlockSize = field(
        default=None,
        metadata={
            "name": "VirtualResourceBlockSize",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
            "nillable": True,
        },
    )
    weight: None | Weight = field(
        default=None,
        metadata={
            "name": "Weight",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData",
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
class CimStorageAllocationSettingData(CimStorageAllocationSettingDataType):
    class Meta:
        name = "CIM_StorageAllocationSettingData"
        namespace = (
            "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
        )
