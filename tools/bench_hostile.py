"""What hostile inputs cost (issue 11): prints figures, asserts nothing.

    python tools/bench_hostile.py [CASE ...]

Each case runs in a fresh process; its wall time and peak resident memory (the child's
ru_maxrss) are printed with what it did. Cases (all by default):

  xmlns-text      960 KB holding "xmlns" 160,000 times in text: parse + serialize (was 52 s)
  attrs-200k      one start tag with 200,000 namespaced attributes, 3.8 MB (was 269 s)
  one-line-30k    30,000 virtual systems with their own prefix declarations on one line
  nested-253      253 nested VirtualSystemCollections: parse + serialize (was RecursionError)
  macro-self      a property whose value is ${k} in k (was RecursionError)
  macro-cycle     a 2-cycle of macros (was RecursionError)
  macro-chain     a 2,000-long chain of macros (was RecursionError)
  macro-doubling  36 doubling macros, 2.6 KB (was 335 MB in 110 s for 4.8 KB)
  macro-fanout    2,000 properties each using a 60,000-character one
  info-dev-zero   `ovfmodel info /dev/zero` (was MemoryError)
  validate-threads  8 threads x 20 validations with XML Schema errors (were 20 of 160 differing)
  write-threads   6 threads x 15 write() to one target (was FileNotFoundError)
  messages        billion laughs, a 5,000-digit size, UTF-16 without BOM: the messages
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from tempfile import TemporaryDirectory

NS1 = "http://schemas.dmtf.org/ovf/envelope/1"
NS2 = "http://schemas.dmtf.org/ovf/envelope/2"


def _envelope(body: str = "", attrs: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Envelope xmlns="{NS2}"{attrs}>'
        f"<References/>{body}</Envelope>\n"
    ).encode()


def _round_trip(data: bytes) -> str:
    import ovfmodel

    same = ovfmodel.serialize(ovfmodel.parse(data)) == data
    return f"{len(data) / 1e6:.2f} MB, round trip {'exact' if same else 'DIFFERS'}"


def case_xmlns_text() -> str:
    return _round_trip(_envelope('<v:a xmlns:v="urn:v">' + "xmlns\n" * 160_000 + "</v:a>"))


def case_attrs_200k() -> str:
    attrs = ' xmlns:v="urn:v"' + "".join(f' v:a{i}="{i}"' for i in range(200_000))
    return _round_trip(_envelope(attrs=attrs))


def case_one_line_30k() -> str:
    systems = "".join(
        f'<p{i}:VirtualSystem xmlns:p{i}="{NS2}" p{i}:id="v{i}"><p{i}:Info>x</p{i}:Info>'
        f"</p{i}:VirtualSystem>"
        for i in range(30_000)
    )
    body = f'<VirtualSystemCollection ovf:id="c"><Info>i</Info>{systems}</VirtualSystemCollection>'
    return _round_trip(_envelope(body, attrs=f' xmlns:ovf="{NS2}"'))


def case_nested_253() -> str:
    depth = 253
    data = (
        f'<Envelope xmlns="{NS2}" xmlns:ovf="{NS2}"><References/>'
        + "".join(f'<VirtualSystemCollection ovf:id="c{i}"><Info>i</Info>' for i in range(depth))
        + '<VirtualSystem ovf:id="v"><Info>i</Info></VirtualSystem>'
        + "</VirtualSystemCollection>" * depth
        + "</Envelope>\n"
    ).encode()
    return _round_trip(data)


def _env(props: list[tuple[str, str]]) -> str:
    import ovfmodel
    from ovfmodel.environment import EnvironmentValueError, environment_for, properties

    body = "".join(f'<Property ovf:key="{k}" ovf:type="string" ovf:value="{v}"/>' for k, v in props)
    data = (
        f'<Envelope xmlns="{NS1}" xmlns:ovf="{NS1}"><References/><VirtualSystem ovf:id="vm">'
        f"<Info>i</Info><ProductSection><Info>p</Info>{body}</ProductSection></VirtualSystem>"
        "</Envelope>"
    ).encode()
    try:
        env = environment_for(ovfmodel.parse(data))
    except EnvironmentValueError as exc:
        first = exc.problems[0]
        return f"{len(data):,} B: {len(exc.problems)} refused, first: {first[:110]}"
    size = sum(len(v) for v in properties(env).values())
    return f"{len(data):,} B: built, {size:,} characters of values"


def case_macro_self() -> str:
    return _env([("k", "${k}")])


def case_macro_cycle() -> str:
    return _env([("a", "${b}"), ("b", "${a}")])


def case_macro_chain() -> str:
    return _env([(f"p{i}", f"${{p{i + 1}}}") for i in range(2000)] + [("p2000", "end")])


def case_macro_doubling() -> str:
    return _env([("d0", "x")] + [(f"d{i}", f"${{d{i - 1}}}${{d{i - 1}}}") for i in range(1, 36)])


def case_macro_fanout() -> str:
    return _env([("big", "x" * 60_000)] + [(f"u{i}", "${big}") for i in range(2000)])


def case_info_dev_zero() -> str:
    run = subprocess.run(
        [sys.executable, "-m", "ovfmodel", "info", "/dev/zero"], capture_output=True, text=True
    )
    return f"exit {run.returncode}: {run.stderr.strip()[:110]}"


def case_validate_threads() -> str:
    import ovfmodel

    def bad(n: int, tag: str) -> bytes:
        files = "".join(
            f'<File ovf:id="f{i}" ovf:href="a{i}" ovf:size="x{tag}{i}"/>' for i in range(n)
        )
        return _envelope(attrs=f' xmlns:ovf="{NS2}"').replace(
            b"<References/>", f"<References>{files}</References>".encode()
        )

    texts = [bad(50, "a"), bad(5, "b"), bad(200, "c"), bad(1, "d")]
    alone = [ovfmodel.validate(t).model_dump() for t in texts]
    differing = 0

    def work(first: int) -> None:
        nonlocal differing
        for j in range(20):
            k = (first + j) % len(texts)
            if ovfmodel.validate(texts[k]).model_dump() != alone[k]:
                differing += 1

    _threads(work, 8)
    return f"{differing} of 160 reports differ from single-threaded ones"


def case_write_threads() -> str:
    import ovfmodel

    failures: list[str] = []
    with TemporaryDirectory() as tmp:
        target = Path(tmp) / "shared.ovf"
        docs = [ovfmodel.parse(_envelope(f"<!-- {i} -->" + "x" * 20_000)) for i in range(6)]

        def work(i: int) -> None:
            try:
                for _ in range(15):
                    ovfmodel.write(docs[i], target)
            except OSError as exc:
                failures.append(type(exc).__name__)

        _threads(work, 6)
        left = sorted(p.name for p in Path(tmp).iterdir())
    return f"{len(failures)} of 90 writes failed; folder holds {left}"


def case_messages() -> str:
    import ovfmodel

    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE Envelope [\n <!ENTITY lol "lol">\n'
        + "".join(
            f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
            for i in range(1, 10)
        )
        + f']>\n<Envelope xmlns="{NS2}"><References/>&lol9;</Envelope>\n'
    ).encode()
    digits = _envelope(attrs=f' xmlns:ovf="{NS2}"').replace(
        b"<References/>",
        f'<References><File ovf:id="f" ovf:href="a" ovf:size="{"9" * 5000}"/></References>'.encode(),
    )
    utf16 = f'<Envelope xmlns="{NS2}"><References/></Envelope>'.encode("utf-16-le")
    lines = []
    for name, data, strict in (
        ("laughs", laughs, False),
        ("digits", digits, True),
        ("utf16", utf16, False),
    ):
        try:
            ovfmodel.parse(data, strict=strict)
            lines.append(f"{name}: accepted")
        except ovfmodel.OvfError as exc:
            lines.append(f"{name}: {str(exc)[:100]} ({len(str(exc))} chars)")
    return "\n      ".join(lines)


def _threads(work: Callable[[int], None], count: int) -> None:
    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


CASES: dict[str, Callable[[], str]] = {
    name[5:].replace("_", "-"): func
    for name, func in sorted(globals().items())
    if name.startswith("case_") and callable(func)
}


def run_child(name: str) -> tuple[float, int, str]:
    """Run one case in a fresh process: (seconds, peak RSS in MB, what it printed)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", name], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        out = f"FAILED (exit {proc.returncode}) {out}"
    return elapsed, usage.ru_maxrss // 1024, out.strip()


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        print(CASES[argv[1]]())
        return
    names = argv or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        raise SystemExit(f"unknown cases {unknown}; known: {', '.join(CASES)}")
    print("hostile inputs, each in a fresh process (time includes starting Python, ~0.3 s):")
    for name in names:
        seconds, rss, out = run_child(name)
        print(f"  {name:<17} {seconds:7.2f} s  {rss:6d} MB peak  {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
