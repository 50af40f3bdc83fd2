"""Document sync: open, incremental change and close; syntax errors published on each change."""

from __future__ import annotations

import asyncio
import logging

from lsprotocol import types as lsp

from hive_ls.analysis.entry import FileEntry
from hive_ls.features.diagnostics import problems_of
from hive_ls.lsp import present
from hive_ls.lsp.convert import encode
from hive_ls.lsp.server import HiveServer

log = logging.getLogger(__name__)


def publish(ls: HiveServer, uri: str, entry: FileEntry | None, version: int | None) -> None:
    """Send the syntax errors of ``entry`` (none when it is not analysed)."""
    found = (
        []
        if entry is None
        else [present.diagnostic(ls, entry.data, problem) for problem in problems_of(entry.facts)]
    )
    ls.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=version)
    )


SETTLE_AFTER = 0.3  # seconds of quiet before an edited document is parsed afresh
_pending: dict[str, asyncio.TimerHandle] = {}


def schedule_settle(ls: HiveServer, uri: str, path: str, version: int) -> None:
    """Once edits pause, parse the document from scratch (``AnalysisHost.settle``)."""
    timer = _pending.pop(path, None)
    if timer is not None:
        timer.cancel()

    def run() -> None:
        _pending.pop(path, None)
        entry = ls.host.settle(path, version)
        if entry is not None:
            publish(ls, uri, entry, version)
            ls.changed()

    _pending[path] = asyncio.get_running_loop().call_later(SETTLE_AFTER, run)


def register(server: HiveServer) -> None:
    """Register the document-sync handlers."""

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def on_open(ls: HiveServer, params: lsp.DidOpenTextDocumentParams) -> None:
        doc = params.text_document
        path = ls.path_of(doc.uri)
        entry = ls.host.open(path, encode(doc.text), doc.version, doc.language_id)
        publish(ls, doc.uri, entry, doc.version)
        ls.changed()

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def on_change(ls: HiveServer, params: lsp.DidChangeTextDocumentParams) -> None:
        doc = params.text_document
        path = ls.path_of(doc.uri)
        current = ls.host.document_bytes(path)
        if current is None:
            log.warning("didChange for a document that was never opened: %s", doc.uri)
            return
        edits, _ = ls.codec.edits(current, list(params.content_changes))
        entry = ls.host.change(path, doc.version, edits)
        publish(ls, doc.uri, entry, doc.version)
        ls.note_edit(path)
        ls.changed()
        if entry is not None:  # the canonical tree once typing pauses (``parse.settle``)
            schedule_settle(ls, doc.uri, path, doc.version)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def on_close(ls: HiveServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.host.close(ls.path_of(uri))
        ls.changed()
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
