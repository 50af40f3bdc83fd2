"""Test selection: the tests to run for a definition, a set of files, or a git diff."""

from __future__ import annotations

import os

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.analysis.snapshot import SymbolRef
from hive_ls.features.graph_lookup import graph_snapshot
from hive_ls.features.impact import tests_reaching
from hive_ls.features.results import TestHit
from hive_ls.graph.model import module_key
from hive_ls.vfs.git import changed_lines


def tests_for_keys(sync: GraphSync, keys: list[str]) -> list[TestHit]:
    """The tests reaching any of the given nodes, nearest first."""
    return tests_reaching(sync, keys)


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
        lines = entry.data.split(b"\n")
        starts = [0]
        for text in lines:
            starts.append(starts[-1] + len(text) + 1)
        spans = (
            [(0, len(entry.data))]
            if not ranges
            else [
                (
                    starts[max(a, 1) - 1],
                    starts[min(b, len(lines))] if b <= len(lines) else starts[-1],
                )
                for a, b in ranges
            ]
        )
        for index, sym in enumerate(entry.facts.symbols):
            if any(sym.span.start < end and start < sym.span.end for start, end in spans):
                key = sync.key_of(SymbolRef(path, index))
                if key is not None:
                    keys.append(key)
    return list(dict.fromkeys(keys))


def tests_for_files(sync: GraphSync, paths: list[str]) -> list[TestHit]:
    """The tests reaching anything in the given files."""
    return tests_reaching(sync, changed_keys(sync, dict.fromkeys(paths)))


def tests_for_diff(sync: GraphSync, root: str, revision: str) -> list[TestHit]:
    """The tests reaching anything changed since ``revision`` (``git diff``) under ``root``."""
    changes = changed_lines(root, revision)
    top = os.path.realpath(root)
    absolute: dict[str, list[tuple[int, int]] | None] = {
        os.path.join(top, rel): ranges or None for rel, ranges in changes.items()
    }
    return tests_reaching(sync, changed_keys(sync, absolute))
