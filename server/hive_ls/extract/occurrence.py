"""What a name at a byte offset is, syntactically: bare or reached through a receiver, local or not.

This is the syntax half of name resolution; ``analysis.resolve`` does the semantic half with
the facts of the whole workspace.
"""

from __future__ import annotations

from typing import NamedTuple

from tree_sitter import Node, Tree

from hive_ls.base.language import LanguageSpec
from hive_ls.base.span import Span
from hive_ls.extract.links import CALLED, INDEXED, UNKNOWN, literal, passed_value
from hive_ls.extract.locals import LocalBinding, ScopeCache, cast_type, local_binding
from hive_ls.extract.text import node_text

_CALLEE_FIELDS = ("function", "constructor")
# an object literal given to a variable: the holder's field for the object, and for the variable
_GIVEN = {"variable_declarator": ("value", "name"), "assignment_expression": ("right", "left")}
_SELF_NODES = frozenset({"self", "this", "super", "base", "cls"})
_CHOICES = frozenset(
    {"ternary_expression", "conditional_expression"}
)  # `c ? a : b`, `a if c else b`


class Occurrence(NamedTuple):
    """A name at a position.

    ``receiver`` is the dotted chain the name is reached through (``("self", "items")`` for
    ``self.items.append``), ``()`` for a bare name, and contains ``"?"`` where a link is not a
    plain name (a call's result, an index). ``receiver_start`` is where the chain's first name
    starts. ``local`` is the local definition a bare name binds to, when it is a local;
    ``receiver_local`` the one the receiver's first name binds to.
    """

    name: str
    span: Span
    receiver: tuple[str, ...]
    receiver_start: int
    local: LocalBinding | None
    receiver_local: LocalBinding | None = None


def is_identifier(node: Node, spec: LanguageSpec) -> bool:
    """True for nodes that are names a person can ask about."""
    return node.type in spec.identifier_nodes or (
        not spec.identifier_nodes and node.type.endswith("identifier")
    )


def identifier_at(tree: Tree, offset: int, spec: LanguageSpec) -> Node | None:
    """The name node at ``offset``, or ending just before it (a cursor after a name)."""
    root = tree.root_node
    for at in (offset, offset - 1):
        if at < 0:
            continue
        node = root.named_descendant_for_byte_range(at, at)
        if node is None:
            continue
        if is_identifier(node, spec):
            # all of a bigger name that is an identifier too (PHP's `$name`): the bigger one
            wrapper = node.parent
            if (
                wrapper is not None
                and wrapper.named_child_count == 1
                and is_identifier(wrapper, spec)
            ):
                return wrapper
            return node
        # a sigil before a name: PHP's `$name`, Ruby's `@name`
        if node.named_child_count == 1 and is_identifier(node.named_children[0], spec):
            child = node.named_children[0]
            if child.start_byte - node.start_byte <= 1 and child.end_byte == node.end_byte:
                return child
        if node.parent is not None and is_identifier(node.parent, spec):
            return node.parent
    return None


def is_key(node: Node, spec: LanguageSpec) -> bool:
    """True when ``node`` names a key (``f(owner=...)``, ``{save: ...}``), not a variable."""
    if not spec.key_fields:
        return False
    child, parent = node, node.parent
    for _ in range(3):  # keys may wrap the name (C's `.x` designator)
        if parent is None:
            return False
        for parent_type, field in spec.key_fields:
            if parent.type != parent_type:
                continue
            if field:
                if parent.child_by_field_name(field) == child:
                    return True
            elif parent.named_child_count and parent.named_children[0] == child:
                return True
        child, parent = parent, parent.parent
    return False


def receiver_chain(
    node: Node | None, data: bytes, spec: LanguageSpec
) -> tuple[tuple[str, ...], Node | None]:
    """The dotted names of an expression (``a.b.c`` -> ``("a", "b", "c")``).

    A call's result is its callee's chain and ``CALLED`` (``f(x).g`` -> ``("f", "()")``), an
    item taken by index ``INDEXED`` (``a[i].g`` -> ``("a", "[]")``), a choice its first branch,
    a literal the built-in type it has (``"".join`` -> ``("<str>",)``), anything else
    ``UNKNOWN``; a cast the type it names, as if built (``(x as Foo).g`` -> ``("Foo", "()")``).
    Also the node of its first link (a name, ``self``, the literal, or the
    expression that is not a name).
    """
    parts: list[str] = []
    head: Node | None = None
    while node is not None:
        if is_identifier(node, spec) or node.type in _SELF_NODES:
            parts.append(node_text(data, node))
            head = node
            break
        access = spec.member_node(node.type)
        if access is None:
            builtin = spec.literal_type(node.type)
            if builtin:
                parts.append(literal(builtin))
                head = node
                break
            if node.type in spec.call_nodes:
                callee = next(
                    (c for f in _CALLEE_FIELDS if (c := node.child_by_field_name(f)) is not None),
                    None,
                )
                if callee is not None:
                    parts.append(CALLED)
                    node = callee
                    continue
            if node.type in _CHOICES:  # `(c ? f(a) : f(b)).m`: the branches share a type
                node = node.child_by_field_name("consequence") or node.named_children[0]
                continue
            taken_from = spec.indexed_object(node.type)
            inner = node.child_by_field_name(taken_from) if taken_from else None
            if inner is not None:  # `a[i].m`: an item of `a`
                parts.append(INDEXED)
                node = inner
                continue
            declared = cast_type(node, data)
            if declared:  # `(x as Foo).m`: a Foo, as if built
                parts.append(CALLED)
                parts.extend(reversed(declared))
                head = node
                break
            if node.named_child_count == 1 and node.type.endswith("expression"):
                node = node.named_children[0]  # parentheses and similar wrappers
                continue
            parts.append(UNKNOWN)
            head = node
            break
        name = node.child_by_field_name(access.name)
        parts.append(node_text(data, name) if name is not None else UNKNOWN)
        node = node.child_by_field_name(access.object)
    parts.reverse()
    return tuple(parts), head


