"""The AI features: context build, completion without a model, pipeline overhead, validator.

1. Context build: ``build_context`` at sampled positions inside functions of the large
   package (in process, graph built), per token budget.
2. Completion without AI: ``textDocument/completion`` round trips from ``hive-ls serve`` (no
   model configured) in a big file of the package, after ``self.``, at the start of
   identifiers and after their first letter; the same positions through ``complete`` in
   process; and the very first request, sent while the server still indexes.
3. Pipeline overhead: ``make_task`` + ``run_task`` on real functions against the OpenAI stub
   of the tests (a real HTTP server answering at once), minus the time of the model calls.
4. Validator (``ai_tasks.py``): real fix and docstring tasks, good and broken candidates,
   ``check_report`` on each: the catch rate.
"""

from __future__ import annotations

import ast
import contextlib
import io
import os
import random
import re
import shutil
import sys
import tempfile
import textwrap
import time
import tokenize
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import ai_tasks, corpora
from bench.lsp import Client, Failed, Timeout
from bench.session import CLIENT_CAPABILITIES
from bench.stats import summary_ms

CONTEXT_TARGET_MS = 100.0
PIPELINE_TARGET_MS = 100.0
COMPLETION_TARGET_MS = 50.0
JUDGED_BUDGET = 2000  # tokens: the budget the context target is judged at
COMPLETION_KINDS = ("after_self_dot", "identifier_start", "identifier_1_char")
STUB_MODELS = {"generator": ["gen-a", "gen-b"]}
ALL_STAGE_MODELS = {**STUB_MODELS, "refiner": ["ref"], "validator": ["val"], "curator": ["cur"]}


@dataclass(frozen=True)
class Plan:
    """What the part runs on and how much: the full run's or ``--quick``'s."""

    corpus: corpora.Corpus  # context build, pipeline and completion
    lsp_file: str  # the file completion is asked in
    context_positions: int
    budgets: tuple[int, ...]
    completion_per_kind: int
    pipeline_runs: int
    task_corpora: tuple[corpora.Corpus, ...]
    functions_per_corpus: int


FULL = Plan(
    corpus=corpora.DJANGO,
    lsp_file="django/db/models/query.py",
    context_positions=100,
    budgets=(600, 2000, 3000),
    completion_per_kind=30,
    pipeline_runs=20,
    task_corpora=(corpora.TOOLZ, corpora.REQUESTS),
    functions_per_corpus=8,
)
QUICK = Plan(
    corpus=corpora.REQUESTS,
    lsp_file="requests/sessions.py",
    context_positions=30,
    budgets=(2000,),
    completion_per_kind=10,
    pipeline_runs=8,
    task_corpora=(corpora.REQUESTS,),
    functions_per_corpus=5,
)


def corpora_used(quick: bool) -> list[corpora.Corpus]:
    """The corpora the part reads, for the results' list."""
    plan = QUICK if quick else FULL
    return list({c.key: c for c in (plan.corpus, *plan.task_corpora)}.values())


def run(quick: bool = False) -> dict[str, Any]:
    """The whole part; ``quick``: requests only, small counts."""
    plan = QUICK if quick else FULL
    scratch = Path(tempfile.mkdtemp(prefix="hive-bench-ai-"))
    saved = os.environ.get("HIVE_LS_EMBED_MODEL")
    os.environ["HIVE_LS_EMBED_MODEL"] = "none"
    try:
        return _run(plan, scratch)
    finally:
        if saved is None:
            os.environ.pop("HIVE_LS_EMBED_MODEL", None)
        else:
            os.environ["HIVE_LS_EMBED_MODEL"] = saved
        shutil.rmtree(scratch, ignore_errors=True)


