"""Parameter lists of definitions and argument lists of calls, read from the syntax tree.

Python is read exactly (defaults, ``*args``, keyword-only parameters, ``**kwargs``); other
languages on a best-effort basis from the node types (``optional_parameter``,
``variadic_parameter``, ``...rest``, a ``default_value`` field).
"""

from __future__ import annotations

from typing import NamedTuple

from tree_sitter import Node, Tree

from hive_ls.base.language import LanguageSpec
from hive_ls.base.span import Span
from hive_ls.extract.text import node_text

_DEFAULT_FIELDS = ("value", "default_value", "default")
_CALLEE_FIELDS = ("function", "constructor", "name", "method", "type", "macro")
_UNPACK = frozenset(
    {
        "list_splat",
        "dictionary_splat",
        "spread_element",
        "splat_argument",
        "hash_splat_argument",
        "block_argument",
        "variadic_argument",
        "spread_argument",
    }
)
_KEYWORD_ARGUMENTS = frozenset({"keyword_argument", "pair", "named_argument"})
_RECEIVER_PARAMETERS = frozenset({"self_parameter", "receiver"})


class Parameters(NamedTuple):
    """What a definition accepts.

    ``positional``: names that may be passed by position, in order; the first ``required`` of
    them must be. ``variadic``: any number more (``*args``, ``...rest``); ``keyword_only`` and
    ``required_keywords``: names passed only by keyword (Python, after ``*``); ``keywords``:
    any keyword is accepted (``**kwargs``).
    """

    positional: tuple[str, ...]
    required: int
    variadic: bool
    keyword_only: tuple[str, ...]
    required_keywords: tuple[str, ...]
    keywords: bool


class Arguments(NamedTuple):
    """What a call passes: positional arguments, keyword names, whether any is unpacked.

    ``receiver`` is the text of the object the callee is reached through (``cart`` in
    ``cart.add(x)``), empty for a bare call; ``text`` the call's first line.
    """

    positional: int
    keywords: tuple[str, ...]
    unpacked: bool
    receiver: str
    text: str


def _definition_node(tree: Tree, span: Span) -> Node | None:
    node = tree.root_node.descendant_for_byte_range(span.start, max(span.start, span.end - 1))
    while node is not None and not (node.start_byte <= span.start and node.end_byte >= span.end):
        node = node.parent
    return node


def _parameter_list(node: Node) -> Node | None:
    """The parameter list of a definition node, looked for through wrappers and declarators."""
    for _ in range(6):
        found = node.child_by_field_name("parameters")
        if found is not None:
            return found
        inner = node.child_by_field_name("definition") or node.child_by_field_name("declarator")
        if inner is None:
            inner = node.child_by_field_name("value")  # `const f = (a) => ...`
        if inner is None:
            return None
        node = inner
    return None


def parameters_of(tree: Tree, data: bytes, spec: LanguageSpec, span: Span) -> Parameters | None:
    """The parameters of the definition spanning ``span``; None when it has no parameter list."""
    node = _definition_node(tree, span)
    checked = 0
    while node is not None and checked < 4:
        params = _parameter_list(node)
        if params is not None:
            return _read_parameters(params, data)
        if node.start_byte < span.start or node.end_byte > span.end:
            break
        node = node.parent
        checked += 1
    return None


def _name(node: Node, data: bytes) -> str:
    for field in ("name", "pattern"):
        named = node.child_by_field_name(field)
        if named is not None:
            return node_text(data, named)
    stack = [node]
    while stack:
        current = stack.pop(0)
        if current.type.endswith("identifier") or current.type == "name":
            return node_text(data, current)
        stack.extend(current.named_children)
    return node_text(data, node)


