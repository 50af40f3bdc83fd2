"""Name resolution over a snapshot: which definitions a name at a position refers to.

The syntax (what the name is, its receiver, its local binding) comes from
``extract.occurrence``; this module adds the workspace: the enclosing definitions, the file's
imports, other files of the same module, wildcard imports, and inheritance. Every walk is
bounded, so cycles (mutual imports, recursive bases) end.
"""

from __future__ import annotations

from typing import NamedTuple

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.exports import module_exports
from hive_ls.analysis.receivers import NAMESPACE_KINDS, VALUE_KINDS, Receivers
from hive_ls.analysis.semantics import semantics_for
from hive_ls.analysis.semantics.base import Semantics
from hive_ls.analysis.snapshot import Snapshot, SymbolRef
from hive_ls.analysis.targets import (
    OBJECT_TYPE,
    LibraryType,
    LocalTarget,
    ModuleTarget,
    Owner,
    Target,
)
from hive_ls.base.facts import Import, Reference, SymbolKind
from hive_ls.base.span import Span
from hive_ls.extract.annotations import UNION, options
from hive_ls.extract.links import is_type_arguments
from hive_ls.extract.locals import ScopeCache
from hive_ls.extract.occurrence import Occurrence, occurrence_at
from hive_ls.parse.document import ParsedDocument

MAX_DEPTH = 12
MAX_CANDIDATES = 25


class Resolution(NamedTuple):
    """The targets of a name; ``exact`` is False when they are only guesses by name.

    ``library`` names the members of library types it stands for instead (``("Map", "get")``
    for ``m.get`` on a ``Map``): no answer locates them, but a workspace type implementing
    that library type shares them (TypeScript's references and callers).
    """

    targets: tuple[Target, ...]
    exact: bool
    library: tuple[tuple[str, str], ...] = ()


NOTHING = Resolution((), True)


def target_span(snap: Snapshot, target: Target) -> tuple[str, Span] | None:
    """Where a target is defined: file and the span of its name (a module: its first file)."""
    if isinstance(target, SymbolRef):
        return target.path, snap.symbol(target).name_span
    if isinstance(target, LocalTarget):
        return target.path, target.span
    if target.paths:
        return target.paths[0], Span(0, 0)
    return None


