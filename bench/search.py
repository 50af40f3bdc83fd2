"""Persistence, embeddings and search: throughput, cold/warm index, latency, retrieval quality.

1. Embedding throughput (``embed_speed.py``): chunks/s of the bare model, ``EmbedService`` and
   the in-process embedder on the same real chunks.
2. Index: cold, then warm from the LanceDB store (``index_folder``'s warm start), with
   embeddings off, as ``hive-ls index`` subprocesses and in process; a cold index with
   embeddings (``index --embed``) on a small package, and for the large one the embedding
   time projected from the measured throughput (embedding it for real takes too long here).
3. Search latency: ``search_stored`` in each mode on the embedded store, and full-text
   search on the large store.
4. Retrieval quality (``search_quality.py``): a docstring -> function task per mode.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import corpora, embed_speed, search_quality
from bench.stats import summary_ms

MODES = ("vector", "text", "hybrid", "graph")
WARM_TARGET_S = 2.0
P95_TARGET_MS = 100.0
ENV_MODEL = "HIVE_LS_EMBED_MODEL"


@dataclass(frozen=True)
class Plan:
    """What the part runs on and how much: the full run's or ``--quick``'s."""

    index_corpus: corpora.Corpus  # cold/warm index and full-text latency
    repeats: int  # warm starts (median)
    chunks: int  # texts for the throughput
    rounds: int  # throughput rounds (each embedder keeps its fastest)
    embed_corpus: corpora.Corpus | None  # indexed with embeddings by the CLI; latency store
    queries: int  # latency queries per mode (half sentences, half names)
    quality: tuple[corpora.Corpus, ...]  # task corpora, the next used while too few queries
    min_queries: int
    max_queries: int  # per corpus
    graph_queries: int  # graph-mode queries on the large store (each one is slow there)


FULL = Plan(
    index_corpus=corpora.DJANGO,
    repeats=3,
    chunks=64,
    rounds=2,
    embed_corpus=corpora.REQUESTS,
    queries=40,
    quality=(corpora.TOOLZ, corpora.REQUESTS),
    min_queries=60,
    max_queries=150,
    graph_queries=3,
)
QUICK = Plan(
    index_corpus=corpora.REQUESTS,
    repeats=1,
    chunks=16,
    rounds=1,
    embed_corpus=None,
    queries=20,
    quality=(corpora.REQUESTS,),
    min_queries=0,
    max_queries=30,
    graph_queries=5,
)


@contextmanager
def embed_model(model: str | None) -> Iterator[None]:
    """``HIVE_LS_EMBED_MODEL`` set to ``model`` (None: unset, the default model) for a while."""
    saved = os.environ.get(ENV_MODEL)
    if model is None:
        os.environ.pop(ENV_MODEL, None)
    else:
        os.environ[ENV_MODEL] = model
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(ENV_MODEL, None)
        else:
            os.environ[ENV_MODEL] = saved


def _hive_ls() -> list[str]:
    script = Path(sys.executable).with_name("hive-ls")
    exe = str(script) if script.exists() else shutil.which("hive-ls")
    return [exe] if exe else [sys.executable, "-m", "hive_ls"]


def cli_index(root: Path, index_dir: Path, embed: bool = False) -> dict[str, Any]:
    """``hive-ls index ROOT --index-dir DIR --format json [--embed]``: wall time and its report.

    The environment (``HIVE_LS_EMBED_MODEL``) is this process's, as set by ``embed_model``.
    """
    argv = [*_hive_ls(), "index", str(root), "--index-dir", str(index_dir), "--format", "json"]
    began = time.perf_counter()
    done = subprocess.run(
        [*argv, "--embed"] if embed else argv, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - began
    if done.returncode != 0:
        raise RuntimeError(f"hive-ls index failed ({done.returncode}): {done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    return {
        "wall_s": round(wall, 3),
        "reported_s": report["seconds"],
        "files": report["files"],
        "reused": report["reused"],
        "parsed": report["parsed"],
        "embedded": report.get("embedded", 0),
    }


def in_process_index(root: Path, index_dir: Path) -> tuple[Any, Any, dict[str, Any]]:
    """``index_folder`` in this process: the host, the open store and what it took.

    The wall time is the call's (the store write of a cold index included; closing not).
    """
    from hive_ls.cli.workspace import index_folder

    began = time.perf_counter()
    host, report = index_folder(
        str(root), show_progress=False, index_dir=str(index_dir), keep_store=True
    )
    wall = time.perf_counter() - began
    found = {
        "wall_s": round(wall, 3),
        "reported_s": round(report.seconds, 3),
        "files": report.files,
        "reused": report.reused,
        "parsed": report.parsed,
    }
    if report.store is None:
        raise RuntimeError("index_folder kept no store (is the store disabled?)")
    return host, report.store, found


def _warm_summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "runs": runs,
        "wall_s": statistics.median(r["wall_s"] for r in runs),
        "reported_s": statistics.median(r["reported_s"] for r in runs),
        "all_reused": all(r["reused"] == r["files"] and r["parsed"] == 0 for r in runs),
    }


def index_runs(root: Path, scratch: Path, repeats: int) -> tuple[dict[str, Any], Any, Any]:
    """Cold, then ``repeats`` warm indexes, CLI and in process, embeddings off.

    Returns the results and the host and open store of the last in-process warm start.
    """
    out: dict[str, Any] = {"embeddings": "off (HIVE_LS_EMBED_MODEL=none)", "repeats": repeats}
    with embed_model("none"):
        cli_dir = scratch / "cli-none"
        out["cli"] = {"cold": cli_index(root, cli_dir)}
        out["cli"]["warm"] = _warm_summary([cli_index(root, cli_dir) for _ in range(repeats)])
        own_dir = scratch / "in-process-none"
        host, store, cold = in_process_index(root, own_dir)
        store.close()
        runs = []
        for _ in range(repeats):
            host, store, warm = in_process_index(root, own_dir)
            runs.append(warm)
            if len(runs) < repeats:
                store.close()
        out["in_process"] = {"cold": cold, "warm": _warm_summary(runs)}
    out["store_bytes"] = sum(p.stat().st_size for p in own_dir.rglob("*") if p.is_file())
    warm_cli, warm_own = out["cli"]["warm"]["wall_s"], out["in_process"]["warm"]["wall_s"]
    out["warm_target_s"] = WARM_TARGET_S
    out["warm_cli_met"] = warm_cli < WARM_TARGET_S
    out["warm_in_process_met"] = warm_own < WARM_TARGET_S
    return out, host, store


def latency_queries(snapshot: Any, n: int, seed: int = 5) -> list[str]:
    """``n`` queries: half first sentences of docstrings, half names of definitions."""
    from hive_ls.analysis.node_rows import node_rows

    rows = [row for entry in snapshot.files.values() for row in node_rows(entry)]
    sentences = {search_quality.first_sentence(row.doc) for row in rows if row.doc}
    sentences = {s for s in sentences if len(s.split()) >= search_quality.MIN_WORDS}
    names = {
        row.name
        for row in rows
        if row.kind != "module" and len(row.name) >= 4 and not row.name.startswith("__")
    }
    rng = random.Random(seed)
    picked = rng.sample(sorted(sentences), min(n // 2, len(sentences)))
    picked += rng.sample(sorted(names), min(n - len(picked), len(names)))
    return picked


def latency(store: Any, snapshot: Any, queries: list[str], modes: tuple[str, ...]) -> dict:
    """p50/p95 of ``search_stored`` per mode, after one untimed query in each mode."""
    from hive_ls.features.code_search import search_stored
    from hive_ls.store import Filters

    filters = Filters()
    out: dict[str, Any] = {}
    for mode in modes:
        search_stored(store, snapshot, queries[0], 10, filters, mode)
        seconds, empty = [], 0
        for query in queries:
            began = time.perf_counter()
            answer = search_stored(store, snapshot, query, 10, filters, mode)
            seconds.append(time.perf_counter() - began)
            empty += not answer.results
        summary = summary_ms(seconds)
        out[mode] = {
            **summary,
            "empty_answers": empty,
            "p95_met": summary.get("p95_ms", float("inf")) < P95_TARGET_MS,
        }
    return out


def cli_search(root: Path, index_dir: Path, query: str, mode: str) -> dict[str, Any]:
    """One ``hive-ls search`` subprocess: wall time (start, warm index, model, query)."""
    argv = [*_hive_ls(), "search", query, "--root", str(root), "--index-dir", str(index_dir)]
    argv += ["--format", "json", "--mode", mode, "--k", "10"]
    began = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - began
    results = json.loads(done.stdout)["results"] if done.stdout.strip() else []
    return {"mode": mode, "wall_s": round(wall, 3), "rc": done.returncode, "results": len(results)}


def embedded_index(corpus: corpora.Corpus, scratch: Path) -> tuple[dict[str, Any], Any, Any]:
    """``hive-ls index --embed`` (default model) cold, timed; then a warm start on that store.

    A cold CLI index without embeddings is timed too, so that the embedding's share shows.
    """
    root = corpora.fetch(corpus)
    with embed_model("none"):
        plain = cli_index(root, scratch / f"{corpus.key}-plain")
    index_dir = scratch / f"{corpus.key}-embedded"
    with embed_model(None):
        cold = cli_index(root, index_dir, embed=True)
        host, store, warm = in_process_index(root, index_dir)
    embedding_s = max(cold["wall_s"] - plain["wall_s"], 1e-9)
    out = {
        "corpus": corpus.key,
        "cold_without_embeddings": plain,
        "cold_with_embeddings": cold,
        "chunks": store.status.nodes,
        "embedded": store.status.embedded,
        "embedding_s": round(embedding_s, 2),
        "effective_chunks_per_s": round(cold["embedded"] / embedding_s, 2),
        "warm_after": warm,
    }
    return out, host, store


def quality(plan: Plan, scratch: Path) -> dict[str, Any]:
    """The docstring -> function task on ``plan.quality`` (more corpora while too few)."""
    ranks: dict[str, list[int]] = {m: [] for m in MODES}
    seconds: dict[str, list[float]] = {m: [] for m in MODES}
    out: dict[str, Any] = {"corpora": {}, "min_words": search_quality.MIN_WORDS}
    for corpus in plan.quality:
        if out["corpora"] and len(ranks[MODES[0]]) >= plan.min_queries:
            break  # enough queries
        found, per_mode = _quality_on(corpus, scratch, plan.max_queries)
        out["corpora"][corpus.key] = found
        for mode in MODES:
            ranks[mode] += per_mode[mode][0]
            seconds[mode] += per_mode[mode][1]
    out["queries"] = len(ranks[MODES[0]])
    out["modes"] = {
        mode: {**search_quality.score(ranks[mode]), "latency": summary_ms(seconds[mode])}
        for mode in MODES
    }
    return out


def _quality_on(
    corpus: corpora.Corpus, scratch: Path, cap: int
) -> tuple[dict[str, Any], dict[str, tuple[list[int], list[float]]]]:
    """Copy without docstrings, index, embed everything, then run each mode's queries."""
    copy = scratch / "quality" / corpus.key
    queries = search_quality.make_copy(corpora.fetch(corpus), copy)
    index_dir = scratch / "quality-index"
    with embed_model(None):
        # index and close first: the store's background thread starts embedding after a
        # cold write, and would race embed_all (see the README); the warm start has no write
        _, store, cold = in_process_index(copy, index_dir)
        store.close()
        host, store, _ = in_process_index(copy, index_dir)
        try:
            began = time.perf_counter()
            embedded = store.embed_all()
            embed_s = time.perf_counter() - began
            snapshot = host.snapshot()
            task = search_quality.build_task(queries, snapshot, cap)
            per_mode = search_quality.run_modes(store, snapshot, task, MODES)
        finally:
            store.close()
    found = {
        "files": cold["files"],
        "chunks": store.status.nodes,
        "embedded": embedded,
        "embed_s": round(embed_s, 2),
        "candidates": task.candidates,
        "unresolved": task.unresolved,
        "shared_sentence": task.shared_sentence,
        "queries": len(task.queries),
        "cap": cap,
        "capped_from": task.capped_from,
        "examples": [q for q, _ in task.queries[:3]],
    }
    return found, per_mode


