"""Opening, checking and writing packages; every kind of tampering caught with its code."""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
import subprocess
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest
from test_package_support import (
    OVF2,
    Pki,
    Ref,
    descriptor,
    disk_bytes,
    flip_byte,
    make_pki,
    make_source,
    ova_members,
    tar_bytes,
)

from ovfmodel.diagnostics import CATALOG, Severity
from ovfmodel.errors import PackageError
from ovfmodel.package import (
    FileRole,
    FileUse,
    PackageFile,
    PackageKind,
    open_package,
    references_from_descriptor,
    sign_manifest,
    stale_companions,
    write_directory,
    write_ova,
)
from ovfmodel.package.package import files_table

Edit = Callable[[list[tuple[str, bytes]]], list[tuple[str, bytes]]]


def file_of(path: Path, name: str) -> PackageFile:
    f = open_package(path).file(name)
    assert f is not None
    return f


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def signed_ova(tmp_path: Path, pki: Pki) -> Path:
    src = make_source(tmp_path / "src")
    return write_ova(src, tmp_path / "vm.ova", sign=(pki.key_path, pki.cert_path))


def codes(path: Path, pki: Pki | None = None) -> list[str]:
    report = open_package(path).check(trust=[pki.ca] if pki else None)
    return report.codes()


def rewrite_ova(src: Path, dst: Path, edit: Edit) -> Path:
    """Re-tar an OVA after edit(list of (name, bytes)) -> list of (name, bytes)."""
    dst.write_bytes(tar_bytes(edit(ova_members(src))))
    return dst


# --- rules --------------------------------------------------------------------------------


def test_rules_are_registered_with_spec_references() -> None:
    pkg_rules = [r for r in CATALOG if r.code.startswith("PKG")]
    assert len(pkg_rules) >= 30
    for rule in pkg_rules:
        assert rule.spec.startswith("DSP0243 ")
        assert rule.description


# --- references from the descriptor ------------------------------------------------------------


@pytest.mark.parametrize(
    "ns",
    [
        "http://schemas.dmtf.org/ovf/envelope/1",
        "http://schemas.dmtf.org/ovf/envelope/2",
        "http://www.vmware.com/schema/ovf/1/envelope",
    ],
)
def test_references_in_every_envelope_namespace(ns: str) -> None:
    data = descriptor(
        [Ref("f1", "a.vmdk", 10, chunk_size=4), Ref("f2", "b.iso", 3, "gzip", disk=False)], ns
    )
    refs = references_from_descriptor(data, "x.ovf")
    assert [(r.id, r.href, r.size, r.chunk_size, r.compression, r.disk) for r in refs] == [
        ("f1", "a.vmdk", 10, 4, None, True),
        ("f2", "b.iso", 3, None, "gzip", False),
    ]
    assert refs[0].line is not None and refs[0].chunk_name(1) == "a.vmdk.000000001"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<notxml", "well-formed"),
        (b"<Envelope/>", "not an OVF Envelope"),
        (descriptor([Ref("f1", "a", None)]).replace(b'ovf:href="a"', b""), "no ovf:href"),
        (
            descriptor([Ref("f1", "a", None)]).replace(
                b'ovf:href="a"', b'ovf:href="a" ovf:size="-1"'
            ),
            "not a non-negative integer",
        ),
        (descriptor([Ref("f1", "a", 1, chunk_size=0)]), "chunkSize is 0"),
    ],
)
def test_bad_descriptors(data: bytes, message: str) -> None:
    with pytest.raises(PackageError, match=message):
        references_from_descriptor(data, "x.ovf")


def test_external_entities_are_refused() -> None:
    data = (
        descriptor([Ref("f1", "a.vmdk", 1)])
        .replace(
            b'<?xml version="1.0" encoding="UTF-8"?>',
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
        )
        .replace(b'ovf:href="a.vmdk"', b'ovf:href="&e;"')
    )
    with pytest.raises(PackageError, match="external entity") as info:
        references_from_descriptor(data, "x.ovf")
    assert "root:" not in str(info.value)


DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # OVF 0.9 declares its DiskSection as <Section xsi:type="ovf:DiskSection_Type">
        ("vmware-legacy-0.9.ovf", {"file1": ["disk"]}),
        (
            "generic-ovf20-storage-ethernet-items.ovf",
            {
                "file-root": ["disk"],
                "file-tools": ["host resource"],
                "file-seed": ["environment file"],
            },
        ),
        ("generic-strings-localization.ovf", {"file1": ["disk"], "strings-ja": ["strings"]}),
        (
            "vmware-ovftool-appliance.ovf",
            {"file1": ["disk"], "file2": [], "file3": ["icon"]},
        ),
    ],
)
def test_file_uses_from_the_typed_model(name: str, expected: dict[str, list[str]]) -> None:
    refs = references_from_descriptor((DATA / name).read_bytes(), name)
    assert {r.id: [u.value for u in r.uses] for r in refs} == expected
    assert all(r.disk == (FileUse.DISK in r.uses) for r in refs)


