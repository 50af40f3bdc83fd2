"""Local scopes from a language's ``locals.scm``: which local definition a bare name binds to."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from tree_sitter import Node, QueryCursor

from hive_ls.base.facts import Binding
from hive_ls.base.language import LanguageSpec
from hive_ls.base.span import Span
from hive_ls.extract.annotations import annotation_chain
from hive_ls.extract.links import (
    AENTER,
    CALLED,
    ENTER,
    INDEXED,
    ITERATED,
    callback,
    is_literal,
    literal,
)
from hive_ls.extract.queries import query
from hive_ls.extract.text import node_text

_CALLS = (
    "call",
    "new_expression",
    "object_creation_expression",
    "composite_literal",
    "struct_expression",
    "instance_creation_expression",
)
_CALLEE_FIELDS = ("function", "constructor", "type", "name")
_VALUE_FIELDS = ("right", "value", "init")
# a function written where a call's argument goes: its parameters, and what holds one
_FUNCTION_VALUES = ("arrow_function", "function_expression", "function", "lambda")
_PARAMETER_LISTS = ("formal_parameters", "lambda_parameters")
_PARAMETER_HOLDERS = ("required_parameter", "optional_parameter", "default_parameter")
_ARGUMENT_LISTS = ("arguments", "argument_list")
# values that are one of their parts: brackets, `x!` and `await x` (an async function's declared
# return type is what awaiting its call gives); the branches of a choice; casts
_WRAPPED = ("parenthesized_expression", "non_null_expression", "await", "await_expression")
_CONDITIONAL = ("ternary_expression", "conditional_expression")
_ASSIGNED = ("assignment_expression", "named_expression")  # their value is what they assign
_EITHER = ("binary_expression", "boolean_operator")
_CASTS = ("as_expression", "satisfies_expression")
#: literal types that say nothing about the other branch of a choice (`x or None`)
_NOTHING = ("None", "null", "undefined")


LocalBinding = Binding  # what a name binds to, shared with the facts


class ScopeCache:
    """Local definitions per scope node, so that many lookups in one file query each scope once."""

    def __init__(self) -> None:
        self._defs: dict[tuple[int, int], tuple[dict[str, list[Node]], set[str]]] = {}
        self.names: set[str] | None = None  # every local name of a primed region
        self.defined: set[int] = set()  # where a primed region's local definitions start
        # a primed region's scopes with definitions, innermost last among those around a byte
        self._spans: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._outer: list[int] = []
        self._hints: dict[tuple[int, int], tuple[str, ...]] = {}  # type_hint per definition
        self._assignments: dict[int, tuple[int, int]] = {}  # per definition: see assignment()

    def prime(self, root: Node, low: int, high: int, spec: LanguageSpec) -> None:
        """Read the local definitions of every scope in bytes ``[low, high)`` with one query.

        Afterwards a name that is no local anywhere in the region is answered without a walk.
        Every scope around a name inside the region must lie inside it.
        """
        self.names = set()
        self.defined = set()
        locals_query = query(spec, "locals")
        if locals_query is None:
            return
        cursor = QueryCursor(locals_query)
        cursor.set_byte_range(low, high)
        caps = cursor.captures(root)
        for capture, is_global in (("local.definition", False), ("local.global", True)):
            for node in caps.get(capture, ()):
                scope = owning_scope(node, spec)
                if scope is None or node.text is None:
                    continue
                text = node.text.decode("utf-8", "replace")
                key = (scope.start_byte, scope.end_byte)
                defs, globals_ = self._defs.setdefault(key, ({}, set()))
                if is_global:
                    globals_.add(text)
                else:
                    defs.setdefault(text, []).append(node)
                    self.names.add(text)
        for defs, globals_ in self._defs.values():
            for text, nodes in defs.items():
                nodes.sort(key=lambda n: n.start_byte)
                if text not in globals_:
                    self.defined.update(n.start_byte for n in nodes)
        self._spans = sorted(self._defs, key=lambda k: (k[0], -k[1]))
        self._starts = [k[0] for k in self._spans]
        self._outer = []  # per scope, the index of the innermost scope around it (-1: none)
        open_: list[int] = []
        for i, (start, _) in enumerate(self._spans):
            while open_ and self._spans[open_[-1]][1] <= start:
                open_.pop()
            self._outer.append(open_[-1] if open_ else -1)
            open_.append(i)

    def around(self, offset: int) -> list[tuple[int, int]] | None:
        """A primed region's scopes around byte ``offset``, innermost first (None: not primed).

        Scopes nest, so those that hold the offset are the syntax tree's scopes around it
        that define something, found without walking the tree's parents.
        """
        if self.names is None:
            return None
        found = []
        i = bisect_right(self._starts, offset) - 1  # the last scope to start at or before it
        while i >= 0:
            span = self._spans[i]
            if offset < span[1]:
                found.append(span)
            i = self._outer[i]
        return found

    def scope_definitions(self, key: tuple[int, int]) -> tuple[dict[str, list[Node]], set[str]]:
        """What a primed scope defines, by its byte range."""
        return self._defs[key]

    def assignment(self, definition: Node) -> tuple[int, int]:
        """The bytes of the assignment statement that defines ``definition`` (empty: none)."""
        found = self._assignments.get(definition.start_byte)
        if found is None:
            found = self._assignments[definition.start_byte] = _assignment_of(definition)
        return found

    def hint(self, definition: Node) -> tuple[str, ...] | None:
        """The type hint found before for ``definition``, if any."""
        return self._hints.get((definition.start_byte, definition.end_byte))

    def keep_hint(self, definition: Node, hint: tuple[str, ...]) -> None:
        """Remember the type hint of ``definition`` (found at the outermost depth)."""
        self._hints[(definition.start_byte, definition.end_byte)] = hint

    def definitions(
        self, scope: Node, spec: LanguageSpec
    ) -> tuple[dict[str, list[Node]], set[str]]:
        """Names defined directly in ``scope`` (not nested scopes), and names it declares global."""
        key = (scope.start_byte, scope.end_byte)
        found = self._defs.get(key)
        if found is None:
            found = self._defs[key] = ({}, set()) if self.names is not None else _scan(scope, spec)
        return found


def owning_scope(node: Node, spec: LanguageSpec) -> Node | None:
    """The innermost scope a definition belongs to: a scope's own name belongs to the outer one."""
    parent = node.parent
    while parent is not None:
        if parent.type in spec.scope_nodes:
            named = parent.child_by_field_name("name")
            if named is None or named != node:
                return parent
        parent = parent.parent
    return None


