"""The dependence graph over stdio on ``tests/fixtures/pyshop``.

Call and type hierarchy, code lenses, ``hive/impact``, ``hive/testsFor`` and their commands,
kept current while editing.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.helpers import FIXTURES, position, uri
from tests.lsp.conftest import SERVER, start


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("graph") / "pyshop"
    shutil.copytree(FIXTURES / "pyshop", root)
    return root


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, workspace: Path):
    await start(lsp_client, workspace)
    yield
    await lsp_client.shutdown_session()


def _at(path: Path, needle: str, shift: int = 0) -> tuple[str, lsp.Position]:
    return uri(path), position(path.read_text(encoding="utf-8"), needle, shift=shift)


def _names(items: Any) -> list[str]:
    return sorted(i.name for i in items or [])


async def _prepare(
    client: LanguageClient, path: Path, needle: str, shift: int = 0
) -> lsp.CallHierarchyItem:
    doc, pos = _at(path, needle, shift)
    items = await client.text_document_prepare_call_hierarchy_async(
        lsp.CallHierarchyPrepareParams(
            text_document=lsp.TextDocumentIdentifier(uri=doc), position=pos
        )
    )
    assert items, f"no call hierarchy item at {needle!r}"
    return items[0]


async def test_incoming_and_outgoing_calls(client: LanguageClient, workspace: Path) -> None:
    item = await _prepare(client, workspace / "shop" / "cart.py", "def add", 4)
    assert item.name == "add"
    incoming = await client.call_hierarchy_incoming_calls_async(
        lsp.CallHierarchyIncomingCallsParams(item=item)
    )
    assert _names(i.from_ for i in incoming) == ["main", "test_add", "test_total"]
    main = next(i for i in incoming if i.from_.name == "main")
    assert len(main.from_ranges) == 2  # cart.add("apple", 2).add("pear")
    checkout = await _prepare(client, workspace / "shop" / "cart.py", "def checkout", 4)
    outgoing = await client.call_hierarchy_outgoing_calls_async(
        lsp.CallHierarchyOutgoingCallsParams(item=checkout)
    )
    assert _names(o.to for o in outgoing) == ["save", "total", "validate"]


async def test_prepare_on_a_call_site(client: LanguageClient, workspace: Path) -> None:
    item = await _prepare(client, workspace / "app.py", "taxed(10)")
    assert (item.name, Path(item.uri).name) == ("with_tax", "pricing.py")


async def test_prepare_on_a_library_call_is_no_workspace_function(
    client: LanguageClient, workspace: Path
) -> None:
    """`self.items.append(...)` inside `add` names list.append, not `add` (nor anything)."""
    cart = workspace / "shop" / "cart.py"
    doc, pos = _at(cart, "append((item")
    items = await client.text_document_prepare_call_hierarchy_async(
        lsp.CallHierarchyPrepareParams(
            text_document=lsp.TextDocumentIdentifier(uri=doc), position=pos
        )
    )
    assert not items
    # off any name, inside the body, the position is about the function around it
    item = await _prepare(client, cart, "self.items.append", -1)
    assert item.name == "add"


async def test_type_hierarchy(client: LanguageClient, workspace: Path) -> None:
    doc, pos = _at(workspace / "shop" / "cart.py", "class Cart", 6)
    items = await client.text_document_prepare_type_hierarchy_async(
        lsp.TypeHierarchyPrepareParams(
            text_document=lsp.TextDocumentIdentifier(uri=doc), position=pos
        )
    )
    assert _names(items) == ["Cart"]
    supers = await client.type_hierarchy_supertypes_async(
        lsp.TypeHierarchySupertypesParams(item=items[0])
    )
    assert _names(supers) == ["Model"]
    subs = await client.type_hierarchy_subtypes_async(
        lsp.TypeHierarchySubtypesParams(item=supers[0])
    )
    assert _names(subs) == ["Cart"]


async def test_code_lenses_count_callers_and_tests(client: LanguageClient, workspace: Path) -> None:
    lenses = await client.text_document_code_lens_async(
        lsp.CodeLensParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri(workspace / "shop" / "pricing.py"))
        )
    )
    assert len(lenses) == 2  # price, with_tax
    resolved = [await client.code_lens_resolve_async(lens) for lens in lenses]
    titles = sorted(lens.command.title for lens in resolved)
    # price: main and Cart.total call it; with_tax: main (as `taxed`) and Cart.total; the
    # only test reaching either is test_total (through Cart.total)
    assert titles == ["2 callers · 1 test", "2 callers · 1 test"]
    assert all(lens.command.command == "hive.impact" for lens in resolved)


async def test_impact_request(client: LanguageClient, workspace: Path) -> None:
    doc, pos = _at(workspace / "shop" / "pricing.py", "def price", 4)
    result = await client.protocol.send_request_async(
        "hive/impact",
        {
            "textDocument": {"uri": doc},
            "position": {"line": pos.line, "character": pos.character},
            "depth": 5,
        },
    )
    assert result.target.qname == "shop.pricing.price"
    dependents = [(d.qname, d.distance, d.via) for d in result.dependents]
    assert sorted(dependents[:2]) == [
        ("app.main", 1, "calls"),
        ("shop.cart.Cart.total", 1, "calls"),
    ]
    assert ("shop.cart.Cart.checkout", 2, "calls") in dependents
    checkout = next(d for d in result.dependents if d.qname == "shop.cart.Cart.checkout")
    assert list(checkout.reason) == [
        "shop.pricing.price",
        "shop.cart.Cart.total",
        "shop.cart.Cart.checkout",
    ]
    assert [t.testId for t in result.tests] == ["tests/test_cart.py::test_total"]
    down = await client.protocol.send_request_async(
        "hive/impact",
        {
            "textDocument": {"uri": doc},
            "position": {"line": pos.line, "character": pos.character},
            "direction": "down",
        },
    )
    assert [d.qname for d in down.dependents] == []  # price calls only builtins


async def test_impact_command_and_tests_for(client: LanguageClient, workspace: Path) -> None:
    doc, pos = _at(workspace / "shop" / "cart.py", "def add", 4)
    result = await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(
            command="hive.impact", arguments=[doc, {"line": pos.line, "character": pos.character}]
        )
    )
    assert {d["qname"] for d in result["dependents"]} >= {"app.main"}
    tests = await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(
            command="hive.testsFor", arguments=[doc, {"line": pos.line, "character": pos.character}]
        )
    )
    assert sorted(t["testId"] for t in tests["tests"]) == [
        "tests/test_cart.py::test_add",
        "tests/test_cart.py::test_total",
    ]
    by_file = await client.protocol.send_request_async(
        "hive/testsFor", {"uris": [uri(workspace / "shop" / "base.py")]}
    )
    # every test builds a Cart, and Cart inherits base.Model
    assert sorted(t.testId for t in by_file.tests) == [
        "tests/test_cart.py::test_add",
        "tests/test_cart.py::test_total",
    ]


async def test_bad_impact_params_get_clear_errors(client: LanguageClient, workspace: Path) -> None:
    doc, pos = _at(workspace / "shop" / "cart.py", "def add", 4)
    where = {
        "textDocument": {"uri": doc},
        "position": {"line": pos.line, "character": pos.character},
    }
    with pytest.raises(Exception, match="direction must be 'up' or 'down'"):
        await client.protocol.send_request_async("hive/impact", {**where, "direction": "left"})
    with pytest.raises(Exception, match="depth must be between 1 and 20"):
        await client.protocol.send_request_async("hive/impact", {**where, "depth": 99})
    with pytest.raises(Exception, match=r"expected \{textDocument"):
        await client.protocol.send_request_async("hive/impact", {"position": 3})
    with pytest.raises(Exception, match="not in a git repository"):
        await client.protocol.send_request_async("hive/testsFor", {"gitDiff": "no-such-rev"})


async def test_the_graph_follows_edits(client: LanguageClient, workspace: Path) -> None:
    pricing = workspace / "shop" / "pricing.py"
    text = pricing.read_text(encoding="utf-8")
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(
                uri=uri(pricing), language_id="python", version=1, text=text
            )
        )
    )
    end = position(text, "return amount * (1 + rate)", shift=len("return amount * (1 + rate)"))
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri(pricing), version=2),
            content_changes=[
                lsp.TextDocumentContentChangePartial(
                    range=lsp.Range(end, end),
                    text="\n\n\ndef discount(item):\n    return price(item) / 2\n",
                )
            ],
        )
    )
    item = await _prepare(client, pricing, "def price", 4)
    incoming = await client.call_hierarchy_incoming_calls_async(
        lsp.CallHierarchyIncomingCallsParams(item=item)
    )
    assert "discount" in _names(i.from_ for i in incoming)
