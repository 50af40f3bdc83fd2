"""Search by meaning: vector and full-text hits fused, expanded through the graph, re-ranked.

1. The store answers the query twice, by vector (when a model is loaded) and by full text;
   the two rankings are fused with reciprocal rank fusion (RRF).
2. ``graph`` mode then follows dependency edges one and two hops from the best hits (a
   function found by meaning brings in what it calls and what calls it) and fuses that list
   in too, at half weight.
3. Everything is re-ranked with graph centrality (PageRank): of two equal matches, the code
   more of the workspace depends on comes first.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase

from hive_ls.analysis.graph_sync import GraphSync, symbol_keys
from hive_ls.analysis.persist import IndexStore
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.lines import LineIndex
from hive_ls.graph.rank import Ranking
from hive_ls.store import Filters, Hit

RRF_K = 60
MODES = ("vector", "text", "hybrid", "graph")
GRAPH_WEIGHT = 0.5  # the graph's list counts half as much as a retriever's
EXPAND_SEEDS = 10  # hits whose neighbours are followed
CENTRALITY_WEIGHT = 0.1
OVERFETCH = 3
_DEPENDS = frozenset({"calls", "references", "inherits", "imports"})
_PASSIVE = {
    "calls": "called by",
    "references": "used by",
    "inherits": "inherited by",
    "imports": "imported by",
}


@dataclass(frozen=True)
class SearchResult:
    """One piece of code found, why, and where.

    ``matched`` names the retrievers that found it (``vector``, ``text``, ``graph``); ``via``
    says, for a result reached through the graph, from which hit and over which edge.
    """

    key: str
    path: str
    relpath: str
    language: str
    name: str
    qname: str
    kind: str
    start_line: int
    end_line: int
    start_byte: int
    end_byte: int
    signature: str
    score: float
    matched: tuple[str, ...]
    via: str = ""


@dataclass(frozen=True)
class SearchAnswer:
    """The results, and what the answer rests on (how many chunks had vectors)."""

    results: list[SearchResult]
    mode: str
    embedded: int
    pending: int
    notes: tuple[str, ...] = ()


NO_FILTERS = Filters()
Neighbours = Callable[[Iterable[str]], list[tuple[str, str, str]]]
Centrality = Callable[[Iterable[str]], dict[str, float]]
_ranking = Ranking()


def search_live(
    store: IndexStore, sync: GraphSync, snap: Snapshot, query: str, k: int, filters: Filters,
    mode: str,
) -> SearchAnswer:  # fmt: skip
    """Search in the server: the live graph expands and ranks the hits (once it is built)."""
    if sync.snapshot is None:
        return search(store, snap, query, k, filters, mode)
    graph = sync.graph
    ranks = _ranking.of(graph)
    return search(
        store, snap, query, k, filters, mode, graph.edges_touching,
        lambda keys: {key: ranks.get(key, 0.0) for key in keys},
    )  # fmt: skip


def search_stored(
    store: IndexStore, snap: Snapshot, query: str, k: int, filters: Filters, mode: str
) -> SearchAnswer:
    """Search from the command line: the stored edges stand in for the graph.

    Centrality is the number of dependency edges reaching each result (PageRank over every
    stored edge would cost seconds on a large workspace, for one query). Edges are fetched
    once per node and search.
    """
    edges = _EdgeCache(store)
    return search(store, snap, query, k, filters, mode, edges.touching, edges.in_degree)


class _EdgeCache:
    """The stored edges touching each node asked about, fetched once per node."""

    def __init__(self, store: IndexStore) -> None:
        self._store = store
        self._by_key: dict[str, list[tuple[str, str, str]]] = {}

    def touching(self, keys: Iterable[str]) -> list[tuple[str, str, str]]:
        wanted = list(dict.fromkeys(keys))
        missing = [key for key in wanted if key not in self._by_key]
        for key in missing:
            self._by_key[key] = []
        if missing:
            for edge in self._store.stored_edges(missing):
                for end in {edge[0], edge[1]}:
                    if end in self._by_key and end in missing:
                        self._by_key[end].append(edge)
        seen: set[tuple[str, str, str]] = set()
        found = []
        for key in wanted:
            for edge in self._by_key[key]:
                if edge not in seen:
                    seen.add(edge)
                    found.append(edge)
        return found

    def in_degree(self, keys: Iterable[str]) -> dict[str, float]:
        wanted = set(keys)
        found = dict.fromkeys(wanted, 0.0)
        for _, target, kind in self.touching(wanted):
            if target in wanted and kind in _DEPENDS:
                found[target] += 1.0
        return found


def search(
    store: IndexStore,
    snap: Snapshot,
    query: str,
    k: int = 10,
    filters: Filters = NO_FILTERS,
    mode: str = "graph",
    neighbours: Neighbours | None = None,
    centrality: Centrality | None = None,
) -> SearchAnswer:
    """The ``k`` best pieces of code for ``query``.

    ``neighbours(keys)`` gives the ``(source, target, kind)`` edges touching ``keys`` (the live
    graph's, or the store's); ``centrality(keys)`` how central each of those nodes is.
    """
    if mode not in MODES:
        raise ValueError(f"unknown search mode {mode!r}: use one of {', '.join(MODES)}")
    notes: list[str] = []
    vector = store.embed_query(query) if mode != "text" else None
    if vector is None and mode == "vector":
        notes.append("no embedding model: vector search found nothing")
    depth = k * OVERFETCH
    lists: dict[str, list[Hit]] = {}
    if mode in ("text", "hybrid", "graph"):
        lists["text"] = store.search(query, None, depth, filters, "text")
    if vector is not None and mode in ("vector", "hybrid", "graph"):
        lists["vector"] = store.search(query, vector, depth, filters, "vector")
    scores, matched, hits = _fuse(lists)
    via: dict[str, str] = {}
    if mode == "graph" and neighbours is not None:
        _expand(scores, matched, via, neighbours, filters)
    if centrality is not None and mode == "graph" and scores:
        _rerank(scores, centrality(scores))
    best = sorted(scores, key=lambda key: -scores[key])
    results = []
    files = _Files(snap)
    for key in best:
        result = _result(files, key, hits.get(key), scores[key], matched[key], via.get(key, ""))
        if result is not None and _passes(result, filters):
            results.append(result)
        if len(results) >= k:
            break
    status = store.status
    if not status.nodes:
        notes.append("the search index is still being built: try again in a moment")
    if status.pending and vector is not None:
        notes.append(
            f"{status.pending} of {status.nodes} chunks are not embedded yet (found by text "
            "and the graph only)"
        )
    return SearchAnswer(results, mode, status.embedded, status.pending, tuple(notes))


def _fuse(
    lists: dict[str, list[Hit]],
) -> tuple[dict[str, float], dict[str, tuple[str, ...]], dict[str, Hit]]:
    """Reciprocal rank fusion: each list adds ``1 / (RRF_K + rank)`` to what it found."""
    scores: dict[str, float] = {}
    matched: dict[str, tuple[str, ...]] = {}
    hits: dict[str, Hit] = {}
    for name, found in lists.items():
        for rank, hit in enumerate(found):
            scores[hit.id] = scores.get(hit.id, 0.0) + 1.0 / (RRF_K + rank + 1)
            matched[hit.id] = (*matched.get(hit.id, ()), name)
            hits.setdefault(hit.id, hit)
    return scores, matched, hits


def _expand(
    scores: dict[str, float],
    matched: dict[str, tuple[str, ...]],
    via: dict[str, str],
    neighbours: Neighbours,
    filters: Filters,
) -> None:
    """The graph as a third ranked list, fused like the others (with ``GRAPH_WEIGHT``).

    It lists the neighbours of the best hits over dependency edges, in the order of the hits,
    one hop first, then two: code next to what matched, without outvoting the matches.
    """
    frontier = sorted(scores, key=lambda key: -scores[key])[:EXPAND_SEEDS]
    seen = set(frontier)
    order: list[str] = []
    for _hop in (1, 2):
        position = {key: i for i, key in enumerate(frontier)}
        reached: dict[str, int] = {}
        for source, target, kind in neighbours(frontier):
            if kind not in _DEPENDS:
                continue
            passive = _PASSIVE.get(kind, kind)
            for here, there, how in ((source, target, passive), (target, source, kind)):
                if here not in position or there.startswith("?") or there.endswith("::"):
                    continue
                if there not in reached or position[here] < reached[there]:
                    reached[there] = position[here]
                    via.setdefault(there, f"{how} {_label(here)}")
        ranked = sorted(reached, key=lambda key: reached[key])
        order.extend(key for key in ranked if key not in order)
        frontier = [key for key in ranked if key not in seen][:EXPAND_SEEDS]
        seen.update(frontier)
    for rank, key in enumerate(order):
        scores[key] = scores.get(key, 0.0) + GRAPH_WEIGHT / (RRF_K + rank + 1)
        matched[key] = (*matched.get(key, ()), "graph")


def _label(key: str) -> str:
    """A node key as people read it: the qualified name, or the file of a module."""
    path, _, rest = key.partition("::")
    return rest.split("::")[0] if rest else path.rsplit("/", 1)[-1]


def _rerank(scores: dict[str, float], ranks: dict[str, float]) -> None:
    """Scale each score by the node's centrality relative to the most central result."""
    top = max((ranks.get(key, 0.0) for key in scores), default=0.0)
    if top <= 0:
        return
    for key in scores:
        share = math.log10(1 + ranks.get(key, 0.0) / top * 9)  # 0..1, log scale
        scores[key] *= 1.0 + CENTRALITY_WEIGHT * share


