"""Where a file's names are never references: comments, string text, keys (``inert.scm``)."""

from __future__ import annotations

from array import array
from bisect import bisect_right

from tree_sitter import QueryCursor, Tree

from hive_ls.base.language import LanguageSpec
from hive_ls.extract.queries import QueryError, query


def inert_spans(tree: Tree, spec: LanguageSpec) -> array[int] | None:
    """The inert spans of a parsed file as sorted ``start, end`` pairs; None without a query."""
    try:
        found = query(spec, "inert")
    except QueryError:
        return None
    if found is None:
        return None
    nodes = QueryCursor(found).captures(tree.root_node).get("inert", [])
    flat = array("I")
    last = 0
    for start, end in sorted((n.start_byte, n.end_byte) for n in nodes):
        if start < last:  # nested in the one before: already covered
            continue
        flat.append(start)
        flat.append(end)
        last = end
    return flat


def is_inert(spans: array[int], offset: int) -> bool:
    """Whether byte ``offset`` lies inside one of ``spans`` (from ``inert_spans``)."""
    return bisect_right(spans, offset) % 2 == 1
