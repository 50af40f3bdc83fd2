"""Resolution tests without a server: index a fixture folder, then ask by searching its text.

Results are ``"relpath:line:column"`` strings (1-based, as compilers print them), so a test
reads like the answer a person expects.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.lines import LineIndex
from hive_ls.cli.workspace import index_folder
from hive_ls.features.navigate import definition
from hive_ls.features.references import references
from hive_ls.features.results import Location


@cache
def load(root: Path) -> Snapshot:
    """The snapshot of a fixture folder, indexed once per test run."""
    host, _ = index_folder(str(root), show_progress=False)
    return host.snapshot()


def offset(
    snap: Snapshot, relpath: str, needle: str, nth: int = 0, shift: int = 0
) -> tuple[str, int]:
    """Path and byte offset of the ``nth`` ``needle`` in ``relpath``, plus ``shift``."""
    path = next(p for p, e in snap.files.items() if e.relpath == relpath)
    data = snap.files[path].data
    at = -1
    for _ in range(nth + 1):
        at = data.index(needle.encode(), at + 1)
    return path, at + shift


def _show(snap: Snapshot, locs: list[Location]) -> list[str]:
    """Locations as ``relpath:line:column``, in file then line order."""
    rows = []
    for loc in locs:
        entry = snap.files[loc.path]
        line, column = LineIndex(entry.data).position(loc.span.start)
        rows.append((entry.relpath, line + 1, column + 1))
    return [f"{path}:{line}:{column}" for path, line, column in sorted(rows)]


def defs(snap: Snapshot, relpath: str, needle: str, nth: int = 0, shift: int = 0) -> list[str]:
    """Where go-to-definition on ``needle`` (its ``nth`` occurrence, plus ``shift``) leads."""
    path, at = offset(snap, relpath, needle, nth, shift)
    return _show(snap, definition(snap, path, at))


def refs(
    snap: Snapshot,
    relpath: str,
    needle: str,
    nth: int = 0,
    shift: int = 0,
    declaration: bool = True,
) -> list[str]:
    """Every reference to what ``needle`` refers to."""
    path, at = offset(snap, relpath, needle, nth, shift)
    return _show(snap, references(snap, path, at, declaration))
