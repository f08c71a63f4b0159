from __future__ import annotations

from dataclasses import dataclass, field

from .xmldsig import (
    KeyInfo,
    KeyInfoType,
    Transform,
)

__NAMESPACE__ = "http://www.w3.org/2001/04/xmlenc#"


@dataclass(kw_only=True)
class EncryptionMethodType:
    algorithm: str = field(
        metadata={
            "name": "Algorithm",
            "type": "Attribute",
        }
    )
    content: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##any",
            "mixed": True,
            "choices": (
                {
                    "name": "KeySize",
                    "type": int,
                    "namespace": "http://www.w3.org/2001/04/xmlenc#",
                },
                {
                    "name": "OAEPparams",
                    "type": bytes,
                    "namespace": "http://www.w3.org/2001/04/xmlenc#",
                    "format": "base64",
                },
            ),
        },
    )


@dataclass(kw_only=True)
class EncryptionPropertyType:
    target: None | str = field(
        default=None,
        metadata={
            "name": "Target",
            "type": "Attribute",
        },
    )
    id: None | str = field(
        default=None,
        metadata={
            "name": "Id",
            "type": "Attribute",
        },
    )
    w3_org_xml_1998_namespace_attributes: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "type": "Attributes",
            "namespace": "http://www.w3.org/XML/1998/namespace",
        },
    )
    content: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##any",
            "mixed": True,
        },
    )


@dataclass(kw_only=True)
class ReferenceType:
    other_element: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##other",
        },
    )
    uri: str = field(
        metadata={
            "name": "URI",
            "type": "Attribute",
        }
    )


@dataclass(kw_only=True)
class DataReference(ReferenceType):
    class Meta:
        global_type = False


@dataclass(kw_only=True)
class EncryptionProperty(EncryptionPropertyType):
    class Meta:
        namespace = "http://www.w3.org/2001/04/xmlenc#"


@dataclass(kw_only=True)
class KeyReference(ReferenceType):
    class Meta:
        global_type = False


@dataclass(kw_only=True)
class OriginatorKeyInfo(KeyInfoType):
    class Meta:
        global_type = False


@dataclass(kw_only=True)
class RecipientKeyInfo(KeyInfoType):
    class Meta:
        global_type = False


@dataclass(kw_only=True)
class TransformsType:
    transform: list[Transform] = field(
        default_factory=list,
        metadata={
            "name": "Transform",
            "type": "Element",
            "namespace": "http://www.w3.org/2000/09/xmldsig#",
            "min_occurs": 1,
        },
    )


@dataclass(kw_only=True)
class AgreementMethodType:
    algorithm: str = field(
        metadata={
            "name": "Algorithm",
            "type": "Attribute",
        }
    )
    content: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##any",
            "mixed": True,
            "choices": (
                {
                    "name": "KA-Nonce",
                    "type": bytes,
                    "namespace": "http://www.w3.org/2001/04/xmlenc#",
                    "format": "base64",
                },
                {
                    "name": "OriginatorKeyInfo",
                    "type": OriginatorKeyInfo,
                    "namespace": "http://www.w3.org/2001/04/xmlenc#",
                },
                {
                    "name": "RecipientKeyInfo",
                    "type": RecipientKeyInfo,
                    "namespace": "http://www.w3.org/2001/04/xmlenc#",
                },
            ),
        },
    )


@dataclass(kw_only=True)
class CipherReferenceType:
    transforms: None | TransformsType = field(
        default=None,
        metadata={
            "name": "Transforms",
            "type": "Element",
            "namespace": "http://www.w3.org/2001/04/xmlenc#",
        },
    )
    uri: str = field(
        metadata={
            "name": "URI",
            "type": "Attribute",
        }
    )


@dataclass(kw_only=True)
class EncryptionPropertiesType:
    encryption_property: list[EncryptionProperty] = field(
        default_factory=list,
        metadata={
            "name": "EncryptionProperty",
            "type": "Element",
            "namespace": "http://www.w3.org/2001/04/xmlenc#",
            "min_occurs": 1,
        },
    )
    id: None | str = field(
        default=None,
        metadata={
            "name": "Id",
            "type": "Attribute",
        },
    )


