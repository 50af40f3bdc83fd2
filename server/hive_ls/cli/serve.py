"""``hive-ls serve``: run the language server over stdio or TCP (loopback by default)."""

from __future__ import annotations

import logging
import sys

from hive_ls.cli.workspace import UsageError

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def run_serve(tcp: bool, host: str, port: int, log_file: str | None, level: int) -> int:
    """Serve until the client says exit; stdout carries only the protocol."""
    handler: logging.Handler = (
        logging.FileHandler(log_file) if log_file else logging.StreamHandler(sys.stderr)
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=min(level, logging.INFO), handlers=[handler])
    # pygls logs every message at INFO: keep it for -vv
    logging.getLogger("pygls").setLevel(level if level < logging.INFO else logging.WARNING)
    if tcp and host not in LOOPBACK:
        logging.getLogger(__name__).warning(
            "listening on %s: anyone who can reach it can read your code", host
        )
    if not 0 < port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, not {port}")
    from hive_ls.lsp.app import create_server

    server = create_server()
    if tcp:
        server.start_tcp(host, port)
    else:
        server.start_io()
    # the protocol asks for exit code 1 when the client exits without a shutdown request
    return 0 if server.shutdown_requested else 1
