"""Benchmark of the language server on a 10,000-item descriptor: prints figures, asserts nothing.

    python tools/bench_lsp.py [--items 10000] [--repeat 5]

Starts `python -m ovfmodel lsp --debounce 0` as a subprocess and speaks LSP to it over its
stdin/stdout (plain JSON-RPC framing, no client library). It opens tools/bench_validate.py's
valid descriptor, then for each round sends a didChange (full text) that breaks one Connection
and measures until the publishDiagnostics of that version arrives; the next round repairs it.
Also timed: didOpen to the first diagnostics, a hover sent right after a didChange (answered
once the new version is analysed and indexed, while the event loop stays free), and didOpen of
tools/bench.py's invalid descriptor of the same size to its thousands of diagnostics.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import large_envelope
from bench_validate import valid_envelope


class Server:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ovfmodel", "lsp", "--debounce", "0"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.next_id = 0

    def send(self, method: str, params: Any, request: bool = False) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        ident = None
        if request:
            self.next_id += 1
            ident = message["id"] = self.next_id
        body = json.dumps(message).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return ident

    def read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        length = 0
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("the server exited")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message: dict[str, Any] = json.loads(self.proc.stdout.read(length))
        return message

    def until(self, match: Any) -> dict[str, Any]:
        while True:
            message = self.read()
            if match(message):
                return message

    def diagnostics(self, uri: str, version: int) -> dict[str, Any]:
        return self.until(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            )
        )

    def close(self) -> None:
        ident = self.send("shutdown", None, request=True)
        self.until(lambda m: m.get("id") == ident)
        self.send("exit", None)
        self.proc.wait(timeout=30)


def bench(items: int, repeat: int) -> dict[str, float]:
    text = valid_envelope(items).decode()
    nic = "<rasd:Connection>lan</rasd:Connection>\n        <rasd:ElementName>Network adapter 5001<"
    broken = text.replace(nic, nic.replace(">lan<", ">wan<"), 1)
    uri = (Path.cwd() / "bench-lsp-large.ovf").as_uri()  # never written: the text is sent
    server = Server()
    ident = server.send(
        "initialize", {"processId": None, "rootUri": None, "capabilities": {}}, request=True
    )
    server.until(lambda m: m.get("id") == ident)
    server.send("initialized", {})
    start = time.perf_counter()
    server.send(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "xml", "version": 1, "text": text}},
    )
    server.diagnostics(uri, 1)
    figures = {"didOpen -> diagnostics": time.perf_counter() - start}
    times: list[float] = []
    version = 1
    for round_ in range(repeat * 2):
        version += 1
        new = broken if round_ % 2 == 0 else text
        start = time.perf_counter()
        server.send(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": new}],
            },
        )
        found = server.diagnostics(uri, version)
        times.append(time.perf_counter() - start)
        expected = 1 if new is broken else 0
        assert len(found["params"]["diagnostics"]) == expected, found["params"]["diagnostics"]
    figures["didChange -> diagnostics (best)"] = min(times)
    figures["didChange -> diagnostics (median)"] = statistics.median(times)
    # a hover on the small Network element while the large file is re-validated
    version += 1
    server.send(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": broken}]},
    )
    line = text[: text.index('ovf:name="lan"')].count("\n")
    start = time.perf_counter()
    ident = server.send(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": line, "character": 20}},
        request=True,
    )
    server.until(lambda m: m.get("id") == ident)
    figures["hover right after didChange"] = time.perf_counter() - start
    # tools/bench.py's invalid file: thousands of diagnostics to place and send
    invalid = large_envelope(items).decode()
    other = (Path.cwd() / "bench-lsp-invalid.ovf").as_uri()
    start = time.perf_counter()
    server.send(
        "textDocument/didOpen",
        {"textDocument": {"uri": other, "languageId": "xml", "version": 1, "text": invalid}},
    )
    found = server.diagnostics(other, 1)
    count = len(found["params"]["diagnostics"])
    figures[f"didOpen -> {count} diagnostics (invalid)"] = time.perf_counter() - start
    server.close()
    print(f"{items} items, {len(text) / 1e6:.1f} MB, {repeat * 2} didChange rounds")
    for key, value in figures.items():
        print(f"  {key:36s} {value * 1000:8.1f} ms")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bench(args.items, args.repeat)


if __name__ == "__main__":
    main()
