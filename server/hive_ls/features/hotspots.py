"""Hotspots: the most central and most depended-on definitions of the workspace."""

from __future__ import annotations

from dataclasses import dataclass

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.features.graph_lookup import item
from hive_ls.features.results import GraphItem
from hive_ls.graph.model import MODULE, UNRESOLVED
from hive_ls.graph.rank import Ranking
from hive_ls.graph.traverse import DEPENDS

_ranking = Ranking()


@dataclass(frozen=True)
class Hotspot:
    """A definition with its PageRank and how many definitions depend on it directly.

    Both count exact dependencies only: a guess (a member called on a value of unknown type)
    never makes a name central.
    """

    item: GraphItem
    rank: float
    dependents: int


def hotspots(sync: GraphSync, limit: int = 20) -> list[Hotspot]:
    """The ``limit`` definitions ranked highest, with their direct dependents counted."""
    ranks = _ranking.of(sync.graph)
    nodes = {n.key: n for n in sync.graph.nodes() if n.kind not in (MODULE, UNRESOLVED)}
    top = sorted((k for k in nodes), key=lambda k: -ranks.get(k, 0.0))[:limit]
    found = []
    for key in top:
        located = item(sync, key)
        if located is None:
            continue
        users = {n.key for n, e in sync.graph.in_edges(key) if e.kind in DEPENDS and not e.guess}
        found.append(Hotspot(located, ranks.get(key, 0.0), len(users)))
    return found