_USES_OVF = """<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/2"
    xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/2"
    xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData">
  <References>
    <File ovf:id="shared" ovf:href="shared.vmdk" ovf:size="4"/>
    <File ovf:id="icon" ovf:href="icon.png" ovf:size="4"/>
    <File ovf:id="bundle" ovf:href="de.msg" ovf:size="4"/>
    <File ovf:id="seed" ovf:href="seed.iso" ovf:size="4"/>
  </References>
  <SharedDiskSection>
    <Info>shared</Info>
    <SharedDisk ovf:diskId="sd" ovf:fileRef="shared" ovf:capacity="1024"/>
  </SharedDiskSection>
  <VirtualSystem ovf:id="vm">
    <Info>vm</Info>
    <ProductSection>
      <Info>product</Info>
      <Product>P</Product>
      <Icon ovf:height="32" ovf:width="32" ovf:mimeType="image/png" ovf:fileRef="icon"/>
    </ProductSection>
    <VirtualHardwareSection>
      <Info>hw</Info>
      <Item>
        <rasd:ElementName>cd</rasd:ElementName>
        <rasd:HostResource>ovf:/file/seed</rasd:HostResource>
        <rasd:InstanceID>1</rasd:InstanceID>
        <rasd:ResourceType>15</rasd:ResourceType>
      </Item>
    </VirtualHardwareSection>
    <EnvironmentFilesSection>
      <Info>files</Info>
      <File ovf:fileRef="seed" ovf:path="user-data"/>
    </EnvironmentFilesSection>
  </VirtualSystem>
  <Strings xml:lang="de-DE" ovf:fileRef="bundle"/>
</Envelope>
"""


def test_roles_and_uses_of_every_kind_of_reference(tmp_path: Path) -> None:
    (tmp_path / "vm.ovf").write_text(_USES_OVF, encoding="utf-8")
    for name in ("shared.vmdk", "icon.png", "de.msg", "seed.iso"):
        (tmp_path / name).write_bytes(b"data")
    pkg = open_package(write_ova(tmp_path / "vm.ovf", tmp_path / "vm.ova"))
    assert pkg.document.version == "2.0"
    assert [(f.name, f.role) for f in pkg.files] == [
        ("vm.ovf", FileRole.DESCRIPTOR),
        ("vm.mf", FileRole.MANIFEST),
        ("shared.vmdk", FileRole.DISK),  # a SharedDisk is a disk too
        ("icon.png", FileRole.REFERENCED),
        ("de.msg", FileRole.REFERENCED),
        ("seed.iso", FileRole.REFERENCED),
    ]
    uses = {r.href: [u.value for u in r.uses] for r in pkg.references}
    assert uses == {
        "shared.vmdk": ["shared disk"],
        "icon.png": ["icon"],
        "de.msg": ["strings"],
        "seed.iso": ["environment file", "host resource"],
    }
    assert files_table(pkg.files)[5]["uses"] == ["environment file", "host resource"]
    assert pkg.check().codes() == []


@pytest.mark.parametrize(
    ("attr", "message"),
    [
        ('ovf:size="abc"', "ovf:size='abc' is not a non-negative integer"),
        ('ovf:size="${disk.size}"', "ovf:size='${disk.size}' is not"),
        ('ovf:chunkSize="-5"', "ovf:chunkSize='-5' is not a non-negative integer"),
    ],
)
def test_unusable_sizes_name_file_and_line(attr: str, message: str) -> None:
    data = descriptor([Ref("f1", "a", None)]).replace(
        b'ovf:href="a"', f'ovf:href="a" {attr}'.encode()
    )
    with pytest.raises(PackageError, match=re.escape(message)) as info:
        references_from_descriptor(data, "x.ovf")
    assert info.value.file == "x.ovf" and info.value.line == 6


# --- opening -----------------------------------------------------------------------------------


