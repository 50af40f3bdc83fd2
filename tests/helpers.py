"""Helpers shared by the tests: fixture paths and positions found by searching fixture text."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lsprotocol import types as lsp

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.analysis.host import AnalysisHost
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.cli.workspace import index_folder

FIXTURES = Path(__file__).parent / "fixtures"


def uri(path: Path) -> str:
    """The file URI of ``path``."""
    return path.resolve().as_uri()


def position(text: str, needle: str, nth: int = 0, shift: int = 0) -> lsp.Position:
    """The UTF-16 position of the ``nth`` occurrence of ``needle`` in ``text``, plus ``shift``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    at += shift
    line = text.count("\n", 0, at)
    start = text.rfind("\n", 0, at) + 1
    return lsp.Position(line, len(text[start:at].encode("utf-16-le")) // 2)


def where(path: Path, needle: str, nth: int = 0, shift: int = 0) -> tuple[str, lsp.Position]:
    """URI and position of ``needle`` in the file at ``path``."""
    return uri(path), position(path.read_text(encoding="utf-8"), needle, nth, shift)


def spots(locations: list[lsp.Location] | None) -> list[tuple[str, int, int]]:
    """Locations as sorted ``(file name, line, character)`` triples, easy to compare."""
    return sorted(
        (
            Path(loc.uri.removeprefix("file://")).name,
            loc.range.start.line,
            loc.range.start.character,
        )
        for loc in locations or []
    )


def indexed(root: Path) -> tuple[AnalysisHost, GraphSync, Snapshot]:
    """``root`` indexed in this process with its dependence graph built."""
    host, _ = index_folder(str(root), show_progress=False)
    snap = host.snapshot()
    host.graph.sync(snap)
    return host, host.graph, snap


@cache
def indexed_pyshop() -> tuple[AnalysisHost, GraphSync, Snapshot]:
    """The Python fixture, indexed once per test session (read-only: do not change it)."""
    return indexed(FIXTURES / "pyshop")


def path_of(snap: Snapshot, tail: str) -> str:
    """The indexed path ending with ``tail``."""
    return next(p for p in snap.files if p.endswith(tail))