def _read_parameters(params: Node, data: bytes) -> Parameters:
    positional: list[str] = []
    keyword_only: list[str] = []
    required_keywords: list[str] = []
    required = 0
    optional_seen = False
    variadic = keywords = after_star = False
    for child in params.named_children:
        kind = child.type
        text = node_text(data, child).lstrip()
        if "comment" in kind or kind in _RECEIVER_PARAMETERS or kind == "positional_separator":
            continue
        if kind == "keyword_separator":
            after_star = True
            continue
        if kind == "typed_parameter" and child.named_child_count:
            first = child.named_children[0]
            if first.type in ("list_splat_pattern", "dictionary_splat_pattern"):
                kind = first.type
        if kind in ("dictionary_splat_pattern", "hash_splat_parameter") or text.startswith("**"):
            keywords = True
            continue
        if kind == "block_parameter" or text.startswith("&"):
            continue  # Ruby's `&block`
        if (
            kind in ("list_splat_pattern", "splat_parameter", "variadic_parameter_declaration")
            or "rest" in kind
            or "variadic" in kind
            or text.startswith(("...", "*"))
            or "..." in text.split("=", 1)[0]
        ):
            variadic = after_star = True
            continue
        names = [_name(child, data)]
        if kind == "parameter_declaration":  # Go's `a, b int`
            idents = [n for n in child.named_children if n.type == "identifier"]
            if len(idents) > 1:
                names = [node_text(data, n) for n in idents]
        has_default = (
            "optional" in kind
            or "default" in kind
            or kind == "assignment_pattern"
            or any(child.child_by_field_name(f) is not None for f in _DEFAULT_FIELDS)
        )
        if kind == "keyword_parameter":  # Ruby's `a:` / `a: 1`
            keyword_only.extend(names)
            if child.child_by_field_name("value") is None:
                required_keywords.extend(names)
            continue
        for name in names:
            if after_star:
                keyword_only.append(name)
                if not has_default:
                    required_keywords.append(name)
                continue
            positional.append(name)
            if has_default:
                optional_seen = True
            elif not optional_seen:
                required += 1
    return Parameters(
        tuple(positional),
        required,
        variadic,
        tuple(keyword_only),
        tuple(required_keywords),
        keywords,
    )


def arguments_at(tree: Tree, data: bytes, spec: LanguageSpec, name: Span) -> Arguments | None:
    """The arguments of the call whose callee's name is at ``name``; None when it is no call."""
    node = tree.root_node.named_descendant_for_byte_range(name.start, name.end)
    receiver = ""
    for _ in range(5):
        if node is None:
            return None
        parent = node.parent
        if parent is None:
            return None
        access = spec.member_node(parent.type)
        if access is not None and parent.child_by_field_name(access.name) == node:
            obj = parent.child_by_field_name(access.object)
            receiver = node_text(data, obj) if obj is not None else ""
            args = parent.child_by_field_name("arguments")
            if args is not None:  # the access is the call: Java's `a.m(x)`, Ruby's `a.m x`
                return _read_arguments(parent, args, data, receiver)
            node = parent
            continue
        args = parent.child_by_field_name("arguments")
        if args is not None and args != node and node.end_byte <= args.start_byte:
            callee = any(parent.child_by_field_name(f) == node for f in _CALLEE_FIELDS)
            if callee or parent.named_children[0] == node:
                return _read_arguments(parent, args, data, receiver)
        if args is None and parent.type in ("generic_name", "generic_type", "type_arguments"):
            node = parent
            continue
        if not node.type.endswith(("identifier", "name")) and node.type not in (
            "scoped_identifier",
            "qualified_identifier",
            "field_expression",
            "member_expression",
            "attribute",
        ):
            return None
        node = parent
    return None


def _read_arguments(call: Node, args: Node, data: bytes, receiver: str) -> Arguments:
    text = node_text(data, call).split("\n", 1)[0].strip()
    if args.type == "generator_expression":  # `f(x for x in y)`
        return Arguments(1, (), False, receiver, text)
    positional = 0
    keywords: list[str] = []
    unpacked = False
    for child in args.named_children:
        kind = child.type
        if "comment" in kind:
            continue
        if kind in _UNPACK or node_text(data, child).startswith(("...", "*")):
            unpacked = True
        elif kind in _KEYWORD_ARGUMENTS:
            key = child.child_by_field_name("name") or child.child_by_field_name("key")
            keywords.append(node_text(data, key).rstrip(":") if key is not None else "")
        else:
            positional += 1
    return Arguments(positional, tuple(keywords), unpacked, receiver, text)