def test_open_ova_lists_files_and_roles(signed_ova: Path) -> None:
    pkg = open_package(signed_ova)
    assert pkg.kind is PackageKind.OVA
    assert [(f.name, f.role) for f in pkg.files] == [
        ("vm.ovf", FileRole.DESCRIPTOR),
        ("vm.mf", FileRole.MANIFEST),
        ("vm.cert", FileRole.CERTIFICATE),
        ("disk1.vmdk", FileRole.DISK),
        ("tools.iso", FileRole.REFERENCED),
    ]
    assert file_of(signed_ova, "disk1.vmdk").size == 3000
    assert pkg.descriptor_bytes().startswith(b"<?xml")
    with pkg.open("disk1.vmdk") as f:
        assert f.read() == disk_bytes(3000)


@pytest.mark.parametrize("how", ["descriptor", "folder"])
def test_open_folder_package(tmp_path: Path, how: str) -> None:
    src = make_source(tmp_path / "pkg")
    (tmp_path / "pkg" / "notes.txt").write_text("hello")
    pkg = open_package(src if how == "descriptor" else src.parent)
    assert pkg.kind is PackageKind.DIRECTORY
    roles = {f.name: f.role for f in pkg.files}
    assert roles == {
        "vm.ovf": FileRole.DESCRIPTOR,
        "disk1.vmdk": FileRole.DISK,
        "tools.iso": FileRole.REFERENCED,
        "notes.txt": FileRole.EXTRA,
    }
    assert pkg.check().codes() == ["PKG201"]  # no manifest: an info, not a failure
    assert pkg.check().ok


def test_folder_with_two_descriptors(tmp_path: Path) -> None:
    make_source(tmp_path)
    (tmp_path / "other.ovf").write_bytes((tmp_path / "vm.ovf").read_bytes())
    with pytest.raises(PackageError, match="exactly one descriptor"):
        open_package(tmp_path)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="no such file"):
        open_package(tmp_path / "nope.ova")


def test_hrefs_in_subfolders(tmp_path: Path) -> None:
    (tmp_path / "disks").mkdir()
    (tmp_path / "disks" / "a.vmdk").write_bytes(b"abc")
    (tmp_path / "vm.ovf").write_bytes(descriptor([Ref("f1", "disks/a.vmdk", 3)]))
    out = write_ova(tmp_path / "vm.ovf", tmp_path / "vm.ova")
    assert [m for m, _ in ova_members(out)] == ["vm.ovf", "vm.mf", "disks/a.vmdk"]
    assert codes(out) == []
    folder = write_directory(tmp_path / "vm.ovf", tmp_path / "copy")
    assert codes(folder) == []


# --- valid packages ----------------------------------------------------------------------------


def test_signed_ova_verifies_with_trust_anchor(signed_ova: Path, pki: Pki) -> None:
    assert codes(signed_ova, pki) == []
    assert codes(signed_ova) == ["PKG306"]  # valid, but origin unchecked without anchors


@pytest.mark.parametrize("digest", ["sha1", "sha256", "sha512"])
def test_digest_algorithms(tmp_path: Path, digest: str) -> None:
    out = write_ova(make_source(tmp_path / "s"), tmp_path / "vm.ova", digest=digest)
    mf = dict(ova_members(out))["vm.mf"].decode()
    assert mf.startswith(f"{digest.upper()}(vm.ovf)= ")
    assert codes(out) == (["PKG208"] if digest == "sha1" else [])


def test_ec_signed_ova(tmp_path: Path) -> None:
    ec_pki = make_pki(tmp_path / "pki", kind="ec")
    for i in range(8):  # DER ECDSA signatures vary in length: the reserved slot must fit
        out = write_ova(
            make_source(tmp_path / "s"),
            tmp_path / f"vm{i}.ova",
            sign=(ec_pki.key_path, ec_pki.cert_path),
        )
        assert codes(out, ec_pki) == []


def test_unsigned_without_manifest(tmp_path: Path) -> None:
    out = write_ova(make_source(tmp_path / "s"), tmp_path / "vm.ova", digest=None)
    assert [m for m, _ in ova_members(out)] == ["vm.ovf", "disk1.vmdk", "tools.iso"]
    assert codes(out) == ["PKG201"]
    with pytest.raises(PackageError, match="signing needs a manifest"):
        write_ova(make_source(tmp_path / "s"), tmp_path / "x.ova", digest=None, sign=("a", "b"))


def test_manifest_matches_sha256sum(tmp_path: Path) -> None:
    src = make_source(tmp_path / "s")
    out = write_ova(src, tmp_path / "vm.ova")
    lines = dict(ova_members(out))["vm.mf"].decode().splitlines()
    assert lines == [
        f"SHA256({name})= {hashlib.sha256((src.parent / name).read_bytes()).hexdigest()}"
        for name in ("vm.ovf", "disk1.vmdk", "tools.iso")
    ]