def _scan(scope: Node, spec: LanguageSpec) -> tuple[dict[str, list[Node]], set[str]]:
    defs: dict[str, list[Node]] = {}
    globals_: set[str] = set()
    locals_query = query(spec, "locals")
    if locals_query is None:
        return defs, globals_
    caps = QueryCursor(locals_query).captures(scope)
    for node in caps.get("local.definition", ()):
        if owning_scope(node, spec) == scope and node.text is not None:
            defs.setdefault(node.text.decode("utf-8", "replace"), []).append(node)
    for node in caps.get("local.global", ()):
        if owning_scope(node, spec) == scope and node.text is not None:
            globals_.add(node.text.decode("utf-8", "replace"))
    for nodes in defs.values():
        nodes.sort(key=lambda n: n.start_byte)
    return defs, globals_


def _dotted(node: Node | None, data: bytes) -> tuple[str, ...]:
    if node is None:
        return ()
    # a type annotation wraps the type; generics and pointers wrap the name
    while node.named_child_count >= 1 and not node.type.endswith(
        (
            "identifier",
            "attribute",
            "member_expression",
            "qualified_name",
            "scoped_identifier",
            "selector_expression",
            "qualified_type",
        )
    ):
        # the wrapped type, past modifiers before it (Rust's `&mut T`, `&'a T`)
        node = node.child_by_field_name("type") or node.named_children[0]
    text = node_text(data, node).strip().strip("\"'")
    for sep in ("::", "\\", "->"):
        text = text.replace(sep, ".")
    parts = tuple(p for p in text.split(".") if p)
    return parts if all(p.replace("_", "").isalnum() for p in parts) else ()


