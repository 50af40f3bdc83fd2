"""The pipeline end to end against the stub server: fan-out, checks, critique, curator, limits."""

from __future__ import annotations

import ast
import threading
import time
from typing import Any

import pytest

from hive_ls.llm.errors import LlmCancelled
from hive_ls.llm.pipeline import Pipeline
from hive_ls.llm.types import Candidate, Task, Verdict
from tests.llm.conftest import make_config, make_router
from tests.openai_stub import Delay, OpenAIStub, Status

SOURCE = "class Shape:\n    def area(self):\n        return self.w * self.h\n"
REGION = "def area(self):\n        return self.w * self.h"
START = SOURCE.index("def")
TASK = Task(
    "fix",
    "return a float",
    "shapes.py",
    "python",
    REGION,
    START,
    START + len(REGION),
    context="callers: total = sum(s.area() for s in shapes)",
)
GOOD = "```python\ndef area(self):\n    return float(self.w * self.h)\n```\nNow a float."
OTHER = "```python\ndef area(self):\n    return 1.0 * self.w * self.h\n```"
BROKEN = "```python\ndef area(self):\n    return float(self.w * \n```"


def check(candidate: Candidate) -> Verdict:
    """Apply the edits and parse the file, as the real caller does with tree-sitter."""
    text = SOURCE
    for edit in sorted(candidate.edits, key=lambda e: -e.start):
        text = text[: edit.start] + edit.new_text + text[edit.end :]
    try:
        ast.parse(text)
    except SyntaxError as exc:
        return Verdict(False, (f"does not parse: line {exc.lineno}",))
    return Verdict(True)


def pipeline(api: OpenAIStub, **models: Any) -> Pipeline:
    top = {
        k: v for k, v in models.items() if k not in ("generator", "refiner", "validator", "curator")
    }
    stages = {k: v for k, v in models.items() if k not in top}
    return Pipeline(make_router(make_config(api.url, models=stages, **top)))


def test_fanout_two_one_fails_check_the_other_is_chosen(api: OpenAIStub) -> None:
    api.script("gen-a", BROKEN)
    api.script("gen-b", GOOD)
    events: list[tuple[str, str]] = []
    run = pipeline(api, generator=["gen-a", "gen-b"])
    outcome = run.run(TASK, check, progress=lambda stage, msg: events.append((stage, msg)))
    assert outcome.chosen is not None and outcome.chosen.model == "default:gen-b"
    assert (
        outcome.chosen.edits[0].new_text == "def area(self):\n        return float(self.w * self.h)"
    )
    assert outcome.chosen.explanation == "Now a float." and outcome.chosen.verdict == Verdict(True)
    (bad,) = outcome.rejected
    assert bad.model == "default:gen-a" and bad.verdict == Verdict(
        False, ("does not parse: line 3",)
    )
    assert outcome.message == (
        "2 candidates: 1 rejected (does not parse: line 3), chosen from default:gen-b."
    )
    assert sorted((r.stage, r.model) for r in outcome.stages) == [
        ("generator", "gen-a"),
        ("generator", "gen-b"),
    ]
    assert all(r.prompt_tokens > 0 and r.completion_tokens > 0 for r in outcome.stages)
    history = run.router.history()
    assert history["default:gen-a"].passes == 0 and history["default:gen-b"].passes == 1
    assert [stage for stage, _ in events] == ["generator", "generator", "validator", "validator"]


def test_round_robin_when_fanout_exceeds_models(api: OpenAIStub) -> None:
    api.script("gen-a", GOOD, OTHER)
    run = pipeline(api, generator=["gen-a", "gen-b"], fanout=3)
    outcome = run.run(TASK, check)
    assert sorted(r.model for r in api.chat()) == ["gen-a", "gen-a", "gen-b"]
    assert outcome.chosen is not None


def test_all_rejected(api: OpenAIStub) -> None:
    api.script("gen-a", BROKEN)
    api.script("gen-b", "I'm sorry, I cannot do that.")
    outcome = pipeline(api, generator=["gen-a", "gen-b"]).run(TASK, check)
    assert outcome.chosen is None and len(outcome.rejected) == 2
    assert outcome.message.startswith("No usable change from 2 candidates: all 2 rejected (")
    assert "does not parse: line 3" in outcome.message
    assert "unusable answer: the model declined" in outcome.message


def test_every_endpoint_failing(api: OpenAIStub) -> None:
    api.script("gen-a", *[Status(500)] * 3)
    outcome = pipeline(api, generator="gen-a", fanout=1, retries=2).run(TASK, check)
    assert outcome.chosen is None and outcome.rejected == ()
    assert outcome.message == (
        "No candidate: endpoint 'default' failed for model 'gen-a' "
        "(HTTP 500: stub error 500), after 3 attempts."
    )
    assert [r.error != "" for r in outcome.stages] == [True]


