"""Ruby name resolution on ``tests/fixtures/rbshop``: global constants, self, mixins, locals."""

from __future__ import annotations

from tests.helpers import FIXTURES
from tests.resolution.workspace import defs, load, refs

ROOT = FIXTURES / "rbshop"


def test_class_through_nested_constant_path() -> None:
    snap = load(ROOT)
    assert defs(snap, "app.rb", "Shop::Cart", shift=6) == ["lib/shop/cart.rb:6:9"]
    assert defs(snap, "app.rb", "Shop::Pricing.price", shift=15) == ["lib/shop/pricing.rb:6:14"]


def test_constant_alias() -> None:
    snap = load(ROOT)
    assert defs(snap, "app.rb", "Taxes.with_tax", shift=6) == ["lib/shop/pricing.rb:10:14"]
    assert defs(snap, "app.rb", "Taxes.with_tax") == ["lib/shop/pricing.rb:3:10"]


def test_top_level_method_from_another_file() -> None:
    assert defs(load(ROOT), "app.rb", "format_money(Taxes") == ["lib/shop/format.rb:2:5"]


def test_constant_of_an_enclosing_module() -> None:
    snap = load(ROOT)
    assert defs(snap, "lib/shop/cart.rb", "Pricing.price") == ["lib/shop/pricing.rb:3:10"]
    assert defs(snap, "lib/shop/cart.rb", "< Model", shift=2) == ["lib/shop/model.rb:4:9"]
    assert defs(snap, "lib/shop/model.rb", "raise Error", shift=6) == ["lib/shop/model.rb:19:3"]


def test_self_bare_and_inherited_methods() -> None:
    snap = load(ROOT)
    assert defs(snap, "lib/shop/cart.rb", "self.total", shift=5) == ["lib/shop/cart.rb:19:9"]
    assert defs(snap, "lib/shop/cart.rb", "save") == ["lib/shop/model.rb:5:9"]
    assert defs(snap, "lib/shop/model.rb", "validate!") == ["lib/shop/model.rb:10:9"]


def test_attribute_reader() -> None:
    snap = load(ROOT)
    assert defs(snap, "app.rb", "cart.owner", shift=5) == ["lib/shop/cart.rb:7:18"]
    assert defs(snap, "lib/shop/cart.rb", "items.sum") == ["lib/shop/cart.rb:7:26"]


def test_locals_and_block_parameters() -> None:
    snap = load(ROOT)
    assert defs(snap, "lib/shop/cart.rb", "(subtotal)", shift=1) == ["lib/shop/cart.rb:20:7"]
    assert defs(snap, "lib/shop/cart.rb", "* qty", shift=2) == ["lib/shop/cart.rb:20:37"]
    # a local lambda shadows the top-level method of the same name
    assert defs(snap, "app.rb", "format_money.call") == ["app.rb:16:3"]


def test_references_of_a_method_cover_alias_and_module_calls() -> None:
    found = refs(load(ROOT), "lib/shop/pricing.rb", "def self.with_tax", shift=9)
    assert found == ["app.rb:9:27", "lib/shop/cart.rb:21:15", "lib/shop/pricing.rb:10:14"]


def test_references_exclude_same_named_methods_and_locals() -> None:
    snap = load(ROOT)
    # Invoice#total and the local `total` in app.rb are other things
    assert refs(snap, "lib/shop/cart.rb", "def total", shift=4) == [
        "lib/shop/cart.rb:19:9",
        "lib/shop/cart.rb:26:12",
    ]
    assert refs(snap, "app.rb", "total = 1") == ["app.rb:15:3", "app.rb:17:21"]
    # the local lambda called format_money is not the method
    assert refs(snap, "lib/shop/format.rb", "def format_money", shift=4) == [
        "app.rb:9:8",
        "lib/shop/format.rb:2:5",
    ]


def test_references_of_a_module_include_its_alias() -> None:
    found = refs(load(ROOT), "lib/shop/pricing.rb", "module Pricing", shift=7)
    assert found == [
        "app.rb:4:15",
        "app.rb:9:48",
        "lib/shop/cart.rb:20:42",
        "lib/shop/cart.rb:21:7",
        "lib/shop/pricing.rb:3:10",
    ]


def test_references_of_an_inherited_method_and_an_attribute() -> None:
    snap = load(ROOT)
    found = refs(snap, "lib/shop/model.rb", "def save", shift=4, declaration=False)
    assert found == ["lib/shop/cart.rb:25:7"]
    # the declaration too: the name inside the symbol ``:owner`` is what attr_reader defines
    assert refs(snap, "lib/shop/cart.rb", ":owner", shift=1) == [
        "app.rb:10:13",
        "lib/shop/cart.rb:7:18",
    ]


def test_names_in_comments_are_not_references() -> None:
    found = refs(load(ROOT), "lib/shop/cart.rb", "class Cart", shift=6)
    assert found == ["app.rb:7:16", "lib/shop/cart.rb:6:9"]  # not the Cart in invoice.rb's comment


def test_unknown_name_has_no_definition() -> None:
    assert defs(load(ROOT), "app.rb", "puts") == []
