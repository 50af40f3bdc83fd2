"""Vector, full-text and hybrid (reciprocal rank fusion) search over the nodes table."""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any

from hive_ls.store.batches import read_hits
from hive_ls.store.rows import Filters, Hit
from hive_ls.store.schema import FTS_COLUMN, HIT_COLUMNS
from hive_ls.store.sql import filter_sql
from hive_ls.store.text import query_terms

RRF_K = 60
# Over-fetch: how many candidates each ranked list contributes per result wanted.
HYBRID_OVERFETCH = 3
HYBRID_MIN_FETCH = 30
# When a path glob cannot be a SQL prefilter, fetch this many times more and filter here.
GLOB_OVERFETCH = 10
GLOB_MIN_FETCH = 100
# IVF partitions probed per query when a vector index exists (ignored by a flat scan).
NPROBES = 32


def vector_hits(nodes: Any, vector: Any, k: int, filters: Filters) -> list[Hit]:
    """The ``k`` nodes nearest to ``vector`` by cosine distance, scored ``1 - distance``."""
    if k <= 0:
        return []
    where, exact = filter_sql(filters)
    fetch = k if exact else max(k * GLOB_OVERFETCH, GLOB_MIN_FETCH)
    query = (
        nodes.search(vector, vector_column_name="vector")
        .distance_type("cosine")
        .nprobes(NPROBES)
        .select([*HIT_COLUMNS, "_distance"])
        .limit(fetch)
    )
    if where:  # rows without a vector never match (no "IS NOT NULL" prefilter: it reads them all)
        query = query.where(where, prefilter=True)
    table = query.to_arrow()
    scores = [1.0 - float(distance) for distance in table["_distance"].to_pylist()]
    return _glob_filter(read_hits(table, scores), filters, exact)[:k]


def text_hits(nodes: Any, query: str, k: int, filters: Filters) -> list[Hit]:
    """The ``k`` best BM25 matches of ``query``, read as plain terms (never as query syntax)."""
    from lancedb.query import MatchQuery  # type: ignore[import-untyped, unused-ignore]

    terms = query_terms(query)
    if k <= 0 or not terms:
        return []
    where, exact = filter_sql(filters)
    fetch = k if exact else max(k * GLOB_OVERFETCH, GLOB_MIN_FETCH)
    search = (
        nodes.search(MatchQuery(terms, FTS_COLUMN), query_type="fts")  # type: ignore[call-arg]
        .select([*HIT_COLUMNS, "_score"])
        .limit(fetch)
    )
    if where:
        search = search.where(where, prefilter=True)
    table = search.to_arrow()
    scores = [float(score) for score in table["_score"].to_pylist()]
    return _glob_filter(read_hits(table, scores), filters, exact)[:k]


def fuse(ranked: list[list[Hit]], k: int) -> list[Hit]:
    """Reciprocal rank fusion: score ``sum(1 / (RRF_K + rank))`` over the lists, rank from 1.

    Ties keep the order of first appearance (earlier lists first), so fusion is deterministic.
    """
    scores: dict[str, float] = {}
    first: dict[str, Hit] = {}
    for hits in ranked:
        for rank, hit in enumerate(hits, start=1):
            scores[hit.id] = scores.get(hit.id, 0.0) + 1.0 / (RRF_K + rank)
            first.setdefault(hit.id, hit)
    order = sorted(first, key=lambda node_id: -scores[node_id])
    return [_rescored(first[node_id], scores[node_id]) for node_id in order[:k]]


def hybrid_fetch(k: int) -> int:
    """How many candidates each ranked list contributes to a hybrid search for ``k`` results."""
    return max(k * HYBRID_OVERFETCH, HYBRID_MIN_FETCH)


def _rescored(hit: Hit, score: float) -> Hit:
    from dataclasses import replace

    return replace(hit, score=score)


def _glob_filter(hits: list[Hit], filters: Filters, exact: bool) -> list[Hit]:
    """Hits whose file matches the path glob, when the SQL prefilter could not say it exactly."""
    if exact or not filters.path_glob:
        return hits
    return [hit for hit in hits if fnmatchcase(hit.file, filters.path_glob)]
