"""Hostile and damaged OVAs: each is refused with a PackageError naming file and member."""

from __future__ import annotations

import gzip
import io
import os
import tarfile
from pathlib import Path

import pytest
from test_package_support import (
    Ref,
    add_special,
    descriptor,
    make_source,
    ova_members,
    tar_bytes,
)

from ovfmodel.errors import PackageError
from ovfmodel.package import open_package, read_tar_index, unpack, write_ova

DESC = descriptor([Ref("file1", "disk.vmdk", 4)])


def ova(tmp_path: Path, data: bytes, name: str = "bad.ova") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def good_members() -> list[tuple[str, bytes]]:
    return [("vm.ovf", DESC), ("disk.vmdk", b"DISK")]


def special(kind: bytes, name: str = "evil", linkname: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    return info


def assert_refused(path: Path, *fragments: str) -> PackageError:
    with pytest.raises(PackageError) as info:
        open_package(path)
    text = str(info.value)
    assert info.value.file == str(path)
    for fragment in fragments:
        assert fragment in text, text
    return info.value


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("../evil.sh", "'..'"),
        ("a/../../evil.sh", "'..'"),
        ("/etc/cron.d/evil", "absolute path"),
        ("C:/Windows/evil.dll", "absolute path"),
        ("..\\evil.exe", "backslash"),
        ("../" + "x" * 150, "'..'"),  # long: the name travels in a pax header
    ],
)
def test_names_that_escape(tmp_path: Path, name: str, problem: str) -> None:
    path = ova(tmp_path, tar_bytes([*good_members(), (name, b"x")]))
    assert_refused(path, problem, "member")


def test_gnu_long_name_that_escapes(tmp_path: Path) -> None:
    data = tar_bytes([*good_members(), ("../" + "y" * 200, b"x")], fmt=tarfile.GNU_FORMAT)
    assert_refused(ova(tmp_path, data), "'..'")


@pytest.mark.parametrize(
    ("kind", "what"),
    [
        (tarfile.SYMTYPE, "symbolic link"),
        (tarfile.LNKTYPE, "hard link"),
        (tarfile.CHRTYPE, "character device"),
        (tarfile.BLKTYPE, "block device"),
        (tarfile.FIFOTYPE, "FIFO"),
    ],
)
def test_links_and_devices(tmp_path: Path, kind: bytes, what: str) -> None:
    data = add_special(tar_bytes(good_members()), special(kind, "disk2.vmdk", "/etc/passwd"))
    err = assert_refused(ova(tmp_path, data), what, "'disk2.vmdk'")
    assert err.hint and "regular files" in err.hint


def test_duplicate_members(tmp_path: Path) -> None:
    data = tar_bytes([*good_members(), ("disk.vmdk", b"EVIL")])
    assert_refused(ova(tmp_path, data), "'disk.vmdk' appears twice")


def test_duplicate_after_normalising_dot_slash(tmp_path: Path) -> None:
    data = tar_bytes([*good_members(), ("./disk.vmdk", b"EVIL")])
    assert_refused(ova(tmp_path, data), "appears twice")


def test_lying_size_header(tmp_path: Path) -> None:
    data = tar_bytes([*good_members(), ("big.iso", b"z" * 5000)])
    # cut the archive in the middle of big.iso's data
    cut = data[: data.index(b"z" * 100) + 1000]
    err = assert_refused(ova(tmp_path, cut), "'big.iso' claims 5000 bytes")
    assert err.hint and "truncated" in err.hint


