"""OVF packages: folders and OVA files, manifests, certificates and signatures (DSP0243 5).

    pkg = open_package("appliance.ova")
    report = pkg.check(trust=load_certificates("ca.pem"))
    write_ova("appliance.ovf", "appliance.ova", digest="sha256", sign=("key.pem", "cert.pem"))

Everything streams: disks are hashed in large blocks straight from the tar, never extracted
or read whole, and untrusted archives are indexed by a strict tar reader (see `ova`).
"""

from __future__ import annotations

from ovfmodel.package import rules
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
from ovfmodel.package.writer import (
    stale_companions,
    write_directory,
    write_ova,
    write_ova_from,
)

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
