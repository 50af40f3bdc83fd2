"""Hot-path stages in process, each against the raw library doing the same work (the floor).

A stage is a function ``(Context, repeats) -> dict`` (most build a ``StageResult``); add it to
``STAGES``. Stages of capabilities hive-ls does not have yet are in ``PLANNED``, reported as
pending until their module exists.
"""

from __future__ import annotations

import importlib.util
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from tree_sitter import Parser, QueryCursor
from tree_sitter_language_pack import get_language


@dataclass(frozen=True)
class Source:
    """One file of the corpus, read before any clock starts."""

    path: Path
    relpath: str
    data: bytes
    spec: Any  # hive_ls LanguageSpec


@dataclass
class StageResult:
    """Median seconds of hive-ls and of the floor over the same input, and its size."""

    ours: list[float]
    floor: list[float]
    items: int
    unit: str  # what ``items`` counts: "bytes", "facts", ...
    ours_name: str
    floor_name: str

    def report(self) -> dict[str, Any]:
        ours, floor = statistics.median(self.ours), statistics.median(self.floor)
        return {
            "ours": self.ours_name,
            "floor": self.floor_name,
            "unit": self.unit,
            "items": self.items,
            "ours_s": round(ours, 4),
            "floor_s": round(floor, 4),
            "ours_per_s": round(self.items / ours) if ours else None,
            "floor_per_s": round(self.items / floor) if floor else None,
            "ratio_to_floor": round(ours / floor, 2) if floor else None,
            "runs": len(self.ours),
        }


class Context:
    """The corpus as each stage needs it, prepared once: sources read, the folder indexed."""

    def __init__(self, root: Path, files: list[Path]) -> None:
        self.root, self.files = root, files

    @cached_property
    def sources(self) -> list[Source]:
        """The files hive-ls has a language for, with their specs."""
        from hive_ls.parse.registry import default_registry

        registry = default_registry()
        out = []
        for path in self.files:
            spec = registry.resolve(str(path))
            if spec is not None:
                out.append(Source(path, str(path.relative_to(self.root)), path.read_bytes(), spec))
        return out

    @cached_property
    def host(self) -> Any:
        """An AnalysisHost with the whole folder indexed (as ``hive-ls index`` does)."""
        from hive_ls.cli.workspace import index_folder

        return index_folder(str(self.root), show_progress=False)[0]


