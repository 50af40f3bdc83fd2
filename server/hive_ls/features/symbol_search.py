"""Workspace symbol search: fuzzy matching of names, ranked so that the likely one comes first."""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections.abc import Iterator

from hive_ls.analysis.cancel import NEVER, CancelToken
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import Symbol, SymbolKind
from hive_ls.features.results import Location, SymbolMatch

DEFAULT_LIMIT = 200
_KIND_BONUS = {
    SymbolKind.CLASS: 3,
    SymbolKind.INTERFACE: 3,
    SymbolKind.STRUCT: 3,
    SymbolKind.FUNCTION: 2,
    SymbolKind.METHOD: 1,
    SymbolKind.TRAIT: 3,
    SymbolKind.ENUM: 2,
    SymbolKind.TYPE: 2,
}
_WORD_START = re.compile(r"(?:^|_|(?<=[a-z0-9])(?=[A-Z]))([A-Za-z0-9])")


def _initials(name: str) -> str:
    return "".join(m.group(1) for m in _WORD_START.finditer(name)).lower()


def score(query: str, name: str) -> float:
    """How well ``name`` matches ``query`` (0: not at all); exact beats prefix beats fuzzy."""
    if not query:
        return 1.0
    lower, q = name.lower(), query.lower()
    if name == query:
        return 100.0
    if lower == q:
        return 95.0
    if name.startswith(query):
        return 90.0 - len(name) / 100
    if lower.startswith(q):
        return 85.0 - len(name) / 100
    if _initials(name).startswith(q):
        return 75.0 - len(name) / 100
    at = lower.find(q)
    if at >= 0:
        word_start = at == 0 or not lower[at - 1].isalnum() or name[at].isupper()
        return (70.0 if word_start else 60.0) - at / 10 - len(name) / 100
    # subsequence: fewer and shorter gaps score higher
    position, gaps, last = 0, 0, -1
    for char in q:
        found = lower.find(char, position)
        if found < 0:
            return 0.0
        if last >= 0 and found != last + 1:
            gaps += 1
        last, position = found, found + 1
    return max(1.0, 40.0 - 4 * gaps - len(name) / 100)


def _candidates(
    snap: Snapshot, query: str, cancel: CancelToken
) -> Iterator[tuple[str, int, Symbol]]:
    """Symbols whose simple name holds the query's characters in order.

    One regex per file over its names joined by newlines (kept with the file's facts); the
    pattern cannot backtrack across lines, and a file that cannot match is skipped at C speed.
    """
    pattern = re.compile(
        "^[^\n]*?" + "[^\n]*?".join(re.escape(c) for c in query), re.IGNORECASE | re.MULTILINE
    )
    for path, entry in snap.files.items():
        cancel.check()
        facts = entry.facts
        blob, starts = facts.name_blob
        if not blob:
            continue
        for match in pattern.finditer(blob):
            index = bisect_right(starts, match.start()) - 1
            yield path, index, facts.symbols[index]


def search_symbols(
    snap: Snapshot, query: str, limit: int = DEFAULT_LIMIT, cancel: CancelToken = NEVER
) -> list[SymbolMatch]:
    """The best ``limit`` symbols for ``query``.

    A query with dots (``Cart.add``) matches its last part against names and the rest against
    the enclosing names, so ``Model.save`` finds ``django.db.models.base.Model.save``.
    """
    query = query.strip()
    owner, _, last = query.rpartition(".")
    if not query:
        items: Iterator[tuple[str, int, Symbol]] = (
            (path, i, s)
            for path, e in snap.files.items()
            for i, s in enumerate(e.facts.symbols)
            if s.parent < 0 and s.kind.is_type
        )
    else:
        items = _candidates(snap, last or query, cancel)
    found: list[SymbolMatch] = []
    for path, _, sym in items:
        value = score(last, sym.name) if query else 1.0
        container = sym.qname.rsplit(".", 1)[0] if "." in sym.qname else ""
        if owner:
            inside = container.rsplit(".", owner.count(".") + 1)
            fit = score(owner, ".".join(inside[1:]) if len(inside) > 1 else container)
            if fit <= 0:
                continue
            value = (value + fit) / 2
        if value <= 0:
            continue
        value += _KIND_BONUS.get(sym.kind, 0) / 10
        found.append(
            SymbolMatch(
                sym.name, sym.kind, sym.qname, container, Location(path, sym.name_span), value
            )
        )
    return heapq.nsmallest(
        limit,
        found,
        key=lambda m: (-m.score, len(m.qname), m.location.path, m.location.span.start),
    )