def test_directory_package_in_place_and_copied(tmp_path: Path, pki: Pki) -> None:
    src = make_source(tmp_path / "s")
    write_directory(src, src.parent, sign=(pki.key_path, pki.cert_path))
    assert (src.parent / "vm.mf").is_file() and (src.parent / "vm.cert").is_file()
    assert codes(src, pki) == []
    copy = write_directory(src, tmp_path / "copy", digest="sha512")
    assert sorted(p.name for p in copy.iterdir()) == ["disk1.vmdk", "tools.iso", "vm.mf", "vm.ovf"]
    assert codes(copy) == []


def test_repack_without_signing_refuses_to_leave_a_stale_certificate(
    tmp_path: Path, pki: Pki
) -> None:
    src = make_source(tmp_path / "s")
    write_directory(src, src.parent, sign=(pki.key_path, pki.cert_path))
    before = {p.name: p.read_bytes() for p in src.parent.iterdir()}
    (src.parent / "tools.iso").write_bytes(b"a new iso")
    src.write_bytes(src.read_bytes().replace(b'ovf:size="700"', b'ovf:size="9"'))
    before.update({"tools.iso": b"a new iso", "vm.ovf": src.read_bytes()})
    # the old vm.cert signs the old manifest: kept beside a new one it would fail verification
    with pytest.raises(PackageError, match=r"vm\.cert from an earlier packing") as info:
        write_directory(src, src.parent, digest="sha256")
    assert "--sign" in str(info.value) and "--remove-stale" in str(info.value)
    assert {p.name: p.read_bytes() for p in src.parent.iterdir()} == before  # nothing touched
    assert stale_companions(src, src.parent, digest="sha256") == [src.parent / "vm.cert"]

    write_directory(src, src.parent, digest="sha256", remove_stale=True)
    assert not (src.parent / "vm.cert").exists()
    assert codes(src) == []
    # signing again replaces the certificate without asking: it is this run's own output
    write_directory(src, src.parent, sign=(pki.key_path, pki.cert_path))
    write_directory(src, src.parent, sign=(pki.key_path, pki.cert_path))
    assert codes(src, pki) == []


def test_repack_without_digest_refuses_to_leave_a_stale_manifest(tmp_path: Path) -> None:
    src = make_source(tmp_path / "s")
    copy = write_directory(src, tmp_path / "copy")
    with pytest.raises(PackageError, match=r"vm\.mf from an earlier packing") as info:
        write_directory(src, copy, digest=None)
    assert "--digest" in str(info.value)
    assert (copy / "vm.mf").is_file()
    write_directory(src, copy, digest=None, remove_stale=True)
    assert sorted(p.name for p in copy.iterdir()) == ["disk1.vmdk", "tools.iso", "vm.ovf"]
    assert codes(copy) == ["PKG201"]


def test_ova_is_readable_by_tarfile_and_gnu_tar(signed_ova: Path) -> None:
    with tarfile.open(signed_ova) as tf:
        assert tf.getnames() == ["vm.ovf", "vm.mf", "vm.cert", "disk1.vmdk", "tools.iso"]
        for m in tf.getmembers():
            assert m.isfile() and m.uid == 0 and m.mode == 0o644
    if shutil.which("tar") is None:
        pytest.skip("tar not installed")
    listing = subprocess.run(
        ["tar", "tvf", str(signed_ova)], capture_output=True, text=True, check=True
    )
    assert [line.split()[-1] for line in listing.stdout.splitlines()] == [
        "vm.ovf",
        "vm.mf",
        "vm.cert",
        "disk1.vmdk",
        "tools.iso",
    ]
    assert "3000" in listing.stdout.splitlines()[3]
    out = signed_ova.parent / "gnu"
    out.mkdir()
    subprocess.run(["tar", "xf", str(signed_ova), "-C", str(out)], check=True)
    assert (out / "disk1.vmdk").read_bytes() == disk_bytes(3000)


def test_long_and_unicode_names_use_pax(tmp_path: Path) -> None:
    name = "d" * 120 + "-диск.vmdk"
    (tmp_path / name).write_bytes(b"x" * 10)
    (tmp_path / "vm.ovf").write_bytes(descriptor([Ref("f1", name, 10)]))
    out = write_ova(tmp_path / "vm.ovf", tmp_path / "vm.ova")
    with tarfile.open(out) as tf:
        assert name in tf.getnames()
    assert open_package(out).file(name) is not None
    assert codes(out) == []


