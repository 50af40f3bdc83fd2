"""What a function without a declared return type returns, read from its ``return`` statements.

Each returned value becomes a receiver chain (``return Graph()`` -> ``("Graph", "()")``,
``return self`` -> ``("self",)``, a local built from a type -> that type). ``return None`` and
a bare ``return`` add nothing; a value that is none of these makes the answer unknown
(``UNKNOWN``), so a caller knows not to trust the others alone. Nested functions and classes
are not the function's own returns.
"""

from __future__ import annotations

from tree_sitter import Node

from hive_ls.base.language import LanguageSpec
from hive_ls.base.span import Span
from hive_ls.extract.links import UNKNOWN
from hive_ls.extract.locals import ScopeCache, local_binding
from hive_ls.extract.occurrence import is_identifier, receiver_chain
from hive_ls.parse.document import ParsedDocument

MAX_RETURNS = 16
_NESTED = ("function", "class", "lambda", "method")


def returned_chains(
    doc: ParsedDocument, span: Span, spec: LanguageSpec
) -> tuple[tuple[str, ...], ...]:
    """The chains of the values the function spanning ``span`` returns.

    ``((UNKNOWN,),)`` when the function is not found; an ``UNKNOWN`` chain for a value that
    cannot be read.
    """
    function = doc.tree.root_node.descendant_for_byte_range(
        span.start, max(span.start, span.end - 1)
    )
    while function is not None and (function.start_byte, function.end_byte) != (
        span.start,
        span.end,
    ):
        if function.start_byte < span.start or function.end_byte > span.end:
            break
        function = function.parent
    if function is None:
        return ((UNKNOWN,),)
    found: list[tuple[str, ...]] = []
    scopes = ScopeCache()
    stack = list(reversed(function.named_children))
    while stack and len(found) < MAX_RETURNS:
        node = stack.pop()
        if "return" in node.type:
            value = node.named_children[0] if node.named_child_count else None
            if value is not None and spec.literal_type(value.type) not in (
                "None",
                "null",
                "undefined",
            ):
                found.append(_chain(value, doc, spec, scopes))
            continue
        if any(word in node.type for word in _NESTED):
            continue
        stack.extend(reversed(node.named_children))
    return tuple(dict.fromkeys(found))


def _chain(
    value: Node, doc: ParsedDocument, spec: LanguageSpec, scopes: ScopeCache
) -> tuple[str, ...]:
    chain, head = receiver_chain(value, doc.data, spec)
    if not chain:
        return (UNKNOWN,)
    if (
        len(chain) == 1
        and head is not None
        and is_identifier(head, spec)
        and chain[0] not in spec.self_names
    ):
        local = local_binding(head, doc.data, spec, scopes, typed=True)
        if local is not None:
            return local.type_hint or (UNKNOWN,)
    return chain
