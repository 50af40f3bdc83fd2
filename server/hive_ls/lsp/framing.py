"""The message loop: LSP frames read from a stream, recovering from framing errors.

pygls's own loop goes deaf after a frame it cannot parse (a lower-case or non-numeric
``Content-Length``, LF-only lines, stray bytes) and runs out of memory on a huge length. Here
headers are read case-insensitively with LF or CRLF, a length over ``MAX_MESSAGE`` or one that
is not a number is reported and skipped, bytes between frames are skipped up to the next
``Content-Length`` header (also when it follows them on one line), and a body that is not JSON
is answered with a JSON-RPC parse error (-32700). The loop ends only at the end of the stream
or when the server stops.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, BinaryIO, Protocol

log = logging.getLogger(__name__)

MAX_MESSAGE = 64 * 1024 * 1024  # bytes of one message's content
MAX_LINE = 64 * 1024  # bytes of one header line read at once
_LENGTH = re.compile(rb"content-length[ \t]*:[ \t]*([^\r\n]*)", re.IGNORECASE)
_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*[ \t]*:")


class Reader(Protocol):
    """What the loop reads from: lines and exact counts of bytes (``b""`` at the end)."""

    def readline(self) -> Awaitable[bytes]:
        """The next line, its end included (``b""``: the stream ended)."""
        ...

    def readexactly(self, count: int) -> Awaitable[bytes]:
        """``count`` bytes, or fewer where the stream ended."""
        ...


class StdinReader:
    """A blocking binary stream read on a thread: lines are bounded, bodies read in chunks."""

    def __init__(self, stream: BinaryIO, pool: ThreadPoolExecutor) -> None:
        self._stream = stream
        self._pool = pool

    async def readline(self) -> bytes:
        """The next line, at most ``MAX_LINE`` bytes of it."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._stream.readline, MAX_LINE)

    async def readexactly(self, count: int) -> bytes:
        """``count`` bytes, or fewer where the stream ended."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._read, count)

    def _read(self, count: int) -> bytes:
        parts, left = [], count
        while left:
            chunk = self._stream.read(min(left, 1024 * 1024))
            if not chunk:
                break  # the end of the stream: a short body
            parts.append(chunk)
            left -= len(chunk)
        return b"".join(parts)


def parse_error(detail: str) -> dict[str, Any]:
    """The JSON-RPC answer to a message that could not be read (no id can be known)."""
    return {"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": detail}}


async def read_messages(
    stop: threading.Event,
    reader: Reader,
    decode: Callable[[bytes], Any],
    deliver: Callable[[Any], None],
    answer: Callable[[dict[str, Any]], None],
) -> None:
    """``deliver`` each framed body as ``decode`` reads it; ``answer`` sends parse errors back.

    ``decode`` raises ValueError for a body that is not JSON. Returns at the end of the
    stream or once ``stop`` is set.
    """
    length: int | None = None
    skipping = False  # between frames, past bytes that are no header
    while not stop.is_set():
        line = await reader.readline()
        if not line:
            return
        found = _LENGTH.search(line)
        if found is not None:
            if skipping or found.start() > 0:
                log.warning("skipped bytes that were no LSP frame before a Content-Length")
            skipping = False
            length = _length(found.group(1), answer)
            continue
        if not line.strip():  # the end of a frame's headers
            if length is None:
                continue  # a blank line between frames: nothing to read
            size, length = length, None
            if size < 0:
                skipping = True  # (an unusable length: its content is skipped as stray bytes)
                continue
            body = await reader.readexactly(size)
            if len(body) < size:
                return  # the stream ended inside the message
            _dispatch(body, decode, deliver, answer)
            continue
        if _HEADER.match(line) and not skipping:
            continue  # another header (Content-Type)
        if not skipping:
            log.warning("bytes that are no LSP frame: %r", line[:60])
            answer(parse_error("hive-ls read bytes that are no LSP frame; they were skipped"))
        skipping = True
        length = None


def _length(text: bytes, answer: Callable[[dict[str, Any]], None]) -> int:
    """A header's content length; -1 (reported) when it is no number or over the limit."""
    value = text.strip()
    if not value.isdigit():
        log.warning("a Content-Length that is no number: %r", value[:40])
        answer(parse_error(f"Content-Length {value[:40].decode('latin-1')!r} is no number"))
        return -1
    size = int(value)
    if size > MAX_MESSAGE:
        log.warning("a message of %d bytes refused (the limit is %d)", size, MAX_MESSAGE)
        answer(parse_error(f"a message of {size} bytes is over the {MAX_MESSAGE} byte limit"))
        return -1
    return size


def _dispatch(
    body: bytes,
    decode: Callable[[bytes], Any],
    deliver: Callable[[Any], None],
    answer: Callable[[dict[str, Any]], None],
) -> None:
    try:
        message = decode(body)
    except (ValueError, RecursionError) as exc:
        log.warning("a message that is not JSON: %s", exc)
        answer(parse_error(f"the message is not JSON: {exc}"))
        return
    deliver(message)
