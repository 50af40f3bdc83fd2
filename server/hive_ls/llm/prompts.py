"""Prompt templates (``prompts/*.md``, shipped as package data) and their ``{placeholder}`` filling.

A placeholder is a lowercase name in single braces; any other brace (``{{name}}``
included) is literal text. Loading
a template whose placeholders are not all in ``PLACEHOLDERS`` is an error, and so is
rendering without a value for one of them. Values are substituted in one pass, so workspace
text that happens to contain ``{region}`` stays as it is. Workspace text goes through
``data_block`` so that the model can tell data from instructions (see ``system.md``).
"""

from __future__ import annotations

import functools
import hashlib
import re
from importlib import resources

PLACEHOLDERS = frozenset(
    {
        "answer_format",
        "candidate",
        "candidates",
        "checks",
        "context",
        "diagnostic",
        "guidance",
        "instruction",
        "kind",
        "language",
        "path",
        "prefix",
        "region",
        "sites",
        "suffix",
    }
)

_FIELD = re.compile(r"(?<!\{)\{([a-z_]+)\}(?!\})")


class PromptError(ValueError):
    """A template is missing, uses an unknown placeholder, or lacks a value."""


@functools.cache
def load(name: str) -> str:
    """The text of ``prompts/<name>.md``; ``PromptError`` if missing or it has unknown fields."""
    if not re.fullmatch(r"[a-z][a-z0-9-]*", name):
        raise PromptError(f"invalid prompt name {name!r}")
    source = resources.files("hive_ls.llm").joinpath("prompts").joinpath(f"{name}.md")
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PromptError(f"no prompt template named {name!r}") from None
    return validate(name, text)


def validate(name: str, text: str) -> str:
    """``text`` (stripped, one final newline) if all its placeholders are known."""
    unknown = sorted(set(fields(text)) - PLACEHOLDERS)
    if unknown:
        raise PromptError(f"prompt {name!r} uses unknown placeholders: {', '.join(unknown)}")
    return text.strip() + "\n"


def fields(template: str) -> list[str]:
    """The placeholder names of ``template``, in order of appearance."""
    return _FIELD.findall(template)


def render(name: str, **values: str) -> str:
    """``prompts/<name>.md`` with its placeholders filled; extra values are ignored."""
    template = load(name)
    missing = sorted(set(fields(template)) - set(values))
    if missing:
        raise PromptError(f"prompt {name!r} needs values for: {', '.join(missing)}")
    return _FIELD.sub(lambda m: values[m.group(1)], template)


def data_block(label: str, text: str) -> str:
    """``text`` between ``<data>`` lines labelled ``label``.

    The id derives from ``text``, so the text cannot contain its own closing line.
    """
    tag = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    body = text if text.endswith("\n") or not text else text + "\n"
    return f'<data name="{label}" id="{tag}">\n{body}</data id="{tag}">'
