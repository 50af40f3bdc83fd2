"""SQL fragments for LanceDB filters: quoted literals, IN lists and fnmatch globs as LIKE."""

from __future__ import annotations

from collections.abc import Iterable

from hive_ls.store.rows import Filters

LIKE_ESCAPE = "\\"


def quote(value: str) -> str:
    """``value`` as a SQL string literal (single quotes doubled; backslashes are literal)."""
    return "'" + value.replace("'", "''") + "'"


def in_list(column: str, values: Iterable[str]) -> str:
    """``column IN ('a', 'b')``; ``FALSE`` for no values (an empty IN list is not SQL)."""
    quoted = sorted({quote(value) for value in values})
    if not quoted:
        return "FALSE"
    return f"{column} IN ({', '.join(quoted)})"


def glob_to_like(glob: str) -> tuple[str, bool]:
    """A LIKE pattern (escape character backslash) for an fnmatch glob, and whether it is exact.

    ``*`` and ``?`` translate directly; a character class (``[...]``) cannot, so the pattern stops
    at the first ``[`` with a ``%`` and the result is marked inexact: the caller post-filters.
    """
    out: list[str] = []
    for char in glob:
        if char == "*":
            out.append("%")
        elif char == "?":
            out.append("_")
        elif char == "[":
            out.append("%")
            return "".join(out), False
        elif char in "%_\\":
            out.append(LIKE_ESCAPE + char)
        else:
            out.append(char)
    return "".join(out), True


def filter_sql(filters: Filters) -> tuple[str | None, bool]:
    """The WHERE clause for ``filters`` (None when unrestricted) and whether it is exact.

    When it is not exact the caller must also check ``path_glob`` itself on the results.
    """
    parts: list[str] = []
    exact = True
    if filters.languages:
        parts.append(in_list("language", filters.languages))
    if filters.kinds:
        parts.append(in_list("kind", filters.kinds))
    if filters.path_glob:
        pattern, exact = glob_to_like(filters.path_glob)
        if pattern.strip("%"):
            parts.append(f"file LIKE {quote(pattern)} ESCAPE {quote(LIKE_ESCAPE)}")
    return (" AND ".join(f"({part})" for part in parts) or None), exact


def both(first: str | None, second: str | None) -> str | None:
    """The conjunction of two optional WHERE clauses."""
    if first and second:
        return f"({first}) AND ({second})"
    return first or second
