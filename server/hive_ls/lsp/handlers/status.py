"""The ``hive/status`` request: how much is indexed, for status bars and scripts."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from hive_ls.lsp import ext
from hive_ls.lsp.server import HiveServer


def register(server: HiveServer) -> None:
    """Register the status request."""

    @server.feature(ext.STATUS)
    def on_status(ls: HiveServer, params: Any) -> dict[str, Any]:
        snap = ls.host.snapshot()
        languages: dict[str, int] = {}
        symbols = 0
        for entry in snap.files.values():
            languages[entry.facts.language] = languages.get(entry.facts.language, 0) + 1
            symbols += len(entry.facts.symbols)
        state = snap.index_state
        return {
            "files": len(snap.files),
            "symbols": symbols,
            "languages": languages,
            "roots": list(snap.roots),
            "indexing": {"done": state.done, "total": state.total, "complete": state.complete},
            "store": asdict(ls.store.store.status) if ls.store.store is not None else None,
        }