def test_identical_candidates_are_checked_once(api: OpenAIStub) -> None:
    api.script("gen-a", GOOD)
    api.script("gen-b", GOOD)
    checked: list[Candidate] = []

    def counting(candidate: Candidate) -> Verdict:
        checked.append(candidate)
        return check(candidate)

    outcome = pipeline(api, generator=["gen-a", "gen-b"]).run(TASK, counting)
    assert len(checked) == 1 and outcome.chosen is not None
    assert outcome.message.startswith("2 candidates, chosen from default:gen-")


def test_a_crashing_check_rejects(api: OpenAIStub) -> None:
    def crash(candidate: Candidate) -> Verdict:
        raise RuntimeError("tree-sitter exploded")

    outcome = pipeline(api, generator="gen-a", fanout=1).run(TASK, crash)
    assert outcome.chosen is None
    assert "the check failed: tree-sitter exploded" in outcome.message


def test_refiner_and_critique_see_the_expected_prompts(api: OpenAIStub) -> None:
    api.script("gen-a", GOOD)
    api.script("gen-b", OTHER)

    def refine(request: dict[str, Any]) -> str:
        prompt = request["messages"][-1]["content"]
        if "float(self.w * self.h)" in prompt:
            return "```python\ndef area(self) -> float:\n    return float(self.w * self.h)\n```"
        return "no idea"  # unusable: the candidate stays as it was

    def critique(request: dict[str, Any]) -> str:
        prompt = request["messages"][-1]["content"]
        if "-> float" in prompt:
            return "VERDICT: accept\nTyped and correct."
        return "VERDICT: reject\nMultiplying by 1.0 is obscure."

    api.default = "unused"
    api.script("ref", refine, refine)
    api.script("critic", critique, critique)
    run = pipeline(
        api, generator=["gen-a", "gen-b"], refiner="ref", validator="critic", curator="cur"
    )
    outcome = run.run(TASK, check)

    refiner_prompts = sorted(r.messages[-1]["content"] for r in api.chat("ref"))
    assert len(refiner_prompts) == 2
    for prompt, code in zip(
        refiner_prompts, ["1.0 * self.w * self.h", "float(self.w * self.h)"], strict=True
    ):
        assert "Task (fix): return a float" in prompt
        assert '<data name="candidate"' in prompt and code in prompt
        assert '<data name="region"' in prompt and '<data name="context"' in prompt
        assert "Review the proposal" in prompt
    system = api.chat("ref")[0].messages[0]
    assert system["role"] == "system" and "DATA, never" in system["content"]

    critic_prompts = [r.messages[-1]["content"] for r in api.chat("critic")]
    assert len(critic_prompts) == 2
    assert all(
        "VERDICT: accept" in p and "Automatic checks already passed" in p for p in critic_prompts
    )
    assert all(r.body["temperature"] == 0.0 for r in api.chat("critic"))

    assert outcome.chosen is not None and outcome.chosen.model == "default:gen-a"
    assert "def area(self) -> float:" in outcome.chosen.edits[0].new_text
    assert outcome.chosen.critique == "VERDICT: accept\nTyped and correct."
    (rejected,) = outcome.rejected
    assert rejected.model == "default:gen-b" and rejected.verdict is not None
    assert (
        "reviewer model rejected it: Multiplying by 1.0 is obscure." in rejected.verdict.problems[0]
    )
    assert api.chat("cur") == []  # one survivor: no curator call
    stages = sorted(r.stage for r in outcome.stages)
    assert stages == ["generator"] * 2 + ["refiner"] * 2 + ["validator"] * 2


def test_curator_picks_among_survivors(api: OpenAIStub) -> None:
    api.script("gen-a", GOOD)
    api.script("gen-b", OTHER)
    api.script("critic", "VERDICT: accept", "VERDICT: accept")
    api.script("cur", "CHOICE: 2\nThe second candidate keeps the multiplication explicit.")
    run = pipeline(api, generator=["gen-a", "gen-b"], validator="critic", curator="cur")
    outcome = run.run(TASK, check)
    (request,) = api.chat("cur")
    prompt = request.messages[-1]["content"]
    assert "Candidate 1:" in prompt and "Candidate 2:" in prompt and "CHOICE: N" in prompt
    assert '<data name="note 1"' in prompt  # the generator's explanation, as data
    assert outcome.chosen is not None and outcome.rejected == ()
    chosen_code = outcome.chosen.edits[0].new_text
    assert chosen_code in prompt.split("Candidate 2:")[1]
    assert outcome.chosen.explanation == "The second candidate keeps the multiplication explicit."
    assert outcome.message == "2 candidates, chosen from default:gen-b (curated by default:cur)."


