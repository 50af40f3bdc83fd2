"""Feature results turned into protocol types (positions through the codec)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from lsprotocol import types as lsp

from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import SymbolKind
from hive_ls.base.span import Span
from hive_ls.features.code_search import SearchAnswer, SearchResult
from hive_ls.features.results import (
    GraphItem,
    ImpactReport,
    Location,
    OutlineItem,
    Problem,
    SymbolMatch,
    TestHit,
)

if TYPE_CHECKING:
    from hive_ls.lsp.server import HiveServer

SYMBOL_KINDS = {
    SymbolKind.MODULE: lsp.SymbolKind.Module,
    SymbolKind.NAMESPACE: lsp.SymbolKind.Namespace,
    SymbolKind.CLASS: lsp.SymbolKind.Class,
    SymbolKind.INTERFACE: lsp.SymbolKind.Interface,
    SymbolKind.STRUCT: lsp.SymbolKind.Struct,
    SymbolKind.ENUM: lsp.SymbolKind.Enum,
    SymbolKind.TRAIT: lsp.SymbolKind.Interface,
    SymbolKind.TYPE: lsp.SymbolKind.TypeParameter,
    SymbolKind.FUNCTION: lsp.SymbolKind.Function,
    SymbolKind.METHOD: lsp.SymbolKind.Method,
    SymbolKind.CONSTRUCTOR: lsp.SymbolKind.Constructor,
    SymbolKind.FIELD: lsp.SymbolKind.Field,
    SymbolKind.PROPERTY: lsp.SymbolKind.Property,
    SymbolKind.CONSTANT: lsp.SymbolKind.Constant,
    SymbolKind.VARIABLE: lsp.SymbolKind.Variable,
    SymbolKind.ENUM_MEMBER: lsp.SymbolKind.EnumMember,
    SymbolKind.MACRO: lsp.SymbolKind.Function,
}


def location(server: HiveServer, snap: Snapshot, loc: Location) -> lsp.Location | None:
    """A protocol location; None when the file left the snapshot."""
    entry = snap.entry(loc.path)
    if entry is None:
        return None
    return lsp.Location(server.uri_of(loc.path), server.codec.range(entry.data, loc.span))


def locations(server: HiveServer, snap: Snapshot, locs: list[Location]) -> list[lsp.Location]:
    """Protocol locations, skipping any whose file is gone."""
    return [found for loc in locs if (found := location(server, snap, loc)) is not None]


def document_symbols(
    server: HiveServer, data: bytes, items: list[OutlineItem]
) -> list[lsp.DocumentSymbol]:
    """Outline items as nested DocumentSymbols (built without recursion)."""
    codec = server.codec
    out: list[lsp.DocumentSymbol] = []
    stack: list[tuple[OutlineItem, list[lsp.DocumentSymbol]]] = [(i, out) for i in reversed(items)]
    while stack:
        item, into = stack.pop()
        children: list[lsp.DocumentSymbol] = []
        into.append(
            lsp.DocumentSymbol(
                name=item.name or "<anonymous>",
                kind=SYMBOL_KINDS.get(item.kind, lsp.SymbolKind.Variable),
                range=codec.range(data, item.span),
                selection_range=codec.range(data, item.selection),
                detail=item.detail or None,
                children=children,
            )
        )
        stack.extend((child, children) for child in reversed(item.children))
    return out


def workspace_symbol(
    server: HiveServer, snap: Snapshot, match: SymbolMatch
) -> lsp.WorkspaceSymbol | None:
    """A search result as a WorkspaceSymbol."""
    loc = location(server, snap, match.location)
    if loc is None:
        return None
    return lsp.WorkspaceSymbol(
        name=match.name,
        kind=SYMBOL_KINDS.get(match.kind, lsp.SymbolKind.Variable),
        location=loc,
        container_name=match.container or None,
    )


def diagnostic(server: HiveServer, data: bytes, problem: Problem) -> lsp.Diagnostic:
    """A problem as a Diagnostic from hive-ls."""
    return lsp.Diagnostic(
        range=server.codec.range(data, problem.span),
        message=problem.message,
        severity=lsp.DiagnosticSeverity(problem.severity),
        source="hive-ls",
    )


GRAPH_KINDS = {kind.value: value for kind, value in SYMBOL_KINDS.items()}


def _item_parts(
    server: HiveServer, snap: Snapshot, item: GraphItem
) -> tuple[str, lsp.Range, lsp.Range] | None:
    entry = snap.entry(item.path)
    if entry is None:
        return None
    codec = server.codec
    return (
        server.uri_of(item.path),
        codec.range(entry.data, item.span),
        codec.range(entry.data, item.selection),
    )


_HierarchyItem = TypeVar("_HierarchyItem", lsp.CallHierarchyItem, lsp.TypeHierarchyItem)


def _hierarchy_item(
    server: HiveServer,
    snap: Snapshot,
    item: GraphItem,
    make: type[_HierarchyItem],
    default_kind: lsp.SymbolKind,
) -> _HierarchyItem | None:
    """A graph node as a call or type hierarchy item (its key travels in ``data``)."""
    parts = _item_parts(server, snap, item)
    if parts is None:
        return None
    uri, full, name = parts
    return make(
        name=item.name,
        kind=GRAPH_KINDS.get(item.kind, default_kind),
        uri=uri,
        range=full,
        selection_range=name,
        detail=item.detail or item.qname,
        data={"key": item.key},
    )


def call_item(server: HiveServer, snap: Snapshot, item: GraphItem) -> lsp.CallHierarchyItem | None:
    """A graph node as a call hierarchy item."""
    return _hierarchy_item(server, snap, item, lsp.CallHierarchyItem, lsp.SymbolKind.Module)


def type_item(server: HiveServer, snap: Snapshot, item: GraphItem) -> lsp.TypeHierarchyItem | None:
    """A graph node as a type hierarchy item."""
    return _hierarchy_item(server, snap, item, lsp.TypeHierarchyItem, lsp.SymbolKind.Class)


def place(server: HiveServer, snap: Snapshot, item: GraphItem) -> dict[str, Any]:
    """A graph item as JSON for hive/impact and hive/testsFor."""
    found: dict[str, Any] = {"name": item.name, "kind": item.kind, "qname": item.qname}
    parts = _item_parts(server, snap, item)
    if parts is not None:
        uri, _, name = parts
        found["uri"] = uri
        found["range"] = server.protocol._converter.unstructure(name)
    return found


def impact_json(server: HiveServer, snap: Snapshot, report: ImpactReport) -> dict[str, Any]:
    """An impact report as the JSON result of hive/impact."""
    return {
        "target": place(server, snap, report.target),
        "direction": report.direction,
        "depth": report.depth,
        "dependents": [
            {
                **place(server, snap, d.item),
                "distance": d.distance,
                "via": d.via,
                "reason": list(d.reason),
                "guess": d.guess,
                "rank": round(d.rank, 6),
            }
            for d in report.dependents
        ],
        "tests": tests_json(server, snap, list(report.tests)),
        "truncated": report.truncated,
        "total": report.total,
    }


def tests_json(server: HiveServer, snap: Snapshot, tests: list[TestHit]) -> list[dict[str, Any]]:
    """Selected tests as JSON."""
    return [
        {
            **place(server, snap, t.item),
            "testId": t.test_id,
            "distance": t.distance,
            "reason": list(t.reason),
            "guess": t.guess,
        }
        for t in tests
    ]


def span_of(data: dict[str, Any]) -> Span:
    """The byte span a code lens carries in its ``data``."""
    return Span(int(data.get("start", 0)), int(data.get("end", 0)))


def search_result_range(server: HiveServer, snap: Snapshot, result: SearchResult) -> lsp.Range:
    """Where a search result is: from the current bytes when the file is known."""
    entry = snap.entry(result.path)
    if entry is not None:
        return server.codec.range(entry.data, Span(result.start_byte, result.end_byte))
    return lsp.Range(lsp.Position(result.start_line, 0), lsp.Position(result.end_line, 0))


def search_json(server: HiveServer, snap: Snapshot, answer: SearchAnswer) -> dict[str, Any]:
    """A search answer as the JSON result of hive/search."""
    results = []
    for r in answer.results:
        found = {
            "uri": server.uri_of(r.path),
            "range": server.protocol._converter.unstructure(search_result_range(server, snap, r)),
            "name": r.name,
            "qname": r.qname,
            "kind": r.kind,
            "language": r.language,
            "signature": r.signature,
            "score": round(r.score, 6),
            "matched": list(r.matched),
        }
        if r.via:
            found["via"] = r.via
        results.append(found)
    return {
        "results": results,
        "mode": answer.mode,
        "embedded": answer.embedded,
        "pending": answer.pending,
        "notes": list(answer.notes),
    }
