"""The embedding child process: opens the embedder, then serves a bulk and a query pipe."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection

from hive_ls.base.settings import EmbedSettings
from hive_ls.embed.api import Embedder, EmbedError
from hive_ls.embed.factory import open_embedder

PARENT_CHECK_S = 1.0


def _detach_stdio() -> None:
    """Keeps the child off the language server's stdin and stdout (the JSON-RPC stream)."""
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdout = sys.stderr


def _serve_lane(embedder: Embedder, conn: Connection) -> None:
    """Answers ``(seq, texts)`` with ``(seq, "ok", vectors)`` or ``(seq, "error", message)``."""
    while True:
        try:
            seq, texts = conn.recv()
        except (EOFError, OSError):
            os._exit(0)  # the parent closed its end or died
        try:
            reply: tuple[int, str, object] = (seq, "ok", embedder.embed(texts))
        except EmbedError as exc:
            reply = (seq, "error", str(exc))
        except Exception as exc:
            reply = (seq, "error", f"embedding failed ({type(exc).__name__}: {exc})")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            os._exit(0)


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(PARENT_CHECK_S)
    os._exit(0)


def serve(settings: EmbedSettings, bulk: Connection, query: Connection, parent_pid: int) -> None:
    """The child's entry point: reports ``("ready", ModelInfo)`` or ``("error", message)``."""
    _detach_stdio()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when this process ends
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
    try:
        embedder = open_embedder(settings)
    except EmbedError as exc:
        bulk.send(("error", str(exc)))
        return
    except Exception as exc:
        bulk.send(("error", f"the embedding model cannot be opened ({type(exc).__name__}: {exc})"))
        return
    bulk.send(("ready", embedder.info))
    threading.Thread(target=_serve_lane, args=(embedder, query), daemon=True).start()
    _serve_lane(embedder, bulk)
