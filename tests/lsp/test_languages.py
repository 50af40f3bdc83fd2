"""Every language end to end over stdio: one server, every fixture project as a workspace folder.

For each language: the outline of a file, and a go-to-definition that crosses files through an
import, both answered through the protocol with UTF-16 positions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.helpers import FIXTURES, uri, where
from tests.lsp.conftest import SERVER, accept_registrations, wait_indexed

JAVA = "src/main/java/com/acme"
# language: (project, file, language id, needle, shift, definition "file:line:column")
CASES = {
    "python": ("pyshop", "app.py", "python", "taxed(10)", 0, "shop/pricing.py:11:5"),
    "javascript": (
        "jsshop",
        "src/app.js",
        "javascript",
        "Cart(owner)",
        0,
        "src/models/cart.js:5:22",
    ),
    "typescript": ("tsshop", "src/main.ts", "typescript", "taxed(order", 0, "src/money.ts:6:17"),
    "tsx": (
        "tsshop",
        "src/ui/CartView.tsx",
        "typescriptreact",
        "<Button",
        1,
        "src/ui/Button.tsx:7:17",
    ),
    "go": ("goshop", "main.go", "go", "pr.WithTax", 3, "pricing/pricing.go:13:6"),
    "rust": ("rustshop", "src/cart.rs", "rust", "taxed(subtotal)", 0, "src/pricing/mod.rs:12:8"),
    "java": (
        "javashop",
        f"{JAVA}/app/Main.java",
        "java",
        "new Cart",
        4,
        f"{JAVA}/shop/Cart.java:9:14",
    ),
    "csharp": ("csshop", "App/Program.cs", "csharp", 'Item("apple"', 0, "Shop/Models/Item.cs:4:19"),
    "c": ("cshapes", "src/circle.c", "c", "c->radius = radius", 3, "include/circle.h:9:12"),
    "cpp": ("cppshop", "src/main.cpp", "cpp", "Cart cart", 0, "include/shop/cart.hpp:10:7"),
    "ruby": ("rbshop", "app.rb", "ruby", "Shop::Cart", 6, "lib/shop/cart.rb:6:9"),
    "php": ("phpshop", "app.php", "php", "new Invoice", 4, "src/Shop/Invoice.php:8:7"),
}
PROJECTS = sorted({case[0] for case in CASES.values()})


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    accept_registrations(lsp_client)
    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("neovim"),
            workspace_folders=[
                lsp.WorkspaceFolder(uri=uri(FIXTURES / p), name=p) for p in PROJECTS
            ],
        )
    )
    await wait_indexed(lsp_client)
    yield
    await lsp_client.shutdown_session()


def _relative(location: lsp.Location, project: str) -> str:
    path = Path(location.uri.removeprefix("file://")).relative_to((FIXTURES / project).resolve())
    start = location.range.start
    return f"{path}:{start.line + 1}:{start.character + 1}"


@pytest.mark.parametrize("language", sorted(CASES))
async def test_outline_and_definition(client: LanguageClient, language: str) -> None:
    project, relpath, language_id, needle, shift, expected = CASES[language]
    path = FIXTURES / project / relpath
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(
                uri=uri(path),
                language_id=language_id,
                version=1,
                text=path.read_text(encoding="utf-8"),
            )
        )
    )
    outline = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=lsp.TextDocumentIdentifier(uri=uri(path)))
    )
    assert outline, f"{relpath}: empty outline"
    doc, pos = where(path, needle, shift=shift)
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=lsp.TextDocumentIdentifier(uri=doc), position=pos)
    )
    assert [_relative(loc, project) for loc in found] == [expected]
