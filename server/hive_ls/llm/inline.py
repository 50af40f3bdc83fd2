"""One quick model call for completions at the cursor (no pipeline: speed matters more here)."""

from __future__ import annotations

import threading

from hive_ls.llm.client import ModelRouter
from hive_ls.llm.messages import Messages
from hive_ls.llm.prompts import data_block, render

MAX_PREFIX = 3000
MAX_SUFFIX = 1000
MAX_TOKENS = 128


def completion_messages(
    path: str, language: str, prefix: str, suffix: str, context: str
) -> Messages:
    """The chat asking for the text to insert at the cursor."""
    user = render(
        "complete",
        path=path,
        language=language,
        prefix=data_block("before", prefix[-MAX_PREFIX:]),
        suffix=data_block("after", suffix[:MAX_SUFFIX]),
        context=data_block("context", context) if context else "(none)",
    )
    return [{"role": "system", "content": render("system")}, {"role": "user", "content": user}]


def insertion(answer: str) -> str:
    """The text to insert from a model's answer: its first fenced block, else the answer."""
    text = answer.strip("\n")
    if "```" in text:
        body = text.split("```", 2)[1]
        first, _, rest = body.partition("\n")
        text = rest if first.strip().isidentifier() or not first.strip() else body
    return text.rstrip()


def suggest(
    router: ModelRouter,
    path: str,
    language: str,
    prefix: str,
    suffix: str,
    context: str = "",
    cancel: threading.Event | None = None,
) -> str:
    """The generator's suggestion for the cursor between ``prefix`` and ``suffix``."""
    messages = completion_messages(path, language, prefix, suffix, context)
    answer = router.complete(
        "generator", messages, cancel=cancel, temperature=0.2, max_tokens=MAX_TOKENS
    )
    return insertion(answer.text)
