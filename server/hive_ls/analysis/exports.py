"""What ``from m import *`` brings: the names of ``m``'s ``__all__``, or its public names.

``__all__`` is read from the module's export references (``__all__ = [...]``, ``+=``,
``.extend``) and the ``__all__`` of other modules it adds (``a.__all__ + b.__all__``). A module
without one exports every name not starting with an underscore (the language's rule, from its
semantics). Answers are cached per snapshot; the files read are recorded on every call, so a
graph update that used them is redone when they change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hive_ls.analysis.snapshot import SymbolRef
from hive_ls.base.facts import RefKind

if TYPE_CHECKING:
    from hive_ls.analysis.resolve import Resolver

ALL = "__all__"
MAX_DEPTH = 8


def module_exports(resolver: Resolver, module: str, depth: int = 0) -> frozenset[str] | None:
    """The names ``module`` declares in ``__all__``; None when it declares none."""
    snap = resolver.snap
    paths = snap.find_module(module)
    for path in paths:
        snap.entry(path)  # record the read, cached answer or not
    key = (snap.family, module)
    cache = snap.exports_cache
    if key in cache:
        return cache[key]
    cache[key] = None  # a cycle of `a.__all__ + b.__all__` ends here
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
            if depth >= MAX_DEPTH:
                continue
            for target in resolver.resolve_reference(entry, ref).targets:
                if isinstance(target, SymbolRef):
                    other = snap.entry(target.path)
                    if other is not None and other.facts.module:
                        more = module_exports(resolver, other.facts.module, depth + 1)
                        names.update(more or ())
    found = frozenset(names) if declared else None
    cache[key] = found
    return found
