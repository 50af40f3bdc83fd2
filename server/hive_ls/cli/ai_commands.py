"""The ``context`` and ``ask`` commands: what models would see, and the pipeline from a shell."""

from __future__ import annotations

import difflib
import json
import os
import sys
from typing import Any

from hive_ls.analysis.config import load_config
from hive_ls.analysis.graph_sync import symbol_keys
from hive_ls.base.lines import LineIndex
from hive_ls.cli.graph_workspace import Workspace, file_path, load, target_key, user_errors
from hive_ls.cli.workspace import UsageError
from hive_ls.features.ai_actions import ActionOffer, make_task, run_task
from hive_ls.features.ai_context import build_context
from hive_ls.features.graph_lookup import graph_snapshot
from hive_ls.llm.client import ModelRouter
from hive_ls.llm.config import LlmConfig
from hive_ls.llm.errors import LlmError
from hive_ls.llm.types import Outcome, TextEdit

KINDS = ("ask", "explain", "fix", "refactor", "docstring", "tests", "callers")


def _place(space: Workspace, target: str) -> tuple[str, int]:
    """The file and byte offset a target names: ``FILE:LINE`` (that line) or a qualified name."""
    name, _, line = target.rpartition(":")
    if name and line.isdigit():
        path = file_path(space, name)
        entry = graph_snapshot(space.sync).entry(path)
        if entry is None:
            raise UsageError(f"{name} is not an indexed file")
        lines = LineIndex(entry.data)
        first = lines.line_start(min(max(0, int(line) - 1), lines.line_count - 1))
        return path, first + len(entry.data[first:]) - len(entry.data[first:].lstrip(b" \t"))
    with user_errors():
        key = target_key(space, target)
    path = key.partition("::")[0]
    entry = graph_snapshot(space.sync).entry(path)
    if entry is None:
        raise UsageError(f"{target} is not in an indexed file")
    keys = symbol_keys(entry.facts)
    return path, entry.facts.symbols[keys.index(key)].span.start if key in keys else 0


def run_context(root: str, target: str, budget: int, fmt: str, trust: bool = False) -> int:
    """Print the token-budgeted context the AI actions would send for ``target``."""
    if budget < 50:
        raise UsageError("--budget must be at least 50 tokens")
    space = load(root, show_progress=fmt == "text", trust=trust)
    path, offset = _place(space, target)
    context = build_context(space.sync, graph_snapshot(space.sync), path, offset, budget)
    if fmt == "json":
        t = context.target
        print(
            json.dumps(
                {
                    "target": {"qname": t.qname, "path": t.relpath, "line": t.start_line},
                    "items": [
                        {
                            "role": i.role,
                            "qname": i.qname,
                            "path": i.relpath or i.path,
                            "line": i.start_line,
                            "tokens": i.tokens,
                            "score": round(i.score, 4),
                        }
                        for i in context.items
                    ],
                    "tokens": context.tokens_used,
                    "budget": context.budget,
                    "dropped": context.dropped,
                    "text": context.render(),
                },
                indent=2,
            )
        )
    else:
        sys.stdout.write(context.render())
        print(
            f"-- {context.tokens_used}/{context.budget} tokens, {len(context.items)} items, "
            f"{context.dropped} left out",
            file=sys.stderr,
        )
    return 0


def _config(root: str, trust: bool) -> LlmConfig:
    """The AI configuration of ``root`` (its problems are printed when the folder is loaded)."""
    config = load_config(os.path.realpath(root), trust).llm
    reason = config.ready()
    if reason is not None:
        raise UsageError(reason)
    return config


def _diff(space: Workspace, edits: tuple[TextEdit, ...]) -> tuple[str, dict[str, bytes]]:
    """A unified diff of ``edits`` and the new bytes of each edited file."""
    snap = graph_snapshot(space.sync)
    by_path: dict[str, list[TextEdit]] = {}
    for edit in edits:
        by_path.setdefault(edit.path, []).append(edit)
    out: list[str] = []
    new_files: dict[str, bytes] = {}
    for path, changes in sorted(by_path.items()):
        entry = snap.entry(path)
        if entry is None:
            continue
        data = entry.data
        for edit in sorted(changes, key=lambda e: -e.start):
            data = data[: edit.start] + edit.new_text.encode() + data[edit.end :]
        new_files[path] = data
        old_lines = entry.data.decode("utf-8", "replace").splitlines(keepends=True)
        new_lines = data.decode("utf-8", "replace").splitlines(keepends=True)
        name = entry.relpath
        out.extend(difflib.unified_diff(old_lines, new_lines, f"a/{name}", f"b/{name}"))
    return "".join(out), new_files


