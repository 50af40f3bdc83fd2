"""The dotted type an annotation names, for finding members: ``Optional[Foo]`` names ``Foo``.

Python and TypeScript spellings: ``X | None``, ``Optional[X]``, ``Union[X, None]``,
``Annotated[X, ...]``, ``"X"`` (a string annotation), ``X<T>`` and ``X[T]`` (their origin),
``X[]`` (an array), ``Promise<X>`` (what it resolves to). A union of named types is one
chain whose first link holds each option (``A|B``, see ``options``); a type that names no
type (a callable, an object literal) names nothing.
"""

from __future__ import annotations

import re

from hive_ls.extract.links import object_type, split_outside, type_arguments

_NOTHING = frozenset({"None", "null", "undefined", "void", "NoneType"})
# types that stand for their first argument: they keep its members (TypeScript's `Partial<T>`);
# a promise for what it resolves to, as the code that uses one awaits it (`(await load()).save()`)
_WRAPPERS = frozenset(
    {"Optional", "Annotated", "Final", "ClassVar", "Required", "NotRequired", "ReadOnly", "Type"}
    | {"Partial", "Readonly", "NonNullable"}
    | {"Promise", "PromiseLike", "Awaitable"}
)
#: a generic type: its origin, and what its brackets hold
GENERIC = re.compile(r"^([\w.]+)\s*[\[<](.*)[\]>]$", re.S)
_DOTTED = re.compile(r"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$")
_OPEN, _CLOSE = "[<({", "]>)}"
#: what joins the options of a union in a chain's first link (``Subscriber|Observer``)
UNION = "|"
#: parameters a call does not fill by position: the receiver, TypeScript's `this` type
_RECEIVERS = frozenset({"self", "cls", "this"})


def _split(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside brackets (the ``>`` of ``=>`` closes none)."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE and not (char == ">" and text[at - 1 : at] == "="):
            depth -= 1
        elif char == separator and depth == 0 and text[at : at + 2] != "=>":
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def split_top(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` where no bracket is open, each part stripped."""
    return _split(text, separator)


def split_union(text: str) -> list[str]:
    """The types a union names, past ``None``/``null``/``undefined`` and brackets around each."""
    found = []
    for option in _split(text.strip(), "|"):
        kind = option
        while kind.startswith("("):
            inner, end = enclosed(kind, 0)
            if end != len(kind):
                break
            kind = inner.strip()
        if kind and kind not in _NOTHING:
            found.append(kind)
    return found


def enclosed(text: str, start: int) -> tuple[str, int]:
    """What the bracket at ``start`` encloses, and the index just after its closing bracket.

    ``("", -1)`` when it is not closed.
    """
    depth = 0
    for at in range(start, len(text)):
        char = text[at]
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE and not (char == ">" and text[at - 1 : at] == "="):
            depth -= 1
            if depth == 0:
                return text[start + 1 : at], at + 1
    return "", -1


def without_nothing(text: str) -> str:
    """A type with its ``None``/``null``/``undefined`` options dropped, brackets around it too.

    ``((v: T) => void) | null`` is ``(v: T) => void``; empty when several options remain.
    """
    options = [p for p in _split(text.strip(), "|") if p not in _NOTHING]
    if len(options) != 1:
        return ""
    text = options[0]
    while text.startswith("(") and enclosed(text, 0)[1] == len(text):
        text = text[1:-1].strip()
    return text


def annotation_chain(text: str, depth: int = 0) -> tuple[str, ...]:
    """The dotted name ``text`` stands for as a type (empty when it is not one name)."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    if not text or depth > 4:
        return ()
    options = [p for p in _split(text, "|") if p not in _NOTHING]
    if len(options) > 1:
        return _union(options, depth)
    if not options:
        return ()
    text = options[0]
    if text.startswith("{") and enclosed(text, 0)[1] == len(text):
        return _object_type(text[1:-1], depth)
    if text.endswith("[]"):  # `T[]`: an Array of T
        item = text[:-2].strip()
        while item.startswith("(") and enclosed(item, 0)[1] == len(item):
            item = item[1:-1].strip()
        return ("Array", type_arguments([annotation_chain(item, depth + 1)]))
    generic = GENERIC.match(text)
    if generic is not None:
        origin, arguments = generic.group(1), generic.group(2)
        last = origin.rsplit(".", 1)[-1]
        if last in _WRAPPERS:
            return annotation_chain(_split(arguments, ",")[0], depth + 1)
        if last == "Union":
            kept = [a for a in _split(arguments, ",") if a not in _NOTHING]
            if len(kept) > 1:
                return _union(kept, depth)
            return annotation_chain(kept[0], depth + 1) if kept else ()
        if not _DOTTED.match(origin):
            return ()
        # the arguments ride along: a library container's items are of those types
        each = [annotation_chain(a, depth + 1) for a in _split(arguments, ",")]
        return (*origin.split("."), type_arguments(each))
    return tuple(text.split(".")) if _DOTTED.match(text) else ()


def _union(kinds: list[str], depth: int) -> tuple[str, ...]:
    """One chain for a union whose every option names a type (empty when one names none)."""
    heads = []
    for kind in kinds:
        chain = annotation_chain(without_nothing(kind), depth + 1)
        if not chain:
            return ()
        heads.extend(split_outside(".".join(chain), UNION))
    return (UNION.join(dict.fromkeys(heads)),)


_MEMBER = re.compile(r"^(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*:(.*)$", re.S)


def _object_type(inner: str, depth: int) -> tuple[str, ...]:
    """An object type written in place (``{ a: A; b?: B }``): its members' declared types."""
    members: dict[str, tuple[str, ...]] = {}
    for part in (p for chunk in _split(inner, ";") for p in _split(chunk, ",")):
        member = _MEMBER.match(part.strip())
        if member is not None:  # (methods and index signatures are left out)
            members[member.group(1)] = annotation_chain(member.group(2), depth + 1)
    return (object_type(members),) if members else ()


def options(chain: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The chains a chain stands for: one per option of a union in its first link."""
    if not chain or UNION not in chain[0]:
        return [chain]
    return [(*split_outside(head, "."), *chain[1:]) for head in split_outside(chain[0], UNION)]


def declared_parameters(inner: str) -> list[str]:
    """The type each positional parameter of a parameter list declares ('' where none).

    ``inner`` is the text between the parentheses: ``a: A, b?: B = x`` gives ``["A", "B"]``.
    A leading receiver (``self``, ``cls``, ``this: T``) is skipped; the list ends where the
    positional parameters do (``*args``, ``*``, ``...rest``); a ``/`` marker is no parameter.
    """
    found: list[str] = []
    for place, part in enumerate(_split(inner, ",")):
        if not part or part == "/":
            continue
        if part.startswith(("*", "...")):
            break
        name, *typed = _split(part, ":")
        annotation = ":".join(typed)
        if typed == [] and "=" in name:  # `x=1`: no annotation, a default
            name = _split(name, "=")[0]
        if place == 0 and name.strip().rstrip("?") in _RECEIVERS:
            continue
        found.append(_split(annotation, "=")[0] if annotation else "")
    return found
