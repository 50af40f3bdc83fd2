"""The query files of each language (``grammars/<lang>/*.scm``), compiled once per process."""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from tree_sitter import Query

from hive_ls.base.language import LanguageSpec
from hive_ls.parse.grammar import language

_lock = threading.Lock()


class QueryError(ValueError):
    """A query file is missing or does not compile against its grammar."""


def _source(path: Path, seen: frozenset[Path] = frozenset()) -> str:
    """The text of a query file, preceded by the files it inherits.

    A first line ``; inherits: javascript, ecma`` prepends the same-named file of those
    languages (their folders sit next to this one), as nvim-treesitter's queries do.
    """
    if path in seen:
        raise QueryError(f"{path}: inherits itself")
    text = path.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0].strip()
    if not first.startswith("; inherits:"):
        return text
    parts = []
    for inherited in first.split(":", 1)[1].split(","):
        parent = path.parent.parent / inherited.strip() / path.name
        if not parent.is_file():
            raise QueryError(f"{path}: inherits {parent}, which does not exist")
        parts.append(_source(parent, seen | {path}))
    parts.append(text)
    return "\n".join(parts)


@cache
def _compile(grammar: str, path: str) -> Query:
    try:
        source = _source(Path(path))
        compiled: Query = Query(language(grammar), source)
    except QueryError:
        raise
    except Exception as exc:  # tree-sitter raises QueryError / NameError / SyntaxError variants
        raise QueryError(f"{path}: {exc}") from exc
    return compiled


_compiled: dict[tuple[str, str], Query | None] = {}


def query(spec: LanguageSpec, name: str) -> Query | None:
    """The compiled ``<name>.scm`` of ``spec`` (``tags`` or ``locals``); None if the file is absent.

    Raises QueryError when the file exists but does not compile. Looked up once per process.
    """
    key = (spec.name, name)
    if key in _compiled:
        return _compiled[key]
    path = spec.directory / f"{name}.scm"
    with _lock:  # compile each query once, even when threads race for it
        found: Query | None = _compile(spec.grammar, str(path)) if path.is_file() else None
        _compiled[key] = found
    return found
