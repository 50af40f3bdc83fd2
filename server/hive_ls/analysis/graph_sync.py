"""Keeps the program dependence graph in step with the snapshots, one piece of code at a time.

Nodes follow each file's definitions; edges are read from each piece of a file (its
references and imports) and filed under that piece. When a file changes, only its new pieces
are resolved. When what other files can see of it changes (its definitions, imports, bases,
module), the pieces whose resolution looked at it are resolved again: every resolution notes
the files, module lookups and global names it used (``recording.Recorder``). The graph after
any sequence of changes is the graph built from scratch (tested as a property).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from blake3 import blake3

from hive_ls.analysis.recording import Recorder
from hive_ls.analysis.resolve import Resolution, Resolver
from hive_ls.analysis.semantics import semantics_for
from hive_ls.analysis.snapshot import Snapshot, SymbolRef
from hive_ls.analysis.targets import LocalTarget, ModuleTarget, Target
from hive_ls.base.facts import (
    PASSES_ARGUMENTS,
    RESULT_USED,
    ChunkFacts,
    FileFacts,
    Reference,
    RefKind,
    placed_facts,
)
from hive_ls.base.language import LanguageSpec
from hive_ls.base.span import Span
from hive_ls.extract.links import names_in
from hive_ls.graph.model import (
    MODULE,
    UNRESOLVED,
    Edge,
    EdgeKind,
    Node,
    module_key,
    symbol_key,
    unresolved_key,
)
from hive_ls.graph.pdg import ProgramGraph

log = logging.getLogger(__name__)

_EDGE_KIND = {
    RefKind.CALL: EdgeKind.CALLS,
    RefKind.TYPE: EdgeKind.REFERENCES,
    RefKind.INHERIT: EdgeKind.INHERITS,
    RefKind.READ: EdgeKind.REFERENCES,
    RefKind.EXPORT: EdgeKind.REFERENCES,
}
#: reads of names nothing defines (builtins, locals of unknown type) are not worth a node
_KEEP_UNRESOLVED = frozenset({RefKind.CALL, RefKind.TYPE, RefKind.INHERIT})
Slot = tuple[str, int]  # (path, id of a piece)


def _only_types(snap: Snapshot, resolution: Resolution) -> bool:
    """True when every target is a type (a class named in a decorator is no function called)."""
    return bool(resolution.targets) and all(
        isinstance(t, SymbolRef) and snap.symbol(t).kind.is_type for t in resolution.targets
    )


def _bare_decorator(data: bytes, span: Span) -> bool:
    """True for a name in a decorator without arguments (``@name``, ``@pkg.name``)."""
    line_start = data.rfind(b"\n", 0, span.start) + 1
    before = data[line_start : span.start].strip()
    if not before.startswith(b"@") or not all(c in _DOTTED for c in before[1:]):
        return False
    line_end = data.find(b"\n", span.end)
    after = data[span.end : line_end if line_end >= 0 else len(data)].strip()
    return not after or after.startswith(b"#")


_DOTTED = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")


class _Structure:
    """The origin under which a file's ``contains`` edges are filed (kept while they hold)."""


@dataclass
class _FileState:
    """What the graph holds of one file."""

    facts: FileFacts
    keys: list[str]  # node key of each symbol, by index
    indices: dict[str, int]  # the other way round
    interface: _Interface
    signatures: dict[str, frozenset[tuple[str, ...]]] | None  # computed when first needed
    pieces: dict[int, ChunkFacts]
    structure: _Structure


