"""C++ name resolution on ``tests/fixtures/cppshop``: namespaces, out-of-line members, bases.

Names are global and qualified by their namespaces and classes (``shop::Cart::add`` is
``shop.Cart.add``); a member declared in its class and defined outside it is one entity.
"""

from __future__ import annotations

from tests.helpers import FIXTURES
from tests.resolution.workspace import defs, load, refs

ROOT = FIXTURES / "cppshop"
CART_H = "include/shop/cart.hpp"
MODEL_H = "include/shop/model.hpp"
PRICING_H = "include/shop/pricing.hpp"
CART = "src/cart.cpp"
MODEL = "src/model.cpp"
PRICING = "src/pricing.cpp"
MAIN = "src/main.cpp"

CART_CLASS = f"{CART_H}:10:7"
ADD = [f"{CART_H}:13:11", f"{CART}:8:13"]
TOTAL = [f"{CART_H}:14:12", f"{CART}:15:14"]
SAVE = [f"{MODEL_H}:9:10", f"{MODEL}:5:13"]
PRICE = [f"{PRICING_H}:7:8", f"{PRICING}:5:8"]
WITH_TAX = [f"{PRICING_H}:8:8", f"{PRICING}:9:8"]


def test_class_through_a_using_declaration() -> None:
    snap = load(ROOT)
    assert defs(snap, MAIN, "Cart cart") == [CART_CLASS]
    assert defs(snap, MAIN, "Cart;") == [CART_CLASS]
    assert defs(snap, MAIN, "shop::Cart;", shift=6) == [CART_CLASS]


def test_class_name_before_its_members_is_the_class_not_its_constructor() -> None:
    assert defs(load(ROOT), CART, "Cart::add") == [CART_CLASS]


def test_namespace_alias() -> None:
    snap = load(ROOT)
    assert defs(snap, MAIN, "with_tax(cart") == WITH_TAX
    # the namespace it stands for: a block in the header, `shop::pricing` in the source
    assert defs(snap, MAIN, "pr::") == [f"{PRICING_H}:5:11", f"{PRICING}:3:17"]


def test_fully_qualified_call() -> None:
    snap = load(ROOT)
    assert defs(snap, MAIN, 'price("x")') == PRICE
    assert defs(snap, MAIN, "pricing::price") == [f"{PRICING_H}:5:11", f"{PRICING}:3:17"]


def test_namespace_member_seen_from_inside_the_namespace() -> None:
    snap = load(ROOT)
    assert defs(snap, CART, "pricing::price", shift=9) == PRICE
    assert defs(snap, CART, "validate(") == [f"{MODEL_H}:16:6", f"{MODEL}:9:6"]


def test_method_declared_in_its_class_and_defined_outside() -> None:
    snap = load(ROOT)
    assert defs(snap, MAIN, "cart.add", shift=5) == ADD
    # on either declaration: both
    assert defs(snap, CART, "Cart::add", shift=6) == ADD
    assert defs(snap, CART_H, "add(const") == ADD


def test_method_through_typed_locals_and_parameters() -> None:
    snap = load(ROOT)
    assert defs(snap, MAIN, "cart->total", shift=6) == TOTAL
    assert defs(snap, MAIN, "cart.id", shift=5) == [f"{MODEL_H}:10:9"]
    assert defs(snap, MODEL, "model.id", shift=6) == [f"{MODEL_H}:10:9"]


def test_type_alias_and_pointer_local() -> None:
    snap = load(ROOT)
    assert defs(snap, MAIN, "Basket*") == [f"{MAIN}:7:7"]
    # Basket* spare = new Basket(...): Basket stands for Cart, whose base declares save
    assert defs(snap, MAIN, "spare->save", shift=7) == SAVE


