"""Hostile repositories for the safety tests, and a listener standing in for the attacker.

Planted files leave a marker when they run; the CLI and the server are run against them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

CLI = [sys.executable, "-m", "hive_ls"]
SECRET = "AKIA-hostile-test-secret-0000"  # what an attacker wants: never sent while untrusted
PY_FILES = {
    "pkg/__init__.py": "",
    "pkg/core.py": (
        "def total(items):\n"
        "    return sum(items)\n\n\n"
        "def report(items):\n"
        "    return f'total: {total(items)}'\n"
    ),
    "tests/test_core.py": (
        "from pkg.core import total\n\n\ndef test_total():\n    assert total([1, 2]) == 3\n"
    ),
}


class Listener:
    """A TCP server on 127.0.0.1 that records every connection and the bytes it received."""

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.2)
        self.port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self.connections = 0
        self.received = b""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._socket.accept()
            except OSError:
                continue
            self.connections += 1
            conn.settimeout(1.0)
            try:
                self.received += conn.recv(65536)
                conn.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n")
            except OSError:
                pass
            finally:
                conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._socket.close()

    def __enter__(self) -> Listener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_repo(root: Path, config: str = "", files: dict[str, str] | None = None) -> Path:
    """A small Python repository at ``root`` with ``config`` as its ``.hive/config.toml``."""
    for name, text in (files or PY_FILES).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    if config:
        (root / ".hive").mkdir(exist_ok=True)
        (root / ".hive" / "config.toml").write_text(config)
    return root


def marker_script(path: Path, marker: Path) -> Path:
    """An executable at ``path`` that only writes ``marker`` (proof that it ran)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\necho ran > '{marker}'\n")
    path.chmod(0o755)
    return path


def listing(root: Path) -> dict[str, int]:
    """Every file under ``root`` with its size (to prove nothing was written there)."""
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            found[str(path.relative_to(root))] = path.lstat().st_size
    return found


def cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``hive-ls ARGS`` with the test environment plus ``env`` (None values remove)."""
    merged = {**os.environ, **(env or {})}
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=timeout, env=merged, check=False
    )