def _outer_path(
    node: Node, chain: tuple[str, ...], head: Node | None, data: bytes, spec: LanguageSpec
) -> tuple[tuple[str, ...], Node | None]:
    """``chain`` preceded by the objects of the accesses whose name ``node`` is, outermost first.

    C++ nests a path to the right, ``a::(b::c)``: the access around ``c`` knows only ``b``.
    """
    while node.parent is not None:
        outer = node.parent
        access = spec.member_node(outer.type)
        obj = outer.child_by_field_name(access.object) if access is not None else None
        if access is None or obj is None or outer.child_by_field_name(access.name) != node:
            break
        first, head = receiver_chain(obj, data, spec)
        chain = first + chain
        node = outer
    return chain, head


def _passed_key(node: Node, pair: Node | None, spec: LanguageSpec) -> tuple[Node, int] | None:
    """What an object literal whose key ``node`` is (in ``pair``) is taken as.

    ``next`` in ``source.subscribe({ next: ... })`` gives the callee ``source.subscribe`` and
    the argument's place 0; in an object given to a variable (``const x: Observer = { next:
    noop }``, ``x = {...}``) the variable and -1. None for any other name.
    """
    if pair is None or pair.type != "pair" or pair.child_by_field_name("key") != node:
        return None
    literal_ = pair.parent
    if literal_ is None or literal_.type != "object":
        return None
    holder = literal_.parent
    if holder is None:
        return None
    fields = _GIVEN.get(holder.type)
    if fields is not None and holder.child_by_field_name(fields[0]) == literal_:
        variable = holder.child_by_field_name(fields[1])
        return (variable, -1) if variable is not None else None
    call = holder.parent
    if holder.type != "arguments" or call is None or call.type not in spec.call_nodes:
        return None
    callee = call.child_by_field_name("function") or call.child_by_field_name("constructor")
    if callee is None:
        return None
    passed = [c for c in holder.named_children if c.type != "comment"]
    return callee, passed.index(literal_)


def occurrence_of(
    node: Node, data: bytes, spec: LanguageSpec, scopes: ScopeCache, captured: bool = False
) -> Occurrence | None:
    """The syntactic context of the name node ``node``; None when it is a key, not a name use.

    ``captured`` names come from the tags query's references, which are never keys; their bare
    locals need no type (only a receiver's type is ever used).
    """
    parent = node.parent
    passed = _passed_key(node, parent, spec)
    if passed is None and not captured and is_key(node, spec):
        return None
    name = node_text(data, node)
    span = Span(node.start_byte, node.end_byte)
    access = spec.member_node(parent.type) if parent is not None else None
    chain: tuple[str, ...] = ()
    head: Node | None = None
    if passed is not None:  # `f({key: ...})`: a member of the type f declares for the object
        callee, index = passed
        chain, head = receiver_chain(callee, data, spec)
        if chain and chain[-1] != UNKNOWN and index >= 0:
            chain = (*chain, passed_value(index))
        elif chain[-1:] == (UNKNOWN,):
            chain = ()
    elif parent is not None and access is not None:
        obj = parent.child_by_field_name(access.object)
        if parent.child_by_field_name(access.name) == node and obj is not None:
            chain, head = receiver_chain(obj, data, spec)
            chain, head = _outer_path(parent, chain, head, data, spec)
        elif obj == node:  # `b` in C++'s `a::b::c`, nested as a::(b::c)
            chain, head = _outer_path(parent, (), None, data, spec)
    if chain:
        start = head.start_byte if head is not None else span.start
        named = head is not None and is_identifier(head, spec) and chain[0] not in spec.self_names
        bound = local_binding(head, data, spec, scopes) if named and head is not None else None
        return Occurrence(name, span, chain, start, None, bound)
    bare = local_binding(node, data, spec, scopes, typed=not captured)
    return Occurrence(name, span, (), -1, bare)


def occurrence_at(
    tree: Tree, data: bytes, spec: LanguageSpec, offset: int, scopes: ScopeCache | None = None
) -> Occurrence | None:
    """The name at ``offset`` and its syntactic context; None when no name is there."""
    node = identifier_at(tree, offset, spec)
    if node is None:
        return None
    return occurrence_of(node, data, spec, scopes if scopes is not None else ScopeCache())