def corpora_used(quick: bool) -> list[corpora.Corpus]:
    """The corpora the part reads, for the results' list."""
    plan = QUICK if quick else FULL
    found = [plan.index_corpus, *([plan.embed_corpus] if plan.embed_corpus else []), *plan.quality]
    return list({c.key: c for c in found}.values())


def run(quick: bool = False) -> dict[str, Any]:
    """The whole part; ``quick``: requests only, small counts."""
    plan = QUICK if quick else FULL
    scratch = Path(tempfile.mkdtemp(prefix="hive-bench-search-"))
    try:
        return _run(plan, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _run(plan: Plan, scratch: Path) -> dict[str, Any]:
    out: dict[str, Any] = {"plan": _plan_dict(plan)}
    out.update(_large(plan, scratch))
    chunks = out["large_latency"]["chunks"]
    service_rate = out["throughput"]["service"]["chunks_per_s"]
    out["projected"] = {
        "corpus": plan.index_corpus.key,
        "chunks": chunks,
        "service_chunks_per_s": service_rate,
        "embed_s": round(chunks / service_rate, 1),
    }
    if plan.embed_corpus is not None:
        out.update(_embedded(plan, scratch))
        effective = out["embedded_index"]["effective_chunks_per_s"]
        out["projected"]["cli_effective_chunks_per_s"] = effective
        out["projected"]["cli_embed_s"] = round(chunks / effective, 1)
    out["quality"] = quality(plan, scratch)
    if "latency" not in out:  # --quick: the quality task's store stands in (see README)
        out["latency"] = _quality_latency(out["quality"])
    return out


def _large(plan: Plan, scratch: Path) -> dict[str, Any]:
    """Index runs, throughput (on its chunks) and latency without vectors on the large corpus."""
    root = corpora.fetch(plan.index_corpus)
    out: dict[str, Any] = {}
    out["index"], host, store = index_runs(root, scratch, plan.repeats)
    try:
        snapshot = host.snapshot()
        texts = embed_speed.sample_texts(snapshot, plan.chunks)
        out["throughput"] = embed_speed.run(texts, plan.rounds)
        queries = latency_queries(snapshot, plan.queries)
        out["large_latency"] = {
            "corpus": plan.index_corpus.key,
            "chunks": store.status.nodes,
            "embedded": store.status.embedded,
            "queries": len(queries),
            "modes": {
                **latency(store, snapshot, queries, ("text",)),
                **latency(store, snapshot, queries[: plan.graph_queries], ("graph",)),
            },
        }
    finally:
        store.close()
    with embed_model("none"):
        out["large_latency"]["cli_search"] = cli_search(
            root, scratch / "in-process-none", queries[0], "graph"
        )
    return out


def _embedded(plan: Plan, scratch: Path) -> dict[str, Any]:
    """A cold index with embeddings (CLI), then latency in every mode on its store."""
    assert plan.embed_corpus is not None
    root = corpora.fetch(plan.embed_corpus)
    found, host, store = embedded_index(plan.embed_corpus, scratch)
    try:
        snapshot = host.snapshot()
        queries = latency_queries(snapshot, plan.queries)
        latencies = {
            "corpus": plan.embed_corpus.key,
            "chunks": store.status.nodes,
            "embedded": store.status.embedded,
            "queries": len(queries),
            "modes": latency(store, snapshot, queries, MODES),
        }
    finally:
        store.close()
    with embed_model(None):
        index_dir = scratch / f"{plan.embed_corpus.key}-embedded"
        latencies["cli_search"] = cli_search(root, index_dir, queries[0], "graph")
    return {"embedded_index": found, "latency": latencies}


def _quality_latency(found: dict[str, Any]) -> dict[str, Any]:
    """Latency per mode of the quality task's queries (when no embedded store was timed)."""
    modes = {}
    for mode, q in found["modes"].items():
        summary = q["latency"]
        modes[mode] = {**summary, "p95_met": summary.get("p95_ms", 1e9) < P95_TARGET_MS}
    return {
        "corpus": "+".join(f"{k} (no docstrings)" for k in found["corpora"]),
        "queries": found["queries"],
        "modes": modes,
    }


def _plan_dict(plan: Plan) -> dict[str, Any]:
    return {
        "index_corpus": plan.index_corpus.key,
        "warm_repeats": plan.repeats,
        "throughput_chunks": plan.chunks,
        "throughput_rounds": plan.rounds,
        "embed_corpus": plan.embed_corpus.key if plan.embed_corpus else None,
        "latency_queries": plan.queries,
        "quality_corpora": [c.key for c in plan.quality],
        "quality_min_queries": plan.min_queries,
        "quality_max_queries_per_corpus": plan.max_queries,
        "graph_queries_on_index_corpus": plan.graph_queries,
    }
