from __future__ import annotations

from dataclasses import dataclass, field
from typing import ForwardRef, TYPE_CHECKING

from .cim_rasd import CimResourceAllocationSettingDataType
from .cim_vssd import CimVirtualSystemSettingDataType
from .wscim_common import CimString
from .xml_namespace import LangValue

__NAMESPACE__ = "http://schemas.dmtf.org/ovf/envelope/2"

if TYPE_CHECKING:
    from .cim_boot_config_setting import CimBootConfigSetting as CimBootConfigSetting
    from .cim_epasd import CimEthernetPortAllocationSettingDataType as CimEthernetPortAllocationSettingDataType
    from .cim_sasd import CimStorageAllocationSettingDataType as CimStorageAllocationSettingDataType
    from .xmlenc import EncryptedKey as EncryptedKey
    from .xmlenc11 import DerivedKey as DerivedKey
    from .ovf_envelope_2_deferred import EpasdType as EpasdType
    from .ovf_envelope_2_deferred import SasdType as SasdType


@dataclass(kw_only=True)
class EnvironmentFileType:
    """
    Type for an additional file from OVF package included in OVF environment.

    :ivar other_element:
    :ivar file_ref: Reference key to File element in References
    :ivar path: Relative location where this file will be placed in the OVF environment
    :ivar any_attributes:
    """

    class Meta:
        name = "EnvironmentFile_Type"

    other_element: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##other",
        },
    )
    file_ref: str = field(
        metadata={
            "name": "fileRef",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    path: str = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class FileType:
    """
    Type for an external reference to a resource.

    :ivar other_element:
    :ivar id: Reference key used in other parts of the package
    :ivar href: Location of external resource
    :ivar size: Size in bytes of the files (if known)
    :ivar compression: Compression type (gzip, bzip2, or none if empty or not specified)
    :ivar chunk_size: Chunk size (except for last chunk)
    :ivar any_attributes:
    """

    class Meta:
        name = "File_Type"

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
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    href: str = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    size: None | int = field(
        default=None,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    compression: str = field(
        default="",
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    chunk_size: None | int = field(
        default=None,
        metadata={
            "name": "chunkSize",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class MsgType:
    """
    Type for localizable string.

    :ivar value:
    :ivar msgid: Identifier for lookup in string resource bundle for alternate locale
    :ivar any_attributes:
    """

    class Meta:
        name = "Msg_Type"

    value: str = field(default="")
    msgid: str = field(
        default="",
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class ProductSectionTypeIcon:
    class Meta:
        global_type = False

    height: None | int = field(
        default=None,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    width: None | int = field(
        default=None,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    mime_type: None | str = field(
        default=None,
        metadata={
            "name": "mimeType",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    file_ref: str = field(
        metadata={
            "name": "fileRef",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class PropertyConfigurationValueType:
    """
    Type for alternative default values for properties when DeploymentOptionSection is used.

    :ivar other_element:
    :ivar value: Alternative default property value
    :ivar configuration:
    :ivar any_attributes:
    """

    class Meta:
        name = "PropertyConfigurationValue_Type"

    other_element: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##other",
        },
    )
    value: str = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    configuration: None | str = field(
        default=None,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class ScaleOutSectionTypeInstanceCount:
    """
    :ivar minimum: Minimum number of replicas
    :ivar default: Minimum number of replicas
    :ivar maximum: Maximum number of replicas
    :ivar configuration:
    :ivar any_attributes:
    """

    class Meta:
        global_type = False

    minimum: int = field(
        default=1,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    default: int = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    maximum: None | int = field(
        default=None,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    configuration: None | str = field(
        default=None,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class StartupSectionTypeItem:
    """
    :ivar id: Unique identifier of the content (within a VirtualSystemCollection)
    :ivar order: Startup order. Allows the package author the capability of specifying the
        startup order of the virtual systems.
    :ivar start_delay: Delay in seconds to wait for power on to complete
    :ivar waiting_for_guest: Resumes power-on sequence if guest software reports ok
    :ivar stop_delay: Delay in seconds to wait for power off to complete
    :ivar start_action: Start action to use, valid values are: 'powerOn', 'none'
    :ivar stop_action: Stop action to use, valid values are: ''powerOff' , 'guestShutdown',
        'none'
    :ivar any_attributes:
    """

    class Meta:
        global_type = False

    id: str = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    order: int = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    start_delay: int = field(
        default=0,
        metadata={
            "name": "startDelay",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    waiting_for_guest: bool = field(
        default=False,
        metadata={
            "name": "waitingForGuest",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    stop_delay: int = field(
        default=0,
        metadata={
            "name": "stopDelay",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    start_action: str = field(
        default="powerOn",
        metadata={
            "name": "startAction",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    stop_action: str = field(
        default="powerOff",
        metadata={
            "name": "stopAction",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class StringsTypeMsg:
    """
    :ivar value:
    :ivar msgid: String element identifier
    :ivar file_ref: OVF2: Reference to message content stored in external plain text UTF-8
        encoded file
    :ivar any_attributes:
    """

    class Meta:
        global_type = False

    value: str = field(default="")
    msgid: str = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    file_ref: None | str = field(
        default=None,
        metadata={
            "name": "fileRef",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class VirtualDiskDescType:
    """
    Type for virtual disk descriptor.

    :ivar other_element:
    :ivar disk_id: Identifier for virtual disk
    :ivar file_ref: Reference to virtual disk content. If not specified a blank virtual disk
        is created of size given by capacity attribute
    :ivar capacity: Virtual disk capacity, can be specified as either an xs:long size or as a
        reference to a property using ${property_name}.
    :ivar capacity_allocation_units: Unit of allocation for ovf:capacity. If not specified
        default value is bytes. Value shall match a recognized value for the UNITS qualifier
        in DSP0004.
    :ivar format: Format of virtual disk given as a URI that identifies the disk type
    :ivar populated_size: Estimated populated size of disk in bytes
    :ivar parent_ref: Reference to potential parent disk
    :ivar any_attributes:
    """

    class Meta:
        name = "VirtualDiskDesc_Type"

    other_element: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##other",
        },
    )
    disk_id: str = field(
        metadata={
            "name": "diskId",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    file_ref: None | str = field(
        default=None,
        metadata={
            "name": "fileRef",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    capacity: str = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    capacity_allocation_units: str = field(
        default="byte",
        metadata={
            "name": "capacityAllocationUnits",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    format: None | str = field(
        default=None,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    populated_size: None | int = field(
        default=None,
        metadata={
            "name": "populatedSize",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    parent_ref: None | str = field(
        default=None,
        metadata={
            "name": "parentRef",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class DeploymentOptionSectionTypeConfiguration:
    class Meta:
        global_type = False

    label: MsgType = field(
        metadata={
            "name": "Label",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    description: MsgType = field(
        metadata={
            "name": "Description",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    id: str = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    default: bool = field(
        default=False,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class NetworkSectionTypeNetworkNetworkPortProfile:
    class Meta:
        global_type = False

    item: list[CimEthernetPortAllocationSettingDataType] = field(
        default_factory=list,
        metadata={
            "name": "Item",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class ProductSectionTypeProperty:
    """
    :ivar label: Short description of property
    :ivar description: Description of property
    :ivar value: Alternative default property values for different configuration
    :ivar key: Property identifier
    :ivar type_value: Property type
    :ivar qualifiers: A comma-separated set of type qualifiers
    :ivar user_configurable: Determines whether the property value is configurable during
        installation
    :ivar value_attribute: Default value for property
    :ivar password: Determines whether the property value should be obscured during
        deployment
    :ivar configuration:
    :ivar any_attributes:
    """

    class Meta:
        global_type = False

    label: None | MsgType = field(
        default=None,
        metadata={
            "name": "Label",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    description: None | MsgType = field(
        default=None,
        metadata={
            "name": "Description",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    value: list[PropertyConfigurationValueType] = field(
        default_factory=list,
        metadata={
            "name": "Value",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    key: str = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    type_value: str = field(
        metadata={
            "name": "type",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    qualifiers: None | str = field(
        default=None,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    user_configurable: bool = field(
        default=False,
        metadata={
            "name": "userConfigurable",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    value_attribute: str = field(
        default="",
        metadata={
            "name": "value",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    password: bool = field(
        default=False,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    configuration: None | str = field(
        default=None,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class RasdType(CimResourceAllocationSettingDataType):
    class Meta:
        name = "RASD_Type"

    required: bool = field(
        default=True,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    configuration: None | str = field(
        default=None,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    bound: None | str = field(
        default=None,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )


@dataclass(kw_only=True)
class ReferencesType:
    """
    Type for list of external resources.
    """

    class Meta:
        name = "References_Type"

    file: list[FileType] = field(
        default_factory=list,
        metadata={
            "name": "File",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class SectionType:
    """
    :ivar info: Info element describes the meaning of the Section, this is typically shown if
        the Section is not understood by an application
    :ivar required:
    :ivar any_attributes:
    """

    class Meta:
        name = "Section_Type"

    info: MsgType = field(
        metadata={
            "name": "Info",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    required: bool = field(
        default=True,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class SharedVirtualDiskDescType(VirtualDiskDescType):
    """
    Type for shared virtual disk descriptor.

    :ivar read_only: Determines whether shared disk access is read-write or read-only
    """

    class Meta:
        name = "SharedVirtualDiskDesc_Type"

    read_only: bool = field(
        default=False,
        metadata={
            "name": "readOnly",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )


@dataclass(kw_only=True)
class StringsType:
    """
    Type for string resource bundle.

    :ivar msg: Resource bundle element
    :ivar lang: Locale for this string resource bundle
    :ivar file_ref: Reference to external resource bundle
    :ivar any_attributes:
    """

    class Meta:
        name = "Strings_Type"

    msg: list[StringsTypeMsg] = field(
        default_factory=list,
        metadata={
            "name": "Msg",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    lang: None | str | LangValue = field(
        default=None,
        metadata={
            "type": "Attribute",
            "namespace": "http://www.w3.org/XML/1998/namespace",
        },
    )
    file_ref: None | str = field(
        default=None,
        metadata={
            "name": "fileRef",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class VssdType(CimVirtualSystemSettingDataType):
    """
    Wrapper for CIM_VirtualSystemSettingData_Type.
    """

    class Meta:
        name = "VSSD_Type"


@dataclass(kw_only=True)
class AnnotationSectionType(SectionType):
    """
    User defined annotation.
    """

    class Meta:
        name = "AnnotationSection_Type"

    annotation: MsgType = field(
        metadata={
            "name": "Annotation",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    other_element: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##other",
        },
    )


@dataclass(kw_only=True)
class BootDeviceSectionType(SectionType):
    """
    Specification of a particular boot device (revised proposal).
    """

    class Meta:
        name = "BootDeviceSection_Type"

    cim_boot_config_setting: CimBootConfigSetting = field(
        metadata={
            "name": "CIM_BootConfigSetting",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting",
        }
    )


@dataclass(kw_only=True)
class DeploymentOptionSectionType(SectionType):
    """
    Enumeration of discrete deployment options.
    """

    class Meta:
        name = "DeploymentOptionSection_Type"

    configuration: list[DeploymentOptionSectionTypeConfiguration] = field(
        default_factory=list,
        metadata={
            "name": "Configuration",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
            "min_occurs": 1,
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
class DiskSectionType(SectionType):
    """
    Descriptions of virtual disks used within the package.
    """

    class Meta:
        name = "DiskSection_Type"

    disk: list[VirtualDiskDescType] = field(
        default_factory=list,
        metadata={
            "name": "Disk",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class EncryptionSectionType(SectionType):
    """
    Encryption or key derivation algorithms and a list of references of the items that have been
    encrypted.
    """

    class Meta:
        name = "EncryptionSection_Type"

    derived_key_or_encrypted_key: list[DerivedKey | EncryptedKey] = field(
        default_factory=list,
        metadata={
            "type": "Elements",
            "choices": (
                {
                    "name": "DerivedKey",
                    "type": ForwardRef("DerivedKey"),
                    "namespace": "http://www.w3.org/2009/xmlenc11#",
                },
                {
                    "name": "EncryptedKey",
                    "type": ForwardRef("EncryptedKey"),
                    "namespace": "http://www.w3.org/2001/04/xmlenc#",
                },
            ),
        },
    )


@dataclass(kw_only=True)
class EnvironmentFilesSectionType(SectionType):
    """
    Additional files from OVF package to be included in OVF environment.
    """

    class Meta:
        name = "EnvironmentFilesSection_Type"

    file: list[EnvironmentFileType] = field(
        default_factory=list,
        metadata={
            "name": "File",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    other_element: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##other",
        },
    )
    transport: str = field(
        default="",
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )


@dataclass(kw_only=True)
class EulaSectionType(SectionType):
    """
    End-User License Agreement.
    """

    class Meta:
        name = "EulaSection_Type"

    license: MsgType = field(
        metadata={
            "name": "License",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    other_element: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##other",
        },
    )


@dataclass(kw_only=True)
class InstallSectionType(SectionType):
    """
    If present indicates that the virtual machine needs to be initially booted to install and
    configure the software.

    :ivar other_element:
    :ivar initial_boot_stop_delay: Delay in seconds to wait for power off to complete after
        initial boot
    """

    class Meta:
        name = "InstallSection_Type"

    other_element: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##other",
        },
    )
    initial_boot_stop_delay: int = field(
        metadata={
            "name": "initialBootStopDelay",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )


@dataclass(kw_only=True)
class NetworkSectionTypeNetwork:
    """
    :ivar description:
    :ivar network_port_profile_or_network_port_profile_uri:
    :ivar name: Name of logical network
    :ivar any_attributes:
    """

    class Meta:
        global_type = False

    description: None | MsgType = field(
        default=None,
        metadata={
            "name": "Description",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    network_port_profile_or_network_port_profile_uri: list[
        NetworkSectionTypeNetworkNetworkPortProfile | str
    ] = field(
        default_factory=list,
        metadata={
            "type": "Elements",
            "choices": (
                {
                    "name": "NetworkPortProfile",
                    "type": NetworkSectionTypeNetworkNetworkPortProfile,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "NetworkPortProfileURI",
                    "type": str,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
            ),
        },
    )
    name: str = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class OperatingSystemSectionType(SectionType):
    """
    Specification of the operating system installed in the guest.

    :ivar description:
    :ivar other_element:
    :ivar id: Identifier defined by the CIM_OperatingSystem.OsType enumeration
    :ivar version: Version defined by the CIM_OperatingSystem.Version field
    """

    class Meta:
        name = "OperatingSystemSection_Type"

    description: None | MsgType = field(
        default=None,
        metadata={
            "name": "Description",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    other_element: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##other",
        },
    )
    id: int = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    version: None | str = field(
        default=None,
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )


@dataclass(kw_only=True)
class PlacementGroupSectionType(SectionType):
    """
    Placement policy for collection of VMs.

    :ivar description: Description of placement policy
    :ivar other_element:
    :ivar id: Unique identifier of placement group
    :ivar policy: Placement policy
    """

    class Meta:
        name = "PlacementGroupSection_Type"

    description: None | MsgType = field(
        default=None,
        metadata={
            "name": "Description",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    policy: str = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )


@dataclass(kw_only=True)
class PlacementSectionType(SectionType):
    """
    Placement policy for collection of VMs.

    :ivar other_element:
    :ivar group: Placement policy group this entity belongs to
    """

    class Meta:
        name = "PlacementSection_Type"

    other_element: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##other",
        },
    )
    group: str = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )


@dataclass(kw_only=True)
class ProductSectionType(SectionType):
    """
    Product information for a virtual appliance.

    :ivar product: Name of product
    :ivar vendor: Name of product vendor
    :ivar version: Product version, short form
    :ivar full_version: Product version, long form
    :ivar product_url: URL resolving to product description
    :ivar vendor_url: URL resolving to vendor description
    :ivar app_url: Experimental: URL resolving to deployed product instance
    :ivar icon: Experimental: Display icon for product
    :ivar category_or_property:
    :ivar other_element:
    :ivar class_value: Property identifier prefix
    :ivar instance: Property identifier suffix
    """

    class Meta:
        name = "ProductSection_Type"

    product: None | MsgType = field(
        default=None,
        metadata={
            "name": "Product",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    vendor: None | MsgType = field(
        default=None,
        metadata={
            "name": "Vendor",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    version: None | CimString = field(
        default=None,
        metadata={
            "name": "Version",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    full_version: None | CimString = field(
        default=None,
        metadata={
            "name": "FullVersion",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    product_url: None | CimString = field(
        default=None,
        metadata={
            "name": "ProductUrl",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    vendor_url: None | CimString = field(
        default=None,
        metadata={
            "name": "VendorUrl",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    app_url: None | CimString = field(
        default=None,
        metadata={
            "name": "AppUrl",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    icon: list[ProductSectionTypeIcon] = field(
        default_factory=list,
        metadata={
            "name": "Icon",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    category_or_property: list[MsgType | ProductSectionTypeProperty] = field(
        default_factory=list,
        metadata={
            "type": "Elements",
            "choices": (
                {
                    "name": "Category",
                    "type": MsgType,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "Property",
                    "type": ProductSectionTypeProperty,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
    class_value: str = field(
        default="",
        metadata={
            "name": "class",
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    instance: str = field(
        default="",
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )


@dataclass(kw_only=True)
class ResourceAllocationSectionType(SectionType):
    """
    Resource constraints on a VirtualSystemCollection.
    """

    class Meta:
        name = "ResourceAllocationSection_Type"

    item: list[RasdType] = field(
        default_factory=list,
        metadata={
            "name": "Item",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    ethernet_port_item: list[EpasdType] = field(
        default_factory=list,
        metadata={
            "name": "EthernetPortItem",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    storage_item: list[SasdType] = field(
        default_factory=list,
        metadata={
            "name": "StorageItem",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class ScaleOutSectionType(SectionType):
    """
    Specification of scaling based on prototypical element.

    :ivar description: Description of prototypical element to be scaled
    :ivar instance_count:
    :ivar other_element:
    :ivar id: Unique identifier of prototype to be scaled
    """

    class Meta:
        name = "ScaleOutSection_Type"

    description: None | MsgType = field(
        default=None,
        metadata={
            "name": "Description",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    instance_count: list[ScaleOutSectionTypeInstanceCount] = field(
        default_factory=list,
        metadata={
            "name": "InstanceCount",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
            "min_occurs": 1,
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
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )


@dataclass(kw_only=True)
class Section(SectionType):
    """
    Base elements for OVF sections.

    This is the head of the substitution group.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class SharedDiskSectionType(SectionType):
    """
    Descriptions of shared virtual disks within the package.
    """

    class Meta:
        name = "SharedDiskSection_Type"

    shared_disk: list[SharedVirtualDiskDescType] = field(
        default_factory=list,
        metadata={
            "name": "SharedDisk",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
            "min_occurs": 1,
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
class StartupSectionType(SectionType):
    """
    Specifies the order in which entities in a VirtualSystemCollection are powered on and shut
    down.
    """

    class Meta:
        name = "StartupSection_Type"

    item: list[StartupSectionTypeItem] = field(
        default_factory=list,
        metadata={
            "name": "Item",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class Strings(StringsType):
    """
    Root element of I18N string bundle.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class VirtualHardwareSectionType(SectionType):
    """
    Specifies virtual hardware requirements for a virtual machine.

    :ivar system:
    :ivar item:
    :ivar ethernet_port_item:
    :ivar storage_item:
    :ivar other_element:
    :ivar id: Unique identifier of this VirtualHardwareSection (within a VirtualSystem)
    :ivar transport:
    """

    class Meta:
        name = "VirtualHardwareSection_Type"

    system: None | VssdType = field(
        default=None,
        metadata={
            "name": "System",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    item: list[RasdType] = field(
        default_factory=list,
        metadata={
            "name": "Item",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    ethernet_port_item: list[EpasdType] = field(
        default_factory=list,
        metadata={
            "name": "EthernetPortItem",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    storage_item: list[SasdType] = field(
        default_factory=list,
        metadata={
            "name": "StorageItem",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    transport: str = field(
        default="",
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )


@dataclass(kw_only=True)
class AnnotationSection(AnnotationSectionType):
    """
    Element substitutable for Section since AnnotationSection_Type is a derivation of
    Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class BootDeviceSection(BootDeviceSectionType):
    """
    Element substitutable for Section since BootDeviceSection_Type is a derivation of
    Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class DeploymentOptionSection(DeploymentOptionSectionType):
    """
    Element substitutable for Section since DeploymentOptionSection_Type is a derivation of
    Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class DiskSection(DiskSectionType):
    """
    Element substitutable for Section since DiskSection_Type is a derivation of Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class EncryptionSection(EncryptionSectionType):
    """
    Element substitutable for Section since EncryptionSection_Type is a derivation of
    Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class EnvironmentFilesSection(EnvironmentFilesSectionType):
    """
    Element substitutable for Section since EnvironmentFilesSection_Type is a derivation of
    Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class EulaSection(EulaSectionType):
    """
    Element substitutable for Section since EulaSection_Type is a derivation of Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class InstallSection(InstallSectionType):
    """
    Element substitutable for Section since InstallSection_Type is a derivation of Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class NetworkSectionType(SectionType):
    """
    Descriptions of logical networks used within the package.
    """

    class Meta:
        name = "NetworkSection_Type"

    network: list[NetworkSectionTypeNetwork] = field(
        default_factory=list,
        metadata={
            "name": "Network",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class OperatingSystemSection(OperatingSystemSectionType):
    """
    Element substitutable for Section since OperatingSystemSection_Type is a derivation of
    Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class PlacementGroupSection(PlacementGroupSectionType):
    """
    Element substitutable for Section since PlacementGroupSection_Type is a derivation of
    Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class PlacementSection(PlacementSectionType):
    """
    Element substitutable for Section since PlacementSection_Type is a derivation of
    Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class ProductSection(ProductSectionType):
    """
    Element substitutable for Section since ProductSection_Type is a derivation of Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class ResourceAllocationSection(ResourceAllocationSectionType):
    """
    Element substitutable for Section since ResourceAllocationSection_Type is a derivation of
    Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class ScaleOutSection(ScaleOutSectionType):
    """
    Element substitutable for Section since ScaleOutSection_Type is a derivation of
    Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class SharedDiskSection(SharedDiskSectionType):
    """
    Element substitutable for Section since SharedDiskSection_Type is a derivation of
    Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class StartupSection(StartupSectionType):
    """
    Element substitutable for Section since StartupSection_Type is a derivation of Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class VirtualHardwareSection(VirtualHardwareSectionType):
    """
    Element substitutable for Section since VirtualHardwareSection_Type is a derivation of
    Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class NetworkSection(NetworkSectionType):
    """
    Element substitutable for Section since NetworkSection_Type is a derivation of Section_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class ContentType:
    """
    Base class for content.

    :ivar info: Info element describes the meaning of the content, this is typically shown if
        the type is not understood by an application
    :ivar name: An optional localizable display name of the content
    :ivar sections:
    :ivar id:
    :ivar any_attributes:
    """

    class Meta:
        name = "Content_Type"

    info: MsgType = field(
        metadata={
            "name": "Info",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    name: None | MsgType = field(
        default=None,
        metadata={
            "name": "Name",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    sections: list[
        EncryptionSection
        | PlacementSection
        | PlacementGroupSection
        | ScaleOutSection
        | SharedDiskSection
        | BootDeviceSection
        | EnvironmentFilesSection
        | DeploymentOptionSection
        | StartupSection
        | InstallSection
        | ResourceAllocationSection
        | VirtualHardwareSection
        | EulaSection
        | OperatingSystemSection
        | DiskSection
        | NetworkSection
        | ProductSection
        | AnnotationSection
        | Section
        | object
    ] = field(
        default_factory=list,
        metadata={
            "type": "Elements",
            "choices": (
                {
                    "name": "EncryptionSection",
                    "type": EncryptionSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "PlacementSection",
                    "type": PlacementSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "PlacementGroupSection",
                    "type": PlacementGroupSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "ScaleOutSection",
                    "type": ScaleOutSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "SharedDiskSection",
                    "type": SharedDiskSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "BootDeviceSection",
                    "type": BootDeviceSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "EnvironmentFilesSection",
                    "type": EnvironmentFilesSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "DeploymentOptionSection",
                    "type": DeploymentOptionSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "StartupSection",
                    "type": StartupSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "InstallSection",
                    "type": InstallSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "ResourceAllocationSection",
                    "type": ResourceAllocationSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "VirtualHardwareSection",
                    "type": VirtualHardwareSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "EulaSection",
                    "type": EulaSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "OperatingSystemSection",
                    "type": OperatingSystemSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "DiskSection",
                    "type": DiskSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "NetworkSection",
                    "type": NetworkSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "ProductSection",
                    "type": ProductSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "AnnotationSection",
                    "type": AnnotationSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "Section",
                    "type": Section,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "wildcard": True,
                    "type": object,
                    "namespace": "##other",
                },
            ),
        },
    )
    id: str = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
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
class Content(ContentType):
    """
    Base element for content types.

    This is the head the subsitution group.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class VirtualSystemType(ContentType):
    """
    Content describing a virtual system.
    """

    class Meta:
        name = "VirtualSystem_Type"


@dataclass(kw_only=True)
class VirtualSystem(VirtualSystemType):
    """
    Element substitutable for Content since VirtualSystem_Type is a derivation of Content_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class VirtualSystemCollectionType(ContentType):
    """
    A collection of Content.
    """

    class Meta:
        name = "VirtualSystemCollection_Type"

    content: list[VirtualSystemCollection | VirtualSystem | Content] = field(
        default_factory=list,
        metadata={
            "type": "Elements",
            "choices": (
                {
                    "name": "VirtualSystemCollection",
                    "type": ForwardRef("VirtualSystemCollection"),
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "VirtualSystem",
                    "type": VirtualSystem,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "Content",
                    "type": Content,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
            ),
        },
    )


@dataclass(kw_only=True)
class VirtualSystemCollection(VirtualSystemCollectionType):
    """
    Element substitutable for Content since VirtualSystemCollection_Type is a derivation of
    Content_Type.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class EnvelopeType:
    """
    Root OVF descriptor type.

    :ivar references: References to all external files
    :ivar sections:
    :ivar content:
    :ivar strings: Localized string resource bundles
    :ivar lang:
    :ivar any_attributes:
    """

    references: ReferencesType = field(
        metadata={
            "name": "References",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        }
    )
    sections: list[
        EncryptionSection
        | PlacementSection
        | PlacementGroupSection
        | ScaleOutSection
        | SharedDiskSection
        | BootDeviceSection
        | EnvironmentFilesSection
        | DeploymentOptionSection
        | StartupSection
        | InstallSection
        | ResourceAllocationSection
        | VirtualHardwareSection
        | EulaSection
        | OperatingSystemSection
        | DiskSection
        | NetworkSection
        | ProductSection
        | AnnotationSection
        | Section
        | object
    ] = field(
        default_factory=list,
        metadata={
            "type": "Elements",
            "choices": (
                {
                    "name": "EncryptionSection",
                    "type": EncryptionSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "PlacementSection",
                    "type": PlacementSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "PlacementGroupSection",
                    "type": PlacementGroupSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "ScaleOutSection",
                    "type": ScaleOutSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "SharedDiskSection",
                    "type": SharedDiskSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "BootDeviceSection",
                    "type": BootDeviceSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "EnvironmentFilesSection",
                    "type": EnvironmentFilesSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "DeploymentOptionSection",
                    "type": DeploymentOptionSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "StartupSection",
                    "type": StartupSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "InstallSection",
                    "type": InstallSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "ResourceAllocationSection",
                    "type": ResourceAllocationSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "VirtualHardwareSection",
                    "type": VirtualHardwareSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "EulaSection",
                    "type": EulaSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "OperatingSystemSection",
                    "type": OperatingSystemSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "DiskSection",
                    "type": DiskSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "NetworkSection",
                    "type": NetworkSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "ProductSection",
                    "type": ProductSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "AnnotationSection",
                    "type": AnnotationSection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "Section",
                    "type": Section,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "wildcard": True,
                    "type": object,
                    "namespace": "##other",
                },
            ),
        },
    )
    content: None | VirtualSystemCollection | VirtualSystem | Content = field(
        default=None,
        metadata={
            "type": "Elements",
            "choices": (
                {
                    "name": "VirtualSystemCollection",
                    "type": VirtualSystemCollection,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "VirtualSystem",
                    "type": VirtualSystem,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
                {
                    "name": "Content",
                    "type": Content,
                    "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
                },
            ),
        },
    )
    strings: list[StringsType] = field(
        default_factory=list,
        metadata={
            "name": "Strings",
            "type": "Element",
            "namespace": "http://schemas.dmtf.org/ovf/envelope/2",
        },
    )
    lang: str | LangValue = field(
        default="en-US",
        metadata={
            "type": "Attribute",
            "namespace": "http://www.w3.org/XML/1998/namespace",
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
class Envelope(EnvelopeType):
    """
    Root element of OVF Descriptor.
    """

    class Meta:
        namespace = "http://schemas.dmtf.org/ovf/envelope/2"


# these names are imported on first use (tools/gen_deferred.py)
from ._lazy import defer  # noqa: E402

defer(__name__, ".ovf_envelope_2_deferred", ('CimBootConfigSetting', 'CimEthernetPortAllocationSettingDataType', 'CimStorageAllocationSettingDataType', 'DerivedKey', 'EncryptedKey', 'EpasdType', 'SasdType'))
