"""Workspace symbol search: fuzzy matching of names, ranked so that the likely one comes first."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from hive_ls.analysis.cancel import NEVER, CancelToken
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import FileFacts, Symbol, SymbolKind
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


def _blob(facts: FileFacts, qualified: bool) -> tuple[str, list[int]]:
    names = [s.qname if qualified else s.name for s in facts.symbols]
    starts, total = [], 0
    for name in names:
        starts.append(total)
        total += len(name) + 1
    return "\n".join(names), starts


def _candidates(
    snap: Snapshot, query: str, qualified: bool, cancel: CancelToken
) -> Iterator[tuple[str, int, Symbol]]:
    """Symbols whose name holds the query's characters in order (found by one regex per file)."""
    pattern = re.compile(
        "^[^\n]*?" + "[^\n]*?".join(re.escape(c) for c in query), re.IGNORECASE | re.MULTILINE
    )
    for path, entry in snap.files.items():
        cancel.check()
        facts = entry.facts
        if not facts.symbols:
            continue
        blob, starts = _blob(facts, qualified)
        for match in pattern.finditer(blob):
            index = bisect_right(starts, match.start()) - 1
            yield path, index, facts.symbols[index]


def search_symbols(
    snap: Snapshot, query: str, limit: int = DEFAULT_LIMIT, cancel: CancelToken = NEVER
) -> list[SymbolMatch]:
    """The best ``limit`` symbols for ``query``; a query with a dot matches qualified names."""
    query = query.strip()
    qualified = "." in query
    found: list[SymbolMatch] = []
    if not query:
        items: Iterator[tuple[str, int, Symbol]] = (
            (path, i, s)
            for path, e in snap.files.items()
            for i, s in enumerate(e.facts.symbols)
            if s.parent < 0 and s.kind.is_type
        )
    else:
        items = _candidates(snap, query, qualified, cancel)
    for path, _, sym in items:
        text = sym.qname if qualified else sym.name
        value = score(query, text)
        if qualified:  # "Cart.add" should match "shop.orders.Cart.add" exactly
            value = max(value, score(query, text[-len(query) :]))
        if value <= 0:
            continue
        value += _KIND_BONUS.get(sym.kind, 0) / 10
        container = sym.qname.rsplit(".", 1)[0] if "." in sym.qname else ""
        found.append(
            SymbolMatch(
                sym.name, sym.kind, sym.qname, container, Location(path, sym.name_span), value
            )
        )
    found.sort(key=lambda m: (-m.score, len(m.qname), m.location.path, m.location.span.start))
    return found[:limit]
