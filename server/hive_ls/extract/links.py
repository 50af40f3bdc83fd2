"""The links of a receiver chain that are not names: unknown values, call results, literals."""

from __future__ import annotations

UNKNOWN = "?"  # an expression whose value hive-ls does not follow (an index, an operation)
CALLED = "()"  # the result of calling what comes before it (``f(x).g`` -> ``("f", "()")``)


def literal(type_name: str) -> str:
    """The link standing for a value of a built-in type (``<str>``): never a name."""
    return f"<{type_name}>"


def is_literal(link: str) -> bool:
    """Whether a chain link is a built-in value (``literal``)."""
    return link.startswith("<") and link.endswith(">")
