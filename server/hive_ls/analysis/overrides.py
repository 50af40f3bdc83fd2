"""Members that are one to references and callers: overrides and what they override or implement.

TypeScript answers references (and call hierarchy) of a method for the whole family: the
declarations it overrides or implements up to their roots, and every member that overrides
the same roots (``Subscriber.unsubscribe``, ``Subscription.unsubscribe``, ``Subject.unsubscribe``
are one to it). Languages whose spec sets ``overrides_share_references`` are answered so.
A member of a type implementing a library container (``class ObservableMap implements Map``)
is one with that library member too: ``("Map", "get")`` joins it to every ``m.get`` on a Map.
"""

from __future__ import annotations

from collections.abc import Iterable

from hive_ls.analysis.resolve import Resolution, Resolver
from hive_ls.analysis.snapshot import SymbolRef
from hive_ls.analysis.targets import Target

MAX_UP = 8  # bases searched above a type for a member of the name
LibraryMember = tuple[str, str]  # a library type and the name of its member


class Overrides:
    """The root declarations of members, memoised against one resolver's snapshot."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.snap = resolver.snap
        self._roots: dict[SymbolRef, frozenset[SymbolRef]] = {}
        self._library: dict[SymbolRef, frozenset[LibraryMember]] = {}

    def applies(self, target: Target) -> bool:
        """True for a member of a type in a language that counts overrides as one."""
        if not isinstance(target, SymbolRef):
            return False
        entry = self.snap.entry(target.path)
        if entry is None or not self.snap.spec(entry).overrides_share_references:
            return False
        symbols = entry.facts.symbols
        parent = symbols[target.index].parent
        return parent >= 0 and symbols[parent].kind.is_type

    def roots(self, member: SymbolRef) -> frozenset[SymbolRef]:
        """The topmost declarations ``member`` overrides or implements; itself when none."""
        known = self._roots.get(member)
        if known is not None:
            return known
        self._roots[member] = frozenset({member})  # (a cycle of bases ends here)
        found: set[SymbolRef] = set()
        if self.applies(member):
            sym = self.snap.symbol(member)
            for above in self._overridden(SymbolRef(member.path, sym.parent), sym.name):
                found |= self.roots(above)
        result = frozenset(found) if found else frozenset({member})
        self._roots[member] = result
        return result

    def roots_of(self, targets: Iterable[Target]) -> frozenset[SymbolRef]:
        """The roots of every member among ``targets``."""
        return frozenset(r for m in self._members(targets) for r in self.roots(m))

    def _members(self, targets: Iterable[Target]) -> list[SymbolRef]:
        """The members among ``targets`` in a language that counts overrides as one."""
        return [t for t in targets if isinstance(t, SymbolRef) and self.applies(t)]

    def related(self, targets: Iterable[Target], roots: frozenset[SymbolRef]) -> bool:
        """True when one of ``targets`` shares a root with ``roots``."""
        return bool(roots) and not roots.isdisjoint(self.roots_of(targets))

    def library_roots(self, member: SymbolRef) -> frozenset[LibraryMember]:
        """The library members ``member`` implements (``ObservableMap.get``: ``Map``'s ``get``).

        They are those of the library containers its type or a base of it implements or extends.
        """
        known = self._library.get(member)
        if known is not None:
            return known
        found: set[LibraryMember] = set()
        if self.applies(member):
            sym = self.snap.symbol(member)
            layer = [SymbolRef(member.path, sym.parent)]
            seen = set(layer)
            for _ in range(MAX_UP):
                following: list[SymbolRef] = []
                for owner in layer:
                    found.update((name, sym.name) for name in self._library_bases(owner))
                    for base in self.resolver.bases(owner):
                        if base not in seen:
                            seen.add(base)
                            following.append(base)
                if not following:
                    break
                layer = following
        result = frozenset(found)
        self._library[member] = result
        return result

    def library_roots_of(self, targets: Iterable[Target]) -> frozenset[LibraryMember]:
        """The library members any member among ``targets`` implements."""
        return frozenset(r for m in self._members(targets) for r in self.library_roots(m))

    def shares_library(self, result: Resolution, library: frozenset[LibraryMember]) -> bool:
        """True when ``result`` is (or implements) one of the library members ``library``."""
        if not library:
            return False
        if not library.isdisjoint(result.library):
            return True
        return not library.isdisjoint(self.library_roots_of(result.targets))

    def _library_bases(self, owner: SymbolRef) -> list[str]:
        """The library containers type ``owner`` names among its bases (none of the workspace)."""
        entry = self.snap.entry(owner.path)
        if entry is None:
            return []
        spec = self.snap.spec(entry)
        return [
            ref.name
            for ref in entry.facts.inherits.get(owner.index, ())
            if not ref.receiver
            and spec.is_container(ref.name)
            and not self.resolver._chain(entry, ref.span.start, (ref.name,), 1)
        ]

    def family(self, member: SymbolRef) -> list[SymbolRef]:
        """Every member of the workspace that is one with ``member`` (itself first)."""
        if not self.applies(member):
            return [member]
        roots = self.roots(member)
        name = self.snap.symbol(member).name
        entry = self.snap.entry(member.path)
        assert entry is not None
        found = [member]
        for path in self.snap.paths_of_family(self.snap.family_of(entry)):
            other = self.snap.files.get(path)
            if other is None:
                continue
            for index in other.facts.by_name.get(name, ()):
                ref = SymbolRef(path, index)
                if ref != member and self.applies(ref) and not roots.isdisjoint(self.roots(ref)):
                    found.append(ref)
        return found

    def _overridden(self, owner: SymbolRef, name: str) -> list[SymbolRef]:
        """The nearest members named ``name`` in the bases of type ``owner``."""
        found: list[SymbolRef] = []
        seen = {owner}
        layer = [owner]
        for _ in range(MAX_UP):
            following: list[SymbolRef] = []
            for current in layer:
                for base in self.resolver.bases(current):
                    if base in seen:
                        continue
                    seen.add(base)
                    own = self._own(base, name)
                    if own:
                        found.extend(own)
                    else:
                        following.append(base)
            if not following:
                break
            layer = following
        return found

    def _own(self, owner: SymbolRef, name: str) -> list[SymbolRef]:
        entry = self.snap.entry(owner.path)
        if entry is None:
            return []
        facts = entry.facts
        return [
            SymbolRef(owner.path, i)
            for i in facts.children(owner.index)
            if facts.symbols[i].name == name
        ]
