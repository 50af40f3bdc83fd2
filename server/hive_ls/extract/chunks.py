"""Top-level items of a file: the units that are hashed, cached and re-extracted on edits."""

from __future__ import annotations

from tree_sitter import Node

from hive_ls.base.span import Span


def is_comment(node: Node) -> bool:
    """True for comment nodes, whatever the grammar calls them."""
    return "comment" in node.type


def top_level_chunks(root: Node, prefix_nodes: frozenset[str] = frozenset()) -> list[Span]:
    """Spans of the root's children, each with the comments (and ``prefix_nodes``) before it."""
    chunks: list[Span] = []
    pending = -1
    for child in root.children:
        if is_comment(child) or child.type in prefix_nodes:
            if pending < 0:
                pending = child.start_byte
            continue
        start = pending if pending >= 0 else child.start_byte
        chunks.append(Span(start, child.end_byte))
        pending = -1
    if pending >= 0:
        chunks.append(Span(pending, root.children[-1].end_byte))
    return chunks