def test_this_and_implicit_members_in_members_defined_outside_their_class() -> None:
    snap = load(ROOT)
    assert defs(snap, CART, "this->total", shift=6) == TOTAL
    assert defs(snap, CART, "items_.push_back") == [f"{CART_H}:21:30"]
    assert defs(snap, CART, "owner_.empty") == [f"{CART_H}:20:17"]
    assert defs(snap, CART, "owner_(owner)") == [f"{CART_H}:20:17"]
    # void shop::Cart::clear() at file scope
    assert defs(snap, CART, "items_.clear") == [f"{CART_H}:21:30"]
    assert defs(snap, CART, "this->owner_", shift=6) == [f"{CART_H}:20:17"]


def test_inherited_members() -> None:
    snap = load(ROOT)
    assert defs(snap, CART_H, "public Model", shift=7) == [f"{MODEL_H}:6:7"]
    assert defs(snap, CART, "this->save", shift=6) == SAVE


def test_locals_and_parameters() -> None:
    snap = load(ROOT)
    assert defs(snap, CART, "owner_(owner)", shift=7) == [f"{CART}:6:24"]
    assert defs(snap, CART, "price(sku)", shift=6) == [f"{CART}:17:22"]
    assert defs(snap, CART, "subtotal +=") == [f"{CART}:16:12"]
    # a local that shadows the global `orders`
    assert defs(snap, MAIN, "return orders", shift=7) == [f"{MAIN}:26:9"]
    assert defs(snap, MAIN, "++orders", shift=2) == [f"{MAIN}:10:5"]


def test_references_of_a_method_join_declaration_and_definition() -> None:
    snap = load(ROOT)
    expected = [*ADD, f"{MAIN}:18:10", f"{MAIN}:21:14"]
    assert refs(snap, CART_H, "add(const") == expected
    assert refs(snap, CART, "Cart::add", shift=6) == expected


def test_references_leave_out_same_named_names() -> None:
    snap = load(ROOT)
    # the free function add is not the method
    assert refs(snap, MAIN, "int add", shift=4) == [f"{MAIN}:31:5"]
    # the global orders is not the local that shadows it
    assert refs(snap, MAIN, "int orders = 0", shift=4) == [f"{MAIN}:10:5", f"{MAIN}:32:7"]


def test_references_of_a_namespace_function() -> None:
    assert refs(load(ROOT), PRICING_H, "with_tax") == [
        f"{PRICING_H}:8:8",
        f"{CART}:20:21",
        f"{MAIN}:13:16",
        f"{PRICING}:9:8",
    ]


def test_references_of_an_inherited_method_through_this_and_an_alias() -> None:
    assert refs(load(ROOT), MODEL_H, "save()") == [
        f"{MODEL_H}:9:10",
        f"{CART}:27:11",
        f"{MAIN}:25:12",
        f"{MODEL}:5:13",
    ]


def test_references_of_a_field_used_implicitly() -> None:
    assert refs(load(ROOT), CART_H, "items_;", declaration=False) == [
        f"{CART_H}:17:39",
        f"{CART}:10:9",
        f"{CART}:17:28",
        f"{CART}:34:5",
    ]


def test_references_of_a_class() -> None:
    found = refs(load(ROOT), CART_H, "class Cart", shift=6)
    assert f"{MAIN}:7:22" in found  # using Basket = shop::Cart;
    assert f"{CART}:6:1" in found  # Cart::Cart(...)
    assert f"{CART}:6:7" not in found  # ... whose second Cart is the constructor
    assert f"{CART_H}:12:14" not in found  # explicit Cart(...); declares the constructor


def test_standard_library_names_resolve_to_nothing() -> None:
    snap = load(ROOT)
    assert defs(snap, MAIN, "std::printf", shift=5) == []
    assert defs(snap, CART, "push_back") == []
    # std:: is outside the workspace: its size is not the size of Cart
    assert defs(snap, MAIN, "std::size(", shift=5) == []
    assert all(not found.startswith(f"{MAIN}:") for found in refs(snap, CART_H, "size() const"))
