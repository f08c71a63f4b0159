from __future__ import annotations

from dataclasses import dataclass, field

from xsdata.models.datatype import XmlDate, XmlDateTime, XmlDuration, XmlTime

__NAMESPACE__ = "http://schemas.dmtf.org/wbem/wscim/1/common"


@dataclass(kw_only=True)
class DefaultValue:
    class Meta:
        namespace = "http://schemas.dmtf.org/wbem/wscim/1/common"

    value: None | object = field(default=None)


@dataclass(kw_only=True)
class CimAnySimpleType:
    class Meta:
        name = "cimAnySimpleType"

    value: None | object = field(default=None)
    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class CimBase64Binary:
    class Meta:
        name = "cimBase64Binary"

    value: bytes = field(
        default=b"",
        metadata={
            "format": "base64",
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
class CimBoolean:
    class Meta:
        name = "cimBoolean"

    value: bool = field()
    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class CimByte:
    class Meta:
        name = "cimByte"

    value: int = field()
    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class CimDateTime:
    class Meta:
        name = "cimDateTime"

    cim_date_time_or_interval_or_date_or_time_or_datetime: (
        None | str | XmlDuration | XmlDate | XmlTime | XmlDateTime
    ) = field(
        default=None,
        metadata={
            "type": "Elements",
            "choices": (
                {
                    "name": "CIM_DateTime",
                    "type": str,
                    "namespace": "http://schemas.dmtf.org/wbem/wscim/1/common",
                    "nillable": True,
                },
                {
                    "name": "Interval",
                    "type": XmlDuration,
                    "namespace": "http://schemas.dmtf.org/wbem/wscim/1/common",
                },
                {
                    "name": "Date",
                    "type": XmlDate,
                    "namespace": "http://schemas.dmtf.org/wbem/wscim/1/common",
                },
                {
                    "name": "Time",
                    "type": XmlTime,
                    "namespace": "http://schemas.dmtf.org/wbem/wscim/1/common",
                },
                {
                    "name": "Datetime",
                    "type": XmlDateTime,
                    "namespace": "http://schemas.dmtf.org/wbem/wscim/1/common",
                },
            ),
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
class CimDouble:
    class Meta:
        name = "cimDouble"

    value: float = field()
    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class CimFloat:
    class Meta:
        name = "cimFloat"

    value: float = field()
    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class CimHexBinary:
    class Meta:
        name = "cimHexBinary"

    value: bytes = field(
        default=b"",
        metadata={
            "format": "base16",
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
class CimInt:
    class Meta:
        name = "cimInt"

    value: int = field()
    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class CimLong:
    class Meta:
        name = "cimLong"

    value: int = field()
    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class CimReference:
    class Meta:
        name = "cimReference"

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
class CimShort:
    class Meta:
        name = "cimShort"

    value: int = field()
    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class CimString:
    class Meta:
        name = "cimString"

    value: str = field(default="")
    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class CimUnsignedByte:
    class Meta:
        name = "cimUnsignedByte"

    value: int = field()
    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class CimUnsignedInt:
    class Meta:
        name = "cimUnsignedInt"

    value: int = field()
    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class CimUnsignedLong:
    class Meta:
        name = "cimUnsignedLong"

    value: int = field()
    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class CimUnsignedShort:
    class Meta:
        name = "cimUnsignedShort"

    value: int = field()
    any_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "##any",
        },
    )


@dataclass(kw_only=True)
class CimChar16(CimString):
    class Meta:
        name = "cimChar16"


@dataclass(kw_only=True)
class QualifierBoolean(CimBoolean):
    class Meta:
        name = "qualifierBoolean"

    qualifier: bool = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/common",
        }
    )


@dataclass(kw_only=True)
class QualifierSint64(CimLong):
    class Meta:
        name = "qualifierSInt64"

    qualifier: bool = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/common",
        }
    )


@dataclass(kw_only=True)
class QualifierString(CimString):
    class Meta:
        name = "qualifierString"

    qualifier: bool = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/common",
        }
    )


@dataclass(kw_only=True)
class QualifierUint32(CimUnsignedInt):
    class Meta:
        name = "qualifierUInt32"

    qualifier: bool = field(
        metadata={
            "type": "Attribute",
            "namespace": "http://schemas.dmtf.org/wbem/wscim/1/common",
        }
    )


@dataclass(kw_only=True)
class QualifierSarray(QualifierString):
    class Meta:
        name = "qualifierSArray"
