"""AI code actions end to end: the real server over stdio, a real OpenAI-compatible HTTP server.

The HTTP server (``tests/openai_stub.py``) answers with scripted replies, so each test decides
what the "models" say: good edits, edits that do not parse, 429s, slow answers, garbage.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.helpers import FIXTURES, where
from tests.lsp.conftest import SERVER, open_file, start
from tests.openai_stub import Delay, OpenAIStub, Status

CHECKOUT_DOC = '''```python
    def checkout(self):
        """Validate the cart, save it and return its total."""
        if not validate(self):
            raise ValueError("invalid cart")
        self.save()
        return self.total()
```
'''
BROKEN = "```python\n    def checkout(self:\n        return (\n```\n"


@pytest.fixture(scope="module")
def stub() -> AsyncIterator[OpenAIStub]:
    with OpenAIStub(default="(no script)") as api:
        yield api


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, tmp_path: Path, stub: OpenAIStub):
    root = tmp_path / "pyshop"
    shutil.copytree(FIXTURES / "pyshop", root)
    options = {
        "llm": {
            "endpoint": stub.url,
            "models": {"generator": ["gen-a", "gen-b"]},
            "fanout": 2,
            "retries": 2,
            "backoff_s": 0.01,
            "temperatures": {"generator": 0.0},
        }
    }
    stub.reset()
    await start(lsp_client, root, options={"hive-ls": options})
    lsp_client.root = root  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


def _cart(client: LanguageClient) -> Path:
    path: Path = client.root / "shop" / "cart.py"  # type: ignore[attr-defined]
    open_file(client, path)
    return path


async def _actions(
    client: LanguageClient, path: Path, needle: str
) -> list[lsp.CodeAction | lsp.Command]:
    doc, pos = where(path, needle)
    found = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=doc),
            range=lsp.Range(pos, pos),
            context=lsp.CodeActionContext(diagnostics=[]),
        )
    )
    return list(found or [])  # explain comes as a command (lsprotocol's client reads it so)


def _titled(actions: list[lsp.CodeAction | lsp.Command], start: str) -> lsp.CodeAction:
    found = next(a for a in actions if a.title.startswith(start))
    assert isinstance(found, lsp.CodeAction)
    return found


def _new_text(action: lsp.CodeAction) -> str:
    assert action.edit is not None and action.edit.document_changes
    change = action.edit.document_changes[0]
    assert isinstance(change, lsp.TextDocumentEdit)
    return "".join(e.new_text for e in change.edits)


async def test_listing_actions_calls_no_model(client: LanguageClient, stub: OpenAIStub) -> None:
    actions = await _actions(client, _cart(client), "if not validate")
    titles = [a.title for a in actions]
    assert "AI: explain checkout" in titles
    assert "AI: add a docstring to checkout" in titles
    assert not stub.chat(), "listing code actions must not call a model"


async def test_resolve_runs_the_pipeline_and_returns_a_checked_edit(
    client: LanguageClient, stub: OpenAIStub
) -> None:
    stub.script("gen-a", Status(429, retry_after=0), CHECKOUT_DOC)  # a retry, then an answer
    stub.script("gen-b", BROKEN)  # does not parse: rejected, never offered
    action = _titled(await _actions(client, _cart(client), "if not validate"), "AI: add a doc")
    resolved = await client.code_action_resolve_async(action)
    assert '"""Validate the cart, save it and return its total."""' in _new_text(resolved)
    annotation = resolved.edit.change_annotations["hive-ls-ai"]  # type: ignore[union-attr,index]
    assert annotation.needs_confirmation
    assert "reject" in annotation.description.lower() or "1" in annotation.description
    assert len(stub.chat("gen-a")) == 2 and len(stub.chat("gen-b")) == 1


async def test_every_candidate_broken_means_no_edit(
    client: LanguageClient, stub: OpenAIStub
) -> None:
    stub.script("gen-a", BROKEN)
    stub.script("gen-b", "I cannot help with that.")
    action = _titled(await _actions(client, _cart(client), "if not validate"), "AI: add a doc")
    with pytest.raises(Exception, match="no valid change"):
        await client.code_action_resolve_async(action)
    doc, pos = where(_cart(client), "validate(self)")
    hover = await client.text_document_hover_async(  # the server is still answering
        lsp.HoverParams(lsp.TextDocumentIdentifier(uri=doc), pos)
    )
    assert hover is not None


async def test_a_slow_model_can_be_cancelled(client: LanguageClient, stub: OpenAIStub) -> None:
    stub.script("gen-a", Delay(30, CHECKOUT_DOC))
    stub.script("gen-b", Delay(30, CHECKOUT_DOC))
    action = _titled(await _actions(client, _cart(client), "if not validate"), "AI: add a doc")
    task = asyncio.ensure_future(client.code_action_resolve_async(action))
    await asyncio.sleep(1.0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    loop = asyncio.get_running_loop()
    began = loop.time()
    status = await client.protocol.send_request_async("hive/status", {})
    assert status.files > 0 and loop.time() - began < 2.0


async def test_context_request(client: LanguageClient) -> None:
    doc, pos = where(_cart(client), "subtotal = sum")
    found: Any = await client.protocol.send_request_async(
        "hive/context", {"textDocument": {"uri": doc}, "position": pos, "budget": 400}
    )
    assert found.target.qname.endswith("Cart.total")
    assert found.tokens <= 400
    roles = {item.role for item in found.items}
    assert roles & {"callee", "caller", "test"}
    assert "def total(self)" in found.text


def _change(client: LanguageClient, doc: str, version: int, at: lsp.Position, text: str) -> None:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=doc, version=version),
            content_changes=[
                lsp.TextDocumentContentChangePartial(range=lsp.Range(at, at), text=text)
            ],
        )
    )


async def _complete(client: LanguageClient, doc: str, at: lsp.Position) -> lsp.CompletionList:
    found = await client.text_document_completion_async(
        lsp.CompletionParams(text_document=lsp.TextDocumentIdentifier(uri=doc), position=at)
    )
    assert isinstance(found, lsp.CompletionList)
    return found


async def test_completion_is_instant_and_an_ai_item_joins_when_ready(
    client: LanguageClient, stub: OpenAIStub
) -> None:
    path = _cart(client)
    stub.script("gen-a", Delay(1.0, "```python\nself.items.clear()\n```"))
    doc, at = where(path, "self.save()")  # complete `self.` members here
    at = lsp.Position(at.line, at.character + len("self."))
    first = await _complete(client, doc, at)
    labels = [i.label for i in first.items]
    assert "save" in labels and "items" in labels  # names, with no model call needed
    assert first.is_incomplete and not any(label.startswith("✨") for label in labels)
    for _ in range(50):
        later = await _complete(client, doc, at)
        if later.items and later.items[0].label.startswith("✨"):
            assert later.items[0].insert_text == "self.items.clear()"
            break
        await asyncio.sleep(0.1)
    else:
        raise AssertionError("the AI suggestion never joined the list")


async def test_a_suggestion_for_an_older_version_is_dropped(
    client: LanguageClient, stub: OpenAIStub
) -> None:
    path = _cart(client)

    def answer(request: dict[str, Any]) -> Any:  # by version: which call arrives first is luck
        edited = "# edited" in json.dumps(request)
        return "fresh_one()" if edited else Delay(1.0, "```python\nstale_suggestion()\n```")

    stub.script("gen-a", answer, answer)
    doc, at = where(path, "self.save()")
    await _complete(client, doc, at)  # starts the slow call for version 1
    _change(client, doc, 2, lsp.Position(0, 0), "# edited\n")  # the document moves on
    moved = lsp.Position(at.line + 1, at.character)
    inline = await client.text_document_inline_completion_async(
        lsp.InlineCompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=doc),
            position=moved,
            context=lsp.InlineCompletionContext(
                trigger_kind=lsp.InlineCompletionTriggerKind.Invoked
            ),
        )
    )
    texts = [
        i.insert_text
        for i in (inline.items if isinstance(inline, lsp.InlineCompletionList) else inline or [])
    ]
    assert texts == ["fresh_one()"], texts
    await asyncio.sleep(1.2)
    again = await _complete(client, doc, moved)
    assert not any("stale_suggestion" in (i.insert_text or "") for i in again.items)
