"""The chat messages of each pipeline stage, rendered from the prompt templates."""

from __future__ import annotations

from collections.abc import Sequence

from hive_ls.llm.output import format_answer, scope_of, site_label
from hive_ls.llm.prompts import PromptError, data_block, load, render
from hive_ls.llm.types import Candidate, Task

Messages = list[dict[str, str]]


def _chat(user: str) -> Messages:
    return [{"role": "system", "content": render("system")}, {"role": "user", "content": user}]


def _guidance(kind: str) -> str:
    try:
        load(f"kind-{kind}")
    except PromptError:
        return render("kind-ask").strip()
    return render(f"kind-{kind}").strip()


def _values(task: Task) -> dict[str, str]:
    """The placeholders every stage shares; workspace text inside data blocks."""
    answer_format = "format-callers" if task.kind == "callers" else "format-region"
    diagnostic = ""
    if task.diagnostic.strip():
        diagnostic = (
            f"\nThe diagnostic reported there:\n\n{data_block('diagnostic', task.diagnostic)}\n"
        )
    if task.kind == "callers":
        sites = "\n".join(f"- {site_label(*span)}" for span in scope_of(task))
    else:
        sites = f"- the region above only ({site_label(task.path, task.start, task.end)})"
    return {
        "kind": task.kind,
        "instruction": task.instruction.strip() or "(no further instruction)",
        "guidance": _guidance(task.kind),
        "path": task.path,
        "language": task.language,
        "region": data_block("region", task.region),
        "context": data_block("context", task.context) if task.context.strip() else "(none)",
        "diagnostic": diagnostic,
        "sites": sites,
        "answer_format": render(answer_format, language=task.language).strip(),
    }


def generator(task: Task) -> Messages:
    """Ask for a candidate (or, for ``explain``, for prose)."""
    if task.kind == "explain":
        return _chat(render("explain", **_values(task)))
    return _chat(render("generator", **_values(task)))


def refiner(task: Task, candidate: Candidate) -> Messages:
    """Ask to review and improve one candidate, answering in the same format."""
    shown = data_block("candidate", format_answer(candidate.edits, task))
    return _chat(render("refiner", candidate=shown, **_values(task)))


def critique(task: Task, candidate: Candidate, checks: str) -> Messages:
    """Ask for ``VERDICT: accept|reject`` on one candidate that passed ``checks``."""
    shown = data_block("candidate", format_answer(candidate.edits, task))
    return _chat(render("critique", candidate=shown, checks=checks, **_values(task)))


def curator(task: Task, candidates: Sequence[Candidate]) -> Messages:
    """Ask for ``CHOICE: N`` among surviving candidates, and an explanation for people."""
    parts = []
    for number, candidate in enumerate(candidates, 1):
        shown = data_block(f"candidate {number}", format_answer(candidate.edits, task))
        note = ""
        if candidate.explanation.strip():
            note = f"\nIts author's note:\n{data_block(f'note {number}', candidate.explanation)}"
        parts.append(f"Candidate {number}:\n{shown}{note}")
    return _chat(render("curator", candidates="\n\n".join(parts), **_values(task)))
