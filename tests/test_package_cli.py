"""The pack/verify/unpack subcommands: output and exit codes (0 ok, 1 problems, 2 unreadable)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from test_package_support import flip_byte, make_pki, make_source

from ovfmodel.package import open_package
from ovfmodel.package.cli import register


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="ovfmodel")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    result: int = args.func(args)
    return result


def test_pack_verify_unpack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pki = make_pki(tmp_path / "pki")
    src = make_source(tmp_path / "src")
    out = tmp_path / "vm.ova"
    assert (
        run(
            "pack",
            str(src),
            "-o",
            str(out),
            "--sign",
            str(pki.key_path),
            "--cert",
            str(pki.cert_path),
        )
        == 0
    )
    assert f"wrote {out}" in capsys.readouterr().out

    assert run("verify", str(out), "--trust", str(pki.ca_path)) == 0
    text = capsys.readouterr().out
    assert "disk1.vmdk" in text and text.rstrip().endswith("OK")

    # without trust anchors: a warning, still exit 0
    assert run("verify", str(out)) == 0
    assert "warning PKG306" in capsys.readouterr().out

    assert run("unpack", str(out), "-d", str(tmp_path / "x")) == 0
    assert (tmp_path / "x" / "vm.cert").is_file()
    capsys.readouterr()
    assert run("verify", str(tmp_path / "x"), "--trust", str(pki.ca_path)) == 0


def test_verify_problems_exit_1_with_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "vm.ova"
    assert (
        run("pack", str(make_source(tmp_path / "src")), "-o", str(out), "--digest", "sha512") == 0
    )
    flip_byte(out, open_package(out)._stored["disk1.vmdk"].offset)
    capsys.readouterr()
    assert run("verify", str(out), "--format", "json") == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["kind"] == "ova"
    assert [d["code"] for d in data["diagnostics"]] == ["PKG203"]
    assert data["diagnostics"][0]["location"]["line"] == 2
    assert [f["role"] for f in data["files"]] == ["descriptor", "manifest", "disk", "referenced"]


def test_verify_unreadable_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.ova"
    bad.write_bytes(b"\x00" * 100 + b"garbage" * 100)
    assert run("verify", str(bad)) == 2
    assert "error:" in capsys.readouterr().err
    assert run("verify", str(tmp_path / "missing.ova"), "--format", "json") == 2
    assert json.loads(capsys.readouterr().out)["ok"] is False


def test_pack_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = make_source(tmp_path / "src")
    assert run("pack", str(src), "-o", str(tmp_path / "a.ova"), "--sign", "key.pem") == 2
    assert "--sign and --cert" in capsys.readouterr().err
    (src.parent / "disk1.vmdk").unlink()
    assert run("pack", str(src), "-o", str(tmp_path / "a.ova")) == 2
    assert "disk1.vmdk" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        run("pack", str(src))  # -o is required
    assert info.value.code == 2


def test_pack_directory(tmp_path: Path) -> None:
    src = make_source(tmp_path / "src")
    assert run("pack", str(src), "-o", str(tmp_path / "dir"), "--directory") == 0
    assert open_package(tmp_path / "dir").check().ok


def test_unpack_refuses_hostile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from test_package_support import tar_bytes

    bad = tmp_path / "bad.ova"
    bad.write_bytes(tar_bytes([("vm.ovf", b"<x/>"), ("../../evil", b"x")]))
    assert run("unpack", str(bad), "-d", str(tmp_path / "out")) == 2
    assert "'..'" in capsys.readouterr().err


def test_pack_with_encrypted_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cryptography.hazmat.primitives import serialization

    pki = make_pki(tmp_path / "pki")
    pki.key_path.write_bytes(
        pki.leaf_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"pw"),
        )
    )
    src = make_source(tmp_path / "src")
    argv = ["pack", str(src), "-o", str(tmp_path / "vm.ova"), "--sign", str(pki.key_path)]
    argv += ["--cert", str(pki.cert_path), "--key-password-env", "OVF_KEY_PW"]
    assert run(*argv) == 2
    assert "OVF_KEY_PW is not set" in capsys.readouterr().err
    monkeypatch.setenv("OVF_KEY_PW", "pw")
    assert run(*argv) == 0
    assert run("verify", str(tmp_path / "vm.ova"), "--trust", str(pki.ca_path)) == 0


def test_pack_directory_with_stale_certificate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pki = make_pki(tmp_path / "pki")
    src = make_source(tmp_path / "src")
    folder = str(src.parent)
    signed = ["pack", str(src), "-o", folder, "--directory"]
    assert run(*signed, "--sign", str(pki.key_path), "--cert", str(pki.cert_path)) == 0
    capsys.readouterr()
    assert run(*signed) == 2
    err = capsys.readouterr().err
    assert "vm.cert" in err and "--remove-stale" in err and "Traceback" not in err
    assert (src.parent / "vm.cert").is_file()
    assert run(*signed, "--remove-stale") == 0
    assert f"removed stale {src.parent / 'vm.cert'}" in capsys.readouterr().out
    assert not (src.parent / "vm.cert").exists()
    assert run("pack", str(src), "-o", str(tmp_path / "vm.ova"), "--remove-stale") == 2
    assert "--directory" in capsys.readouterr().err


def test_user_mistakes_end_in_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pki = make_pki(tmp_path / "pki")
    src = make_source(tmp_path / "src")
    ova = tmp_path / "vm.ova"
    assert run("pack", str(src), "-o", str(ova)) == 0
    capsys.readouterr()
    cases = [
        (["verify", str(ova), "--trust", str(tmp_path / "nope.pem")], "nope.pem", "cannot read"),
        (
            [
                "pack",
                str(src),
                "-o",
                str(tmp_path / "x.ova"),
                "--sign",
                "nokey.pem",
                "--cert",
                str(pki.cert_path),
            ],
            "nokey.pem",
            "cannot read the private key",
        ),
        (["pack", str(src), "-o", str(tmp_path / "no" / "x.ova")], "no", "does not exist"),
        (["pack", str(src), "-o", str(tmp_path)], str(tmp_path), "is a folder"),
        (["pack", str(ova), "-o", str(tmp_path / "y.ova")], "vm.ova", "unpack"),
        (["unpack", str(ova), "-d", str(src)], "vm.ovf", "not a folder"),
        (["unpack", str(src), "-d", str(tmp_path / "u")], "vm.ovf", "not an OVA"),
        (["pack", str(src), "-o", str(src), "--directory"], "vm.ovf", "not a folder"),
    ]
    for argv, name, words in cases:
        assert run(*argv) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith("ovfmodel: error: ") and name in err and words in err, (argv, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "x.ova").exists() and not (tmp_path / "y.ova").exists()
