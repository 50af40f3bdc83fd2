"""From positions and qualified names to graph nodes, and from nodes back to places in code."""

from __future__ import annotations

import difflib

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.analysis.resolve import Resolver
from hive_ls.analysis.snapshot import Snapshot, SymbolRef
from hive_ls.analysis.targets import ModuleTarget
from hive_ls.base.facts import RefKind
from hive_ls.base.span import Span
from hive_ls.features.lookup import require
from hive_ls.features.results import GraphItem, UnknownFile
from hive_ls.graph.model import MODULE, module_key


class GraphNotReady(LookupError):
    """The graph has not been built yet (the initial index is still running)."""


class NoSuchTarget(LookupError):
    """A qualified name or position names no definition; the message lists close matches."""


def graph_snapshot(sync: GraphSync) -> Snapshot:
    """The snapshot the graph reflects; raises GraphNotReady before the first build."""
    if sync.snapshot is None:
        raise GraphNotReady("the dependence graph is still being built; try again shortly")
    return sync.snapshot


def item(sync: GraphSync, key: str) -> GraphItem | None:
    """A node with its place in the code (None for names nothing defines)."""
    node = sync.graph.node(key)
    snap = sync.snapshot
    if node is None or snap is None or not node.path:
        return None
    entry = snap.entry(node.path)
    if entry is None:
        return None
    if node.kind == MODULE:
        return GraphItem(key, node.name, MODULE, node.qname, node.path, Span(0, 0), Span(0, 0))
    index = sync.index_of(node.path, key)
    if index < 0 or index >= len(entry.facts.symbols):
        return None
    sym = entry.facts.symbols[index]
    return GraphItem(
        key, sym.name, sym.kind.value, sym.qname, node.path, sym.span, sym.name_span, sym.signature
    )


def key_at(
    sync: GraphSync, path: str, offset: int, enclosing: bool = True, around_names: bool = True
) -> str | None:
    """The node a position is about.

    The definition named there, or (with ``enclosing``) the definition around it, or the
    file's module when there is none. Without ``around_names`` a name that names nothing in
    the workspace (a library's method, a local variable) is about nothing, not the code around.
    """
    snap = graph_snapshot(sync)
    entry = require(snap, path)
    occ, resolution = Resolver(snap).at(entry, offset)
    for target in resolution.targets:
        if isinstance(target, SymbolRef):
            key = sync.key_of(target)
            if key is not None:
                return key
        elif isinstance(target, ModuleTarget) and target.paths:
            return module_key(target.paths[0])  # a module named in an import, `pkg.app`
    if not enclosing or (occ is not None and not around_names):
        return None
    index = entry.facts.innermost_symbol(offset)
    if index >= 0:
        return sync.key_of(SymbolRef(path, index))
    return module_key(path)


def key_at_line(sync: GraphSync, path: str, line: int) -> str:
    """The node of a 1-based ``line``.

    The definition named on it, else the first name used on it that resolves to one, else the
    definition around it.
    """
    snap = graph_snapshot(sync)
    entry = require(snap, path)
    lines = entry.data.split(b"\n")
    if not 1 <= line <= len(lines):
        raise NoSuchTarget(f"{entry.relpath} has {len(lines)} lines, not {line}")
    start = sum(len(text) + 1 for text in lines[: line - 1])
    end = start + len(lines[line - 1])
    for index, sym in enumerate(entry.facts.symbols):
        if start <= sym.name_span.start < end:
            key = sync.key_of(SymbolRef(path, index))
            if key is not None:
                return key
    on_line = [r for r in entry.facts.references if start <= r.span.start < end]
    # what is called or named as a type there first; a name read (a module, a value) after
    on_line.sort(key=lambda r: r.kind in (RefKind.READ, RefKind.EXPORT))
    for ref in on_line:
        key = key_at(sync, path, ref.span.start, enclosing=False)
        if key is not None:
            return key
    found = key_at(sync, path, start + len(lines[line - 1]) - len(lines[line - 1].lstrip()))
    if found is None:
        raise NoSuchTarget(f"nothing is defined or used at {entry.relpath}:{line}")
    return found


def key_for_qname(sync: GraphSync, qname: str) -> str:
    """The node of a qualified name (``package.module.Class.method``).

    Raises NoSuchTarget naming the closest names when none matches.
    """
    snap = graph_snapshot(sync)
    candidates: list[str] = []
    for path, entry in snap.files.items():
        indices = entry.facts.by_qname.get(qname)
        if indices:
            key = sync.key_of(SymbolRef(path, indices[0]))
            if key is not None:
                return key
        if entry.facts.module == qname:
            return module_key(path)
    # as code would import it: re-exports, and modules under a source root (`server/pkg`
    # is imported as `pkg`)
    for family in dict.fromkeys(snap.registry.families.values()):
        for target in Resolver(snap.within(family)).qualified(qname):
            if isinstance(target, SymbolRef):
                key = sync.key_of(target)
                if key is not None:
                    return key
            elif isinstance(target, ModuleTarget) and target.paths:
                return module_key(target.paths[0])
    for entry in snap.files.values():
        candidates.extend(s.qname for s in entry.facts.symbols)
        candidates.append(entry.facts.module)
    close = difflib.get_close_matches(qname, candidates, n=5, cutoff=0.6)
    suffix = [c for c in candidates if c.endswith("." + qname.rsplit(".", 1)[-1])][:5]
    hints = list(dict.fromkeys([*close, *suffix]))[:5]
    message = f"no definition is called {qname!r}"
    if hints:
        message += "; did you mean " + ", ".join(hints) + "?"
    raise NoSuchTarget(message)


def require_file(sync: GraphSync, path: str) -> None:
    """Raise UnknownFile unless the graph knows ``path``."""
    if sync.facts_of(path) is None:
        raise UnknownFile(f"{path} is not in the dependence graph (not indexed, or ignored)")
