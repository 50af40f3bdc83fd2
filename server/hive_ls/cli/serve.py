"""``hive-ls serve``: run the language server over stdio or TCP (loopback by default)."""

from __future__ import annotations

import logging
import os

from hive_ls.cli.logs import configure_logging
from hive_ls.cli.workspace import UsageError

LOOPBACK = ("127.0.0.1", "::1", "localhost")
TOKEN_ENV = "HIVE_LS_TOKEN"


def run_serve(
    tcp: bool,
    host: str,
    port: int,
    log_file: str | None,
    level: int,
    trust: bool = False,
    token_file: str | None = None,
) -> int:
    """Serve until the client says exit; stdout carries only the protocol.

    Over TCP the server takes one client; with a token (``--token-file`` or ``$HIVE_LS_TOKEN``)
    that client must send it in ``initializationOptions.token``.
    """
    try:
        configure_logging(level, log_file)
    except OSError as exc:
        raise UsageError(f"cannot write the log file {log_file}: {exc.strerror or exc}") from exc
    # pygls logs every message at INFO: keep it for -vv
    logging.getLogger("pygls").setLevel(level if level < logging.INFO else logging.WARNING)
    if tcp and host not in LOOPBACK:
        logging.getLogger(__name__).warning(
            "listening on %s: anyone who can reach it can read your code", host
        )
    if not 0 < port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, not {port}")
    token = _token(token_file) if tcp else ""
    from hive_ls.lsp.app import create_server

    server = create_server()
    server.trusted_by_user = trust
    if tcp:
        server.serve_tcp(host, port, token)
    else:
        server.start_io()
    # the protocol asks for exit code 1 when the client exits without a shutdown request
    return 0 if server.shutdown_requested else 1


def _token(token_file: str | None) -> str:
    """The token TCP clients must present: from ``token_file`` or ``$HIVE_LS_TOKEN``."""
    if token_file:
        try:
            with open(token_file, encoding="utf-8") as handle:
                token = handle.read().strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read --token-file {token_file}: {exc}") from exc
        if not token:
            raise UsageError(f"--token-file {token_file} is empty")
        return token
    return os.environ.get(TOKEN_ENV, "").strip()
