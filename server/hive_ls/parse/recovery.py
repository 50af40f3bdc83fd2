"""Containing a syntax error to its own top-level statement when the parser's recovery cannot.

In Python one missing ``:`` can make tree-sitter read the rest of the file as statements of
the broken one. Code is split into its top-level statements by their indentation (a line that
starts at column 0, outside brackets and strings, opens one; ``else:``, ``except:`` and a
decorated definition stay with what they continue); those that do not line up with the file's
tree are parsed on their own, and the file is parsed again without the statements that still
fail. The result is a tree of every sound statement, at its real offsets, and the errors of the
broken ones where they really are.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tree_sitter import Node, Range, Tree

from hive_ls.base.language import LanguageSpec
from hive_ls.base.span import Span
from hive_ls.parse.chunk import parse_region
from hive_ls.parse.document import point_at
from hive_ls.parse.grammar import parser

_CONTINUING = (b"else", b"elif", b"except", b"finally", b"case", b")", b"]", b"}")
_DEFINITIONS = (b"def ", b"class ", b"async def ", b"@")
_OPEN, _CLOSE = b"([{", b")]}"
_SPECIAL = re.compile(rb"[()\[\]{}#\"'\\\n]")


class Recovered(NamedTuple):
    """A tree of the sound statements, and the spans of the statements left out."""

    tree: Tree
    broken: tuple[Span, ...]
    broken_roots: tuple[Node, ...]


def indented_statements(data: bytes) -> list[Span]:
    """The top-level statements of indentation-structured code, as byte spans.

    A ``def``, ``class`` or decorator at column 0 always opens one, even after a bracket left
    open (the error that broke the statement before).
    """
    starts: list[int] = []
    depth = 0
    quote = b""  # the open string's delimiter
    after_decorator = continued = False
    at = 0
    size = len(data)
    while at < size:
        line_end = data.find(b"\n", at)
        line_end = size if line_end < 0 else line_end + 1
        first = data[at : at + 1]
        if not quote and depth and data.startswith(_DEFINITIONS, at):
            depth = 0  # a bracket left open by a broken statement: this one starts afresh
        opens = (
            not quote
            and depth == 0
            and not continued
            and not after_decorator
            and first not in (b"", b" ", b"\t", b"\n", b"\r", b"#")
            and not data.startswith(_CONTINUING, at)
        )
        if opens:
            starts.append(at)
        if not quote and depth == 0 and first not in (b" ", b"\t", b"#", b"\n", b"\r"):
            after_decorator = first == b"@"
        depth, quote = _scan(data, at, line_end, depth, quote)
        stripped = data[at:line_end].rstrip(b"\r\n")
        continued = stripped.endswith(b"\\") and not quote
        at = line_end
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return [Span(s, e) for s, e in zip(starts, [*starts[1:], size], strict=True) if e > s]


def _scan(data: bytes, at: int, end: int, depth: int, quote: bytes) -> tuple[int, bytes]:
    """Bracket depth and open string after the line ``data[at:end]``.

    Only the bytes that matter are visited (quotes, brackets, ``#``, backslashes, the newline).
    """
    while at < end:
        found = _SPECIAL.search(data, at, end)
        if found is None:
            return depth, quote
        at = found.start()
        char = data[at : at + 1]
        if quote:
            if char == b"\\":
                at += 2
            elif data.startswith(quote, at):
                at += len(quote)
                quote = b""
            else:
                if len(quote) == 1 and char == b"\n":
                    quote = b""  # an unterminated one-line string ends with its line
                at += 1
            continue
        if char == b"#":
            return depth, quote
        if char in (b'"', b"'"):
            triple = char * 3
            quote = triple if data.startswith(triple, at) else char
            at += len(quote)
            continue
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        at += 1
    return depth, quote


def recover(spec: LanguageSpec, data: bytes, tree: Tree) -> Recovered | None:
    """A tree without the broken top-level statements; None when there is nothing to gain."""
    statements = indented_statements(data)
    if len(statements) < 2:
        return None
    aligned = {(c.start_byte, c.end_byte) for c in tree.root_node.children if not c.has_error}
    broken: list[Span] = []
    roots: list[Node] = []
    derailed = False  # a statement sound on its own is misread in the file's tree
    for span in statements:
        text_end = span.start + len(data[span.start : span.end].rstrip())
        if (span.start, text_end) in aligned:
            continue  # the file's own tree reads it as one sound statement
        region = parse_region(spec, data, span)
        if region.tree.root_node.has_error:
            broken.append(span)
            roots.append(region.tree.root_node)
        else:
            derailed = True
    if not derailed or not broken or len(broken) == len(statements):
        return None  # the parser kept the error to its statement: its own tree is better
    kept = _without(Span(0, len(data)), broken)
    p = parser(spec)
    p.included_ranges = [
        Range(point_at(data, s.start), point_at(data, s.end), s.start, s.end) for s in kept
    ]
    try:
        clean = p.parse(data)
    finally:
        p.included_ranges = []
    return Recovered(clean, tuple(broken), tuple(roots))


def _without(whole: Span, holes: list[Span]) -> list[Span]:
    kept, at = [], whole.start
    for hole in sorted(holes):
        if hole.start > at:
            kept.append(Span(at, hole.start))
        at = max(at, hole.end)
    if at < whole.end:
        kept.append(Span(at, whole.end))
    return kept
