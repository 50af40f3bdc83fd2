"""A bare JSON-RPC client over a server's stdio, for sending what a polite client never would."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from tests.lsp.conftest import SERVER


class RawClient:
    """Writes arbitrary frames to ``hive-ls serve`` and reads its replies."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self._next = 0

    @classmethod
    async def start(
        cls,
        *args: str,
        limit: Callable[[], None] | None = None,
        env: dict[str, str] | None = None,
    ) -> RawClient:
        """Start the server (extra ``args`` go to ``hive-ls``; ``limit`` runs in the child)."""
        process = await asyncio.create_subprocess_exec(
            *SERVER,
            *args,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            preexec_fn=limit,
            env=env,
        )
        return cls(process)

    async def frame(self, body: bytes) -> None:
        """Send one framed message with exactly ``body`` as its content."""
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        await self.process.stdin.drain()

    async def send(self, method: str, params: Any = None, notify: bool = False) -> Any:
        """Send a request (returns its id) or a notification."""
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        if not notify:
            self._next += 1
            message["id"] = self._next
        await self.frame(json.dumps(message).encode())
        return message.get("id")

    async def read(self, timeout: float = 30.0) -> dict[str, Any]:
        """The next message from the server."""
        assert self.process.stdout is not None
        length = 0
        while True:
            line = await asyncio.wait_for(self.process.stdout.readline(), timeout)
            if not line:
                raise EOFError("the server closed its output")
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
            elif line in (b"\r\n", b"\n") and length:
                body = await asyncio.wait_for(self.process.stdout.readexactly(length), timeout)
                result: dict[str, Any] = json.loads(body)
                return result

    async def reply_to(self, request_id: Any, timeout: float = 30.0) -> dict[str, Any]:
        """Read until the response to ``request_id``, answering server requests on the way."""
        while True:
            message = await self.read(timeout)
            if message.get("id") == request_id and "method" not in message:
                return message
            if "method" in message and "id" in message:  # a request from the server
                await self.frame(
                    json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": None}).encode()
                )

    async def request(self, method: str, params: Any = None) -> dict[str, Any]:
        """Send a request and wait for its response."""
        return await self.reply_to(await self.send(method, params))

    async def initialize(self, root_uri: str | None) -> dict[str, Any]:
        """The initialize handshake with minimal capabilities."""
        answer = await self.request(
            "initialize", {"processId": None, "rootUri": root_uri, "capabilities": {}}
        )
        await self.send("initialized", {}, notify=True)
        return answer

    async def close(self) -> int:
        """Shut down politely if possible, then make sure the process is gone."""
        try:
            await self.request("shutdown")
            await self.send("exit", notify=True)
            return await asyncio.wait_for(self.process.wait(), 10)
        except (EOFError, asyncio.TimeoutError, ConnectionError):
            self.process.kill()
            return await self.process.wait()