def _run(plan: Plan, scratch: Path) -> dict[str, Any]:
    from hive_ls.cli.workspace import index_folder

    root = corpora.fetch(plan.corpus)
    out: dict[str, Any] = {"plan": _plan_dict(plan)}
    began = time.perf_counter()
    host, report = index_folder(
        str(root), show_progress=False, index_dir=str(scratch / "index"), graph=True
    )
    sync, snap = host.graph, host.snapshot()
    out["index"] = {
        "corpus": plan.corpus.key,
        "files": report.files,
        "with_graph_s": round(time.perf_counter() - began, 2),
    }
    positions = completion_positions(root / plan.lsp_file, plan.completion_per_kind)
    out["context"] = context_latency(sync, snap, plan.context_positions, plan.budgets)
    lsp_path = next(p for p, e in snap.files.items() if e.relpath == plan.lsp_file)
    out["completion_in_process"] = completion_in_process(sync, snap, lsp_path, positions)
    out["pipeline"] = pipeline(sync, snap, plan.pipeline_runs)
    del host, sync, snap
    out["completion_lsp"] = completion_lsp(root, plan.lsp_file, positions, scratch)
    out["validator"] = ai_tasks.run(
        [(c.key, corpora.fetch(c)) for c in plan.task_corpora], plan.functions_per_corpus, scratch
    )
    out["targets"] = _targets(out)
    return out


def _plan_dict(plan: Plan) -> dict[str, Any]:
    return {
        "corpus": plan.corpus.key,
        "lsp_file": plan.lsp_file,
        "context_positions": plan.context_positions,
        "budgets": list(plan.budgets),
        "completion_per_kind": plan.completion_per_kind,
        "pipeline_runs": plan.pipeline_runs,
        "task_corpora": [c.key for c in plan.task_corpora],
        "functions_per_corpus": plan.functions_per_corpus,
    }


def _targets(out: dict[str, Any]) -> dict[str, Any]:
    """Each target: what it is judged on, the value, met or not."""
    found: dict[str, Any] = {}
    ctx = out["context"]["budgets"].get(str(JUDGED_BUDGET))
    if ctx:
        found["context_build_p95_ms"] = _target(ctx["p95_ms"], CONTEXT_TARGET_MS)
    pipe = out["pipeline"]["configs"].get("generator_only")
    if pipe:
        found["pipeline_overhead_p95_ms"] = _target(
            pipe["overhead_end_to_end"]["p95_ms"], PIPELINE_TARGET_MS
        )
    lsp = out["completion_lsp"]
    if lsp.get("all", {}).get("n"):
        found["first_completion_p95_ms"] = _target(lsp["all"]["p95_ms"], COMPLETION_TARGET_MS)
    return found


def _target(value: float, limit: float) -> dict[str, Any]:
    return {"value": value, "target": limit, "met": value < limit}


# ---- sampling ------------------------------------------------------------------------------


def _callables(snap: Any, min_lines: int, max_lines: int) -> list[tuple[str, Any, Any]]:
    """(path, entry, symbol) of every Python function or method of ``min``-``max`` lines."""
    found = []
    for path in sorted(snap.files):
        entry = snap.files[path]
        if entry.facts.language != "python":
            continue
        for sym in entry.facts.symbols:
            if not sym.kind.is_callable:
                continue
            lines = entry.data.count(b"\n", sym.span.start, sym.span.end) + 1
            if min_lines <= lines <= max_lines:
                found.append((path, entry, sym))
    return found


def _body_offset(entry: Any, sym: Any, rng: random.Random) -> int:
    """The first non-blank byte of a random line of the symbol's body (not its first line)."""
    data = entry.data
    starts = [
        i + 1
        for i in range(sym.span.start, sym.span.end)
        if data[i] == 0x0A and i + 1 < sym.span.end
    ]
    starts = [s for s in starts if data[s : s + 200].split(b"\n", 1)[0].strip()]
    at = rng.choice(starts) if starts else sym.span.start
    while at < sym.span.end and data[at] in b" \t":
        at += 1
    return at


# ---- 1. context build ----------------------------------------------------------------------


def context_latency(
    sync: Any, snap: Any, count: int, budgets: tuple[int, ...], seed: int = 3
) -> dict[str, Any]:
    """p50/p95 of ``build_context`` at ``count`` positions, per budget (one untimed first)."""
    from hive_ls.features.ai_context import build_context

    rng = random.Random(seed)
    pool = _callables(snap, 3, 200)
    picked = rng.sample(pool, min(count, len(pool)))
    places = [(path, _body_offset(entry, sym, rng)) for path, entry, sym in picked]
    build_context(sync, snap, *places[0], budget_tokens=budgets[0])
    out: dict[str, Any] = {"positions": len(places), "budgets": {}}
    for budget in budgets:
        seconds, tokens, items, dropped = [], [], [], 0
        for path, offset in places:
            began = time.perf_counter()
            ctx = build_context(sync, snap, path, offset, budget_tokens=budget)
            ctx.render()
            seconds.append(time.perf_counter() - began)
            tokens.append(ctx.tokens_used)
            items.append(len(ctx.items))
            dropped += ctx.dropped
        summary = summary_ms(seconds)
        out["budgets"][str(budget)] = {
            **summary,
            "mean_tokens_used": round(sum(tokens) / len(tokens), 1),
            "mean_items": round(sum(items) / len(items), 2),
            "empty_contexts": sum(1 for n in items if n == 0),
            "dropped_items": dropped,
            "p95_met": summary["p95_ms"] < CONTEXT_TARGET_MS,
        }
    return out


