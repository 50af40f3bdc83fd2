"""What a class's instances hold: attributes its methods assign, and declared field types.

``self.items = []`` in any method makes ``items`` a list; ``self.store: Store = make()`` a
``Store``. The assignments are read from the facts (``Reference.assigned``) once per file
version; a field's or variable's own declaration (``limit: int = 10``, ``x = Foo()``) is read
from its signature.
"""

from __future__ import annotations

import re

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.extract.annotations import annotation_chain, enclosed, split_top
from hive_ls.extract.links import CALLED, literal, type_arguments

#: (class index, attribute name) -> where each assignment is and the type it gives
Attributes = dict[tuple[int, str], list[tuple[int, tuple[str, ...]]]]
_CALL = re.compile(r"^\s*(?:new\s+)?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*([(<])")
_LITERALS = (("[", "list"), ("{", "dict"), ('"', "str"), ("'", "str"), ("f'", "str"))


def instance_attributes(snap: Snapshot, entry: FileEntry) -> Attributes:
    """The attributes each class of a file gives ``self`` in its methods, with their types."""
    facts = entry.facts
    cache = snap.attributes_cache
    known = cache.get(id(facts))
    if known is not None and known[0] is facts:
        return known[1]
    found: Attributes = {}
    symbols = facts.symbols
    for ref in facts.references:
        if not ref.assigned or ref.scope < 0:
            continue
        owner = ref.scope
        while owner >= 0 and not symbols[owner].kind.is_type:
            owner = symbols[owner].parent
        if owner >= 0:
            found.setdefault((owner, ref.name), []).append((ref.span.start, ref.assigned))
    cache[id(facts)] = (facts, found)
    return found


def declared_annotation(signature: str, name: str) -> str:
    """The annotation a field or variable declaration writes (``x: T = ...``: ``T``), or ''."""
    _, _, rest = signature.partition(name)
    rest = rest.strip().lstrip("!?").strip()
    if not rest.startswith(":"):
        return ""
    text = rest[1:]
    at = 0
    while True:  # the `=` of a default value, not of `=>`
        at = text.find("=", at)
        if at < 0 or text[at + 1 : at + 2] != ">":
            break
        at += 2
    return (text if at < 0 else text[:at]).strip().rstrip(";").strip()


def declared_type(signature: str, name: str) -> tuple[str, ...]:
    """The type a field or variable declaration names: ``x: T = ...`` or ``x = T(...)``."""
    _, _, rest = signature.partition(name)
    rest = rest.strip().lstrip("!?").strip()  # TypeScript's `x!: T` and `x?: T`
    if rest.startswith(":"):
        return annotation_chain(declared_annotation(signature, name))
    if not rest.startswith("="):
        return ()
    value = rest[1:].strip()
    call = _CALL.match(value)
    if call is not None:  # `T(...)`, `new T(...)`, `new Map<K, V>()`
        built = tuple(call.group(1).split("."))
        if call.group(2) == "<":
            inner, end = enclosed(value, call.end() - 1)
            if end < 0 or not value[end:].lstrip().startswith("("):
                return ()
            arguments = [annotation_chain(a) for a in split_top(inner, ",")]
            built = (*built, type_arguments(arguments))
        return (*built, CALLED)
    for start, builtin in _LITERALS:
        if value.startswith(start):
            return (literal(builtin),)
    return ()
