"""PageRank scaled to ``[0, 1]`` on a log scale, shared by the features that rank by it."""

from __future__ import annotations

import math
import threading
import weakref

from hive_ls.graph.pdg import ProgramGraph
from hive_ls.graph.rank import Ranking

SMALL_GRAPH = 2000  # nodes: below this, ranking costs a few milliseconds and is never deferred


class _Held:
    """A graph's ranking, the scale of the last ranks it gave, and a refresh under way."""

    def __init__(self) -> None:
        self.ranking = Ranking()
        self.ranks: dict[str, float] = {}
        self.generation = -1
        self.low = 0.0
        self.spread = 0.0
        self.refreshing = False


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
        held.refreshing = False


def _refresh_later(graph: ProgramGraph, held: _Held) -> None:
    with _lock:
        if held.refreshing:
            return
        held.refreshing = True
    threading.Thread(target=_refresh, args=(graph, held), name="hive-ls-rank", daemon=True).start()


class Centrality:
    """How central a node is, from 0 (unknown, or no rank) to 1 (the most central).

    PageRank spans orders of magnitude, so it is compared on a log scale, relative to the
    smallest positive rank: a function used twice must rank visibly above one used never, not
    vanish beside the most used one. When PageRank does not converge the graph gives shares
    of incoming edges instead (most nodes 0), which scale the same way.

    With ``wait`` False (completion, on every keystroke) ranks of a large graph are never
    computed in the caller's thread: the last ones serve (none at first) while a thread
    brings them up to date; ``pending`` says so (PageRank holds the graph's lock: a caller
    that must not wait reads nothing else from the graph meanwhile).
    """

    def __init__(self, graph: ProgramGraph | None, wait: bool = True) -> None:
        self._ranks: dict[str, float] = {}
        self._low = self._spread = 0.0
        self.pending = False  # ranks are being computed: the graph is locked meanwhile
        if graph is None:
            return
        held = _holder(graph)
        if held.generation != graph.generation:
            if wait or len(graph) <= SMALL_GRAPH:
                _refresh(graph, held)
            else:
                _refresh_later(graph, held)
        with _lock:
            self._ranks, self._low, self._spread = held.ranks, held.low, held.spread
            self.pending = held.refreshing

    def of(self, key: str | None) -> float:
        """The scaled centrality of ``key`` (0 for unknown keys)."""
        if key is None or not self._spread:
            return 0.0
        rank = self._ranks.get(key, 0.0)
        return math.log1p(rank / self._low) / self._spread if rank > 0 else 0.0