def test_cost_limit_stops_later_stages(api: OpenAIStub) -> None:
    api.script("gen-a", GOOD)
    config_extra = {"endpoints": {"default": {"price_out": 1000.0}}}
    config = make_config(
        api.url,
        config_extra,
        models={"generator": "gen-a", "refiner": "ref", "validator": "critic"},
        fanout=1,
        max_cost_usd=0.001,
    )
    outcome = Pipeline(make_router(config)).run(TASK, check)
    assert api.chat("ref") == [] and api.chat("critic") == []
    assert outcome.chosen is not None  # the deterministic check still ran
    assert "Stopped calling models at the cost limit ($0.001" in outcome.message
    assert outcome.stages[0].cost_usd > 0.001


def test_cost_limit_before_any_call(api: OpenAIStub) -> None:
    config = make_config(
        api.url,
        {"endpoints": {"default": {"price_in": 1_000_000.0}}},
        models={"generator": "gen-a"},
        max_cost_usd=0.01,
    )
    outcome = Pipeline(make_router(config)).run(TASK, check)
    assert api.requests == [] and outcome.chosen is None
    assert outcome.message == "No candidate: the cost limit ($0.01) was reached."


def test_explain(api: OpenAIStub) -> None:
    api.script("gen-a", "It multiplies width by height.")
    task = Task("explain", "what does this do?", "shapes.py", "python", REGION, START, START + 10)

    def never(candidate: Candidate) -> Verdict:
        raise AssertionError("explain answers are not checked")

    outcome = pipeline(api, generator=["gen-a", "gen-b"], refiner="ref").run(task, never)
    assert outcome.chosen is not None and outcome.chosen.edits == ()
    assert outcome.chosen.explanation == "It multiplies width by height."
    assert outcome.message == "Explained by default:gen-a."
    (request,) = api.chat()
    assert request.model == "gen-a" and "Explain the code" in request.messages[-1]["content"]


def test_not_configured(api: OpenAIStub) -> None:
    outcome = pipeline(api).run(TASK, check)
    assert outcome.chosen is None
    assert outcome.message == (
        "No model configured: set HIVE_LS_MODEL or [llm.models] in .hive/config.toml."
    )


def test_cancellation_mid_generation(api: OpenAIStub) -> None:
    api.script("gen-a", Delay(5.0))
    api.script("gen-b", Delay(5.0))
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    began = time.monotonic()
    with pytest.raises(LlmCancelled):
        pipeline(api, generator=["gen-a", "gen-b"]).run(TASK, check, cancel=cancel)
    assert time.monotonic() - began < 1.0


def test_cancellation_between_stages(api: OpenAIStub) -> None:
    cancel = threading.Event()

    def cancelling_check(candidate: Candidate) -> Verdict:
        cancel.set()
        return check(candidate)

    api.script("gen-a", GOOD)
    with pytest.raises(LlmCancelled):
        pipeline(api, generator="gen-a", validator="critic", fanout=1).run(
            TASK, cancelling_check, cancel=cancel
        )
    assert api.chat("critic") == []


CALLERS = Task(
    "callers",
    "area() now takes a scale",
    "shapes.py",
    "python",
    "def area(self, scale):",
    0,
    22,
    scope=(("main.py", 40, 52), ("report.py", 7, 19)),
)


def test_callers_task_gives_several_edits_and_rejects_out_of_scope(api: OpenAIStub) -> None:
    api.script(
        "gen-a",
        "main.py:40-52\n```python\nshape.area(1)\n```\nreport.py:7-19\n```python\ns.area(2)\n```",
    )
    api.script("gen-b", "setup.py:0-5\n```python\nimport evil\n```")
    outcome = pipeline(api, generator=["gen-a", "gen-b"]).run(CALLERS, lambda c: Verdict(True))
    assert outcome.chosen is not None
    assert [(e.path, e.start, e.end, e.new_text) for e in outcome.chosen.edits] == [
        ("main.py", 40, 52, "shape.area(1)"),
        ("report.py", 7, 19, "s.area(2)"),
    ]
    (bad,) = outcome.rejected
    assert bad.verdict is not None and "outside the allowed scope" in bad.verdict.problems[0]
    prompt = api.chat("gen-a")[0].messages[-1]["content"]
    assert "- main.py:40-52\n- report.py:7-19" in prompt
