"""Completions: scope- and graph-ranked names at once, an AI suggestion when one is ready.

``textDocument/completion`` answers from the snapshot with no model call. When a model is
configured it also starts one quick generator call for the cursor in the background and marks
the list incomplete; the suggestion joins a later list for the same document version and
place. ``textDocument/inlineCompletion`` waits for that call (with a deadline). A suggestion
made for a version the document has moved on from is dropped, never shown.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import Future
from dataclasses import dataclass

from lsprotocol import types as lsp

from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import SymbolKind
from hive_ls.features.ai_context import build_context
from hive_ls.features.completion import complete
from hive_ls.llm.errors import LlmError
from hive_ls.llm.inline import suggest
from hive_ls.lsp import present
from hive_ls.lsp.server import HiveServer

log = logging.getLogger(__name__)
INLINE_WAIT_S = 20.0
CONTEXT_TOKENS = 600
_KINDS = {
    "local": lsp.CompletionItemKind.Variable,
    "parameter": lsp.CompletionItemKind.Variable,
    "module": lsp.CompletionItemKind.Module,
    "import": lsp.CompletionItemKind.Module,
    "keyword": lsp.CompletionItemKind.Keyword,
}


@dataclass
class _Suggestion:
    """One background model call for a place in one version of a document."""

    key: tuple[str, int | None, int]
    future: Future[str]
    cancel: threading.Event


class Suggestions:
    """The model calls for the cursor: at most one running; stale ones cancelled and dropped."""

    def __init__(self) -> None:
        self._current: _Suggestion | None = None
        self._lock = threading.Lock()

    def start(self, ls: HiveServer, path: str, version: int | None, offset: int) -> _Suggestion:
        """The call for this place and version, started if it is not running already."""
        key = (path, version, offset)
        with self._lock:
            current = self._current
            if current is not None and current.key == key:
                return current
            if current is not None:
                current.cancel.set()  # the document or the cursor moved on
            cancel = threading.Event()
            future: Future[str] = Future()
            self._current = _Suggestion(key, future, cancel)
        snap = ls.host.snapshot()
        router, sync = ls.ai.router(), ls.host.graph

        def run() -> None:
            try:
                entry = snap.entry(path)
                if entry is None:
                    future.set_result("")
                    return
                data = entry.data
                context = build_context(sync, snap, path, offset, CONTEXT_TOKENS).render()
                text = suggest(
                    router, entry.relpath, entry.facts.language,
                    data[:offset].decode("utf-8", "replace"),
                    data[offset:].decode("utf-8", "replace"), context, cancel,
                )  # fmt: skip
                future.set_result(text)
            except LlmError as exc:
                log.info("no AI suggestion: %s", exc.message)
                future.set_result("")
            except Exception as exc:  # never let a suggestion take the server down
                log.exception("AI suggestion failed")
                future.set_exception(exc)

        threading.Thread(target=run, name="hive-suggest", daemon=True).start()
        assert self._current is not None
        return self._current

    def ready(self, path: str, version: int | None, offset: int) -> str | None:
        """The finished suggestion for exactly this place and version (None: not ready)."""
        with self._lock:
            current = self._current
        if current is None or current.key != (path, version, offset):
            return None
        if not current.future.done() or current.future.exception() is not None:
            return None
        return current.future.result() or None


def _item(candidate_kind: SymbolKind | str) -> lsp.CompletionItemKind:
    if isinstance(candidate_kind, SymbolKind):
        symbol_kind = present.SYMBOL_KINDS.get(candidate_kind, lsp.SymbolKind.Variable)
        return _SYMBOL_TO_ITEM.get(symbol_kind, lsp.CompletionItemKind.Text)
    return _KINDS.get(candidate_kind, lsp.CompletionItemKind.Text)


_SYMBOL_TO_ITEM = {
    lsp.SymbolKind.Class: lsp.CompletionItemKind.Class,
    lsp.SymbolKind.Interface: lsp.CompletionItemKind.Interface,
    lsp.SymbolKind.Struct: lsp.CompletionItemKind.Struct,
    lsp.SymbolKind.Enum: lsp.CompletionItemKind.Enum,
    lsp.SymbolKind.Function: lsp.CompletionItemKind.Function,
    lsp.SymbolKind.Method: lsp.CompletionItemKind.Method,
    lsp.SymbolKind.Constructor: lsp.CompletionItemKind.Constructor,
    lsp.SymbolKind.Field: lsp.CompletionItemKind.Field,
    lsp.SymbolKind.Property: lsp.CompletionItemKind.Property,
    lsp.SymbolKind.Constant: lsp.CompletionItemKind.Constant,
    lsp.SymbolKind.Variable: lsp.CompletionItemKind.Variable,
    lsp.SymbolKind.Module: lsp.CompletionItemKind.Module,
    lsp.SymbolKind.EnumMember: lsp.CompletionItemKind.EnumMember,
}


def register(server: HiveServer) -> None:
    """Register completion and inline completion."""
    suggestions = Suggestions()

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=["."]))
    async def on_completion(ls: HiveServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        path = ls.path_of(params.text_document.uri)
        sync = ls.host.graph
        ai = ls.ai.config.ready() is None

        def work(snap: Snapshot, _token: object) -> tuple[lsp.CompletionList, int, int | None]:
            entry = snap.entry(path)
            if entry is None:
                return lsp.CompletionList(is_incomplete=False, items=[]), 0, None
            offset = ls.codec.offset(entry.data, params.position)
            found = complete(sync if sync.snapshot is not None else None, snap, path, offset)
            items = [
                lsp.CompletionItem(
                    label=c.label,
                    kind=_item(c.kind),
                    detail=c.detail or c.qname or None,
                    sort_text=c.sort_text,
                    insert_text=c.insert_text if c.insert_text != c.label else None,
                )
                for c in found.items
            ]
            return (
                lsp.CompletionList(is_incomplete=found.incomplete, items=items),
                offset,
                (entry.version),
            )

        answer, offset, version = await ls.read(work)
        if not ai:
            return answer
        text = suggestions.ready(path, version, offset)
        if text is None:
            suggestions.start(ls, path, version, offset)
            answer.is_incomplete = True  # ask again: the suggestion may be ready then
            return answer
        first_line = text.splitlines()[0] if text.splitlines() else text
        answer.items = [
            lsp.CompletionItem(
                label=f"✨ {first_line.strip()[:60]}",
                kind=lsp.CompletionItemKind.Snippet,
                detail="hive-ls AI suggestion",
                insert_text=text,
                insert_text_format=lsp.InsertTextFormat.PlainText,
                sort_text="0",
                filter_text=first_line.strip(),
            ),
            *answer.items,
        ]
        return answer

    @server.feature(lsp.TEXT_DOCUMENT_INLINE_COMPLETION)
    async def on_inline(
        ls: HiveServer, params: lsp.InlineCompletionParams
    ) -> lsp.InlineCompletionList:
        path = ls.path_of(params.text_document.uri)
        empty = lsp.InlineCompletionList(items=[])
        if ls.ai.config.ready() is not None:
            return empty
        entry = ls.host.snapshot().entry(path)
        if entry is None:
            return empty
        offset = ls.codec.offset(entry.data, params.position)
        version = entry.version
        running = suggestions.start(ls, path, version, offset)
        try:
            text = await asyncio.wait_for(asyncio.wrap_future(running.future), INLINE_WAIT_S)
        except (asyncio.TimeoutError, Exception):
            return empty
        current = ls.host.snapshot().entry(path)
        if not text or current is None or current.version != version:
            return empty  # the document moved on while the model thought: stale
        return lsp.InlineCompletionList(
            items=[
                lsp.InlineCompletionItem(
                    insert_text=text, range=lsp.Range(params.position, params.position)
                )
            ]
        )
