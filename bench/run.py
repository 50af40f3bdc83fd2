"""Run every benchmark and write ``bench/results/<UTC date>-<rev>.json`` and ``latest.md``.

Usage: ``python -m bench.run [--quick [--check | --update-baseline]] [--only PARTS]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench import ai as ai_bench
from bench import baseline, cold_index, compare, corpora, edits, first_answer, navigation, peers
from bench import search as search_bench
from bench import stages as stage_bench
from bench.machine import git_info, machine_info
from bench.readme import update_readme
from bench.report import markdown
from bench.report_peers import regression_section

RESULTS = Path(__file__).resolve().parent / "results"
CHECK_RESULTS = corpora.CACHE / "results"  # --check: CI runs, kept out of the repository
PARTS = ("edits", "index", "navigation", "first-answer", "stages", "peers", "search", "ai")
# parts a --quick run leaves out unless --only names them: not in the regression check, and
# too slow for it (search embeds a package with the ONNX model; ai indexes two more packages
# and starts a server of its own)
QUICK_OPT_IN = frozenset({"search", "ai"})


def _settings(quick: bool) -> dict[str, Any]:
    if quick:
        return {
            "pairs": 100,
            "repeats": 3,
            "samples": 60,
            "package": corpora.REQUESTS,
            "query": "Session",
            "queries": ("Session", "get_adapter", "Session.send", "request", "rqs", "a"),
            "stage_repeats": 10,
            "cases": (
                compare.Case(
                    corpora.REQUESTS,
                    30,
                    20,
                    "Session",
                    ("Session", "get_adapter", "request"),
                    frozenset({"basedpyright"}),
                    repeats=3,
                ),
            ),
        }
    return {
        "pairs": 600,
        "repeats": 3,
        "samples": 300,
        "package": corpora.DJANGO,
        "query": "QuerySet",
        "queries": ("QuerySet", "get_queryset", "Model.save", "as_sql", "mgr", "render", "a"),
        "stage_repeats": 5,
        "cases": (
            compare.Case(
                corpora.REQUESTS, 40, 20, "Session", ("Session", "get_adapter", "request")
            ),
            compare.Case(
                corpora.DJANGO, 40, 15, "QuerySet", ("QuerySet", "get_queryset", "as_sql")
            ),
            compare.Case(
                corpora.SYMPY,
                20,
                8,
                "Symbol",
                ("Symbol", "simplify", "Matrix"),
                frozenset({"basedpyright"}),
            ),
            compare.Case(corpora.TOOLZ, 20, 10, "curry", ("curry", "merge", "groupby")),
            compare.Case(corpora.NETWORKX, 40, 20, "Graph", ("Graph", "shortest_path", "pagerank")),
            compare.Case(corpora.HTTPX, 30, 15, "Client", ("Client", "request", "send")),
            compare.Case(corpora.RXJS, 40, 15, "Observable", ("Observable", "subscribe", "pipe")),
            compare.Case(corpora.MOBX, 40, 15, "observable", ("observable", "action", "reaction")),
        ),
    }


def main(argv: list[str] | None = None) -> int:
    """Fetch the corpora that are missing, run the benchmarks, write the results."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small corpus, fewer samples")
    parser.add_argument(
        "--only",
        help=f"comma-separated parts to run (default: all; with --quick all but "
        f"{', '.join(sorted(QUICK_OPT_IN))})",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help=f"with --quick: exit 1 when a ratio is {baseline.TOLERANCE}x worse than "
        "bench/baseline.json (results go to bench/.cache/results/)",
    )
    parser.add_argument(
        "--update-baseline", action="store_true", help="with --quick: make this run the baseline"
    )
    parser.add_argument(
        "--corpora",
        help="comma-separated corpus names: the peers part compares on these only (django,rxjs)",
    )
    args = parser.parse_args(argv)
    if (args.check or args.update_baseline) and not args.quick:
        parser.error("--check and --update-baseline go with --quick")
    default = set(PARTS) - (QUICK_OPT_IN if args.quick else set())
    parts = {p.strip() for p in args.only.split(",") if p.strip()} if args.only else default
    unknown = parts - set(PARTS)
    if unknown:
        parser.error(f"unknown parts {sorted(unknown)}; choose from {', '.join(PARTS)}")
    conf = _settings(args.quick)
    package: corpora.Corpus = conf["package"]
    now = datetime.now(timezone.utc)
    git = git_info()
    result: dict[str, Any] = {
        "date": now.strftime("%Y-%m-%d %H:%M UTC"),
        "mode": "quick" if args.quick else "full",
        "git": git,
        "machine": machine_info(),
        "corpora": {},
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }

    failed: list[str] = []

    # hive-ls servers started by the parts keep their index in a folder of the part's own (so a
    # part's first start is cold) and run without the embedding model, whose background work
    # would weigh on every other number; the search part measures embeddings on its own
    os.environ["HIVE_LS_EMBED_MODEL"] = "none"

    def part(key: str, title: str, work: Callable[[], dict[str, Any]]) -> None:
        load = [round(x, 2) for x in os.getloadavg()]
        print(f"[bench] {title} (load average {load[0]}) ...", file=sys.stderr, flush=True)
        began = time.perf_counter()
        try:
            with tempfile.TemporaryDirectory(prefix="hive-ls-bench-index-") as index_dir:
                os.environ["HIVE_LS_INDEX_DIR"] = index_dir
                found = work()
        except Exception as exc:  # one broken part must not lose the others' results
            traceback.print_exc()
            failed.append(key)
            found = {"error": f"{type(exc).__name__}: {exc}"}
        found["bench_s"] = round(time.perf_counter() - began, 1)
        found["load_average_at_start"] = load
        result[key] = found

    if "edits" in parts:
        tensor = corpora.SYMPY_TENSOR
        result["corpora"]["edits"] = corpora.describe(tensor)
        part(
            "incremental_edit",
            "incremental edits",
            lambda: {
                "file": f"{tensor.key}/{tensor.file}",
                **edits.run(corpora.fetch(tensor) / tensor.file, conf["pairs"]),
            },
        )
    root = corpora.fetch(package)
    if parts & {"index", "navigation", "first-answer", "stages"}:
        result["corpora"]["package"] = corpora.describe(package)
    if "index" in parts:
        part(
            "cold_index",
            f"cold index of {package.key}",
            lambda: cold_index.run(root, conf["repeats"]),
        )
    if "navigation" in parts:
        part(
            "navigation",
            f"navigation on {package.key}",
            lambda: navigation.run(root, conf["samples"], conf["queries"]),
        )
    if "first-answer" in parts:
        part(
            "first_answer",
            f"first answer from hive-ls serve on {package.key}",
            lambda: first_answer.run(root, conf["query"]),
        )
    if "stages" in parts:
        part(
            "stages",
            f"stages on {package.key}",
            lambda: stage_bench.run(root, corpora.source_files(package), conf["stage_repeats"]),
        )
    if "peers" in parts:
        cases = conf["cases"]
        if args.corpora:
            wanted = {name.strip() for name in args.corpora.split(",")}
            cases = tuple(c for c in cases if c.corpus.name in wanted)
        part("peers", "peer language servers", lambda: _peers(cases, result))
    if "search" in parts:
        for corpus in search_bench.corpora_used(args.quick):
            result["corpora"][f"search: {corpus.key}"] = corpora.describe(corpus)
        part("search", "store, embeddings and search", lambda: search_bench.run(args.quick))
    if "ai" in parts:
        for corpus in ai_bench.corpora_used(args.quick):
            result["corpora"][f"ai: {corpus.key}"] = corpora.describe(corpus)
        part(
            "ai",
            "AI features: context, completion, pipeline, validator",
            lambda: ai_bench.run(args.quick),
        )

    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    regressed = False
    if args.check:
        result["regression_check"] = baseline.check(result)
        regressed = bool(result["regression_check"].get("regressions"))
    if args.update_baseline:
        baseline.write([result])
        print(f"[bench] wrote {baseline.BASELINE.name}", file=sys.stderr)
    folder = CHECK_RESULTS if args.check else RESULTS
    folder.mkdir(parents=True, exist_ok=True)
    partial = parts != default or failed
    suffix = ("-quick" if args.quick else "") + ("-partial" if partial else "")
    stamp = now.strftime("%Y-%m-%d-%H%M%S" if args.check else "%Y-%m-%d")
    name = f"{stamp}-{git['rev']}{suffix}"
    out = folder / f"{name}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    table = markdown(result)
    (folder / f"latest{suffix}.md").write_text(table, encoding="utf-8")
    if not args.quick and not partial:
        update_readme(result)
    print("\n".join(regression_section(result)) if args.check else table)
    print(f"[bench] wrote {out}", file=sys.stderr)
    if failed:
        print(f"[bench] failed: {', '.join(failed)} (see the errors above)", file=sys.stderr)
    if regressed:
        names = ", ".join(result["regression_check"]["regressions"])
        print(
            f"[bench] REGRESSION (> {baseline.TOLERANCE}x the baseline): {names}", file=sys.stderr
        )
    return 1 if failed or regressed else 0


def _peers(cases: tuple[compare.Case, ...], result: dict[str, Any]) -> dict[str, Any]:
    """Install the pinned peers when missing, then every case: hive-ls and peers in turn."""
    languages = {case.corpus.language for case in cases}
    problems = peers.install(python="python" in languages, typescript="typescript" in languages)
    out: dict[str, Any] = {"install_problems": problems, "versions": peers.versions(), "cases": {}}
    for case in cases:
        result["corpora"][f"peers: {case.corpus.key}"] = corpora.describe(case.corpus)
        out["cases"][case.corpus.key] = compare.run_case(case)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
