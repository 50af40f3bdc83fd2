"""Code lenses over functions and types: how many callers and tests reach them."""

from __future__ import annotations

from dataclasses import dataclass

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.analysis.snapshot import SymbolRef
from hive_ls.base.facts import SymbolKind
from hive_ls.base.span import Span
from hive_ls.features.graph_lookup import graph_snapshot
from hive_ls.features.impact import tests_reaching
from hive_ls.features.lookup import require
from hive_ls.graph.model import EdgeKind


@dataclass(frozen=True)
class Lens:
    """A lens: over which name, for which node, and (once resolved) its title."""

    span: Span
    key: str
    callers: int = -1
    tests: int = -1

    @property
    def title(self) -> str:
        """``7 callers · 3 tests`` (singular where one)."""
        calls = f"{self.callers} caller{'' if self.callers == 1 else 's'}"
        tests = f"{self.tests} test{'' if self.tests == 1 else 's'}"
        return f"{calls} · {tests}"


def lenses(sync: GraphSync, path: str) -> list[Lens]:
    """One unresolved lens per function, method and type of a file (cheap: no counting)."""
    snap = graph_snapshot(sync)
    entry = require(snap, path)
    found = []
    for index, sym in enumerate(entry.facts.symbols):
        if sym.kind.is_callable or sym.kind.is_type or sym.kind is SymbolKind.CONSTRUCTOR:
            key = sync.key_of(SymbolRef(path, index))
            if key is not None:
                found.append(Lens(sym.name_span, key))
    return found


def resolve_lens(sync: GraphSync, lens: Lens) -> Lens:
    """The lens with its counts: distinct callers (not guesses) and tests reaching it."""
    callers = {
        node.key
        for node, edge in sync.graph.in_edges(lens.key)
        if edge.kind in (EdgeKind.CALLS, EdgeKind.REFERENCES, EdgeKind.INHERITS) and not edge.guess
    }
    return Lens(lens.span, lens.key, len(callers), len(tests_reaching(sync, [lens.key])))
