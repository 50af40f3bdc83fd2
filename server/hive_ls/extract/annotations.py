"""The dotted type an annotation names, for finding members: ``Optional[Foo]`` names ``Foo``.

Python and TypeScript spellings: ``X | None``, ``Optional[X]``, ``Union[X, None]``,
``Annotated[X, ...]``, ``"X"`` (a string annotation), ``X<T>`` and ``X[T]`` (their origin),
``X[]`` (an array). A type that is no single name (a union of two types, a callable) names
nothing.
"""

from __future__ import annotations

import re

from hive_ls.extract.links import literal

_NOTHING = frozenset({"None", "null", "undefined", "void", "NoneType"})
_WRAPPERS = frozenset(
    {"Optional", "Annotated", "Final", "ClassVar", "Required", "NotRequired", "ReadOnly", "Type"}
)
_GENERIC = re.compile(r"^([\w.]+)\s*[\[<](.*)[\]>]$", re.S)
_DOTTED = re.compile(r"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$")
_OPEN, _CLOSE = "[<(", "]>)"


def _split(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside brackets."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def annotation_chain(text: str, depth: int = 0) -> tuple[str, ...]:
    """The dotted name ``text`` stands for as a type (empty when it is not one name)."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    if not text or depth > 4:
        return ()
    options = [p for p in _split(text, "|") if p not in _NOTHING]
    if len(options) != 1:
        return ()
    text = options[0]
    if text.endswith("[]"):
        return (literal("Array"),)
    generic = _GENERIC.match(text)
    if generic is not None:
        origin, arguments = generic.group(1), generic.group(2)
        last = origin.rsplit(".", 1)[-1]
        if last in _WRAPPERS:
            return annotation_chain(_split(arguments, ",")[0], depth + 1)
        if last == "Union":
            kept = [a for a in _split(arguments, ",") if a not in _NOTHING]
            return annotation_chain(kept[0], depth + 1) if len(kept) == 1 else ()
        text = origin
    return tuple(text.split(".")) if _DOTTED.match(text) else ()
