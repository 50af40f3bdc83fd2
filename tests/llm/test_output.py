"""Answer parsing: fenced blocks, repairs, garbage, call-site blocks, scope and indentation."""

from __future__ import annotations

import pytest

from hive_ls.llm.output import (
    fit_indentation,
    format_answer,
    out_of_scope,
    parse_answer,
    parse_replacement,
)
from hive_ls.llm.types import Task, TextEdit

REGION = 'def area(self):\n        """Area."""\n        return self.w * self.h'
METHOD = Task("fix", "fix it", "shapes.py", "python", REGION, 100, 100 + len(REGION))
FIXED = "def area(self):\n        return self.w * self.h * 1.0"


def edit_text(answer: str, task: Task = METHOD) -> str:
    edit, problem = parse_replacement(answer, task)
    assert edit is not None, problem
    assert (edit.path, edit.start, edit.end) == (task.path, task.start, task.end)
    return edit.new_text


def test_one_fenced_block_with_explanation() -> None:
    answer = "```python\ndef area(self):\n    return self.w * self.h * 1.0\n```\nNow a float."
    parsed = parse_answer(answer, METHOD)
    assert parsed.problem == "" and parsed.explanation == "Now a float."
    assert parsed.edits[0].new_text == FIXED


def test_prose_before_the_block_and_a_missing_closing_fence() -> None:
    answer = "Sure! Here is the fix:\n\n```py\ndef area(self):\n    return self.w * self.h * 1.0\n"
    assert edit_text(answer) == FIXED
    truncated = "```\ndef area(self):\n    return self.w * self.h * 1.0\n``"
    assert edit_text(truncated) == FIXED


def test_an_apology_with_code_is_not_a_refusal() -> None:
    answer = "Sorry, I misread before. Fixed:\n```python\ndef area(self):\n    return 1.0\n```"
    assert edit_text(answer) == "def area(self):\n        return 1.0"


def test_tilde_fences_and_blank_lines_are_trimmed() -> None:
    answer = "~~~python\n\n\ndef area(self):\n    return self.w * self.h * 1.0\n\n~~~"
    assert edit_text(answer) == FIXED


def test_unfenced_code_is_accepted_when_plausible() -> None:
    assert edit_text("def area(self):\n    return self.w * self.h * 1.0\n") == FIXED
    intro = "Here is the corrected method:\ndef area(self):\n    return self.w * self.h * 1.0"
    assert edit_text(intro) == FIXED


def test_indentation_follows_the_region() -> None:
    # the model indented the whole method as it sits in its class
    answer = "```python\n    def area(self):\n        return self.w * self.h * 1.0\n```"
    assert edit_text(answer) == FIXED
    # a region that starts at the beginning of its line keeps that indentation everywhere
    region = "    x = 1\n    y = 2\n"
    task = Task("fix", "", "a.py", "python", region, 0, len(region))
    assert edit_text("```\nx = 1\ny = 3\n```", task) == "    x = 1\n    y = 3\n"
    # tabs in the region, a decorator as first line
    assert fit_indentation("@cache\ndef f():\n    pass", "@cache\n\tdef f():\n\t\treturn 1") == (
        "@cache\n\tdef f():\n\t    pass"
    )


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("", "empty"),
        ("   \n\n", "empty"),
        ("I'm sorry, but I can't help with that.", "declined"),
        ('{"code": "return 1", "ok": true}', "JSON"),
        ("```python\n\n```", "code block is empty"),
        ("The method is correct as written. Nothing needs to change here.", "no code block"),
        (f"```python\n{REGION}\n```", "unchanged"),
    ],
)
def test_garbage_is_rejected_with_a_reason(answer: str, reason: str) -> None:
    edit, problem = parse_replacement(answer, METHOD)
    assert edit is None and reason in problem


def test_explain_answers_are_prose() -> None:
    task = Task("explain", "what does it do?", "a.py", "python", REGION, 0, len(REGION))
    parsed = parse_answer("  It computes the area.  ", task)
    assert (
        parsed.edits == () and parsed.explanation == "It computes the area." and not parsed.problem
    )
    assert parse_answer("", task).problem == "the answer was empty"


def test_out_of_scope() -> None:
    inside = TextEdit("shapes.py", 100, 110, "x")
    assert not out_of_scope(inside, METHOD)
    assert out_of_scope(TextEdit("shapes.py", 90, 110, "x"), METHOD)
    assert out_of_scope(TextEdit("other.py", 100, 110, "x"), METHOD)
    assert out_of_scope(TextEdit("shapes.py", 110, 100, "x"), METHOD)
    scoped = Task("fix", "", "shapes.py", "python", REGION, 100, 150, scope=(("lib.py", 0, 9),))
    assert not out_of_scope(TextEdit("lib.py", 2, 5, ""), scoped)
    edit, problem = parse_replacement("```\nreturn 2\n```", scoped)
    assert edit is None and "outside the allowed scope" in problem


CALLERS = Task(
    "callers",
    "the function now takes a `scale` argument",
    "shapes.py",
    "python",
    "def area(self, scale):",
    100,
    122,
    scope=(("shapes.py", 100, 122), ("main.py", 40, 52), ("report.py", 7, 19)),
)


def test_callers_answer_becomes_several_edits() -> None:
    answer = (
        "I updated both call sites.\n\n"
        "main.py:40-52\n```python\nshape.area(1.0)\n```\n\n"
        "### `report.py:7-19`\n```python\n    s.area(scale=2)\n```\n"
        "Both now pass a scale."
    )
    parsed = parse_answer(answer, CALLERS)
    assert parsed.problem == ""
    assert parsed.edits == (
        TextEdit("main.py", 40, 52, "shape.area(1.0)"),
        TextEdit("report.py", 7, 19, "s.area(scale=2)"),
    )
    assert parsed.explanation == "Both now pass a scale."
    assert parse_answer(format_answer(parsed.edits, CALLERS), CALLERS).edits == parsed.edits


def test_callers_answer_outside_scope_or_unlabelled_is_rejected() -> None:
    outside = "evil.py:0-10\n```python\nimport os; os.system('rm -rf /')\n```"
    assert "outside the allowed scope" in parse_answer(outside, CALLERS).problem
    unlabelled = "```python\nshape.area(1.0)\n```"
    assert "names no site" in parse_answer(unlabelled, CALLERS).problem
