"""The links of a receiver chain that are not names: unknowns, call results, literals, callbacks."""

from __future__ import annotations

import re

_NAME = re.compile(r"[A-Za-z_$][\w$]*")

UNKNOWN = "?"  # an expression whose value hive-ls does not follow (an index, an operation)
CALLED = "()"  # the result of calling what comes before it (``f(x).g`` -> ``("f", "()")``)
INDEXED = "[]"  # an item of what comes before, taken by index or key (``a[i].g``)
ITERATED = "[*]"  # an item of what comes before, taken by a loop (``for x of a``, ``for x in a``)
#: what ``with T() as x`` calls on its value for ``x`` (``async with``: the second)
ENTER, AENTER = "__enter__", "__aenter__"


def literal(type_name: str) -> str:
    """The link standing for a value of a built-in type (``<str>``): never a name."""
    return f"<{type_name}>"


def is_literal(link: str) -> bool:
    """Whether a chain link is a built-in value (``literal``)."""
    return link.startswith("<") and link.endswith(">")


def callback(argument: int, parameter: int) -> str:
    """The link standing for a parameter of a function passed to what comes before it.

    ``operate((source, subscriber) => ...)`` gives ``subscriber`` the chain
    ``("operate", "#0.1")``: the type ``operate``'s parameter 0 declares for its parameter 1.
    """
    return f"#{argument}.{parameter}"


def passed_value(argument: int) -> str:
    """The link standing for a value passed to what comes before it, as the callee declares it.

    A key of ``source.subscribe({next: ...})`` gets the chain ``("source", "subscribe", "#0")``:
    ``next`` is a member of the type ``subscribe`` declares for its argument 0.
    """
    return f"#{argument}"


def callback_slot(link: str) -> tuple[int, int] | None:
    """The argument and parameter a ``callback`` link names (None: it is no such link).

    A ``passed_value`` link names its argument and parameter -1 (the argument itself).
    """
    if not link.startswith("#"):
        return None
    argument, dot, parameter = link[1:].partition(".")
    if not dot and argument.isdigit():
        return int(argument), -1
    if not (argument.isdigit() and parameter.isdigit()):
        return None
    return int(argument), int(parameter)


def type_arguments(arguments: list[tuple[str, ...]]) -> str:
    """The link holding a generic type's arguments (``Map<K, V>`` -> ``("Map", "{K;V}")``).

    Each argument is a chain written with dots; an argument that names no type is empty.
    """
    return "{" + ";".join(".".join(a) for a in arguments) + "}"


def is_type_arguments(link: str) -> bool:
    """Whether a chain link holds a generic type's arguments (``type_arguments``)."""
    return link.startswith("{") and link.endswith("}")


def split_outside(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` where no ``{}`` of type arguments is open."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return parts


def argument_chains(link: str) -> list[tuple[str, ...]]:
    """The chains a ``type_arguments`` link holds (an empty chain where one names no type)."""
    inner = link[1:-1]
    if not inner:
        return []
    return [tuple(p for p in split_outside(a, ".") if p) for a in split_outside(inner, ";")]


def object_type(members: dict[str, tuple[str, ...]]) -> str:
    """The link standing for an object type written in place (``{ a: A; b: B }``).

    Each member's declared type is a chain written with dots.
    """
    return "<{" + ";".join(f"{name}={'.'.join(chain)}" for name, chain in members.items()) + "}>"


def object_members(link: str) -> dict[str, tuple[str, ...]] | None:
    """The members an ``object_type`` link declares (None: it is no such link)."""
    if not (link.startswith("<{") and link.endswith("}>")):
        return None
    found: dict[str, tuple[str, ...]] = {}
    for part in split_outside(link[2:-2], ";"):
        name, _, chain = part.partition("=")
        if name:
            found[name] = tuple(p for p in split_outside(chain, ".") if p)
    return found


def names_in(link: str) -> list[str]:
    """The names a link mentions: itself, or those of a union, type arguments, object type."""
    return _NAME.findall(link)
