"""Everything a receiver offers: the members of a module, a type (with inherited ones), a local.

Completion after a dot needs all members of what the receiver stands for, where name
resolution looks for one member by name; the receiver itself is resolved exactly as
``analysis.resolve`` resolves it for go-to-definition.
"""

from __future__ import annotations

from typing import NamedTuple

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.resolve import Resolver
from hive_ls.analysis.semantics import semantics_for
from hive_ls.analysis.snapshot import SymbolRef
from hive_ls.analysis.targets import LibraryType, LocalTarget, ModuleTarget, Target
from hive_ls.base.facts import Binding, SymbolKind
from hive_ls.base.span import Span
from hive_ls.extract.occurrence import Occurrence

MAX_BASES = 8  # how deep inherited members are looked for
MAX_IMPORTS = 64  # re-exported names of a module resolved to say what they are
_NAMESPACES = frozenset({SymbolKind.NAMESPACE, SymbolKind.MODULE})


class Member(NamedTuple):
    """A member offered by a receiver.

    ``target`` is what it is (a definition or a module, None when a re-export cannot be
    resolved); ``depth`` 0 for its own members, ``n`` for those inherited ``n`` bases up.
    """

    name: str
    target: SymbolRef | ModuleTarget | None
    depth: int


class MemberFinder(Resolver):
    """Resolves receivers and lists their members against one snapshot."""

    def receiver_targets(
        self,
        entry: FileEntry,
        offset: int,
        receiver: tuple[str, ...],
        receiver_start: int,
        receiver_local: Binding | None,
    ) -> list[Target] | None:
        """What the receiver chain before ``offset`` stands for.

        None when it cannot be known (an untyped value, a call's result); an empty list when
        it comes from outside the workspace (an imported library).
        """
        self._enter(entry)
        occ = Occurrence("", Span(offset, offset), receiver, receiver_start, None, receiver_local)
        owners = self.receivers.receiver(entry, occ)
        # a library value's members are the library's: none in the workspace
        return None if owners is None else [o for o in owners if not isinstance(o, LibraryType)]

    def opaque(self, owner: Target) -> bool:
        """True when an owner's members cannot be known: a value whose type is not known.

        A local counts as one (its type, when it has one, may be from outside the workspace).
        """
        return self.receivers.opaque(owner)

    def enclosing_type(self, entry: FileEntry, offset: int) -> SymbolRef | None:
        """The type whose body (or method) ``offset`` is in."""
        self._enter(entry)
        return self._enclosing_type(entry, offset)

    def members(self, owner: Target) -> list[Member]:
        """Every member of a module, a type or namespace, or a local of a known type."""
        if isinstance(owner, ModuleTarget):
            return self._module_members(owner)
        if isinstance(owner, LocalTarget):
            if not owner.type_hint:
                return []
            entry = self.snap.entry(owner.path)
            if entry is None:
                return []
            self._enter(entry)
            types = self._chain(entry, owner.span.start, owner.type_hint, 1)
            found: list[Member] = []
            for target in types:
                if not isinstance(target, LocalTarget):
                    found.extend(self.members(target))
            return found
        sym = self.snap.symbol(owner)
        if sym.kind.is_type or sym.kind in _NAMESPACES:
            return self._type_members(owner)
        return []

    def _type_members(self, owner: SymbolRef) -> list[Member]:
        found: list[Member] = []
        seen: set[SymbolRef] = set()
        layer = [owner]
        for depth in range(MAX_BASES):
            following: list[SymbolRef] = []
            for current in layer:
                if current in seen:
                    continue
                seen.add(current)
                entry = self.snap.entry(current.path)
                if entry is None:
                    continue
                for ref in self._own_members(entry, current):
                    found.append(Member(self.snap.symbol(ref).name, ref, depth))
                following.extend(self.bases(current, 1))
            if not following:
                break
            layer = following
        return found

    def _own_members(self, entry: FileEntry, owner: SymbolRef) -> list[SymbolRef]:
        """The members of a type: those inside it, and those declared outside it.

        Outside, a member is found by its qualified name in the type's module: Go's methods,
        Rust's impl blocks, C++'s ``void A::f()``.
        """
        facts = entry.facts
        found = [SymbolRef(owner.path, i) for i in facts.children(owner.index)]
        prefix = facts.symbols[owner.index].qname + "."
        seen = set(found)
        for path in self.snap.module_files(facts.module):
            other = self.snap.entry(path)
            if other is None:
                continue
            for qname, indices in other.facts.by_qname.items():
                if qname.startswith(prefix) and "." not in qname[len(prefix) :]:
                    for index in indices:
                        ref = SymbolRef(path, index)
                        if ref not in seen and other.facts.symbols[index].kind.is_member:
                            seen.add(ref)
                            found.append(ref)
        return found

    def _module_members(self, owner: ModuleTarget) -> list[Member]:
        found: list[Member] = []
        for path in owner.paths:
            entry = self.snap.entry(path)
            if entry is None:
                continue
            self._enter(entry)
            symbols = entry.facts.symbols
            found.extend(
                Member(sym.name, SymbolRef(path, index), 0)
                for index, sym in enumerate(symbols)
                if sym.parent < 0
            )
            semantics = semantics_for(self.snap.spec(entry))
            for number, imp in enumerate(entry.facts.imports):
                name = semantics.binding(imp)
                if not name or imp.wildcard:
                    continue
                target: SymbolRef | ModuleTarget | None = None
                if number < MAX_IMPORTS:
                    for hit in self.import_targets(entry, imp).targets:
                        if isinstance(hit, SymbolRef | ModuleTarget):
                            target = hit
                            break
                found.append(Member(name, target, 0))
        prefix = f"{owner.module}." if owner.module else ""
        for module in self.snap.modules:
            rest = module[len(prefix) :]
            if not module.startswith(prefix) or not rest or "." in rest:
                continue
            paths = self.snap.module_files(module)
            if paths:
                found.append(Member(rest, ModuleTarget(module, paths), 0))
        return found
