"""Call hierarchy: the function at a position, who calls it and what it calls (from the graph)."""

from __future__ import annotations

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.analysis.overrides import Overrides
from hive_ls.analysis.resolve import Resolver
from hive_ls.analysis.snapshot import SymbolRef
from hive_ls.base.facts import SymbolKind
from hive_ls.base.span import Span
from hive_ls.features.graph_lookup import item, key_at
from hive_ls.features.results import CallLink, GraphItem
from hive_ls.graph.model import MODULE, EdgeKind

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
    it overrides or implements and of the other overrides of the same declaration.
    """
    keys = _family_keys(sync, key)
    if len(keys) == 1:
        return _links(sync, key, incoming=True)
    merged: dict[str, set[Span]] = {}
    items: dict[str, GraphItem] = {}
    for member in keys:
        for link in _links(sync, member, incoming=True):
            items[link.item.key] = link.item
            merged.setdefault(link.item.key, set()).update(link.sites)
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


def outgoing_calls(sync: GraphSync, key: str) -> list[CallLink]:
    """What ``key`` calls (in the workspace), each with the call sites in ``key``'s file."""
    return _links(sync, key, incoming=False)
