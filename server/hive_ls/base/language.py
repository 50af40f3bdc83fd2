"""The description of one language, read from ``grammars/<lang>/language.toml``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class MemberAccess:
    """A syntax node that reaches a name through an object: ``object.name``.

    ``node`` is the node type; ``object`` and ``name`` are its field names.
    """

    node: str
    object: str
    name: str


@dataclass(frozen=True)
class LanguageSpec:
    r"""How hive-ls recognises, parses and reads one language.

    Attributes:
        name: our id for the language (the folder under ``grammars/``).
        grammar: the grammar's name in tree-sitter-language-pack.
        directory: the folder holding ``language.toml`` and the query files.
        extensions: file extensions without the dot.
        filenames: whole file names that belong to the language (``Rakefile``).
        language_ids: LSP ``languageId`` values sent by editors.
        comment_prefix: line comment marker, used by caret fixture tests.
        module_style: how module names follow from paths (see ``extract.modules``).
        identifier_nodes: node types that are names a person can click on.
        scope_nodes: node types that open a local scope (functions, blocks ...).
        body_fields: field names whose start ends a definition's signature.
        member_access: nodes of the form ``object.name``.
        self_names: receivers that mean the enclosing class (``self``, ``this``).
        base_names: receivers that mean the enclosing class's bases (``super.m()``).
        stub_suffixes: endings of declaration-only files (``.pyi``): a module that has a source
            file too is that source, its stub left out of resolution.
        implicit_members: bare names may mean members of the enclosing class (Java, C#).
        hoisted_locals: a local is visible in its whole scope, not only after it.
        doc_links: what opens a link to a name in a doc comment (``{@link ``): the name
            linked is a reference to what it names there.
        overrides_share_references: a member's references and callers include those of the
            members it overrides or implements and of the other members overriding the same
            declaration (TypeScript counts them as one symbol; Python's checkers do not).
        aliases_share_references: a name's references include the names it is imported or
            exported under (``export { a as b }``) and their uses (TypeScript's rule).
        separators: how qualified names are written in source (``.``, ``::``, ``\``).
        semantics: the module of ``analysis.semantics`` with the import rules (default: generic).
        constructor_nodes: expressions that make a value of a named type (``new Foo()``,
            ``Foo()``, ``Foo{}``, and calls): a local assigned one is known to have that type, or
            the type the called function returns.
        prefix_nodes: node types that belong to the item after them, as comments do (Rust's
            ``#[derive(..)]`` attributes): a top-level item starts at its first one.
        key_fields: places where a name is a key, not a use of a variable in scope:
            ``"keyword_argument.name"`` (a field of a node type), or a bare node type for its
            first named child (``"jsx_attribute"``).
        split_nodes: definitions whose members may be re-extracted one by one when they are big
            (classes, namespaces, impl blocks); never a local scope, so that a name's local
            binding lies in its own piece.
        test_files: glob patterns (on the path inside the workspace) of files holding tests.
        test_symbols: patterns of the functions and methods that are tests in such files
            (matched on the name, and on the path inside the file for ``a.b`` patterns); when
            none match, the file itself is the test (JavaScript's ``it(...)`` blocks).
        family: languages whose files see each other's names share a family (``ecmascript`` for
            JavaScript, TypeScript and TSX; ``c`` for C and C++); by default each its own.
        opening_tag: text a file opens with before any code (PHP's ``<?php``); a part of the
            file parsed on its own is parsed after it.
        risky: per kind of effect (``network``, ``process``, ``files``), the dotted names of
            the modules and calls that have it; an AI edit adding one needs a person's word.
        call_nodes: expressions that call something (``f(x)``, ``new C()``): a receiver that
            is one is the result of the call (``f().g``).
        literal_types: node type -> the built-in type a literal of it has (``string`` ->
            ``str``): its members are the language's, never the workspace's.
        builtins: names every file sees without an import, defined outside the workspace.
        loop_nodes: loops whose ``left`` takes the items of their ``right`` (``for x of a``);
            a loop whose ``operator`` is ``in`` (JavaScript's ``for k in o``) takes its keys.
        index_access: ``node.field`` of an index or key access (``subscript.value``): the
            field holds what the item is taken from.
        containers: library container types (``Array``, ``dict``) -> which of their type
            arguments an item has, by how it is taken: ``[]`` an index, ``[*]`` a loop,
            ``get()`` a member's result, ``forEach#0.0`` a parameter of a function passed to
            a member; -1 is the container's own type (``copy()``).
        recovery: ``indent`` when a syntax error is contained by re-reading the file's
            top-level statements one by one (``parse.recovery``: Python, whose parse one
            missing ``:`` can derail to the end of the file); empty for the parser's own.
    """

    name: str
    grammar: str
    directory: Path
    extensions: tuple[str, ...]
    filenames: tuple[str, ...]
    language_ids: tuple[str, ...]
    comment_prefix: str
    module_style: str
    identifier_nodes: frozenset[str]
    scope_nodes: frozenset[str]
    body_fields: tuple[str, ...]
    member_access: tuple[MemberAccess, ...]
    self_names: frozenset[str]
    implicit_members: bool
    hoisted_locals: bool
    separators: tuple[str, ...]
    overrides_share_references: bool = False
    aliases_share_references: bool = False
    doc_links: tuple[str, ...] = ()
    semantics: str = "base"
    constructor_nodes: frozenset[str] = frozenset()
    opening_tag: str = ""
    prefix_nodes: frozenset[str] = frozenset()
    key_fields: tuple[tuple[str, str], ...] = ()
    family: str = ""
    split_nodes: frozenset[str] = frozenset()
    test_files: tuple[str, ...] = ()
    test_symbols: tuple[str, ...] = ()
    risky: tuple[tuple[str, tuple[str, ...]], ...] = ()
    call_nodes: frozenset[str] = frozenset()
    literal_types: tuple[tuple[str, str], ...] = ()
    builtins: frozenset[str] = frozenset()
    containers: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()
    loop_nodes: frozenset[str] = frozenset()
    index_access: tuple[tuple[str, str], ...] = ()
    recovery: str = ""
    base_names: frozenset[str] = frozenset()
    stub_suffixes: tuple[str, ...] = ()

    def container_item(self, container: str, taken: str) -> int | None:
        """Which type argument of ``container`` an item taken so has (None: not known)."""
        for name, items in self.containers:
            if name == container:
                return next((place for key, place in items if key == taken), None)
        return None

    def indexed_object(self, node_type: str) -> str:
        """The field holding what an index access takes from (empty: ``node_type`` is none)."""
        return next((field for node, field in self.index_access if node == node_type), "")

    def is_container(self, name: str) -> bool:
        """Whether ``name`` is a library container type of the language."""
        return any(name == known for known, _ in self.containers)

    def literal_type(self, node_type: str) -> str:
        """The built-in type of a literal node (empty when ``node_type`` is no literal)."""
        for literal, builtin in self.literal_types:
            if literal == node_type:
                return builtin
        return ""

    def member_node(self, node_type: str) -> MemberAccess | None:
        """The member-access description for ``node_type``, if it is one."""
        for access in self.member_access:
            if access.node == node_type:
                return access
        return None
