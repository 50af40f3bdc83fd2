"""Bounded walks over the graph: who depends on a node, and what it depends on."""

from __future__ import annotations

from collections import deque
from typing import NamedTuple

from hive_ls.graph.model import UNRESOLVED, EdgeKind
from hive_ls.graph.pdg import ProgramGraph

#: an edge of these kinds means its source depends on its target
DEPENDS = frozenset({EdgeKind.CALLS, EdgeKind.REFERENCES, EdgeKind.INHERITS, EdgeKind.IMPORTS})
#: an edge of these kinds means data flows from its source into its target
FLOWS = frozenset({EdgeKind.DEF_USE})
NONE: frozenset[EdgeKind] = frozenset()
MAX_NODES = 5000  # however large the fan-in, a walk stops after this many nodes


class Reached(NamedTuple):
    """A node found by a walk.

    How far, through which kind of dependency, by which way (the keys from the start to it),
    and whether any step was only a guess.
    """

    key: str
    distance: int
    via: EdgeKind
    path: tuple[str, ...]
    guess: bool


def walk(
    graph: ProgramGraph,
    start: str,
    upward: bool,
    depth: int,
    guesses: bool = True,
    limit: int = MAX_NODES,
    flows: bool = False,
) -> list[Reached]:
    """Breadth-first from ``start``, at most ``depth`` steps and ``limit`` nodes.

    Upward finds what depends on ``start`` (callers, users of its types, subclasses,
    importers); downward what it depends on. With ``flows`` def-use edges are followed too
    (where data goes, or comes from): function-level data flow over-approximates, so it is
    asked for, not assumed. Cycles end where a node was seen; unresolved names are leaves.
    """
    seen: dict[str, Reached] = {}
    queue: deque[tuple[str, int]] = deque([(start, 0)])
    paths: dict[str, tuple[str, ...]] = {start: (start,)}
    guessed: dict[str, bool] = {start: False}
    while queue and len(seen) < limit:
        key, distance = queue.popleft()
        if distance >= depth:
            continue
        if key != start and key.startswith("?"):
            continue
        for other, kind, guess in graph.steps(key, upward, DEPENDS, FLOWS if flows else NONE):
            if other == start or other in seen or (guess and not guesses):
                continue
            path = (*paths[key], other)
            flag = guessed[key] or guess
            seen[other] = Reached(other, distance + 1, kind, path, flag)
            paths[other], guessed[other] = path, flag
            queue.append((other, distance + 1))
            if len(seen) >= limit:
                break
    return list(seen.values())


def is_unresolved(graph: ProgramGraph, key: str) -> bool:
    """True for the nodes standing for names nothing in the workspace defines."""
    node = graph.node(key)
    return node is not None and node.kind == UNRESOLVED
