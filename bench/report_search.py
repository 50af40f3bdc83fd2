"""Markdown for the ``search`` part: throughput, index, latency and retrieval quality."""

from __future__ import annotations

from typing import Any

MODE_NAMES = {
    "vector": "vector",
    "text": "full text (FTS)",
    "hybrid": "hybrid (RRF)",
    "graph": "hybrid + graph",
}


def _met(ok: bool | None) -> str:
    return "" if ok is None else ("met" if ok else "**missed**")


def _s(v: float) -> str:
    return f"{v:.2f} s" if v < 100 else f"{v:.0f} s ({v / 60:.1f} min)"


def _throughput(t: dict[str, Any]) -> list[str]:
    out = [
        "",
        f"Embedding throughput: {t['chunks']} real chunks (mean {t['mean_tokens']} tokens, "
        f"{t['truncated_share']:.0%} at the 256-token cap), {t['threads']} thread, batches of "
        f"{t['batch']}; loading and a first batch off the clock"
        + (f", best of {t['rounds']} interleaved rounds:" if t.get("rounds", 1) > 1 else ":"),
        "",
        "| embedder | load | chunks/s | vs bare |",
        "| --- | --- | --- | --- |",
    ]
    for key, label, ratio in (
        ("bare", "bare onnxruntime + tokenizers (floor)", "1.00x"),
        ("service", "`EmbedService` (child process)", f"{t['ratio_service_to_bare']:.2f}x"),
        ("in_process", "`open_embedder` (in process)", f"{t['ratio_in_process_to_bare']:.2f}x"),
    ):
        s = t[key]
        out.append(f"| {label} | {s['load_s']:.2f} s | {s['chunks_per_s']:.1f} | {ratio} |")
    out += [
        "",
        f"Vectors agree with the floor's: min cosine {t['min_cosine_bare_vs_service']} "
        f"(service), {t['min_cosine_in_process_vs_service']} (in process vs service).",
    ]
    return out


def _index(i: dict[str, Any], corpus: str) -> list[str]:
    cli, own = i["cli"], i["in_process"]
    warm_runs = own["warm"]["runs"]
    files = warm_runs[-1]["files"] if warm_runs else cli["cold"]["files"]
    target = f"warm < {i['warm_target_s']:g} s"
    out = [
        "",
        f"Index of {corpus} ({files} files, embeddings off), cold then warm from the store "
        f"(median of {i['repeats']}); own timer in parentheses:",
        "",
        f"| how | cold | warm | warm: reused / parsed | {target} |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, runs, met in (
        ("`hive-ls index` subprocess, wall", cli, i["warm_cli_met"]),
        ("`index_folder` in process", own, i["warm_in_process_met"]),
    ):
        last = runs["warm"]["runs"][-1]
        reuse = f"{last['reused']} / {last['parsed']}" + (
            "" if runs["warm"]["all_reused"] else " (not all reused!)"
        )
        out.append(
            f"| {label} | {runs['cold']['wall_s']:.2f} s ({runs['cold']['reported_s']:.2f} s) "
            f"| {runs['warm']['wall_s']:.2f} s ({runs['warm']['reported_s']:.2f} s) | {reuse} "
            f"| {_met(met)} |"
        )
    out += ["", f"Store on disk: {i['store_bytes'] / 1e6:.1f} MB."]
    return out