@dataclass
class _Dependents:
    """Reverse indexes: which pieces to resolve again when something changes."""

    by_file: dict[str, set[Slot]] = field(default_factory=dict)
    by_name: dict[str, set[Slot]] = field(default_factory=dict)
    by_return: dict[str, set[Slot]] = field(default_factory=dict)
    by_module: dict[tuple[str, str, str], tuple[tuple[str, ...], set[Slot]]] = field(
        default_factory=dict
    )
    noted: dict[Slot, Recorder] = field(default_factory=dict)

    def add(self, slot: Slot, recorder: Recorder) -> None:
        self.noted[slot] = recorder
        for path in recorder.files:
            self.by_file.setdefault(path, set()).add(slot)
        for name in recorder.names:
            self.by_name.setdefault(name, set()).add(slot)
        for name in recorder.returns:
            self.by_return.setdefault(name, set()).add(slot)
        for key, found in recorder.modules.items():
            entry = self.by_module.get(key)
            if entry is None:
                self.by_module[key] = (found, {slot})
            else:
                entry[1].add(slot)
                if entry[0] != found:
                    self.by_module[key] = (found, entry[1])

    def remove(self, slot: Slot) -> None:
        recorder = self.noted.pop(slot, None)
        if recorder is None:
            return
        for path in recorder.files:
            self.by_file.get(path, set()).discard(slot)
        for name in recorder.names:
            self.by_name.get(name, set()).discard(slot)
        for name in recorder.returns:
            self.by_return.get(name, set()).discard(slot)
        for key in recorder.modules:
            entry = self.by_module.get(key)
            if entry is not None:
                entry[1].discard(slot)
                if not entry[1]:
                    del self.by_module[key]


def symbol_keys(facts: FileFacts) -> list[str]:
    """The node key of every symbol of a file, by index (read from the pieces: no placing)."""
    seen: dict[tuple[str, str], int] = {}
    keys = []
    for part in facts.parts:
        for sym in part.facts.symbols:
            kind = sym.kind.value
            ordinal = seen.get((sym.qname, kind), 0)
            seen[(sym.qname, kind)] = ordinal + 1
            keys.append(symbol_key(facts.path, sym.qname, kind, ordinal))
    return keys


class _Interface(NamedTuple):
    """What resolutions elsewhere can see of a file, as digests, computed piece by piece.

    ``names``: its definitions (with their signatures, which declare types), import bindings,
    exported names (``__all__``) and the types its methods give attributes of ``self``;
    ``bases``: what its types inherit.
    """

    module: str
    names: bytes
    bases: bytes


def _piece_interface(piece: ChunkFacts) -> tuple[bytes, bytes]:
    names = [f"s{s.qname}\x1f{s.kind.value}\x1f{s.signature}" for s in piece.symbols]
    names += [f"i{i.module}\x1f{i.name}\x1f{i.alias}\x1f{i.wildcard}" for i in piece.imports]
    names += [
        f"{'e' if r.kind is RefKind.EXPORT else 'a'}{r.name}\x1f{r.chain}\x1f{r.assigned}"
        for r in piece.references
        if r.kind is RefKind.EXPORT or r.assigned
    ]
    bases = [
        f"{r.name}\x1f{r.receiver}\x1f{r.scope - piece.base if r.scope >= 0 else r.scope}"
        for r in piece.references
        if r.kind is RefKind.INHERIT
    ]
    # a piece that defines, imports or inherits nothing adds nothing: a statement typed
    # between two definitions must not look like a change of what the file offers
    return (
        blake3("\x1e".join(names).encode()).digest() if names else b"",
        blake3("\x1e".join(bases).encode()).digest() if bases else b"",
    )


_STARS = "*"  # the key of a file's wildcard imports among its signatures


