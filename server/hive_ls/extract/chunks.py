"""Pieces of a file: the units that are hashed, cached and re-extracted on edits.

A file's pieces are its top-level items, each with the comments (and attributes) before it.
An item bigger than ``SPLIT_BYTES`` of a type the language lets split (``split_nodes``: classes,
namespaces, functions) whose body holds several members is split further: a head
(from the item's start through its first member, unless that member is a big container
itself), one piece per member (split again when big), and a tail. Editing one method of a
large class then re-extracts just that method.
"""

from __future__ import annotations

from typing import NamedTuple

from tree_sitter import Node

from hive_ls.base.language import LanguageSpec
from hive_ls.base.span import Span

SPLIT_BYTES = 4096
MAX_DEPTH = 4
_WRAPPERS = ("definition", "declaration")  # decorated / exported definitions


class Piece(NamedTuple):
    """A piece's bytes, how deep it is nested, and whether it is the head of a split item.

    ``kind`` is the type of its syntax node: equal bytes mean other facts in another node
    (``f()`` as a statement, or inside an ERROR where its result may be used).
    """

    span: Span
    depth: int
    head: bool
    kind: str = ""


def is_comment(node: Node) -> bool:
    """True for comment nodes, whatever the grammar calls them."""
    return "comment" in node.type


def _grouped(children: list[Node], prefix_nodes: frozenset[str]) -> list[tuple[int, Node]]:
    """Children paired with where they start once the comments before them are counted in."""
    items: list[tuple[int, Node]] = []
    pending = -1
    for child in children:
        if is_comment(child) or child.type in prefix_nodes:
            if pending < 0:
                pending = child.start_byte
            continue
        items.append((pending if pending >= 0 else child.start_byte, child))
        pending = -1
    if pending >= 0 and children:
        items.append((pending, children[-1]))
    return items


def top_level_items(
    root: Node, prefix_nodes: frozenset[str] = frozenset()
) -> list[tuple[int, Node]]:
    """The root's children, each with where it starts once its leading comments count."""
    return _grouped(root.children, prefix_nodes)


def top_level_chunks(root: Node, prefix_nodes: frozenset[str] = frozenset()) -> list[Span]:
    """Spans of the root's children, each with the comments (and ``prefix_nodes``) before it."""
    return [Span(start, node.end_byte) for start, node in _grouped(root.children, prefix_nodes)]


def _body(node: Node, spec: LanguageSpec) -> Node | None:
    """The node holding the members of a container, if ``node`` is one."""
    for _ in range(3):
        inner = next((c for f in _WRAPPERS if (c := node.child_by_field_name(f)) is not None), None)
        if inner is None:
            break
        node = inner
    if node.type not in spec.split_nodes:
        return None
    for field_name in spec.body_fields:
        body = node.child_by_field_name(field_name)
        if body is not None and body.named_child_count >= 3:
            return body
    return None


def _splittable(member: tuple[int, Node], spec: LanguageSpec, split_bytes: int) -> bool:
    start, node = member
    return node.end_byte - start > split_bytes and _body(node, spec) is not None


def item_pieces(
    start: int, item: Node, spec: LanguageSpec, split_bytes: int = SPLIT_BYTES
) -> list[Piece]:
    """The pieces of one top-level item in source order (disjoint; gaps are whitespace)."""
    out: list[Piece] = []
    # (start, end, the item's node or None for a leaf such as a closing brace, depth)
    todo: list[tuple[int, int, Node | None, int]] = [(start, item.end_byte, item, 0)]
    while todo:
        start, end, node, depth = todo.pop()
        big = node is not None and end - start > split_bytes and depth < MAX_DEPTH
        body = _body(node, spec) if big and node is not None else None
        members = _grouped(body.children, spec.prefix_nodes) if body is not None else []
        if not members or (len(members) < 3 and not _splittable(members[0], spec, split_bytes)):
            out.append(Piece(Span(start, end), depth, False, node.type if node else ""))
            continue
        # the head keeps the first member (a docstring belongs to its definition) unless that
        # member is a big container itself (the one class of a namespace)
        first = 0 if _splittable(members[0], spec, split_bytes) else 1
        out.append(Piece(Span(start, members[first][0]), depth, True, node.type if node else ""))
        rest: list[tuple[int, int, Node | None, int]] = [
            (s, n.end_byte, n, depth + 1) for s, n in members[first:]
        ]
        tail = members[-1][1].end_byte
        if tail < end:
            rest.append((tail, end, None, depth + 1))
        todo.extend(reversed(rest))
    return out


def pieces(root: Node, spec: LanguageSpec, split_bytes: int = SPLIT_BYTES) -> list[Piece]:
    """The pieces of a whole file in source order."""
    return [
        piece
        for start, item in _grouped(root.children, spec.prefix_nodes)
        for piece in item_pieces(start, item, spec, split_bytes)
    ]
