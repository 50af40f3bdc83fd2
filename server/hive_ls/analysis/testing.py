"""Which files and definitions are tests, by each language's conventions (``language.toml``)."""

from __future__ import annotations

from fnmatch import fnmatchcase
from functools import cache

import pathspec

from hive_ls.analysis.entry import FileEntry
from hive_ls.base.facts import SymbolKind
from hive_ls.base.language import LanguageSpec

_CALLABLE = frozenset({SymbolKind.FUNCTION, SymbolKind.METHOD})


@cache
def _file_patterns(patterns: tuple[str, ...]) -> pathspec.PathSpec:  # type: ignore[type-arg]
    return pathspec.PathSpec.from_lines("gitignore", patterns)


def is_test_file(spec: LanguageSpec, relpath: str) -> bool:
    """True when ``relpath`` (inside the workspace) is a test file of ``spec``'s language."""
    return bool(spec.test_files) and _file_patterns(spec.test_files).match_file(relpath)


def test_symbols(entry: FileEntry, spec: LanguageSpec) -> list[int] | None:
    """Indices of the test functions and methods of a test file.

    None when the file is not a test file; an empty list when it is one but no definition
    matches the patterns, so the file as a whole is the test.
    """
    if not is_test_file(spec, entry.relpath):
        return None
    found = []
    prefix = f"{entry.facts.module}." if entry.facts.module else ""
    for index, sym in enumerate(entry.facts.symbols):
        if sym.kind not in _CALLABLE:
            continue
        local = sym.qname[len(prefix) :] if sym.qname.startswith(prefix) else sym.qname
        for pattern in spec.test_symbols:
            if fnmatchcase(local if "." in pattern else sym.name, pattern):
                found.append(index)
                break
    return found


def test_id(entry: FileEntry, index: int | None) -> str:
    """How a test runner names a test.

    ``tests/test_cart.py::TestCart::test_add`` (pytest's form); the file alone for a whole-file
    test.
    """
    if index is None:
        return entry.relpath
    symbols = entry.facts.symbols
    parts = []
    while index >= 0:
        parts.append(symbols[index].name)
        index = symbols[index].parent
    return "::".join([entry.relpath, *reversed(parts)])
