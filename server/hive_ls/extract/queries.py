"""The query files of each language (``grammars/<lang>/*.scm``), compiled once per process."""

from __future__ import annotations

import threading
from functools import cache

from tree_sitter import Query

from hive_ls.base.language import LanguageSpec
from hive_ls.parse.grammar import language

_lock = threading.Lock()


class QueryError(ValueError):
    """A query file is missing or does not compile against its grammar."""


@cache
def _compile(grammar: str, path: str) -> Query:
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    try:
        compiled: Query = Query(language(grammar), source)
    except Exception as exc:  # tree-sitter raises QueryError / NameError / SyntaxError variants
        raise QueryError(f"{path}: {exc}") from exc
    return compiled


def query(spec: LanguageSpec, name: str) -> Query | None:
    """The compiled ``<name>.scm`` of ``spec`` (``tags`` or ``locals``); None if the file is absent.

    Raises QueryError when the file exists but does not compile.
    """
    path = spec.directory / f"{name}.scm"
    if not path.is_file():
        return None
    with _lock:  # compile each query once, even when threads race for it
        compiled: Query = _compile(spec.grammar, str(path))
    return compiled