class _Files:
    """Line indexes and symbol keys of the files one search names, each made once."""

    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap
        self._lines: dict[str, LineIndex] = {}
        self._keys: dict[str, dict[str, int]] = {}

    def lines(self, path: str, data: bytes) -> LineIndex:
        found = self._lines.get(path)
        if found is None:
            found = self._lines[path] = LineIndex(data)
        return found

    def index(self, path: str, key: str) -> int:
        keys = self._keys.get(path)
        if keys is None:
            entry = self.snap.files[path]
            keys = self._keys[path] = {k: i for i, k in enumerate(symbol_keys(entry.facts))}
        return keys.get(key, -1)


def _result(
    files: _Files, key: str, hit: Hit | None, score: float, matched: tuple[str, ...], via: str
) -> SearchResult | None:
    """The result for ``key``: from the snapshot when it knows the file (positions current)."""
    path = key.split("::", 1)[0]
    entry = files.snap.files.get(path)
    if entry is None:
        if hit is None:
            return None
        return SearchResult(
            key, path, hit.file, hit.language, hit.name, hit.qname, hit.kind, hit.start_line,
            hit.end_line, hit.start_byte, hit.end_byte, hit.signature, score, matched, via,
        )  # fmt: skip
    lines = files.lines(path, entry.data)
    if key.endswith("::"):
        end = len(entry.data)
        name = entry.facts.module.rsplit(".", 1)[-1]
        return SearchResult(
            key, path, entry.relpath, entry.facts.language, name, entry.facts.module, "module", 0,
            lines.position(end)[0], 0, end, "", score, matched, via,
        )  # fmt: skip
    index = files.index(path, key)
    if index < 0:
        return None  # gone since it was stored
    symbol = entry.facts.symbols[index]
    return SearchResult(
        key, path, entry.relpath, entry.facts.language, symbol.name, symbol.qname,
        symbol.kind.value, lines.position(symbol.span.start)[0], lines.position(symbol.span.end)[0],
        symbol.span.start, symbol.span.end, symbol.signature, score, matched, via,
    )  # fmt: skip


def _passes(result: SearchResult, filters: Filters) -> bool:
    """Filters again: results reached through the graph were not filtered by the store."""
    if filters.kinds and result.kind not in filters.kinds:
        return False
    if filters.languages and result.language not in filters.languages:
        return False
    if filters.path_glob:
        return fnmatchcase(result.relpath, filters.path_glob) or result.relpath.startswith(
            filters.path_glob.rstrip("*")
        )
    return True