def test_truncated_inside_a_header(tmp_path: Path) -> None:
    data = tar_bytes(good_members())
    second_header = 512 + 512 * -(-len(DESC) // 512)
    assert_refused(ova(tmp_path, data[: second_header + 100]), "partial header", "'vm.ovf'")


def test_corrupt_header_in_the_middle(tmp_path: Path) -> None:
    data = bytearray(tar_bytes(good_members()))
    second_header = 512 + 512 * -(-len(DESC) // 512)
    data[second_header + 10] ^= 0x55  # damage the name of the second member
    assert_refused(ova(tmp_path, bytes(data)), "checksum mismatch", "after member 'vm.ovf'")


def test_not_a_tar(tmp_path: Path) -> None:
    assert_refused(ova(tmp_path, os.urandom(2048)), "not a tar archive")


def test_gzip_compressed_ova(tmp_path: Path) -> None:
    err = assert_refused(ova(tmp_path, gzip.compress(tar_bytes(good_members()))), "gzip")
    assert err.hint and "gunzip" in err.hint


def test_too_many_members(tmp_path: Path) -> None:
    path = ova(tmp_path, tar_bytes([*good_members(), *((f"f{i}", b"") for i in range(20))]))
    with pytest.raises(PackageError, match="more than 10 members"):
        read_tar_index(path, max_members=10)


def test_global_pax_header_renaming_members(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with tarfile.open(
        fileobj=buf, mode="w", format=tarfile.PAX_FORMAT, pax_headers={"path": "../x"}
    ) as tf:
        for name, data in good_members():
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            tf.addfile(ti, io.BytesIO(data))
    assert_refused(ova(tmp_path, buf.getvalue()), "global pax header")


def test_harmless_global_pax_header_is_accepted(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with tarfile.open(
        fileobj=buf, mode="w", format=tarfile.PAX_FORMAT, pax_headers={"comment": "git"}
    ) as tf:
        for name, data in good_members():
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            tf.addfile(ti, io.BytesIO(data))
    pkg = open_package(ova(tmp_path, buf.getvalue()))
    assert [f.name for f in pkg.files] == ["vm.ovf", "disk.vmdk"]


def test_base256_size_field(tmp_path: Path) -> None:
    """GNU tar stores sizes of 8 GiB and more in base-256; read them (here a small one)."""
    data = bytearray(tar_bytes(good_members(), fmt=tarfile.GNU_FORMAT))
    second = 512 + 512 * -(-len(DESC) // 512)
    header = data[second : second + 512]
    header[124:136] = b"\x80" + (4).to_bytes(11, "big")
    header[148:156] = b" " * 8
    header[148:156] = f"{sum(header):06o}\x00 ".encode()
    data[second : second + 512] = header
    disk = open_package(ova(tmp_path, bytes(data))).file("disk.vmdk")
    assert disk is not None and disk.size == 4
    with tarfile.open(tmp_path / "bad.ova") as tf:  # tarfile agrees
        assert tf.getmember("disk.vmdk").size == 4
    with tarfile.open(tmp_path / "bad.ova") as tf:  # and tarfile agrees
        assert tf.getmember("disk.vmdk").size == 4


def test_missing_end_marker_is_a_warning(tmp_path: Path) -> None:
    data = tar_bytes(good_members())
    end = 512 * 2 + 512 * -(-len(DESC) // 512) + 512  # headers + data blocks, no zero blocks
    pkg = open_package(ova(tmp_path, data[:end]))
    assert "PKG404" in pkg.check().codes()


def test_directory_entries_are_ignored(tmp_path: Path) -> None:
    buf = io.BytesIO(tar_bytes(good_members()))
    data = add_special(buf.getvalue(), special(tarfile.DIRTYPE, "somedir/"))
    pkg = open_package(ova(tmp_path, data))
    assert "PKG405" in pkg.check().codes()


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ([("disk.vmdk", b"DISK")], "found none"),
        ([("a.ovf", DESC), ("b.ovf", DESC)], "a.ovf, b.ovf"),
        ([("sub/vm.ovf", DESC)], "top level"),
    ],
)
def test_descriptor_count(tmp_path: Path, members: list[tuple[str, bytes]], message: str) -> None:
    assert_refused(ova(tmp_path, tar_bytes(members)), message)


def test_empty_file(tmp_path: Path) -> None:
    assert_refused(ova(tmp_path, b""), "found none")


# --- unpack --------------------------------------------------------------------------------


def test_unpack_writes_only_inside_target(tmp_path: Path) -> None:
    src = make_source(tmp_path / "src")
    package = write_ova(src, tmp_path / "vm.ova")
    out = tmp_path / "out"
    written = unpack(package, out)
    assert sorted(p.name for p in written) == ["disk1.vmdk", "tools.iso", "vm.mf", "vm.ovf"]
    assert (out / "disk1.vmdk").read_bytes() == (src.parent / "disk1.vmdk").read_bytes()
    assert open_package(out).check().ok


def test_unpack_refuses_hostile_archive_before_writing(tmp_path: Path) -> None:
    data = tar_bytes([*good_members(), ("../escaped.txt", b"x")])
    with pytest.raises(PackageError, match="'..'"):
        unpack(ova(tmp_path, data), tmp_path / "out")
    assert not (tmp_path / "escaped.txt").exists()
    assert not (tmp_path / "out" / "vm.ovf").exists()


def test_unpack_does_not_follow_symlinks_in_target(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "out"
    target.mkdir()
    (target / "sub").symlink_to(outside)
    data = tar_bytes([*good_members(), ("sub/payload", b"x")])
    with pytest.raises(PackageError, match="not a plain folder"):
        unpack(ova(tmp_path, data), target)
    assert list(outside.iterdir()) == []


def test_unpack_does_not_overwrite_or_follow_existing_links(tmp_path: Path) -> None:
    package = write_ova(make_source(tmp_path / "src"), tmp_path / "vm.ova")
    target = tmp_path / "out"
    target.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("keep")
    (target / "tools.iso").symlink_to(victim)
    with pytest.raises(PackageError, match="already exists"):
        unpack(package, target)
    with pytest.raises(PackageError, match="already exists"):
        unpack(package, target, overwrite=True)  # a link is never replaced or followed
    assert victim.read_text() == "keep"
    assert list(target.iterdir()) == [target / "tools.iso"]  # refused before writing anything
    (target / "tools.iso").unlink()
    unpack(package, target)
    with pytest.raises(PackageError, match="already exists"):
        unpack(package, target)
    unpack(package, target, overwrite=True)
    assert open_package(target).check().ok


def test_unpack_of_a_truncated_archive_names_the_member(tmp_path: Path) -> None:
    data = tar_bytes([*good_members(), ("big.iso", b"z" * 5000)])
    cut = ova(tmp_path, data[: data.index(b"z" * 100) + 100])
    with pytest.raises(PackageError, match="big.iso") as info:
        unpack(cut, tmp_path / "out")
    assert info.value.file == str(cut)


def test_written_ova_passes_the_strict_reader(tmp_path: Path) -> None:
    package = write_ova(make_source(tmp_path / "src", disk_size=70_000), tmp_path / "vm.ova")
    index = read_tar_index(package)
    assert index.end_marker
    assert [(m.name, m.size) for m in index.members] == [
        (name, len(data)) for name, data in ova_members(package)
    ]


def test_pax_size_overrides_the_header(tmp_path: Path) -> None:
    """Python and other pax writers put sizes of 8 GiB and more in a pax record."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tf:
        ti = tarfile.TarInfo("vm.ovf")
        ti.size = len(DESC)
        tf.addfile(ti, io.BytesIO(DESC))
        ti = tarfile.TarInfo("disk.vmdk")
        ti.size = 4
        ti.pax_headers = {"size": "4"}
        tf.addfile(ti, io.BytesIO(b"DISK"))
    data = bytearray(buf.getvalue())
    # zero the ustar size of disk.vmdk: only the pax record tells the truth now
    start = data.index(b"disk.vmdk\x00")
    assert start % 512 == 0 and b"4 size=4" not in data[start : start + 512]
    header = data[start : start + 512]
    header[124:136] = b"00000000000\x00"
    header[148:156] = b" " * 8
    header[148:156] = f"{sum(header):06o}\x00 ".encode()
    data[start : start + 512] = header
    disk = open_package(ova(tmp_path, bytes(data))).file("disk.vmdk")
    assert disk is not None and disk.size == 4
    with tarfile.open(tmp_path / "bad.ova") as tf:  # tarfile agrees
        assert tf.getmember("disk.vmdk").size == 4


def test_unpack_is_all_or_nothing_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = write_ova(make_source(tmp_path / "src"), tmp_path / "vm.ova")
    import ovfmodel.package.extract as extract_module
    from ovfmodel.package.ova import iter_blocks as real

    calls = 0

    def failing(path: str | Path, offset: int, size: int):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 3:  # the disk, after the descriptor and the manifest
            raise OSError(28, "No space left on device", str(tmp_path / "out" / "disk1.vmdk"))
        yield from real(path, offset, size)

    monkeypatch.setattr(extract_module, "iter_blocks", failing)
    with pytest.raises(PackageError, match="No space left on device") as info:
        unpack(package, tmp_path / "out")
    assert "nothing was extracted" in str(info.value)
    assert str(info.value.file).endswith("disk1.vmdk")
    assert not (tmp_path / "out").exists()  # the folder this call created is gone too


def test_unpack_refuses_a_descriptor_or_a_file_as_target(tmp_path: Path) -> None:
    src = make_source(tmp_path / "src")
    with pytest.raises(PackageError, match="is an OVF descriptor, not an OVA"):
        unpack(src, tmp_path / "out")
    package = write_ova(src, tmp_path / "vm.ova")
    with pytest.raises(PackageError, match="not a folder") as info:
        unpack(package, src)
    assert info.value.file == str(src)
