"""Incremental edit latency through ``AnalysisHost.change``, against bare tree-sitter (README)."""

from __future__ import annotations

import random
import time
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from tree_sitter import Node, Parser, Point
from tree_sitter_language_pack import get_language

from bench.stats import summary_ms

SEED = 20261121


class Edit(NamedTuple):
    """Replace bytes ``[start, end)`` with ``text``; ``kind`` names the case it belongs to."""

    start: int
    end: int
    text: bytes
    kind: str
    chunk_bytes: int


def _walk(node: Node, in_block: bool, in_function: bool, out: list[tuple[Node, str]]) -> None:
    for child in node.children:
        if child.type == "identifier":
            if in_function:
                out.append((child, "body"))
            elif not in_block:
                out.append((child, "top"))
        else:
            function = in_function or (child.type == "block" and node.type == "function_definition")
            _walk(child, in_block or child.type == "block", function, out)


def _chunk_sizes(root: Node) -> list[tuple[int, int]]:
    return [(c.start_byte, c.end_byte) for c in root.children]


def _chunk_of(chunks: list[tuple[int, int]], offset: int) -> int:
    for start, end in chunks:
        if start <= offset <= end:
            return end - start
    return 0


def make_cases(data: bytes, pairs: int, seed: int = SEED) -> list[tuple[Edit, Edit]]:
    """``pairs`` (edit, undo) pairs at varied, seeded positions.

    60% in function bodies, 30% at top level (names of top-level statements, and new text on
    blank lines between them), 10% that break the syntax (an opening parenthesis typed in a
    body) and then repair it.
    """
    parser = Parser(get_language("python"))
    root = parser.parse(data).root_node
    names: list[tuple[Node, str]] = []
    _walk(root, False, False, names)
    body = [n for n, where in names if where == "body"]
    top = [n for n, where in names if where == "top"]
    chunks = _chunk_sizes(root)
    lines = data.split(b"\n")
    starts, total = [], 0
    for line in lines:
        starts.append(total)
        total += len(line) + 1
    # blank lines between top-level items: the next non-blank line starts at column 0
    blanks = []
    for i, line in enumerate(lines[:-1]):
        if line.strip():
            continue
        following = next((nxt for nxt in lines[i + 1 :] if nxt.strip()), b"")
        if following and not following[:1].isspace():
            blanks.append(starts[i])
    rng = random.Random(seed)
    cases: list[tuple[Edit, Edit]] = []
    for _ in range(pairs):
        roll = rng.random()
        if roll < 0.10:
            node = rng.choice(body)
            at = node.start_byte
            size = _chunk_of(chunks, at)
            cases.append(
                (
                    Edit(at, at, b"(", "syntax-error/insert", size),
                    Edit(at, at + 1, b"", "syntax-error/delete", size),
                )
            )
            continue
        scope = "body" if roll < 0.70 else "top"
        if scope == "top" and rng.random() < 0.25:
            at = rng.choice(blanks)
            size = _chunk_of(chunks, at)
            cases.append(
                (Edit(at, at, b"x", "top/insert", size), Edit(at, at + 1, b"", "top/delete", size))
            )
            continue
        pool = body if scope == "body" else top
        node = rng.choice(
            [n for n in rng.sample(pool, 8) if n.end_byte - n.start_byte >= 2] or pool
        )
        size = _chunk_of(chunks, node.start_byte)
        if rng.random() < 0.5:
            at = rng.randint(node.start_byte, node.end_byte)
            cases.append(
                (
                    Edit(at, at, b"x", f"{scope}/insert", size),
                    Edit(at, at + 1, b"", f"{scope}/delete", size),
                )
            )
        else:
            at = rng.randint(node.start_byte, node.end_byte - 1)
            gone = data[at : at + 1]
            cases.append(
                (
                    Edit(at, at + 1, b"", f"{scope}/delete", size),
                    Edit(at, at, gone, f"{scope}/insert", size),
                )
            )
    return cases


def _point(data: bytes, offset: int) -> Point:
    row = data.count(b"\n", 0, offset)
    return Point(row, offset - (data.rfind(b"\n", 0, offset) + 1))


def _end_point(start: Point, text: bytes) -> Point:
    if b"\n" not in text:
        return Point(start.row, start.column + len(text))
    return Point(start.row + text.count(b"\n"), len(text) - text.rfind(b"\n") - 1)


def floor(data: bytes, edits: list[Edit]) -> list[float]:
    """Seconds per edit of bare tree-sitter: ``tree.edit`` and an incremental ``parse``."""
    parser = Parser(get_language("python"))
    tree = parser.parse(data)
    timings = []
    for edit in edits:
        start = _point(data, edit.start)
        old_end = _point(data, edit.end)
        new_end = _end_point(start, edit.text)
        new = data[: edit.start] + edit.text + data[edit.end :]
        began = time.perf_counter()
        tree.edit(
            start_byte=edit.start,
            old_end_byte=edit.end,
            new_end_byte=edit.start + len(edit.text),
            start_point=start,
            old_end_point=old_end,
            new_end_point=new_end,
        )
        tree = parser.parse(new, tree)
        timings.append(time.perf_counter() - began)
        data = new
    return timings