def run_ask(
    root: str,
    instruction: str,
    at: str,
    kind: str,
    apply: bool,
    fmt: str,
    trust: bool = False,
    allow_risky: bool = False,
) -> int:
    """Run the pipeline for ``instruction`` at ``at``; print the stages and the proposed diff.

    Exit code 0 when a valid proposal came out (written with ``apply``), 1 when none did.
    A change that adds network, process or file-writing calls is written only with
    ``allow_risky`` (exit code 3 otherwise: it is shown, not applied).
    """
    if kind not in KINDS:
        raise UsageError(f"--kind must be one of {', '.join(KINDS)}")
    if not instruction.strip() and kind == "ask":
        raise UsageError('say what you want: hive-ls ask "..." --at FILE:LINE')
    config = _config(root, trust)
    space = load(root, show_progress=fmt == "text", trust=trust)
    path, offset = _place(space, at)
    snap = graph_snapshot(space.sync)
    offer = ActionOffer(kind, instruction, path, offset, offset)

    def progress(stage: str, message: str) -> None:
        print(f"[{stage}] {message}", file=sys.stderr, flush=True)

    with ModelRouter(config) as router:
        try:
            task = make_task(space.sync, snap, offer, instruction)
            outcome = run_task(router, config, space.sync, snap, task, progress)
        except LookupError as exc:
            raise UsageError(str(exc)) from None
        except LlmError as exc:
            print(f"hive-ls: no model answered: {exc.message}", file=sys.stderr)
            return 1
    diff, new_files = _diff(space, outcome.chosen.edits) if outcome.chosen else ("", {})
    if fmt == "json":
        print(json.dumps(_outcome_json(outcome, diff), indent=2))
    else:
        _print_outcome(outcome, diff)
    if outcome.chosen is None or (kind != "explain" and not new_files):
        return 1
    warnings = outcome.chosen.verdict.warnings if outcome.chosen.verdict else ()
    if apply and warnings and not allow_risky:
        print(
            "not applied: the change needs your review first (pass --allow-risky to write it)",
            file=sys.stderr,
        )
        return 3
    if apply:
        for target, data in new_files.items():
            with open(target, "wb") as handle:
                handle.write(data)
        print(f"applied to {len(new_files)} file(s)", file=sys.stderr)
    return 0


def _print_outcome(outcome: Outcome, diff: str) -> None:
    for record in outcome.stages:
        cost = f", ${record.cost_usd:.4f}" if record.cost_usd else ""
        error = f" FAILED: {record.error}" if record.error else ""
        print(
            f"  {record.stage:<9} {record.model} ({record.prompt_tokens}+"
            f"{record.completion_tokens} tokens, {record.latency_s:.2f}s{cost})"
            f"{' cached' if record.cached else ''}{error}",
            file=sys.stderr,
        )
    for rejected in outcome.rejected:
        problems = "; ".join(rejected.verdict.problems) if rejected.verdict else ""
        print(f"  rejected {rejected.model}: {problems}", file=sys.stderr)
    print(outcome.message, file=sys.stderr)
    verdict = outcome.chosen.verdict if outcome.chosen is not None else None
    for warning in verdict.warnings if verdict is not None else ():
        print(f"CHECK FIRST: {warning}", file=sys.stderr)
    if outcome.chosen is not None:
        if diff:
            sys.stdout.write(diff)
        elif outcome.chosen.explanation:
            print(outcome.chosen.explanation)


def _outcome_json(outcome: Outcome, diff: str) -> dict[str, Any]:
    chosen = outcome.chosen
    return {
        "valid": chosen is not None,
        "message": outcome.message,
        "model": chosen.model if chosen else None,
        "explanation": chosen.explanation if chosen else "",
        "warnings": list(chosen.verdict.warnings) if chosen and chosen.verdict else [],
        "diff": diff,
        "rejected": [
            {"model": r.model, "problems": list(r.verdict.problems) if r.verdict else []}
            for r in outcome.rejected
        ],
        "stages": [
            {
                "stage": r.stage,
                "model": r.model,
                "endpoint": r.endpoint,
                "prompt_tokens": r.prompt_tokens,
                "completion_tokens": r.completion_tokens,
                "cost_usd": r.cost_usd,
                "latency_s": round(r.latency_s, 3),
                "cached": r.cached,
                "error": r.error,
            }
            for r in outcome.stages
        ],
    }
