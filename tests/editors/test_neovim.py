"""editors/neovim with a real headless Neovim 0.11 driving the real hive-ls.

Workspace: a copy of tests/fixtures/pyshop; `settings` exclude app.py, which proves that
Neovim's settings reach the server. Features the server does not advertise yet are skipped
with the name of the missing capability.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.editors.harness import run_nvim, workspace

SETTINGS = {"hive-ls": {"index": {"exclude": ["app.py"]}}}


@pytest.fixture(scope="module")
def nvim(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("neovim")
    ws = workspace(tmp)
    recorded = run_nvim(tmp, ws, settings=SETTINGS, expect_files=5)
    recorded["ws"] = ws
    return recorded


def test_attaches_with_the_shipped_config(nvim: dict[str, Any]) -> None:
    attach = nvim["attach"]
    assert attach["name"] == "hive_ls"
    assert attach["cmd"] == ["hive-ls", "serve"]
    assert attach["filetype"] == "python"
    assert Path(attach["root_dir"]) == nvim["ws"]
    assert attach["server_info"]["name"] == "hive-ls"


def test_settings_reach_the_server(nvim: dict[str, Any]) -> None:
    status = nvim["status"]
    assert status["indexing"]["complete"] is True
    assert status["files"] == 5, status  # app.py excluded by the Neovim settings
    assert status["languages"] == {"python": 5}


def test_document_symbols(nvim: dict[str, Any]) -> None:
    symbols = nvim["documentSymbol"]
    cart = next(s for s in symbols if s["name"] == "Cart")
    assert cart["kind"] == 5  # Class
    assert [c["name"] for c in cart["children"]] == ["__init__", "add", "total", "checkout"]


def test_definition(nvim: dict[str, Any]) -> None:
    found = nvim["definition"]
    found = found if isinstance(found, list) else [found]
    targets = [(d.get("uri") or d["targetUri"], d.get("range") or d["targetRange"]) for d in found]
    assert any(
        uri.endswith("/shop/pricing.py") and rng["start"]["line"] == 10 for uri, rng in targets
    ), targets


def test_call_hierarchy(nvim: dict[str, Any]) -> None:
    if not nvim["capabilities"]["callHierarchy"]:
        pytest.skip("the server does not advertise callHierarchyProvider")
    hierarchy = nvim["callHierarchy"]
    assert hierarchy["items"], "prepareCallHierarchy found nothing on with_tax"
    assert hierarchy["items"][0]["name"].endswith("with_tax")
    callers = [call["from"]["name"] for call in hierarchy["incoming"] or []]
    assert any("total" in name for name in callers), callers


def test_impact_request_and_command(nvim: dict[str, Any]) -> None:
    served = nvim["capabilities"]
    if "hive/impact" not in served["methods"]:
        pytest.skip("the server does not list hive/impact in experimental.hive.methods")
    impact = nvim["impact"]
    assert impact, "hive/impact answered nothing for with_tax"
    command = nvim["impactCommand"]
    assert command["asked"] is True
    texts = [item["text"] for item in command["quickfix"]]
    assert any(t.startswith("shop.cart.Cart.total (distance 1, calls)") for t in texts), texts
    assert any(t.startswith("test: test_cart.test_total") for t in texts), texts


def test_impact_through_the_server_command(nvim: dict[str, Any]) -> None:
    if "hive.impact" not in nvim["capabilities"]["commands"]:
        pytest.skip("the server does not list hive.impact in experimental.hive.commands")
    answer = nvim["impactViaCommand"]
    assert answer["target"]["qname"] == "shop.pricing.with_tax", answer
    assert "shop.cart.Cart.total" in [d["qname"] for d in answer["dependents"]], answer


def test_tests_for_file_command(nvim: dict[str, Any]) -> None:
    if "hive/testsFor" not in nvim["capabilities"]["methods"]:
        pytest.skip("the server does not list hive/testsFor in experimental.hive.methods")
    command = nvim["testsForCommand"]
    assert command["asked"] is True
    texts = [item["text"] for item in command["quickfix"]]
    assert any(t.startswith("test: test_cart.test_total") for t in texts), texts


def test_impact_command_says_when_not_served(nvim: dict[str, Any]) -> None:
    served = nvim["capabilities"]
    if "hive/impact" in served["methods"] or "hive.impact" in served["commands"]:
        pytest.skip("the server serves hive/impact: test_impact_request_and_command covers it")
    command = nvim["impactCommand"]
    assert command["asked"] is False
    assert command["quickfix"] == []
    assert any("does not serve hive/impact" in note["message"] for note in command["notes"])


def test_the_snippet_adds_its_commands(nvim: dict[str, Any]) -> None:
    assert nvim["userCommands"] == {"HiveImpact": 2, "HiveTestsFor": 2, "HiveStatus": 2}


def test_checkhealth_lists_the_config(nvim: dict[str, Any]) -> None:
    health = nvim["health"]
    assert "hive_ls" in health, health[:2000]
    assert "hive-ls" in health  # the cmd of the active client
