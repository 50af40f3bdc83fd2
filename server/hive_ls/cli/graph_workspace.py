"""Loading a folder's dependence graph and naming places in it for the graph commands."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.base.lines import LineIndex
from hive_ls.cli.workspace import UsageError, index_folder
from hive_ls.features.graph_lookup import (
    GraphNotReady,
    NoSuchTarget,
    graph_snapshot,
    key_at_line,
    key_for_qname,
)
from hive_ls.features.results import GraphItem, UnknownFile
from hive_ls.vfs.git import GitError

_FILE_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+)$")


@dataclass(frozen=True)
class Workspace:
    """An indexed folder (its real path) and the dependence graph built from it."""

    root: str
    sync: GraphSync


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn lookups that found nothing and git failures into usage errors (exit code 2)."""
    try:
        yield
    except (NoSuchTarget, UnknownFile, GraphNotReady, GitError) as exc:
        raise UsageError(str(exc)) from exc


def load(root: str, show_progress: bool, trust: bool = False) -> Workspace:
    """Index ``root`` and build its dependence graph (``trust``: the user trusts it)."""
    host, report = index_folder(root, show_progress=show_progress, graph=True, trust=trust)
    for problem in report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if host.graph.snapshot is not host.snapshot():
        host.graph.sync(host.snapshot())
    return Workspace(os.path.realpath(root), host.graph)


def file_path(space: Workspace, name: str) -> str:
    """The indexed path of a file named relative to the root, to the current folder, or absolutely.

    Raises UsageError for a file that does not exist.
    """
    candidates = [name] if os.path.isabs(name) else [os.path.join(space.root, name), name]
    for candidate in candidates:
        if os.path.exists(candidate):
            return os.path.realpath(candidate)
    raise UsageError(f"no such file: {name} (give it relative to {space.root} or absolutely)")


def target_key(space: Workspace, target: str) -> str:
    """The node a command line target names: ``file:line`` (1-based) or a qualified name."""
    match = _FILE_LINE.match(target)
    if match is None:
        return key_for_qname(space.sync, target)
    path = file_path(space, match["file"])
    return key_at_line(space.sync, path, int(match["line"]))


def place(space: Workspace, found: GraphItem) -> tuple[str, int]:
    """Where an item is defined: its path relative to the root and its 1-based line."""
    entry = graph_snapshot(space.sync).entry(found.path)
    if entry is None:
        return found.path, 0
    line, _ = LineIndex(entry.data).position(found.selection.start)
    return entry.relpath, line + 1


def module_of(space: Workspace, found: GraphItem) -> str:
    """The module (dotted) name of the file an item is defined in; empty if unknown."""
    entry = graph_snapshot(space.sync).entry(found.path)
    return entry.facts.module if entry is not None else ""
