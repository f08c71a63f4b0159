"""Classes of ovf_envelope_2 that need modules it imports on first use.

Written by tools/gen_deferred.py from xsdata's output (run by tools/generate.py): ovf_envelope_2
provides these names on first use; import them from there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .cim_boot_config_setting import CimBootConfigSetting
from .cim_epasd import CimEthernetPortAllocationSettingDataType
from .cim_sasd import CimStorageAllocationSettingDataType
from .xmlenc import EncryptedKey
from .xmlenc11 import DerivedKey

__NAMESPACE__ = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(kw_only=True)
class EpasdType(CimEthernetPortAllocationSettingDataType):
    class Meta:
        name = "EPASD_Type"

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
class SasdType(CimStorageAllocationSettingDataType):
    class Meta:
        name = "SASD_Type"

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
