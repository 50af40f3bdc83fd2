"""Navigation latency on an indexed package: definition, references and symbol search."""

from __future__ import annotations

import builtins
import random
import time
from pathlib import Path

from bench.stats import summary_ms


def _sample(
    snap: object, size: int, seed: int, language: str = "python"
) -> list[tuple[str, int, str, bool]]:
    from hive_ls.base.facts import RefKind

    files = snap.files  # type: ignore[attr-defined]
    top_level: set[str] = set()  # module-level functions: what a bare call f() can mean
    anywhere: set[str] = set()  # any function or method: what obj.f() can mean
    for entry in files.values():
        if entry.facts.language != language:
            continue
        for sym in entry.facts.symbols:
            if sym.kind.is_callable:
                anywhere.add(sym.name)
                if sym.parent < 0:
                    top_level.add(sym.name)
    top_level -= set(dir(builtins))  # set(), super(), type() are not the package's
    bare, attribute = [], []
    for path in sorted(files):
        if files[path].facts.language != language:
            continue
        for ref in files[path].facts.references:
            if ref.kind is not RefKind.CALL:
                continue
            item = (path, ref.span.start, ref.name, bool(ref.receiver))
            if ref.receiver and ref.name in anywhere:
                attribute.append(item)
            elif not ref.receiver and ref.name in top_level:
                bare.append(item)
    rng = random.Random(seed)
    half = size // 2
    picked = rng.sample(bare, min(half, len(bare)))
    picked += rng.sample(attribute, min(size - len(picked), len(attribute)))
    rng.shuffle(picked)
    return picked


def _quality(rows: list[tuple]) -> dict[str, object]:
    """Latency and quality indicators of some sampled requests."""
    n = len(rows) or 1
    counts = sorted(r[6] for r in rows)
    return {
        "definition": summary_ms([r[1] for r in rows]),
        "references": summary_ms([r[2] for r in rows]),
        "definition_found_share": round(sum(r[3] for r in rows) / n, 3),
        "definition_named_share": round(sum(r[4] for r in rows) / n, 3),
        "references_include_query_share": round(sum(r[5] for r in rows) / n, 3),
        "references_median_count": counts[len(counts) // 2] if counts else 0,
    }


def run(
    root: Path, samples: int, queries: tuple[str, ...], seed: int = 20261121
) -> dict[str, object]:
    """Index ``root`` in this process, then time the requests on the sampled occurrences."""
    from hive_ls.cli.workspace import index_folder
    from hive_ls.features.navigate import definition
    from hive_ls.features.references import references
    from hive_ls.features.symbol_search import search_symbols

    began = time.perf_counter()
    host, report = index_folder(str(root), show_progress=False)
    snap = host.snapshot()
    indexed = time.perf_counter() - began
    picked = _sample(snap, samples, seed)
    rows = []
    for path, offset, name, attribute in picked:
        began = time.perf_counter()
        targets = definition(snap, path, offset)
        def_took = time.perf_counter() - began
        began = time.perf_counter()
        uses = references(snap, path, offset)
        ref_took = time.perf_counter() - began
        named = any(
            snap.files[t.path].data[t.span.start : t.span.end] == name.encode() for t in targets
        )
        itself = any(u.path == path and u.span.start == offset for u in uses)
        rows.append(
            (attribute, def_took, ref_took, bool(targets), named, itself, len(uses), name, path)
        )
    searches = {}
    for query in queries:
        times, hits = [], 0
        for _ in range(5):
            began = time.perf_counter()
            hits = len(search_symbols(snap, query))
            times.append(time.perf_counter() - began)
        searches[query] = {**summary_ms(times), "results": hits}
    slowest = sorted(rows, key=lambda r: -r[2])[:5]
    return {
        "index_in_process_s": round(indexed, 3),
        "files": report.files,
        "symbols": report.symbols,
        "samples": len(rows),
        "seed": seed,
        "sample_language": "python",
        "attribute_calls": sum(1 for r in rows if r[0]),
        **_quality(rows),
        "by_call_form": {
            "bare f()": _quality([r for r in rows if not r[0]]),
            "attribute obj.f()": _quality([r for r in rows if r[0]]),
        },
        "slowest_references": [
            {
                "ms": round(r[2] * 1000, 1),
                "name": r[7],
                "file": str(Path(r[8]).relative_to(host.roots[0])),
            }
            for r in slowest
        ],
        "symbol_search": searches,
    }
