"""Test selection: the tests to run for a definition, a set of files, or a git diff."""

from __future__ import annotations

import os

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.analysis.snapshot import SymbolRef
from hive_ls.base.facts import Symbol
from hive_ls.features.graph_lookup import graph_snapshot
from hive_ls.features.impact import tests_reaching
from hive_ls.features.results import TestHit
from hive_ls.graph.model import module_key
from hive_ls.vfs.git import changed_lines


def tests_for_keys(sync: GraphSync, keys: list[str], guesses: bool = True) -> list[TestHit]:
    """The tests reaching any of the given nodes, nearest first."""
    return tests_reaching(sync, keys, guesses)


def changed_keys(sync: GraphSync, changes: dict[str, list[tuple[int, int]] | None]) -> list[str]:
    """The nodes touched by changed lines.

    Per file, 1-based line ranges, or None for the whole file. A file that is gone stands for
    what depended on its module.
    """
    snap = graph_snapshot(sync)
    keys: list[str] = []
    for path, ranges in changes.items():
        keys.append(module_key(path))
        entry = snap.entry(path)
        if entry is None:
            continue
        spans = [(0, len(entry.data))] if not ranges else _line_spans(entry.data, ranges)
        keys.extend(
            key
            for index in _innermost_touched(entry.facts.symbols, spans)
            if (key := sync.key_of(SymbolRef(path, index))) is not None
        )
    return list(dict.fromkeys(keys))


def _line_spans(data: bytes, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Byte spans of 1-based line ranges, without their leading and trailing white space."""
    starts = [0]
    for text in data.split(b"\n"):
        starts.append(starts[-1] + len(text) + 1)
    lines = len(starts) - 1
    spans = []
    for first, last in ranges:
        start = starts[min(max(first, 1), lines) - 1]
        end = min(starts[min(max(last, first, 1), lines)], len(data))
        while start < end and data[start] in b" \t\r\n":
            start += 1
        while end > start and data[end - 1] in b" \t\r\n":
            end -= 1
        spans.append((start, end))
    return spans


def _innermost_touched(symbols: tuple[Symbol, ...], spans: list[tuple[int, int]]) -> list[int]:
    """The symbols a change touches, leaving out those it only touches inside one member.

    A changed line in a method selects the method, not its whole class; a change that
    reaches the class's own lines (or spans two members) selects the class too.
    """
    children: dict[int, list[Symbol]] = {}
    for sym in symbols:
        if sym.parent >= 0:
            children.setdefault(sym.parent, []).append(sym)
    touched = []
    for index, sym in enumerate(symbols):
        for start, end in spans:
            if start == end:  # a blank or deleted line: the symbols around it
                hit = sym.span.start <= start < sym.span.end
            else:
                hit = sym.span.start < end and start < sym.span.end
            if hit and not any(
                c.span.start <= start and end <= c.span.end for c in children.get(index, ())
            ):
                touched.append(index)
                break
    return touched


def tests_for_files(sync: GraphSync, paths: list[str], guesses: bool = True) -> list[TestHit]:
    """The tests reaching anything in the given files."""
    return tests_reaching(sync, changed_keys(sync, dict.fromkeys(paths)), guesses)


def tests_for_diff(
    sync: GraphSync, root: str, revision: str, guesses: bool = True
) -> list[TestHit]:
    """The tests reaching anything changed since ``revision`` (``git diff``) under ``root``."""
    changes = changed_lines(root, revision)  # relative to root
    top = os.path.realpath(root)
    absolute: dict[str, list[tuple[int, int]] | None] = {
        os.path.join(top, rel): ranges or None for rel, ranges in changes.items()
    }
    return tests_reaching(sync, changed_keys(sync, absolute), guesses)
