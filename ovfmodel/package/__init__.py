"""OVF packages: folders and OVA files, manifests, certificates and signatures (DSP0243 5).

    pkg = open_package("appliance.ova")
    report = pkg.check(trust=load_certificates("ca.pem"))
    write_ova("appliance.ovf", "appliance.ova", digest="sha256", sign=("key.pem", "cert.pem"))

Everything streams: disks are hashed in large blocks straight from the tar, never extracted
or read whole, and untrusted archives are indexed by a strict tar reader (see `ova`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# the PKG rules join the shared catalog whenever the package is imported (validate --select)
from ovfmodel.package import rules

if TYPE_CHECKING:
    from ovfmodel.package.directory import stale_companions, write_directory
    from ovfmodel.package.extract import unpack
    from ovfmodel.package.manifest import (
        DigestAlgorithm,
        Manifest,
        ManifestEntry,
        ManifestLineError,
        iter_manifest,
    )
    from ovfmodel.package.ova import TarIndex, TarMember, read_tar_index
    from ovfmodel.package.package import (
        FileRole,
        Package,
        PackageFile,
        PackageKind,
        open_package,
    )
    from ovfmodel.package.references import (
        FileReference,
        FileUse,
        descriptor_references,
        references_from_descriptor,
    )
    from ovfmodel.package.signing import (
        CertificateFile,
        check_signature,
        load_certificates,
        load_signing_key,
        sign_manifest,
        verify_certificate,
    )
    from ovfmodel.package.writer import write_ova, write_ova_from

__all__ = [
    "CertificateFile",
    "DigestAlgorithm",
    "FileReference",
    "FileRole",
    "FileUse",
    "Manifest",
    "ManifestEntry",
    "ManifestLineError",
    "Package",
    "PackageFile",
    "PackageKind",
    "TarIndex",
    "TarMember",
    "check_signature",
    "descriptor_references",
    "iter_manifest",
    "load_certificates",
    "load_signing_key",
    "open_package",
    "read_tar_index",
    "references_from_descriptor",
    "rules",
    "sign_manifest",
    "stale_companions",
    "unpack",
    "verify_certificate",
    "write_directory",
    "write_ova",
    "write_ova_from",
]

# a subcommand imports only what it uses (`ovfmodel validate x.ovf` needs no tar writer, no
# signatures): each name is imported from its module on first use (PEP 562)
_LAZY = {
    "unpack": "extract",
    "DigestAlgorithm": "manifest",
    "Manifest": "manifest",
    "ManifestEntry": "manifest",
    "ManifestLineError": "manifest",
    "iter_manifest": "manifest",
    "TarIndex": "ova",
    "TarMember": "ova",
    "read_tar_index": "ova",
    "FileRole": "package",
    "Package": "package",
    "PackageFile": "package",
    "PackageKind": "package",
    "open_package": "package",
    "FileReference": "references",
    "FileUse": "references",
    "descriptor_references": "references",
    "references_from_descriptor": "references",
    "CertificateFile": "signing",
    "check_signature": "signing",
    "load_certificates": "signing",
    "load_signing_key": "signing",
    "sign_manifest": "signing",
    "verify_certificate": "signing",
    "stale_companions": "directory",
    "write_directory": "directory",
    "write_ova": "writer",
    "write_ova_from": "writer",
}

if not TYPE_CHECKING:  # mypy sees the imports above, with their real types

    def __getattr__(name: str) -> Any:
        module_name = _LAZY.get(name)
        if module_name is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{__name__}.{module_name}"), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(__all__))