class Resolver:
    """Resolves names against one snapshot; caches per-file scope data while it lives."""

    def __init__(self, snap: Snapshot) -> None:
        self._whole = snap
        self.snap = snap  # narrowed to the language family of the file being resolved
        self._scopes: dict[int, tuple[ParsedDocument, ScopeCache]] = {}  # keeps parses alive
        self._bases: dict[SymbolRef, list[SymbolRef]] = {}  # the snapshot does not change
        self.receivers = Receivers(self)
        # (family, qualified name) -> targets; an entry being computed reads as [] (a cycle)
        self._qualified: dict[tuple[str, str], list[Target]] = {}

    def _enter(self, entry: FileEntry) -> None:
        """Resolve names of ``entry`` only against files of its language family."""
        self.snap = self._whole.within(self._whole.family_of(entry))

    # ---- entry points ------------------------------------------------------------------------

    def occurrence(self, entry: FileEntry, offset: int) -> Occurrence | None:
        """The name at ``offset`` of a file, with its syntactic context."""
        parsed = self.snap.parsed_at(entry, offset)
        held = self._scopes.get(id(parsed))  # nodes of one parse never equal another's
        if held is None:
            held = self._scopes[id(parsed)] = (parsed, ScopeCache())
        scopes = held[1]
        return occurrence_at(parsed.tree, parsed.data, self.snap.spec(entry), offset, scopes)

    def at(self, entry: FileEntry, offset: int) -> tuple[Occurrence | None, Resolution]:
        """The name at ``offset`` and what it refers to."""
        occ = self.occurrence(entry, offset)
        if occ is None:
            return None, NOTHING
        return occ, self.resolve(entry, occ)

    def resolve_reference(self, entry: FileEntry, ref: Reference) -> Resolution:
        """What an extracted reference refers to: no syntax tree needed."""
        if ref.chain:
            start = ref.span.start  # the chain's first name is in the same scope
            occ = Occurrence(ref.name, ref.span, ref.chain, start, None, ref.local)
        else:
            occ = Occurrence(ref.name, ref.span, (), -1, ref.local)
        return self.resolve(entry, occ)

    def import_targets(self, entry: FileEntry, imp: Import) -> Resolution:
        """What an import statement's binding stands for."""
        self._enter(entry)
        return self._binding(entry, imp, 0)

    def resolve(self, entry: FileEntry, occ: Occurrence) -> Resolution:
        """What an occurrence refers to."""
        self._enter(entry)
        facts = entry.facts
        for index in facts.by_name.get(occ.name, ()):
            if facts.symbols[index].name_span == occ.span:
                return Resolution(self._declarations(entry, index), True)
        if occ.name[:1] and not (occ.name[0].isalnum() or occ.name[0] == "_"):
            # a sigil before a definition's name: PHP's `$items` declares `items`
            for index, sym in enumerate(facts.symbols):
                if occ.span.start < sym.name_span.start and sym.name_span.end <= occ.span.end:
                    return Resolution((SymbolRef(entry.path, index),), True)
        imp = self._import_at(entry, occ.span.start, occ.name)
        if imp is not None:
            return self._in_import(entry, imp, occ.name)
        if occ.receiver:
            return self._member_access(entry, occ)
        return self._bare(entry, occ.span.start, occ.name, occ, 0)

    def _declarations(self, entry: FileEntry, index: int) -> tuple[Target, ...]:
        """A definition, with its other declarations where the language has redeclarations.

        They are the symbols of the same qualified name that are of its kind or, like it,
        callable (``void A::f() {}`` and the ``void f();`` inside ``class A``); namespaces,
        open in every file, are left out.
        """
        ref = SymbolRef(entry.path, index)
        sym = entry.facts.symbols[index]
        if sym.kind in NAMESPACE_KINDS or not semantics_for(self.snap.spec(entry)).redeclarations:
            return (ref,)
        same = [
            other
            for other in self.snap.symbols_in_module(entry.facts.module, sym.qname)
            if self.snap.symbol(other).kind is sym.kind
            or (self.snap.symbol(other).kind.is_callable and sym.kind.is_callable)
        ]
        return tuple(dict.fromkeys([ref, *same]))

    # ---- bare names ---------------------------------------------------------------------------

    def _bare(
        self, entry: FileEntry, offset: int, name: str, occ: Occurrence | None, depth: int
    ) -> Resolution:
        if depth > MAX_DEPTH:
            return NOTHING
        facts = entry.facts
        local = occ.local if occ is not None else None
        if local is not None:
            imp = self._import_at(entry, local.span.start, name)
            if imp is not None:
                return self._binding(entry, imp, depth)
            for index in facts.by_name.get(name, ()):
                if facts.symbols[index].name_span == local.span:
                    return Resolution((SymbolRef(entry.path, index),), True)
            return Resolution((LocalTarget(entry.path, local.span, name, local.type_hint),), True)
        found = self._in_containers(entry, offset, name, depth)
        if found:
            return Resolution(tuple(found), True)
        prefix = f"{facts.module}." if facts.module else ""
        top = [
            SymbolRef(entry.path, i)
            for i in facts.by_name.get(name, ())
            if facts.symbols[i].qname == prefix + name
        ]
        if top:
            return Resolution(tuple(top), True)
        semantics = semantics_for(self.snap.spec(entry))
        bound = self._import_bindings(entry).get(name)
        if bound:
            # bound by an import: its targets, or nothing when it comes from outside
            return self._binding(entry, facts.imports[bound[0]], depth)
        siblings = [
            ref
            for ref in self.snap.symbols_in_module(facts.module, prefix + name)
            if ref.path != entry.path
        ]
        if siblings:
            return Resolution(tuple(siblings), True)
        implicit = semantics.implicit_module(self.snap, entry, name)
        if implicit is not None:
            found = self.qualified(implicit, depth + 1)
            if found:
                return Resolution(tuple(found), True)
        for module in semantics.open_modules(self.snap, entry):
            if not self._star_brings(semantics, module, name):
                continue
            targets = self.qualified(f"{module}.{name}" if module else name, depth + 1)
            if targets:
                return Resolution(tuple(targets), True)
        if semantics.global_names:
            candidates = [
                ref for ref in self.snap.symbols_named(name) if self.snap.symbol(ref).parent < 0
            ]
            if candidates:
                return Resolution(tuple(candidates[:MAX_CANDIDATES]), len(candidates) == 1)
        return NOTHING

    def _in_containers(self, entry: FileEntry, offset: int, name: str, depth: int) -> list[Target]:
        """Members of the definitions around ``offset`` that the language lets code see bare."""
        facts = entry.facts
        spec = self.snap.spec(entry)
        index = facts.innermost_symbol(offset)
        if semantics_for(spec).class_body_scope:
            found = self._in_class_body(entry, index, offset, name)
            if found:
                return found
        while index >= 0:
            sym = facts.symbols[index]
            if sym.kind in NAMESPACE_KINDS or (sym.kind.is_type and spec.implicit_members):
                found = self._members_of(SymbolRef(entry.path, index), name, depth + 1, set())
                if found:
                    return list(found)
            owner = self._declared_owner(entry, index) if spec.implicit_members else None
            if owner is not None:  # C++'s `void Cart::add() { items_... }`
                found = self._members_of(owner, name, depth + 1, set())
                if found:
                    return list(found)
            index = sym.parent
        return []

    def _in_class_body(self, entry: FileEntry, index: int, offset: int, name: str) -> list[Target]:
        """The class's own earlier definitions of a name written in its body (not in a method)."""
        symbols = entry.facts.symbols
        while index >= 0 and not symbols[index].kind.is_type:
            if symbols[index].kind.is_callable:
                return []  # inside a method: the class body's names are not visible
            index = symbols[index].parent
        if index < 0:
            return []
        return [
            SymbolRef(entry.path, child)
            for child in entry.facts.by_name.get(name, ())
            if symbols[child].parent == index and symbols[child].name_span.start < offset
        ]

    # ---- imports ------------------------------------------------------------------------------

    def _import_at(self, entry: FileEntry, offset: int, name: str = "") -> Import | None:
        """The import statement around ``offset``.

        Of several (``import a, b``), the one binding or importing ``name``.
        """
        found = entry.facts.imports_at(offset)
        if len(found) > 1 and name:
            semantics = semantics_for(self.snap.spec(entry))
            for imp in found:
                if name in (semantics.binding(imp), imp.alias, imp.name.rsplit(".", 1)[-1]):
                    return imp
        return found[0] if found else None

    def _binding(self, entry: FileEntry, imp: Import, depth: int) -> Resolution:
        semantics = semantics_for(self.snap.spec(entry))
        targets: list[Target] = []
        for qname in semantics.targets(self.snap, entry, imp):
            targets.extend(self.qualified(qname, depth + 1))
        return Resolution(tuple(dict.fromkeys(targets)), True)

    def _in_import(self, entry: FileEntry, imp: Import, name: str) -> Resolution:
        """A name inside an import statement: the binding, or a module on its path."""
        semantics = semantics_for(self.snap.spec(entry))
        if name in (semantics.binding(imp), imp.alias, imp.name.rsplit(".", 1)[-1]):
            return self._binding(entry, imp, 0)
        at = imp.module.find(name)
        if at < 0:
            return NOTHING
        prefix = Import(imp.module[: at + len(name)], "", name, imp.span, False)
        targets = [
            t for q in semantics.targets(self.snap, entry, prefix) for t in self.qualified(q, 1)
        ]
        return Resolution(tuple(targets), True)

    def qualified(self, qname: str, depth: int = 0) -> list[Target]:
        """A module or symbol by qualified name, following re-exports and inherited members."""
        if depth > MAX_DEPTH or not qname:
            return []
        key = (self.snap.family, qname)
        known = self._qualified.get(key)
        if known is not None:
            return list(known)
        self._qualified[key] = []  # `a` re-exporting from `b` re-exporting from `a` ends here
        found = self._lookup(qname, depth)
        self._qualified[key] = found
        return list(found)

    def _lookup(self, qname: str, depth: int) -> list[Target]:
        parts = qname.split(".")
        for cut in range(len(parts), 0, -1):
            module = ".".join(parts[:cut])
            files = self.snap.find_module(module)
            if not files:
                continue
            if cut == len(parts):
                return [ModuleTarget(module, files)]
            found: list[Target] = list(self._latest(self.snap.symbols_in_module(module, qname)))
            if found:
                return found
            head, rest = parts[cut], parts[cut + 1 :]
            # a name the module imports from elsewhere (a re-export), by name or by `*`
            found = self._reexported(files, head, rest, depth)
            if found:
                return found
            # a member of a class of the module, possibly inherited
            owner = self.snap.symbols_in_module(module, ".".join(parts[: cut + 1]))
            for member in rest:
                owner = [
                    m
                    for o in owner
                    for m in self._members_of(o, member, depth + 1, set())
                    if isinstance(m, SymbolRef)
                ]
            if owner and rest:
                return list(owner)
            break
        return [ref for ref in self.snap.symbols_in_module("", qname)]

    def _latest(self, refs: list[SymbolRef]) -> list[SymbolRef]:
        """Of a name defined twice in one file, the later definition, where the language says so.

        A Python module's namespace holds the last ``def`` or ``class`` of a name run; seen from
        another module that is the one meant.
        """
        if len(refs) < 2:
            return refs
        entry = self.snap.entry(refs[0].path)
        if entry is None or not semantics_for(self.snap.spec(entry)).last_definition_wins:
            return refs
        last: dict[str, SymbolRef] = {}
        for ref in refs:
            known = last.get(ref.path)
            if (
                known is None
                or self.snap.symbol(ref).span.start > self.snap.symbol(known).span.start
            ):
                last[ref.path] = ref
        return list(last.values())

    def _reexported(
        self, files: tuple[str, ...], head: str, rest: list[str], depth: int
    ) -> list[Target]:
        """``head`` (then ``rest``) as the files of a module import it from elsewhere.

        An import binding ``head`` wins; otherwise each ``from m import *`` that brings
        ``head`` (``m``'s ``__all__`` lists it, or it has none and the name is public).
        """
        found: list[Target] = []
        stars: list[tuple[Semantics, str]] = []
        for path in files:
            entry = self.snap.entry(path)
            if entry is None:
                continue
            semantics = semantics_for(self.snap.spec(entry))
            for imp in entry.facts.imports:
                if imp.wildcard:
                    stars.extend((semantics, t) for t in semantics.targets(self.snap, entry, imp))
                elif semantics.binding(imp) == head:
                    for target in semantics.targets(self.snap, entry, imp):
                        found.extend(self.qualified(".".join([target, *rest]), depth + 1))
        if found:
            return found
        for semantics, module in stars:
            if self._star_brings(semantics, module, head):
                found.extend(self.qualified(".".join([module, head, *rest]), depth + 1))
        return list(dict.fromkeys(found))

    def _star_brings(self, semantics: Semantics, module: str, name: str) -> bool:
        """Whether ``from module import *`` brings ``name``."""
        declared = module_exports(self, module)
        return name in declared if declared is not None else semantics.star_visible(name)

    # ---- members ------------------------------------------------------------------------------

    def _member_access(self, entry: FileEntry, occ: Occurrence) -> Resolution:
        owners = self.receivers.receiver(entry, occ)
        if owners is not None:
            members: list[Owner] = []
            for owner in owners:
                members.extend(self._members(owner, occ.name, 0))
            # a member of a library value (`items.push`): the library's, no answer names it
            found = [t for t in members if not isinstance(t, LibraryType)]
            library = tuple(
                dict.fromkeys((t.name, t.member) for t in members if isinstance(t, LibraryType))
            )
            if found or not any(self.receivers.opaque(owner) for owner in owners):
                return Resolution(tuple(dict.fromkeys(found)), True, library)
        # the receiver's type is unknown: every member with that name is a candidate
        return Resolution(self.snap.members_named(occ.name)[:MAX_CANDIDATES], False)

    def _bound_by_import(self, entry: FileEntry, name: str) -> bool:
        return name in self._import_bindings(entry)

    def _import_bindings(self, entry: FileEntry) -> dict[str, list[int]]:
        """A file's imports (their indices) by the name each binds; wildcards left out."""
        cache = self._whole.bindings_cache
        facts = entry.facts
        found = cache.get(id(facts))
        if found is not None and found[0] is facts:
            return found[1]
        semantics = semantics_for(self.snap.spec(entry))
        index: dict[str, list[int]] = {}
        for number, imp in enumerate(facts.imports):
            if not imp.wildcard:
                index.setdefault(semantics.binding(imp), []).append(number)
        cache[id(facts)] = (facts, index)
        return index

    def _enclosing_type(self, entry: FileEntry, offset: int) -> SymbolRef | None:
        facts = entry.facts
        index = facts.innermost_symbol(offset)
        while index >= 0:
            sym = facts.symbols[index]
            if sym.kind.is_type:
                return SymbolRef(entry.path, index)
            owner = self._declared_owner(entry, index)
            if owner is not None:
                return owner
            index = sym.parent
        return None

    def _declared_owner(self, entry: FileEntry, index: int) -> SymbolRef | None:
        """The type of a method written outside it (Go, Rust impl blocks, C++'s ``A::f``).

        Such a method sits at the top level or in a namespace, and its qualified name says
        whose it is.
        """
        facts = entry.facts
        sym = facts.symbols[index]
        if sym.kind not in (SymbolKind.METHOD, SymbolKind.CONSTRUCTOR):
            return None
        if sym.parent >= 0 and facts.symbols[sym.parent].kind not in NAMESPACE_KINDS:
            return None
        owner_qname = sym.qname.rsplit(".", 1)[0]
        for ref in self.snap.symbols_in_module(facts.module, owner_qname):
            if self.snap.symbol(ref).kind.is_type:
                return ref
        return None

    def _members(self, owner: Owner, name: str, depth: int) -> list[Owner]:
        """Members called ``name`` of a module, type, namespace or typed local."""
        if depth > MAX_DEPTH:
            return []
        if isinstance(owner, LibraryType):  # what it gives is the container table's to say
            if owner.name == OBJECT_TYPE and owner.member:  # a member of `{ a: A }`: an A's
                types = self.receivers.object_member(owner, depth + 1) or []
                return [m for t in types for m in self._members(t, name, depth + 1)]
            if owner.name == OBJECT_TYPE and name not in owner.fields:
                return []
            return [] if owner.member else [owner._replace(member=name)]
        if isinstance(owner, ModuleTarget):
            qname = f"{owner.module}.{name}" if owner.module else name  # "" is a crate's root
            return list(self.qualified(qname, depth + 1))
        if isinstance(owner, LocalTarget):
            types = self.receivers.local_types(owner) or []
            return [m for t in types for m in self._members(t, name, depth + 1)]
        sym = self.snap.symbol(owner)
        if sym.kind.is_type or sym.kind in NAMESPACE_KINDS:
            return list(self._members_of(owner, name, depth + 1, set()))
        if sym.kind in VALUE_KINDS:  # a field or variable of a declared or built type
            types = self.receivers.value_types(owner, depth + 1) or []
            return [m for t in types for m in self._members(t, name, depth + 1)]
        return []

    def _chain(
        self, entry: FileEntry, offset: int, chain: tuple[str, ...], depth: int
    ) -> list[Target]:
        """A dotted name as seen from ``offset`` of a file, without a syntax tree."""
        if UNION in chain[0]:
            each = options(chain)
            return [t for option in each for t in self._chain(entry, offset, option, depth)]
        owners: list[Owner] = list(self._bare(entry, offset, chain[0], None, depth).targets)
        for part in chain[1:]:
            if not is_type_arguments(part):
                owners = [m for o in owners for m in self._members(o, part, depth + 1)]
        return [o for o in owners if not isinstance(o, LibraryType)]

    def _members_of(
        self, owner: SymbolRef, name: str, depth: int, seen: set[SymbolRef]
    ) -> list[Target]:
        """Members of a type or namespace, then those it inherits (depth-first, bounded)."""
        if depth > MAX_DEPTH or owner in seen:
            return []
        seen.add(owner)
        entry = self.snap.entry(owner.path)
        if entry is None:
            return []
        sym = entry.facts.symbols[owner.index]
        own: list[Target] = [
            ref
            for ref in self.snap.symbols_in_module(entry.facts.module, f"{sym.qname}.{name}")
            # a constructor named like its type (Java, C#) is not what the type's name means
            if name != sym.name or self.snap.symbol(ref).kind is not SymbolKind.CONSTRUCTOR
        ]
        if own or not sym.kind.is_type:
            return own
        for base in self.bases(owner, depth + 1):
            inherited = self._members_of(base, name, depth + 1, seen)
            if inherited:
                return inherited
        return []

    def bases(self, owner: SymbolRef, depth: int = 0) -> list[SymbolRef]:
        """The types ``owner`` inherits from, as far as they can be resolved."""
        entry = self.snap.entry(owner.path)
        if entry is None or depth > MAX_DEPTH:
            return []
        if depth == 0:
            self._enter(entry)
        known = self._bases.get(owner)
        if known is not None:
            return known
        found: list[SymbolRef] = []
        for ref in entry.facts.inherits.get(owner.index, ()):
            chain = (*ref.receiver.split("."), ref.name) if ref.receiver else (ref.name,)
            for target in self._chain(entry, ref.span.start, tuple(chain), depth + 1):
                if isinstance(target, SymbolRef) and target != owner:
                    found.append(target)
        self._bases[owner] = found
        return found