def _signatures(facts: FileFacts) -> dict[str, frozenset[tuple[str, ...]]]:
    """Per simple name, what a file says it is: definitions and import bindings."""
    found: dict[str, set[tuple[str, ...]]] = {}
    symbols = facts.symbols
    for sym in symbols:
        parent = symbols[sym.parent].kind.value if sym.parent >= 0 else ""
        found.setdefault(sym.name, set()).add((sym.qname, sym.kind.value, parent, sym.signature))
    for imp in facts.imports:
        if imp.wildcard:
            found.setdefault(_STARS, set()).add(("import", imp.module))
            continue
        binding = imp.alias or imp.name.rsplit(".", 1)[-1] or imp.module.split(".", 1)[0]
        found.setdefault(binding, set()).add(("import", imp.module, imp.name, imp.alias))
    for ref in facts.references:
        if ref.kind is RefKind.EXPORT:
            found.setdefault(ref.name, set()).add(("export", *ref.chain))
            found.setdefault("__all__", set()).add(("export", ref.name, *ref.chain))
        elif ref.assigned:
            found.setdefault(ref.name, set()).add(("assigned", *ref.assigned))
    return {name: frozenset(sigs) for name, sigs in found.items()}


def _bodies_changed(old: FileFacts, new: FileFacts, spec: LanguageSpec) -> set[str]:
    """Names of functions whose bytes changed and which declare no return type.

    What they return is read from their bodies (``analysis.receivers``): code calling them
    may now mean something else.
    """
    semantics = semantics_for(spec)
    before = {(s.qname, s.kind): s.digest for s in old.symbols if s.kind.is_callable}
    return {
        s.name
        for s in new.symbols
        if s.kind.is_callable
        and before.get((s.qname, s.kind), s.digest) != s.digest
        and not semantics.return_annotation(s.signature)
    }


def _unresolved_name(ref: Reference, self_names: frozenset[str]) -> str:
    """How an unresolved reference is named.

    ``print``, ``os.path.join``, or ``?.append`` for a member of a value of unknown type.
    """
    if not ref.chain:
        return ref.name
    if ref.local is not None or ref.chain[0] in self_names or "?" in ref.chain:
        return f"?.{ref.name}"
    return ".".join((*ref.chain, ref.name))


