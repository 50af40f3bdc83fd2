"""Turning model answers into ``TextEdit``s: fenced-block extraction, repair and scope checks.

Answer formats (the prompts ``format-region.md`` and ``format-callers.md`` ask for them):

* region tasks (``fix``, ``refactor``, ``docstring``, ``tests``, ``ask``): ONE fenced code
  block holding the complete replacement of ``Task.region``, then optional prose. Repairs: a
  missing closing fence, a language tag, prose before the block; with no fence at all, an
  answer that is plausibly code as a whole is accepted. Leading/trailing blank lines are
  dropped and the code is re-indented to the region's indentation;
* ``callers`` tasks: for each changed site a line with its label ``path:start-end`` (byte
  offsets, copied from the prompt's list of sites, which are ``Task.scope``), then a fenced
  block with the site's complete new text; prose may follow the last block;
* ``explain`` tasks: prose, no edit.

Nothing outside ``Task.scope`` (default: the region) is ever returned.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass

from hive_ls.llm.types import Task, TextEdit

MAX_EXPLANATION = 1500

_OPEN = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*)$")
_REFUSAL = re.compile(
    r"^(i'?m sorry|i am sorry|sorry\b|i can'?t|i cannot|i won'?t|i will not|i'?m unable|"
    r"i am unable|as an ai|unfortunately,? i)",
    re.IGNORECASE,
)
_PROSE = re.compile(r"^[A-Z][\w',-]*(\s+\S+){3,}[.!?]$")
_INTRO = re.compile(r"^(?!\s)[A-Z][^`]*:$")
_CODEISH = re.compile(r"[()\[\]{}=;:<>\"']|^\s")
_LABEL = re.compile(
    r"^[ \t]*(?:#+[ \t]*|[-*][ \t]+)?(?:\*\*|`)?[ \t]*(?:site[ \t]*\d*[ \t]*[:.)-]?[ \t]*)?"
    r"`?(?P<path>[^\s`*]+?):(?P<start>\d+)-(?P<end>\d+)`?(?:\*\*)?[ \t]*:?[ \t]*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Parsed:
    """What an answer holds: the edits, the prose after the code, and why it is unusable.

    ``problem`` is empty when the answer is usable.
    """

    edits: tuple[TextEdit, ...]
    explanation: str = ""
    problem: str = ""


@dataclass(frozen=True)
class _Block:
    body: list[str]
    first: int  # line index of the opening fence
    last: int  # line index of the closing fence (len(lines) when missing)


def scope_of(task: Task) -> tuple[tuple[str, int, int], ...]:
    """Every ``(path, start, end)`` an edit for ``task`` may touch."""
    return task.scope or ((task.path, task.start, task.end),)


def out_of_scope(edit: TextEdit, task: Task) -> bool:
    """True unless ``edit`` lies inside one of the task's allowed spans."""
    if edit.start > edit.end:
        return True
    return not any(
        path == edit.path and start <= edit.start and edit.end <= end
        for path, start, end in scope_of(task)
    )


def site_label(path: str, start: int, end: int) -> str:
    """The ``path:start-end`` label of a span, as written in prompts and answers."""
    return f"{path}:{start}-{end}"


def parse_answer(text: str, task: Task) -> Parsed:
    """The edits of a generator/refiner answer to ``task`` (see the module docstring)."""
    if task.kind == "explain":
        prose = text.strip()
        return Parsed((), prose, "" if prose else "the answer was empty")
    problem = _garbage(text)
    if problem:
        return Parsed((), "", problem)
    if task.kind == "callers":
        return _parse_sites(text, task)
    code, explanation, problem = _extract(text, task.region)
    if code is None:
        return Parsed((), "", problem)
    new_text = fit_indentation(code, task.region)
    if new_text == task.region:
        return Parsed((), explanation, "the answer repeats the region unchanged")
    edit = TextEdit(task.path, task.start, task.end, new_text)
    if out_of_scope(edit, task):
        return Parsed((), explanation, f"the region {_label(edit)} is outside the allowed scope")
    return Parsed((edit,), explanation, "")


def parse_replacement(text: str, task: Task) -> tuple[TextEdit | None, str]:
    """The single edit replacing ``task.region``, or None and the reason it is unusable."""
    parsed = parse_answer(text, task)
    if parsed.problem:
        return None, parsed.problem
    if len(parsed.edits) != 1:
        return None, "the answer does not hold exactly one edit"
    return parsed.edits[0], ""


def format_answer(edits: tuple[TextEdit, ...], task: Task) -> str:
    """``edits`` written in the answer format of ``task`` (to show a candidate to a model)."""
    fence = "```" + _fence_tag(task.language)
    if task.kind != "callers":
        return "\n".join(f"{fence}\n{_unfenced(e.new_text)}\n```" for e in edits)
    return "\n\n".join(f"{_label(e)}\n{fence}\n{_unfenced(e.new_text)}\n```" for e in edits)


