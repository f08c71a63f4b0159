"""Certificates (.cert): signing a manifest and checking signature, validity and chain."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID
from test_package_support import Pki, make_ca, make_leaf, make_pki, pem

from ovfmodel.diagnostics import Diagnostic
from ovfmodel.errors import SignatureError
from ovfmodel.package import (
    CertificateFile,
    DigestAlgorithm,
    load_certificates,
    load_signing_key,
    sign_manifest,
    verify_certificate,
)

MANIFEST = b"SHA256(vm.ovf)= " + b"ab" * 32 + b"\nSHA256(disk.vmdk)= " + b"cd" * 32 + b"\n"


def codes(diags: list[Diagnostic]) -> list[str]:
    return [d.code for d in diags]


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.mark.parametrize("kind", ["rsa", "ec"])
@pytest.mark.parametrize("algorithm", list(DigestAlgorithm))
def test_sign_and_verify_round_trip(tmp_path: Path, kind: str, algorithm: DigestAlgorithm) -> None:
    p = make_pki(tmp_path, kind=kind)
    data = sign_manifest(MANIFEST, "vm.mf", p.leaf_key, [p.leaf], algorithm)
    assert data.startswith(f"{algorithm.value}(vm.mf)= ".encode())
    assert b"-----BEGIN CERTIFICATE-----" in data
    diags = verify_certificate(data, MANIFEST, manifest_name="vm.mf", trust=[p.ca])
    expected = ["PKG309"] if algorithm is DigestAlgorithm.SHA1 else []
    assert codes(diags) == expected


def test_cert_file_format(pki: Pki) -> None:
    data = sign_manifest(MANIFEST, "vm.mf", pki.leaf_key, [pki.leaf, pki.ca])
    first, rest = data.split(b"\n", 1)
    assert first.startswith(b"SHA256(vm.mf)= ")
    assert len(first.split(b"= ")[1]) == 512  # RSA-2048 signature, hex
    assert rest == pem(pki.leaf, pki.ca)
    parsed = CertificateFile.parse(data)
    assert parsed.signed_name == "vm.mf" and parsed.chain == (pki.leaf, pki.ca)
    assert parsed.to_bytes() == data


def test_openssl_can_verify_our_signature(tmp_path: Path, pki: Pki) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    data = sign_manifest(MANIFEST, "vm.mf", pki.leaf_key, [pki.leaf])
    cert = CertificateFile.parse(data)
    (tmp_path / "vm.mf").write_bytes(MANIFEST)
    (tmp_path / "sig").write_bytes(cert.signature)
    (tmp_path / "leaf.pem").write_bytes(pem(pki.leaf))
    pub = subprocess.run(
        ["openssl", "x509", "-in", "leaf.pem", "-pubkey", "-noout"],
        cwd=tmp_path,
        capture_output=True,
        check=True,
    ).stdout
    (tmp_path / "pub.pem").write_bytes(pub)
    out = subprocess.run(
        ["openssl", "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig", "vm.mf"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert "Verified OK" in out.stdout


def test_tampered_manifest(pki: Pki) -> None:
    data = sign_manifest(MANIFEST, "vm.mf", pki.leaf_key, [pki.leaf])
    tampered = MANIFEST.replace(b"cd", b"ce", 1)
    assert codes(verify_certificate(data, tampered, manifest_name="vm.mf", trust=[pki.ca])) == [
        "PKG302"
    ]


def test_tampered_signature(pki: Pki) -> None:
    data = bytearray(sign_manifest(MANIFEST, "vm.mf", pki.leaf_key, [pki.leaf]))
    i = data.index(b"= ") + 10
    data[i : i + 1] = b"0" if data[i : i + 1] != b"0" else b"1"
    diags = verify_certificate(bytes(data), MANIFEST, manifest_name="vm.mf", trust=[pki.ca])
    assert codes(diags) == ["PKG302"]


def test_signature_over_the_wrong_file(pki: Pki) -> None:
    data = sign_manifest(MANIFEST, "other.mf", pki.leaf_key, [pki.leaf])
    diags = verify_certificate(data, MANIFEST, manifest_name="vm.mf", trust=[pki.ca])
    assert codes(diags) == ["PKG303"]
    assert "other.mf" in diags[0].message


def test_certificate_swapped_for_another(tmp_path: Path, pki: Pki) -> None:
    other = make_pki(tmp_path)
    good = CertificateFile.parse(sign_manifest(MANIFEST, "vm.mf", pki.leaf_key, [pki.leaf]))
    swapped = CertificateFile(good.algorithm, good.signed_name, good.signature, (other.leaf,))
    diags = verify_certificate(swapped.to_bytes(), MANIFEST, manifest_name="vm.mf")
    assert "PKG302" in codes(diags)


def test_without_trust_anchors_integrity_only(pki: Pki) -> None:
    data = sign_manifest(MANIFEST, "vm.mf", pki.leaf_key, [pki.leaf])
    diags = verify_certificate(data, MANIFEST, manifest_name="vm.mf")
    assert codes(diags) == ["PKG306"]
    assert diags[0].severity.value == "warning"


def test_untrusted_chain(tmp_path: Path, pki: Pki) -> None:
    other_ca, _ = make_ca("Someone Else")
    data = sign_manifest(MANIFEST, "vm.mf", pki.leaf_key, [pki.leaf])
    diags = verify_certificate(data, MANIFEST, manifest_name="vm.mf", trust=[other_ca])
    assert codes(diags) == ["PKG305"]
    assert verify_certificate(data, MANIFEST, manifest_name="vm.mf", trust=[])[0].code == "PKG305"


def test_self_signed_attacker_cert_is_not_trusted(pki: Pki) -> None:
    # an attacker re-signs a modified manifest with a certificate carrying the CA's name
    fake_ca, fake_key = make_ca("Test CA")
    leaf, key = make_leaf(fake_ca, fake_key)
    data = sign_manifest(MANIFEST, "vm.mf", key, [leaf, fake_ca])
    diags = verify_certificate(data, MANIFEST, manifest_name="vm.mf", trust=[pki.ca])
    assert codes(diags) == ["PKG305"]


def test_intermediate_in_cert_file(tmp_path: Path) -> None:
    root, root_key = make_ca("Root", days=60)
    # an intermediate CA issued by root
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    inter_key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    inter = (
        x509.CertificateBuilder()
        .subject_name(x509.Name.from_rfc4514_string("CN=Intermediate"))
        .issuer_name(root.subject)
        .public_key(inter_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(inter_key.public_key()), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
        .sign(root_key, hashes.SHA256())
    )
    leaf, key = make_leaf(inter, inter_key)
    with_chain = sign_manifest(MANIFEST, "vm.mf", key, [leaf, inter])
    assert (
        codes(verify_certificate(with_chain, MANIFEST, manifest_name="vm.mf", trust=[root])) == []
    )
    leaf_only = sign_manifest(MANIFEST, "vm.mf", key, [leaf])
    diags = verify_certificate(leaf_only, MANIFEST, manifest_name="vm.mf", trust=[root])
    assert codes(diags) == ["PKG305"]


def test_expired_certificate(tmp_path: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    p = make_pki(
        tmp_path, not_before=now - dt.timedelta(days=20), not_after=now - dt.timedelta(days=2)
    )
    data = sign_manifest(MANIFEST, "vm.mf", p.leaf_key, [p.leaf])
    diags = verify_certificate(data, MANIFEST, manifest_name="vm.mf", trust=[p.ca])
    assert codes(diags) == ["PKG304"]  # expiry reported once, the chain itself is fine
    # checked at a time when it was valid, it passes
    when = now - dt.timedelta(days=10)
    assert (
        verify_certificate(data, MANIFEST, manifest_name="vm.mf", trust=[p.ca], at_time=when) == []
    )


def test_not_yet_valid(pki: Pki) -> None:
    data = sign_manifest(MANIFEST, "vm.mf", pki.leaf_key, [pki.leaf])
    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=400)
    assert "PKG304" in codes(
        verify_certificate(data, MANIFEST, manifest_name="vm.mf", trust=[pki.ca], at_time=past)
    )


def test_server_only_certificate_is_flagged(tmp_path: Path) -> None:
    p = make_pki(tmp_path, eku=ExtendedKeyUsageOID.SERVER_AUTH)
    data = sign_manifest(MANIFEST, "vm.mf", p.leaf_key, [p.leaf])
    # asked for trust: an error; only checking integrity: a warning
    [trusted] = verify_certificate(data, MANIFEST, manifest_name="vm.mf", trust=[p.ca])
    assert trusted.code == "PKG311" and trusted.severity.value == "error"
    assert codes(verify_certificate(data, MANIFEST, manifest_name="vm.mf")) == [
        "PKG308",
        "PKG306",
    ]


def test_key_must_match_certificate(tmp_path: Path, pki: Pki) -> None:
    other = make_pki(tmp_path)
    with pytest.raises(SignatureError, match="does not belong"):
        sign_manifest(MANIFEST, "vm.mf", other.leaf_key, [pki.leaf])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"hello\n", "not a signature line"),
        (b"SHA256(vm.mf)= abcd\n", "no PEM certificate"),
        (b"SHA256(vm.mf)= abc\n-----BEGIN CERTIFICATE-----\n", "odd number"),
        (
            b"SHA256(vm.mf)= abcd\n-----BEGIN CERTIFICATE-----\nxx\n-----END CERTIFICATE-----\n",
            "PEM",
        ),
        (b"MD5(vm.mf)= abcd\n", "not one of"),
    ],
)
def test_malformed_cert_files(data: bytes, message: str) -> None:
    with pytest.raises(SignatureError, match=message):
        CertificateFile.parse(data, name="vm.cert")
    diags = verify_certificate(data, MANIFEST, manifest_name="vm.mf", cert_name="vm.cert")
    assert codes(diags) == ["PKG301"]


def test_oversized_cert_file() -> None:
    with pytest.raises(SignatureError, match="more than"):
        CertificateFile.parse(b"x" * (2 * 1024 * 1024))


def test_load_helpers(tmp_path: Path, pki: Pki) -> None:
    assert load_certificates(pki.ca_path) == [pki.ca]
    assert isinstance(load_signing_key(pki.key_path), type(pki.leaf_key))
    (tmp_path / "junk.pem").write_bytes(b"junk")
    with pytest.raises(SignatureError):
        load_signing_key(tmp_path / "junk.pem")
    with pytest.raises(SignatureError):
        load_certificates(tmp_path / "junk.pem")


def test_manifest_stream_is_accepted(pki: Pki, tmp_path: Path) -> None:
    data = sign_manifest(MANIFEST, "vm.mf", pki.leaf_key, [pki.leaf])
    (tmp_path / "vm.mf").write_bytes(MANIFEST)
    with open(tmp_path / "vm.mf", "rb") as f:
        assert verify_certificate(data, f, manifest_name="vm.mf", trust=[pki.ca]) == []


def test_encrypted_key(tmp_path: Path, pki: Pki) -> None:
    from cryptography.hazmat.primitives import serialization

    path = tmp_path / "enc.pem"
    path.write_bytes(
        pki.leaf_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"s3cret"),
        )
    )
    with pytest.raises(SignatureError, match="password"):
        load_signing_key(path)
    key = load_signing_key(path, b"s3cret")
    data = sign_manifest(MANIFEST, "vm.mf", key, [pki.leaf])
    assert verify_certificate(data, MANIFEST, manifest_name="vm.mf", trust=[pki.ca]) == []


def test_expired_and_untrusted_are_both_reported(tmp_path: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    p = make_pki(
        tmp_path, not_before=now - dt.timedelta(days=20), not_after=now - dt.timedelta(days=2)
    )
    other_ca, _ = make_ca("Other")
    data = sign_manifest(MANIFEST, "vm.mf", p.leaf_key, [p.leaf])
    diags = verify_certificate(data, MANIFEST, manifest_name="vm.mf", trust=[other_ca])
    assert codes(diags) == ["PKG304", "PKG305"]
