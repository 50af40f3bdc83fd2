"""Run every benchmark and write ``bench/results/<UTC date>-<rev>.json`` and ``latest.md``.

Usage: ``python -m bench.run [--quick] [--only edits,index,navigation,first-answer]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench import cold_index, corpora, edits, first_answer, navigation
from bench.machine import git_info, machine_info
from bench.report import markdown

RESULTS = Path(__file__).resolve().parent / "results"
PARTS = ("edits", "index", "navigation", "first-answer")


def _settings(quick: bool) -> dict[str, Any]:
    if quick:
        return {
            "pairs": 100,
            "repeats": 1,
            "samples": 60,
            "package": corpora.REQUESTS,
            "query": "Session",
            "queries": ("Session", "get_adapter", "Session.send", "request", "rqs", "a"),
        }
    return {
        "pairs": 600,
        "repeats": 3,
        "samples": 300,
        "package": corpora.DJANGO,
        "query": "QuerySet",
        "queries": ("QuerySet", "get_queryset", "Model.save", "as_sql", "mgr", "render", "a"),
    }


def main(argv: list[str] | None = None) -> int:
    """Fetch the corpora that are missing, run the benchmarks, write the results."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small corpus, fewer samples")
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated parts to run")
    args = parser.parse_args(argv)
    parts = {p.strip() for p in args.only.split(",") if p.strip()}
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

    def part(key: str, title: str, work: Callable[[], dict[str, Any]]) -> None:
        load = [round(x, 2) for x in os.getloadavg()]
        print(f"[bench] {title} (load average {load[0]}) ...", file=sys.stderr, flush=True)
        began = time.perf_counter()
        try:
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
    if parts & {"index", "navigation", "first-answer"}:
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

    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    RESULTS.mkdir(exist_ok=True)
    partial = parts != set(PARTS) or failed
    suffix = ("-quick" if args.quick else "") + ("-partial" if partial else "")
    name = f"{now.strftime('%Y-%m-%d')}-{git['rev']}{suffix}"
    out = RESULTS / f"{name}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    table = markdown(result)
    (RESULTS / f"latest{suffix}.md").write_text(table, encoding="utf-8")
    print(table)
    print(f"[bench] wrote {out.relative_to(RESULTS.parent.parent)}", file=sys.stderr)
    if failed:
        print(f"[bench] failed: {', '.join(failed)} (see the errors above)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