def fit_indentation(code: str, region: str) -> str:
    """``code`` re-indented to stand where ``region`` stood.

    The first line takes the region's own leading whitespace (none when the region starts
    mid-line); later lines keep their indentation relative to each other, shifted so that
    the least indented of them lines up with the least indented later line of the region.
    The region's leading blank lines and trailing whitespace are kept.
    """
    head = region[: len(region) - len(region.lstrip())]
    tail = region[len(region.rstrip()) :]
    cut = head.rfind("\n") + 1
    blank_head, first_ws = head[:cut], head[cut:]
    region_rest = [line for line in region.strip().split("\n")[1:] if line.strip()]
    lines = textwrap.dedent(code).split("\n")
    out = [first_ws + lines[0].lstrip()]
    code_rest = [line for line in lines[1:] if line.strip()]
    if code_rest:
        if region_rest:
            base = min((_indent(line) for line in region_rest), key=len)
            shift = min(len(_indent(line)) for line in code_rest)
        else:
            base, shift = first_ws, 0
        out.extend(base + line[shift:] if line.strip() else "" for line in lines[1:])
    else:
        out.extend("" for _ in lines[1:])
    return blank_head + "\n".join(out) + tail


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _label(edit: TextEdit) -> str:
    return site_label(edit.path, edit.start, edit.end)


def _fence_tag(language: str) -> str:
    return re.sub(r"[^\w+#.-]", "", language.lower())


def _unfenced(text: str) -> str:
    return text.strip("\n")


def _garbage(text: str) -> str:
    """Why ``text`` cannot hold code at all, or ``""``."""
    stripped = text.strip()
    if not stripped:
        return "the answer was empty"
    if _REFUSAL.match(stripped) and not re.search(r"^[ \t]*(`{3,}|~{3,})", text, re.MULTILINE):
        return f"the model declined: {stripped.splitlines()[0][:80]}"
    return ""


def _blocks(lines: list[str]) -> list[_Block]:
    """The fenced blocks of ``lines``; an unclosed last block runs to the end."""
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        match = _OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        fence = match["fence"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not closing.match(lines[j]):
            j += 1
        body = lines[i + 1 : j]
        if j == len(lines):  # repair: no closing fence; drop a truncated one
            while body and re.fullmatch(r"[ \t]*[`~]{1,2}[ \t]*", body[-1]):
                body.pop()
        blocks.append(_Block(body, i, j))
        i = j + 1
    return blocks


def _trim(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _extract(text: str, region: str) -> tuple[str | None, str, str]:
    """(code, explanation, problem) of a one-block answer."""
    lines = text.replace("\r\n", "\n").split("\n")
    blocks = _blocks(lines)
    for block in blocks:
        body = _trim(block.body)
        if body:
            after = "\n".join(lines[block.last + 1 :]).strip()
            return "\n".join(body), _explanation(after), ""
    if blocks:
        return None, "", "the code block is empty"
    stripped = text.strip()
    if _is_json(stripped) and not region.lstrip().startswith(("{", "[")):
        return None, "", "the answer is JSON, not code"
    body = _trim(lines)
    while body and _INTRO.match(body[0].strip()) and len(body[0].split()) > 2:
        body = _trim(body[1:])  # repair: "Here is the fixed function:" before unfenced code
    if body and _plausible_code(body, region):
        return "\n".join(body), "", ""
    return None, "", "the answer holds no code block"


def _explanation(text: str) -> str:
    """Prose after the code, up to any further code block, shortened."""
    cut = re.search(r"^[ \t]*(?:`{3,}|~{3,})", text, re.MULTILINE)
    prose = (text[: cut.start()] if cut else text).strip()
    return prose if len(prose) <= MAX_EXPLANATION else prose[: MAX_EXPLANATION - 1] + "…"


def _is_json(text: str) -> bool:
    if not text.startswith(("{", "[")):
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _plausible_code(lines: list[str], region: str) -> bool:
    """Whether an unfenced answer is code rather than prose."""
    body = [line for line in lines if line.strip()]
    if any(_PROSE.match(line.strip()) and not line[:1].isspace() for line in body):
        return False
    first_region = region.strip().split(None, 1)
    first_answer = body[0].strip().split(None, 1)
    if first_region and first_answer and first_region[0] == first_answer[0]:
        return True
    codeish = sum(1 for line in body if _CODEISH.search(line))
    return codeish * 2 >= len(body)


def _parse_sites(text: str, task: Task) -> Parsed:
    """The edits of a ``callers`` answer: label lines, each followed by one fenced block."""
    lines = text.replace("\r\n", "\n").split("\n")
    blocks = _blocks(lines)
    if not blocks:
        return Parsed((), "", "the answer holds no code block")
    allowed = set(scope_of(task))
    edits: list[TextEdit] = []
    seen: set[tuple[str, int, int]] = set()
    previous_end = -1
    for block in blocks:
        label = None
        for k in range(block.first - 1, previous_end, -1):
            if lines[k].strip():
                label = _LABEL.match(lines[k])
                break
        previous_end = block.last
        if label is None:
            continue
        span = (label["path"], int(label["start"]), int(label["end"]))
        if span not in allowed:
            return Parsed(
                (), "", f"the answer edits {site_label(*span)}, outside the allowed scope"
            )
        if span in seen:
            continue
        seen.add(span)
        code = "\n".join(_trim(block.body))
        edits.append(TextEdit(span[0], span[1], span[2], textwrap.dedent(code).lstrip()))
    if not edits:
        return Parsed((), "", "the answer names no site (a `path:start-end` line before a block)")
    after = "\n".join(lines[blocks[-1].last + 1 :]).strip()
    return Parsed(tuple(edits), _explanation(after), "")