def _repeat(work: Callable[[], object], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return times


def parse(ctx: Context, repeats: int) -> dict[str, Any]:
    """``hive_ls.parse.document.parse_document`` vs a bare ``Parser.parse`` of the same bytes."""
    from hive_ls.parse.document import parse_document

    sources = ctx.sources
    parsers = {s.spec.grammar: Parser(get_language(s.spec.grammar)) for s in sources}

    def ours() -> None:
        for s in sources:
            parse_document(s.spec, s.data)

    def floor() -> None:
        for s in sources:
            parsers[s.spec.grammar].parse(s.data)

    ours_t, floor_t = [], []
    for _ in range(repeats):  # interleaved, so that a busy moment hits both
        ours_t += _repeat(ours, 1)
        floor_t += _repeat(floor, 1)
    size = sum(len(s.data) for s in sources)
    return StageResult(ours_t, floor_t, size, "bytes", "parse_document", "Parser.parse").report()


def extract(ctx: Context, repeats: int) -> dict[str, Any]:
    """``extract_facts`` (no cache) vs running the same ``tags``/``locals`` queries bare."""
    from hive_ls.extract.facts import extract_facts, file_digest
    from hive_ls.extract.queries import query
    from hive_ls.parse.document import parse_document

    sources = ctx.sources
    trees = [(s, parse_document(s.spec, s.data).tree) for s in sources]
    queries = {s.spec.name: (query(s.spec, "tags"), query(s.spec, "locals")) for s in sources}
    facts = 0

    def ours() -> None:
        nonlocal facts
        facts = 0
        for s, tree in trees:
            found = extract_facts(
                tree, s.data, s.spec, str(s.path), s.relpath, None, file_digest(s.data)
            )
            facts += len(found.symbols) + len(found.references)

    def floor() -> None:
        for s, tree in trees:
            tags, local = queries[s.spec.name]
            root = tree.root_node
            if tags is not None:
                QueryCursor(tags).matches(root)
            if local is not None:
                QueryCursor(local).captures(root)

    ours_t, floor_t = [], []
    for _ in range(repeats):
        ours_t += _repeat(ours, 1)
        floor_t += _repeat(floor, 1)
    floor_name = "QueryCursor tags.matches + locals.captures"
    return StageResult(ours_t, floor_t, facts, "facts", "extract_facts", floor_name).report()


def graph_build(ctx: Context, repeats: int) -> dict[str, Any]:
    """``GraphSync.sync`` of the whole indexed folder vs rustworkx adding its nodes and edges.

    The floor is the storage alone (bulk adds): resolution and bookkeeping are what we add.
    """
    import rustworkx as rx

    from hive_ls.analysis.graph_sync import GraphSync

    snap = ctx.host.snapshot()
    ours_t, built = [], GraphSync()
    for _ in range(max(1, repeats)):
        built = GraphSync()
        began = time.perf_counter()
        built.sync(snap)
        ours_t.append(time.perf_counter() - began)
    nodes = built.graph.nodes()
    index = {n.key: i for i, n in enumerate(nodes)}
    edges = [(index[a.key], index[b.key], e) for a, b, e in built.graph.edges()]

    def floor() -> None:
        g = rx.PyDiGraph(multigraph=True)
        g.add_nodes_from(nodes)
        g.add_edges_from(edges)

    floor_t = _repeat(floor, max(3, repeats))
    result = StageResult(
        ours_t, floor_t, len(edges), "edges", "GraphSync.sync (all files)", "PyDiGraph bulk add"
    ).report()
    return {**result, "nodes": len(nodes)}


def graph_update(ctx: Context, repeats: int, pairs: int = 100) -> dict[str, Any]:
    """A 1-character edit in the corpus's largest file, then the graph brought up to date.

    Per edit: ``AnalysisHost.change`` + ``snapshot()`` + ``GraphSync.sync`` of that file,
    against bare tree-sitter's ``tree.edit`` + incremental parse of the same edit.
    """
    from bench import edits
    from bench.stats import summary_ms
    from hive_ls.analysis.graph_sync import GraphSync
    from hive_ls.base.edits import ByteEdit

    host = ctx.host
    sync = GraphSync()
    sync.sync(host.snapshot())
    source = max((s for s in ctx.sources if s.spec.name == "python"), key=lambda s: len(s.data))
    path = str(source.path.resolve())
    host.open(path, source.data, 1, "python")
    sync.sync(host.snapshot(), [path])
    cases = [e for pair in edits.make_cases(source.data, pairs) for e in pair]
    total, graph = [], []
    for version, edit in enumerate(cases, start=2):
        began = time.perf_counter()
        host.change(path, version, [ByteEdit(edit.start, edit.end, edit.text)])
        snap = host.snapshot()
        middle = time.perf_counter()
        sync.sync(snap, [path])
        end = time.perf_counter()
        total.append(end - began)
        graph.append(end - middle)
    floor = edits.floor(source.data, cases)
    ours, base = summary_ms(total), summary_ms(floor)
    return {
        "ours": "change + snapshot + GraphSync.sync(file)",
        "floor": "tree.edit + Parser.parse(new, old)",
        "file": source.relpath,
        "file_lines": source.data.count(b"\n"),
        "unit": "edits",
        "items": len(cases),
        "ours_per_s": round(len(total) / sum(total)),
        "floor_per_s": round(len(floor) / sum(floor)),
        "edit_plus_graph": ours,
        "graph_sync": summary_ms(graph),
        "floor_ms": base,
        "ratio_to_floor": round(ours["p50_ms"] / base["p50_ms"], 2),
        "p95_ratio_to_floor": round(ours["p95_ms"] / base["p95_ms"], 2),
        "mean_ratio_to_floor": round(ours["mean_ms"] / base["mean_ms"], 2),
    }


STAGES: dict[str, Callable[[Context, int], dict[str, Any]]] = {
    "parse": parse,
    "extract": extract,
    "graph build": graph_build,
    "graph update": graph_update,
}

# stages the spec names, with the module whose arrival makes them measurable
PLANNED = {
    "store write": "hive_ls.store",
    "embed": "hive_ls.embed",
}


def run(root: Path, files: list[Path], repeats: int) -> dict[str, Any]:
    """Every stage on the same files; planned ones say whether their module exists yet.

    A stage that fails reports its error; the others still run.
    """
    ctx = Context(root, files)
    out: dict[str, Any] = {
        "files": len(ctx.sources),
        "bytes": sum(len(s.data) for s in ctx.sources),
        "languages": sorted({s.spec.name for s in ctx.sources}),
    }
    for name, stage in STAGES.items():
        began = time.perf_counter()
        try:
            out[name] = stage(ctx, repeats)
        except Exception as exc:  # an API that moved under us: say so, measure the rest
            out[name] = {"error": f"{type(exc).__name__}: {exc}"}
        out[name]["bench_s"] = round(time.perf_counter() - began, 1)
    for name, module in PLANNED.items():
        present = importlib.util.find_spec(module.split(".")[0]) and _module_exists(module)
        out[name] = {
            "pending": f"{module} exists: add its stage to bench/stages.py"
            if present
            else f"not measurable yet: hive-ls has no {module}"
        }
    return out


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False
