"""The values the AI pipeline passes around: tasks, proposed edits, candidates and verdicts.

Offsets are bytes into UTF-8, as everywhere inside hive-ls.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TextEdit:
    """Replace ``[start, end)`` bytes of the file at ``path`` with ``new_text``."""

    path: str
    start: int
    end: int
    new_text: str


@dataclass(frozen=True)
class Task:
    """What a person asked for, and where.

    ``kind`` is one of ``explain``, ``fix``, ``refactor``, ``docstring``, ``tests``,
    ``callers`` or ``ask`` (free instruction). ``region`` is the text the edit may replace
    (the enclosing definition, or the selection), at ``[start, end)`` of ``path``; ``scope``
    lists every ``(path, start, end)`` an edit may touch (the region, and for ``callers`` the
    call sites), so anything else is out of scope and rejected. ``context`` is the
    token-budgeted context (callers, callees, types, tests) as text.
    """

    kind: str
    instruction: str
    path: str
    language: str
    region: str
    start: int
    end: int
    context: str = ""
    scope: tuple[tuple[str, int, int], ...] = ()
    diagnostic: str = ""


@dataclass(frozen=True)
class Verdict:
    """What a check found: ``ok`` when nothing is wrong; ``problems`` say what is, one each.

    ``warnings`` name what a valid edit does that a person must agree to first (it adds a
    network call, starts a process, writes files).
    """

    ok: bool
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class StageRecord:
    """One model call of the pipeline: which stage and model, cost in tokens, money and time."""

    stage: str
    model: str
    endpoint: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    latency_s: float = 0.0
    cached: bool = False
    error: str = ""


@dataclass(frozen=True)
class Candidate:
    """A proposed change (edits, possibly none for ``explain``), who made it and why."""

    edits: tuple[TextEdit, ...]
    explanation: str
    model: str
    verdict: Verdict | None = None
    critique: str = ""


@dataclass(frozen=True)
class Outcome:
    """The pipeline's answer, and how it came about.

    The chosen candidate (None when nothing valid came out), the rejected ones with their
    verdicts, every model call, and a message for people.
    """

    chosen: Candidate | None
    rejected: tuple[Candidate, ...] = ()
    stages: tuple[StageRecord, ...] = field(default=())
    message: str = ""
