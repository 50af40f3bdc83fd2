"""A minimal LSP client over a subprocess's stdio: raw JSON-RPC, timed requests, no quirks."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from bench.rss import descendants


class Timeout(Exception):
    """A request got no answer in time (a ``$/cancelRequest`` was sent for it)."""


class Failed(Exception):
    """A request was answered with an error, or the server went away."""


class _Pending:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.message: dict[str, Any] | None = None
        self.arrived = 0.0


class Client:
    """Starts ``argv`` and speaks LSP to it; answers the server's own requests like an editor.

    ``settings`` answers ``workspace/configuration`` (section -> value, None for defaults).
    Each request's duration is measured from the write to the arrival of the answer (taken by
    the reader thread, so the waiting thread's wake-up is not counted).
    """

    def __init__(
        self,
        argv: list[str],
        *,
        cwd: Path | None = None,
        stderr: Path | None = None,
        env: dict[str, str] | None = None,
        settings: Callable[[str | None], Any] | None = None,
        folders: list[dict[str, str]] | None = None,
    ) -> None:
        self._stderr: IO[bytes] | None = open(stderr, "wb") if stderr else None  # noqa: SIM115
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr or subprocess.DEVNULL,
            cwd=cwd,
            env=env,
        )
        self.settings = settings or (lambda section: None)
        self.folders = folders or []
        self.notifications: Counter[str] = Counter()
        self.server_requests: Counter[str] = Counter()
        self.registered: list[str] = []  # methods registered dynamically by the server
        self.progress: set[Any] = set()  # work-done progress tokens begun and not yet ended
        self.progress_seen = 0.0  # when the last $/progress arrived
        self.next_id = 0
        self._pending: dict[int, _Pending] = {}
        self._lock = threading.Lock()
        self._write = threading.Lock()
        self._closed = False
        self._reader = threading.Thread(target=self._read, name="lsp-reader", daemon=True)
        self._reader.start()

    # ---- wire ------------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        stdin = self.proc.stdin
        assert stdin is not None
        with self._write:
            stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        try:
            while True:
                length = -1
                while True:
                    line = out.readline()
                    if not line:
                        return
                    if line in (b"\r\n", b"\n"):
                        if length >= 0:
                            break
                        continue
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                message = json.loads(out.read(length))
                arrived = time.perf_counter()
                if "method" in message:
                    self._from_server(message)
                elif "id" in message:
                    with self._lock:
                        pending = self._pending.pop(message["id"], None)
                    if pending is not None:
                        pending.message, pending.arrived = message, arrived
                        pending.done.set()
        except (OSError, ValueError):
            return
        finally:
            self._closed = True
            with self._lock:
                waiting, self._pending = list(self._pending.values()), {}
            for pending in waiting:
                pending.done.set()

    def _from_server(self, message: dict[str, Any]) -> None:
        method = message["method"]
        if "id" not in message:
            self.notifications[method] += 1
            if method == "$/progress":
                params = message.get("params") or {}
                kind = (params.get("value") or {}).get("kind")
                if kind == "begin":
                    self.progress.add(params.get("token"))
                elif kind == "end":
                    self.progress.discard(params.get("token"))
                self.progress_seen = time.perf_counter()
            return
        self.server_requests[method] += 1
        params = message.get("params") or {}
        result: Any = None
        if method == "workspace/configuration":
            result = [self.settings(item.get("section")) for item in params.get("items", [])]
        elif method == "workspace/workspaceFolders":
            result = self.folders
        elif method == "client/registerCapability":
            self.registered += [r["method"] for r in params.get("registrations", [])]
        with contextlib.suppress(OSError):
            self._send({"id": message["id"], "result": result})

    # ---- API -------------------------------------------------------------------------------

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def timed(self, method: str, params: Any, timeout: float = 60.0) -> tuple[float, Any]:
        """Seconds from sending to the answer, and the result; raises Timeout or Failed."""
        with self._lock:
            self.next_id += 1
            ident = self.next_id
            pending = self._pending[ident] = _Pending()
        if self._closed:
            raise Failed(f"{method}: the server has exited ({self.proc.poll()})")
        sent = time.perf_counter()
        self._send({"id": ident, "method": method, "params": params})
        if not pending.done.wait(timeout):
            with self._lock:
                self._pending.pop(ident, None)
            self.notify("$/cancelRequest", {"id": ident})
            raise Timeout(f"{method}: no answer in {timeout:.0f} s")
        answer = pending.message
        if answer is None:
            raise Failed(f"{method}: the server has exited ({self.proc.poll()})")
        if "error" in answer:
            raise Failed(f"{method}: {answer['error'].get('message', answer['error'])}")
        return pending.arrived - sent, answer.get("result")

    def wait_quiet(self, quiet_s: float, limit_s: float) -> bool:
        """Wait until no work-done progress is in flight and none arrived for ``quiet_s``."""
        end = time.perf_counter() + limit_s
        while time.perf_counter() < end:
            if not self.progress and time.perf_counter() - self.progress_seen >= quiet_s:
                return True
            time.sleep(0.05)
        return False

    def request(self, method: str, params: Any, timeout: float = 60.0) -> Any:
        return self.timed(method, params, timeout)[1]

    def close(self) -> None:
        """``shutdown`` and ``exit``; kill the server and its children if they do not leave."""
        tree = [(pid, _start_time(pid)) for pid in descendants(self.proc.pid)[1:]]
        try:
            if not self._closed:
                self.request("shutdown", None, timeout=10)
                self.notify("exit", None)
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        finally:
            if self._stderr is not None:
                self._stderr.close()
        time.sleep(0.2)
        for pid, started in tree:  # children that outlived the server (tsserver, node workers)
            if started and _start_time(pid) == started:  # the same process, not a reused pid
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)


def _start_time(pid: int) -> str:
    """The start time of ``pid`` (field 22 of its stat), to recognise it later; "" if gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return ""
    return stat[stat.rindex(b")") + 2 :].split()[19].decode()
