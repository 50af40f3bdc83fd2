"""Facts extracted from one file: symbols, references, imports and syntax errors, all in bytes."""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import NamedTuple

from hive_ls.base.span import Span


class SymbolKind(str, Enum):
    """What a definition is, in the vocabulary of the grammar queries (``@definition.<kind>``)."""

    MODULE = "module"
    NAMESPACE = "namespace"
    CLASS = "class"
    INTERFACE = "interface"
    STRUCT = "struct"
    ENUM = "enum"
    TRAIT = "trait"
    TYPE = "type"
    FUNCTION = "function"
    METHOD = "method"
    CONSTRUCTOR = "constructor"
    FIELD = "field"
    PROPERTY = "property"
    CONSTANT = "constant"
    VARIABLE = "variable"
    ENUM_MEMBER = "enum_member"
    MACRO = "macro"

    @property
    def is_type(self) -> bool:
        """True for kinds that can own members (classes, structs, interfaces ...)."""
        return self in _TYPE_KINDS

    @property
    def is_callable(self) -> bool:
        """True for functions, methods, constructors and macros."""
        return self in _CALLABLE_KINDS

    @property
    def is_member(self) -> bool:
        """True for kinds that only exist inside a type (methods, fields, enum members ...)."""
        return self in _MEMBER_KINDS


_TYPE_KINDS = frozenset(
    {
        SymbolKind.CLASS,
        SymbolKind.INTERFACE,
        SymbolKind.STRUCT,
        SymbolKind.ENUM,
        SymbolKind.TRAIT,
        SymbolKind.TYPE,
    }
)
_CALLABLE_KINDS = frozenset(
    {SymbolKind.FUNCTION, SymbolKind.METHOD, SymbolKind.CONSTRUCTOR, SymbolKind.MACRO}
)
_MEMBER_KINDS = frozenset(
    {
        SymbolKind.METHOD,
        SymbolKind.FIELD,
        SymbolKind.PROPERTY,
        SymbolKind.CONSTRUCTOR,
        SymbolKind.ENUM_MEMBER,
    }
)


class Symbol(NamedTuple):
    """One definition in a file.

    ``qname`` is the qualified name: the file's module, then the enclosing containers, then the
    name, joined with dots (``pkg.mod.Class.method``). ``parent`` is the index of the enclosing
    symbol in the same file's ``symbols`` (or -1). ``digest`` is the blake3 hash of the
    definition's bytes: equal digests mean the definition did not change.
    """

    name: str
    kind: SymbolKind
    qname: str
    span: Span
    name_span: Span
    signature: str
    doc: str
    parent: int
    digest: str


class RefKind(str, Enum):
    """Why a name is mentioned.

    Called, used as a type, inherited from, read as a value (passed, assigned, returned, an
    attribute read, a decorator without arguments), or exported by name (Python's ``__all__``).
    """

    CALL = "call"
    TYPE = "type"
    INHERIT = "inherit"
    READ = "read"
    EXPORT = "export"


class Binding(NamedTuple):
    """A local definition a name binds to.

    Where its name is, and the dotted type it was given (``x: Foo``, ``x = Foo()``), if any.
    """

    span: Span
    type_hint: tuple[str, ...]


#: ``Reference.flow`` bits: the call passes arguments; the call's result is used
PASSES_ARGUMENTS = 1
RESULT_USED = 2


class Reference(NamedTuple):
    """A use of a name found by the grammar queries (``@reference.<kind>``).

    ``receiver`` is the source text of the object the name is reached through (``self`` in
    ``self.save()``), empty for a bare name; ``chain`` the same as dotted names (``("self",)``,
    ``"?"`` for a part that is not a name). ``scope`` is the index of the innermost enclosing
    symbol, or -1 at module level. ``local`` is the local definition the bare name, or the
    receiver's first name, binds to. ``flow`` says how data moves through a call (the bits
    ``PASSES_ARGUMENTS`` and ``RESULT_USED``). ``assigned`` is the type of the value an
    attribute of ``self`` is given here (``self.items = []``, ``self.store: Store = ...``), as a
    receiver chain, when it can be read.
    """

    name: str
    kind: RefKind
    span: Span
    receiver: str
    scope: int
    chain: tuple[str, ...] = ()
    local: Binding | None = None
    flow: int = 0
    assigned: tuple[str, ...] = ()


class Import(NamedTuple):
    """One name bound by an import statement.

    ``module`` is the module path as written (``..pkg.mod``, ``./util``, ``fmt``); ``name`` is the
    imported member, empty when the module itself is bound; ``alias`` is the local name given with
    ``as``; ``wildcard`` marks ``from m import *`` and its kin. ``span`` covers the statement.
    """

    module: str
    name: str
    alias: str
    span: Span
    wildcard: bool

    @property
    def binding(self) -> str:
        """The local name this import introduces (empty for wildcards)."""
        if self.wildcard:
            return ""
        if self.alias:
            return self.alias
        if self.name:
            return self.name
        return self.module


