"""Turning syntax into the strings people read: names, signatures and cleaned-up docstrings."""

from __future__ import annotations

import re

from tree_sitter import Node

from hive_ls.base.language import LanguageSpec

MAX_SIGNATURE = 240
_SPACES = re.compile(r"\s+")
_STRING_PREFIX = re.compile(r"^[rRbBuUfF]{0,2}")
_COMMENT_LINE = re.compile(r"^\s*(?:///?|//!|/\*\*?|\*/|\*(?!/)|#|--|;+)?\s?")


def node_text(data: bytes, node: Node) -> str:
    """The source text of ``node``."""
    return data[node.start_byte : node.end_byte].decode("utf-8", "replace")


def signature(data: bytes, node: Node, spec: LanguageSpec) -> str:
    """The header of a definition: its text up to the body, on one line."""
    inner = node.child_by_field_name("definition")  # decorated definitions
    if inner is not None:
        node = inner
    end = -1
    for field_name in spec.body_fields:
        body = node.child_by_field_name(field_name)
        if body is not None and body.start_byte > node.start_byte:
            end = body.start_byte
            break
    if end < 0:
        newline = data.find(b"\n", node.start_byte, node.end_byte)
        end = node.end_byte if newline < 0 else newline
    header = bytearray(data[node.start_byte : end])
    for child in node.children:  # comments between the header's parts are not part of it
        if "comment" in child.type and child.end_byte <= end:
            a, b = child.start_byte - node.start_byte, child.end_byte - node.start_byte
            header[a:b] = b" " * (b - a)
    text = _SPACES.sub(" ", header.decode("utf-8", "replace")).strip()
    text = text.rstrip(":{= ").rstrip()
    if len(text) > MAX_SIGNATURE:
        text = text[: MAX_SIGNATURE - 3].rstrip() + "..."
    return text


def _dedent(lines: list[str]) -> list[str]:
    indents = [len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()]
    margin = min(indents) if indents else 0
    out = [lines[0].strip()] + [line[margin:].rstrip() for line in lines[1:]]
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    return out


def clean_string_doc(raw: str) -> str:
    """A docstring literal without its prefix and quotes, dedented like ``inspect.cleandoc``."""
    text = _STRING_PREFIX.sub("", raw.strip())
    for quote in ('"""', "'''", '"', "'"):
        if text.startswith(quote) and text.endswith(quote) and len(text) >= 2 * len(quote):
            text = text[len(quote) : -len(quote)]
            break
    return "\n".join(_dedent(text.expandtabs().split("\n")))


def clean_comment_doc(raws: list[str]) -> str:
    """Comment lines without their markers (``//``, ``///``, ``/** */``, ``#``, ``*``)."""
    lines: list[str] = []
    for raw in raws:
        body = raw.strip()
        if body.endswith("*/"):
            body = body[:-2]
        for line in body.split("\n"):
            lines.append(_COMMENT_LINE.sub("", line, count=1).rstrip())
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


def clean_doc(data: bytes, nodes: list[Node]) -> str:
    """The documentation carried by ``nodes``: one string literal, or a run of comments."""
    if not nodes:
        return ""
    if len(nodes) == 1 and "string" in nodes[0].type:
        return clean_string_doc(node_text(data, nodes[0]))
    return clean_comment_doc([node_text(data, n) for n in nodes])
