"""Retrieval quality: a docstring -> function task built from a real package.

Each function or method whose docstring has a first sentence of at least ``MIN_WORDS`` words
gives a query (that sentence) and a target (that function). The package is copied with every
docstring (module, class, function) replaced by ``pass`` on the same lines, so the answer is
not found by matching the query against its own text; the copy is indexed, every chunk
embedded, and each search mode ranks the functions for each query.
"""

from __future__ import annotations

import ast
import random
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MIN_WORDS = 4
TOP_K = 10  # a target not in the first TOP_K results counts as rank 0 (reciprocal rank 0)
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)
_SCOPES = (ast.Module, ast.ClassDef, *_DEFS)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


@dataclass(frozen=True)
class DocQuery:
    """A function's docstring sentence and where the function is (1-based lines)."""

    relpath: str
    name: str
    first_line: int  # its first decorator's line, or the ``def`` line
    def_line: int
    sentence: str


@dataclass
class Task:
    """Queries with the qualified names that answer them (several when a sentence repeats)."""

    queries: list[tuple[str, frozenset[str]]]
    candidates: int  # functions and methods with a usable first sentence
    unresolved: int  # ... whose definition the index did not have as a chunk
    shared_sentence: int  # sentences that several functions share (any of them counts)
    capped_from: int  # queries before the cap


def first_sentence(doc: str) -> str:
    """The first sentence of a cleaned docstring's first paragraph, whitespace collapsed."""
    paragraph = doc.strip().split("\n\n", 1)[0]
    paragraph = paragraph.split(">>>", 1)[0]  # a doctest right after the summary
    text = " ".join(paragraph.split())
    return _SENTENCE_END.split(text, 1)[0].strip()


def _docstring(node: ast.AST) -> ast.Expr | None:
    body = getattr(node, "body", None)
    if not body:
        return None
    head = body[0]
    if (
        isinstance(head, ast.Expr)
        and isinstance(head.value, ast.Constant)
        and isinstance(head.value.value, str)
    ):
        return head
    return None


def _blank(lines: list[bytes], expr: ast.Expr) -> None:
    """Replace ``expr`` by ``pass`` in place, keeping the line count (offsets are UTF-8)."""
    first, last = expr.lineno - 1, (expr.end_lineno or expr.lineno) - 1
    head = lines[first][: expr.col_offset]
    tail = lines[last][expr.end_col_offset or 0 :]
    lines[first : last + 1] = [head + b"pass" + tail] + [b"\n"] * (last - first)


def _functions(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, _DEFS):
            yield node


def strip_docstrings(source: bytes, relpath: str) -> tuple[bytes, list[DocQuery]]:
    """``source`` without docstrings (same lines), and the queries its functions give."""
    tree = ast.parse(source)
    queries = []
    for node in _functions(tree):
        doc = ast.get_docstring(node)
        sentence = first_sentence(doc) if doc else ""
        if len(sentence.split()) >= MIN_WORDS:
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            queries.append(DocQuery(relpath, node.name, first, node.lineno, sentence))
    lines = source.splitlines(keepends=True)
    found = [e for n in ast.walk(tree) if isinstance(n, _SCOPES) and (e := _docstring(n))]
    for expr in sorted(found, key=lambda e: -e.lineno):
        _blank(lines, expr)
    stripped = b"".join(lines)
    ast.parse(stripped)  # the copy must stay valid Python
    return stripped, queries


def make_copy(source_root: Path, target: Path) -> list[DocQuery]:
    """Copy ``source_root`` to ``target`` without docstrings; the queries of every file."""
    shutil.copytree(source_root, target)
    queries: list[DocQuery] = []
    for path in sorted(target.rglob("*.py")):
        relpath = path.relative_to(target).as_posix()
        stripped, found = strip_docstrings(path.read_bytes(), relpath)
        path.write_bytes(stripped)
        queries.extend(found)
    return queries


def build_task(
    queries: list[DocQuery], snapshot: Any, cap: int, seed: int = 7, skip_tests: bool = True
) -> Task:
    """Resolve each query's function to the qualified name of its chunk; cap the count."""
    from hive_ls.analysis.node_rows import node_rows

    by_name: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for entry in snapshot.files.values():
        for row in node_rows(entry):
            if row.kind in ("function", "method"):
                by_name.setdefault((row.file, row.name), []).append((row.start_line, row.qname))
    usable = [q for q in queries if not (skip_tests and "tests" in q.relpath.split("/"))]
    targets: dict[str, set[str]] = {}
    unresolved = 0
    for q in usable:
        rows = by_name.get((q.relpath, q.name), [])
        hit = [qn for line, qn in rows if q.first_line - 1 <= line <= q.def_line - 1]
        if not hit:
            unresolved += 1
            continue
        targets.setdefault(q.sentence, set()).update(hit)
    pairs = sorted((s, frozenset(t)) for s, t in targets.items())
    capped_from = len(pairs)
    if len(pairs) > cap:
        pairs = sorted(random.Random(seed).sample(pairs, cap))
    shared = sum(1 for _, t in pairs if len(t) > 1)
    return Task(pairs, len(usable), unresolved, shared, capped_from)


def rank_of(qnames: list[str], targets: frozenset[str]) -> int:
    """1-based rank of the first result naming a target; 0 when none of them does."""
    for i, qname in enumerate(qnames[:TOP_K], 1):
        if qname in targets:
            return i
    return 0


def score(ranks: list[int]) -> dict[str, float]:
    """recall@1, recall@5 and MRR (over the first ``TOP_K``) of some ranks."""
    n = len(ranks) or 1
    return {
        "recall_at_1": round(sum(1 for r in ranks if r == 1) / n, 3),
        "recall_at_5": round(sum(1 for r in ranks if 1 <= r <= 5) / n, 3),
        "mrr": round(sum(1 / r for r in ranks if r) / n, 3),
        "not_in_top_10": sum(1 for r in ranks if r == 0),
    }


def run_modes(
    store: Any, snapshot: Any, task: Task, modes: tuple[str, ...]
) -> dict[str, tuple[list[int], list[float]]]:
    """Per mode, the rank of each query's target and the seconds each search took."""
    from hive_ls.features.code_search import search_stored
    from hive_ls.store import Filters

    out: dict[str, tuple[list[int], list[float]]] = {}
    filters = Filters()
    if task.queries:  # start the query model (and warm the store) outside the clock
        search_stored(store, snapshot, task.queries[0][0], TOP_K, filters, "hybrid")
    for mode in modes:
        ranks, seconds = [], []
        for sentence, targets in task.queries:
            began = time.perf_counter()
            answer = search_stored(store, snapshot, sentence, TOP_K, filters, mode)
            seconds.append(time.perf_counter() - began)
            ranks.append(rank_of([r.qname for r in answer.results], targets))
        out[mode] = (ranks, seconds)
    return out
