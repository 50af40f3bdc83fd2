"""The TCP transport: one client, nothing but LSP, and the token when the server has one.

Loopback is no boundary: any local process, and any web page through the browser, can
connect. So the first frame of each connection is read here before the protocol sees it:
it must be a well-formed LSP ``initialize`` request (HTTP or other bytes close the
connection), carrying ``initializationOptions.token`` when the server was started with one
(the token is taken out before the message goes further). The first connection that passes
owns the server; every later one is closed at once, and the server ends with its client.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
import threading
from typing import TYPE_CHECKING

from hive_ls.lsp import ext

if TYPE_CHECKING:
    from hive_ls.lsp.server import HiveServer

log = logging.getLogger(__name__)

FIRST_FRAME_TIMEOUT_S = 30.0
MAX_FIRST_FRAME = 4 * 1024 * 1024
MAX_HEADER_LINES = 8
_LENGTH = re.compile(rb"content-length:[ \t]*(\d{1,10})[ \t]*\r?\n\Z", re.IGNORECASE)
_HEADER = re.compile(rb"[A-Za-z][A-Za-z0-9-]*:[^\r\n]*\r?\n\Z")


class Refused(Exception):
    """A connection that may not talk to the server; the message says why (for the log)."""


class _Prefixed:
    """A stream reader that first gives back bytes already read from the connection."""

    def __init__(self, prefix: bytes, reader: asyncio.StreamReader) -> None:
        self._buffer = bytearray(prefix)
        self._reader = reader

    async def readline(self) -> bytes:
        if not self._buffer:
            return await self._reader.readline()
        end = self._buffer.find(b"\n")
        if end >= 0:
            line = bytes(self._buffer[: end + 1])
            del self._buffer[: end + 1]
            return line
        rest = bytes(self._buffer)
        self._buffer.clear()
        return rest + await self._reader.readline()

    async def readexactly(self, count: int) -> bytes:
        taken = bytes(self._buffer[:count])
        del self._buffer[:count]
        if len(taken) < count:
            taken += await self._reader.readexactly(count - len(taken))
        return taken


async def read_first_frame(reader: asyncio.StreamReader, token: str) -> bytes:
    """The connection's first frame, checked and ready to replay; Refused when it may not pass."""
    length = -1
    for _ in range(MAX_HEADER_LINES):
        line = await reader.readline()
        if not line:
            raise Refused("closed before sending a message")
        if line in (b"\r\n", b"\n"):
            break
        match = _LENGTH.match(line)
        if match is not None:
            length = int(match.group(1))
        elif not _HEADER.match(line):  # an HTTP request line, or another protocol
            raise Refused(f"not LSP: {line[:40]!r}")
    else:
        raise Refused("too many header lines")
    if not 0 < length <= MAX_FIRST_FRAME:
        raise Refused(f"a first message of {length} bytes")
    body = await reader.readexactly(length)
    try:
        message = json.loads(body)
    except ValueError as exc:
        raise Refused("a first message that is not JSON") from exc
    if not isinstance(message, dict) or message.get("method") != "initialize":
        raise Refused("a first message that is not initialize")
    if not token:
        return b"Content-Length: %d\r\n\r\n" % length + body
    params = message.get("params")
    options = params.get("initializationOptions") if isinstance(params, dict) else None
    sent = options.get(ext.TOKEN) if isinstance(options, dict) else None
    if not isinstance(sent, str) or not hmac.compare_digest(sent.encode(), token.encode()):
        raise Refused("no valid token in initializationOptions.token")
    assert isinstance(options, dict)
    del options[ext.TOKEN]  # no log, handler or setting ever sees it
    clean = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(clean) + clean


def serve_tcp(server: HiveServer, host: str, port: int, token: str) -> None:
    """Listen on ``host:port`` and serve the first client that passes; return when it leaves."""
    stop = threading.Event()
    server._stop_event = stop  # pygls's shutdown sets it to end the message loop

    async def main() -> None:
        owner: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        claimed = asyncio.Event()  # a client passed: every later connection is closed

        async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            peer = writer.get_extra_info("peername")
            if claimed.is_set():
                log.warning("refused a second connection from %s: one client per server", peer)
                writer.close()
                return
            try:
                first = await asyncio.wait_for(
                    read_first_frame(reader, token), FIRST_FRAME_TIMEOUT_S
                )
            except (Refused, asyncio.TimeoutError, asyncio.IncompleteReadError, OSError) as exc:
                log.warning("closed a connection from %s: %s", peer, _why(exc))
                writer.close()
                return
            if claimed.is_set():  # another connection passed first while this one was read
                writer.close()
                return
            claimed.set()
            server.protocol.set_writer(writer)
            try:
                await _run(server, stop, _Prefixed(first, reader))
            finally:
                if not owner.done():
                    owner.set_result(None)

        listener = await asyncio.start_server(connection, host, port)
        log.info("serving on %s", ", ".join(str(s.getsockname()) for s in listener.sockets))
        async with listener:
            await owner

    try:
        asyncio.run(main())
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()


async def _run(server: HiveServer, stop: threading.Event, reader: _Prefixed) -> None:
    try:
        await server.read_messages(_Ending(reader))
    except ConnectionError as exc:
        log.info("the client's connection ended: %s", exc)


class _Ending:
    """A connection read as the message loop expects: ``b""`` (or fewer bytes) at its end."""

    def __init__(self, reader: _Prefixed) -> None:
        self._reader = reader

    async def readline(self) -> bytes:
        return await self._reader.readline()

    async def readexactly(self, count: int) -> bytes:
        try:
            return await self._reader.readexactly(count)
        except asyncio.IncompleteReadError as exc:
            return exc.partial


def _why(error: BaseException) -> str:
    if isinstance(error, asyncio.TimeoutError):
        return f"no message within {FIRST_FRAME_TIMEOUT_S:g} s"
    return str(error) or type(error).__name__
