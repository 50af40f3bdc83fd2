"""The ``impact``, ``tests-for`` and ``hotspots`` commands over a folder's dependence graph."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from hive_ls.cli.graph_workspace import (
    file_path,
    load,
    place,
    target_key,
    user_errors,
)
from hive_ls.cli.impact_view import ImpactView, build_view, test_json, test_row, view_json
from hive_ls.cli.render import dot, mermaid
from hive_ls.cli.render_html import html_page
from hive_ls.cli.workspace import UsageError
from hive_ls.features.hotspots import hotspots
from hive_ls.features.impact import impact
from hive_ls.features.test_selection import (
    tests_for_diff,
    tests_for_files,
    tests_for_keys,
)


def _table(rows: list[list[str]], indent: str = "  ") -> list[str]:
    """Rows as left-aligned columns (the last column is not padded)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [
        indent + "  ".join([*(row[i].ljust(w) for i, w in enumerate(widths)), row[-1]]).rstrip()
        for row in rows
    ]


def _impact_text(view: ImpactView) -> str:
    target = view.target
    way = "dependents" if view.direction == "up" else "dependencies"
    count = len(view.nodes) - 1
    lines = [
        f"{target.qname} ({target.kind}, {target.where}): {count} {way} within depth {view.depth}"
    ]
    if count:
        rows = [["dist", "via", "kind", "definition", "where", "reason"]]
        for node in view.nodes[1:]:
            via = node.via + ("?" if node.guess else "")
            reason = " -> ".join(node.reason)
            rows.append([str(node.distance), via, node.kind, node.qname, node.where, reason])
        lines.extend(_table(rows))
        if any(node.guess for node in view.nodes):
            lines.append("  (? = reached through a guess: a call on a value of unknown type)")
    if view.truncated:
        lines.append(f"  (showing the nearest {len(view.nodes) - 1} of {view.total} or more)")
    if view.direction == "up":
        lines.append(_tests_heading(len(view.tests), "it"))
        lines.extend(_test_lines([(r.test_id, r.distance, r.reason) for r in view.tests]))
    return "\n".join(lines)


def _tests_heading(count: int, what: str) -> str:
    if not count:
        return f"no test reaches {what}"
    return f"{count} test{'s' if count != 1 else ''} reach{'es' if count == 1 else ''} {what}:"


def _test_lines(tests: Sequence[tuple[str, int, tuple[str, ...]]]) -> list[str]:
    if not tests:
        return []
    rows = [[test_id, f"distance {d}", " -> ".join(reason)] for test_id, d, reason in tests]
    return _table(rows)


def run_impact(
    root: str,
    target: str,
    depth: int,
    direction: str,
    data_flow: bool,
    fmt: str,
    trust: bool = False,
    guesses: bool = True,
) -> int:
    """Print what depends on ``target`` (or what it depends on) in the chosen format."""
    if depth < 1:
        raise UsageError("--depth must be at least 1")
    space = load(root, show_progress=fmt == "text", trust=trust)
    with user_errors():
        key = target_key(space, target)
        report = impact(space.sync, key, depth, direction, data_flow, guesses)
        view = build_view(space, report, data_flow)
    if fmt == "json":
        print(json.dumps(view_json(view), indent=2))
    elif fmt == "mermaid":
        sys.stdout.write(mermaid(view))
    elif fmt == "dot":
        sys.stdout.write(dot(view))
    elif fmt == "html":
        sys.stdout.write(html_page(view))
    else:
        print(_impact_text(view))
    return 0


def run_tests_for(
    root: str,
    symbol: str | None,
    files: list[str] | None,
    revision: str | None,
    fmt: str,
    trust: bool = False,
    guesses: bool = True,
) -> int:
    """Print the tests to run for a symbol, some files or a git diff (``?``: via a guess)."""
    space = load(root, show_progress=fmt == "text", trust=trust)
    with user_errors():
        if symbol is not None:
            hits = tests_for_keys(space.sync, [target_key(space, symbol)], guesses)
            what = symbol
        elif files is not None:
            paths = [file_path(space, name) for name in files]
            hits, what = tests_for_files(space.sync, paths, guesses), "these files"
        else:
            assert revision is not None
            hits = tests_for_diff(space.sync, space.root, revision, guesses)
            what = f"the changes since {revision}"
        rows = [test_row(space, hit) for hit in hits]
    if fmt == "pytest":
        for row in rows:
            print(row.test_id)
    elif fmt == "json":
        print(json.dumps([test_json(row) for row in rows], indent=2))
    else:
        print(_tests_heading(len(rows), what))
        shown = [(r.test_id + ("?" if r.guess else ""), r.distance, r.reason) for r in rows]
        for line in _test_lines(shown):
            print(line)
        if any(r.guess for r in rows):
            print("  (? = reached through a guess: a call on a value of unknown type)")
    return 0


def run_hotspots(root: str, limit: int, fmt: str, trust: bool = False) -> int:
    """Print the most central, most depended-on definitions."""
    if limit < 1:
        raise UsageError("--limit must be at least 1")
    space = load(root, show_progress=fmt == "text", trust=trust)
    with user_errors():
        found = [(spot, *place(space, spot.item)) for spot in hotspots(space.sync, limit)]
    if fmt == "json":
        rows = [
            {
                "name": spot.item.name,
                "qualified_name": spot.item.qname,
                "kind": spot.item.kind,
                "path": path,
                "line": line,
                "rank": round(spot.rank, 6),
                "dependents": spot.dependents,
            }
            for spot, path, line in found
        ]
        print(json.dumps(rows, indent=2))
        return 0
    if not found:
        print("no definitions found", file=sys.stderr)
        return 0
    table = [["rank", "users", "kind", "definition", "where"]]
    for spot, path, line in found:
        table.append(
            [
                f"{spot.rank:.4f}",
                str(spot.dependents),
                spot.item.kind,
                spot.item.qname,
                f"{path}:{line}",
            ]
        )
    print("\n".join(_table(table, indent="")))
    return 0
