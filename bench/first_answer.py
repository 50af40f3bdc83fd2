"""Time to first answer: ``hive-ls serve`` over stdio until ``workspace/symbol`` answers."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from bench.rss import Sampler


class Client:
    """A minimal LSP client over a subprocess's stdin and stdout."""

    def __init__(self, argv: list[str]) -> None:
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.answers: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        stdin = self.proc.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(out.read(length))
            if "method" in message and "id" in message:  # a request from the server
                self._send({"id": message["id"], "result": None})
            elif "id" in message:
                self.answers.put(message)

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 60.0) -> Any:
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        while True:
            answer = self.answers.get(timeout=timeout)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method} failed: {answer['error']}")
                return answer.get("result")

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()


def run(root: Path, query: str, limit_s: float = 60.0) -> dict[str, object]:
    """Start the server on ``root`` and time its first non-empty ``workspace/symbol`` answer."""
    script = Path(sys.executable).with_name("hive-ls")
    argv = [str(script), "serve"] if script.exists() else [sys.executable, "-m", "hive_ls", "serve"]
    uri = root.resolve().as_uri()
    began = time.perf_counter()
    client = Client(argv)
    sampler = Sampler(client.proc.pid, interval=0.05).start()
    try:
        client.request(
            "initialize",
            {
                "processId": None,
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": root.name}],
                "capabilities": {},
            },
        )
        initialized = time.perf_counter() - began
        client.notify("initialized", {})
        polls = 0
        first = None
        while time.perf_counter() - began < limit_s:
            polls += 1
            if client.request("workspace/symbol", {"query": query}):
                first = time.perf_counter() - began
                break
            time.sleep(0.05)
        complete = None
        status: dict[str, Any] = {"files": None}
        while time.perf_counter() - began < limit_s:
            status = client.request("hive/status", None)
            if status["indexing"]["complete"] and status["files"]:
                complete = time.perf_counter() - began
                break
            time.sleep(0.05)
        after = Sampler(client.proc.pid)
        time.sleep(0.5)  # let the index workers exit
        after.sample()
    finally:
        memory = sampler.stop()
        client.close()
    return {
        "query": query,
        "initialize_answered_s": round(initialized, 3),
        "first_answer_s": round(first, 3) if first is not None else None,
        "workspace_symbol_polls": polls,
        "index_complete_s": round(complete, 3) if complete is not None else None,
        "files": status["files"],
        "server_rss_after_index_mb": round(after.memory.peak_rss_sum / 1024, 1),
        "server_pss_after_index_mb": round(after.memory.peak_pss_sum / 1024, 1),
        "peak_tree_rss_sum_mb": round(memory.peak_rss_sum / 1024, 1),
    }
