"""A file's outline: its symbols nested as in the source (``textDocument/documentSymbol``)."""

from __future__ import annotations

from hive_ls.analysis.snapshot import Snapshot
from hive_ls.features.lookup import require
from hive_ls.features.results import OutlineItem


def outline(snap: Snapshot, path: str) -> list[OutlineItem]:
    """The symbols of ``path`` as a tree (built bottom-up: no recursion, any nesting depth)."""
    facts = require(snap, path).facts
    children: dict[int, list[int]] = {}
    for index, sym in enumerate(facts.symbols):
        children.setdefault(sym.parent, []).append(index)
    built: dict[int, OutlineItem] = {}
    for index in range(len(facts.symbols) - 1, -1, -1):  # a parent precedes its children
        sym = facts.symbols[index]
        span = sym.span if sym.span.encloses(sym.name_span) else sym.name_span
        kids = tuple(built.pop(k) for k in children.get(index, ()) if k in built)
        built[index] = OutlineItem(sym.name, sym.kind, sym.signature, span, sym.name_span, kids)
    return [built[index] for index in children.get(-1, []) if index in built]
