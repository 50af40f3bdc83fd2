"""PageRank scaled to ``[0, 1]`` on a log scale, shared by the features that rank by it."""

from __future__ import annotations

import math
import threading
import weakref

from hive_ls.graph.pdg import ProgramGraph
from hive_ls.graph.rank import Ranking

SMALL_GRAPH = 2000  # nodes: below this, ranking costs a few milliseconds


class _Held:
    """A graph's ranking, and the scale of the last ranks it gave."""

    def __init__(self) -> None:
        self.ranking = Ranking()
        self.ranks: dict[str, float] = {}
        self.generation = -1
        self.low = 0.0
        self.spread = 0.0


# one cache per graph, shared by the context builder and completion (a Ranking keeps the
# ranks of whatever graph it saw last for a while: it must not see two)
_held: weakref.WeakKeyDictionary[ProgramGraph, _Held] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _holder(graph: ProgramGraph) -> _Held:
    with _lock:
        held = _held.get(graph)
        if held is None:
            held = _held[graph] = _Held()
        return held


def _refresh(graph: ProgramGraph, held: _Held) -> None:
    generation = graph.generation
    ranks = held.ranking.of(graph)
    with _lock:
        if ranks is not held.ranks:
            low = min((r for r in ranks.values() if r > 0), default=0.0)
            high = max(ranks.values(), default=0.0)
            held.ranks, held.low = ranks, low
            held.spread = math.log1p(high / low) if low > 0 else 0.0
        held.generation = generation


def refresh(graph: ProgramGraph) -> None:
    """Bring the ranks of ``graph`` up to date now (for a quiet moment: after a graph sync).

    PageRank of a large graph holds the interpreter for a while (its weights are a Python
    callback), so completion never starts it on a large graph itself.
    """
    held = _holder(graph)
    if held.generation != graph.generation:
        _refresh(graph, held)


class Centrality:
    """How central a node is, from 0 (unknown, or no rank) to 1 (the most central).

    PageRank spans orders of magnitude, so it is compared on a log scale, relative to the
    smallest positive rank: a function used twice must rank visibly above one used never, not
    vanish beside the most used one. When PageRank does not converge the graph gives shares
    of incoming edges instead (most nodes 0), which scale the same way.

    With ``wait`` False (completion, on every keystroke) the ranks of a large graph are never
    computed: the last ones serve, none before the first ``refresh`` or context build.
    """

    def __init__(self, graph: ProgramGraph | None, wait: bool = True) -> None:
        self._ranks: dict[str, float] = {}
        self._low = self._spread = 0.0
        if graph is None:
            return
        held = _holder(graph)
        if held.generation != graph.generation and (wait or len(graph) <= SMALL_GRAPH):
            _refresh(graph, held)
        with _lock:
            self._ranks, self._low, self._spread = held.ranks, held.low, held.spread

    def of(self, key: str | None) -> float:
        """The scaled centrality of ``key`` (0 for unknown keys)."""
        if key is None or not self._spread:
            return 0.0
        rank = self._ranks.get(key, 0.0)
        return math.log1p(rank / self._low) / self._spread if rank > 0 else 0.0