def test_reproducible_with_fixed_mtime(tmp_path: Path) -> None:
    src = make_source(tmp_path / "s")
    a = write_ova(src, tmp_path / "a.ova", mtime=1_000_000_000)
    b = write_ova(src, tmp_path / "b.ova", mtime=1_000_000_000)
    assert a.read_bytes() == b.read_bytes()


def test_failed_write_leaves_nothing(tmp_path: Path) -> None:
    src = make_source(tmp_path / "s")
    (src.parent / "tools.iso").unlink()
    with pytest.raises(PackageError, match="tools.iso"):
        write_ova(src, tmp_path / "vm.ova")
    assert list(tmp_path.glob("*.ova*")) == [] and list(tmp_path.glob(".vm.ova*")) == []


def test_write_refuses_wrong_size(tmp_path: Path) -> None:
    src = make_source(tmp_path / "s")
    (src.parent / "disk1.vmdk").write_bytes(b"short")
    with pytest.raises(PackageError, match='ovf:size="5"'):
        write_ova(src, tmp_path / "vm.ova")


def test_write_refuses_escaping_href(tmp_path: Path) -> None:
    (tmp_path / "vm.ovf").write_bytes(descriptor([Ref("f1", "../secret", 3)]))
    with pytest.raises(PackageError, match=r"'\.\.'"):
        write_ova(tmp_path / "vm.ovf", tmp_path / "vm.ova")


# --- tampering ---------------------------------------------------------------------------------


def test_a_byte_changed_in_a_disk(signed_ova: Path, pki: Pki) -> None:
    member = open_package(signed_ova)._stored["disk1.vmdk"]
    flip_byte(signed_ova, member.offset + 1234)
    report = open_package(signed_ova).check(trust=[pki.ca])
    assert report.codes() == ["PKG203"]
    assert "disk1.vmdk" in report.diagnostics[0].message
    assert report.diagnostics[0].location.file == f"{signed_ova}!vm.mf"
    assert report.diagnostics[0].location.line == 2


