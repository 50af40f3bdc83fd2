"""The quick-mode regression check: ratios measured in the same run against a committed baseline.

Every metric is a ratio of hive-ls to something measured in the same run on the same machine
(a peer server, or the raw library doing the same work), so a slower or busier machine moves
both sides and the ratio stays. A metric regresses when it exceeds ``TOLERANCE`` times its
value in ``bench/baseline.json``; lower is better for all of them.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

BASELINE = Path(__file__).resolve().parent / "baseline.json"
TOLERANCE = 2.0
REFERENCE_PEER = "basedpyright"


def _get(r: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if not isinstance(r, dict) or key not in r:
            return None
        r = r[key]
    return r


def _peer_ratio(kind: str, stat: str = "p50_ms") -> Callable[[dict[str, Any]], float | None]:
    def ratio(r: dict[str, Any]) -> float | None:
        case = _first_case(r)
        ours = _get(case, "servers", "hive-ls", "latency", kind, stat)
        theirs = _get(case, "servers", REFERENCE_PEER, "latency", kind, stat)
        return ours / theirs if ours and theirs else None

    return ratio


def _first_case(r: dict[str, Any]) -> dict[str, Any]:
    cases = _get(r, "peers", "cases") or {}
    return next(iter(cases.values()), {})


def _first_answer(r: dict[str, Any]) -> float | None:
    case = _first_case(r)
    ours = _get(case, "servers", "hive-ls", "first_answer", "s")
    theirs = _get(case, "servers", REFERENCE_PEER, "first_answer", "s")
    return ours / theirs if ours and theirs else None


def _memory(r: dict[str, Any]) -> float | None:
    case = _first_case(r)
    key = ("memory", "sum_of_process_peaks_mb")
    ours = _get(case, "servers", "hive-ls", *key)
    theirs = _get(case, "servers", REFERENCE_PEER, *key)
    return ours / theirs if ours and theirs else None


def _stage(name: str, key: str = "ratio_to_floor") -> Callable[[dict[str, Any]], float | None]:
    return lambda r: _get(r, "stages", name, key)


METRICS: dict[str, Callable[[dict[str, Any]], float | None]] = {
    "edit p50 / tree-sitter incremental parse p50": lambda r: _get(
        r, "incremental_edit", "p50_ratio_to_floor"
    ),
    "cold index wall / bare parse of the same files": lambda r: _get(
        r, "cold_index", "ratio_wall_to_floor"
    ),
    "parse / bare Parser.parse": _stage("parse"),
    "extract / bare tags+locals queries": _stage("extract"),
    "graph build / rustworkx bulk add": _stage("graph build"),
    "edit + graph update mean / incremental parse mean": _stage(
        "graph update", "mean_ratio_to_floor"
    ),
    "first answer / basedpyright's": _first_answer,
    "definition p50 / basedpyright's": _peer_ratio("definition"),
    "references p50 / basedpyright's": _peer_ratio("references"),
    "documentSymbol p50 / basedpyright's": _peer_ratio("documentSymbol"),
    "incoming calls p50 / basedpyright's": _peer_ratio("incomingCalls"),
    "server peak memory / basedpyright's": _memory,
}


def measure(result: dict[str, Any]) -> dict[str, float]:
    """The metrics this result has (a part that did not run has none)."""
    found = {}
    for name, get in METRICS.items():
        value = get(result)
        if isinstance(value, (int, float)) and value > 0:
            found[name] = round(float(value), 3)
    return found


def write(results: list[dict[str, Any]], path: Path = BASELINE) -> None:
    """Make these quick results the baseline: the median of each metric over them."""
    measured = [measure(r) for r in results]
    names = [n for n in METRICS if any(n in m for m in measured)]
    last = results[-1]
    data = {
        "about": "ratios from quick runs (python -m bench.run --quick --update-baseline, or "
        "python -m bench.baseline RESULT.json... for the median of several); a quick run "
        f"with --check fails when one exceeds {TOLERANCE}x its value here",
        "runs": len(results),
        "date": last["date"],
        "git": last["git"],
        "machine": {k: last["machine"][k] for k in ("cpu", "cpus", "ram_gb")},
        "tolerance": TOLERANCE,
        "metrics": {
            n: round(statistics.median(m[n] for m in measured if n in m), 3) for n in names
        },
    }
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def check(result: dict[str, Any], path: Path = BASELINE) -> dict[str, Any]:
    """Each baseline metric: its value now, the ratio to the baseline, and a verdict."""
    if not path.exists():
        return {"error": f"no baseline at {path}: run --quick --update-baseline"}
    base = json.loads(path.read_text(encoding="utf-8"))
    tolerance = float(base.get("tolerance", TOLERANCE))
    now = measure(result)
    rows = {}
    for name, then in base["metrics"].items():
        value = now.get(name)
        if value is None:
            rows[name] = {"baseline": then, "now": None, "verdict": "not measured"}
            continue
        change = value / then
        verdict = "REGRESSION" if change > tolerance else "ok"
        rows[name] = {
            "baseline": then,
            "now": value,
            "change": round(change, 2),
            "verdict": verdict,
        }
    regressions = [n for n, row in rows.items() if row["verdict"] == "REGRESSION"]
    return {"tolerance": tolerance, "metrics": rows, "regressions": regressions}


if __name__ == "__main__":
    files = sys.argv[1:]
    if not files:
        raise SystemExit("usage: python -m bench.baseline QUICK_RESULT.json [...]")
    write([json.loads(Path(f).read_text(encoding="utf-8")) for f in files])
    print(f"wrote {BASELINE} from {len(files)} run(s)")
