"""Syntax errors of a tree: ERROR and MISSING nodes turned into messages a person can act on."""

from __future__ import annotations

from tree_sitter import Node

from hive_ls.base.facts import SyntaxIssue
from hive_ls.base.span import Span

MAX_ERRORS = 100


def _snippet(data: bytes, node: Node) -> str:
    text = data[node.start_byte : node.end_byte].decode("utf-8", "replace").strip()
    first = text.splitlines()[0] if text else ""
    return first if len(first) <= 40 else first[:37] + "..."


def _broken(node: Node) -> str:
    kind = node.type.replace("_", " ")
    return f"Syntax error in this {kind}"


def syntax_errors(root: Node, data: bytes, limit: int = MAX_ERRORS) -> tuple[SyntaxIssue, ...]:
    """Every ERROR or MISSING node under ``root`` (at most ``limit``), outermost first."""
    if not root.has_error:
        return ()
    found: list[SyntaxIssue] = []
    stack = [root]
    while stack and len(found) < limit:
        node = stack.pop()
        if node.is_missing:
            kind = node.type if node.is_named else f"`{node.type}`"
            found.append(
                SyntaxIssue(Span(node.start_byte, node.end_byte), f"Syntax error: missing {kind}")
            )
        elif node.is_error:
            snippet = _snippet(data, node)
            message = f"Syntax error: unexpected `{snippet}`" if snippet else "Syntax error"
            found.append(SyntaxIssue(Span(node.start_byte, node.end_byte), message))
        elif node.has_error:
            children = node.children
            if not any(child.has_error for child in children):
                # tree-sitter flags the node but no child is an ERROR or MISSING node (seen
                # with a Python block whose indentation recovery failed): report the node
                found.append(SyntaxIssue(Span(node.start_byte, node.end_byte), _broken(node)))
            stack.extend(reversed(children))
    found.sort(key=lambda issue: issue.span.start)
    return tuple(found)