class GraphSync:
    """Owns the graph and brings it up to date with a snapshot for a set of changed files."""

    def __init__(self) -> None:
        self.graph = ProgramGraph()
        self._files: dict[str, _FileState] = {}
        self._dependents = _Dependents()
        self._piece_digests: dict[int, tuple[ChunkFacts, bytes, bytes]] = {}
        self._words: dict[int, tuple[FileFacts, frozenset[str]]] = {}
        self._lock = threading.Lock()  # one update at a time
        self.snapshot: Snapshot | None = None  # the snapshot the graph reflects
        self._caught_up = threading.Condition()

    def keys_of(self, path: str) -> list[str]:
        """The node keys of a file's symbols, as the graph has them (empty if unknown)."""
        state = self._files.get(path)
        return state.keys if state is not None else []

    def index_of(self, path: str, key: str) -> int:
        """The symbol index of a node in its file's version in the graph, or -1."""
        state = self._files.get(path)
        return state.indices.get(key, -1) if state is not None else -1

    def key_of(self, ref: SymbolRef) -> str | None:
        """The node of a symbol, if the graph has the file's current version."""
        keys = self.keys_of(ref.path)
        return keys[ref.index] if 0 <= ref.index < len(keys) else None

    def facts_of(self, path: str) -> FileFacts | None:
        """The version of a file the graph reflects."""
        state = self._files.get(path)
        return state.facts if state is not None else None

    def site(self, edge: Edge) -> tuple[str, Span] | None:
        """Where an edge comes from in its file now.

        The reference or import it was read from, or the definition a ``contains`` edge leads
        to.
        """
        state = self._files.get(edge.path)
        if state is None:
            return None
        if isinstance(edge.origin, _Structure):
            symbols = state.facts.symbols
            return (edge.path, symbols[edge.site].name_span) if edge.site < len(symbols) else None
        placement = state.facts.placements.get(id(edge.origin))
        if placement is None:
            return None
        _, references, imports = placed_facts(placement)
        if edge.site >= 0:
            return (edge.path, references[edge.site].span) if edge.site < len(references) else None
        number = -1 - edge.site
        return (edge.path, imports[number].span) if number < len(imports) else None

    def describe(self) -> list[tuple[str, str, str, str, bool, tuple[str, int, int]]]:
        """Every edge as plain values (its site as path and offsets), sorted.

        Two graphs of the same code describe alike, however they were built.
        """
        rows = []
        for source, target, edge in self.graph.edges():
            where = self.site(edge)
            place = (where[0], where[1].start, where[1].end) if where else ("", -1, -1)
            rows.append((source.key, target.key, edge.kind.value, edge.flow, edge.guess, place))
        return sorted(rows)

    def sync(self, snap: Snapshot, paths: Iterable[str] | None = None) -> int:
        """Bring the graph up to date for ``paths`` (every file when None).

        Returns how many pieces were resolved.
        """
        with self._lock:
            if paths is None:
                paths = set(snap.files) | set(self._files)
            queue: dict[Slot, str] = {}
            modules_moved = False
            for path in sorted(set(paths)):
                modules_moved |= self._update_file(snap, path, queue)
            if modules_moved:
                self._recheck_modules(snap, queue)
            for slot, path in list(queue.items()):
                self._resolve_piece(snap, path, slot)
            with self._caught_up:
                if self.snapshot is None or snap.generation >= self.snapshot.generation:
                    self.snapshot = snap
                self._caught_up.notify_all()
            return len(queue)

    def wait_for(self, generation: int, timeout: float) -> bool:
        """Wait until the graph reflects snapshot ``generation`` or later; False on timeout."""
        with self._caught_up:
            return self._caught_up.wait_for(
                lambda: self.snapshot is not None and self.snapshot.generation >= generation,
                timeout,
            )

    # ---- nodes ------------------------------------------------------------------------------

    def _interface(self, facts: FileFacts) -> _Interface:
        """A file's interface from its pieces' digests (each piece is hashed once)."""
        names, bases = [], []
        for part in facts.parts:
            found = self._piece_digests.get(id(part.facts))
            if found is None or found[0] is not part.facts:
                found = (part.facts, *_piece_interface(part.facts))
                self._piece_digests[id(part.facts)] = found
            names.append(found[1])
            bases.append(found[2])
        return _Interface(
            facts.module, blake3(b"".join(names)).digest(), blake3(b"".join(bases)).digest()
        )

    def _update_file(self, snap: Snapshot, path: str, queue: dict[Slot, str]) -> bool:
        """Nodes and structure of one file; queue pieces to resolve. True if modules moved."""
        graph = self.graph
        old = self._files.get(path)
        entry = snap.entry(path)
        if entry is None:
            if old is None:
                return False
            for key in old.keys:
                graph.remove(key)
            graph.remove(module_key(path))
            for piece in old.pieces.values():
                self._drop_piece(path, piece)
            del self._files[path]
            self._invalidate_file(path, None, queue, set(old.signatures or ()))
            return True
        facts = entry.facts
        if old is not None and old.facts is facts:
            return False
        interface = self._interface(facts)
        pieces = {id(part.facts): part.facts for part in facts.parts}
        previous = old.pieces if old is not None else {}
        for ident, piece in previous.items():
            if ident not in pieces:
                self._drop_piece(path, piece)
        for ident in pieces:
            if ident not in previous:
                queue[(path, ident)] = path
        if old is not None and old.interface == interface:
            # same definitions, imports and bases: nodes and structure stand as they are; what
            # a function without a declared return type returns may have changed with its body
            self._files[path] = _FileState(
                facts, old.keys, old.indices, interface, old.signatures, pieces, old.structure
            )
            for name in _bodies_changed(old.facts, facts, snap.spec(entry)):
                for slot in self._dependents.by_return.get(name, ()):
                    queue[slot] = slot[0]
            return False
        keys = symbol_keys(facts)
        structure = _Structure()
        if old is not None:
            for key in set(old.keys) - set(keys):
                graph.remove(key)
            graph.disconnect(path, old.structure)
        name = facts.module.rsplit(".", 1)[-1] or path
        graph.ensure(Node(module_key(path), MODULE, name, facts.module, path))
        for sym, key in zip(facts.symbols, keys, strict=True):
            ordinal = int(key.rsplit("#", 1)[1])
            graph.ensure(Node(key, sym.kind.value, sym.name, sym.qname, path, ordinal))
        for index, sym in enumerate(facts.symbols):  # the file's structure
            owner = keys[sym.parent] if sym.parent >= 0 else module_key(path)
            graph.connect(owner, keys[index], Edge(EdgeKind.CONTAINS, path, structure, index))
        indices = {key: index for index, key in enumerate(keys)}
        signatures = _signatures(facts)
        self._files[path] = _FileState(
            facts, keys, indices, interface, signatures, pieces, structure
        )
        if (
            old is None
            or old.interface.module != interface.module
            or old.interface.bases != interface.bases
        ):
            # anything looked up through it may move
            every = set(signatures) | set(old.signatures or () if old is not None else ())
            self._invalidate_file(path, None, queue, every)
        else:
            before = old.signatures or {}
            changed = {
                n for n in set(signatures) | set(before) if before.get(n) != signatures.get(n)
            }
            if _STARS in changed:  # a wildcard import came or went: any name may mean another
                every = set(signatures) | set(before)
                self._invalidate_file(path, None, queue, every)
            else:
                self._invalidate_file(path, changed, queue)
        return old is None or old.interface.module != interface.module

    def _invalidate_file(
        self,
        path: str,
        names: set[str] | None,
        queue: dict[Slot, str],
        every: set[str] | None = None,
    ) -> None:
        """Queue the pieces whose resolution may change now that ``path`` changed.

        Those that looked at ``path`` for one of ``names`` (its definitions and imports that
        changed; None: anything, as when its module or bases changed or it is gone), and those
        that looked up in the whole workspace one of ``names`` (or of ``every`` name it
        defines, when ``names`` is None).
        """
        noted = self._dependents.noted
        for slot in self._dependents.by_file.get(path, ()):
            recorder = noted.get(slot)
            if names is None or recorder is None or not recorder.wanted.isdisjoint(names):
                queue[slot] = slot[0]
        for name in names if names is not None else every or ():
            for slot in self._dependents.by_name.get(name, ()):
                queue[slot] = slot[0]

    def _recheck_modules(self, snap: Snapshot, queue: dict[Slot, str]) -> None:
        """Files came, went or moved module: queue pieces whose module lookups now differ."""
        for (family, how, module), (found, slots) in list(self._dependents.by_module.items()):
            view = snap.within(family) if family else snap
            now = view.module_files(module) if how == "exact" else view.find_module(module)
            if now != found:
                for slot in slots:
                    queue[slot] = slot[0]

    def _drop_piece(self, path: str, piece: ChunkFacts) -> None:
        self.graph.disconnect(path, piece)
        self._dependents.remove((path, id(piece)))
        self._piece_digests.pop(id(piece), None)

    # ---- edges ------------------------------------------------------------------------------

    def _resolve_piece(self, snap: Snapshot, path: str, slot: Slot) -> None:
        """Read the edges of one piece: its references and imports, resolved and recorded."""
        state = self._files.get(path)
        piece = state.pieces.get(slot[1]) if state is not None else None
        self._dependents.remove(slot)
        if state is None or piece is None:
            return  # the piece is gone: its file changed again in this update
        graph = self.graph
        graph.disconnect(path, piece)
        placement = state.facts.placements.get(slot[1])
        entry = snap.entry(path)
        if placement is None or entry is None or entry.facts is not state.facts:
            return
        recorder = Recorder()
        resolver = Resolver(snap.recording(recorder))
        _, references, imports = placed_facts(placement)
        module = module_key(path)
        for site, ref in enumerate(references):
            source = state.keys[ref.scope] if ref.scope >= 0 else module
            resolution = resolver.resolve_reference(entry, ref)
            # the receiver's type is not known, and several definitions have the name or the
            # name is only read (more likely an attribute nothing declares than the one method)
            guess = not resolution.exact and (
                len(resolution.targets) > 1 or ref.kind in (RefKind.READ, RefKind.EXPORT)
            )
            targets = self._targets(resolution)
            if (
                not targets
                and ref.kind in _KEEP_UNRESOLVED
                and not any(isinstance(t, LocalTarget) for t in resolution.targets)
            ):
                targets = [self._unresolved(_unresolved_name(ref, snap.spec(entry).self_names))]
            kind = _EDGE_KIND[ref.kind]
            if (
                kind is EdgeKind.CALLS
                and _bare_decorator(entry.data, ref.span)
                and _only_types(snap, resolution)
            ):
                kind = EdgeKind.REFERENCES  # `@Registry` applies a class: a use, no call of it
            for target in targets:
                graph.connect(source, target, Edge(kind, path, piece, site, guess=guess))
                if ref.kind is RefKind.CALL and not target.startswith("?"):
                    if ref.flow & PASSES_ARGUMENTS:
                        graph.connect(
                            source,
                            target,
                            Edge(EdgeKind.DEF_USE, path, piece, site, "arguments", guess),
                        )
                    if ref.flow & RESULT_USED:
                        graph.connect(
                            target,
                            source,
                            Edge(EdgeKind.DEF_USE, path, piece, site, "result", guess),
                        )
        for number, imp in enumerate(imports):
            targets = self._targets(resolver.import_targets(entry, imp))
            if not targets and imp.module:
                targets = [self._unresolved(imp.module)]
            if not imp.wildcard:  # `from m import x` and `import m.n` use the module itself
                whole = imp._replace(name="", alias=imp.alias or imp.name or imp.module)
                modules = resolver.import_targets(entry, whole).targets
                targets += [k for k in self._targets(Resolution(modules, True)) if k not in targets]
            for target in targets:
                graph.connect(module, target, Edge(EdgeKind.IMPORTS, path, piece, -1 - number))
        recorder.files.add(path)  # its own file is read without a lookup
        for ref in references:
            recorder.wanted.add(ref.name)
            recorder.wanted.update(ref.chain)
            recorder.wanted.update(ref.assigned)
            if ref.local is not None:  # a local's type names what it was built from
                recorder.wanted.update(w for link in ref.local.type_hint for w in names_in(link))
        # the file's imports: a name bound in another piece (`from .a import x as y`) is looked
        # up elsewhere by its imported name
        recorder.wanted.update(self._import_words(state.facts))
        self._dependents.add(slot, recorder)

    def _import_words(self, facts: FileFacts) -> frozenset[str]:
        """The names a file's imports mention (module parts, imported names, aliases)."""
        known = self._words.get(id(facts))
        if known is not None and known[0] is facts:
            return known[1]
        words: set[str] = set()
        for imp in facts.imports:
            words.update(p for p in re.split(r"[^\w$]+", imp.module) if p)
            words.update((imp.name.rsplit(".", 1)[-1], imp.alias))
        found = frozenset(words)
        if len(self._words) > 50_000:
            self._words.clear()
        self._words[id(facts)] = (facts, found)
        return found

    def _targets(self, resolution: Resolution) -> list[str]:
        keys: list[str] = []
        for target in resolution.targets:
            keys.extend(self._target_keys(target))
        return list(dict.fromkeys(keys))

    def _target_keys(self, target: Target) -> list[str]:
        if isinstance(target, SymbolRef):
            key = self.key_of(target)
            return [key] if key is not None else []
        if isinstance(target, ModuleTarget):
            return [module_key(p) for p in target.paths if p in self._files]
        return []

    def _unresolved(self, name: str) -> str:
        key = unresolved_key(name)
        if self.graph.node(key) is None:
            self.graph.ensure(Node(key, UNRESOLVED, name.rsplit(".", 1)[-1], name, ""))
        return key
