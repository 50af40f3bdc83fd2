"""hive-ls against peer servers on one corpus, in one run: latency, memory and accuracy."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import accuracy, corpora, sample, servers, session
from bench.corpora import CACHE, Corpus

LOGS = CACHE / "logs"
ANSWERS = CACHE / "answers"


@dataclass(frozen=True)
class Case:
    """A corpus, how many sites to ask about, and which servers (None: every peer)."""

    corpus: Corpus
    sites: int
    deep: int  # of the sites, how many also get references and incoming calls
    first_query: str
    queries: tuple[str, ...]
    peers: frozenset[str] | None = None
    repeats: int = 1  # per site request; the shortest time counts (quick mode: stabler ratios)


def _hive_extras(s: session.Session, plan: session.Plan, methods: list[str]) -> dict[str, Any]:
    """hive-ls's own requests when it serves them: impact, tests for a symbol, search."""
    out: dict[str, Any] = {}
    rec = s.recorder
    for method, extra in (("hive/impact", {"depth": 5}), ("hive/testsFor", {})):
        if method not in methods:
            continue
        answers = []
        for site in plan.sites[: plan.deep]:
            session.TIMEOUTS.setdefault(method, 30.0)
            ok, result = rec.timed(method, method, {**s.position(site), **extra})
            answers.append(_uris(s, result) if ok else None)
        out[method] = {
            "latency": rec.kinds[method].report(),
            "files_named_median": _median([len(a) for a in answers if a is not None]),
            "answers": answers,
        }
    if "hive/search" in methods:
        session.TIMEOUTS.setdefault("hive/search", 30.0)
        for query in plan.symbol_queries:
            rec.timed("hive/search", "hive/search", {"query": query, "k": 10})
        out["hive/search"] = {"latency": rec.kinds["hive/search"].report()}
    return out


def _median(values: list[int]) -> int | None:
    return sorted(values)[len(values) // 2] if values else None


def _uris(s: session.Session, result: Any) -> list[str]:
    """Every file named anywhere in an answer (its shape is hive-ls's own)."""
    found: set[str] = set()
    todo = [result]
    while todo:
        item = todo.pop()
        if isinstance(item, dict):
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, str) and item.startswith("file:"):
            found.add(s.paths.rel(item))
    return sorted(found)


def _warm_start(server: servers.Server, root: Path, plan: session.Plan) -> dict[str, Any]:
    """A second ``hive-ls serve`` on the same workspace, warm from the index the first saved."""
    s = session.Session(server, root, LOGS / f"{root.name}-hive-ls-warm.log")
    try:
        s.open(plan.sites[0].path)
        first = session.first_answer(s, plan)
        complete = session.hive_ready(s, plan.first_answer_limit_s)
        # the first session saved the index: this start loads it (a warm start)
    finally:
        s.client.close()
    return {"first_answer_s": first["s"], "index_complete_s": complete}


def run_case(case: Case) -> dict[str, Any]:
    """Every server on ``case.corpus``, one after the other, on the same sampled sites."""
    corpus = case.corpus
    root = corpora.fetch(corpus) and corpus.workspace
    files = corpora.source_files(corpus)
    sites = sample.sites(root, files, corpus.language, case.sites)
    plan = session.Plan(
        sites, min(case.deep, len(sites)), case.first_query, case.queries, repeats=case.repeats
    )
    LOGS.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    answers: dict[str, list[dict]] = {}
    reference = None
    selected: list[Any] | None = None
    for server in servers.for_language(corpus.language, case.peers and set(case.peers)):
        if not server.available():
            results[server.name] = {"error": f"not installed: {server.argv[0]}"}
            continue
        print(f"[bench]   {server.name} on {corpus.key} ...", file=sys.stderr, flush=True)
        log = LOGS / f"{corpus.key}-{server.name.split()[0]}.log"
        began = time.perf_counter()
        try:
            found = session.run(server, root, plan, log, _hive_extras if server.is_hive else None)
        except Exception as exc:  # one server failing must not lose the others
            results[server.name] = {"error": f"{type(exc).__name__}: {exc}", "log": str(log)}
            continue
        answers[server.name] = found.pop("answers")
        if server.is_hive:
            selected = (found.get("hive/testsFor") or {}).pop("answers", None)
            (found.get("hive/impact") or {}).pop("answers", None)
            found["warm_start"] = _warm_start(server, root, plan)
        found["bench_s"] = round(time.perf_counter() - began, 1)
        results[server.name] = found
        if server.reference:
            reference = server.name
    out: dict[str, Any] = {
        "corpus": corpus.key,
        "workspace": str(root.relative_to(CACHE)),
        "language": corpus.language,
        "files": len(files),
        "sites": len(sites),
        "deep_sites": plan.deep,
        "sites_with_known_definition": sum(s.real is not None for s in sites),
        "servers": results,
    }
    if reference is not None:
        out["reference"] = reference
        out["accuracy"] = accuracy.compare(sites, answers, reference)
        if "hive-ls" in answers:
            out["hive_vs_reference"] = accuracy.examples(root, sites, answers, reference)
        if selected is not None:
            out["test_selection"] = accuracy.test_selection(
                selected, answers[reference][: plan.deep]
            )
    ANSWERS.mkdir(parents=True, exist_ok=True)
    dump = {"sites": [s.__dict__ for s in sites], "answers": answers}
    (ANSWERS / f"{corpus.key}.json").write_text(json.dumps(dump) + "\n", encoding="utf-8")
    return out
