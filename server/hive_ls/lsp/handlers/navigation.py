"""Navigation requests: definition, references, hover, document and workspace symbols."""

from __future__ import annotations

from lsprotocol import types as lsp

from hive_ls.analysis.cancel import CancelToken
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.features.hover import hover
from hive_ls.features.lookup import require
from hive_ls.features.navigate import definition
from hive_ls.features.outline import outline
from hive_ls.features.references import references
from hive_ls.features.symbol_search import search_symbols
from hive_ls.lsp import present
from hive_ls.lsp.handlers.search import symbols_by_meaning
from hive_ls.lsp.server import HiveServer


def register(server: HiveServer) -> None:
    """Register the navigation handlers."""

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    async def on_definition(ls: HiveServer, params: lsp.DefinitionParams) -> list[lsp.Location]:
        path = ls.path_of(params.text_document.uri)

        def work(snap: Snapshot, cancel: CancelToken) -> list[lsp.Location]:
            offset = ls.codec.offset(require(snap, path).data, params.position)
            return present.locations(ls, snap, definition(snap, path, offset))

        return await ls.read(work)

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    async def on_references(ls: HiveServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
        path = ls.path_of(params.text_document.uri)

        def work(snap: Snapshot, cancel: CancelToken) -> list[lsp.Location]:
            offset = ls.codec.offset(require(snap, path).data, params.position)
            found = references(snap, path, offset, params.context.include_declaration, cancel)
            return present.locations(ls, snap, found)

        return await ls.read(work)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: HiveServer, params: lsp.HoverParams) -> lsp.Hover | None:
        path = ls.path_of(params.text_document.uri)

        def work(snap: Snapshot, cancel: CancelToken) -> lsp.Hover | None:
            data = require(snap, path).data
            info = hover(snap, path, ls.codec.offset(data, params.position))
            if info is None:
                return None
            return lsp.Hover(
                contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=info.markdown),
                range=ls.codec.range(data, info.span),
            )

        return await ls.read(work)

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def on_document_symbol(
        ls: HiveServer, params: lsp.DocumentSymbolParams
    ) -> list[lsp.DocumentSymbol]:
        path = ls.path_of(params.text_document.uri)

        def work(snap: Snapshot, cancel: CancelToken) -> list[lsp.DocumentSymbol]:
            return present.document_symbols(ls, require(snap, path).data, outline(snap, path))

        return await ls.read(work)

    @server.feature(lsp.WORKSPACE_SYMBOL, lsp.WorkspaceSymbolOptions(resolve_provider=False))
    async def on_workspace_symbol(
        ls: HiveServer, params: lsp.WorkspaceSymbolParams
    ) -> list[lsp.WorkspaceSymbol]:
        def work(snap: Snapshot, cancel: CancelToken) -> list[lsp.WorkspaceSymbol]:
            matches = search_symbols(snap, params.query, cancel=cancel)
            return [s for m in matches if (s := present.workspace_symbol(ls, snap, m)) is not None]

        found = await ls.read(work)
        if not found and len(params.query.split()) > 1:  # words, not a name: search by meaning
            return await symbols_by_meaning(ls, params.query)
        return found
