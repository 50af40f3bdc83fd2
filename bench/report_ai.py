"""Markdown for the ``ai`` part: context build, completion, pipeline overhead, validator."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

KIND_NAMES = {
    "after_self_dot": "after `self.`",
    "identifier_start": "at the start of a name",
    "identifier_1_char": "after a name's first letter",
}
BROKEN_NAMES = {
    "syntax_paren": "syntax: a `)` dropped",
    "syntax_indent": "syntax: bad indentation",
    "removed": "definition removed, still called",
    "removed_reexported": "re-exported (`import *`) definition removed, still called",
    "renamed": "definition renamed, still called",
    "signature": "required parameter added, calls not updated",
    "out_of_scope": "edit outside the task's scope",
}
GOOD_NAMES = {
    "good_fix": "fix: the bug reverted",
    "good_docstring": "docstring added",
    "good_fix_optional_param": "fix + a new optional parameter",
}


def _met(ok: bool | None) -> str:
    return "" if ok is None else ("met" if ok else "**missed**")


def _triple(s: dict[str, Any]) -> str:
    if not s.get("n"):
        return "none"
    return f"{s['p50_ms']:.1f} / {s['p95_ms']:.1f} / {s['max_ms']:.1f} ms"


def _pair(s: dict[str, Any]) -> str:
    return f"{s['p50_ms']:.1f} / {s['p95_ms']:.1f}" if s.get("n") else "none"


def _share(part: int, whole: int) -> str:
    return f"{part} / {whole} ({part / whole:.0%})" if whole else "none"


def _headline(a: dict[str, Any]) -> list[str]:
    plan, targets = a["plan"], a.get("targets", {})
    out = [
        "",
        "| what | target | result | |",
        "| --- | --- | --- | --- |",
    ]
    ctx = a["context"]["budgets"].get("2000")
    if ctx:
        out.append(
            f"| context build, `build_context` at 2,000 tokens ({ctx['n']} positions in "
            f"{plan['corpus']}), p50 / p95 / max | p95 < 100 ms | {_triple(ctx)} "
            f"| {_met(targets.get('context_build_p95_ms', {}).get('met'))} |"
        )
    pipe = a["pipeline"]["configs"].get("generator_only")
    if pipe:
        out.append(
            f"| pipeline overhead beyond model time, `make_task` + `run_task`, 2 generator "
            f"candidates from the stub ({pipe['runs']} functions), p50 / p95 / max "
            f"| p95 < 100 ms | {_triple(pipe['overhead_end_to_end'])} "
            f"| {_met(targets.get('pipeline_overhead_p95_ms', {}).get('met'))} |"
        )
    lsp = a["completion_lsp"]
    if lsp.get("all", {}).get("n"):
        out.append(
            f"| first completion item without AI, `textDocument/completion` round trip in "
            f"`{lsp['file']}` ({lsp['all']['n']} positions), p50 / p95 / max "
            f"| p95 < 50 ms | {_triple(lsp['all'])} "
            f"| {_met(targets.get('first_completion_p95_ms', {}).get('met'))} |"
        )
    v = a["validator"]
    out += [
        f"| validator catch rate: broken candidates rejected ({v['tasks']} tasks) | | "
        f"{_share(v['broken']['caught'], v['broken']['n'])} | |",
        f"| validator false rejections: good candidates rejected | | "
        f"{_share(v['good']['rejected'], v['good']['n'])} | |",
    ]
    return out


def _context(a: dict[str, Any]) -> list[str]:
    c = a["context"]
    out = [
        "",
        f"Context build, in process, graph built, {c['positions']} positions (a random body "
        "line of a random function or method, seeded), after one untimed call:",
        "",
        "| budget (tokens) | p50 / p95 / max | mean tokens used | mean items | empty |",
        "| --- | --- | --- | --- | --- |",
    ]
    for budget, s in c["budgets"].items():
        out.append(
            f"| {int(budget):,} | {_triple(s)} | {s['mean_tokens_used']:.0f} "
            f"| {s['mean_items']:.1f} | {s['empty_contexts']} |"
        )
    return out


def _completion(a: dict[str, Any]) -> list[str]:
    lsp, own = a["completion_lsp"], a["completion_in_process"]
    first = lsp.get("first_request", {})
    out = [
        "",
        f"Completion without a model in `{lsp['file']}`: `hive-ls serve` (cold index folder) "
        "timed after the index is complete, the graph answers and the server is idle; the "
        "same positions through `complete` in process:",
        "",
        "| position | n | round trip p50 / p95 / max | in process p50 / p95 | median items "
        "| empty |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for kind in (*KIND_NAMES, "all"):
        s = lsp.get(kind)
        if not s:
            continue
        inner = own.get(kind, {})
        out.append(
            f"| {KIND_NAMES.get(kind, 'all')} | {s.get('n', 0)} | {_triple(s)} | {_pair(inner)} "
            f"| {s.get('median_items', '')} | {s.get('empty', '')} |"
        )
    if first:
        out += [
            "",
            f"The first request, sent {first['sent_s_after_start']:.2f} s after the server "
            f"started (before the index was complete): {first['round_trip_ms']:.0f} ms, "
            f"{first['items']} items. Index complete at {lsp.get('index_complete_s')} s, graph "
            f"answering at {lsp.get('graph_ready_s')} s, idle {lsp.get('idle_wait_s')} s later.",
        ]
    startup = lsp.get("startup", {})
    phases = [
        f"{label} {_triple(startup[key])} (n = {startup[key]['n']})"
        for key, label in (
            ("while_indexing", "while the index is built"),
            ("while_graph_builds", "after it, while the graph is built"),
        )
        if startup.get(key, {}).get("n")
    ]
    if phases:
        out += ["", f"Completions asked during start-up, p50 / p95 / max: {'; '.join(phases)}."]
    if lsp.get("errors"):
        out += ["", f"Errors: {'; '.join(lsp['errors'][:3])}"]
    return out


def _pipeline(a: dict[str, Any]) -> list[str]:
    p = a["pipeline"]
    out = [
        "",
        f"Pipeline on {p['functions']} real functions without docstrings (docstring and fix "
        "tasks in turn; the stub answers each with the function plus a docstring, so every "
        "candidate is parsed and validated), after one untimed run. End-to-end overhead = "
        "`make_task` + `run_task` - the model time on the critical path (calls of one stage "
        "run in parallel: their longest counts); `run_task` - sum of model latencies is the "
        "narrower definition. ms, p50 / p95:",
        "",
        "| models | calls / run | model call | `make_task` | validation (apart) "
        "| `run_task` - Σ model | end-to-end overhead | p95 < 100 ms |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, c in p["configs"].items():
        label = (
            "generator x2" if name == "generator_only" else "generator x2, refiner, critic, curator"
        )
        out.append(
            f"| {label} | {c['model_calls_per_run']:g} | {_pair(c['model_call'])} "
            f"| {_pair(c['make_task'])} | {_pair(c['validation_apart'])} "
            f"| {_pair(c['overhead_run_task'])} | {_pair(c['overhead_end_to_end'])} "
            f"| {_met(c['p95_met'])} |"
        )
        if c["chosen"] < c["runs"]:
            out.append(
                f"| ... chosen in {c['chosen']} of {c['runs']} runs: "
                f"{'; '.join(c['not_chosen_messages'])} | | | | | | | |"
            )
    return out


def _validator(a: dict[str, Any]) -> list[str]:
    v = a["validator"]
    corpora = ", ".join(
        f"{k} ({x['picked']} of {x['eligible']} eligible)" for k, x in v["picking"].items()
    )
    out = [
        "",
        f"Validator (`check_report`, no tests run) on {v['tasks']} real tasks: a fix of a seeded "
        f"bug and a docstring for each of {len(v['functions'])} functions of {corpora}; each "
        "broken candidate is known to be broken without hive-ls (CPython's parser, or calls "
        "found with `ast`):",
        "",
        "| broken candidate | caught | fix tasks | docstring tasks | caught by |",
        "| --- | --- | --- | --- | --- |",
    ]
    for kind, s in v["broken"]["by_kind"].items():
        by = ", ".join(f"{k} {n}" for k, n in s["caught_by"].items())
        tasks = s["by_task"]
        out.append(
            f"| {BROKEN_NAMES.get(kind, kind)} | {_share(s['rejected'], s['n'])} "
            f"| {tasks['fix']['rejected']} / {tasks['fix']['n']} "
            f"| {tasks['docstring']['rejected']} / {tasks['docstring']['n']} | {by} |"
        )
    out.append(f"| **all** | **{_share(v['broken']['caught'], v['broken']['n'])}** | | | |")
    out += ["", "| good candidate | rejected (false rejections) |", "| --- | --- |"]
    for kind, s in v["good"]["by_kind"].items():
        out.append(f"| {GOOD_NAMES.get(kind, kind)} | {_share(s['rejected'], s['n'])} |")
    if v["missed"]:
        grouped: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for m in v["missed"]:
            grouped[m["kind"]][m["function"].split(":")[-1]].append(m["task"])
        out += ["", "Missed broken candidates (function: tasks):"]
        out += [
            f"- {BROKEN_NAMES.get(k, k)}: "
            + ", ".join(f"`{name}` ({'+'.join(tasks)})" for name, tasks in f.items())
            for k, f in grouped.items()
        ]
    if v["false_rejections"]:
        out += ["", "Good candidates rejected:"]
        out += [
            f"- {GOOD_NAMES.get(r['kind'], r['kind'])} of `{r['function']}`: {r['problem']}"
            for r in v["false_rejections"]
        ]
    lat = v["check_latency"]
    out += ["", f"`check_report` per candidate: {_triple(lat)} (p50 / p95 / max)."]
    if v["skipped"]:
        out += ["", f"Skipped: {'; '.join(v['skipped'][:5])}"]
    return out


def ai_section(r: dict[str, Any]) -> list[str]:
    """The ``ai`` part's tables (nothing when it did not run or failed)."""
    a = r.get("ai")
    if not a or "error" in a:
        return []
    out = ["", f"## AI features ({a['bench_s']:.0f} s)"]
    out += _headline(a)
    out += _context(a)
    out += _completion(a)
    out += _pipeline(a)
    out += _validator(a)
    if r.get("mode") == "quick":
        out += ["", "Quick mode: requests only, few samples; the verdicts are only indicative."]
    return out