def _destructured(
    definition: Node, data: bytes, spec: LanguageSpec, scopes: ScopeCache | None, depth: int
) -> tuple[str, ...]:
    """A name taken out of an object: ``const { conn } = this`` is what ``this.conn`` is.

    Also ``const { conn: c } = holder``. The holder's chain starts from its type when it is a
    typed local; empty when the name is no such binding.
    """
    parent = definition.parent
    key = definition
    if (
        parent is not None
        and parent.type == "object_assignment_pattern"
        and parent.child_by_field_name("left") == definition
    ):
        parent = parent.parent  # `const { conn = fallback } = holder`: still holder's conn
    if parent is not None and parent.type == "pair_pattern":
        if parent.child_by_field_name("value") != definition:
            return ()
        key = parent.child_by_field_name("key") or definition
        parent = parent.parent
    if parent is None or parent.type != "object_pattern" or key.type not in spec.identifier_nodes:
        return ()
    declarator = parent.parent
    if declarator is None or declarator.child_by_field_name("name") != parent:
        return ()
    value = declarator.child_by_field_name("value")
    if value is None or depth >= MAX_HINT_DEPTH:
        return ()
    chain = _through_local(value, data, spec, scopes, depth)
    return (*chain, node_text(data, key)) if chain else ()


def cast_type(node: Node, data: bytes) -> tuple[str, ...]:
    """The type a cast (``x as Foo``, ``x satisfies Foo``) names; empty for anything else."""
    if node.type not in _CASTS or node.named_child_count < 2:
        return ()
    named = node.named_children[-1]
    if named.type == "predefined_type":  # `as any`, `as unknown`: says nothing
        return ()
    return _declared(named, data)


def _declared(node: Node, data: bytes) -> tuple[str, ...]:
    """A declared type: an annotation's text read as one (``Optional[Foo]``), else its name."""
    text = node_text(data, node)
    # (TypeScript's type annotation node holds its colon: `: Partial<Foo>`)
    found = annotation_chain(text[1:] if text.startswith(":") else text)
    return found if found else _dotted(node, data)


def type_hint(
    definition: Node,
    data: bytes,
    spec: LanguageSpec,
    scopes: ScopeCache | None = None,
    depth: int = 0,
) -> tuple[str, ...]:
    """The dotted type a local was declared with or constructed from (``x: Foo``, ``x = Foo()``).

    A literal value gives its built-in type (``x = {}``), a ``**kwargs`` parameter a dict and a
    ``*args`` one a tuple. A value called on another local starts from that local's type
    (``url = url.copy_with()`` after ``url = URL(s)`` is ``URL.copy_with``'s result).
    """
    parent = definition.parent
    if parent is None:
        return ()
    if "dictionary_splat" in parent.type:
        return (literal("dict"),)
    if "list_splat" in parent.type or parent.type == "rest_pattern":
        return (literal("tuple" if "list_splat" in parent.type else "Array"),)
    declared = parent.child_by_field_name("type")
    if declared is not None and declared != definition:
        return _declared(declared, data)
    passed = _callback_parameter(definition, data, spec, scopes, depth)
    if passed:
        return passed
    if parent.type == "as_pattern_target" and parent.parent is not None:
        return _bound_by_as(parent.parent, data, spec, scopes, depth)
    taken = _destructured(definition, data, spec, scopes, depth)
    if taken:
        return taken
    if parent.type in spec.loop_nodes:
        if parent.child_by_field_name("left") != definition:
            return ()
        return _iterated(parent, data, spec, scopes, depth)
    for field_name in _VALUE_FIELDS:
        value = parent.child_by_field_name(field_name)
        if value is None or value == definition:
            continue
        chosen = _value_type(value, data, spec, scopes, depth)
        if chosen is not None:
            return chosen
    # a declarator inside a typed declaration: Java's `Cart c = f()`, C#'s `var c = new Cart()`
    declaration, holder = parent.parent, parent
    # C and C++ nest declarators: `Cart *c = new Cart()` is init_declarator(pointer_declarator(c))
    while (
        declaration is not None
        and declaration.type.endswith("declarator")
        and declaration.child_by_field_name("type") is None
        and not any(v.type in spec.constructor_nodes for v in holder.named_children)
    ):
        holder = declaration
        declaration = declaration.parent
    if holder.type.endswith("declarator") and declaration is not None:
        for value in holder.named_children:
            if value != definition and value.type in spec.constructor_nodes:
                for callee_field in _CALLEE_FIELDS:
                    callee = value.child_by_field_name(callee_field)
                    if callee is not None:
                        return _dotted(callee, data)
        declared = declaration.child_by_field_name("type")
        if declared is not None:
            return _declared(declared, data)
    # one of several names takes the value at its place: Go's `a, b := A{}, &B{}`, `var c = C{}`
    holder = parent
    if all(holder.child_by_field_name(f) is None for f in _VALUE_FIELDS) and parent.parent:
        holder = parent.parent
    for field_name in _VALUE_FIELDS:
        values = holder.child_by_field_name(field_name)
        if values is None or values == parent or values.type in spec.constructor_nodes:
            continue
        names = [n for n in parent.named_children if n.type == definition.type]
        items = values.named_children
        place = names.index(definition) if definition in names else -1
        if 0 <= place < len(items):
            value = items[place]
            if value.type not in spec.constructor_nodes and value.named_child_count == 1:
                value = value.named_children[0]  # `&Cart{}`, `(Cart())`
            if value.type in spec.constructor_nodes:
                for callee_field in _CALLEE_FIELDS:
                    callee = value.child_by_field_name(callee_field)
                    if callee is not None:
                        return _dotted(callee, data)
    return ()


