"""What ``from m import *`` brings: the names of ``m``'s ``__all__``, or its public names.

``__all__`` is read from the module's export references (``__all__ = [...]``, ``+=``,
``.extend``) and the ``__all__`` of other modules it adds (``a.__all__ + b.__all__``). A module
without one exports every name not starting with an underscore (the language's rule, from its
semantics). Answers are cached per snapshot with every file they read, and those files are
recorded again on each use, so a graph update that used them is redone when one changes. A
cycle of modules adding each other's ``__all__`` is answered without the part still being read,
and such an answer is not cached (it depends on where the reading started).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hive_ls.analysis.snapshot import SymbolRef
from hive_ls.base.facts import RefKind

if TYPE_CHECKING:
    from hive_ls.analysis.resolve import Resolver

ALL = "__all__"
MAX_DEPTH = 8


class _Reading:
    """The modules being read right now (a cycle ends at them) and what was read."""

    def __init__(self) -> None:
        self.open: set[tuple[str, str]] = set()
        self.cut = False  # an answer met a module still being read: it is partial


def module_exports(resolver: Resolver, module: str) -> frozenset[str] | None:
    """The names ``module`` declares in ``__all__``; None when it declares none."""
    found, _ = _exports(resolver, module, 0, _Reading())
    return found


def _exports(
    resolver: Resolver, module: str, depth: int, reading: _Reading
) -> tuple[frozenset[str] | None, frozenset[str]]:
    snap = resolver.snap
    key = (snap.family, module)
    cached = snap.exports_cache.get(key)
    if cached is not None:
        for path in cached[1]:
            snap.entry(path)  # record the reads again: the answer depends on these files
        return cached
    if key in reading.open or depth >= MAX_DEPTH:
        reading.cut = True
        return None, frozenset()
    reading.open.add(key)
    paths = snap.find_module(module)
    used = set(paths)
    names: set[str] = set()
    declared = False
    for path in paths:
        entry = snap.entry(path)
        if entry is None:
            continue
        facts = entry.facts
        declared = declared or any(facts.symbols[i].parent < 0 for i in facts.by_name.get(ALL, ()))
        for ref in facts.references:
            if ref.kind is not RefKind.EXPORT:
                continue
            if not ref.chain:
                names.add(ref.name)
                continue
            for target in resolver.resolve_reference(entry, ref).targets:
                if not isinstance(target, SymbolRef):
                    continue
                other = snap.entry(target.path)
                if other is not None and other.facts.module:
                    more, read = _exports(resolver, other.facts.module, depth + 1, reading)
                    names.update(more or ())
                    used.update(read | {target.path})
    reading.open.discard(key)
    answer = (frozenset(names) if declared else None, frozenset(used))
    if not reading.cut:
        snap.exports_cache[key] = answer
    return answer
