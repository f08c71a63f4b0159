"""Shared builders for the package tests: descriptors, disk files, a throwaway PKI, raw tars.

Named test_package_* so it sits with the package tests; it holds no tests itself.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import tarfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

OVF2 = "http://schemas.dmtf.org/ovf/envelope/2"


@dataclass(frozen=True)
class Ref:
    """A References/File to put into a test descriptor."""

    id: str
    href: str
    size: int | None = None
    compression: str | None = None
    chunk_size: int | None = None
    disk: bool = True


def descriptor(refs: list[Ref], ns: str = OVF2) -> bytes:
    """A minimal OVF 2.0 envelope: References, DiskSection, one VirtualSystem."""
    files = []
    disks = []
    for r in refs:
        attrs = f'ovf:id="{r.id}" ovf:href="{r.href}"'
        if r.size is not None:
            attrs += f' ovf:size="{r.size}"'
        if r.compression is not None:
            attrs += f' ovf:compression="{r.compression}"'
        if r.chunk_size is not None:
            attrs += f' ovf:chunkSize="{r.chunk_size}"'
        files.append(f"    <ovf:File {attrs}/>")
        if r.disk:
            disks.append(
                f'    <ovf:Disk ovf:diskId="d-{r.id}" ovf:fileRef="{r.id}" ovf:capacity="1048576"'
                ' ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html"/>'
            )
    text = f"""<?xml version="1.0" encoding="UTF-8"?>
<ovf:Envelope xmlns:ovf="{ns}"
    xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"
    xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData">
  <ovf:References>
{chr(10).join(files)}
  </ovf:References>
  <ovf:DiskSection>
    <ovf:Info>Virtual disks</ovf:Info>
{chr(10).join(disks)}
  </ovf:DiskSection>
  <ovf:VirtualSystem ovf:id="vm1">
    <ovf:Info>A test machine</ovf:Info>
    <ovf:VirtualHardwareSection>
      <ovf:Info>Hardware</ovf:Info>
      <ovf:Item>
        <rasd:ElementName>1 CPU</rasd:ElementName>
        <rasd:InstanceID>1</rasd:InstanceID>
        <rasd:ResourceType>3</rasd:ResourceType>
        <rasd:VirtualQuantity>1</rasd:VirtualQuantity>
      </ovf:Item>
    </ovf:VirtualHardwareSection>
  </ovf:VirtualSystem>
</ovf:Envelope>
"""
    return text.encode("utf-8")


def disk_bytes(n: int, seed: int = 1) -> bytes:
    """Deterministic, non-repeating-looking content."""
    return bytes((i * 31 + seed * 7 + (i >> 8)) & 0xFF for i in range(n))


def make_source(
    folder: Path,
    *,
    disk_size: int = 3000,
    chunk_size: int | None = None,
    gzip_disk: bool = False,
    iso: bool = True,
    split: bool = True,
) -> Path:
    """A descriptor with a disk (optionally chunked or gzip) and an ISO beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    disk = disk_bytes(disk_size)
    refs: list[Ref] = []
    if gzip_disk:
        disk = gzip.compress(disk, mtime=0)
        (folder / "disk1.vmdk.gz").write_bytes(disk)
        refs.append(Ref("file1", "disk1.vmdk.gz", len(disk), compression="gzip"))
    elif chunk_size:
        if split:
            for i, off in enumerate(range(0, len(disk), chunk_size)):
                (folder / f"disk1.vmdk.{i:09d}").write_bytes(disk[off : off + chunk_size])
        else:
            (folder / "disk1.vmdk").write_bytes(disk)
        refs.append(Ref("file1", "disk1.vmdk", len(disk), chunk_size=chunk_size))
    else:
        (folder / "disk1.vmdk").write_bytes(disk)
        refs.append(Ref("file1", "disk1.vmdk", len(disk)))
    if iso:
        data = disk_bytes(700, seed=2)
        (folder / "tools.iso").write_bytes(data)
        refs.append(Ref("file2", "tools.iso", len(data), disk=False))
    path = folder / "vm.ovf"
    path.write_bytes(descriptor(refs))
    return path


# --- a throwaway PKI ---------------------------------------------------------------------------


@dataclass
class Pki:
    ca: x509.Certificate
    ca_key: ec.EllipticCurvePrivateKey
    leaf: x509.Certificate
    leaf_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    key_path: Path
    cert_path: Path
    ca_path: Path


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_ca(
    cn: str = "Test CA", *, days: int = 30, past_days: int = 100
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(_name(cn))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=past_days))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return cert, key


def make_leaf(
    ca: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    *,
    kind: str = "rsa",
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    eku: x509.ObjectIdentifier | None = ExtendedKeyUsageOID.CODE_SIGNING,
) -> tuple[x509.Certificate, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey]:
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    key = (
        rsa.generate_private_key(65537, 2048)
        if kind == "rsa"
        else ec.generate_private_key(ec.SECP256R1())
    )
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name("Appliance Vendor"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - dt.timedelta(days=1))
        .not_valid_after(not_after or now + dt.timedelta(days=10))
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
    )
    if eku is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage([eku]), critical=False)
    return builder.sign(ca_key, hashes.SHA256()), key


def pem(*certs: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)


def key_pem(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def make_pki(
    folder: Path,
    *,
    kind: str = "rsa",
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    eku: x509.ObjectIdentifier | None = ExtendedKeyUsageOID.CODE_SIGNING,
) -> Pki:
    folder.mkdir(parents=True, exist_ok=True)
    ca, ca_key = make_ca()
    leaf, leaf_key = make_leaf(
        ca, ca_key, kind=kind, not_before=not_before, not_after=not_after, eku=eku
    )
    key_path, cert_path, ca_path = folder / "key.pem", folder / "cert.pem", folder / "ca.pem"
    key_path.write_bytes(key_pem(leaf_key))
    cert_path.write_bytes(pem(leaf))
    ca_path.write_bytes(pem(ca))
    return Pki(ca, ca_key, leaf, leaf_key, key_path, cert_path, ca_path)


# --- raw tars ------------------------------------------------------------------------------


def tar_bytes(members: list[tuple[str, bytes]], *, fmt: int = tarfile.PAX_FORMAT) -> bytes:
    """A tar of regular files, in the given order, made by Python's tarfile."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tf:
        for name, data in members:
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            tf.addfile(ti, io.BytesIO(data))
    return buf.getvalue()


def add_special(tar: bytes, info: tarfile.TarInfo, data: bytes = b"") -> bytes:
    """Append one member of any type (link, device, ...) to a tar made by tar_bytes."""
    buf = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(tar), mode="r") as src,
        tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as dst,
    ):
        for m in src.getmembers():
            f = src.extractfile(m)
            dst.addfile(m, f)
        dst.addfile(info, io.BytesIO(data) if data else None)
    return buf.getvalue()


def ova_members(path: Path) -> list[tuple[str, bytes]]:
    with tarfile.open(path) as tf:
        out = []
        for m in tf.getmembers():
            f = tf.extractfile(m)
            assert f is not None
            out.append((m.name, f.read()))
        return out


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def flip_byte(path: Path, offset: int) -> None:
    with open(path, "r+b") as f:
        f.seek(offset)
        b = f.read(1)
        f.seek(offset)
        f.write(bytes([b[0] ^ 0xFF]))


def environment_has_tar() -> bool:
    return any(
        os.access(os.path.join(d, "tar"), os.X_OK) for d in os.environ.get("PATH", "").split(":")
    )
