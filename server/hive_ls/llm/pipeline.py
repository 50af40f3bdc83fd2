"""``Pipeline``: generator fan-out, refiner, validator (checks, then critique) and curator."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import TypeVar

from hive_ls.llm import messages
from hive_ls.llm.client import Completion, ModelRouter, estimate_tokens
from hive_ls.llm.config import LlmConfig
from hive_ls.llm.errors import Failure, LlmCancelled, LlmError
from hive_ls.llm.output import parse_answer
from hive_ls.llm.types import Candidate, Outcome, StageRecord, Task, Verdict

Progress = Callable[[str, str], None]
Check = Callable[[Candidate], Verdict]
T = TypeVar("T")
R = TypeVar("R")

_VERDICT = re.compile(r"VERDICT:\s*\**\s*(accept|reject)", re.IGNORECASE)
_CHOICE = re.compile(r"CHOICE:\s*\**\s*(\d+)", re.IGNORECASE)


@dataclass
class _Draft:
    """A candidate on its way through the stages, with its generator call's latency."""

    candidate: Candidate
    latency_s: float
    duplicates: list[str] = field(default_factory=list)


class _Run:
    """The mutable state of one run: model-call records, money spent, notes."""

    def __init__(self, router: ModelRouter, limit: float, cancel: threading.Event | None) -> None:
        self.router = router
        self.limit = limit
        self.cancel = cancel
        self.records: list[StageRecord] = []
        self.spent = 0.0
        self.cost_stopped = False
        self.errors: list[tuple[str, str]] = []
        self._lock = threading.Lock()

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise LlmCancelled()

    def _affordable(self, stage: str, prompt: str, offset: int) -> bool:
        if self.limit <= 0:
            return True
        chain = self.router.chain(stage)
        ref = chain[offset % len(chain)] if chain else None
        endpoint = self.router.config.endpoint(ref.endpoint if ref else "default")
        estimate = endpoint.cost(estimate_tokens(prompt), 0)
        with self._lock:
            if self.spent > self.limit or self.spent + estimate > self.limit:
                self.cost_stopped = True
                return False
            return True

    def _failures(self, stage: str, failures: Sequence[Failure]) -> None:
        with self._lock:
            self.records.extend(
                StageRecord(stage, f.model, f.endpoint, latency_s=f.latency_s, error=f.error)
                for f in failures
            )

    def call(self, stage: str, chat: list[dict[str, str]], offset: int = 0) -> Completion | None:
        """One stage call; None when it failed or the money ran out (both noted)."""
        self.check_cancel()
        if not self._affordable(stage, "".join(m["content"] for m in chat), offset):
            return None
        try:
            done = self.router.complete(stage, chat, cancel=self.cancel, offset=offset)
        except LlmCancelled as exc:
            self._failures(stage, exc.failures)
            raise
        except LlmError as exc:
            self._failures(stage, exc.failures)
            with self._lock:
                self.errors.append((stage, exc.message))
            return None
        self._failures(stage, done.failures)
        with self._lock:
            self.spent += done.cost_usd
            self.records.append(
                StageRecord(
                    stage,
                    done.model,
                    done.endpoint,
                    prompt_tokens=done.prompt_tokens,
                    completion_tokens=done.completion_tokens,
                    cost_usd=done.cost_usd,
                    latency_s=done.latency_s,
                    cached=done.cached,
                )
            )
        return done


def _parallel(items: Sequence[T], work: Callable[[T], R]) -> list[R]:
    """``work`` over ``items`` in threads, results in order; the first exception is raised."""
    if len(items) <= 1:
        return [work(item) for item in items]
    with ThreadPoolExecutor(max_workers=len(items), thread_name_prefix="hive-ls-llm") as pool:
        futures = [pool.submit(work, item) for item in items]
        errors = [f.exception() for f in futures]
    for error in errors:
        if isinstance(error, LlmCancelled):
            raise error
    for error in errors:
        if error is not None:
            raise error
    return [f.result() for f in futures]


