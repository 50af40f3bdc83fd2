"""Resolution tests as data: one multi-file fixture per case, the answers written beside it.

Each file of ``tests/resolution/cases/<language>/`` is one case::

    # one sentence: what the case shows
    --- pkg/__init__.py
    from .misc import *
    --- app.py
    import pkg
    pkg.hel<|>per()
    === definition
    pkg/misc.py:2
    === callers
    app

``--- PATH`` starts a file of the workspace, ``<|>`` marks the cursor (in one file), and each
``=== QUESTION`` lists the expected answer, one item a line (an empty section: no answer):

- ``definition``: where go-to-definition leads (``path:line``);
- ``references``: every reference, declaration included (``path:line``);
- ``callers``: the items of the incoming calls (qualified names);
- ``dependents``: what ``impact --depth 1`` names (qualified names; ``?`` after a guess);
- ``exact``: ``yes`` when the name at the cursor resolves without guessing, else ``no``;
- ``errors``: the syntax errors of the cursor's file (``path:line``).

A case changes only its own test, as ty's ``CursorTest`` and rust-analyzer's fixtures do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.analysis.host import AnalysisHost
from hive_ls.analysis.indexer import Indexed, IndexState, index_files, plan
from hive_ls.analysis.resolve import Resolver
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.lines import LineIndex
from hive_ls.base.settings import IndexSettings, Settings, StoreSettings
from hive_ls.features.call_hierarchy import incoming_calls
from hive_ls.features.graph_lookup import key_at
from hive_ls.features.impact import impact
from hive_ls.features.navigate import definition
from hive_ls.features.references import references
from hive_ls.features.results import Location
from hive_ls.parse.registry import default_registry

CASES = sorted((Path(__file__).parent / "cases").glob("*/*.txt"))
CURSOR = "<|>"
QUESTIONS = ("definition", "references", "callers", "dependents", "exact", "errors")


def parse_case(text: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The files of a case (path -> text, cursor kept) and its expected answers."""
    files: dict[str, list[str]] = {}
    expected: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.split("\n"):
        if line.startswith("--- "):
            current = files.setdefault(line[4:].strip(), [])
        elif line.startswith("=== "):
            question = line[4:].strip()
            if question not in QUESTIONS:
                raise ValueError(f"unknown question {question!r}; ask one of {QUESTIONS}")
            current = expected.setdefault(question, [])
        elif current is not None:
            current.append(line)
        elif line.strip() and not line.startswith("#"):
            raise ValueError(f"text before the first file: {line!r}")
    answers = {q: [x.strip() for x in lines if x.strip()] for q, lines in expected.items()}
    return {path: "\n".join(lines).rstrip("\n") + "\n" for path, lines in files.items()}, answers


def _index(root: Path) -> tuple[GraphSync, Snapshot]:
    """The workspace indexed in this process (no store: a case is small) and its graph."""
    settings = Settings(index=IndexSettings(workers=1), store=StoreSettings(enabled=False))
    host = AnalysisHost(default_registry(), settings)
    host.set_roots([str(root)])
    todo = plan([(str(root), "")], host.rules, settings.index, host.registry)
    for batch in index_files(todo, settings.index):
        host.add_indexed([r for r in batch if isinstance(r, Indexed)])
    host.set_index_state(IndexState(len(todo.files), len(todo.files), True))
    snap = host.snapshot()
    host.graph.sync(snap)
    return host.graph, snap


def _lines(snap: Snapshot, locations: list[Location]) -> list[str]:
    rows = set()
    for loc in locations:
        entry = snap.files[loc.path]
        line, _ = LineIndex(entry.data).position(loc.span.start)
        rows.add(f"{entry.relpath}:{line + 1}")
    return sorted(rows)


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case(case: Path, tmp_path: Path) -> None:
    files, expected = parse_case(case.read_text(encoding="utf-8"))
    assert expected, f"{case} asks nothing"
    cursor: tuple[str, int] | None = None
    for relpath, text in files.items():
        data = text.encode("utf-8")
        if CURSOR.encode() in data:
            cursor = (relpath, data.index(CURSOR.encode()))
            data = data.replace(CURSOR.encode(), b"", 1)
        target = tmp_path / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    assert cursor is not None, f"{case} has no {CURSOR} cursor"
    sync, snap = _index(tmp_path)
    path = next(p for p, e in snap.files.items() if e.relpath == cursor[0])
    offset = cursor[1]
    got: dict[str, list[str]] = {}
    if "definition" in expected:
        got["definition"] = _lines(snap, definition(snap, path, offset))
    if "references" in expected:
        got["references"] = _lines(snap, references(snap, path, offset))
    if "errors" in expected:
        entry = snap.files[path]
        got["errors"] = sorted(
            f"{entry.relpath}:{LineIndex(entry.data).position(e.span.start)[0] + 1}"
            for e in entry.facts.errors
        )
    if "exact" in expected:
        _, resolution = Resolver(snap).at(snap.files[path], offset)
        got["exact"] = ["yes" if resolution.exact else "no"]
    key = key_at(sync, path, offset, enclosing=False)
    if "callers" in expected:
        got["callers"] = sorted(
            link.item.qname for link in (incoming_calls(sync, key) if key else [])
        )
    if "dependents" in expected:
        report = impact(sync, key, depth=1) if key else None
        got["dependents"] = sorted(
            d.item.qname + ("?" if d.guess else "") for d in (report.dependents if report else ())
        )
    want = {q: sorted(v) for q, v in expected.items()}
    assert got == want, f"{case.name}: answers differ"
