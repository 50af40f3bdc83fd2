"""The ``hive/search`` request and ``hive.search`` command: code found by meaning."""

from __future__ import annotations

from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams

from hive_ls.analysis.cancel import CancelToken
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import SymbolKind
from hive_ls.features.code_search import MODES, SearchAnswer, search_live
from hive_ls.lsp import ext, present
from hive_ls.lsp.handlers.impact import _get
from hive_ls.lsp.server import HiveServer
from hive_ls.store import Filters

MAX_K = 100
FLUSH_WAIT_S = 5.0  # a search waits this long at most for recent changes to be saved


def _strings(params: Any, name: str) -> tuple[str, ...]:
    value = _get(params, name)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise JsonRpcInvalidParams(f"{name} must be a string or a list of strings, not {value!r}")


async def run_search(ls: HiveServer, params: Any) -> SearchAnswer:
    """Validate the params and search off the loop (the live graph expands the hits)."""
    query = _get(params, "query")
    if not isinstance(query, str) or not query.strip():
        raise JsonRpcInvalidParams(
            "expected {query: a non-empty string, k?, language?, kind?, path?}"
        )
    k = _get(params, "k", 10)
    if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= MAX_K:
        raise JsonRpcInvalidParams(f"k must be a number from 1 to {MAX_K}, not {k!r}")
    mode = _get(params, "mode", "graph")
    if mode not in MODES:
        raise JsonRpcInvalidParams(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    path = _get(params, "path", "") or ""
    if not isinstance(path, str):
        raise JsonRpcInvalidParams(f"path must be a glob string, not {path!r}")
    filters = Filters(_strings(params, "language"), _strings(params, "kind"), path)
    store = await ls.store.ready()
    if store is None:
        raise JsonRpcInvalidParams(
            "search needs the index store, which is off or unavailable (see the server log)"
        )
    sync = ls.host.graph

    def work(snap: Snapshot, cancel: CancelToken) -> SearchAnswer:
        if store.unsaved():  # search what the workspace holds now, edits included
            store.flush(timeout=FLUSH_WAIT_S)
        return search_live(store, sync, snap, query, k, filters, mode)

    return await ls.read(work)


async def symbols_by_meaning(ls: HiveServer, query: str) -> list[lsp.WorkspaceSymbol]:
    """workspace/symbol for a query in words: the search's results as symbols (none if off)."""
    store = await ls.store.ready()
    if store is None:
        return []
    answer = await run_search(ls, {"query": query, "k": 20})
    snap = ls.host.snapshot()
    symbols = []
    for r in answer.results:
        kind = SymbolKind(r.kind) if r.kind in SymbolKind._value2member_map_ else SymbolKind.MODULE
        symbols.append(
            lsp.WorkspaceSymbol(
                name=r.name,
                kind=present.SYMBOL_KINDS.get(kind, lsp.SymbolKind.Module),
                location=lsp.Location(ls.uri_of(r.path), present.search_result_range(ls, snap, r)),
                container_name=r.qname.rsplit(".", 1)[0] if "." in r.qname else None,
            )
        )
    return symbols


def register(server: HiveServer) -> None:
    """Register the search request and command."""

    @server.feature(ext.SEARCH)
    async def on_search(ls: HiveServer, params: Any) -> dict[str, Any]:
        answer = await run_search(ls, params)
        return present.search_json(ls, ls.host.snapshot(), answer)

    @server.command(ext.COMMAND_SEARCH)
    async def search_command(ls: HiveServer, query: str) -> dict[str, Any]:
        answer = await run_search(ls, {"query": query})
        return present.search_json(ls, ls.host.snapshot(), answer)
