"""Parsing one region of a file on its own, for questions about a file that is not open."""

from __future__ import annotations

from tree_sitter import Range

from hive_ls.base.language import LanguageSpec
from hive_ls.base.span import Span
from hive_ls.parse.document import ParsedDocument, point_at
from hive_ls.parse.grammar import parser


def parse_region(spec: LanguageSpec, data: bytes, span: Span) -> ParsedDocument:
    """A tree of ``data[span]`` alone, with byte offsets still those of the whole file.

    A top-level item parses the same on its own as in its file, at a fraction of the cost.
    """
    start, end = max(span.start, 0), min(span.end, len(data))
    ranges = [Range(point_at(data, start), point_at(data, end), start, end)]
    tag = data.find(spec.opening_tag.encode(), 0, start) if spec.opening_tag and start else -1
    if tag >= 0:  # PHP code is code only after its `<?php`
        after = tag + len(spec.opening_tag.encode())
        ranges.insert(0, Range(point_at(data, tag), point_at(data, after), tag, after))
    p = parser(spec)
    p.included_ranges = ranges
    try:
        tree = p.parse(data)
    finally:
        p.included_ranges = []
    return ParsedDocument(spec, data, tree)
