"""Cold index: ``hive-ls index PATH --format json`` in a subprocess, against a bare parse floor.

Each run gets an empty index folder, so it is cold: it parses every file, builds the
dependence graph and saves the index (as the command does on a first run).
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tree_sitter import Parser
from tree_sitter_language_pack import get_language

from bench.rss import run_measured


def _command(root: Path, index_dir: str = "") -> list[str]:
    script = Path(sys.executable).with_name("hive-ls")
    exe = str(script) if script.exists() else shutil.which("hive-ls")
    head = [exe] if exe else [sys.executable, "-m", "hive_ls"]
    extra = ["--index-dir", index_dir] if index_dir else []
    return [*head, "index", str(root), "--format", "json", *extra]


def planned_files(root: Path) -> list[tuple[str, str]]:
    """``(grammar, path)`` of every file hive-ls's walk would index under ``root``."""
    from hive_ls.analysis.host import AnalysisHost
    from hive_ls.analysis.indexer import plan
    from hive_ls.parse.registry import default_registry

    host = AnalysisHost(default_registry())
    host.set_roots([str(root)])
    real = host.roots[0]
    todo = plan([(real, "")], host.rules, host.settings.index, host.registry)
    grammars = {name: spec.grammar for name, spec in host.registry.languages.items()}
    return [(grammars[p.source.language], p.source.path) for p in todo.files]


def floor(files: list[tuple[str, str]], repeats: int) -> list[float]:
    """Seconds to parse every file once with bare tree-sitter, ``repeats`` times."""
    parsers: dict[str, Parser] = {}
    loaded = []
    for grammar, path in files:
        if grammar not in parsers:
            parsers[grammar] = Parser(get_language(grammar))  # type: ignore[arg-type]
        loaded.append((parsers[grammar], Path(path).read_bytes()))
    timings = []
    for _ in range(repeats):
        began = time.perf_counter()
        for parser, data in loaded:
            parser.parse(data)
        timings.append(time.perf_counter() - began)
    return timings


def run(root: Path, repeats: int) -> dict[str, object]:
    """Index ``root`` ``repeats`` times in a fresh process each time, then measure the floor."""
    runs = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="hive-ls-cold-") as index_dir:
            measured = run_measured(_command(root, index_dir))
        if measured.returncode != 0:
            raise RuntimeError(f"hive-ls index failed ({measured.returncode}): {measured.stderr}")
        report = json.loads(measured.stdout)
        runs.append(
            {
                "wall_s": round(measured.seconds, 3),
                "reported_s": report["seconds"],
                "files": report["files"],
                "symbols": report["symbols"],
                "skipped": report["skipped"],
                "languages": report["languages"],
                **measured.memory.as_mb(),
            }
        )
    files = planned_files(root)
    floors = floor(files, max(repeats, 3))
    wall = statistics.median(r["wall_s"] for r in runs)
    reported = statistics.median(r["reported_s"] for r in runs)
    best_floor = statistics.median(floors)
    return {
        "command": " ".join(["hive-ls", *_command(root)[-4:]]),
        "files_planned": len(files),
        "languages": runs[-1]["languages"],
        "bytes": sum(Path(p).stat().st_size for _, p in files),
        "runs": runs,
        "wall_s": wall,
        "reported_s": reported,
        "peak_rss_sum_mb": max(r["peak_rss_sum_mb"] for r in runs),
        "peak_pss_sum_mb": max(r["peak_pss_sum_mb"] for r in runs),
        "sum_of_process_peaks_mb": max(r["sum_of_process_peaks_mb"] for r in runs),
        "largest_process_peak_mb": max(r["largest_process_peak_mb"] for r in runs),
        "floor_s": round(best_floor, 3),
        "floor_runs_s": [round(f, 3) for f in floors],
        "ratio_wall_to_floor": round(wall / best_floor, 2),
        "ratio_reported_to_floor": round(reported / best_floor, 2),
    }