@dataclass(kw_only=True)
class ReferenceList:
    class Meta:
        namespace = "http://www.w3.org/2001/04/xmlenc#"

    data_reference_or_key_reference: list[DataReference | KeyReference] = field(
        default_factory=list,
        metadata={
            "type": "Elements",
            "choices": (
                {
                    "name": "DataReference",
                    "type": DataReference,
                },
                {
                    "name": "KeyReference",
                    "type": KeyReference,
                },
            ),
        },
    )


@dataclass(kw_only=True)
class AgreementMethod(AgreementMethodType):
    class Meta:
        namespace = "http://www.w3.org/2001/04/xmlenc#"


@dataclass(kw_only=True)
class CipherReference(CipherReferenceType):
    class Meta:
        namespace = "http://www.w3.org/2001/04/xmlenc#"


@dataclass(kw_only=True)
class EncryptionProperties(EncryptionPropertiesType):
    class Meta:
        namespace = "http://www.w3.org/2001/04/xmlenc#"


@dataclass(kw_only=True)
class CipherDataType:
    cipher_value_or_cipher_reference: None | bytes | CipherReference = field(
        default=None,
        metadata={
            "type": "Elements",
            "choices": (
                {
                    "name": "CipherValue",
                    "type": bytes,
                    "namespace": "http://www.w3.org/2001/04/xmlenc#",
                    "format": "base64",
                },
                {
                    "name": "CipherReference",
                    "type": CipherReference,
                    "namespace": "http://www.w3.org/2001/04/xmlenc#",
                },
            ),
        },
    )


@dataclass(kw_only=True)
class CipherData(CipherDataType):
    class Meta:
        namespace = "http://www.w3.org/2001/04/xmlenc#"


@dataclass(kw_only=True)
class EncryptedType:
    encryption_method: None | EncryptionMethodType = field(
        default=None,
        metadata={
            "name": "EncryptionMethod",
            "type": "Element",
            "namespace": "http://www.w3.org/2001/04/xmlenc#",
        },
    )
    key_info: None | KeyInfo = field(
        default=None,
        metadata={
            "name": "KeyInfo",
            "type": "Element",
            "namespace": "http://www.w3.org/2000/09/xmldsig#",
        },
    )
    cipher_data: CipherData = field(
        metadata={
            "name": "CipherData",
            "type": "Element",
            "namespace": "http://www.w3.org/2001/04/xmlenc#",
        }
    )
    encryption_properties: None | EncryptionProperties = field(
        default=None,
        metadata={
            "name": "EncryptionProperties",
            "type": "Element",
            "namespace": "http://www.w3.org/2001/04/xmlenc#",
        },
    )
    id: None | str = field(
        default=None,
        metadata={
            "name": "Id",
            "type": "Attribute",
        },
    )
    type_value: None | str = field(
        default=None,
        metadata={
            "name": "Type",
            "type": "Attribute",
        },
    )
    mime_type: None | str = field(
        default=None,
        metadata={
            "name": "MimeType",
            "type": "Attribute",
        },
    )
    encoding: None | str = field(
        default=None,
        metadata={
            "name": "Encoding",
            "type": "Attribute",
        },
    )


@dataclass(kw_only=True)
class EncryptedDataType(EncryptedType):
    pass


@dataclass(kw_only=True)
class EncryptedKeyType(EncryptedType):
    reference_list: None | ReferenceList = field(
        default=None,
        metadata={
            "name": "ReferenceList",
            "type": "Element",
            "namespace": "http://www.w3.org/2001/04/xmlenc#",
        },
    )
    carried_key_name: None | str = field(
        default=None,
        metadata={
            "name": "CarriedKeyName",
            "type": "Element",
            "namespace": "http://www.w3.org/2001/04/xmlenc#",
        },
    )
    recipient: None | str = field(
        default=None,
        metadata={
            "name": "Recipient",
            "type": "Attribute",
        },
    )


@dataclass(kw_only=True)
class EncryptedData(EncryptedDataType):
    class Meta:
        namespace = "http://www.w3.org/2001/04/xmlenc#"


@dataclass(kw_only=True)
class EncryptedKey(EncryptedKeyType):
    class Meta:
        namespace = "http://www.w3.org/2001/04/xmlenc#"
