"""Java name resolution on ``tests/fixtures/javashop``: packages, imports, this, bases, locals."""

from __future__ import annotations

from tests.helpers import FIXTURES
from tests.resolution.workspace import defs, load, refs

ROOT = FIXTURES / "javashop"
SRC = "src/main/java/com/acme"
MAIN = f"{SRC}/app/Main.java"
CART = f"{SRC}/shop/Cart.java"
PRICES = f"{SRC}/shop/Prices.java"
BASE = f"{SRC}/shop/model/BaseModel.java"
ITEM = f"{SRC}/shop/model/Item.java"


def test_class_imported_from_another_package() -> None:
    snap = load(ROOT)
    assert defs(snap, MAIN, "Cart cart") == [f"{CART}:9:14"]
    assert defs(snap, MAIN, "new Cart", shift=4) == [f"{CART}:9:14"]
    assert defs(snap, MAIN, "Cart;") == [f"{CART}:9:14"]


def test_package_inside_import_statement() -> None:
    assert defs(load(ROOT), MAIN, "shop.Cart") == [f"{CART}:1:1"]


def test_static_import_of_a_method() -> None:
    snap = load(ROOT)
    assert defs(snap, MAIN, "withTax(10)") == [f"{PRICES}:16:23"]
    assert defs(snap, MAIN, "Prices.withTax", shift=7) == [f"{PRICES}:16:23"]


def test_wildcard_import_of_a_package() -> None:
    snap = load(ROOT)
    assert defs(snap, CART, "extends BaseModel", shift=8) == [f"{BASE}:4:23"]
    assert defs(snap, CART, "Item item)") == [f"{ITEM}:4:15"]


def test_class_of_the_same_package_needs_no_import() -> None:
    assert defs(load(ROOT), CART, "Prices.priceOf", shift=7) == [f"{PRICES}:12:23"]


def test_method_through_typed_locals() -> None:
    snap = load(ROOT)
    assert defs(snap, MAIN, "cart.add", shift=5) == [f"{CART}:22:17"]
    # declared with its type, initialised by a call whose result type is unknown
    assert defs(snap, MAIN, "spare.save", shift=6) == [f"{BASE}:12:20"]
    # a parameter's declared type: a record component reached through its accessor
    assert defs(snap, PRICES, "item.cents", shift=5) == [f"{ITEM}:4:37"]


def test_static_method_through_its_class() -> None:
    assert defs(load(ROOT), MAIN, "Cart.empty", shift=5) == [f"{CART}:18:24"]


def test_this_and_implicit_members() -> None:
    snap = load(ROOT)
    assert defs(snap, CART, "this.total", shift=5) == [f"{CART}:27:16"]
    assert defs(snap, CART, "this.owner", shift=5) == [f"{CART}:11:26"]
    assert defs(snap, CART, "owner != null") == [f"{CART}:11:26"]
    assert defs(snap, CART, "items.isEmpty") == [f"{CART}:10:30"]


def test_inherited_members() -> None:
    snap = load(ROOT)
    assert defs(snap, CART, "save()") == [f"{BASE}:12:20"]
    assert defs(snap, BASE, "validate() &&") == [f"{BASE}:16:32"]


def test_class_name_inside_its_own_body_is_the_class() -> None:
    snap = load(ROOT)
    assert defs(snap, CART, "new Cart", shift=4) == [f"{CART}:9:14"]
    assert defs(snap, CART, "static Cart", shift=7) == [f"{CART}:9:14"]


def test_locals_and_parameters_shadow_members() -> None:
    snap = load(ROOT)
    assert defs(snap, CART, "this.owner = owner", shift=13) == [f"{CART}:13:24"]
    assert defs(snap, MAIN, "return ledger", shift=7) == [f"{MAIN}:21:13"]
    assert defs(snap, MAIN, "ledger.add") == [f"{MAIN}:9:33"]
    assert defs(snap, CART, "priceOf(item)", shift=8) == [f"{CART}:29:19"]


def test_references_of_a_static_method_cover_import_and_calls() -> None:
    found = refs(load(ROOT), PRICES, "int withTax", shift=4)
    assert found == [
        f"{MAIN}:5:36",
        f"{MAIN}:16:20",
        f"{MAIN}:22:25",
        f"{CART}:32:23",
        f"{PRICES}:16:23",
    ]
    assert f"{MAIN}:34:9" not in found  # Ledger.withTax is another method


def test_references_of_a_method_exclude_same_named_methods() -> None:
    # not Ledger.add, not List.add, not the words "add" in Ledger's Javadoc; the second call of
    # `cart.add(...).add(...)` is on a call's result, whose type is not known
    found = refs(load(ROOT), CART, "public Cart add", shift=12)
    assert found == [f"{MAIN}:13:14", f"{CART}:22:17"]


def test_references_of_a_class_cover_imports_types_and_constructions() -> None:
    assert refs(load(ROOT), CART, "class Cart", shift=6) == [
        f"{MAIN}:3:22",
        f"{MAIN}:12:9",
        f"{MAIN}:12:25",
        f"{MAIN}:14:9",
        f"{MAIN}:14:22",
        f"{CART}:9:14",
        f"{CART}:18:19",
        f"{CART}:19:20",
        f"{CART}:22:12",
    ]


def test_references_of_an_inherited_method() -> None:
    found = refs(load(ROOT), BASE, "boolean save", shift=8, declaration=False)
    assert found == [f"{MAIN}:15:15", f"{CART}:41:14"]


def test_references_of_a_local_stay_in_its_method() -> None:
    assert refs(load(ROOT), MAIN, "int ledger", shift=4) == [
        f"{MAIN}:21:13",
        f"{MAIN}:22:16",
        f"{MAIN}:22:33",
    ]
    assert refs(load(ROOT), MAIN, "Ledger ledger", shift=7) == [f"{MAIN}:9:33", f"{MAIN}:16:9"]


def test_unknown_name_has_no_definition() -> None:
    assert defs(load(ROOT), MAIN, "System") == []
