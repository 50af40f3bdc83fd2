"""The dependence graph on fixture workspaces with known call graphs, and on awkward code."""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

import pytest

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.base.edits import ByteEdit
from hive_ls.cli.workspace import index_folder
from hive_ls.features.graph_lookup import NoSuchTarget, key_for_qname
from hive_ls.features.impact import MAX_DEPENDENTS, impact
from hive_ls.features.test_selection import changed_keys
from hive_ls.graph.model import EdgeKind
from hive_ls.graph.traverse import MAX_NODES
from tests.helpers import FIXTURES


@cache
def built(root: Path) -> GraphSync:
    host, _ = index_folder(str(root), show_progress=False)
    host.graph.sync(host.snapshot())
    return host.graph


def edges(sync: GraphSync, *kinds: EdgeKind) -> set[tuple[str, str, str]]:
    """Resolved edges of ``kinds`` as (kind, source qname, target qname), guesses left out."""
    return {
        (edge.kind.value, a.qname, b.qname)
        for a, b, edge in sync.graph.edges()
        if edge.kind in kinds and not b.key.startswith("?") and not edge.guess
    }


PYTHON = {
    ("calls", "app.main", "shop.cart.Cart"),
    ("calls", "app.main", "shop.cart.Cart.add"),
    ("calls", "app.main", "shop.cart.Cart.checkout"),
    ("calls", "app.main", "shop.pricing.price"),
    ("calls", "app.main", "shop.pricing.with_tax"),
    ("calls", "shop.base.Model.save", "shop.base.validate"),
    ("calls", "shop.cart.Cart.checkout", "shop.base.Model.save"),
    ("calls", "shop.cart.Cart.checkout", "shop.base.validate"),
    ("calls", "shop.cart.Cart.checkout", "shop.cart.Cart.total"),
    ("calls", "shop.cart.Cart.total", "shop.pricing.price"),
    ("calls", "shop.cart.Cart.total", "shop.pricing.with_tax"),
    ("calls", "test_cart.test_add", "shop.cart.Cart"),
    ("calls", "test_cart.test_add", "shop.cart.Cart.add"),
    ("calls", "test_cart.test_total", "shop.cart.Cart"),
    ("calls", "test_cart.test_total", "shop.cart.Cart.add"),
    ("calls", "test_cart.test_total", "shop.cart.Cart.total"),
    ("inherits", "shop.cart.Cart", "shop.base.Model"),
}
TYPESCRIPT = {
    ("calls", "src.core.entity.Model.save", "src.core.entity.Model.describe"),
    ("calls", "src.main.run", "src.money.withTax"),
    ("calls", "src.main.run", "src.orders.order.Order"),
    ("calls", "src.main.run", "src.orders.order.Order.add"),
    ("calls", "src.main.run", "src.orders.order.Order.checkout"),
    ("calls", "src.main.run", "src.orders.order.Order.total"),
    ("calls", "src.main.summary", "src.main.total"),
    ("calls", "src.main.summary", "src.orders.order.Order.total"),
    ("calls", "src.orders.order.Order.checkout", "src.core.entity.Model.save"),
    ("calls", "src.orders.order.Order.checkout", "src.core.entity.Repository.store"),
    ("calls", "src.orders.order.Order.describe", "src.money.Currency.format"),
    ("calls", "src.orders.order.Order.describe", "src.orders.order.Order.total"),
    ("calls", "src.orders.order.Order.total", "src.money.withTax"),
    ("calls", "src.ui.CartView.CartView", "src.main.summary"),
    ("calls", "src.ui.CartView.CartView", "src.orders.order.Order.checkout"),
    ("calls", "src.ui.CartView.CartView", "src.ui.Button.Button"),
    ("calls", "src.ui.CartView.Checkout", "src.ui.CartView.CartView"),
    ("inherits", "src.core.entity.Model", "src.core.entity.Entity"),
    ("inherits", "src.orders.order.Order", "src.core.entity.Model"),
    ("inherits", "src.ui.CartView.CartViewProps", "src.ui.Button.ButtonProps"),
}
GO = {
    ("calls", "main.fill", "store.Cart.Add"),
    ("calls", "main.main", "main.fill"),
    ("calls", "main.main", "main.report"),
    ("calls", "main.main", "pricing.Add"),
    ("calls", "main.main", "pricing.WithTax"),
    ("calls", "main.main", "store.NewCart"),
    ("calls", "main.main", "store.Wishlist.Add"),
    ("calls", "main.report", "main.quiet"),
    ("calls", "main.report", "store.Cart.Total"),
    ("calls", "store.Base.Save", "store.Validate"),
    ("calls", "store.Cart.Checkout", "store.Base.Save"),
    ("calls", "store.Cart.Checkout", "store.Cart.Total"),
    ("calls", "store.Cart.Checkout", "store.Validate"),
    ("calls", "store.Cart.Total", "pricing.Price"),
    ("calls", "store.Cart.Total", "pricing.WithTax"),
    ("calls", "store.fill", "store.Cart.Add"),
    ("calls", "store.fill", "store.Cart.Checkout"),
    ("inherits", "store.Cart", "store.Base"),
}


@pytest.mark.parametrize(
    ("project", "expected"), [("pyshop", PYTHON), ("tsshop", TYPESCRIPT), ("goshop", GO)]
)
def test_known_call_graph(project: str, expected: set[tuple[str, str, str]]) -> None:
    """Exactly these calls and inheritances: nothing missing, nothing made up."""
    assert edges(built(FIXTURES / project), EdgeKind.CALLS, EdgeKind.INHERITS) == expected


