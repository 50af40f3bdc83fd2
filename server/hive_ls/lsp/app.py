"""Builds a ready-to-run hive-ls server with every handler registered."""

from __future__ import annotations

from hive_ls.lsp.handlers import register_all
from hive_ls.lsp.server import HiveServer


def create_server() -> HiveServer:
    """A new server; call ``start_io()`` or ``start_tcp(host, port)`` on it."""
    server = HiveServer()
    register_all(server)
    return server