class SyntaxIssue(NamedTuple):
    """A syntax error found in the tree: where, and what a person should be told."""

    span: Span
    message: str


class Frame(NamedTuple):
    """A definition (or naming scope) still open where a piece of a file ends.

    ``symbol`` is its index among the piece's symbols, or -1 for a naming scope that is not a
    symbol (Rust's ``impl Foo``); ``path`` its qualified path inside the file.
    """

    end: int
    symbol: int
    path: str
    is_type: bool


class ChunkFacts(NamedTuple):
    """Facts of one piece of a file, as extracted when the piece started at byte ``start``.

    Symbol indices (``Symbol.parent``, ``Reference.scope``) count from ``base``. A parent or
    scope outside the piece is written ``-2 - k``: the ``k``-th frame open around the piece
    (outermost first). ``frames`` are the piece's definitions that continue after it (a class
    whose members are pieces of their own).
    """

    start: int
    base: int
    symbols: tuple[Symbol, ...]
    references: tuple[Reference, ...]
    imports: tuple[Import, ...]
    package: str
    frames: tuple[Frame, ...] = ()
    end: int = -1


class Placed(NamedTuple):
    """A piece's facts placed in the current file.

    Its start, its first symbol's index, and the file indices of the frames open around it
    (``-1`` for naming scopes).
    """

    facts: ChunkFacts
    start: int
    base: int
    outer: tuple[int, ...]
    extent: int = -1  # where spans running past the piece's end end now (the item's end)
    digests: tuple[tuple[int, str], ...] = ()  # new hashes of those symbols (index in piece)


def _moved_binding(binding: Binding | None, delta: int) -> Binding | None:
    if binding is None or delta == 0:
        return binding
    return Binding(binding.span.shifted(delta), binding.type_hint)


def placed_facts(part: Placed) -> tuple[list[Symbol], list[Reference], list[Import]]:
    """The facts of one placed piece, with offsets and indices as they are in the file now."""
    return _placed(part)


def _placed(part: Placed) -> tuple[list[Symbol], list[Reference], list[Import]]:
    """The facts of one piece with offsets and indices as they are in the file now."""
    facts, delta, dbase = part.facts, part.start - part.facts.start, part.base - part.facts.base
    outer, past, extent = part.outer, part.facts.end, part.extent
    if delta == 0 and dbase == 0 and not outer and extent == past:
        return list(facts.symbols), list(facts.references), list(facts.imports)

    def index(value: int) -> int:
        if value >= 0:
            return value + dbase
        return -1 if value == -1 else outer[-2 - value]

    def end(value: int) -> int:  # a span past the piece: an item whose members are pieces
        return extent if value > past >= 0 else value + delta

    digests = dict(part.digests)
    symbols = [
        Symbol(
            s.name,
            s.kind,
            s.qname,
            Span(s.span.start + delta, end(s.span.end)),
            Span(s.name_span.start + delta, s.name_span.end + delta),
            s.signature,
            s.doc,
            index(s.parent),
            digests.get(k, s.digest),
        )
        for k, s in enumerate(facts.symbols)
    ]
    refs = [
        Reference(
            r.name,
            r.kind,
            Span(r.span.start + delta, r.span.end + delta),
            r.receiver,
            index(r.scope),
            r.chain,
            _moved_binding(r.local, delta),
            r.flow,
            r.assigned,
        )
        for r in facts.references
    ]
    imports = [
        Import(i.module, i.name, i.alias, Span(i.span.start + delta, end(i.span.end)), i.wildcard)
        for i in facts.imports
    ]
    return symbols, refs, imports


