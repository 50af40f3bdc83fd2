"""Framing errors over stdio: the server reports them, skips them and keeps answering."""

from __future__ import annotations

import json

import pytest

from tests.helpers import FIXTURES, uri
from tests.lsp.raw import RawClient

ROOT = FIXTURES / "pyshop"

STATUS = json.dumps({"jsonrpc": "2.0", "id": 900, "method": "hive/status", "params": {}})


def _framed(body: str, header: bytes = b"Content-Length: %d\r\n\r\n") -> bytes:
    data = body.encode()
    return header % len(data) + data


BROKEN = {
    "lower-case header": _framed(STATUS, b"content-length: %d\r\n\r\n"),
    "LF-only lines": _framed(STATUS, b"Content-Length: %d\n\n"),
    "non-numeric length": b"Content-Length: twelve\r\n\r\n" + STATUS.encode(),
    "huge length": b"Content-Length: 999999999999\r\n\r\n" + STATUS.encode() + b"\r\n",
    "stray bytes": b"garbage without a frame\r\n" + _framed(STATUS),
    "stray bytes on the header's line": b"\x00\x01junk" + _framed(STATUS),
    "length too short": b"Content-Length: 5\r\n\r\n" + STATUS.encode() + _framed(STATUS),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
async def test_the_server_is_never_deaf_after_a_framing_error(name: str) -> None:
    client = await RawClient.start()
    await client.initialize(uri(ROOT))
    assert client.process.stdin is not None
    client.process.stdin.write(BROKEN[name])
    await client.process.stdin.drain()
    answer = await client.request("hive/status", {})
    assert "result" in answer, (name, answer)
    assert await client.close() == 0


async def test_a_body_that_is_not_json_gets_a_parse_error() -> None:
    client = await RawClient.start()
    await client.initialize(uri(ROOT))
    await client.frame(b"{this is not json")
    error = await client.read()
    assert error["id"] is None and error["error"]["code"] == -32700, error
    answer = await client.request("hive/status", {})
    assert "result" in answer
    assert await client.close() == 0
