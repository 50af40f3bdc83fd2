"""AI code actions: which ones a place offers (cheap, no model), and running one (the pipeline).

Listing reads only the snapshot and the graph. Running builds a ``Task`` — the region the edit
may replace, the scope it may touch, and a token-budgeted context — and hands it to the
pipeline, whose every candidate is checked by ``ai_check`` (parse, graph, call sites, tests)
before anyone sees it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hive_ls.analysis.graph_sync import GraphSync, symbol_keys
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import Symbol
from hive_ls.base.span import Span
from hive_ls.features.ai_check import check_edits
from hive_ls.features.ai_context import build_context
from hive_ls.features.impact import impact
from hive_ls.graph.model import EdgeKind
from hive_ls.llm.client import ModelRouter
from hive_ls.llm.config import LlmConfig
from hive_ls.llm.pipeline import Pipeline
from hive_ls.llm.types import Candidate, Outcome, Task, Verdict

CONTEXT_BUDGET = 3000
MAX_CALLER_SITES = 20


@dataclass(frozen=True)
class ActionOffer:
    """An AI action a place offers: what, its title, and the bytes it is about."""

    kind: str
    title: str
    path: str
    start: int
    end: int
    diagnostic: str = ""


_INSTRUCTIONS = {
    "explain": "Explain what this code does, how it is used, and anything surprising.",
    "fix": "Fix this problem: {diagnostic}",
    "refactor": "Refactor this code to be clearer without changing its behaviour.",
    "docstring": "Add a docstring (or doc comment) to this definition; change nothing else.",
    "tests": "Write tests for {name} and add them at the end of this test file.",
    "callers": "The signature of {name} changed: update these call sites to match it.",
}


def _innermost(snap: Snapshot, path: str, offset: int) -> tuple[int, Symbol] | None:
    entry = snap.entry(path)
    if entry is None:
        return None
    index = entry.facts.innermost_symbol(offset)
    if index < 0:
        return None
    symbol = entry.facts.symbols[index]
    while not (symbol.kind.is_callable or symbol.kind.is_type) and symbol.parent >= 0:
        index = symbol.parent
        symbol = entry.facts.symbols[index]
    return (index, symbol) if symbol.kind.is_callable or symbol.kind.is_type else None


def list_actions(
    sync: GraphSync | None,
    snap: Snapshot,
    path: str,
    start: int,
    end: int,
    diagnostics: Sequence[tuple[Span, str]] = (),
) -> list[ActionOffer]:
    """The AI actions for a place or selection; no model is called."""
    entry = snap.entry(path)
    if entry is None:
        return []
    offers = [
        ActionOffer("fix", f"AI: fix “{message[:60]}”", path, span.start, span.end, message)
        for span, message in diagnostics
    ]
    if end > start:
        offers.append(ActionOffer("refactor", "AI: refactor the selection", path, start, end))
    found = _innermost(snap, path, start)
    if found is None:
        if end > start:
            offers.append(ActionOffer("explain", "AI: explain the selection", path, start, end))
        return offers
    index, symbol = found
    span = symbol.span
    offers.append(ActionOffer("explain", f"AI: explain {symbol.name}", path, span.start, span.end))
    if not symbol.doc:
        offers.append(
            ActionOffer("docstring", f"AI: add a docstring to {symbol.name}", path, *span)
        )
    if sync is not None and sync.snapshot is not None:
        key = symbol_keys(entry.facts)[index]
        if _test_file(sync, key) is not None:
            offers.append(ActionOffer("tests", f"AI: write tests for {symbol.name}", path, *span))
        if symbol.kind.is_callable and _call_sites(sync, key):
            offers.append(
                ActionOffer("callers", f"AI: update the callers of {symbol.name}", path, *span)
            )
    return offers


def _call_sites(sync: GraphSync, key: str) -> list[tuple[str, Span]]:
    """Where ``key`` is called (path, span of the call's name), at most ``MAX_CALLER_SITES``."""
    sites = []
    for _, edge in sync.graph.in_edges(key):
        if edge.kind != EdgeKind.CALLS:
            continue
        site = sync.site(edge)
        if site is not None:
            sites.append(site)
        if len(sites) >= MAX_CALLER_SITES:
            break
    return sites


def _test_file(sync: GraphSync, key: str) -> str | None:
    """The file of the nearest test that reaches ``key`` (where new tests go)."""
    from hive_ls.features.test_selection import tests_for_keys

    hits = tests_for_keys(sync, [key])
    return hits[0].item.path if hits else None


def make_task(
    sync: GraphSync, snap: Snapshot, offer: ActionOffer, instruction: str = "",
    recent: Sequence[str] = (), similar: Callable[[str], list[str]] | None = None,
) -> Task:  # fmt: skip
    """The pipeline's task for ``offer``: region, scope, instruction and context.

    ``similar(text)`` gives the keys of code like ``text`` (semantic search, when embeddings
    exist); they join the context after the graph's neighbours.
    """
    entry = snap.entry(offer.path)
    if entry is None:
        raise LookupError(f"{offer.path} is not in the workspace any more")
    data = entry.data
    start, end = offer.start, min(offer.end, len(data))
    found = _innermost(snap, offer.path, start)
    name = found[1].name if found else "this code"
    if found is not None and (offer.kind == "fix" or end <= start):
        start, end = found[1].span.start, found[1].span.end  # the whole definition
    path = offer.path
    scope: tuple[tuple[str, int, int], ...] = ((path, start, end),)
    if offer.kind == "tests" and found is not None:
        key = symbol_keys(entry.facts)[found[0]]
        test_path = _test_file(sync, key)
        test_entry = snap.entry(test_path) if test_path else None
        if test_entry is None:
            raise LookupError(f"no test file reaches {name}: nowhere to add tests")
        path, start, end = test_path or "", len(test_entry.data), len(test_entry.data)
        scope = ((path, start, end),)
        data = test_entry.data
    elif offer.kind == "callers" and found is not None:
        key = symbol_keys(entry.facts)[found[0]]
        sites = [(p, s.start, s.end) for p, s in _call_sites(sync, key)]
        scope = (*scope, *(_call_statement(snap, p, a) for p, a, _ in sites))
    context = build_context(
        sync, snap, offer.path, offer.start, CONTEXT_BUDGET, recent, similar
    ).render()
    text = instruction or _INSTRUCTIONS.get(offer.kind, "").format(
        diagnostic=offer.diagnostic, name=name
    )
    return Task(
        kind=offer.kind if offer.kind in _INSTRUCTIONS else "ask",
        instruction=text,
        path=path,
        language=(snap.entry(path) or entry).facts.language,
        region=data[start:end].decode("utf-8", "replace"),
        start=start,
        end=end,
        context=context,
        scope=scope,
        diagnostic=offer.diagnostic,
    )


def _call_statement(snap: Snapshot, path: str, offset: int) -> tuple[str, int, int]:
    """The line holding a call (the part of a caller an update may rewrite)."""
    entry = snap.entry(path)
    if entry is None:
        return path, offset, offset
    data = entry.data
    start = data.rfind(b"\n", 0, offset) + 1
    end = data.find(b"\n", offset)
    return path, start, len(data) if end < 0 else end


def run_task(
    router: ModelRouter,
    config: LlmConfig,
    sync: GraphSync,
    snap: Snapshot,
    task: Task,
    progress: Callable[[str, str], None] | None = None,
    cancel: threading.Event | None = None,
) -> Outcome:
    """Run the pipeline on ``task``; every candidate is checked against the parser and graph."""

    def check(candidate: Candidate) -> Verdict:
        return check_edits(
            sync, snap, task, candidate.edits, config.run_tests, config.test_timeout_s
        )

    return Pipeline(router, config).run(task, check, progress=progress, cancel=cancel)


def affected(sync: GraphSync, snap: Snapshot, path: str, offset: int, limit: int = 8) -> list[str]:
    """The qualified names of what depends on the definition at ``offset`` (for descriptions)."""
    entry = snap.entry(path)
    found = _innermost(snap, path, offset)
    if entry is None or found is None or sync.snapshot is None:
        return []
    key = symbol_keys(entry.facts)[found[0]]
    report = impact(sync, key, 2, "up", False)
    return [d.item.qname for d in report.dependents[:limit]]
