"""Type hierarchy: the type at a position, its supertypes and its subtypes (from the graph)."""

from __future__ import annotations

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.base.facts import SymbolKind
from hive_ls.features.graph_lookup import item, key_at
from hive_ls.features.results import GraphItem
from hive_ls.graph.model import EdgeKind

_TYPES = {k.value for k in SymbolKind if k.is_type}


def prepare_types(sync: GraphSync, path: str, offset: int) -> list[GraphItem]:
    """The type a position is about (on a name, the one it names: nothing for a library's)."""
    key = key_at(sync, path, offset, around_names=False)
    found = item(sync, key) if key is not None else None
    return [found] if found is not None and found.kind in _TYPES else []


def _related(sync: GraphSync, key: str, up: bool) -> list[GraphItem]:
    graph = sync.graph
    edges = graph.out_edges(key) if up else graph.in_edges(key)
    found: dict[str, GraphItem] = {}
    for node, edge in edges:
        if edge.kind is EdgeKind.INHERITS and node.key not in found:
            other = item(sync, node.key)
            if other is not None:
                found[node.key] = other
    return sorted(found.values(), key=lambda i: (i.path, i.selection.start))


def supertypes(sync: GraphSync, key: str) -> list[GraphItem]:
    """The types ``key`` extends or implements."""
    return _related(sync, key, up=True)


def subtypes(sync: GraphSync, key: str) -> list[GraphItem]:
    """The types that extend or implement ``key``."""
    return _related(sync, key, up=False)