def hive(path: Path, data: bytes, edits: list[Edit]) -> dict[str, object]:
    """Seconds per edit of ``AnalysisHost.change`` (and of the ``snapshot()`` after it)."""
    from hive_ls.analysis.host import AnalysisHost
    from hive_ls.base.edits import ByteEdit
    from hive_ls.parse.registry import default_registry

    host = AnalysisHost(default_registry())
    host.set_roots([str(path.parent)])
    began = time.perf_counter()
    entry = host.open(str(path), data, 1, "python")
    opened = time.perf_counter() - began
    if entry is None:
        raise RuntimeError(f"hive-ls did not analyse {path}")
    symbols = len(entry.facts.symbols)
    changes, snapshots = [], []
    for version, edit in enumerate(edits, start=2):
        began = time.perf_counter()
        host.change(str(path), version, [ByteEdit(edit.start, edit.end, edit.text)])
        middle = time.perf_counter()
        host.snapshot()
        changes.append(middle - began)
        snapshots.append(time.perf_counter() - middle)
    final = host.snapshot().files[str(path)]
    if host.document_bytes(str(path)) != data or len(final.facts.symbols) != symbols:
        raise RuntimeError("the edits did not return the document to its original state")
    return {"open_s": opened, "symbols": symbols, "change": changes, "snapshot": snapshots}


def breakdown(path: Path, data: bytes, edits: list[Edit]) -> dict[str, list[float]]:
    """The two halves of ``change`` timed apart: incremental re-parse and fact extraction."""
    from hive_ls.base.edits import ByteEdit
    from hive_ls.extract.facts import ChunkCache, extract_facts, file_digest
    from hive_ls.parse.document import apply_edits, parse_document
    from hive_ls.parse.registry import default_registry

    spec = default_registry().resolve(path.name, "python")
    doc = parse_document(spec, data)
    cache = ChunkCache()
    extract_facts(doc.tree, data, spec, str(path), path.name, cache, file_digest(data))
    parse_s, extract_s = [], []
    for edit in edits:
        began = time.perf_counter()
        doc = apply_edits(doc, [ByteEdit(edit.start, edit.end, edit.text)])
        middle = time.perf_counter()
        extract_facts(doc.tree, doc.data, spec, str(path), path.name, cache, file_digest(doc.data))
        parse_s.append(middle - began)
        extract_s.append(time.perf_counter() - middle)
    return {"reparse": parse_s, "extract": extract_s}


def _by_kind(edits: list[Edit], seconds: list[float]) -> dict[str, dict[str, float | int]]:
    groups: dict[str, list[float]] = defaultdict(list)
    for edit, took in zip(edits, seconds, strict=True):
        groups[edit.kind].append(took)
        bucket = (
            "<5KB"
            if edit.chunk_bytes < 5_000
            else "5-20KB"
            if edit.chunk_bytes < 20_000
            else ">20KB"
        )
        groups[f"top-level item {bucket}"].append(took)
    return {kind: summary_ms(values) for kind, values in sorted(groups.items())}


def run(path: Path, pairs: int, warmup: int = 20) -> dict[str, object]:
    """Measure ``pairs`` edit pairs in the file at ``path`` (after ``warmup`` unmeasured ones)."""
    data = path.read_bytes()
    cases = make_cases(data, pairs + warmup)
    edits = [edit for pair in cases for edit in pair]
    skip = 2 * warmup
    result = hive(path, data, edits)
    ours = result["change"][skip:]  # type: ignore[index]
    snaps = result["snapshot"][skip:]  # type: ignore[index]
    base = floor(data, edits)[skip:]
    parts = breakdown(path, data, edits)
    measured = edits[skip:]
    with_snapshot = [a + b for a, b in zip(ours, snaps, strict=True)]
    summary = summary_ms(ours)
    floor_summary = summary_ms(base)
    return {
        "file_lines": data.count(b"\n"),
        "file_bytes": len(data),
        "symbols": result["symbols"],
        "edits": len(measured),
        "seed": SEED,
        "open_ms": round(result["open_s"] * 1000, 2),  # type: ignore[operator]
        "change": summary,
        "change_plus_snapshot": summary_ms(with_snapshot),
        "floor": floor_summary,
        "p95_ratio_to_floor": round(summary["p95_ms"] / floor_summary["p95_ms"], 2),
        "p50_ratio_to_floor": round(summary["p50_ms"] / floor_summary["p50_ms"], 2),
        "breakdown": {
            "reparse": summary_ms(parts["reparse"][skip:]),
            "extract": summary_ms(parts["extract"][skip:]),
        },
        "by_kind": _by_kind(measured, ours),
        "floor_by_kind": _by_kind(measured, base),
    }
