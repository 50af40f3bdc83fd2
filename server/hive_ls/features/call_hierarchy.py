"""Call hierarchy: the function at a position, who calls it and what it calls (from the graph)."""

from __future__ import annotations

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.analysis.overrides import Overrides
from hive_ls.analysis.resolve import Resolver
from hive_ls.analysis.snapshot import SymbolRef
from hive_ls.base.facts import RefKind, SymbolKind
from hive_ls.base.span import Span
from hive_ls.features.graph_lookup import graph_snapshot, item, key_at
from hive_ls.features.references import references
from hive_ls.features.results import CallLink, GraphItem
from hive_ls.graph.model import MODULE, EdgeKind, module_key

_CALLABLE = {k.value for k in SymbolKind if k.is_callable or k.is_type}


def prepare_calls(sync: GraphSync, path: str, offset: int) -> list[GraphItem]:
    """The function (or type, for its constructor) a position is about.

    On a name, the one it names (nothing for a library's function); elsewhere in a body, the
    function around.
    """
    key = key_at(sync, path, offset, around_names=False)
    found = item(sync, key) if key is not None else None
    return [found] if found is not None and found.kind in _CALLABLE else []


def _caller(sync: GraphSync, key: str, kind: str) -> str | None:
    """The item a call made at ``key`` is reported under: a function, a type or the module.

    A call in a variable's initialiser (``X_RE = compile(...)``, a class attribute) is made
    by the code around it, as type checkers report it.
    """
    for _ in range(8):
        if kind in _CALLABLE or kind == MODULE:
            return key
        owner = next((n for n, e in sync.graph.in_edges(key) if e.kind is EdgeKind.CONTAINS), None)
        if owner is None:
            return None
        key, kind = owner.key, owner.kind
    return None


def _links(sync: GraphSync, key: str, incoming: bool) -> list[CallLink]:
    graph = sync.graph
    edges = graph.in_edges(key) if incoming else graph.out_edges(key)
    sites: dict[str, list[Span]] = {}
    for node, edge in edges:
        if edge.kind is not EdgeKind.CALLS or edge.guess:
            continue
        other = _caller(sync, node.key, node.kind) if incoming else node.key
        if other is None or (not incoming and node.kind not in (*_CALLABLE, MODULE)):
            continue
        where = sync.site(edge)
        if where is not None:
            sites.setdefault(other, []).append(where[1])
    links = []
    for other, spans in sites.items():
        found = item(sync, other)
        if found is not None:
            links.append(CallLink(found, tuple(sorted(set(spans)))))
    links.sort(key=lambda link: (link.item.path, link.item.selection.start))
    return links


def incoming_calls(sync: GraphSync, key: str) -> list[CallLink]:
    """Who calls ``key``, each with the call sites in its own file.

    Where overrides count as one member (TypeScript), calls of its whole family count: of what
    it overrides or implements and of the other overrides of the same declaration, and calls
    of the library member it implements (``m.get()`` on any ``Map``, for a ``Map``'s ``get``).
    """
    keys = _family_keys(sync, key)
    library = _library_calls(sync, key)
    if len(keys) == 1 and not library:
        return _links(sync, key, incoming=True)
    merged: dict[str, set[Span]] = {}
    items: dict[str, GraphItem] = {}
    for member in keys:
        for link in _links(sync, member, incoming=True):
            items[link.item.key] = link.item
            merged.setdefault(link.item.key, set()).update(link.sites)
    for caller, span in library:
        found = items.get(caller) or item(sync, caller)
        if found is not None:
            items[caller] = found
            merged.setdefault(caller, set()).add(span)
    links = [CallLink(items[k], tuple(sorted(spans))) for k, spans in merged.items()]
    links.sort(key=lambda link: (link.item.path, link.item.selection.start))
    return links


def _family_keys(sync: GraphSync, key: str) -> list[str]:
    """``key`` and the nodes of the members that are one with it."""
    snap = sync.snapshot
    node = sync.graph.node(key)
    if snap is None or node is None or not node.path:
        return [key]
    index = sync.index_of(node.path, key)
    if index < 0:
        return [key]
    family = Overrides(Resolver(snap)).family(SymbolRef(node.path, index))
    keys = [k for ref in family if (k := sync.key_of(ref)) is not None]
    return keys if key in keys else [key, *keys]


def _library_calls(sync: GraphSync, key: str) -> list[tuple[str, Span]]:
    """Calls of the library members ``key`` implements, by caller (none when it implements none).

    The graph holds no library member; such calls are found as references are.
    """
    snap = graph_snapshot(sync)
    node = sync.graph.node(key)
    if node is None or not node.path:
        return []
    index = sync.index_of(node.path, key)
    if index < 0 or not Overrides(Resolver(snap)).library_roots(SymbolRef(node.path, index)):
        return []
    name = snap.symbol(SymbolRef(node.path, index))
    found: list[tuple[str, Span]] = []
    for loc in references(snap, node.path, name.name_span.start, include_declaration=False):
        entry = snap.files.get(loc.path)
        if entry is None or not any(
            r.kind is RefKind.CALL and r.span == loc.span
            for r in entry.facts.references_at(loc.span.start)
        ):
            continue
        around = entry.facts.innermost_symbol(loc.span.start)
        where = sync.key_of(SymbolRef(loc.path, around)) if around >= 0 else module_key(loc.path)
        where_node = sync.graph.node(where) if where is not None else None
        caller = _caller(sync, where_node.key, where_node.kind) if where_node else None
        if caller is not None:
            found.append((caller, loc.span))
    return found


def outgoing_calls(sync: GraphSync, key: str) -> list[CallLink]:
    """What ``key`` calls (in the workspace), each with the call sites in ``key``'s file."""
    return _links(sync, key, incoming=False)