def test_imports_and_unresolved_names_are_kept() -> None:
    sync = built(FIXTURES / "pyshop")
    imports = edges(sync, EdgeKind.IMPORTS)
    assert ("imports", "app", "shop.pricing.with_tax") in imports
    assert ("imports", "shop", "shop.cart.Cart") in imports  # the package re-exports Cart
    unresolved = {b.key for _, b, e in sync.graph.edges() if b.key.startswith("?")}
    assert {"?print", "?len", "??.append"} <= unresolved  # ?. : a member of an unknown value


def _workspace(tmp_path: Path, files: dict[str, str]) -> GraphSync:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return built.__wrapped__(tmp_path)  # type: ignore[attr-defined]


def test_cycles_end(tmp_path: Path) -> None:
    sync = _workspace(
        tmp_path,
        {
            "a.py": "from b import pong\n\ndef ping(n):\n"
            "    return pong(n - 1) if n else ping(0)\n",
            "b.py": "from a import ping\n\ndef pong(n):\n    return ping(n)\n",
        },
    )
    report = impact(sync, key_for_qname(sync, "a.ping"), depth=20)
    assert {d.item.qname for d in report.dependents} == {"b.pong", "a", "b"}


def test_huge_fan_in_is_bounded(tmp_path: Path) -> None:
    calls = "".join(f"def user{i}():\n    log('x')\n\n" for i in range(10_000))
    sync = _workspace(
        tmp_path,
        {"util.py": "def log(message):\n    pass\n", "many.py": "from util import log\n\n" + calls},
    )
    started = time.monotonic()
    report = impact(sync, key_for_qname(sync, "util.log"), depth=5)
    assert time.monotonic() - started < 30  # generous: it must end, not be fast here
    # the walk stops at MAX_NODES; the nearest MAX_DEPENDENTS are shown, the total is counted
    assert report.truncated and report.total == MAX_NODES
    assert len(report.dependents) == MAX_DEPENDENTS
    assert all(d.distance == 1 for d in report.dependents)


def test_dynamic_calls_names_defined_twice_and_broken_code(tmp_path: Path) -> None:
    sync = _workspace(
        tmp_path,
        {
            "m.py": (
                "def twice():\n    return 1\n\n"
                "def twice():\n    return 2\n\n"
                "def caller(obj):\n"
                "    getattr(obj, 'run')()\n"
                "    return twice()\n\n"
                "def broken(:\n    pass\n\n"
                "def after():\n    return caller(None)\n"
            )
        },
    )
    calls = edges(sync, EdgeKind.CALLS)
    assert ("calls", "m.caller", "m.twice") in calls
    assert ("calls", "m.after", "m.caller") in calls  # found past the syntax error
    twice = [n for n in sync.graph.nodes() if n.qname == "m.twice"]
    assert len(twice) == 2  # both definitions are nodes


def test_unknown_target_lists_close_matches() -> None:
    sync = built(FIXTURES / "pyshop")
    with pytest.raises(NoSuchTarget, match=r"did you mean shop\.cart\.Cart\.add"):
        key_for_qname(sync, "shop.cart.Cart.ad")
    with pytest.raises(NoSuchTarget, match=r"no definition is called 'nothing\.here\.at\.all'"):
        key_for_qname(sync, "nothing.here.at.all")


def test_a_changed_line_selects_the_innermost_definitions(tmp_path: Path) -> None:
    source = (
        "class Cart:\n"  # 1
        "    size = 0\n"  # 2
        "\n"  # 3
        "    def add(self):\n"  # 4
        "        return 1\n"  # 5
        "\n"  # 6
        "    def drop(self):\n"  # 7
        "        return 2\n"  # 8
    )
    sync = _workspace(tmp_path, {"cart.py": source})
    assert sync.snapshot is not None
    sync_path = next(p for p in sync.snapshot.files if p.endswith("/cart.py"))

    def changed(*ranges: tuple[int, int]) -> list[str]:
        keys = changed_keys(sync, {sync_path: list(ranges)})
        return sorted(sync.graph.node(k).qname for k in keys if sync.graph.node(k).qname)

    assert changed((5, 5)) == ["cart", "cart.Cart.add"]  # inside one method: not the class
    assert changed((2, 2)) == ["cart", "cart.Cart.size"]  # a field is a definition too
    assert changed((1, 1)) == ["cart", "cart.Cart"]  # the class's own line
    assert changed((5, 8)) == ["cart", "cart.Cart", "cart.Cart.add", "cart.Cart.drop"]
    assert changed((6, 6)) == ["cart", "cart.Cart"]  # a blank line between methods


def test_a_statement_typed_between_definitions_resolves_only_itself(tmp_path: Path) -> None:
    (tmp_path / "base.py").write_text(
        "class Base:\n    def run(self):\n        return 1\n\n\ndef helper():\n    return 2\n"
    )
    for n in range(20):
        (tmp_path / f"user{n}.py").write_text(
            "from base import Base, helper\n\n"
            f"class User{n}(Base):\n    def go(self):\n        return self.run() + helper()\n"
        )
    host, _ = index_folder(str(tmp_path), show_progress=False)
    sync = GraphSync()
    sync.sync(host.snapshot())
    path = str((tmp_path / "base.py").resolve())
    data = (tmp_path / "base.py").read_bytes()
    host.open(path, data, 1, "python")
    sync.sync(host.snapshot(), [path])
    at = data.index(b"def helper")
    host.change(path, 2, [ByteEdit(at, at, b"x\n\n")])  # a new top-level statement `x`
    assert sync.sync(host.snapshot(), [path]) <= 2  # that statement's piece, not the users
    current = host.document_bytes(path) or b""
    at = current.index(b"return 2")
    host.change(path, 3, [ByteEdit(at + 8, at + 8, b"0")])  # a body edit: `return 20`
    assert sync.sync(host.snapshot(), [path]) <= 2