class Pipeline:
    """Runs a task through the model stages; see ``run``."""

    def __init__(self, router: ModelRouter, config: LlmConfig | None = None) -> None:
        self.router = router
        self.config = config or router.config

    def run(
        self,
        task: Task,
        check: Check,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> Outcome:
        """The outcome of ``task``, never raising except ``LlmCancelled``.

        Candidates come from the generators (``fanout``, round-robin over the generator
        models); each is refined, checked (``check``, then the critique model), and the
        curator picks among the survivors. Stages without a configured model
        are skipped. ``progress(stage, message)`` is called before and after each stage.
        ``cancel`` is honoured between and during stages; every other failure is in the
        outcome. ``explain`` tasks only ask the generator, for prose.
        """
        say = progress or (lambda stage, message: None)
        run = _Run(self.router, self.config.max_cost_usd, cancel)
        run.check_cancel()
        if not self.router.chain("generator"):
            reason = self.config.ready() or "no generator model is configured"
            return Outcome(None, message=_sentence(reason))
        if task.kind == "explain":
            return self._explain(task, run, say)
        drafts, rejected, total = self._generate(task, run, say)
        drafts = self._refine(task, run, say, drafts)
        drafts = self._dedupe(drafts)
        drafts, failed = self._validate(task, run, say, drafts, check)
        rejected.extend(failed)
        chosen, chosen_from = self._curate(task, run, say, drafts)
        message = _message(total, rejected, chosen, chosen_from, run, self.config)
        return Outcome(chosen, tuple(rejected), tuple(run.records), message)

    # -- stages -----------------------------------------------------------------------------

    def _explain(self, task: Task, run: _Run, say: Progress) -> Outcome:
        label = str(self.router.chain("generator")[0])
        say("generator", f"asking {label} to explain")
        done = run.call("generator", messages.generator(task))
        if done is None:
            say("generator", "no answer")
            outcome_message = _failure_message(run, self.config, "no explanation")
            return Outcome(None, stages=tuple(run.records), message=outcome_message)
        parsed = parse_answer(done.text, task)
        say("generator", "done")
        if parsed.problem:
            return Outcome(
                None,
                stages=tuple(run.records),
                message=f"No explanation: {parsed.problem} (from {done.label}).",
            )
        chosen = Candidate((), parsed.explanation, done.label, Verdict(True))
        return Outcome(chosen, stages=tuple(run.records), message=f"Explained by {done.label}.")

    def _generate(
        self, task: Task, run: _Run, say: Progress
    ) -> tuple[list[_Draft], list[Candidate], int]:
        models = self.router.chain("generator")
        fanout = self.config.fanout
        if self.config.temperature("generator") == 0.0:
            fanout = min(fanout, len(models))  # the same model at temperature 0 repeats itself
        say("generator", f"asking for {fanout} candidate(s) from {len(models)} model(s)")
        chat = messages.generator(task)
        answers = _parallel(list(range(fanout)), lambda i: run.call("generator", chat, i))
        drafts: list[_Draft] = []
        rejected: list[Candidate] = []
        for done in answers:
            if done is None:
                continue
            parsed = parse_answer(done.text, task)
            if parsed.problem:
                verdict = Verdict(False, (f"unusable answer: {parsed.problem}",))
                rejected.append(Candidate((), parsed.explanation, done.label, verdict))
                self.router.record_outcome(done.label, False, done.latency_s)
            else:
                candidate = Candidate(parsed.edits, parsed.explanation, done.label)
                drafts.append(_Draft(candidate, done.latency_s))
        total = sum(1 for done in answers if done is not None)
        say("generator", f"{total} answer(s), {len(drafts)} usable")
        return drafts, rejected, total

    def _refine(self, task: Task, run: _Run, say: Progress, drafts: list[_Draft]) -> list[_Draft]:
        if not drafts or not self.router.chain("refiner"):
            return drafts
        run.check_cancel()
        say("refiner", f"refining {len(drafts)} candidate(s)")

        def refine(draft: _Draft) -> _Draft:
            done = run.call("refiner", messages.refiner(task, draft.candidate))
            if done is None:
                return draft
            parsed = parse_answer(done.text, task)
            if parsed.problem:
                return draft  # a failed refinement keeps the original candidate
            explanation = parsed.explanation or draft.candidate.explanation
            return replace(
                draft,
                candidate=replace(draft.candidate, edits=parsed.edits, explanation=explanation),
            )

        refined = _parallel(drafts, refine)
        changed = sum(
            1
            for a, b in zip(drafts, refined, strict=True)
            if a.candidate.edits != b.candidate.edits
        )
        say("refiner", f"{changed} of {len(drafts)} refined")
        return refined

    @staticmethod
    def _dedupe(drafts: list[_Draft]) -> list[_Draft]:
        """Identical candidates are checked once; the others' models are remembered."""
        unique: list[_Draft] = []
        for draft in drafts:
            twin = next((u for u in unique if u.candidate.edits == draft.candidate.edits), None)
            if twin is None:
                unique.append(draft)
            else:
                twin.duplicates.append(draft.candidate.model)
        return unique

    def _validate(
        self, task: Task, run: _Run, say: Progress, drafts: list[_Draft], check: Check
    ) -> tuple[list[_Draft], list[Candidate]]:
        if not drafts:
            return drafts, []
        run.check_cancel()
        say("validator", f"checking {len(drafts)} candidate(s)")
        passed: list[_Draft] = []
        rejected: list[Candidate] = []
        for draft in drafts:
            run.check_cancel()
            try:
                verdict = check(draft.candidate)
            except Exception as exc:  # a crashing check must not crash the run
                verdict = Verdict(False, (f"the check failed: {exc}",))
            draft.candidate = replace(draft.candidate, verdict=verdict)
            if verdict.ok:
                passed.append(draft)
            else:
                rejected.append(draft.candidate)
        if passed and self.router.chain("validator"):
            say("validator", f"asking for a critique of {len(passed)} candidate(s)")
            checks = "the edited file parses and passes the code-graph checks"
            if self.config.run_tests:
                checks += " and the selected tests"
            reviewed = _parallel(passed, lambda d: self._critique(task, run, d, checks))
            rejected += [d.candidate for d, ok in zip(passed, reviewed, strict=True) if not ok]
            passed = [d for d, ok in zip(passed, reviewed, strict=True) if ok]
        for draft in drafts:
            ok = draft in passed
            for model in (draft.candidate.model, *draft.duplicates):
                self.router.record_outcome(model, ok, draft.latency_s)
        say("validator", f"{len(passed)} of {len(drafts)} passed")
        return passed, rejected

    def _critique(self, task: Task, run: _Run, draft: _Draft, checks: str) -> bool:
        done = run.call("validator", messages.critique(task, draft.candidate, checks))
        if done is None:
            return True  # no critique: the deterministic checks stand
        match = _VERDICT.search(done.text)
        reasons = _VERDICT.sub("", done.text).strip()
        draft.candidate = replace(draft.candidate, critique=done.text.strip())
        if match and match.group(1).lower() == "reject":
            why = " ".join(reasons.split())[:300] or "no reason given"
            draft.candidate = replace(
                draft.candidate, verdict=Verdict(False, (f"the reviewer model rejected it: {why}",))
            )
            return False
        return True

    def _curate(
        self, task: Task, run: _Run, say: Progress, drafts: list[_Draft]
    ) -> tuple[Candidate | None, str]:
        if not drafts:
            return None, ""
        best = drafts[0].candidate
        if len(drafts) == 1 or not self.router.chain("curator"):
            return _explained(best), best.model
        run.check_cancel()
        say("curator", f"choosing among {len(drafts)} candidates")
        done = run.call("curator", messages.curator(task, [d.candidate for d in drafts]))
        if done is None:
            say("curator", "no choice made: taking the first candidate")
            return _explained(best), best.model
        match = _CHOICE.search(done.text)
        number = int(match.group(1)) if match else 0
        if not 1 <= number <= len(drafts):
            say("curator", "unreadable choice: taking the first candidate")
            return _explained(best), best.model
        chosen = drafts[number - 1].candidate
        explanation = _CHOICE.sub("", done.text, count=1).strip() or chosen.explanation
        say("curator", f"chose candidate {number} ({chosen.model})")
        return replace(chosen, explanation=explanation), f"{chosen.model} (curated by {done.label})"


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _explained(candidate: Candidate) -> Candidate:
    if candidate.explanation.strip():
        return candidate
    return replace(candidate, explanation=f"Proposed by {candidate.model}.")


def _reason(candidate: Candidate) -> str:
    problems = candidate.verdict.problems if candidate.verdict else ()
    text = problems[0] if problems else "rejected"
    return text if len(text) <= 120 else text[:119] + "…"


def _extra(run: _Run, config: LlmConfig) -> str:
    """The second sentence: the cost limit or failed calls, if any."""
    if run.cost_stopped:
        return (
            f" Stopped calling models at the cost limit (${config.max_cost_usd:g}; "
            f"spent about ${run.spent:.4f})."
        )
    if run.errors:
        failed = "; ".join(f"{stage}: {message}" for stage, message in run.errors[:2])
        return " " + _sentence(f"failed calls: {failed}")
    return ""


def _failure_message(run: _Run, config: LlmConfig, what: str) -> str:
    if run.cost_stopped:
        return f"{_sentence(what)[:-1]}: the cost limit (${config.max_cost_usd:g}) was reached."
    if run.errors:
        return f"{_sentence(what)[:-1]}: {run.errors[0][1].rstrip('.')}."
    return _sentence(what)


def _message(
    total: int,
    rejected: Sequence[Candidate],
    chosen: Candidate | None,
    chosen_from: str,
    run: _Run,
    config: LlmConfig,
) -> str:
    if total == 0:
        return _failure_message(run, config, "no candidate")
    summary = _plural(total, "candidate")
    if rejected:
        reasons = "; ".join(_reason(c) for c in rejected[:3])
        every = "all " if len(rejected) >= total and not chosen else ""
        summary += f": {every}{len(rejected)} rejected ({reasons})"
    if chosen is None:
        return f"No usable change from {summary}.{_extra(run, config)}"
    return f"{summary}, chosen from {chosen_from}.{_extra(run, config)}"