MAX_HINT_DEPTH = 3


def _unnoted(node: Node) -> list[Node]:
    """A node's named children, comments left out."""
    return [child for child in node.named_children if child.type != "comment"]


def _alternatives(value: Node) -> list[Node]:
    """The expressions a value is one of: itself, or each branch of a choice.

    Choices are ``c ? a : b``, ``a if c else b``, ``a || b``, ``a ?? b`` and ``a or b``;
    brackets, ``x!``, ``await x`` and assignments (``(a = f())``, ``(a := f())``) are looked
    into.
    """
    while True:
        if value.type in _WRAPPED and value.named_child_count == 1:
            value = value.named_children[0]
        elif value.type in _ASSIGNED and (
            given := value.child_by_field_name("right") or value.child_by_field_name("value")
        ):
            value = given
        else:
            break
    if value.type in _CONDITIONAL:
        branches = [value.child_by_field_name(f) for f in ("consequence", "alternative")]
        if None in branches and value.named_child_count == 3:  # Python: body if test else other
            branches = [value.named_children[0], value.named_children[2]]
    elif value.type in _EITHER and getattr(value.child_by_field_name("operator"), "type", "") in (
        "||",
        "??",
        "or",
    ):
        branches = [value.child_by_field_name("left"), value.child_by_field_name("right")]
    else:
        return [value]
    return [found for branch in branches if branch is not None for found in _alternatives(branch)]


def _value_type(
    value: Node, data: bytes, spec: LanguageSpec, scopes: ScopeCache | None, depth: int
) -> tuple[str, ...] | None:
    """The type a value has: what a call or constructor builds, a cast's, a literal's, a local's.

    The branches of a choice are taken to share a type: the first that is built or cast
    gives it (``result ? innerFrom(result) : EMPTY``), else the first typed local read; a
    literal type counts only when every branch is a literal (``None`` aside). None when the
    value says nothing.
    """
    literals: list[str] = []
    unknown = False
    read: tuple[str, ...] = ()  # the type of a local read in a branch, when none is built
    for option in _alternatives(value):
        if option.type in _CASTS:
            return cast_type(option, data)  # `x as Foo`
        builtin = spec.literal_type(option.type)
        if builtin:
            literals.append(builtin)
        elif option.type in spec.constructor_nodes:
            built = _built(option, data, spec, scopes, depth)
            if built and not is_literal(built[0]):  # (a literal's call: not known)
                return built
            unknown = True
        elif spec.indexed_object(option.type) and depth < MAX_HINT_DEPTH:
            # `x = items[0]`: an item of what it is taken from
            inner = option.child_by_field_name(spec.indexed_object(option.type))
            source = _item_source(inner, data, spec, scopes, depth) if inner is not None else ()
            if source and not read:
                read = (*source, INDEXED)
            unknown = True
        elif node_text(data, option) in spec.self_names and not read:
            read = (node_text(data, option),)  # `const self = this`: the type around
            unknown = True
        elif option.type in spec.identifier_nodes and depth < MAX_HINT_DEPTH:
            # another typed local: `const conn = connection` is what `connection` was declared
            bound = local_binding(option, data, spec, scopes or ScopeCache(), True, depth + 1)
            if bound is not None and bound.type_hint and not read:
                read = bound.type_hint
            unknown = True
        else:
            unknown = True
    if read:
        return read
    known = [name for name in literals if name not in _NOTHING]
    return (literal(known[0]),) if known and not unknown else None


