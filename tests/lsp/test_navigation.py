"""Navigation over stdio on ``tests/fixtures/pyshop``: symbols, definition, references, hover."""

from __future__ import annotations

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.helpers import FIXTURES, spots, where
from tests.lsp.conftest import SERVER, open_file, start

ROOT = FIXTURES / "pyshop"
CART = ROOT / "shop" / "cart.py"
APP = ROOT / "app.py"
PRICING = ROOT / "shop" / "pricing.py"


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    await start(lsp_client, ROOT)
    open_file(lsp_client, APP)
    yield
    await lsp_client.shutdown_session()


async def test_document_symbols_are_hierarchical(client: LanguageClient) -> None:
    result = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=lsp.TextDocumentIdentifier(uri=CART.as_uri()))
    )
    assert [s.name for s in result] == ["Cart"]
    cart = result[0]
    assert cart.kind == lsp.SymbolKind.Class
    assert [c.name for c in cart.children] == ["__init__", "add", "total", "checkout"]
    assert cart.children[1].detail == "def add(self, item, qty=1)"


async def test_definition_through_package_reexport(client: LanguageClient) -> None:
    uri, pos = where(APP, "Cart(owner)")
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos)
    )
    assert spots(found) == [("cart.py", 7, 6)]


async def test_definition_of_method_through_typed_local(client: LanguageClient) -> None:
    uri, pos = where(APP, "add(", shift=1)
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos)
    )
    assert spots(found) == [("cart.py", 14, 8)]


async def test_definition_of_inherited_method(client: LanguageClient) -> None:
    uri, pos = where(CART, "self.save", shift=5)
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos)
    )
    assert spots(found) == [("base.py", 6, 8)]


async def test_definition_through_alias_and_module_attribute(client: LanguageClient) -> None:
    uri, pos = where(APP, "taxed(10)")
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos)
    )
    assert spots(found) == [("pricing.py", 10, 4)]
    uri, pos = where(APP, 'price("x")')
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos)
    )
    assert spots(found) == [("pricing.py", 5, 4)]


async def test_references_across_files_exclude_a_local_of_the_same_name(
    client: LanguageClient,
) -> None:
    uri, pos = where(CART, "def add", shift=4)
    found = await client.text_document_references_async(
        lsp.ReferenceParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=pos,
            context=lsp.ReferenceContext(include_declaration=True),
        )
    )
    names = spots(found)
    assert ("cart.py", 14, 8) in names
    assert ("app.py", 9, 9) in names  # cart.add(...)
    assert ("test_cart.py", 5, 9) in names
    assert ("test_cart.py", 10, 23) in names  # Cart("bob").add, the only `add`
    assert not [n for n in names if n[0] == "app.py" and n[1] >= 14]  # the local `add`


async def test_hover_shows_signature_and_docstring(client: LanguageClient) -> None:
    uri, pos = where(APP, "taxed(10)")
    result = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos)
    )
    assert result is not None
    assert "def with_tax(amount, rate=TAX_RATE)" in result.contents.value
    assert "Add tax to ``amount``." in result.contents.value


async def test_workspace_symbol_ranks_exact_first(client: LanguageClient) -> None:
    found = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="cart"))
    assert found[0].name == "Cart"
    found = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="wtax"))
    assert found and found[0].name == "with_tax"


async def test_unknown_document_gets_a_clear_error(client: LanguageClient) -> None:
    with pytest.raises(Exception, match="not known to hive-ls"):
        await client.text_document_hover_async(
            lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri="file:///nowhere/x.py"),
                position=lsp.Position(0, 0),
            )
        )