def test_a_changed_manifest_line_breaks_the_signature(
    signed_ova: Path, pki: Pki, tmp_path: Path
) -> None:
    def edit(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        files = dict(members)
        files["disk1.vmdk"] = files["disk1.vmdk"][:-1] + b"!"
        # the attacker updates the digest to match the new disk
        lines = files["vm.mf"].decode().splitlines(keepends=True)
        lines[1] = f"SHA256(disk1.vmdk)= {hashlib.sha256(files['disk1.vmdk']).hexdigest()}\n"
        files["vm.mf"] = "".join(lines).encode()
        return [(name, files[name]) for name, _ in members]

    forged = rewrite_ova(signed_ova, tmp_path / "forged.ova", edit)
    assert codes(forged, pki) == ["PKG302"]


def test_a_replaced_certificate(signed_ova: Path, pki: Pki, tmp_path: Path) -> None:
    attacker = make_pki(tmp_path / "attacker")

    def edit(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        mf = dict(members)["vm.mf"]
        cert = sign_manifest(mf, "vm.mf", attacker.leaf_key, [attacker.leaf])
        return [(n, cert if n == "vm.cert" else d) for n, d in members]

    forged = rewrite_ova(signed_ova, tmp_path / "forged.ova", edit)
    assert codes(forged, pki) == ["PKG305"]
    assert codes(forged) == ["PKG306"]  # without anchors only integrity can be shown


def test_a_corrupted_certificate(signed_ova: Path, pki: Pki, tmp_path: Path) -> None:
    forged = rewrite_ova(
        signed_ova,
        tmp_path / "forged.ova",
        lambda ms: [(n, d[:300] if n == "vm.cert" else d) for n, d in ms],
    )
    assert codes(forged, pki) == ["PKG301"]


def test_signature_over_the_wrong_file(signed_ova: Path, pki: Pki, tmp_path: Path) -> None:
    def edit(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        other = b"SHA256(x)= " + b"0" * 64 + b"\n"
        cert = sign_manifest(other, "other.mf", pki.leaf_key, [pki.leaf])
        return [(n, cert if n == "vm.cert" else d) for n, d in members]

    forged = rewrite_ova(signed_ova, tmp_path / "forged.ova", edit)
    assert codes(forged, pki) == ["PKG303", "PKG302"]


def test_certificate_without_manifest(signed_ova: Path, pki: Pki, tmp_path: Path) -> None:
    forged = rewrite_ova(
        signed_ova, tmp_path / "x.ova", lambda ms: [(n, d) for n, d in ms if n != "vm.mf"]
    )
    assert codes(forged, pki) == ["PKG307"]


def test_tar_order(signed_ova: Path, tmp_path: Path, pki: Pki) -> None:
    def swap(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        return [members[0], members[1], members[2], members[4], members[3]]

    assert codes(rewrite_ova(signed_ova, tmp_path / "a.ova", swap), pki) == ["PKG403"]

    def descriptor_last(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        return [*members[1:], members[0]]

    assert codes(rewrite_ova(signed_ova, tmp_path / "b.ova", descriptor_last), pki) == [
        "PKG401",
        "PKG402",
    ]

    def manifest_at_end(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        return [members[0], members[3], members[4], members[1], members[2]]

    # allowed by DSP0243: manifest and certificate both at the end
    assert codes(rewrite_ova(signed_ova, tmp_path / "c.ova", manifest_at_end), pki) == []

    def split(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        return [members[0], members[1], members[3], members[4], members[2]]

    assert codes(rewrite_ova(signed_ova, tmp_path / "d.ova", split), pki) == ["PKG402"]


def test_wrong_size(tmp_path: Path) -> None:
    src = make_source(tmp_path / "s")
    out = write_ova(src, tmp_path / "vm.ova")
    forged = rewrite_ova(
        out,
        tmp_path / "forged.ova",
        lambda ms: [
            (n, d.replace(b'ovf:size="3000"', b'ovf:size="3001"') if n == "vm.ovf" else d)
            for n, d in ms
        ],
    )
    # the descriptor changed too, so its digest no longer matches
    assert codes(forged) == ["PKG102", "PKG203"]
    report = open_package(forged).check()
    size = report.diagnostics[0]
    assert size.location.path == "References/File[file1]" and size.location.line == 6
    assert 'ovf:size="3000"' in size.message


def test_missing_file(tmp_path: Path, pki: Pki) -> None:
    out = write_ova(make_source(tmp_path / "s"), tmp_path / "vm.ova")
    forged = rewrite_ova(
        out, tmp_path / "forged.ova", lambda ms: [(n, d) for n, d in ms if n != "tools.iso"]
    )
    assert codes(forged) == ["PKG101"]  # its manifest line is not also "extra"


def test_unreferenced_extra_member(tmp_path: Path) -> None:
    out = write_ova(make_source(tmp_path / "s"), tmp_path / "vm.ova")
    forged = rewrite_ova(out, tmp_path / "forged.ova", lambda ms: [*ms, ("evil.sh", b"rm -rf")])
    assert file_of(forged, "evil.sh").role is FileRole.EXTRA
    assert codes(forged) == ["PKG109"]


def test_manifest_problems(tmp_path: Path) -> None:
    out = write_ova(make_source(tmp_path / "s"), tmp_path / "vm.ova")

    def edit(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        mf = dict(members)["vm.mf"].decode().splitlines(keepends=True)
        new = [
            mf[1],  # descriptor line dropped, tools.iso line dropped
            mf[1],  # duplicate
            "SHA256(ghost.vmdk)= " + "1" * 64 + "\n",  # a file not in the package
            "garbage\n",
        ]
        return [(n, "".join(new).encode() if n == "vm.mf" else d) for n, d in members]

    forged = rewrite_ova(out, tmp_path / "forged.ova", edit)
    report = open_package(forged).check()
    assert sorted(report.codes()) == sorted(["PKG206", "PKG205", "PKG202", "PKG207", "PKG204"])
    by_code = {d.code: d for d in report.diagnostics}
    assert by_code["PKG204"].message.startswith("no digest for 'tools.iso'")
    assert by_code["PKG205"].location.line == 3
    assert by_code["PKG202"].location.line == 4


def test_real_world_manifest_forms_verify(tmp_path: Path) -> None:
    out = write_ova(make_source(tmp_path / "s"), tmp_path / "vm.ova")

    def edit(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        mf = dict(members)["vm.mf"].decode()
        lines = [
            line.replace("SHA256(", "SHA256 (").replace(")= ", ") = ") for line in mf.splitlines()
        ]
        lines[1] = lines[1].upper().replace("SHA256 (DISK1.VMDK)", "SHA256 (disk1.vmdk)")
        text = "\r\n".join(lines) + "\r\n"
        return [(n, text.encode() if n == "vm.mf" else d) for n, d in members]

    assert codes(rewrite_ova(out, tmp_path / "forms.ova", edit)) == []


def test_manifest_of_a_million_lines(tmp_path: Path) -> None:
    src = make_source(tmp_path / "s")
    folder = write_directory(src, src.parent)
    with open(folder / "vm.mf", "a") as f:
        line = "SHA256(junk-{:07d})= " + "0" * 64 + "\n"
        for start in range(0, 1_000_000, 10_000):
            f.write("".join(line.format(i) for i in range(start, start + 10_000)))
    report = open_package(src).check()
    # every extra line is counted but only the first hundred are listed
    assert report.codes().count("PKG205") == 100
    assert report.codes()[-1] == "PKG210" and "999900 more PKG205" in report.diagnostics[-1].message


def test_chunked_file(tmp_path: Path) -> None:
    src = make_source(tmp_path / "s", disk_size=2500, chunk_size=1000)
    out = write_ova(src, tmp_path / "vm.ova")
    names = [m for m, _ in ova_members(out)]
    assert names == [
        "vm.ovf",
        "vm.mf",
        "disk1.vmdk.000000000",
        "disk1.vmdk.000000001",
        "disk1.vmdk.000000002",
        "tools.iso",
    ]
    pkg = open_package(out)
    assert [(f.chunk, f.size) for f in pkg.files if f.chunk is not None] == [
        (0, 1000),
        (1, 1000),
        (2, 500),
    ]
    assert pkg.check().codes() == []


def test_chunked_file_split_while_packing(tmp_path: Path) -> None:
    src = make_source(tmp_path / "s", disk_size=2500, chunk_size=1000, split=False)
    out = write_ova(src, tmp_path / "vm.ova")
    members = dict(ova_members(out))
    assert members["disk1.vmdk.000000002"] == disk_bytes(2500)[2000:]
    assert codes(out) == []


def test_chunked_file_with_a_missing_part(tmp_path: Path) -> None:
    out = write_ova(
        make_source(tmp_path / "s", disk_size=2500, chunk_size=1000), tmp_path / "a.ova"
    )
    forged = rewrite_ova(
        out,
        tmp_path / "forged.ova",
        lambda ms: [(n, d) for n, d in ms if n != "disk1.vmdk.000000001"],
    )
    assert codes(forged) == ["PKG103"]
    last_gone = rewrite_ova(
        out,
        tmp_path / "forged2.ova",
        lambda ms: [(n, d) for n, d in ms if n != "disk1.vmdk.000000002"],
    )
    assert codes(last_gone) == ["PKG103"]  # ovf:size says three chunks


def test_chunk_of_the_wrong_size(tmp_path: Path) -> None:
    src = make_source(tmp_path / "s", disk_size=2500, chunk_size=1000)
    folder = src.parent
    write_directory(src, folder)
    with open(folder / "disk1.vmdk.000000000", "ab") as f:
        f.write(b"x")
    assert codes(src) == ["PKG104", "PKG102", "PKG203"]


def test_whole_file_digest_of_a_chunked_file(tmp_path: Path) -> None:
    src = make_source(tmp_path / "s", disk_size=2500, chunk_size=1000)
    folder = src.parent
    write_directory(src, folder)
    whole = hashlib.sha256(disk_bytes(2500)).hexdigest()
    with open(folder / "vm.mf", "a") as f:  # DSP0243 allows an entry for the entire file too
        f.write(f"SHA256(disk1.vmdk)= {whole}\n")
    assert codes(src) == []
    with open(folder / "vm.mf", "a") as f:
        f.write(f"SHA256(disk1.vmdk)= {'0' * 64}\n")
    assert codes(src) == ["PKG206", "PKG203"]


def test_gzip_file(tmp_path: Path) -> None:
    src = make_source(tmp_path / "s", gzip_disk=True)
    out = write_ova(src, tmp_path / "vm.ova")
    data = dict(ova_members(out))["disk1.vmdk.gz"]
    assert gzip.decompress(data) == disk_bytes(3000)
    assert codes(out) == []
    # ovf:size is the compressed size; the uncompressed size is wrong
    forged = rewrite_ova(
        out,
        tmp_path / "f.ova",
        lambda ms: [
            (
                n,
                d.replace(f'ovf:size="{len(data)}"'.encode(), b'ovf:size="3000"')
                if n == "vm.ovf"
                else d,
            )
            for n, d in ms
        ],
    )
    assert "PKG102" in codes(forged)


def test_declared_gzip_but_not_gzip(tmp_path: Path) -> None:
    (tmp_path / "disk.vmdk").write_bytes(b"plain data")
    (tmp_path / "vm.ovf").write_bytes(descriptor([Ref("f1", "disk.vmdk", 10, "gzip")]))
    assert codes(write_ova(tmp_path / "vm.ovf", tmp_path / "vm.ova")) == ["PKG105"]


def test_unknown_compression_and_external_and_escaping_hrefs(tmp_path: Path) -> None:
    (tmp_path / "disk.vmdk").write_bytes(b"BZh91AY")
    (tmp_path / "vm.ovf").write_bytes(
        descriptor(
            [
                Ref("f1", "disk.vmdk", 7, "bzip2"),
                Ref("f2", "https://example.com/big.vmdk", 10),
                Ref("f3", "../../etc/passwd", 10),
                Ref("f4", "disk.vmdk", 7),
                Ref("f1", "other.vmdk", 7),
            ]
        )
    )
    assert codes(tmp_path / "vm.ovf") == [
        "PKG106",
        "PKG108",
        "PKG107",
        "PKG110",
        "PKG111",
        "PKG101",
        "PKG201",
    ]


def test_severities_of_a_clean_but_unsigned_package(tmp_path: Path) -> None:
    report = open_package(write_ova(make_source(tmp_path / "s"), tmp_path / "vm.ova")).check()
    assert report.ok and report.diagnostics == []


def test_diagnostics_are_actionable(signed_ova: Path, pki: Pki) -> None:
    member = open_package(signed_ova)._stored["tools.iso"]
    flip_byte(signed_ova, member.offset)
    [diag] = open_package(signed_ova).check(trust=[pki.ca]).diagnostics
    assert diag.severity is Severity.ERROR and diag.spec and "DSP0243" in diag.spec
    assert diag.format_text().startswith(f"{signed_ova}!vm.mf:3: error PKG203: 'tools.iso'")


# --- severities by DSP0243 clause and version (issue 12) -------------------------------------


def _folder(
    tmp_path: Path, ns: str, manifest_names: list[str], compression: str | None = None
) -> Path:
    folder = tmp_path / "pkg"
    folder.mkdir()
    disk, iso = disk_bytes(100), disk_bytes(50, seed=2)
    (folder / "disk1.vmdk").write_bytes(disk)
    (folder / "tools.iso").write_bytes(iso)
    desc = descriptor(
        [Ref("f1", "disk1.vmdk", 100), Ref("f2", "tools.iso", 50, compression, disk=False)], ns
    )
    (folder / "vm.ovf").write_bytes(desc)
    content = {"vm.ovf": desc, "disk1.vmdk": disk, "tools.iso": iso}
    (folder / "vm.mf").write_text(
        "".join(f"SHA256({n})= {hashlib.sha256(content[n]).hexdigest()}\n" for n in manifest_names)
    )
    return folder


@pytest.mark.parametrize(
    ("ns", "code", "ok"),
    [
        ("http://schemas.dmtf.org/ovf/envelope/1", "PKG211", True),  # 1.x: no shall, a warning
        ("http://schemas.dmtf.org/ovf/envelope/2", "PKG204", False),  # 2.x: shall, an error
    ],
)
def test_manifest_completeness_depends_on_the_version(
    tmp_path: Path, ns: str, code: str, ok: bool
) -> None:
    report = open_package(_folder(tmp_path, ns, ["vm.ovf", "disk1.vmdk"])).check()
    assert report.codes() == [code] and report.ok is ok
    assert "tools.iso" in report.diagnostics[0].message


def test_descriptor_missing_from_the_manifest_is_a_warning(tmp_path: Path) -> None:
    report = open_package(_folder(tmp_path, OVF2, ["disk1.vmdk", "tools.iso"])).check()
    assert report.codes() == ["PKG207"] and report.ok
    assert report.diagnostics[0].severity is Severity.WARNING


def test_shall_rules_are_errors(tmp_path: Path) -> None:
    # ovf:compression shall be gzip, identity or absent (7.1)
    folder = _folder(tmp_path, OVF2, ["vm.ovf", "disk1.vmdk", "tools.iso"], compression="bzip2")
    report = open_package(folder).check()
    assert report.codes() == ["PKG106"] and not report.ok
    # the manifest shall have the descriptor's base name (5.1)
    members = [(p.name, p.read_bytes()) for p in (folder / "vm.ovf", folder / "vm.mf")]
    members[1] = ("other.mf", members[1][1])
    members += [(n, (folder / n).read_bytes()) for n in ("disk1.vmdk", "tools.iso")]
    ova = tmp_path / "vm.ova"
    ova.write_bytes(tar_bytes(members))
    report = open_package(ova).check()
    assert "PKG209" in report.codes() and not report.ok
