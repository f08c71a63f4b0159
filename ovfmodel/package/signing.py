"""OVF certificates (.cert): a signature over the manifest plus the signer's X.509 certificate.

The file is ``SHA256(package.mf)= hexsignature`` followed by PEM certificates, signer first and
optionally its intermediates. The signature is what ``openssl dgst -sha256 -sign key.pem
package.mf`` produces (RSA PKCS#1 v1.5, or DER ECDSA for EC keys), hex encoded, which is what
ovftool writes and checks. All cryptography is done by the `cryptography` package.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.x509.oid import ExtendedKeyUsageOID
from cryptography.x509.verification import (
    ExtensionPolicy,
    PolicyBuilder,
    Store,
    VerificationError,
)

from ovfmodel.diagnostics import Diagnostic, Location, make
from ovfmodel.errors import ManifestError, SignatureError
from ovfmodel.package import rules
from ovfmodel.package.manifest import BLOCK_SIZE, DigestAlgorithm
from ovfmodel.xmlsafe import read_regular

#: Certificate files hold a line and a few PEM certificates; refuse anything much bigger.
MAX_CERT_BYTES = 1024 * 1024

SigningKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

_PEM_BEGIN = b"-----BEGIN CERTIFICATE-----"
# the manifest line grammar, with a signature of any length in place of the digest
_SIGNATURE_LINE = re.compile(r"^([A-Za-z0-9-]+) ?\((.+)\) ?= *([0-9A-Fa-f]+)$")


def _hash(algorithm: DigestAlgorithm) -> hashes.HashAlgorithm:
    return {"SHA1": hashes.SHA1(), "SHA256": hashes.SHA256(), "SHA512": hashes.SHA512()}[
        algorithm.value
    ]


@dataclass(frozen=True)
class CertificateFile:
    """A parsed .cert file: which file was signed, how, the signature, and the certificates."""

    algorithm: DigestAlgorithm
    signed_name: str
    signature: bytes
    chain: tuple[x509.Certificate, ...]

    @property
    def signer(self) -> x509.Certificate:
        return self.chain[0]

    @classmethod
    def parse(cls, data: bytes, *, name: str = "certificate") -> CertificateFile:
        """Parse .cert bytes; raises SignatureError naming what is wrong."""
        if len(data) > MAX_CERT_BYTES:
            raise SignatureError(
                f"certificate file is {len(data)} bytes, more than {MAX_CERT_BYTES}", file=name
            )
        text = data.decode("utf-8", "replace").lstrip("\ufeff")
        lines = text.splitlines()
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None:
            raise SignatureError("certificate file is empty", file=name)
        algorithm, signed_name, hexsig = _parse_signature_line(lines[first], first + 1, name)
        if len(hexsig) % 2:
            raise SignatureError(
                "signature has an odd number of hex digits", file=name, line=first + 1
            )
        if _PEM_BEGIN not in data:
            raise SignatureError(
                "no PEM certificate after the signature line",
                file=name,
                hint="Append the signer's certificate in PEM form",
            )
        try:
            chain = tuple(x509.load_pem_x509_certificates(data[data.index(_PEM_BEGIN) :]))
        except ValueError as exc:
            raise SignatureError(f"cannot read the PEM certificates: {exc}", file=name) from None
        return cls(algorithm, signed_name, bytes.fromhex(hexsig), chain)

    def to_bytes(self) -> bytes:
        line = f"{self.algorithm.value}({self.signed_name})= {self.signature.hex()}\n"
        pem = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in self.chain)
        return line.encode("utf-8") + pem


def _parse_signature_line(text: str, line: int, name: str) -> tuple[DigestAlgorithm, str, str]:
    """ALGORITHM(name)= hex where hex is a signature of any length."""
    m = _SIGNATURE_LINE.match(text.strip())
    if m is None:
        raise SignatureError(
            "first line is not a signature line",
            file=name,
            line=line,
            hint="It must read SHA256(package.mf)= hexsignature",
        )
    try:
        algorithm = DigestAlgorithm(m.group(1).upper())
    except ValueError:
        raise SignatureError(
            f"signature algorithm {m.group(1)!r} is not one of SHA1, SHA256, SHA512",
            file=name,
            line=line,
        ) from None
    return algorithm, m.group(2), m.group(3)


def _read_pem(path: str | Path, what: str) -> bytes:
    try:
        return read_regular(path)  # /dev/zero or a pipe is no PEM file: never read forever
    except OSError as exc:
        raise SignatureError(
            f"cannot read the {what}: {exc.strerror or exc}",
            file=str(path),
            hint="Check the path and permissions",
        ) from None


def load_signing_key(path: str | Path, password: bytes | None = None) -> SigningKey:
    """Load an RSA or EC private key from a PEM file."""
    data = _read_pem(path, "private key")
    try:
        key = serialization.load_pem_private_key(data, password)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise SignatureError(
            f"cannot load the private key: {exc}",
            file=str(path),
            hint="Pass a PEM RSA or EC key; for an encrypted key give its password "
            "(key_password=, or --key-password-env VAR naming a variable that holds it)",
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise SignatureError(
            f"{type(key).__name__} keys are not used for OVF signatures",
            file=str(path),
            hint="Use an RSA (2048 bits or more) or EC key",
        )
    return key


def load_certificates(path: str | Path) -> list[x509.Certificate]:
    """Load all PEM certificates from a file (a chain, or a bundle of trust anchors)."""
    data = _read_pem(path, "certificates")
    try:
        certs = x509.load_pem_x509_certificates(data)
    except ValueError as exc:
        raise SignatureError(
            f"cannot read PEM certificates: {exc}", file=str(path), hint="Pass a PEM file"
        ) from None
    return certs


def _public_der(key: rsa.RSAPublicKey | ec.EllipticCurvePublicKey | object) -> bytes:
    if isinstance(key, rsa.RSAPublicKey | ec.EllipticCurvePublicKey):
        return key.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    return b""


def sign_digest(key: SigningKey, algorithm: DigestAlgorithm, digest: bytes) -> bytes:
    """Sign an already computed digest (the manifest is hashed while it is written)."""
    prehashed = utils.Prehashed(_hash(algorithm))
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(digest, padding.PKCS1v15(), prehashed)
    return key.sign(digest, ec.ECDSA(prehashed))


def make_certificate_file(
    key: SigningKey,
    chain: Sequence[x509.Certificate],
    manifest_name: str,
    manifest_digest: bytes,
    algorithm: DigestAlgorithm = DigestAlgorithm.SHA256,
    *,
    size: int | None = None,
) -> bytes:
    """The .cert bytes for a manifest digest.

    With ``size`` the result has exactly that many bytes: the OVA writer reserves the
    certificate's space before the disks are hashed. RSA signatures have a fixed length; DER
    ECDSA signatures vary by a byte or two, so an EC key is re-signed (with a fresh nonce,
    which is safe) until the length fits.
    """
    if not chain:
        raise SignatureError("no certificate given for the signing key")
    if _public_der(key.public_key()) != _public_der(chain[0].public_key()):
        raise SignatureError(
            "the private key does not belong to the first certificate",
            hint="Put the signer's certificate first in the certificate file",
        )
    for _ in range(1000):
        signature = sign_digest(key, algorithm, manifest_digest)
        data = CertificateFile(algorithm, manifest_name, signature, tuple(chain)).to_bytes()
        if size is None or len(data) == size:
            return data
        if isinstance(key, rsa.RSAPrivateKey):
            break
    raise SignatureError(f"cannot produce a certificate file of exactly {size} bytes")


def sign_manifest(
    manifest: bytes,
    manifest_name: str,
    key: SigningKey,
    chain: Sequence[x509.Certificate],
    algorithm: DigestAlgorithm = DigestAlgorithm.SHA256,
) -> bytes:
    """The .cert file content signing ``manifest`` (the bytes of the file ``manifest_name``)."""
    h = algorithm.new()
    h.update(manifest)
    return make_certificate_file(key, chain, manifest_name, h.digest(), algorithm)


def _valid_at(cert: x509.Certificate, when: dt.datetime) -> bool:
    return cert.not_valid_before_utc <= when <= cert.not_valid_after_utc


def _subject(cert: x509.Certificate) -> str:
    return cert.subject.rfc4514_string() or "(empty subject)"


def check_signature(
    cert: CertificateFile,
    manifest_digest: bytes,
    *,
    manifest_name: str,
    cert_name: str = "package.cert",
    trust: Sequence[x509.Certificate] | None = None,
    at_time: dt.datetime | None = None,
) -> list[Diagnostic]:
    """Diagnostics for a parsed .cert against the digest (cert.algorithm) of the manifest.

    Checks: the signature names this manifest and verifies under the signer's key; every
    certificate is valid at ``at_time`` (default now); the signer may sign; and, given trust
    anchors, that the signer chains to one of them (RFC 5280 path building by `cryptography`,
    with web-PKI rules for the CAs and no server/client purpose imposed on the signer).
    """
    when = at_time or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    where = Location(file=cert_name, line=1)
    out: list[Diagnostic] = []
    signer = cert.signer

    if cert.signed_name != manifest_name:
        out.append(
            make(
                rules.SIGNATURE_WRONG_FILE,
                f"the signature is over {cert.signed_name!r}, not this package's manifest "
                f"{manifest_name!r}",
                where,
            )
        )
    pub = signer.public_key()
    prehashed = utils.Prehashed(_hash(cert.algorithm))
    try:
        if isinstance(pub, rsa.RSAPublicKey):
            pub.verify(cert.signature, manifest_digest, padding.PKCS1v15(), prehashed)
        elif isinstance(pub, ec.EllipticCurvePublicKey):
            pub.verify(cert.signature, manifest_digest, ec.ECDSA(prehashed))
        else:
            raise SignatureError(f"{type(pub).__name__} keys are not supported")
    except (InvalidSignature, SignatureError) as exc:
        detail = str(exc) if isinstance(exc, SignatureError) else "the signature does not match"
        out.append(
            make(
                rules.SIGNATURE_INVALID,
                f"{detail}: the manifest {manifest_name!r} is not the one signed by "
                f"{_subject(signer)}. Obtain the original package or re-sign it",
                where,
            )
        )
    weak = cert.algorithm is DigestAlgorithm.SHA1
    if isinstance(pub, rsa.RSAPublicKey) and pub.key_size < 2048:
        weak = True
    if weak:
        out.append(
            make(
                rules.WEAK_SIGNATURE,
                f"signed with {cert.algorithm.value}"
                + (
                    f" and a {pub.key_size}-bit RSA key"
                    if isinstance(pub, rsa.RSAPublicKey)
                    else ""
                )
                + "; re-sign with SHA256 and RSA 2048+ or EC",
                where,
            )
        )

    expired = [c for c in cert.chain if not _valid_at(c, when)]
    for c in expired:
        out.append(
            make(
                rules.CERT_EXPIRED,
                f"certificate {_subject(c)} is valid from {c.not_valid_before_utc:%Y-%m-%d} "
                f"to {c.not_valid_after_utc:%Y-%m-%d}, not at {when:%Y-%m-%d %H:%M} UTC",
                where,
            )
        )

    out.extend(_usage_problems(signer, where, trusted=trust is not None))

    if trust is None:
        out.append(
            make(
                rules.CERT_NOT_ANCHORED,
                f"signed by {_subject(signer)}, issued by {cert.signer.issuer.rfc4514_string()}; "
                "pass trust anchors (--trust ca.pem) to check who that is",
                where,
            )
        )
        return out
    if not trust:
        out.append(make(rules.CERT_UNTRUSTED, "the trust anchor list is empty", where))
        return out
    problem = _chain_problem(cert, trust, when, expired)
    if problem is not None:
        out.append(
            make(
                rules.CERT_UNTRUSTED,
                f"{_subject(signer)} does not chain to a trust anchor ({problem}); pass the "
                "issuing CA with --trust or add intermediates to the .cert file",
                where,
            )
        )
    return out


#: extendedKeyUsage purposes that allow signing packages: code signing, document signing
#: (RFC 9336) and "any purpose"
_SIGNING_PURPOSES = {
    ExtendedKeyUsageOID.CODE_SIGNING,
    x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36"),
    ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE,
}


def _usage_problems(
    signer: x509.Certificate, where: Location, *, trusted: bool
) -> list[Diagnostic]:
    """The signer's keyUsage must allow digitalSignature and its extendedKeyUsage (when present)
    code or document signing; an error when the user asked for trust, a warning otherwise."""
    rule = rules.CERT_USAGE_TRUSTED if trusted else rules.CERT_USAGE
    out: list[Diagnostic] = []
    try:
        ku = signer.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        pass
    else:
        if not ku.digital_signature:
            out.append(make(rule, f"{_subject(signer)}: keyUsage lacks digitalSignature", where))
    try:
        eku = signer.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        pass
    else:
        if not _SIGNING_PURPOSES.intersection(eku):
            purposes = ", ".join(getattr(o, "_name", o.dotted_string) for o in eku) or "none"
            out.append(
                make(
                    rule,
                    f"{_subject(signer)}: extendedKeyUsage ({purposes}) allows neither code nor "
                    "document signing",
                    where,
                )
            )
    return out


def _chain_problem(
    cert: CertificateFile,
    trust: Sequence[x509.Certificate],
    when: dt.datetime,
    expired: list[x509.Certificate],
) -> str | None:
    """Why the signer does not chain to an anchor, or None if it does.

    Expiry is reported on its own (PKG304), so with expired certificates the chain is judged at
    the moment nearest to ``when`` at which the chain and an anchor were all valid; a chain
    that fails only because no such moment exists is not reported a second time.
    """
    times = [when]
    if expired:
        for certs in [*([*cert.chain, anchor] for anchor in trust), list(cert.chain)]:
            start = max(c.not_valid_before_utc for c in certs)
            end = min(c.not_valid_after_utc for c in certs)
            if start <= end:
                times.insert(-1, min(max(when, start), end))
    reasons: list[str] = []
    for moment in dict.fromkeys(times):
        verifier = (
            PolicyBuilder()
            .store(Store(list(trust)))
            .time(moment)
            .extension_policies(
                ca_policy=ExtensionPolicy.webpki_defaults_ca(),
                ee_policy=ExtensionPolicy.permit_all(),
            )
            .build_client_verifier()
        )
        try:
            verifier.verify(cert.signer, list(cert.chain[1:]))
        except VerificationError as exc:
            reasons.append(str(exc))
        else:
            return None
    other = [r for r in reasons if "validation time" not in r]
    if expired and not other:
        return None  # only the validity period fails: PKG304 says so
    return (other or reasons)[0]


def verify_certificate(
    cert: bytes | CertificateFile,
    manifest: bytes | IO[bytes],
    *,
    manifest_name: str,
    cert_name: str = "package.cert",
    trust: Sequence[x509.Certificate] | None = None,
    at_time: dt.datetime | None = None,
) -> list[Diagnostic]:
    """Check a .cert file (bytes or parsed) against a manifest (bytes or a binary stream).

    Returns diagnostics (empty list: valid, trusted, current); a .cert that cannot be parsed is
    reported as PKG301 rather than raised, because it is a finding about the package.
    """
    if isinstance(cert, bytes):
        try:
            cert = CertificateFile.parse(cert, name=cert_name)
        except (SignatureError, ManifestError) as exc:
            return [make(rules.CERT_SYNTAX, exc.message, Location(file=cert_name, line=exc.line))]
    h = cert.algorithm.new()
    if isinstance(manifest, bytes):
        h.update(manifest)
    else:
        while block := manifest.read(BLOCK_SIZE):
            h.update(block)
    return check_signature(
        cert,
        h.digest(),
        manifest_name=manifest_name,
        cert_name=cert_name,
        trust=trust,
        at_time=at_time,
    )
