"""Centrality of the graph's nodes (PageRank), cached while the graph does not change much."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

from hive_ls.graph.model import Edge, EdgeKind, Node
from hive_ls.graph.pdg import ProgramGraph
from hive_ls.graph.traverse import DEPENDS

STALE_FOR = 30.0  # seconds during which ranks of an older graph are good enough


class Ranking:
    """PageRank of a graph, recomputed when the graph changed and the ranks are old.

    Edges point from what depends to what it depends on, so much-used code ranks high.
    Ranking 100,000 nodes takes about half a second: a graph changing with every keystroke
    keeps the previous ranks for ``STALE_FOR`` seconds (new nodes rank 0 meanwhile).
    """

    def __init__(self) -> None:
        self._ranks: dict[str, float] = {}
        self._generation = -1
        self._when = 0.0
        self._lock = threading.Lock()

    def of(self, graph: ProgramGraph) -> dict[str, float]:
        """Every node's rank."""
        with self._lock:
            fresh = self._generation == graph.generation
            recent = time.monotonic() - self._when < STALE_FOR and self._ranks
            if not fresh and not recent:
                self._ranks = graph.pagerank(DEPENDS)
                self._generation = graph.generation
                self._when = time.monotonic()
            return self._ranks


def rank_edges(edges: Iterable[tuple[str, str, str]]) -> dict[str, float]:
    """PageRank over stored ``(source key, target key, kind)`` edges, without a live graph."""
    graph = ProgramGraph()
    for source, target, kind in edges:
        for key in (source, target):
            if graph.node(key) is None:
                graph.ensure(Node(key, "", "", "", ""))
        graph.connect(source, target, Edge(EdgeKind(kind), "", None, 0))
    return graph.pagerank(DEPENDS)
