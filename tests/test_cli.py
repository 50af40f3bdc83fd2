"""The ``hive-ls`` command: index, symbols, doctor, usage errors, and serving over TCP."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import FIXTURES, uri

HIVE = [sys.executable, "-m", "hive_ls"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*HIVE, *args], check=False, capture_output=True, text=True, timeout=120)


def test_index_json_summary() -> None:
    done = _run("index", str(FIXTURES / "pyshop"), "--format", "json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert set(summary) >= {"files", "symbols", "languages", "skipped", "seconds"}
    assert summary["files"] == 6
    assert summary["languages"] == {"python": 6}
    assert summary["symbols"] >= 15
    assert summary["skipped"] == 0


def test_index_counts_skipped_files(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text("x = 1\n")
    (tmp_path / "bad.py").write_bytes(b"\xff\xfe\x00\x00")
    (tmp_path / "big.py").write_text("y = 2\n" * 10)
    (tmp_path / ".hive").mkdir()
    (tmp_path / ".hive" / "config.toml").write_text("[index]\nmax_file_bytes = 40\n")
    summary = json.loads(_run("index", str(tmp_path), "--format", "json").stdout)
    assert summary["files"] == 1
    assert summary["skip_reasons"] == {"binary": 1, "huge": 1}


def test_index_reports_bad_config_and_keeps_going(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text("x = 1\n")
    (tmp_path / ".hive").mkdir()
    (tmp_path / ".hive" / "config.toml").write_text("[index]\nmax_file_bytes = 'lots'\n")
    done = _run("index", str(tmp_path), "--format", "json")
    assert done.returncode == 0
    assert "index.max_file_bytes must be a non-negative integer" in done.stderr
    assert json.loads(done.stdout)["files"] == 1


def test_symbols_search() -> None:
    done = _run("symbols", str(FIXTURES / "pyshop"), "with_tax")
    assert done.returncode == 0
    assert done.stdout.splitlines()[0].split() == [
        "function",
        "shop.pricing.with_tax",
        "shop/pricing.py:11",
    ]
    rows = json.loads(
        _run("symbols", str(FIXTURES / "pyshop"), "Cart.add", "--format", "json").stdout
    )
    assert rows[0]["qualified_name"] == "shop.cart.Cart.add"
    missing = _run("symbols", str(FIXTURES / "pyshop"), "zzzzqqq")
    assert missing.returncode == 1
    assert "no symbol matches" in missing.stderr


def test_doctor() -> None:
    done = _run("doctor", "--format", "json")
    assert done.returncode == 0, done.stdout
    info = json.loads(done.stdout)
    assert info["packages"]["tree-sitter"] == "0.25.2"
    assert info["packages"]["tree-sitter-language-pack"] == "0.13.0"
    assert info["grammars"]["python"]["status"] == "ok"


def test_usage_errors() -> None:
    done = _run("index", "/definitely/not/here")
    assert done.returncode == 2
    assert "is not a folder" in done.stderr
    assert _run().returncode == 2
    assert _run("serve", "--tcp", "--port", "0").returncode == 2


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _frame(message: dict[str, object]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _read(stream: socket.socket) -> dict[str, object]:
    data = b""
    while b"\r\n\r\n" not in data:
        data += stream.recv(4096)
    head, _, rest = data.partition(b"\r\n\r\n")
    length = int(head.split(b":")[1])
    while len(rest) < length:
        rest += stream.recv(4096)
    result: dict[str, object] = json.loads(rest[:length])
    return result


def test_serve_over_tcp_on_loopback() -> None:
    port = _free_port()
    server = subprocess.Popen(
        [*HIVE, "serve", "--tcp", "--port", str(port)], stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(100):
            try:
                conn = socket.create_connection(("127.0.0.1", port), timeout=30)
                break
            except OSError:
                time.sleep(0.1)
        with conn:
            conn.sendall(
                _frame(
                    {
                        "jsonrpc": "2.0",
                        "id": 1,
                        "method": "initialize",
                        "params": {
                            "processId": None,
                            "rootUri": uri(FIXTURES / "pyshop"),
                            "capabilities": {},
                        },
                    }
                )
            )
            answer = _read(conn)
            assert answer["id"] == 1
            assert answer["result"]["serverInfo"]["name"] == "hive-ls"  # type: ignore[index]
            conn.sendall(_frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
            while _read(conn).get("id") != 2:
                pass
            conn.sendall(_frame({"jsonrpc": "2.0", "method": "exit"}))
        assert server.wait(timeout=30) == 0
    finally:
        server.kill()


def test_serve_accepts_stdio_flag() -> None:
    # clients such as vscode-languageclient add --stdio; it names the default channel
    init: dict[str, object] = {"processId": None, "rootUri": None, "capabilities": {}}
    messages: list[dict[str, object]] = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": init},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    done = subprocess.run(
        [*HIVE, "serve", "--stdio"],
        input=b"".join(_frame(m) for m in messages),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b'"name": "hive-ls"' in done.stdout or b'"name":"hive-ls"' in done.stdout
    assert _run("serve", "--stdio", "--tcp").returncode == 2
