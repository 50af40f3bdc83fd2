"""Call hierarchy, type hierarchy and code lenses, answered from the dependence graph."""

from __future__ import annotations

from typing import Any

from lsprotocol import types as lsp

from hive_ls.analysis.cancel import CancelToken
from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.features import call_hierarchy, code_lens, type_hierarchy
from hive_ls.features.graph_lookup import graph_snapshot
from hive_ls.features.lookup import require
from hive_ls.lsp import ext, present
from hive_ls.lsp.server import HiveServer


def key_of(data: Any) -> str:
    """The graph key carried in an item's or lens's ``data``."""
    if isinstance(data, dict):
        return str(data.get("key", ""))
    return str(getattr(data, "key", ""))


def register(server: HiveServer) -> None:
    """Register the graph-backed handlers."""

    @server.feature(lsp.TEXT_DOCUMENT_PREPARE_CALL_HIERARCHY)
    async def on_prepare_calls(
        ls: HiveServer, params: lsp.CallHierarchyPrepareParams
    ) -> list[lsp.CallHierarchyItem] | None:
        path = ls.path_of(params.text_document.uri)

        def work(sync: GraphSync, cancel: CancelToken) -> list[lsp.CallHierarchyItem] | None:
            snap = graph_snapshot(sync)
            offset = ls.codec.offset(require(snap, path).data, params.position)
            found = [
                present.call_item(ls, snap, i)
                for i in call_hierarchy.prepare_calls(sync, path, offset)
            ]
            return [f for f in found if f is not None] or None

        return await ls.read_graph(work, None)

    async def calls(ls: HiveServer, item: lsp.CallHierarchyItem, incoming: bool) -> list[Any]:
        def work(sync: GraphSync, cancel: CancelToken) -> list[Any]:
            snap = graph_snapshot(sync)
            key = key_of(item.data)
            links = (
                call_hierarchy.incoming_calls(sync, key)
                if incoming
                else call_hierarchy.outgoing_calls(sync, key)
            )
            out: list[Any] = []
            for link in links:
                other = present.call_item(ls, snap, link.item)
                site_path = link.item.path if incoming else ls.path_of(item.uri)
                entry = snap.entry(site_path)
                if other is None or entry is None:
                    continue
                ranges = [ls.codec.range(entry.data, s) for s in link.sites]
                out.append(
                    lsp.CallHierarchyIncomingCall(other, ranges)
                    if incoming
                    else lsp.CallHierarchyOutgoingCall(other, ranges)
                )
            return out

        return await ls.read_graph(work, [])

    @server.feature(lsp.CALL_HIERARCHY_INCOMING_CALLS)
    async def on_incoming(
        ls: HiveServer, params: lsp.CallHierarchyIncomingCallsParams
    ) -> list[lsp.CallHierarchyIncomingCall]:
        return await calls(ls, params.item, incoming=True)

    @server.feature(lsp.CALL_HIERARCHY_OUTGOING_CALLS)
    async def on_outgoing(
        ls: HiveServer, params: lsp.CallHierarchyOutgoingCallsParams
    ) -> list[lsp.CallHierarchyOutgoingCall]:
        return await calls(ls, params.item, incoming=False)

    @server.feature(lsp.TEXT_DOCUMENT_PREPARE_TYPE_HIERARCHY)
    async def on_prepare_types(
        ls: HiveServer, params: lsp.TypeHierarchyPrepareParams
    ) -> list[lsp.TypeHierarchyItem] | None:
        path = ls.path_of(params.text_document.uri)

        def work(sync: GraphSync, cancel: CancelToken) -> list[lsp.TypeHierarchyItem] | None:
            snap = graph_snapshot(sync)
            offset = ls.codec.offset(require(snap, path).data, params.position)
            found = [
                present.type_item(ls, snap, i)
                for i in type_hierarchy.prepare_types(sync, path, offset)
            ]
            return [f for f in found if f is not None] or None

        return await ls.read_graph(work, None)

    async def types(
        ls: HiveServer, item: lsp.TypeHierarchyItem, up: bool
    ) -> list[lsp.TypeHierarchyItem]:
        def work(sync: GraphSync, cancel: CancelToken) -> list[lsp.TypeHierarchyItem]:
            snap = graph_snapshot(sync)
            key = key_of(item.data)
            related = (
                type_hierarchy.supertypes(sync, key) if up else type_hierarchy.subtypes(sync, key)
            )
            return [t for i in related if (t := present.type_item(ls, snap, i)) is not None]

        return await ls.read_graph(work, [])

    @server.feature(lsp.TYPE_HIERARCHY_SUPERTYPES)
    async def on_supertypes(
        ls: HiveServer, params: lsp.TypeHierarchySupertypesParams
    ) -> list[lsp.TypeHierarchyItem]:
        return await types(ls, params.item, up=True)

    @server.feature(lsp.TYPE_HIERARCHY_SUBTYPES)
    async def on_subtypes(
        ls: HiveServer, params: lsp.TypeHierarchySubtypesParams
    ) -> list[lsp.TypeHierarchyItem]:
        return await types(ls, params.item, up=False)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_LENS, lsp.CodeLensOptions(resolve_provider=True))
    async def on_code_lens(ls: HiveServer, params: lsp.CodeLensParams) -> list[lsp.CodeLens]:
        uri = params.text_document.uri
        path = ls.path_of(uri)

        def work(sync: GraphSync, cancel: CancelToken) -> list[lsp.CodeLens]:
            snap = graph_snapshot(sync)
            data = require(snap, path).data
            return [
                lsp.CodeLens(
                    range=ls.codec.range(data, lens.span),
                    data={
                        "key": lens.key,
                        "uri": uri,
                        "start": lens.span.start,
                        "end": lens.span.end,
                    },
                )
                for lens in code_lens.lenses(sync, path)
            ]

        return await ls.read_graph(work, [])

    @server.feature(lsp.CODE_LENS_RESOLVE)
    async def on_resolve_lens(ls: HiveServer, lens: lsp.CodeLens) -> lsp.CodeLens:
        data = lens.data if isinstance(lens.data, dict) else getattr(lens.data, "_asdict", dict)()
        key, uri = str(data.get("key", "")), str(data.get("uri", ""))

        def work(sync: GraphSync, cancel: CancelToken) -> lsp.CodeLens:
            counted = code_lens.resolve_lens(sync, code_lens.Lens(present.span_of(data), key))
            lens.command = lsp.Command(
                title=counted.title,
                command=ext.COMMAND_IMPACT,
                arguments=[
                    uri,
                    {"line": lens.range.start.line, "character": lens.range.start.character},
                ],
            )
            return lens

        return await ls.read_graph(work, lens)