def _iterated(
    loop: Node, data: bytes, spec: LanguageSpec, scopes: ScopeCache | None, depth: int
) -> tuple[str, ...]:
    """What a loop's variable takes: an item of what it loops over (``for x of a``).

    JavaScript's ``for (k in o)`` takes the keys, strings.
    """
    operator = loop.child_by_field_name("operator")
    if operator is not None and node_text(data, operator) == "in":
        return (literal("String"),)
    iterable = loop.child_by_field_name("right")
    if iterable is None:
        return ()
    chain = _item_source(iterable, data, spec, scopes, depth)
    return (*chain, ITERATED) if chain else ()


def _item_source(
    value: Node, data: bytes, spec: LanguageSpec, scopes: ScopeCache | None, depth: int
) -> tuple[str, ...]:
    """The chain of a value items are taken from: a name, a member, a call's result."""
    while value.type in _WRAPPED and value.named_child_count == 1:
        value = value.named_children[0]
    if value.type in spec.call_nodes:
        callee = value.child_by_field_name("function")
        chain = _through_local(callee, data, spec, scopes, depth) if callee is not None else ()
        return (*chain, CALLED) if chain else ()
    return _through_local(value, data, spec, scopes, depth)


def _built(
    value: Node, data: bytes, spec: LanguageSpec, scopes: ScopeCache | None, depth: int
) -> tuple[str, ...]:
    """What a constructor or call expression builds: its callee's chain, or the named type."""
    for callee_field in _CALLEE_FIELDS:
        callee = value.child_by_field_name(callee_field)
        if callee is not None:
            return _through_local(callee, data, spec, scopes, depth)
    if value.named_child_count:  # no field names the type: PHP's `new Cart()`
        return _dotted(value.named_children[0], data)
    return ()


def _bound_by_as(
    pattern: Node, data: bytes, spec: LanguageSpec, scopes: ScopeCache | None, depth: int
) -> tuple[str, ...]:
    """``x`` in ``with T() as x`` (what ``T().__enter__()`` gives) or ``except E as x`` (an E)."""
    value = pattern.named_children[0] if pattern.named_child_count else None
    holder = pattern.parent
    if value is None or holder is None:
        return ()
    if holder.type == "except_clause":
        return _dotted(value, data)
    if holder.type != "with_item" or value.type not in spec.constructor_nodes:
        return ()
    callee = value.child_by_field_name("function")
    chain = _through_local(callee, data, spec, scopes, depth) if callee is not None else ()
    statement = holder.parent.parent if holder.parent is not None else None
    entered = AENTER if statement is not None and statement.children[0].type == "async" else ENTER
    return (*chain, CALLED, entered, CALLED) if chain else ()


def _callback_parameter(
    definition: Node, data: bytes, spec: LanguageSpec, scopes: ScopeCache | None, depth: int
) -> tuple[str, ...]:
    """An untyped parameter of a function passed to a call, typed by what the callee declares.

    ``subscriber`` in ``operate((source, subscriber) => ...)`` is ``("operate", "#0.1")``, and
    ``r`` in ``hooks.add(lambda r: ...)`` is ``("hooks", "add", "#0.0")``.
    """
    node, parent = definition, definition.parent
    if parent is not None and parent.type in _PARAMETER_HOLDERS:
        node, parent = parent, parent.parent
    if parent is None:
        return ()
    if parent.type in _FUNCTION_VALUES and parent.child_by_field_name("parameter") == node:
        function, place = parent, 0  # `x => ...`
    elif parent.type in _PARAMETER_LISTS and parent.parent is not None:
        function, place = parent.parent, _unnoted(parent).index(node)
    else:
        return ()
    argument = function  # what is passed: the function, or a choice of functions
    while argument.parent is not None and (
        argument.parent.type == "parenthesized_expression"
        or (
            argument.parent.type == "ternary_expression"
            and argument.parent.child_by_field_name("condition") != argument
        )
    ):
        argument = argument.parent  # `cond ? (s) => ... : (s) => ...`
    arguments = argument.parent
    call = arguments.parent if arguments is not None else None
    if (
        function.type not in _FUNCTION_VALUES
        or arguments is None
        or arguments.type not in _ARGUMENT_LISTS
        or call is None
        or call.type not in spec.call_nodes
    ):
        return ()
    callee = call.child_by_field_name("function") or call.child_by_field_name("constructor")
    if callee is None:
        return ()
    chain = _through_local(callee, data, spec, scopes, depth)
    return (*chain, callback(_unnoted(arguments).index(argument), place)) if chain else ()


