"""What pack, unpack, edit and schemas fetch do to the user's files when something is wrong:
an existing output is replaced only with --force, a failure removes the folders the command
created and names the user's path (not a temporary file), an OVA never refers outside itself."""

from __future__ import annotations

import resource
import shutil
import signal
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest
from test_package_support import Ref, descriptor, make_source, tar_bytes

from ovfmodel import schemas
from ovfmodel.package import open_package, write_ova

MB = 1024 * 1024


def _file_size_limit(limit: int) -> Callable[[], None]:
    """For a subprocess: writing past ``limit`` bytes fails with EFBIG, as a full disk would."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def ovfmodel(*argv: str | Path, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ovfmodel", *map(str, argv)],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=None if limit is None else _file_size_limit(limit),
    )


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --- 1. pack replaces nothing without --force ---------------------------------------------------


def test_pack_refuses_to_replace_an_existing_ova(tmp_path: Path) -> None:
    src = make_source(tmp_path / "src")
    out = tmp_path / "important.ova"
    out.write_bytes(b"the user's precious archive")
    refused = ovfmodel("pack", src, "-o", out)
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.startswith("ovfmodel: error: ")
    assert str(out) in refused.stderr and "--force" in refused.stderr
    assert out.read_bytes() == b"the user's precious archive"
    forced = ovfmodel("pack", src, "-o", out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert open_package(out).check().ok


def test_pack_directory_refuses_to_replace_the_users_files(tmp_path: Path) -> None:
    src = make_source(tmp_path / "src")
    target = tmp_path / "mine"
    target.mkdir()
    (target / "disk1.vmdk").write_bytes(b"the user's own disk")
    (target / "notes.txt").write_bytes(b"unrelated")
    before = _snapshot(target)
    refused = ovfmodel("pack", src, "-o", target, "--directory")
    assert refused.returncode == 2, refused.stderr
    assert str(target / "disk1.vmdk") in refused.stderr and "--force" in refused.stderr
    assert _snapshot(target) == before
    # the descriptor alone is also protected
    (target / "disk1.vmdk").unlink()
    (target / "vm.ovf").write_bytes(b"<the user's descriptor/>")
    refused = ovfmodel("pack", src, "-o", target, "--directory")
    assert refused.returncode == 2 and str(target / "vm.ovf") in refused.stderr
    forced = ovfmodel("pack", src, "-o", target, "--directory", "--force")
    assert forced.returncode == 0, forced.stderr
    assert open_package(target).check().ok
    assert (target / "notes.txt").read_bytes() == b"unrelated"


def test_pack_directory_into_a_new_or_its_own_folder_needs_no_force(tmp_path: Path) -> None:
    src = make_source(tmp_path / "src")
    assert ovfmodel("pack", src, "-o", tmp_path / "new", "--directory").returncode == 0
    # in place: the package's own manifest is rewritten, nothing of the user's is replaced
    again = ovfmodel("pack", src, "-o", src.parent, "--directory")
    assert again.returncode == 0, again.stderr
    assert open_package(src.parent).check().ok


# --- 2. an OVA holds every file it references ---------------------------------------------------

URLS = ["http://example.com/disk1.vmdk", "file:///etc/passwd"]


@pytest.mark.parametrize("href", URLS)
def test_pack_refuses_an_ova_whose_references_are_urls(tmp_path: Path, href: str) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "vm.ovf").write_bytes(descriptor([Ref("file1", href)]))
    refused = ovfmodel("pack", src / "vm.ovf", "-o", tmp_path / "vm.ova")
    assert refused.returncode == 2, refused.stderr
    assert href in refused.stderr and "5.3" in refused.stderr and "--directory" in refused.stderr
    assert not (tmp_path / "vm.ova").exists()
    # a folder package may reference URLs
    folder = ovfmodel("pack", src / "vm.ovf", "-o", tmp_path / "pkg", "--directory")
    assert folder.returncode == 0, folder.stderr
    assert "PKG113" not in ovfmodel("verify", tmp_path / "pkg").stdout


@pytest.mark.parametrize("href", URLS)
def test_verify_and_validate_reject_an_ova_referring_outside_itself(
    tmp_path: Path, href: str
) -> None:
    ova = tmp_path / "vm.ova"
    ova.write_bytes(tar_bytes([("vm.ovf", descriptor([Ref("file1", href)]))]))
    verified = ovfmodel("verify", ova)
    assert verified.returncode == 1, verified.stdout + verified.stderr
    assert "error PKG113" in verified.stdout and href in verified.stdout
    validated = ovfmodel("validate", ova)
    assert validated.returncode == 1
    assert "PKG113" in validated.stdout


@pytest.mark.parametrize("href", URLS)
def test_edit_refuses_to_write_an_ova_referring_outside_itself(tmp_path: Path, href: str) -> None:
    ova = tmp_path / "vm.ova"
    ova.write_bytes(tar_bytes([("vm.ovf", descriptor([Ref("file1", href)]))]))
    before = ova.read_bytes()
    refused = ovfmodel("edit", ova, "--annotation", "edited")
    assert refused.returncode == 1, refused.stdout + refused.stderr  # a refused edit
    assert href in refused.stderr and "5.3" in refused.stderr and "vm.ova!vm.ovf" in refused.stderr
    assert ova.read_bytes() == before  # nothing written
    # a folder may reference URLs: the same edit written as one verifies
    folder = ovfmodel("edit", ova, "--annotation", "edited", "-o", tmp_path / "pkg")
    assert folder.returncode == 0, folder.stderr
    assert "PKG113" not in ovfmodel("verify", tmp_path / "pkg").stdout
    # removing the File makes the OVA whole again
    fixed = ovfmodel("edit", ova, "--remove-file", "file1", "--with-users")
    assert fixed.returncode == 0, fixed.stderr
    assert ovfmodel("verify", ova).returncode == 0


# --- 3. write failures name the user's path -----------------------------------------------------


def test_a_full_disk_names_the_output_not_the_temporary(tmp_path: Path) -> None:
    src = make_source(tmp_path / "src", disk_size=3 * MB)
    out = tmp_path / "app.ova"
    result = ovfmodel("pack", src, "-o", out, limit=MB)
    assert result.returncode == 2, result.stderr
    assert f"{out}:" in result.stderr and ".partial" not in result.stderr
    assert not out.exists() and list(tmp_path.glob(".*partial")) == []


# --- 4. schemas fetch installs all or nothing ---------------------------------------------------


def test_schemas_fetch_with_one_bad_hash_installs_nothing(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(schemas.schema_dir(), source)
    last = schemas.pinned()[-1].file
    (source / last).write_bytes((source / last).read_bytes() + b"<!-- changed -->")
    target = tmp_path / "installed"
    result = ovfmodel("schemas", "fetch", "--from", source, "--target", target)
    assert result.returncode == 2, result.stderr
    assert last in result.stderr
    assert not target.exists() or list(target.iterdir()) == []
    (source / last).write_bytes((schemas.schema_dir() / last).read_bytes())
    assert ovfmodel("schemas", "fetch", "--from", source, "--target", target).returncode == 0
    schemas.verify(target)


# --- 5. a failure removes the folders the command created ---------------------------------------


def test_failed_pack_and_unpack_remove_the_folders_they_created(tmp_path: Path) -> None:
    src = make_source(tmp_path / "src", disk_size=3 * MB)
    ova = write_ova(src, tmp_path / "vm.ova")
    packed = ovfmodel("pack", src, "-o", tmp_path / "new" / "x", "--directory", limit=MB)
    assert packed.returncode == 2, packed.stderr
    assert not (tmp_path / "new").exists()
    unpacked = ovfmodel("unpack", ova, "-d", tmp_path / "u", limit=MB)
    assert unpacked.returncode == 2, unpacked.stderr
    assert not (tmp_path / "u").exists()
    # a folder that existed stays
    (tmp_path / "kept").mkdir()
    assert ovfmodel("unpack", ova, "-d", tmp_path / "kept", limit=MB).returncode == 2
    assert ovfmodel("pack", src, "-o", tmp_path / "kept", "--directory", limit=MB).returncode == 2
    assert (tmp_path / "kept").is_dir() and list((tmp_path / "kept").iterdir()) == []


# --- 6. --mtime within a ustar header -----------------------------------------------------------


def test_pack_refuses_an_mtime_a_tar_header_cannot_hold(tmp_path: Path) -> None:
    src = make_source(tmp_path / "src")
    for mtime in (8**11, 99999999999999, -1):
        refused = ovfmodel("pack", src, "-o", tmp_path / "vm.ova", "--mtime", str(mtime))
        assert refused.returncode == 2, refused.stderr
        assert "--mtime" in refused.stderr
        assert not (tmp_path / "vm.ova").exists()
    done = ovfmodel("pack", src, "-o", tmp_path / "vm.ova", "--mtime", str(8**11 - 1))
    assert done.returncode == 0, done.stderr
    with tarfile.open(tmp_path / "vm.ova") as tf:
        assert all(m.mtime == 8**11 - 1 and not m.pax_headers for m in tf.getmembers())


# --- 7. edit: a write failure is exit 2, as for every command -----------------------------------


@pytest.mark.parametrize("kind", ["ova", "ovf"])
def test_edit_write_failure_exits_2(tmp_path: Path, kind: str) -> None:
    src = make_source(tmp_path / "src", disk_size=3 * MB)
    if kind == "ova":  # the disk does not fit
        source, out, limit_bytes = write_ova(src, tmp_path / "vm.ova"), tmp_path / "out.ova", MB
    else:  # the descriptor itself does not fit
        source, out, limit_bytes = src, tmp_path / "out.ovf", 100
    result = ovfmodel("edit", source, "-o", out, "--annotation", "edited", limit=limit_bytes)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("ovfmodel: error: ") and str(out) in result.stderr
    assert not out.exists()
