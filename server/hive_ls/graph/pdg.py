"""The graph itself: a rustworkx multigraph with stable keys and edges grouped by their origin."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator

import rustworkx as rx

from hive_ls.graph.model import Edge, EdgeKind, Node


class ProgramGraph:
    """Nodes by stable key; edges filed under the piece of code they were read from.

    rustworkx reuses the indices of removed nodes and edges, so callers never keep indices:
    they use keys, and the graph keeps its own key -> index map. Edges of one origin (a piece
    of a file) are removed together when that piece changes. Every method takes the graph's
    lock: the event loop writes while request threads read.
    """

    def __init__(self) -> None:
        self._g: rx.PyDiGraph = rx.PyDiGraph(multigraph=True)
        self._index: dict[str, int] = {}
        # (path, id(origin)) -> (origin kept alive, [(edge index, edge)])
        self._origins: dict[tuple[str, int], tuple[object, list[tuple[int, Edge]]]] = {}
        self.lock = threading.RLock()
        self.generation = 0
        self._edited: set[str] = set()  # files whose edges changed since take_edited()

    # ---- nodes ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._index)

    def edge_count(self) -> int:
        """Number of edges."""
        with self.lock:
            return int(self._g.num_edges())

    def node(self, key: str) -> Node | None:
        """The node with ``key``, if it exists."""
        with self.lock:
            index = self._index.get(key)
            return None if index is None else self._g[index]

    def nodes(self) -> list[Node]:
        """Every node."""
        with self.lock:
            return [self._g[i] for i in self._index.values()]

    def ensure(self, node: Node) -> None:
        """Add ``node``, or replace the payload of the node with its key."""
        with self.lock:
            index = self._index.get(node.key)
            if index is None:
                self._index[node.key] = self._g.add_node(node)
                self.generation += 1
            elif self._g[index] != node:
                self._g[index] = node

    def remove(self, key: str) -> None:
        """Remove the node with ``key`` and every edge touching it."""
        with self.lock:
            index = self._index.pop(key, None)
            if index is not None:
                self._g.remove_node(index)
                self.generation += 1

    # ---- edges ----------------------------------------------------------------------------

    def connect(self, source: str, target: str, edge: Edge) -> None:
        """Add an edge between two existing nodes, filed under ``edge.origin``."""
        with self.lock:
            a, b = self._index[source], self._index[target]
            index = self._g.add_edge(a, b, edge)
            slot = (edge.path, id(edge.origin))
            held = self._origins.get(slot)
            if held is None:
                held = self._origins[slot] = (edge.origin, [])
            held[1].append((index, edge))
            self._edited.add(edge.path)
            self.generation += 1

    def disconnect(self, path: str, origin: object) -> None:
        """Remove the edges read from ``origin`` (edges gone with a removed node are skipped)."""
        with self.lock:
            held = self._origins.pop((path, id(origin)), None)
            if held is None:
                return
            self._edited.add(path)
            for index, edge in held[1]:
                try:
                    if self._g.get_edge_data_by_index(index) is edge:
                        self._g.remove_edge_from_index(index)
                except IndexError:
                    pass  # removed with one of its nodes
            self.generation += 1

    def take_edited(self) -> set[str]:
        """The files whose edges changed since the last call (for persisting them)."""
        with self.lock:
            edited, self._edited = self._edited, set()
            return edited

    def has_edited(self) -> bool:
        """True when some file's edges changed since ``take_edited``."""
        return bool(self._edited)

    def mark_edited(self, paths: set[str]) -> None:
        """Note ``paths`` as edited again (their edges could not be saved)."""
        with self.lock:
            self._edited |= paths

    def edges_read_from(self, paths: set[str]) -> dict[str, list[tuple[str, str, str]]]:
        """``(source key, target key, kind)`` of the edges read from each of ``paths``."""
        found: dict[str, list[tuple[str, str, str]]] = {path: [] for path in paths}
        with self.lock:
            g = self._g
            for (path, _), held in self._origins.items():
                into = found.get(path)
                if into is None:
                    continue
                for index, edge in held[1]:
                    try:
                        if g.get_edge_data_by_index(index) is not edge:
                            continue
                        a, b = g.get_edge_endpoints_by_index(index)
                    except IndexError:
                        continue  # removed with one of its nodes
                    into.append((g[a].key, g[b].key, edge.kind.value))
        return found

    def edges_touching(self, keys: Iterable[str]) -> list[tuple[str, str, str]]:
        """``(source key, target key, kind)`` of every edge leaving or reaching ``keys``."""
        found = []
        with self.lock:
            g = self._g
            for key in keys:
                index = self._index.get(key)
                if index is None:
                    continue
                for a, b, data in (*g.out_edges(index), *g.in_edges(index)):
                    found.append((g[a].key, g[b].key, data.kind.value))
        return found

    def origins(self, path: str) -> list[object]:
        """The origins of the edges read from ``path``."""
        with self.lock:
            return [held[0] for (p, _), held in self._origins.items() if p == path]

    def out_edges(self, key: str) -> list[tuple[Node, Edge]]:
        """The edges leaving ``key``, with the nodes they reach."""
        with self.lock:
            index = self._index.get(key)
            if index is None:
                return []
            return [(self._g[b], data) for _, b, data in self._g.out_edges(index)]

    def in_edges(self, key: str) -> list[tuple[Node, Edge]]:
        """The edges reaching ``key``, with the nodes they leave."""
        with self.lock:
            index = self._index.get(key)
            if index is None:
                return []
            return [(self._g[a], data) for a, _, data in self._g.in_edges(index)]

    def steps(
        self, key: str, upward: bool, kinds: frozenset[EdgeKind], back: frozenset[EdgeKind]
    ) -> list[tuple[str, EdgeKind, bool]]:
        """The keys one edge away, with the edge's kind and whether it is a guess.

        Over edges of ``kinds`` reaching ``key`` (``upward``) or leaving it, and over edges of
        ``back`` the other way round. The hot loop of every walk: no node objects are made.
        """
        with self.lock:
            index = self._index.get(key)
            if index is None:
                return []
            g = self._g
            found = []
            for kinds_here, incoming in ((kinds, upward), (back, not upward)):
                if not kinds_here:
                    continue
                edges = g.in_edges(index) if incoming else g.out_edges(index)
                end = 0 if incoming else 1
                for edge in edges:
                    data = edge[2]
                    if data.kind in kinds_here:
                        found.append((g[edge[end]].key, data.kind, data.guess))
            return found

    def edges(self) -> Iterator[tuple[Node, Node, Edge]]:
        """Every edge with its two nodes (a copy: safe to hold while the graph changes)."""
        with self.lock:
            listed = [(self._g[a], self._g[b], data) for a, b, data in self._g.weighted_edge_list()]
        return iter(listed)

    def pagerank(self, kinds: frozenset[EdgeKind]) -> dict[str, float]:
        """PageRank of every node over the exact edges of ``kinds`` (at what is depended on).

        Guesses never count. When the iteration does not settle, the share of incoming such
        edges stands in.
        """
        with self.lock:
            try:
                ranks = rx.pagerank(
                    self._g,
                    alpha=0.85,
                    max_iter=1000,
                    tol=1e-5,
                    weight_fn=lambda edge: 1.0 if edge.kind in kinds and not edge.guess else 0.0,
                )
                return {self._g[i].key: float(ranks[i]) for i in ranks}
            except rx.FailedToConverge:
                counts = {
                    i: sum(1 for _, _, e in self._g.in_edges(i) if e.kind in kinds and not e.guess)
                    for i in self._g.node_indices()
                }
                total = sum(counts.values()) or 1
                return {self._g[i].key: count / total for i, count in counts.items()}