def _embedding(r: dict[str, Any]) -> list[str]:
    p = r["projected"]
    out = [
        "",
        "Indexing with embeddings (the large package's time is **projected**, not measured: "
        "chunks / measured chunks per second):",
        "",
        "| package | chunks | time | rate |",
        "| --- | --- | --- | --- |",
    ]
    e = r.get("embedded_index")
    if e:
        cold, plain = e["cold_with_embeddings"], e["cold_without_embeddings"]
        out.append(
            f"| {e['corpus']}: `hive-ls index --embed`, measured | {cold['embedded']} "
            f"| {_s(cold['wall_s'])} wall (without embeddings {_s(plain['wall_s'])}) "
            f"| {e['effective_chunks_per_s']:.1f} chunks/s effective |"
        )
    out.append(
        f"| {p['corpus']}: projected from `EmbedService` throughput | {p['chunks']:,} "
        f"| {_s(p['embed_s'])} | {p['service_chunks_per_s']:.1f} chunks/s |"
    )
    if "cli_embed_s" in p:
        out.append(
            f"| {p['corpus']}: projected from the CLI's effective rate | {p['chunks']:,} "
            f"| {_s(p['cli_embed_s'])} | {p['cli_effective_chunks_per_s']:.1f} chunks/s |"
        )
    return out


def _latency_rows(store: str, modes: dict[str, Any]) -> list[str]:
    rows = []
    for mode, s in modes.items():
        if not s.get("n"):
            continue
        rows.append(
            f"| {store} | {MODE_NAMES.get(mode, mode)} | {s['n']} | {s['p50_ms']:.1f} "
            f"| {s['p95_ms']:.1f} | {s['max_ms']:.1f} | {_met(s.get('p95_met'))} |"
        )
    return rows


def _latency(r: dict[str, Any]) -> list[str]:
    lat, large = r.get("latency") or {}, r.get("large_latency") or {}
    out = [
        "",
        "Search latency, `search_stored` in process, k = 10, after one untimed query per mode "
        "(queries: docstring sentences and names of the package):",
        "",
        "| store | mode | n | p50 ms | p95 ms | max ms | p95 < 100 ms |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    if lat:
        embedded = f", {lat['embedded']} embedded" if "embedded" in lat else ""
        out += _latency_rows(f"{lat['corpus']}{embedded}", lat["modes"])
    if large:
        out += _latency_rows(f"{large['corpus']}, no vectors", large["modes"])
    clis = [(x["corpus"], x["cli_search"]) for x in (lat, large) if x and "cli_search" in x]
    if clis:
        out += [
            "",
            "One `hive-ls search` subprocess (start, warm index, query): "
            + "; ".join(
                f"{corpus} `--mode {c['mode']}` {c['wall_s']:.2f} s ({c['results']} results)"
                for corpus, c in clis
            )
            + ".",
        ]
    return out


def _quality(q: dict[str, Any]) -> list[str]:
    corpora = ", ".join(
        f"{k} ({c['queries']} of {c['capped_from']}, {c['chunks']} chunks)"
        for k, c in q["corpora"].items()
    )
    out = [
        "",
        f"Retrieval quality, docstring -> function: {q['queries']} queries (first sentences of "
        f"{q['min_words']}+ words) from {corpora}; the indexed copy has its docstrings removed; "
        "a target not in the top 10 scores 0:",
        "",
        "| mode | recall@1 | recall@5 | MRR | not in top 10 | p50 / p95 ms |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for mode, s in q["modes"].items():
        lat = s["latency"]
        out.append(
            f"| {MODE_NAMES.get(mode, mode)} | {s['recall_at_1']:.2f} | {s['recall_at_5']:.2f} "
            f"| {s['mrr']:.3f} | {s['not_in_top_10']} | {lat['p50_ms']:.1f} / {lat['p95_ms']:.1f} |"
        )
    return out


def search_section(r: dict[str, Any]) -> list[str]:
    """The ``search`` part's tables (nothing when it did not run or failed)."""
    s = r.get("search")
    if not s or "error" in s:
        return []
    corpus = s["plan"]["index_corpus"]
    out = ["", f"## Store, embeddings and search ({s['bench_s']:.0f} s)"]
    out += _throughput(s["throughput"])
    out += _index(s["index"], corpus)
    out += _embedding(s)
    out += _latency(s)
    out += _quality(s["quality"])
    if r.get("mode") == "quick":
        out += [
            "",
            "Quick mode: requests only and no `index --embed`; the latency of the embedded "
            "store is that of the quality task's store.",
        ]
    return out