# ---- 2. completion -------------------------------------------------------------------------


@dataclass(frozen=True)
class Position:
    """A completion position: kind, 0-based line, UTF-16 column, byte offset, prefix typed."""

    kind: str
    line: int
    character: int
    offset: int
    prefix: str


_NOT_COMPLETED_AFTER = {"def", "class", "import", "from", "as", "global", "nonlocal", "."}


def completion_positions(path: Path, per_kind: int, seed: int = 7) -> list[Position]:
    """Seeded positions of each kind in the file, from its tokens (none in strings/comments).

    ``after_self_dot``: just after ``self.`` (nothing typed of the member yet);
    ``identifier_start``: at the start of a name in a function body (nothing typed);
    ``identifier_1_char``: after the first letter of such a name.
    """
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    line_bytes = [0]
    for line in lines:
        line_bytes.append(line_bytes[-1] + len(line.encode("utf-8")) + 1)
    tree = ast.parse(text)
    bodies = [
        (n.body[0].lineno, n.end_lineno or n.lineno)
        for n in ast.walk(tree)
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    ]

    def in_body(row: int) -> bool:
        return any(a <= row <= b for a, b in bodies)

    def position(kind: str, row: int, col: int, prefix: str) -> Position:
        line = lines[row - 1]
        return Position(
            kind,
            row - 1,
            len(line[:col].encode("utf-16-le")) // 2,
            line_bytes[row - 1] + len(line[:col].encode("utf-8")),
            prefix,
        )

    tokens = [
        t
        for t in tokenize.generate_tokens(io.StringIO(text).readline)
        if t.type in (tokenize.NAME, tokenize.OP)
    ]
    found: dict[str, list[Position]] = defaultdict(list)
    keywords = set(__import__("keyword").kwlist) | {"self", "cls"}
    for i, tok in enumerate(tokens):
        if tok.type != tokenize.NAME or not in_body(tok.start[0]):
            continue
        before = tokens[i - 1].string if i else ""
        row, col = tok.start
        if before == "." and i >= 2 and tokens[i - 2].string == "self":
            found["after_self_dot"].append(position("after_self_dot", row, col, ""))
        elif tok.string not in keywords and before not in _NOT_COMPLETED_AFTER:
            found["identifier_start"].append(position("identifier_start", row, col, ""))
            if len(tok.string) > 1:
                found["identifier_1_char"].append(
                    position("identifier_1_char", row, col + 1, tok.string[0])
                )
    rng = random.Random(seed)
    out: list[Position] = []
    for kind in COMPLETION_KINDS:
        pool = found[kind]
        out += sorted(rng.sample(pool, min(per_kind, len(pool))), key=lambda p: p.offset)
    return out


def completion_in_process(sync: Any, snap: Any, path: str, positions: list[Position]) -> dict:
    """``complete`` at the same positions, in process (the server's work without protocol)."""
    from hive_ls.features.completion import complete

    complete(sync, snap, path, positions[0].offset)
    by_kind: dict[str, list[float]] = defaultdict(list)
    empty: dict[str, int] = defaultdict(int)
    for p in positions:
        began = time.perf_counter()
        found = complete(sync, snap, path, p.offset)
        by_kind[p.kind].append(time.perf_counter() - began)
        empty[p.kind] += not found.items
    out = {kind: {**summary_ms(s), "empty": empty[kind]} for kind, s in by_kind.items()}
    out["all"] = summary_ms([s for v in by_kind.values() for s in v])
    return out


def _hive_ls() -> list[str]:
    script = Path(sys.executable).with_name("hive-ls")
    exe = str(script) if script.exists() else shutil.which("hive-ls")
    return [exe] if exe else [sys.executable, "-m", "hive_ls"]


