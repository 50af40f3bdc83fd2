"""What a receiver chain or a declared type stands for: the types whose members it reaches.

``a.b().c`` is followed link by link: names through modules, types and typed values, ``()``
through a class (its instances) or a function's declared return type, ``super()`` to the bases,
``#i.j`` to the type a callee declares for parameter j of the function passed as its argument i,
``[]`` and ``[*]`` to an item of a library container (``Map<K, V>``'s ``get()`` gives a V, a loop
over ``list[T]`` a T: the language's container table says which argument). The answer is None
when it cannot be known (an untyped value), and empty when it is known to come from outside the
workspace (a library, a built-in value, a literal, a dunder): a member of
such a value is no workspace member, which keeps guesses out of the graph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hive_ls.analysis.attributes import declared_annotation, declared_type, instance_attributes
from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.semantics import semantics_for
from hive_ls.analysis.snapshot import SymbolRef
from hive_ls.analysis.targets import OBJECT_TYPE, LibraryType, LocalTarget, ModuleTarget, Owner
from hive_ls.base.facts import SymbolKind
from hive_ls.base.span import Span
from hive_ls.extract.annotations import UNION, annotation_chain, options, split_union
from hive_ls.extract.links import (
    AENTER,
    CALLED,
    ENTER,
    INDEXED,
    ITERATED,
    UNKNOWN,
    argument_chains,
    callback,
    callback_slot,
    is_literal,
    is_type_arguments,
    object_members,
)
from hive_ls.extract.occurrence import Occurrence
from hive_ls.extract.returns import returned_chains

if TYPE_CHECKING:
    from hive_ls.analysis.resolve import Resolver

MAX_DEPTH = 12
NAMESPACE_KINDS = frozenset({SymbolKind.NAMESPACE, SymbolKind.MODULE})
VALUE_KINDS = frozenset(
    {SymbolKind.FIELD, SymbolKind.VARIABLE, SymbolKind.CONSTANT, SymbolKind.PROPERTY}
)


class Receivers:
    """The type side of one resolver: receivers, call results, declared and assigned types."""

    def __init__(self, resolver: Resolver) -> None:
        self.r = resolver

    def receiver(self, entry: FileEntry, occ: Occurrence) -> list[Owner] | None:
        """What the receiver chain of a member access stands for.

        None when it cannot be known (an untyped variable, a call whose result has no
        declared type); an empty list when it is known to come from outside the workspace (an
        imported library, a built-in value such as a literal, ``**kwargs`` or ``str(x)``).
        """
        chain = occ.receiver
        if not chain or chain[0] == UNKNOWN:
            return None
        spec = self.r.snap.spec(entry)
        head = chain[0]
        owners: list[Owner] | None
        if is_literal(head):
            owners = []
        elif head in spec.self_names or head in ("this", "self"):
            owner = self.r._enclosing_type(entry, occ.span.start)
            if owner is None:
                return None
            owners = [owner]
        elif head in spec.base_names or (head == "super" and chain[1:2] == (CALLED,)):
            owner = self.r._enclosing_type(entry, occ.span.start)
            if owner is None:
                return None
            owners = list(self.r.bases(owner))
            if chain[1:2] == (CALLED,):
                chain = chain[1:]  # Python's super() is the bases already
        else:
            start = occ.receiver_start
            head_occ = Occurrence(head, Span(start, start + len(head)), (), -1, occ.receiver_local)
            resolved = self.r._bare(entry, start, head, head_occ, 0)
            owners = list(resolved.targets)
            if not owners:
                # a path keyword (Rust's `crate::`) or a name the language brings from outside
                root = semantics_for(spec).path_root(self.r.snap, entry, head, occ.receiver_start)
                if root is not None:
                    owners = [ModuleTarget(root, self.r.snap.module_files(root))]
                elif self.r._bound_by_import(entry, head) or head in spec.builtins:
                    return []
                else:
                    return None
        for part in chain[1:]:
            owners = self.step(owners, part, 0)
            if owners is None:
                return None
            if not owners:
                return []  # outside the workspace: so is everything reached from it
        return owners

    def step(self, owners: list[Owner], part: str, depth: int) -> list[Owner] | None:
        """One link further along a chain: a member, or the result of a call."""
        if part == UNKNOWN or depth > MAX_DEPTH:
            return None
        if is_type_arguments(part):
            return owners  # a workspace generic's arguments: its members do not depend on them
        if any(isinstance(o, LibraryType) for o in owners):
            return self._library_step(owners, part, depth + 1)
        if part in (INDEXED, ITERATED):  # an item of a value: of its type, if a container's
            typed: list[Owner] = []
            for owner in owners:
                classes = self._classes_of(owner, depth + 1)
                if classes is None:
                    return None
                typed.extend(classes)
            if typed and all(isinstance(t, LibraryType) for t in typed):
                return self._library_step(typed, part, depth + 1)
            return None  # an item of a workspace type (its `__getitem__`): not followed
        if part == CALLED:
            return self.called(owners, depth + 1)
        slot = callback_slot(part)
        if slot is not None:
            return self.passed(owners, slot[0], slot[1], depth + 1)
        found = [m for o in owners for m in self.r._members(o, part, depth)]
        if found:
            return found
        if part in (ENTER, AENTER):
            return owners  # entered without a workspace `__enter__`: taken to give itself
        if part.startswith("__") and part.endswith("__"):
            return []  # `__dict__`, `__class__`: the language's own
        # an instance attribute no class body declares: the types its methods give it
        types: list[Owner] = []
        for owner in owners:
            classes = self._classes_of(owner, depth + 1)
            if classes is None:
                return None
            for cls in classes:
                given = self.attribute_types(cls, part, depth + 1)
                if given is None:
                    return None  # not known
                types.extend(given)
        return types

    def _library_step(self, owners: list[Owner], part: str, depth: int) -> list[Owner] | None:
        """One link further from library container values: the item the table says, if any.

        An item the table does not know is the library's (outside the workspace); one taken
        from an argument that names no type is not known.
        """
        found: list[Owner] = []
        for owner in owners:
            if not isinstance(owner, LibraryType):
                return None  # a union of library and workspace types: not followed
            entry = self.r.snap.entry(owner.path)
            if entry is None:
                return None
            if owner.name == OBJECT_TYPE:
                further = self._object_step(owner, part, depth + 1)
                if further is None:
                    return None
                found.extend(further)
                continue
            slot = callback_slot(part)
            if owner.member:
                if part == CALLED:
                    taken = f"{owner.member}()"
                elif slot is not None and slot[1] >= 0:
                    taken = f"{owner.member}#{slot[0]}.{slot[1]}"
                else:
                    continue  # a member of a member: the library's
            elif part in (INDEXED, ITERATED):
                taken = part
            elif part == CALLED:
                found.append(owner)  # `new Map<K, V>()`: a Map
                continue
            elif slot is not None:
                continue
            else:
                found.append(owner._replace(member=part))
                continue
            place = self.r.snap.spec(entry).container_item(owner.name, taken)
            if place is None:
                continue
            if place < 0:
                found.append(owner._replace(member=""))
                continue
            if not owner.arguments:
                continue  # (`new Map()`): items of no type the workspace declares
            if place >= len(owner.arguments) or not owner.arguments[place]:
                return None
            items = self.types(entry, owner.offset, owner.arguments[place], depth + 1)
            if items is None:
                return None
            found.extend(items)
        return found

    def object_member(self, owner: LibraryType, depth: int) -> list[Owner] | None:
        """The types a member of an object type written in place declares (None: not known)."""
        entry = self.r.snap.entry(owner.path)
        if entry is None or owner.member not in owner.fields:
            return None
        chain = owner.arguments[owner.fields.index(owner.member)]
        return self.types(entry, owner.offset, chain, depth + 1) if chain else None

    def _object_step(self, owner: LibraryType, part: str, depth: int) -> list[Owner] | None:
        """One link further from an object type written in place, or from a member of one."""
        if owner.member:
            typed = self.object_member(owner, depth)
            return None if typed is None else self.step(typed, part, depth + 1)
        if part in owner.fields:
            return [owner._replace(member=part)]
        return []  # no member of that name: none in the workspace

    def _classes_of(self, owner: Owner, depth: int) -> list[Owner] | None:
        """The types whose instance ``owner`` is: a typed local's, a field's, or a class."""
        if isinstance(owner, LibraryType):
            if owner.name == OBJECT_TYPE and owner.member:
                return self.object_member(owner, depth)
            return [owner]
        if isinstance(owner, LocalTarget):
            return self.local_types(owner)
        if isinstance(owner, SymbolRef):
            kind = self.r.snap.symbol(owner).kind
            if kind in VALUE_KINDS:
                return self.value_types(owner, depth)
            if kind.is_type:
                return [owner]
        return None

    def called(self, owners: list[Owner], depth: int) -> list[Owner] | None:
        """What calling each owner gives: a class its instances, a function its return type."""
        if any(isinstance(o, LibraryType) for o in owners):
            return self._library_step(owners, CALLED, depth)
        results: list[Owner] = []
        unread: set[str] = set()  # functions with an overload whose return type is not read
        for owner in owners:
            if isinstance(owner, SymbolRef):
                sym = self.r.snap.symbol(owner)
                if sym.kind.is_type:
                    results.append(owner)
                    continue
                if sym.kind.is_callable:
                    returned = self.returns(owner, depth + 1)
                    if returned is None:
                        unread.add(sym.qname)
                    else:
                        results.extend(returned)
                    continue
                if sym.kind in VALUE_KINDS:  # a field holding a function (`f: () => T`)
                    given = self._function_value_returns(owner, depth + 1)
                    if given is None:
                        return None
                    results.extend(given)
                    continue
            return None
        if unread:
            # an overload whose return type is not read (a signature over several lines) is
            # taken to return what its siblings do; a function with none read is not known
            read = {self.r.snap.symbol(o).qname for o in owners if isinstance(o, SymbolRef)}
            if len(read) != 1 or not results:
                return None
        return list(dict.fromkeys(results))

    def passed(
        self, owners: list[Owner], argument: int, parameter: int, depth: int
    ) -> list[Owner] | None:
        """The type each callee declares for a parameter of the function passed to it.

        ``argument`` is where the function is passed, ``parameter`` which of its own; a type's
        constructor is what a call of the type fills. Of overloads the first that says wins;
        for a value passed (``parameter`` -1) the overloads that say nothing of it (one taking a
        function where an object is passed) are left aside.
        """
        if any(isinstance(o, LibraryType) for o in owners):
            if parameter < 0:
                return []  # a value passed to a library's member: the library's
            return self._library_step(owners, callback(argument, parameter), depth)
        found: list[Owner] = []
        silent = False
        for owner in owners:
            if not isinstance(owner, SymbolRef):
                return None
            sym = self.r.snap.symbol(owner)
            functions: list[Owner] = [owner] if sym.kind.is_callable else []
            if sym.kind.is_type:
                entry = self.r.snap.entry(owner.path)
                name = semantics_for(self.r.snap.spec(entry)).constructor_name if entry else ""
                functions = self.r._members(owner, name, depth + 1) if name else []
            types = None
            for function in functions:
                if isinstance(function, SymbolRef) and self._callable(function):
                    types = self._passed_type(function, argument, parameter, depth + 1)
                    if types is not None:
                        break
            if types is None:
                if parameter >= 0:
                    return None
                silent = True
                continue
            found.extend(types)
        return None if silent and not found else list(dict.fromkeys(found))

    def _passed_type(
        self, function: SymbolRef, argument: int, parameter: int, depth: int
    ) -> list[Owner] | None:
        """What one function declares for parameter ``parameter`` of its argument ``argument``."""
        entry = self.r.snap.entry(function.path)
        if entry is None or depth > MAX_DEPTH:
            return None
        sym = entry.facts.symbols[function.index]
        semantics = semantics_for(self.r.snap.spec(entry))
        declared = semantics.parameter_types(sym.signature)
        if argument >= len(declared) or not declared[argument]:
            return None
        if parameter < 0:  # the argument itself: of a union, the one type that is no function
            kinds = [
                t
                for t in split_union(declared[argument])
                if semantics.callable_parameters(t) is None
            ]
            chain = annotation_chain(kinds[0]) if len(kinds) == 1 else ()
            return self.types(entry, sym.span.start, chain, depth + 1) if chain else None
        inner = semantics.callable_parameters(declared[argument])
        if inner is None or parameter >= len(inner) or not inner[parameter]:
            return None
        chain = annotation_chain(inner[parameter])
        return self.types(entry, sym.span.start, chain, depth + 1) if chain else None

    def returns(self, function: SymbolRef, depth: int) -> list[Owner] | None:
        """A function's return type: declared, else read from its ``return`` statements.

        None when it cannot be known.
        """
        entry = self.r.snap.entry(function.path)
        if entry is None or depth > MAX_DEPTH:
            return None
        sym = entry.facts.symbols[function.index]
        declared = semantics_for(self.r.snap.spec(entry)).return_annotation(sym.signature)
        chain = annotation_chain(declared) if declared else ()
        if chain:
            return self.types(entry, sym.span.start, chain, depth + 1)
        if declared:
            return None  # a type that is no single name
        if self.r.snap.recorder is not None:  # an edit of its body may change the answer
            self.r.snap.recorder.returns.add(sym.name)
        found: list[Owner] = []
        for returned in self._returned(entry, function.index):
            types: list[Owner] | None
            if returned[0] in self.r.snap.spec(entry).self_names:
                owner = self.r._enclosing_type(entry, sym.span.start)
                types = [owner] if owner is not None and len(returned) == 1 else None
            else:
                types = self.types(entry, sym.span.end - 1, returned, depth + 1)
            if types is None:
                return None
            found.extend(types)
        return list(dict.fromkeys(found)) if found else None

    def _returned(self, entry: FileEntry, index: int) -> tuple[tuple[str, ...], ...]:
        """The chains a function's ``return`` statements give (read once per file version)."""
        cache = self.r._whole.returns_cache
        key = (id(entry.facts), index)
        known = cache.get(key)
        if known is not None and known[0] is entry.facts:
            return known[1]
        sym = entry.facts.symbols[index]
        doc = self.r.snap.parsed_at(entry, sym.span.start)
        chains = returned_chains(doc, sym.span, self.r.snap.spec(entry))
        cache[key] = (entry.facts, chains)
        return chains

    def types(
        self, entry: FileEntry, offset: int, chain: tuple[str, ...], depth: int
    ) -> list[Owner] | None:
        """What a type (or value) chain seen from ``offset`` stands for.

        None when unknown; empty when it is a type from outside the workspace (a built-in, an
        imported library's).
        """
        if not chain or depth > MAX_DEPTH or chain[0] == UNKNOWN:
            return None
        if UNION in chain[0]:  # `A | B`: what each option is (unknown when one is)
            each: list[Owner] = []
            for option in options(chain):
                found_here = self.types(entry, offset, option, depth + 1)
                if found_here is None:
                    return None
                each.extend(t for t in found_here if t not in each)
            return each
        head = chain[0]
        spec = self.r.snap.spec(entry)
        owners: list[Owner] | None
        written = object_members(head)
        if written is not None:  # `{ a: A; b: B }`: members of the types they declare
            fields = tuple(written)
            owners = [
                LibraryType(OBJECT_TYPE, tuple(written.values()), entry.path, offset, "", fields)
            ]
            for part in chain[1:]:
                owners = self.step(owners, part, depth + 1)
                if not owners:
                    return owners
            return owners
        if is_literal(head):
            return []
        if head in spec.self_names:  # `const { conn } = this`: the type around the binding
            owner = self.r._enclosing_type(entry, offset)
            found: list[Owner] = [owner] if owner is not None else []
        else:
            found = list(self.r._bare(entry, offset, head, None, depth).targets)
        rest = chain[1:]
        if found:
            owners = found
        elif self.r._bound_by_import(entry, head) or head in spec.builtins:
            if not spec.is_container(head):
                return []
            # a library container (`Map<K, V>`, `list[T]`): its items are of its arguments
            arguments: tuple[tuple[str, ...], ...] = ()
            if rest and is_type_arguments(rest[0]):
                arguments = tuple(argument_chains(rest[0]))
                rest = rest[1:]
            owners = [LibraryType(head, arguments, entry.path, offset)]
        else:
            return None
        for part in rest:
            owners = self.step(owners, part, depth + 1)
            if not owners:
                return owners
        return owners

    def opaque(self, owner: Owner) -> bool:
        """True when an owner's members cannot be known: a value whose type is not known."""
        if isinstance(owner, (ModuleTarget, LibraryType)):
            return False
        if isinstance(owner, LocalTarget):
            return self.local_types(owner) is None
        sym = self.r.snap.symbol(owner)
        if sym.kind in VALUE_KINDS:
            return self.value_types(owner, 1) is None
        return not (sym.kind.is_type or sym.kind in NAMESPACE_KINDS)

    def value_types(self, ref: SymbolRef, depth: int) -> list[Owner] | None:
        """The types of a field or variable, from its declaration (``x: T = ...``, ``x = T()``)."""
        entry = self.r.snap.entry(ref.path)
        if entry is None or depth > MAX_DEPTH:
            return None
        sym = entry.facts.symbols[ref.index]
        chain = declared_type(sym.signature, sym.name)
        if not chain:
            return None
        found = self.types(entry, sym.span.start, chain, depth + 1)
        if found and any(self._callable(t) for t in found):
            return self.called(found, depth + 1)
        return found

    def attribute_types(self, owner: Owner, name: str, depth: int) -> list[Owner] | None:
        """What the methods of class ``owner`` (or of its bases) assign to ``self.name``.

        None when they assign nothing readable (the attribute's type is not known).
        """
        if not isinstance(owner, SymbolRef) or depth > MAX_DEPTH:
            return None
        if not self.r.snap.symbol(owner).kind.is_type:
            return None
        entry = self.r.snap.entry(owner.path)
        if entry is None:
            return None
        given = instance_attributes(self.r._whole, entry).get((owner.index, name))
        if given:
            found: list[Owner] = []
            for offset, chain in given:
                types = self.types(entry, offset, chain, depth + 1)
                if types is None:
                    return None
                if any(self._callable(t) for t in types):
                    types = self.called(types, depth + 1)
                    if types is None:
                        return None
                found.extend(types)
            return found
        for base in self.r.bases(owner, depth + 1):
            inherited = self.attribute_types(base, name, depth + 1)
            if inherited is not None:
                return inherited
        return None

    def local_types(self, local: LocalTarget, depth: int = 1) -> list[Owner] | None:
        """The types a local was declared with or built from (None: not known)."""
        if not local.type_hint or depth > MAX_DEPTH:
            return None
        entry = self.r.snap.entry(local.path)
        if entry is None:
            return None
        found = self.types(entry, local.span.start, local.type_hint, depth)
        if found is None:
            return None
        if any(isinstance(t, LocalTarget) for t in found):
            # another local in a type's place was called (`subject = connector()`): its value
            values: list[Owner] = []
            for t in found:
                inner = self.local_types(t, depth + 1) if isinstance(t, LocalTarget) else [t]
                if inner is None:
                    return None
                values.extend(inner)
            found = values
        # a function in a type's place is a call's result: what it returns
        if any(self._callable(t) for t in found):
            return self.called(found, depth)
        return found

    def _callable(self, owner: Owner) -> bool:
        """A function, a field declared to hold one, or a member of a library value (``m.get``).

        Such an owner in a type's place stands for its call's result.
        """
        if isinstance(owner, LibraryType):
            return bool(owner.member) and owner.name != OBJECT_TYPE
        if not isinstance(owner, SymbolRef):
            return False
        sym = self.r.snap.symbol(owner)
        if sym.kind.is_callable:
            return True
        return sym.kind in VALUE_KINDS and self._function_annotation(owner)[1] is not None

    def _function_annotation(self, ref: SymbolRef) -> tuple[FileEntry | None, str | None]:
        """A field's file, and what the function type it is declared with returns (or None)."""
        entry = self.r.snap.entry(ref.path)
        if entry is None:
            return None, None
        sym = entry.facts.symbols[ref.index]
        annotation = declared_annotation(sym.signature, sym.name)
        if not annotation:
            return entry, None
        return entry, semantics_for(self.r.snap.spec(entry)).callable_returns(annotation)

    def _function_value_returns(self, ref: SymbolRef, depth: int) -> list[Owner] | None:
        """What calling a field declared to hold a function gives (None: not known)."""
        entry, returned = self._function_annotation(ref)
        if entry is None or not returned or depth > MAX_DEPTH:
            return None
        chain = annotation_chain(returned)
        start = entry.facts.symbols[ref.index].span.start
        return self.types(entry, start, chain, depth + 1) if chain else None
