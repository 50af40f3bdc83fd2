"""Tree-sitter languages and parsers, loaded once per process and once per thread."""

from __future__ import annotations

import threading
from functools import cache

from tree_sitter import Language, Parser, Tree
from tree_sitter_language_pack import get_language

from hive_ls.base.language import LanguageSpec

_local = threading.local()


@cache
def language(grammar: str) -> Language:
    """The tree-sitter language called ``grammar`` in tree-sitter-language-pack."""
    return get_language(grammar)  # type: ignore[arg-type]


def parser(spec: LanguageSpec) -> Parser:
    """A parser for ``spec`` owned by the calling thread (parsers are not thread-safe)."""
    parsers: dict[str, Parser] | None = getattr(_local, "parsers", None)
    if parsers is None:
        parsers = _local.parsers = {}
    found = parsers.get(spec.grammar)
    if found is None:
        found = parsers[spec.grammar] = Parser(language(spec.grammar))
    return found


def parse(spec: LanguageSpec, data: bytes, old_tree: Tree | None = None) -> Tree:
    """Parse ``data``; with ``old_tree`` (already edited) tree-sitter reuses what did not change."""
    p = parser(spec)
    p.included_ranges = []
    if old_tree is None:
        return p.parse(data)
    return p.parse(data, old_tree)
