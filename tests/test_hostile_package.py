"""Attacks on the package tools (issue 11): each test reproduces one attack on real files.

Sections: signatures, data loss, bounded cost, containment and output. Where the CLI is the
feature the real `python -m ovfmodel` process runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import ExtendedKeyUsageOID
from test_package_support import (
    make_ca,
    make_leaf,
    make_pki,
    make_source,
    ova_members,
    tar_bytes,
)

from ovfmodel.package import sign_manifest, verify_certificate, write_ova


def ovfmodel(*argv: str, stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ovfmodel", *argv],
        capture_output=True,
        text=True,
        check=False,
        stdin=stdin,
    )


def _mf(members: dict[str, bytes], names: list[str]) -> bytes:
    return b"".join(
        f"SHA256({n})= {hashlib.sha256(members[n]).hexdigest()}\n".encode() for n in names
    )


# --- signatures -------------------------------------------------------------------------------


@pytest.fixture
def signed(tmp_path: Path) -> tuple[Path, Path]:
    """A signed OVA and the CA that issued its signer."""
    pki = make_pki(tmp_path / "pki")
    out = tmp_path / "vm.ova"
    write_ova(make_source(tmp_path / "src"), out, sign=(pki.key_path, pki.cert_path))
    return out, pki.ca_path


@pytest.mark.parametrize("keep_manifest", [True, False])
def test_trust_fails_closed_when_the_signature_is_stripped(
    tmp_path: Path, signed: tuple[Path, Path], keep_manifest: bool
) -> None:
    ova, ca = signed
    members = dict(ova_members(ova))
    members["disk1.vmdk"] = b"evil" + members["disk1.vmdk"][4:]  # the attacker's disk
    order = ["vm.ovf", "disk1.vmdk", "tools.iso"]
    content = [(n, members[n]) for n in order]
    if keep_manifest:  # the manifest recomputed over the new disk, the .cert dropped
        content.insert(1, ("vm.mf", _mf(members, order)))
    tampered = tmp_path / "tampered.ova"
    tampered.write_bytes(tar_bytes(content))

    verify = ovfmodel("verify", str(tampered), "--trust", str(ca))
    assert verify.returncode == 1, verify.stdout
    assert "error PKG310" in verify.stdout
    validate = ovfmodel("validate", str(tampered), "--trust", str(ca))
    assert validate.returncode == 1 and "PKG310" in validate.stdout
    # without --trust nobody asked about the origin: the digests match, so it passes
    assert ovfmodel("verify", str(tampered)).returncode == 0


@pytest.mark.parametrize(
    "usage",
    ["server-auth", "no-digital-signature"],
)
def test_trust_refuses_a_certificate_not_issued_for_signing(tmp_path: Path, usage: str) -> None:
    ca, ca_key = make_ca()
    if usage == "server-auth":
        leaf, key = make_leaf(ca, ca_key, eku=ExtendedKeyUsageOID.SERVER_AUTH)
    else:  # a TLS key-exchange certificate: keyUsage keyEncipherment only
        leaf, key = make_leaf(ca, ca_key, eku=None)
        builder = (
            x509.CertificateBuilder()
            .subject_name(leaf.subject)
            .issuer_name(leaf.issuer)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(leaf.not_valid_before_utc)
            .not_valid_after(leaf.not_valid_after_utc)
            .add_extension(
                x509.KeyUsage(False, False, True, False, False, False, False, False, False),
                critical=True,
            )
        )
        leaf = builder.sign(ca_key, hashes.SHA256())
    manifest = b"SHA256(vm.ovf)= " + b"ab" * 32 + b"\n"
    data = sign_manifest(manifest, "vm.mf", key, [leaf])
    diags = verify_certificate(data, manifest, manifest_name="vm.mf", trust=[ca])
    assert [(d.code, d.severity.value) for d in diags] == [("PKG311", "error")]


def test_expired_signer_is_reported_once(tmp_path: Path) -> None:
    # the signer was valid months ago, before the CA certificate given as anchor was issued
    # (a renewed CA): the chain cannot be valid at any one moment, which is the expiry again
    now = dt.datetime.now(dt.UTC)
    ca, ca_key = make_ca(past_days=100)
    leaf, key = make_leaf(
        ca, ca_key, not_before=now - dt.timedelta(days=150), not_after=now - dt.timedelta(days=120)
    )
    manifest = b"SHA256(vm.ovf)= " + b"ab" * 32 + b"\n"
    data = sign_manifest(manifest, "vm.mf", key, [leaf])
    diags = verify_certificate(data, manifest, manifest_name="vm.mf", trust=[ca])
    assert [d.code for d in diags] == ["PKG304"]
    # an untrusted signer that is also expired is still reported as untrusted
    other, _ = make_ca("Other CA")
    diags = verify_certificate(data, manifest, manifest_name="vm.mf", trust=[other])
    assert [d.code for d in diags] == ["PKG304", "PKG305"]


def test_oversized_certificate_is_one_diagnostic(tmp_path: Path, signed: tuple[Path, Path]) -> None:
    ova, ca = signed
    members = ova_members(ova)
    content = [(n, d + b"\n" * (1024 * 1024) if n == "vm.cert" else d) for n, d in members]
    content = [(n, b"x" + d[1:] if n == "tools.iso" else d) for n, d in content]
    big = tmp_path / "big.ova"
    big.write_bytes(tar_bytes(content))
    result = ovfmodel("verify", str(big), "--trust", str(ca))
    assert result.returncode == 1, result.stderr
    assert result.stdout.count("error PKG301") == 1
    assert "more than the 1048576 allowed" in result.stdout
    assert "error PKG203" in result.stdout  # the rest of the package was still checked
    assert "Traceback" not in result.stderr
