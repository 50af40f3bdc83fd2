"""Code as the model sees it: definitions dedented, types summarised, long text cut to fit."""

from __future__ import annotations

from collections.abc import Sequence

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import Symbol
from hive_ls.base.span import Span

TOKEN_BYTES = 4  # one token per four bytes of UTF-8: the usual rate for source code


def estimate_tokens(text: str) -> int:
    """Tokens of ``text``, estimated as one per ``TOKEN_BYTES`` bytes of UTF-8 (rounded up)."""
    return -(-len(text.encode("utf-8")) // TOKEN_BYTES)


def code_of(entry: FileEntry, span: Span) -> str:
    """A definition's text from the start of its first line, dedented."""
    data = entry.data
    start = data.rfind(b"\n", 0, span.start) + 1
    if data[start : span.start].strip():
        start = span.start
    text = data[start : span.end].decode("utf-8", "replace")
    return dedent(text)


def dedent(text: str) -> str:
    """``text`` without the indentation all its lines share."""
    lines = text.split("\n")
    margins = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    margin = min(margins) if margins else 0
    return "\n".join(line[margin:] for line in lines).rstrip()


def comment_marker(entry: FileEntry, snap: Snapshot) -> str:
    """How a line comment starts in the file's language."""
    return snap.spec(entry).comment_prefix or "#"


def summary_line(sym: Symbol, indent: str, comment: str) -> str:
    """A definition's signature with the first line of its documentation as a comment."""
    line = f"{indent}{sym.signature or sym.name}"
    doc = sym.doc.strip().split("\n", 1)[0] if sym.doc else ""
    return f"{line}  {comment} {doc}" if doc else line


def type_summary(entry: FileEntry, index: int, snap: Snapshot) -> str:
    """A type's head (its header, docs and text before its first member) and member signatures."""
    facts = entry.facts
    sym = facts.symbols[index]
    children = facts.children(index)
    if not children:
        return code_of(entry, sym.span)
    first = facts.symbols[children[0]]
    head_end = entry.data.rfind(b"\n", sym.span.start, first.span.start)
    head = code_of(entry, Span(sym.span.start, head_end if head_end > 0 else first.span.start))
    comment = comment_marker(entry, snap)
    lines = [head]
    for child in children:
        lines.append(summary_line(facts.symbols[child], "    ", comment))
    return "\n".join(lines)


def outline(entry: FileEntry, snap: Snapshot) -> str:
    """A file's top-level definitions, one signature a line."""
    comment = comment_marker(entry, snap)
    lines = [summary_line(sym, "", comment) for sym in entry.facts.symbols if sym.parent < 0] or [
        f"{comment} (no definitions)"
    ]
    return "\n".join(lines)


def trim(
    text: str, tokens: int, comment: str, focus_lines: Sequence[int] = (), total: int = 0
) -> str:
    """The head of ``text`` that fits ``tokens``; with ``focus_lines`` (0-based), their window.

    ``total`` is the number of lines of the whole text when ``text`` is already cut.
    """
    lines = text.split("\n")
    room = tokens * TOKEN_BYTES
    if focus_lines:
        focus = focus_lines[0]
        first = max(focus - 2, 1)
        if focus > 3:
            chosen = [lines[0], f"{comment} ..."]
            used = len(lines[0].encode()) + 8
            for line in lines[first:]:
                size = len(line.encode()) + 1
                if used + size > room - 24:
                    break
                chosen.append(line)
                used += size
            if len(chosen) > 2:
                return "\n".join([*chosen, f"{comment} ..."])
    kept: list[str] = []
    used = 0
    for line in lines:
        size = len(line.encode()) + 1
        if used + size > room - 24 and kept:
            break
        if used + size > room:
            kept.append(line.encode()[: max(room - used - 24, 0)].decode("utf-8", "ignore"))
            break
        kept.append(line)
        used += size
    left = max(total, len(lines)) - len(kept)
    return "\n".join([*kept, f"{comment} ... {left} more lines"])
