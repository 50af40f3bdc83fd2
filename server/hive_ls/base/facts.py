"""Facts extracted from one file: symbols, references, imports and syntax errors, all in bytes."""

from __future__ import annotations

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
    """Why a name is mentioned: called, used as a type, or inherited from."""

    CALL = "call"
    TYPE = "type"
    INHERIT = "inherit"


class Reference(NamedTuple):
    """A use of a name found by the grammar queries (``@reference.<kind>``).

    ``receiver`` is the source text of the object the name is reached through (``self`` in
    ``self.save()``), empty for a bare name. ``scope`` is the index of the innermost enclosing
    symbol, or -1 at module level.
    """

    name: str
    kind: RefKind
    span: Span
    receiver: str
    scope: int


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


@dataclass(frozen=True)
class FileFacts:
    """Everything extracted from one version of one file; immutable, cheap to share.

    ``chunks`` are the spans of the file's top-level items (a definition with its leading
    comments, a statement): the units for partial re-parsing and re-extraction.
    """

    path: str
    language: str
    digest: str
    size: int
    module: str
    symbols: tuple[Symbol, ...] = ()
    references: tuple[Reference, ...] = ()
    imports: tuple[Import, ...] = ()
    chunks: tuple[Span, ...] = ()
    errors: tuple[SyntaxIssue, ...] = ()
    problems: tuple[str, ...] = field(default=())

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

    def innermost_symbol(self, offset: int) -> int:
        """Index of the smallest symbol whose span contains ``offset``, or -1."""
        best = -1
        best_len = 1 << 62
        for i, sym in enumerate(self.symbols):
            if sym.span.start <= offset < sym.span.end and sym.span.length < best_len:
                best, best_len = i, sym.span.length
        return best