def _through_local(
    callee: Node, data: bytes, spec: LanguageSpec, scopes: ScopeCache | None, depth: int
) -> tuple[str, ...]:
    """A callee's dotted name, its first name replaced by its type when it is a typed local.

    A local called itself (``subject = connector()``) is replaced so too: a local's name
    means nothing once read away from its scope. A local of no known type gives nothing.
    """
    chain = _dotted(callee, data)
    if not chain or depth >= MAX_HINT_DEPTH:
        return chain
    head = callee
    while True:
        access = spec.member_node(head.type)
        inner = head.child_by_field_name(access.object) if access is not None else None
        if inner is None:
            break
        head = inner
    if head.type not in spec.identifier_nodes:
        return chain
    if chain[0] in spec.self_names:
        return chain  # `self.items`: what the type around gives it
    bound = local_binding(head, data, spec, scopes or ScopeCache(), True, depth + 1)
    if bound is None:
        return chain
    return (*bound.type_hint, *chain[1:]) if bound.type_hint else ()


def _assignment_of(definition: Node) -> tuple[int, int]:
    """The bytes of the assignment that defines ``definition`` (empty when it is none)."""
    statement = definition.parent
    while statement is not None and statement.type in ("pattern_list", "tuple_pattern"):
        statement = statement.parent
    if statement is None or "assignment" not in statement.type:
        return (0, 0)
    return (statement.start_byte, statement.end_byte)


def local_binding(
    name: Node,
    data: bytes,
    spec: LanguageSpec,
    cache: ScopeCache,
    typed: bool = True,
    depth: int = 0,
) -> LocalBinding | None:
    """The local definition the bare name ``name`` binds to; None when it is not a local.

    With ``typed`` the binding carries the type the local was declared with or built from. A
    name on the right of an assignment binds to the definition before it (``x = x + 1``).
    """
    text = node_text(data, name)
    if cache.names is not None and text not in cache.names:
        return None
    around = cache.around(name.start_byte)
    if around is not None:
        scopes: Iterator[tuple[dict[str, list[Node]], set[str]]] = map(
            cache.scope_definitions, around
        )
    else:
        scopes = _walked(name, spec, cache)
    for defs, globals_ in scopes:
        if text in globals_:
            return None
        candidates = defs.get(text)
        if not candidates:
            continue
        chosen = _chosen(candidates, name, spec, cache)
        if chosen is None:
            continue
        hint: tuple[str, ...] = ()
        if typed:
            known = cache.hint(chosen) if depth == 0 else None
            if known is None:
                hint = type_hint(chosen, data, spec, cache, depth)
                if depth == 0:
                    cache.keep_hint(chosen, hint)
            else:
                hint = known
        return LocalBinding(Span(chosen.start_byte, chosen.end_byte), hint)
    return None


def _walked(
    name: Node, spec: LanguageSpec, cache: ScopeCache
) -> Iterator[tuple[dict[str, list[Node]], set[str]]]:
    """What each scope around ``name`` defines, innermost first, walking the tree's parents."""
    scope = name.parent
    while scope is not None:
        if scope.type in spec.scope_nodes:
            yield cache.definitions(scope, spec)
        scope = scope.parent


def _chosen(
    candidates: list[Node], name: Node, spec: LanguageSpec, cache: ScopeCache
) -> Node | None:
    """Which of one scope's definitions of a name (in source order) ``name`` reads.

    The name itself when it is one of them, else the last one before it outside its own
    assignment; with hoisted locals the first one when none is before. None: the name reads
    no definition of this scope (look further out).
    """
    start = name.start_byte
    at = bisect_left(candidates, start, key=lambda n: n.start_byte)
    if (
        at < len(candidates)
        and candidates[at].start_byte == start
        and candidates[at].end_byte == name.end_byte
    ):
        return candidates[at]
    for i in range(at - 1, -1, -1):
        low, high = cache.assignment(candidates[i])
        if not low <= start < high:  # not read on the right of its own assignment (x = x + 1)
            return candidates[i]
    return candidates[0] if spec.hoisted_locals else None
