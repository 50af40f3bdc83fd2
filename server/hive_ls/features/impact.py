"""Impact analysis: what depends on a definition (or what it depends on), ranked, with tests."""

from __future__ import annotations

import threading

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.analysis.testing import test_id, test_symbols
from hive_ls.base.span import Span
from hive_ls.features.graph_lookup import graph_snapshot, item
from hive_ls.features.results import Dependent, GraphItem, ImpactReport, TestHit
from hive_ls.graph.model import module_key
from hive_ls.graph.rank import Ranking
from hive_ls.graph.traverse import MAX_NODES, Reached, walk

TEST_DEPTH = 12  # tests are looked for further than the impact shown
MAX_DEPENDENTS = 1000  # shown of a huge fan-in: the nearest and most central
_ranking = Ranking()
_tests_lock = threading.Lock()
_tests_cache: dict[tuple[str, int], dict[str, str]] = {}


def tests_in(sync: GraphSync, snap: Snapshot, path: str) -> dict[str, str]:
    """The test nodes of a file (key -> runner id); empty for files that hold no tests."""
    entry = snap.entry(path)
    if entry is None:
        return {}
    cache_key = (path, id(entry.facts))
    with _tests_lock:
        found = _tests_cache.get(cache_key)
    if found is not None:
        return found
    indices = test_symbols(entry, snap.spec(entry))
    found = {}
    if indices is not None:
        keys = sync.keys_of(path)
        if indices:
            for index in indices:
                if index < len(keys):
                    found[keys[index]] = test_id(entry, index)
        else:
            found[module_key(path)] = test_id(entry, None)
    with _tests_lock:
        if len(_tests_cache) > 20_000:
            _tests_cache.clear()
        _tests_cache[cache_key] = found
    return found


def _names(sync: GraphSync, path: tuple[str, ...]) -> tuple[str, ...]:
    names = []
    for key in path:
        node = sync.graph.node(key)
        names.append(node.qname or node.name if node is not None else key)
    return tuple(names)


def tests_reaching(sync: GraphSync, keys: list[str], guesses: bool = True) -> list[TestHit]:
    """The tests that depend (transitively, within ``TEST_DEPTH``) on any of ``keys``.

    A test asked about is a test of itself, at distance 0. Without ``guesses`` no step may be a
    guess; with them, tests reached only through one are marked.
    """
    best: dict[str, TestHit] = {}
    for key in keys:
        reached = walk(sync.graph, key, True, TEST_DEPTH, guesses=guesses)
        _tests_among(sync, key, reached, best)
    return sorted(best.values(), key=lambda t: (t.distance, t.test_id))


def _tests_among(
    sync: GraphSync, key: str, reached: list[Reached], best: dict[str, TestHit]
) -> None:
    """Add to ``best`` the tests among ``key`` and the nodes an upward walk from it reached."""
    snap = graph_snapshot(sync)
    hits = [(key, 0, (key,), False), *((r.key, r.distance, r.path, r.guess) for r in reached)]
    for other, distance, path, guess in hits:
        node = sync.graph.node(other)
        if node is None or not node.path:
            continue
        runner = tests_in(sync, snap, node.path).get(other)
        old = best.get(other)
        if runner is None or (old is not None and old.distance <= distance):
            continue
        found = item(sync, other)
        if found is not None:
            best[other] = TestHit(found, runner, distance, _names(sync, path), guess)


def impact(
    sync: GraphSync,
    key: str,
    depth: int = 5,
    direction: str = "up",
    data_flow: bool = False,
    guesses: bool = True,
) -> ImpactReport:
    """The dependents (``up``) or dependencies (``down``) of ``key`` within ``depth`` steps.

    Nearest and most central first; with the tests that reach ``key`` (upward only). Those
    reached through a guess are marked; without ``guesses`` they are left out.
    """
    target = item(sync, key)
    if target is None:
        node = sync.graph.node(key)
        name = node.name if node is not None else key
        target = GraphItem(key, name, "unresolved", name, "", Span(0, 0), Span(0, 0))
    upward = direction != "down"
    # upward, one walk serves both (breadth first: the nearer dependents come first anyway);
    # with data flow, the tests are those the data reaches too
    reach = max(depth, TEST_DEPTH) if upward else depth
    far = walk(sync.graph, key, upward, reach, guesses=guesses, flows=data_flow)
    reached = [hit for hit in far if hit.distance <= depth]
    ranks = _ranking.of(sync.graph)

    def order(hit: Reached) -> tuple[int, bool, float, str]:
        node = sync.graph.node(hit.key)
        return (hit.distance, hit.guess, -ranks.get(hit.key, 0.0), node.qname if node else "")

    reached.sort(key=order)
    dependents = []
    for hit in reached[:MAX_DEPENDENTS]:
        found = item(sync, hit.key)
        if found is None:
            continue
        dependents.append(
            Dependent(
                found,
                hit.distance,
                hit.via.value,
                _names(sync, hit.path),
                hit.guess,
                ranks.get(hit.key, 0.0),
            )
        )
    tests: list[TestHit] = []
    if upward:
        best: dict[str, TestHit] = {}
        _tests_among(sync, key, far, best)
        tests = sorted(best.values(), key=lambda t: (t.distance, t.test_id))
    return ImpactReport(
        target,
        "up" if upward else "down",
        depth,
        tuple(dependents),
        tuple(tests),
        len(far) >= MAX_NODES or len(reached) > MAX_DEPENDENTS,
        len(reached),
    )
