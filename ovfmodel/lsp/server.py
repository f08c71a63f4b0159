"""The language server: pygls wiring, scheduling and the cache of analyses.

Work never runs on the event loop: each document's analysis (validation, parse, then the
indexes features need) runs in one worker thread, and every feature handler awaits it there.
didChange is debounced; a run starts from a snapshot (text, version) and its result is dropped
when the document has moved on by the time it ends, so diagnostics are only ever published for
the version the editor holds, with that version number. A queued run for a stale version is
skipped before it starts.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from ovfmodel import __version__

from . import actions, completion, hover, navigation, symbols
from .analysis import Analysis
from .diagnostics import default_rules_url, to_lsp

log = logging.getLogger(__name__)
T = TypeVar("T")

DEBOUNCE = 0.3


def _path(uri: str) -> Path | None:
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


class OvfLanguageServer(LanguageServer):
    """pygls server holding the analyses of the open documents."""

    def __init__(
        self, debounce: float = DEBOUNCE, xsd: bool = True, rules_url: str | None = None
    ) -> None:
        super().__init__("ovfmodel", __version__)
        self.debounce = debounce
        self.xsd = xsd
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ovfmodel-lsp")
        self.analyses: dict[str, Analysis] = {}
        self.good: dict[str, Analysis] = {}  # the latest analysis with a tree, for completion
        self.inflight: dict[tuple[str, int | None], asyncio.Future[Analysis | None]] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.rules_url = rules_url or default_rules_url()

    # --- snapshots and analyses ------------------------------------------------------------

    def encoding(self) -> str:
        value = self.workspace.position_encoding
        return str(getattr(value, "value", value) or "utf-16")

    def _open(self, uri: str) -> Any:
        # pygls keys open documents by the unquoted URI: an editor's percent-escapes (a space
        # as %20, file:///c%3A/...) would otherwise never find the document
        documents = self.workspace.text_documents
        return documents.get(uri) or documents.get(unquote(uri))

    def current(self, uri: str) -> tuple[str, int | None] | None:
        doc = self._open(uri)
        return None if doc is None else (doc.source, doc.version)

    def is_current(self, uri: str, version: int | None) -> bool:
        doc = self._open(uri)
        return doc is not None and doc.version == version

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.worker, fn, *args)

    def _analyse(self, uri: str, text: str, version: int | None) -> Analysis | None:
        if not self.is_current(uri, version):
            return None  # queued behind newer edits: a newer run will do it
        # the reference index and the line index are built on first use by a feature (in this
        # worker too), so diagnostics never wait for them
        return Analysis(uri, version, text, _path(uri), self.encoding()).run(xsd=self.xsd)

    def _done(self, key: tuple[str, int | None], _future: object) -> None:
        self.inflight.pop(key, None)

    async def analysis(self, uri: str) -> Analysis | None:
        """The analysis of the document's current version (made in the worker if needed)."""
        for _ in range(5):
            snap = self.current(uri)
            if snap is None:
                return None
            text, version = snap
            cached = self.analyses.get(uri)
            if cached is not None and cached.version == version and cached.text == text:
                return cached
            key = (uri, version)
            future = self.inflight.get(key)
            if future is None:
                future = asyncio.ensure_future(self.run(self._analyse, uri, text, version))
                self.inflight[key] = future
                future.add_done_callback(partial(self._done, key))
            an = await asyncio.shield(future)
            if an is None:
                continue
            if self.is_current(uri, an.version):
                self.analyses[uri] = an
                if an.root is not None:
                    self.good[uri] = an
                return an
        return None

    # --- diagnostics ----------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.ensure_future(self._publish(uri, delay))

    async def _publish(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        an = await self.analysis(uri)
        if an is None or not self.is_current(uri, an.version):
            return
        found = an.report.diagnostics if an.is_ovf else []
        diags = await self.run(to_lsp, an, found, self.rules_url)
        if not self.is_current(uri, an.version):
            return
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=an.version, diagnostics=diags)
        )

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.analyses.pop(uri, None)
        self.good.pop(uri, None)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )


