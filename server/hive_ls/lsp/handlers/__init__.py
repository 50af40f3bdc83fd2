"""Thin LSP handlers, one module per area: convert in, call a feature, convert out."""

from __future__ import annotations

from hive_ls.lsp.handlers import (
    ai,
    completion,
    documents,
    files,
    graph,
    impact,
    lifecycle,
    navigation,
    search,
    status,
)
from hive_ls.lsp.server import HiveServer


def register_all(server: HiveServer) -> None:
    """Register every handler on ``server``."""
    for module in (
        lifecycle,
        documents,
        files,
        navigation,
        graph,
        impact,
        search,
        ai,
        completion,
        status,
    ):
        module.register(server)
