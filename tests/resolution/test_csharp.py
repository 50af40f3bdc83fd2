"""C# name resolution on ``tests/fixtures/csshop``: namespaces, usings, partial classes, bases."""

from __future__ import annotations

from tests.helpers import FIXTURES
from tests.resolution.workspace import defs, load, refs

ROOT = FIXTURES / "csshop"
PROGRAM = "App/Program.cs"
CART = "Shop/Cart.cs"
EVENTS = "Shop/Cart.Events.cs"
PRICES = "Shop/Prices.cs"
BASE = "Shop/Models/ModelBase.cs"
ITEM = "Shop/Models/Item.cs"


def test_type_from_a_namespace_opened_by_using() -> None:
    snap = load(ROOT)
    # a partial class is defined by each of its parts
    assert defs(snap, PROGRAM, "new Cart", shift=4) == [f"{EVENTS}:6:22", f"{CART}:7:22"]
    # a block namespace (Item.cs) is found like a file-scoped one (Cart.cs)
    assert defs(snap, PROGRAM, 'Item("apple"') == [f"{ITEM}:4:19"]
    assert defs(snap, PRICES, "Item item") == [f"{ITEM}:4:19"]


def test_namespace_inside_using_directive() -> None:
    assert defs(load(ROOT), PROGRAM, "using Acme.Shop;", shift=11) == [f"{EVENTS}:1:1"]


def test_using_alias() -> None:
    snap = load(ROOT)
    assert defs(snap, PROGRAM, "Tax.WithTax") == [f"{PRICES}:6:21"]
    assert defs(snap, PROGRAM, "Tax.WithTax", shift=4) == [f"{PRICES}:15:23"]
    assert defs(snap, PROGRAM, "Tax = ") == [f"{PRICES}:6:21"]


def test_type_of_the_same_namespace_needs_no_using() -> None:
    assert defs(load(ROOT), CART, "Prices.PriceOf", shift=7) == [f"{PRICES}:10:23"]


def test_partly_qualified_name_through_an_enclosing_namespace() -> None:
    # in namespace Acme.App, `Shop.Prices` is Acme.Shop.Prices
    snap = load(ROOT)
    assert defs(snap, PROGRAM, "Shop.Prices.WithTax", shift=5) == [f"{PRICES}:6:21"]
    assert defs(snap, PROGRAM, "Shop.Prices.WithTax", shift=12) == [f"{PRICES}:15:23"]


def test_method_through_typed_locals() -> None:
    snap = load(ROOT)
    # `var cart = new Cart(...)`
    assert defs(snap, PROGRAM, "cart.Add", shift=5) == [f"{CART}:23:17"]
    assert defs(snap, PROGRAM, "cart.Checkout", shift=5) == [f"{CART}:45:16"]
    # `Cart spare = Cart.Empty()`: the declared type, and an inherited method
    assert defs(snap, PROGRAM, "spare.Save", shift=6) == [f"{BASE}:20:17"]
    # parameters: record properties, positional and declared
    assert defs(snap, PRICES, "item.Cents", shift=5) == [f"{ITEM}:4:41"]
    assert defs(snap, PRICES, "item.IsFree", shift=5) == [f"{ITEM}:6:21"]


def test_static_method_through_its_class() -> None:
    assert defs(load(ROOT), PROGRAM, "Cart.Empty", shift=5) == [f"{CART}:18:24"]


def test_this_and_implicit_members() -> None:
    snap = load(ROOT)
    assert defs(snap, CART, "this.Total", shift=5) == [f"{CART}:30:16"]
    assert defs(snap, CART, "Owner = owner") == [f"{CART}:16:19"]
    assert defs(snap, CART, "Owner != null") == [f"{CART}:16:19"]


def test_members_of_the_other_part_of_a_partial_class() -> None:
    snap = load(ROOT)
    assert defs(snap, CART, "Notify(item)") == [f"{EVENTS}:10:18"]
    assert refs(snap, EVENTS, "void Notify", shift=5) == [f"{EVENTS}:10:18", f"{CART}:26:9"]


def test_inherited_members_and_bases() -> None:
    snap = load(ROOT)
    assert defs(snap, CART, "Save()") == [f"{BASE}:20:17"]
    assert defs(snap, CART, ": ModelBase", shift=2) == [f"{BASE}:10:23"]
    assert defs(snap, BASE, ": ISaveable", shift=2) == [f"{BASE}:4:18"]


def test_class_name_inside_its_own_body_is_the_class() -> None:
    snap = load(ROOT)
    assert defs(snap, CART, "new Cart", shift=4) == [f"{CART}:7:22"]
    assert defs(snap, CART, "static Cart", shift=7) == [f"{CART}:7:22"]


def test_locals_and_parameters_shadow_members() -> None:
    snap = load(ROOT)
    assert defs(snap, CART, "Owner = owner", shift=8) == [f"{CART}:11:24"]
    assert defs(snap, PROGRAM, "return ledger", shift=7) == [f"{PROGRAM}:24:17"]
    assert defs(snap, PROGRAM, "ledger.Add") == [f"{PROGRAM}:10:40"]
    assert defs(snap, CART, "PriceOf(item)", shift=8) == [f"{CART}:33:23"]


def test_references_of_a_static_method_cover_alias_qualified_and_plain_calls() -> None:
    found = refs(load(ROOT), PRICES, "int WithTax", shift=4)
    assert found == [
        f"{PROGRAM}:18:28",
        f"{PROGRAM}:19:68",
        f"{PROGRAM}:25:36",
        f"{CART}:37:23",
        f"{PRICES}:15:23",
    ]
    assert f"{PROGRAM}:39:20" not in found  # Ledger.WithTax is another method


def test_references_of_a_method_exclude_same_named_methods() -> None:
    # not Ledger.Add, not List.Add, not the words in Ledger's doc comment; the second call of
    # `cart.Add(...).Add(...)` is on a call's result, whose type is not known
    found = refs(load(ROOT), CART, "public Cart Add", shift=12)
    assert found == [f"{PROGRAM}:15:18", f"{CART}:23:17"]


def test_references_of_a_class_cover_usings_types_and_constructions() -> None:
    assert refs(load(ROOT), CART, "class Cart", shift=6) == [
        f"{PROGRAM}:14:28",
        f"{PROGRAM}:16:13",
        f"{PROGRAM}:16:26",
        f"{CART}:7:22",
        f"{CART}:18:19",
        f"{CART}:20:20",
        f"{CART}:23:12",
    ]


def test_references_of_an_inherited_method() -> None:
    found = refs(load(ROOT), BASE, "public bool Save", shift=12, declaration=False)
    assert found == [f"{PROGRAM}:17:19", f"{CART}:47:14"]


def test_references_of_a_local_stay_in_its_method() -> None:
    snap = load(ROOT)
    assert refs(snap, PROGRAM, "int ledger", shift=4) == [
        f"{PROGRAM}:24:17",
        f"{PROGRAM}:25:20",
        f"{PROGRAM}:25:44",
    ]
    assert refs(snap, PROGRAM, "Ledger ledger", shift=7) == [f"{PROGRAM}:10:40", f"{PROGRAM}:18:13"]


def test_unknown_name_has_no_definition() -> None:
    assert defs(load(ROOT), PROGRAM, "Console") == []
