"""ovfmodel.display.printable: hostile text cannot reach the terminal raw."""

from __future__ import annotations

from ovfmodel.display import printable


def test_plain_text_is_unchanged() -> None:
    assert printable("disk1.vmdk é 日本") == "disk1.vmdk é 日本"


def test_controls_are_escaped_on_one_line() -> None:
    assert printable("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert printable("x.vmdk\nOK forged") == "x.vmdk\\nOK forged"
    assert printable("tab\there\r") == "tab\\there\\r"
    assert printable("\x9b31m") == "\\x9b31m"
    assert printable("evil\u202egnp.exe") == "evil\\u202egnp.exe"


def test_backslashes_stay_as_written() -> None:
    assert printable("C:\\disks\\a.vmdk") == "C:\\disks\\a.vmdk"