@dataclass(frozen=True, eq=False)
class FileFacts:
    """Everything extracted from one version of one file; immutable, cheap to share.

    ``parts`` hold the facts of each piece of the file as extracted (possibly for an earlier
    version of it), placed where the piece is now; ``symbols``, ``references`` and ``imports``
    are computed from them on first use, so an edit costs only the pieces it changed.
    ``chunks`` are the spans of the file's top-level items (a definition with its leading
    comments, a statement): the regions parsed on their own for questions about closed files.
    Two facts are equal when everything they say about the file is.
    """

    path: str
    language: str
    digest: str
    size: int
    module: str
    parts: tuple[Placed, ...] = ()
    chunks: tuple[Span, ...] = ()
    errors: tuple[SyntaxIssue, ...] = ()
    problems: tuple[str, ...] = field(default=())

    @cached_property
    def _flat(self) -> tuple[tuple[Symbol, ...], tuple[Reference, ...], tuple[Import, ...]]:
        symbols: list[Symbol] = []
        references: list[Reference] = []
        imports: list[Import] = []
        for part in self.parts:
            s, r, i = _placed(part)
            symbols.extend(s)
            references.extend(r)
            imports.extend(i)
        return tuple(symbols), tuple(references), tuple(imports)

    @property
    def symbols(self) -> tuple[Symbol, ...]:
        """Every definition, parents before their children, in source order."""
        return self._flat[0]

    @property
    def references(self) -> tuple[Reference, ...]:
        """Every use of a name the queries capture, in source order."""
        return self._flat[1]

    @property
    def imports(self) -> tuple[Import, ...]:
        """Every name bound by an import statement, in source order."""
        return self._flat[2]

    def _key(self) -> tuple[object, ...]:
        return (
            self.path,
            self.language,
            self.digest,
            self.size,
            self.module,
            self.chunks,
            self.errors,
            self.problems,
            self.symbols,
            self.references,
            self.imports,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileFacts) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]

    @cached_property
    def placements(self) -> dict[int, Placed]:
        """Each piece's placement, by the identity of its facts."""
        return {id(part.facts): part for part in self.parts}

    @cached_property
    def names(self) -> frozenset[str]:
        """The simple names this file defines (read from its pieces, nothing is placed)."""
        return frozenset(s.name for part in self.parts for s in part.facts.symbols)

    @cached_property
    def name_blob(self) -> tuple[str, list[int]]:
        """Every symbol's name, one per line, and where each line starts (for name search)."""
        names = [s.name for s in self.symbols]
        starts, total = [], 0
        for name in names:
            starts.append(total)
            total += len(name) + 1
        return "\n".join(names), starts

    @cached_property
    def by_name(self) -> dict[str, tuple[int, ...]]:
        """Symbol indices by simple name."""
        index: dict[str, list[int]] = {}
        for i, sym in enumerate(self.symbols):
            index.setdefault(sym.name, []).append(i)
        return {name: tuple(ids) for name, ids in index.items()}

    @cached_property
    def by_qname(self) -> dict[str, tuple[int, ...]]:
        """Symbol indices by qualified name (names defined twice keep both)."""
        index: dict[str, list[int]] = {}
        for i, sym in enumerate(self.symbols):
            index.setdefault(sym.qname, []).append(i)
        return {name: tuple(ids) for name, ids in index.items()}

    def children(self, parent: int) -> list[int]:
        """Indices of the symbols directly inside symbol ``parent`` (-1: top level)."""
        return [i for i, sym in enumerate(self.symbols) if sym.parent == parent]

    @cached_property
    def _reference_order(self) -> tuple[array[int], array[int]]:
        """Reference starts, sorted, and the index of the reference at each (compact)."""
        order = sorted(range(len(self.references)), key=lambda i: self.references[i].span.start)
        starts = array("I", (self.references[i].span.start for i in order))
        return starts, array("I", order)

    def references_at(self, start: int) -> list[Reference]:
        """The references whose name starts at byte ``start``."""
        starts, order = self._reference_order
        index = bisect_left(starts, start)
        found = []
        while index < len(starts) and starts[index] == start:
            found.append(self.references[order[index]])
            index += 1
        return found

    @cached_property
    def inherits(self) -> dict[int, tuple[Reference, ...]]:
        """The base-type references of each type, by the type's symbol index."""
        found: dict[int, list[Reference]] = {}
        for ref in self.references:
            if ref.kind is RefKind.INHERIT:
                found.setdefault(ref.scope, []).append(ref)
        return {scope: tuple(refs) for scope, refs in found.items()}

    def imports_at(self, offset: int) -> list[Import]:
        """The imports whose statement contains ``offset`` (several for ``import a, b``).

        Statements do not overlap and come in source order: walk back from the last one
        starting at or before ``offset`` while they still contain it.
        """
        imports = self.imports
        index = bisect_right(self._import_starts, offset) - 1
        found = []
        while index >= 0 and imports[index].span.end > offset:
            found.append(imports[index])
            index -= 1
        found.reverse()
        return found

    @cached_property
    def _import_starts(self) -> list[int]:
        return [imp.span.start for imp in self.imports]

    @cached_property
    def _starts(self) -> list[int]:
        return [s.span.start for s in self.symbols]

    def innermost_symbol(self, offset: int) -> int:
        """Index of the innermost symbol whose span contains ``offset``, or -1.

        Symbols come in source order, parents first, and nest: the last one starting at or
        before ``offset`` is the innermost if it contains it; otherwise only its ancestors can.
        """
        symbols = self.symbols
        index = bisect_right(self._starts, offset) - 1
        while index >= 0 and not symbols[index].span.start <= offset < symbols[index].span.end:
            index = symbols[index].parent
        return index
