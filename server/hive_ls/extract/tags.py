"""Turns the matches of a language's ``tags.scm`` into symbols, references and imports."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from blake3 import blake3
from tree_sitter import Node, Query, QueryCursor

from hive_ls.base.facts import (
    PASSES_ARGUMENTS,
    RESULT_USED,
    ChunkFacts,
    Frame,
    Import,
    Reference,
    RefKind,
    Symbol,
    SymbolKind,
)
from hive_ls.base.language import LanguageSpec
from hive_ls.base.span import Span
from hive_ls.extract.locals import ScopeCache, type_hint
from hive_ls.extract.occurrence import is_key, occurrence_of
from hive_ls.extract.text import clean_doc, node_text, signature

_KINDS = {kind.value: kind for kind in SymbolKind}
_REF_KINDS = {kind.value: kind for kind in RefKind}
_QUOTES = "\"'`<>"


@dataclass
class _Def:
    node: Node
    kind: SymbolKind
    pattern: int
    names: list[Node] = field(default_factory=list)
    docs: list[Node] = field(default_factory=list)
    container: Node | None = None


@dataclass
class _Chunk:
    defs: dict[tuple[int, int, str], _Def] = field(default_factory=dict)
    scopes: list[tuple[Node, str]] = field(default_factory=list)
    refs: list[tuple[Node, RefKind, str, int]] = field(default_factory=list)
    imports: list[Import] = field(default_factory=list)
    package: str = ""


def _digest(data: bytes, span: Span) -> str:
    return blake3(data[span.start : span.end]).hexdigest()[:32]


def _adjacent_docs(docs: list[Node], owner: Node) -> list[Node]:
    """The doc nodes that really belong to ``owner``.

    That is a string inside it, or the run of comments ending on the line just above it (a blank
    line breaks the run). Lines of non-comment siblings between the run and the definition,
    which only a query can allow (Rust's `#[derive(..)]` attributes), count as its own.
    """
    inside = [d for d in docs if owner.start_byte <= d.start_byte < owner.end_byte]
    if inside:
        return inside[:1]
    run: list[Node] = []
    next_row = owner.start_point.row
    if docs:
        before = owner.prev_named_sibling
        while before is not None and before not in docs and "comment" not in before.type:
            if next_row - before.end_point.row > 1:
                break
            next_row = before.start_point.row
            before = before.prev_named_sibling
    for doc in sorted(docs, key=lambda d: d.start_byte, reverse=True):
        if doc.end_byte > owner.start_byte or next_row - doc.end_point.row > 1:
            break
        run.append(doc)
        next_row = doc.start_point.row
    run.reverse()
    return run


_DEFINITION, _REFERENCE, _IMPORT, _SCOPE, _PACKAGE = "def", "ref", "import", "scope", "package"
_ROLES: dict[int, dict[str, tuple[str, SymbolKind | RefKind | None]]] = {}


def _roles(query: Query) -> dict[str, tuple[str, SymbolKind | RefKind | None]]:
    """What each capture name of a query means (computed once per query; queries live forever)."""
    found = _ROLES.get(id(query))
    if found is None:
        found = {}
        count: int = query.capture_count  # type: ignore[assignment]  # a property; the stub is wrong
        for index in range(count):
            name = query.capture_name(index)
            if name.startswith("definition.") and name[11:] in _KINDS:
                found[name] = (_DEFINITION, _KINDS[name[11:]])
            elif name.startswith("reference.") and name[10:] in _REF_KINDS:
                found[name] = (_REFERENCE, _REF_KINDS[name[10:]])
            elif name in ("import", "scope", "package"):
                found[name] = (name, None)
        _ROLES[id(query)] = found
    return found


def _collect(
    query: Query,
    root: Node,
    data: bytes,
    starts: list[int],
    ends: list[int],
    wanted: set[int],
    low: int,
    high: int,
) -> dict[int, _Chunk]:
    """Run the query over bytes ``[low, high)`` and sort its matches into chunks."""
    cursor = QueryCursor(query)
    cursor.set_byte_range(low, high)
    chunks: dict[int, _Chunk] = {}

    def chunk_of(node: Node) -> _Chunk | None:
        index = bisect_right(starts, node.start_byte) - 1
        if index < 0 or index not in wanted or node.start_byte >= ends[index]:
            return None  # not in a wanted piece (the pieces need not cover the whole file)
        found = chunks.get(index)
        if found is None:
            found = chunks[index] = _Chunk()
        return found

    roles = _roles(query)
    for pattern, caps in cursor.matches(root):
        names = caps.get("name", ())
        for key, nodes in caps.items():
            role = roles.get(key)
            if role is None:
                continue
            what, kind = role
            if what == _DEFINITION:
                node = nodes[0]
                chunk = chunk_of(node)
                if chunk is None:
                    continue
                ident = (node.start_byte, node.end_byte, node.type)
                entry = chunk.defs.get(ident)
                if entry is None:
                    entry = chunk.defs[ident] = _Def(node, kind, pattern)  # type: ignore[arg-type]
                elif pattern > entry.pattern:
                    entry.kind, entry.pattern = kind, pattern  # type: ignore[assignment]
                entry.names.extend(n for n in names if n not in entry.names)
                entry.docs.extend(n for n in caps.get("doc", ()) if n not in entry.docs)
                container = caps.get("container")
                if container:
                    entry.container = container[0]
            elif what == _REFERENCE:
                if not names or names[0].end_byte == names[0].start_byte:
                    continue  # a MISSING name refers to nothing
                chunk = chunk_of(names[0])
                if chunk is not None:
                    receiver = caps.get("receiver")
                    text = node_text(data, receiver[0]) if receiver else ""
                    flow = _flow(nodes[0]) if kind is RefKind.CALL else 0
                    chunk.refs.append((names[0], kind, text, flow))  # type: ignore[arg-type]
            elif what == _IMPORT:
                chunk = chunk_of(nodes[0])
                if chunk is not None:
                    chunk.imports.append(_import(data, nodes[0], caps))
            elif what == _SCOPE and names:
                chunk = chunk_of(nodes[0])
                if chunk is not None:
                    chunk.scopes.append((nodes[0], node_text(data, names[0])))
            elif what == _PACKAGE and names:
                chunk = chunk_of(nodes[0])
                if chunk is not None and not chunk.package:
                    chunk.package = node_text(data, names[0])
    return chunks


def _import(data: bytes, statement: Node, caps: dict[str, list[Node]]) -> Import:
    def text(key: str) -> str:
        nodes = caps.get(key)
        return " ".join(node_text(data, nodes[0]).split()).strip(_QUOTES) if nodes else ""

    return Import(
        module=text("import.module"),
        name=text("import.name"),
        alias=text("import.alias"),
        span=Span(statement.start_byte, statement.end_byte),
        wildcard="import.wildcard" in caps,
    )


class _Frame(NamedTuple):
    start: int
    end: int
    symbol: int  # index among the piece's symbols; -1 a naming scope; <= -2 an outer frame
    path: str
    is_type: bool


def _outer_frames(outer: tuple[Frame, ...]) -> list[_Frame]:
    """The frames open around a piece, their symbols written ``-2 - k`` (see ChunkFacts)."""
    return [
        _Frame(-1, frame.end, -2 - k if frame.symbol != -1 else -1, frame.path, frame.is_type)
        for k, frame in enumerate(outer)
    ]


def _build_symbols(
    chunk: _Chunk,
    data: bytes,
    spec: LanguageSpec,
    module: str,
    base: int,
    outer: tuple[Frame, ...],
    piece_end: int,
) -> tuple[list[Symbol], tuple[Frame, ...]]:
    """The piece's symbols, and its definitions and scopes that continue after ``piece_end``."""
    # one entry per defined name; the widest definition of a name wins, then the later pattern
    best: dict[int, tuple[_Def, Node]] = {}
    for entry in chunk.defs.values():
        for name_node in entry.names:
            seen = best.get(name_node.start_byte)
            if seen is None:
                best[name_node.start_byte] = (entry, name_node)
                continue
            old = seen[0]
            wider = entry.node.end_byte - entry.node.start_byte
            old_width = old.node.end_byte - old.node.start_byte
            winner, loser = (
                (entry, old)
                if wider > old_width or (wider == old_width and entry.pattern > old.pattern)
                else (old, entry)
            )
            if not winner.docs:  # a decorated definition keeps the docstring of the inner one
                winner.docs = loser.docs
            best[name_node.start_byte] = (winner, name_node)

    # definitions and naming scopes in document order, outer before inner
    items: list[tuple[int, int, _Def | None, Node, str]] = []
    for entry, name_node in best.values():
        if name_node.end_byte > name_node.start_byte:  # a MISSING name names nothing
            items.append((entry.node.start_byte, -entry.node.end_byte, entry, name_node, ""))
    for node, scope_name in chunk.scopes:
        items.append((node.start_byte, -node.end_byte, None, node, scope_name))
    items.sort(key=lambda item: (item[0], item[1], item[2] is not None))

    symbols: list[Symbol] = []
    stack: list[_Frame] = _outer_frames(outer)
    own: list[_Frame] = []  # frames of this piece, for those still open at its end
    for start, neg_end, found, name_node, scope_name in items:
        end = -neg_end
        # pop frames that end before this item, and symbols sharing its exact span (``a, b = ...``)
        while stack and (
            stack[-1].end < end
            or start >= stack[-1].end
            or (stack[-1].symbol >= 0 and (stack[-1].start, stack[-1].end) == (start, end))
        ):
            stack.pop()
        around = stack[-1] if stack else None
        parent = next((f.symbol for f in reversed(stack) if f.symbol != -1), -1)
        if found is None:
            path = f"{around.path}.{scope_name}" if around else scope_name
            frame = _Frame(start, end, -1, path, True)
            stack.append(frame)
            own.append(frame)
            continue
        entry = found
        name = node_text(data, name_node)
        name_start = name_node.start_byte
        if name_node.type.endswith("symbol") and name.startswith(":") and len(name) > 1:
            # a symbol literal names it without its colon (Ruby's `attr_reader :owner`)
            name, name_start = name[1:], name_start + 1
        kind = entry.kind
        if kind is SymbolKind.FUNCTION and around is not None and around.is_type:
            kind = SymbolKind.METHOD
        if kind is SymbolKind.VARIABLE and name.isupper():
            kind = SymbolKind.CONSTANT
        if entry.container is not None:
            owner = node_text(data, entry.container).lstrip("*&").split("<", 1)[0].strip()
            for sep in spec.separators:  # a qualified owner (`A::B`) is dotted like every qname
                if sep != ".":
                    owner = owner.replace(sep, ".")
            path = f"{owner.strip('.')}.{name}"
            if kind is SymbolKind.FUNCTION:
                kind = SymbolKind.METHOD
        else:
            path = f"{around.path}.{name}" if around else name
        span = Span(entry.node.start_byte, entry.node.end_byte)
        docs = _adjacent_docs(entry.docs, entry.node)
        symbols.append(
            Symbol(
                name=name,
                kind=kind,
                qname=f"{module}.{path}" if module else path,
                span=span,
                name_span=Span(name_start, name_node.end_byte),
                signature=signature(data, entry.node, spec),
                doc=clean_doc(data, docs),
                parent=base + parent if parent >= 0 else parent,
                digest=_digest(data, span),
            )
        )
        frame = _Frame(span.start, span.end, len(symbols) - 1, path, kind.is_type)
        stack.append(frame)
        own.append(frame)
    still_open = tuple(Frame(f.end, f.symbol, f.path, f.is_type) for f in own if f.end > piece_end)
    return symbols, still_open


def _flow(call: Node) -> int:
    """How data moves through a call: arguments passed in, the result used."""
    flow = 0
    arguments = call.child_by_field_name("arguments")
    if arguments is not None and arguments.named_child_count:
        flow |= PASSES_ARGUMENTS
    outer = call.parent
    while outer is not None and outer.type in (
        "await",
        "await_expression",
        "parenthesized_expression",
    ):
        outer = outer.parent
    if outer is not None and not outer.type.endswith(("statement", "block", "body")):
        flow |= RESULT_USED
    return flow


def _is_value(node: Node, spec: LanguageSpec) -> bool:
    """Whether a name the broad read pattern matched is read as a value.

    Not a key (``f(name=...)``) and not a name an import statement declares or travels
    through, or one an export clause lists. Parameters and other locals are left out later,
    by their binding.
    """
    parent = node.parent
    if parent is not None:
        access = spec.member_node(parent.type)
        if access is not None and parent.child_by_field_name(access.name) == node:
            return True  # a member read: the attribute pattern's (kept when it has a receiver)
    if is_key(node, spec):
        return False
    for _ in range(3):
        if parent is None:
            return True
        if "import" in parent.type or parent.type in ("export_specifier", "export_clause"):
            return False  # an import's names, and those an export clause lists
        parent = parent.parent
    return True


def _assigned_type(name: Node, data: bytes, spec: LanguageSpec) -> tuple[str, ...]:
    """The type given to ``self.name`` where it is assigned (annotated or built), if it is."""
    target = name.parent  # the member access `self.name`
    holder = target.parent if target is not None else None
    if target is None or holder is None:
        return ()
    if (
        holder.child_by_field_name("left") != target
        and holder.child_by_field_name("name") != target
    ):
        return ()
    return type_hint(target, data, spec)


def _in_decorator(node: Node) -> bool:
    parent = node.parent
    for _ in range(4):
        if parent is None:
            return False
        if parent.type == "decorator":
            return True
        parent = parent.parent
    return False


def _imported(offset: int, imports: list[Import]) -> bool:
    """Whether ``offset`` lies in one of the import statements (a local import's name)."""
    return any(imp.span.start <= offset < imp.span.end for imp in imports)


def _build_references(
    chunk: _Chunk,
    symbols: list[Symbol],
    base: int,
    around: int,
    data: bytes,
    spec: LanguageSpec,
    scopes: ScopeCache,
    piece: Span,
) -> list[Reference]:
    """References in source order, each with its innermost enclosing symbol and its syntax.

    One sweep: symbols come parents first in source order and nest properly, so a stack of
    the open ones gives every reference its scope in O(refs + symbols). References outside
    the piece's own symbols get ``around``, the innermost symbol open around the piece. The
    receiver chain and local binding make the reference resolvable without a syntax tree.
    """
    refs: list[Reference] = []
    seen: set[tuple[int, RefKind]] = set()
    taken: set[int] = set()  # offsets with a reference other than a plain read
    # a call, type, base or export at a place wins over a read; a read with a receiver over one
    # without (the attribute's name matched by the bare-name pattern too)
    order = sorted(chunk.refs, key=lambda r: (r[0].start_byte, r[1] is RefKind.READ, not r[2]))
    names = {s.name_span.start for s in symbols}
    imports = chunk.imports
    stack: list[int] = []
    following = 0
    for name_node, kind, receiver, flow in order:
        offset = name_node.start_byte
        key = (offset, kind)
        if key in seen or (kind is RefKind.READ and offset in taken):
            continue
        seen.add(key)
        taken.add(offset)
        while following < len(symbols) and symbols[following].span.start <= offset:
            stack.append(following)
            following += 1
        while stack and symbols[stack[-1]].span.end <= offset:
            stack.pop()
        if kind is RefKind.READ and (
            offset in names
            # a local's own definition (`x = ...`, a parameter) is written there, not read
            or (not receiver and offset in scopes.defined and not _imported(offset, imports))
        ):
            continue
        occ = occurrence_of(name_node, data, spec, scopes, captured=True)
        chain = occ.receiver if occ is not None else ()
        local = (occ.receiver_local if chain else occ.local) if occ is not None else None
        if kind is RefKind.READ and (
            # a local variable's value: no dependency on anything outside
            (
                not chain
                and local is not None
                and local.span.start not in names
                # a local of the scope around a split container's pieces (a namespace's body)
                # is defined in a sibling piece: one of the container's members, a symbol
                and piece.start <= local.span.start < piece.end
                and not _imported(local.span.start, imports)
            )
            # (a key of an object passed to a call or given to a variable has a receiver: what
            # the object is taken as, whose member it names)
            or (not chain and not _is_value(name_node, spec))
        ):
            continue
        # a decorator is called by the code around the definition it decorates, where that
        # definition is made: `@cached` above `def pages()` is called by the module
        depth = len(stack)
        # (only a name before the open definition's own name can be in its decorators)
        if depth and symbols[stack[-1]].name_span.start > offset and _in_decorator(name_node):
            while depth and (
                symbols[stack[depth - 1]].name_span.start > offset
                or symbols[stack[depth - 1]].span.end <= offset  # ended: below the top
            ):
                depth -= 1
        assigned: tuple[str, ...] = ()
        if kind is RefKind.READ and len(chain) == 1 and chain[0] in spec.self_names:
            assigned = _assigned_type(name_node, data, spec)
        refs.append(
            Reference(
                name=name_node.text.decode("utf-8", "replace") if name_node.text else "",
                kind=kind,
                span=Span(offset, name_node.end_byte),
                receiver=receiver,
                scope=base + stack[depth - 1] if depth else around,
                chain=chain,
                local=local,
                flow=flow,
                assigned=assigned,
            )
        )
    return refs


class Collected:
    """Raw query matches sorted into chunks, ready to be built into facts."""

    def __init__(self, chunks: dict[int, _Chunk], scopes: ScopeCache) -> None:
        self._chunks = chunks
        self._scopes = scopes

    def package(self) -> str:
        """The first package or namespace declaration among the collected chunks."""
        for index in sorted(self._chunks):
            if self._chunks[index].package:
                return self._chunks[index].package
        return ""

    def build(
        self,
        index: int,
        span: Span,
        data: bytes,
        spec: LanguageSpec,
        module: str,
        base: int,
        outer: tuple[Frame, ...] = (),
    ) -> ChunkFacts:
        """Facts of piece ``index`` (bytes ``span``), its first symbol numbered ``base``.

        ``outer`` are the definitions open around the piece, outermost first.
        """
        chunk = self._chunks.get(index) or _Chunk()
        symbols, still_open = _build_symbols(chunk, data, spec, module, base, outer, span.end)
        around = next((-2 - k for k in range(len(outer) - 1, -1, -1) if outer[k].symbol != -1), -1)
        refs = _build_references(chunk, symbols, base, around, data, spec, self._scopes, span)
        return ChunkFacts(
            span.start,
            base,
            tuple(symbols),
            tuple(refs),
            tuple(chunk.imports),
            chunk.package,
            still_open,
            span.end,
        )


def collect(
    query: Query,
    root: Node,
    data: bytes,
    chunks: list[Span],
    wanted: list[int],
    spec: LanguageSpec,
) -> Collected:
    """Run the query once over the bytes of the chunks numbered ``wanted`` (ascending).

    The language's locals query runs once over the same bytes, for the references' bindings,
    widened to the scopes around them (a namespace's body around its member pieces), so a name
    binds as it would with the whole file read.
    """
    if not wanted:
        return Collected({}, ScopeCache())
    starts = [c.start for c in chunks]
    ends = [c.end for c in chunks]
    low = chunks[wanted[0]].start
    high = chunks[wanted[-1]].end
    scopes = ScopeCache()
    scope_low, scope_high = low, high
    if low > root.start_byte or high < root.end_byte:
        for index in wanted:
            outer = _outermost_scope(root, chunks[index], spec)
            if outer is not None:
                scope_low = min(scope_low, outer.start_byte)
                scope_high = max(scope_high, outer.end_byte)
    scopes.prime(root, scope_low, scope_high, spec)
    return Collected(_collect(query, root, data, starts, ends, set(wanted), low, high), scopes)


def _outermost_scope(root: Node, chunk: Span, spec: LanguageSpec) -> Node | None:
    """The outermost scope holding the whole piece ``chunk`` (None: it lies in none)."""
    node = root.descendant_for_byte_range(chunk.start, max(chunk.start, chunk.end - 1))
    found = None
    while node is not None:
        if node.type in spec.scope_nodes and node.end_byte - node.start_byte > 0:
            found = node
        node = node.parent
    return found
