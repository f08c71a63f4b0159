from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .xmldsig import DigestMethod
from .xmlenc import ReferenceList

__NAMESPACE__ = "http://www.w3.org/2009/xmlenc11#"


@dataclass(kw_only=True)
class AlgorithmIdentifierType:
    parameters: None | object = field(
        default=None,
        metadata={
            "name": "Parameters",
            "type": "Element",
            "namespace": "http://www.w3.org/2009/xmlenc11#",
        },
    )
    algorithm: str = field(
        metadata={
            "name": "Algorithm",
            "type": "Attribute",
        }
    )


@dataclass(kw_only=True)
class KeyDerivationMethodType:
    any_element: list[object] = field(
        default_factory=list,
        metadata={
            "type": "Wildcard",
            "namespace": "##any",
        },
    )
    algorithm: str = field(
        metadata={
            "name": "Algorithm",
            "type": "Attribute",
        }
    )


@dataclass(kw_only=True)
class ConcatKdfparamsType:
    class Meta:
        name = "ConcatKDFParamsType"

    digest_method: DigestMethod = field(
        metadata={
            "name": "DigestMethod",
            "type": "Element",
            "namespace": "http://www.w3.org/2000/09/xmldsig#",
        }
    )
    algorithm_id: None | bytes = field(
        default=None,
        metadata={
            "name": "AlgorithmID",
            "type": "Attribute",
            "format": "base16",
        },
    )
    party_uinfo: None | bytes = field(
        default=None,
        metadata={
            "name": "PartyUInfo",
            "type": "Attribute",
            "format": "base16",
        },
    )
    party_vinfo: None | bytes = field(
        default=None,
        metadata={
            "name": "PartyVInfo",
            "type": "Attribute",
            "format": "base16",
        },
    )
    supp_pub_info: None | bytes = field(
        default=None,
        metadata={
            "name": "SuppPubInfo",
            "type": "Attribute",
            "format": "base16",
        },
    )
    supp_priv_info: None | bytes = field(
        default=None,
        metadata={
            "name": "SuppPrivInfo",
            "type": "Attribute",
            "format": "base16",
        },
    )


@dataclass(kw_only=True)
class KeyDerivationMethod(KeyDerivationMethodType):
    class Meta:
        namespace = "http://www.w3.org/2009/xmlenc11#"


@dataclass(kw_only=True)
class Mgftype(AlgorithmIdentifierType):
    class Meta:
        name = "MGFType"

    parameters: Any = field(
        init=False,
        default=None,
        metadata={
            "type": "Ignore",
        },
    )


@dataclass(kw_only=True)
class Pbkdf2ParameterTypeSalt:
    class Meta:
        global_type = False

    specified_or_other_source: None | bytes | AlgorithmIdentifierType = field(
        default=None,
        metadata={
            "type": "Elements",
            "choices": (
                {
                    "name": "Specified",
                    "type": bytes,
                    "namespace": "http://www.w3.org/2009/xmlenc11#",
                    "format": "base64",
                },
                {
                    "name": "OtherSource",
                    "type": AlgorithmIdentifierType,
                    "namespace": "http://www.w3.org/2009/xmlenc11#",
                },
            ),
        },
    )


@dataclass(kw_only=True)
class PrfalgorithmIdentifierType(AlgorithmIdentifierType):
    class Meta:
        name = "PRFAlgorithmIdentifierType"

    parameters: Any = field(
        init=False,
        default=None,
        metadata={
            "type": "Ignore",
        },
    )


@dataclass(kw_only=True)
class ConcatKdfparams(ConcatKdfparamsType):
    class Meta:
        name = "ConcatKDFParams"
        namespace = "http://www.w3.org/2009/xmlenc11#"


@dataclass(kw_only=True)
class DerivedKeyType:
    key_derivation_method: None | KeyDerivationMethod = field(
        default=None,
        metadata={
            "name": "KeyDerivationMethod",
            "type": "Element",
            "namespace": "http://www.w3.org/2009/xmlenc11#",
        },
    )
    reference_list: None | ReferenceList = field(
        default=None,
        metadata={
            "name": "ReferenceList",
            "type": "Element",
            "namespace": "http://www.w3.org/2001/04/xmlenc#",
        },
    )
    derived_key_name: None | str = field(
        default=None,
        metadata={
            "name": "DerivedKeyName",
            "type": "Element",
            "namespace": "http://www.w3.org/2009/xmlenc11#",
        },
    )
    master_key_name: None | str = field(
        default=None,
        metadata={
            "name": "MasterKeyName",
            "type": "Element",
            "namespace": "http://www.w3.org/2009/xmlenc11#",
        },
    )
    recipient: None | str = field(
        default=None,
        metadata={
            "name": "Recipient",
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
    type_value: None | str = field(
        default=None,
        metadata={
            "name": "Type",
            "type": "Attribute",
        },
    )


@dataclass(kw_only=True)
class Mgf(Mgftype):
    class Meta:
        name = "MGF"
        namespace = "http://www.w3.org/2009/xmlenc11#"


@dataclass(kw_only=True)
class Pbkdf2ParameterType:
    class Meta:
        name = "PBKDF2ParameterType"

    salt: Pbkdf2ParameterTypeSalt = field(
        metadata={
            "name": "Salt",
            "type": "Element",
            "namespace": "http://www.w3.org/2009/xmlenc11#",
        }
    )
    iteration_count: int = field(
        metadata={
            "name": "IterationCount",
            "type": "Element",
            "namespace": "http://www.w3.org/2009/xmlenc11#",
        }
    )
    key_length: int = field(
        metadata={
            "name": "KeyLength",
            "type": "Element",
            "namespace": "http://www.w3.org/2009/xmlenc11#",
        }
    )
    prf: PrfalgorithmIdentifierType = field(
        metadata={
            "name": "PRF",
            "type": "Element",
            "namespace": "http://www.w3.org/2009/xmlenc11#",
        }
    )


@dataclass(kw_only=True)
class DerivedKey(DerivedKeyType):
    class Meta:
        namespace = "http://www.w3.org/2009/xmlenc11#"


@dataclass(kw_only=True)
class Pbkdf2Params(Pbkdf2ParameterType):
    class Meta:
        name = "PBKDF2-params"
        namespace = "http://www.w3.org/2009/xmlenc11#"
