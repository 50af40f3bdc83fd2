"""A file's outline: its symbols nested as in the source (``textDocument/documentSymbol``)."""

from __future__ import annotations

from hive_ls.analysis.snapshot import Snapshot
from hive_ls.features.lookup import require
from hive_ls.features.results import OutlineItem

MAX_DEPTH = 32  # deeper symbols are listed under their ancestor at this depth


def outline(snap: Snapshot, path: str) -> list[OutlineItem]:
    """The symbols of ``path`` as a tree, at most ``MAX_DEPTH`` levels deep.

    Built bottom-up without recursion; symbols nested deeper than any editor can show are
    flattened into their ancestor at the deepest level.
    """
    facts = require(snap, path).facts
    depth: list[int] = []
    anchor: list[int] = []  # the parent each symbol is listed under
    children: dict[int, list[int]] = {}
    for index, sym in enumerate(facts.symbols):
        parent = sym.parent
        level = depth[parent] + 1 if parent >= 0 else 0
        if level >= MAX_DEPTH:
            parent, level = anchor[parent], MAX_DEPTH
        depth.append(level)
        anchor.append(parent)
        children.setdefault(parent, []).append(index)
    built: dict[int, OutlineItem] = {}
    for index in range(len(facts.symbols) - 1, -1, -1):  # a parent precedes its children
        sym = facts.symbols[index]
        span = sym.span if sym.span.encloses(sym.name_span) else sym.name_span
        kids = tuple(built.pop(k) for k in children.get(index, ()) if k in built)
        built[index] = OutlineItem(sym.name, sym.kind, sym.signature, span, sym.name_span, kids)
    return [built[index] for index in children.get(-1, []) if index in built]
