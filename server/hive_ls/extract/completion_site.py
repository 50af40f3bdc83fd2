"""The syntax at a completion position: the prefix typed, its receiver, the locals in scope.

Code being typed is usually broken (``self.`` with nothing after the dot), so a placeholder
name is put at the position and the region around it is parsed again: the placeholder is a
name whose receiver, scope and local bindings the grammar sees as it would see a real one.
"""

from __future__ import annotations

from typing import NamedTuple

from tree_sitter import Node

from hive_ls.base.facts import Binding
from hive_ls.base.language import LanguageSpec
from hive_ls.base.span import Span
from hive_ls.extract.locals import ScopeCache, type_hint
from hive_ls.extract.occurrence import identifier_at, occurrence_of
from hive_ls.parse.chunk import parse_region

PLACEHOLDER = b"hive_ls_cursor__"
_INERT_WORDS = ("comment", "string_content", "string_fragment", "heredoc_body")


class LocalName(NamedTuple):
    """A local visible at the position: ``depth`` 0 is the innermost scope around it."""

    name: str
    span: Span
    depth: int
    parameter: bool
    type_hint: tuple[str, ...]


class CompletionSite(NamedTuple):
    """What is being completed at an offset.

    ``prefix`` is the part of the name typed so far (starting at ``start``); ``receiver`` the
    dotted chain it is reached through (``("self", "items")``; ``()`` for a bare name; ``"?"``
    for a link that is not a name), with the local its first name binds to; ``inert`` is True
    inside a comment or a string, where nothing is completed.
    """

    prefix: str
    start: int
    receiver: tuple[str, ...]
    receiver_start: int
    receiver_local: Binding | None
    locals: tuple[LocalName, ...]
    inert: bool


def prefix_start(data: bytes, offset: int) -> int:
    """Where the name ending at ``offset`` starts (letters, digits, ``_``, ``$``, non-ASCII)."""
    start = offset
    while start > 0:
        byte = data[start - 1]
        if byte >= 0x80 or byte in b"_$" or chr(byte).isalnum():
            start -= 1
        else:
            break
    return start


def _is_parameter(node: Node) -> bool:
    parent = node.parent
    for _ in range(3):
        if parent is None:
            return False
        if "parameter" in parent.type:
            return True
        parent = parent.parent
    return False


def _visible_locals(
    node: Node, data: bytes, spec: LanguageSpec, before: int, cache: ScopeCache
) -> list[LocalName]:
    """The local definitions of every scope around ``node`` made before byte ``before``."""
    found: list[LocalName] = []
    seen: set[str] = set()
    depth = 0
    scope = node.parent
    while scope is not None:
        if scope.type in spec.scope_nodes:
            defs, _ = cache.definitions(scope, spec)
            for name, nodes in defs.items():
                earlier = [n for n in nodes if n.end_byte <= before]
                if name in seen or not earlier or PLACEHOLDER.decode() in name:
                    continue
                seen.add(name)
                chosen = earlier[-1]
                found.append(
                    LocalName(
                        name,
                        Span(chosen.start_byte, chosen.end_byte),
                        depth,
                        _is_parameter(earlier[0]),
                        type_hint(chosen, data, spec),
                    )
                )
            depth += 1
        scope = scope.parent
    return found


def _inert(node: Node) -> bool:
    current: Node | None = node
    for _ in range(4):
        if current is None:
            return False
        if any(word in current.type for word in _INERT_WORDS) or current.type == "string":
            return True
        current = current.parent
    return False


def completion_site(spec: LanguageSpec, data: bytes, region: Span, offset: int) -> CompletionSite:
    """The completion context at ``offset``, parsing only ``region`` (a top-level item).

    Offsets in the answer are those of ``data``: the placeholder comes after every one.
    """
    offset = min(max(offset, 0), len(data))
    start = prefix_start(data, offset)
    prefix = data[start:offset].decode("utf-8", "replace")
    patched = data[:offset] + PLACEHOLDER + data[offset:]
    low = min(region.start, start)
    high = max(region.end, offset) + len(PLACEHOLDER)
    parsed = parse_region(spec, patched, Span(max(low, 0), min(high, len(patched))))
    end = offset + len(PLACEHOLDER)
    node = identifier_at(parsed.tree, end - 1, spec)
    if node is None or not (node.start_byte <= offset and node.end_byte >= end):
        # no name can be here (a string, a comment, a number): only locals, no receiver
        at = parsed.tree.root_node.descendant_for_byte_range(offset, end)
        inert = at is not None and _inert(at)
        return CompletionSite(prefix, start, (), -1, None, (), inert)
    cache = ScopeCache()
    occ = occurrence_of(node, patched, spec, cache, captured=True)
    locals_ = _visible_locals(node, patched, spec, start, cache)
    receiver: tuple[str, ...] = ()
    receiver_start, receiver_local = -1, None
    if occ is not None and occ.receiver:
        receiver, receiver_start, receiver_local = (
            occ.receiver,
            occ.receiver_start,
            occ.receiver_local,
        )
        if receiver_local is not None and receiver_local.span.start > offset:
            receiver_local = None  # bound after the position: not what is meant here
    return CompletionSite(
        prefix, start, receiver, receiver_start, receiver_local, tuple(locals_), False
    )