def _cpu_ticks(pid: int) -> int:
    from bench.rss import descendants

    total = 0
    for proc in descendants(pid):
        try:
            with open(f"/proc/{proc}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total


def _wait_idle(pid: int, limit_s: float, window_s: float = 0.5, share: float = 0.05) -> float:
    """Seconds until the server's process tree used < ``share`` of a CPU for two windows."""
    hz = os.sysconf("SC_CLK_TCK")
    began = time.perf_counter()
    quiet = 0
    last = _cpu_ticks(pid)
    while time.perf_counter() - began < limit_s:
        time.sleep(window_s)
        now = _cpu_ticks(pid)
        quiet = quiet + 1 if (now - last) / hz < share * window_s else 0
        last = now
        if quiet >= 2:
            break
    return round(time.perf_counter() - began, 2)


def completion_lsp(
    root: Path, rel: str, positions: list[Position], scratch: Path, limit_s: float = 120.0
) -> dict[str, Any]:
    """Round trips of ``textDocument/completion`` from ``hive-ls serve`` without a model."""
    env = {k: v for k, v in os.environ.items() if k not in ("HIVE_LS_MODEL",)}
    env["HIVE_LS_EMBED_MODEL"] = "none"
    env["HIVE_LS_INDEX_DIR"] = str(scratch / "serve-index")
    log = scratch / "serve.log"
    uri = root.resolve().as_uri()
    folders = [{"uri": uri, "name": root.name}]
    client = Client([*_hive_ls(), "serve"], cwd=root, stderr=log, env=env, folders=folders)
    capabilities = {
        **CLIENT_CAPABILITIES,
        "textDocument": {
            **CLIENT_CAPABILITIES["textDocument"],
            "completion": {"completionItem": {"snippetSupport": False}},
        },
    }
    out: dict[str, Any] = {"file": rel}
    file_uri = (root / rel).resolve().as_uri()

    def params(p: Position) -> dict[str, Any]:
        return {
            "textDocument": {"uri": file_uri},
            "position": {"line": p.line, "character": p.character},
        }

    try:
        client.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": uri,
                "workspaceFolders": folders,
                "capabilities": capabilities,
            },
            timeout=120,
        )
        client.notify("initialized", {})
        text = (root / rel).read_text(encoding="utf-8")
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": file_uri, "languageId": "python", "version": 1, "text": text}},
        )
        took, result = client.timed("textDocument/completion", params(positions[0]), 60)
        out["first_request"] = {
            "sent_s_after_start": round(time.perf_counter() - client.started - took, 3),
            "round_trip_ms": round(took * 1000, 2),
            "items": len(_items(result)),
            "kind": positions[0].kind,
        }
        # while the server starts, a completion per poll: what a user typing then waits
        startup: dict[str, list[float]] = {"while_indexing": [], "while_graph_builds": []}
        turn = iter(range(1 << 30))

        def probe(phase: str) -> None:
            p = positions[next(turn) % len(positions)]
            with contextlib.suppress(Timeout, Failed):
                startup[phase].append(client.timed("textDocument/completion", params(p), 30)[0])

        out["index_complete_s"] = _index_complete(client, limit_s, probe)
        out["graph_ready_s"] = _graph_ready(client, file_uri, text, limit_s, probe)
        out["idle_wait_s"] = _wait_idle(client.proc.pid, 30.0)
        out["startup"] = {phase: summary_ms(seconds) for phase, seconds in startup.items()}
        by_kind: dict[str, list[float]] = defaultdict(list)
        counts: dict[str, list[int]] = defaultdict(list)
        errors: list[str] = []
        examples: dict[str, Any] = {}
        for p in positions:
            try:
                took, result = client.timed("textDocument/completion", params(p), 30)
            except (Timeout, Failed) as exc:
                errors.append(f"{p.kind} {p.line + 1}:{p.character}: {exc}"[:200])
                continue
            items = _items(result)
            by_kind[p.kind].append(took)
            counts[p.kind].append(len(items))
            if p.kind not in examples:
                line = text.split("\n")[p.line]
                examples[p.kind] = {
                    "line": p.line + 1,
                    "text": line.strip()[:80],
                    "first_items": [i.get("label") for i in items[:5]],
                }
        for kind, seconds in by_kind.items():
            n = counts[kind]
            out[kind] = {
                **summary_ms(seconds),
                "empty": sum(1 for c in n if c == 0),
                "median_items": sorted(n)[len(n) // 2],
            }
        out["all"] = summary_ms([s for v in by_kind.values() for s in v])
        out["p95_met"] = out["all"].get("p95_ms", float("inf")) < COMPLETION_TARGET_MS
        out["errors"] = errors
        out["examples"] = examples
    finally:
        client.close()
    return out


def _items(result: Any) -> list[dict[str, Any]]:
    if isinstance(result, dict):
        return list(result.get("items") or [])
    return list(result or [])


def _index_complete(client: Client, limit_s: float, probe: Callable[[str], None]) -> float | None:
    """Seconds from start until ``hive/status`` says the index is complete; ``probe`` between."""
    while time.perf_counter() - client.started < limit_s:
        status = client.request("hive/status", None)
        if status["indexing"]["complete"] and status["files"]:
            return round(time.perf_counter() - client.started, 3)
        probe("while_indexing")
        time.sleep(0.1)
    return None


def _graph_ready(
    client: Client, uri: str, text: str, limit_s: float, probe: Callable[[str], None]
) -> float | None:
    """Seconds from start until ``hive/impact`` answers (the graph is built)."""
    found = re.search(r"^\s*def (\w+)", text, re.M)
    line = text[: found.start(1)].count("\n") if found else 0
    column = found.start(1) - text.rfind("\n", 0, found.start(1)) - 1 if found else 0
    params = {"textDocument": {"uri": uri}, "position": {"line": line, "character": column}}
    while time.perf_counter() - client.started < limit_s:
        try:
            client.request("hive/impact", {**params, "depth": 1}, timeout=60)
            return round(time.perf_counter() - client.started, 3)
        except (Failed, Timeout):
            probe("while_graph_builds")
            time.sleep(0.2)
    return None


# ---- 3. pipeline overhead ------------------------------------------------------------------


def _documented(entry: Any, sym: Any, words: str) -> str | None:
    """The definition's code (dedented) with a docstring added, as a model would answer."""
    data = entry.data
    start = data.rfind(b"\n", 0, sym.span.start) + 1
    code = textwrap.dedent(data[start : sym.span.end].decode("utf-8"))
    try:
        node = ast.parse(code).body[0]
    except (SyntaxError, IndexError):
        return None
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    lines = code.split("\n")
    first = node.body[0].lineno
    if first == node.lineno:
        return None
    body = lines[first - 1]
    indent = body[: len(body) - len(body.lstrip())]
    doc = f'{indent}"""{words} {sym.name.replace("_", " ")}."""'
    return "\n".join([*lines[: first - 1], doc, *lines[first - 1 :]])


class _Replies:
    """What the stub answers each model, for the task being run."""

    def __init__(self) -> None:
        self.code: dict[str, str] = {}

    def __call__(self, request: dict[str, Any]) -> str:
        model = request.get("model", "")
        text = "\n".join(str(m.get("content", "")) for m in request.get("messages", []))
        if model == "val":
            return "VERDICT: accept\nThe docstring is accurate."
        if model == "cur":
            return "CHOICE: 1\nThe first candidate documents the function well."
        if model == "ref":  # echo the candidate it was shown
            model = "gen-a" if "Summarise" in text else "gen-b"
        return f"```python\n{self.code[model]}\n```\nAdded a docstring."


def pipeline(sync: Any, snap: Any, runs: int, seed: int = 5) -> dict[str, Any]:
    """Overhead of ``make_task`` + ``run_task`` beyond the model calls, per configuration."""
    from tests.openai_stub import OpenAIStub

    from hive_ls.features.ai_actions import ActionOffer, make_task, run_task
    from hive_ls.features.ai_check import check_report
    from hive_ls.llm.client import ModelRouter
    from hive_ls.llm.config import LlmConfig

    rng = random.Random(seed)
    pool = [(p, e, s) for p, e, s in _callables(snap, 4, 60) if not s.doc]
    rng.shuffle(pool)
    work = []
    for path, entry, sym in pool:
        a = _documented(entry, sym, "Summarise")
        b = _documented(entry, sym, "Describe")
        if a and b:
            work.append((path, entry, sym, a, b))
        if len(work) > runs:
            break
    replies = _Replies()
    out: dict[str, Any] = {"functions": len(work) - 1, "configs": {}}
    with OpenAIStub(default=replies) as stub:
        # the stub writes headers and body apart: with Nagle's algorithm on, every reply
        # waits for the client's delayed ACK (~40 ms); switched off it answers in ~2 ms
        handler = getattr(getattr(stub, "_server", None), "RequestHandlerClass", None)
        if handler is not None:
            handler.disable_nagle_algorithm = True
        for name, models in (("generator_only", STUB_MODELS), ("all_stages", ALL_STAGE_MODELS)):
            layer = {"endpoint": stub.url, "models": models, "fanout": 2}
            config, problems = LlmConfig.from_layers([("bench", layer)], {})
            if problems:
                raise RuntimeError(f"bench LLM configuration: {problems}")
            router = ModelRouter(config)
            try:
                rows = []
                for i, (path, _entry, sym, a, b) in enumerate(work):
                    kind = ("docstring", "fix")[i % 2]
                    offer = ActionOffer(
                        kind, f"AI: {kind} {sym.name}", path, sym.span.start, sym.span.end,
                        "hive-bench: document or fix this" if kind == "fix" else "",
                    )  # fmt: skip
                    replies.code = {"gen-a": a, "gen-b": b}
                    began = time.perf_counter()
                    task = make_task(sync, snap, offer)
                    built = time.perf_counter()
                    outcome = run_task(router, config, sync, snap, task)
                    ended = time.perf_counter()
                    if i == 0:
                        continue  # warm-up: HTTP client, first connection, imports
                    checks = [
                        check_report(sync, snap, task, c.edits).seconds
                        for c in (outcome.chosen, *outcome.rejected)
                        if c is not None and c.edits
                    ]
                    rows.append(_pipeline_row(outcome, began, built, ended, checks))
            finally:
                router.close()
            out["configs"][name] = _pipeline_summary(rows, models)
    return out


def _pipeline_row(
    outcome: Any, began: float, built: float, ended: float, checks: list[float]
) -> dict[str, Any]:
    per_stage: dict[str, list[float]] = defaultdict(list)
    for record in outcome.stages:
        per_stage[record.stage].append(record.latency_s)
    model_sum = sum(sum(v) for v in per_stage.values())
    critical = sum(max(v) for v in per_stage.values())  # calls of one stage run in parallel
    return {
        "call_latencies_s": [r.latency_s for r in outcome.stages],
        "make_task_s": built - began,
        "run_task_s": ended - built,
        "model_sum_s": model_sum,
        "model_critical_s": critical,
        "calls": len(outcome.stages),
        "cached": sum(1 for r in outcome.stages if r.cached),
        "validation_s": sum(checks),
        "chosen": outcome.chosen is not None,
        "message": outcome.message,
    }


def _pipeline_summary(rows: list[dict[str, Any]], models: dict[str, list[str]]) -> dict:
    def ms(key: str) -> dict[str, Any]:
        return summary_ms([r[key] for r in rows])

    overhead_run = summary_ms([r["run_task_s"] - r["model_sum_s"] for r in rows])
    end_to_end = summary_ms(
        [r["make_task_s"] + r["run_task_s"] - r["model_critical_s"] for r in rows]
    )
    calls = [r["calls"] for r in rows]
    return {
        "models": models,
        "runs": len(rows),
        "chosen": sum(1 for r in rows if r["chosen"]),
        "not_chosen_messages": [r["message"] for r in rows if not r["chosen"]][:3],
        "model_calls_per_run": round(sum(calls) / len(calls), 2) if calls else 0,
        "cached_calls": sum(r["cached"] for r in rows),
        "overhead_run_task": overhead_run,
        "overhead_end_to_end": end_to_end,
        "make_task": ms("make_task_s"),
        "run_task": ms("run_task_s"),
        "model_time_sum": ms("model_sum_s"),
        "model_time_critical_path": ms("model_critical_s"),
        "model_call": summary_ms([x for r in rows for x in r["call_latencies_s"]]),
        "validation_apart": ms("validation_s"),
        "p95_met": end_to_end.get("p95_ms", float("inf")) < PIPELINE_TARGET_MS,
    }