def create_server(
    debounce: float = DEBOUNCE, xsd: bool = True, rules_url: str | None = None
) -> OvfLanguageServer:
    """A server with every feature registered."""
    server = OvfLanguageServer(debounce, xsd, rules_url)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: OvfLanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: OvfLanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: OvfLanguageServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: OvfLanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    def offset(an: Analysis, pos: lsp.Position) -> int:
        return an.map.offset(pos.line, pos.character)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: OvfLanguageServer, params: lsp.HoverParams) -> lsp.Hover | None:
        an = await ls.analysis(params.text_document.uri)
        if an is None:
            return None
        return await ls.run(hover.hover, an, offset(an, params.position))

    @server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION,
        lsp.CompletionOptions(trigger_characters=["<", " ", '"', "/", ":"]),
    )
    async def on_completion(
        ls: OvfLanguageServer, params: lsp.CompletionParams
    ) -> lsp.CompletionList | None:
        uri = params.text_document.uri
        snap = ls.current(uri)
        if snap is None:
            return None
        text, _ = snap
        # while typing, the ids of the last analysis with a tree are good enough: completion
        # does not wait for the current text to be validated
        good = ls.good.get(uri)
        if good is None:
            an = await ls.analysis(uri)
            good = an if an is not None and an.root is not None else None
        pos = params.position
        items = await ls.run(
            completion.complete, text, pos.line, pos.character, good, ls.encoding()
        )
        return lsp.CompletionList(is_incomplete=False, items=items)

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    async def on_definition(
        ls: OvfLanguageServer, params: lsp.DefinitionParams
    ) -> list[lsp.Location] | None:
        an = await ls.analysis(params.text_document.uri)
        if an is None:
            return None
        return await ls.run(navigation.definition, an, offset(an, params.position))

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    async def on_references(
        ls: OvfLanguageServer, params: lsp.ReferenceParams
    ) -> list[lsp.Location] | None:
        an = await ls.analysis(params.text_document.uri)
        if an is None:
            return None
        return await ls.run(
            navigation.references,
            an,
            offset(an, params.position),
            params.context.include_declaration,
        )

    @server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
    async def on_prepare_rename(
        ls: OvfLanguageServer, params: lsp.PrepareRenameParams
    ) -> lsp.Range | None:
        an = await ls.analysis(params.text_document.uri)
        if an is None:
            return None
        return await ls.run(navigation.prepare_rename, an, offset(an, params.position))

    @server.feature(lsp.TEXT_DOCUMENT_RENAME)
    async def on_rename(
        ls: OvfLanguageServer, params: lsp.RenameParams
    ) -> lsp.WorkspaceEdit | None:
        an = await ls.analysis(params.text_document.uri)
        if an is None:
            return None
        return await ls.run(navigation.rename, an, offset(an, params.position), params.new_name)

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def on_symbols(
        ls: OvfLanguageServer, params: lsp.DocumentSymbolParams
    ) -> list[lsp.DocumentSymbol] | None:
        an = await ls.analysis(params.text_document.uri)
        if an is None:
            return None
        return await ls.run(symbols.symbols, an)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    async def on_code_action(
        ls: OvfLanguageServer, params: lsp.CodeActionParams
    ) -> list[lsp.CodeAction] | None:
        an = await ls.analysis(params.text_document.uri)
        if an is None:
            return None
        start = offset(an, params.range.start)
        end = offset(an, params.range.end)
        return await ls.run(actions.code_actions, an, start, end, list(params.context.diagnostics))

    return server


def serve(debounce: float = DEBOUNCE, xsd: bool = True, rules_url: str | None = None) -> None:
    """Speak LSP over stdin/stdout until the client says exit."""
    create_server(debounce, xsd, rules_url).start_io()
