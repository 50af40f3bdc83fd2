"""PHP name resolution on ``tests/fixtures/phpshop``: namespaces, ``use``, ``$this``, locals."""

from __future__ import annotations

from tests.helpers import FIXTURES
from tests.resolution.workspace import defs, load, refs

ROOT = FIXTURES / "phpshop"


def test_class_through_aliased_use() -> None:
    snap = load(ROOT)
    assert defs(snap, "app.php", "ShopCart(") == ["src/Shop/Cart.php:12:7"]
    assert defs(snap, "app.php", "Cart as") == ["src/Shop/Cart.php:12:7"]
    assert defs(snap, "app.php", "new Invoice", shift=4) == ["src/Shop/Invoice.php:8:7"]


def test_namespace_inside_use_statement() -> None:
    assert defs(load(ROOT), "app.php", "Shop\\Cart") == ["src/Shop/Cart.php:1:1"]


def test_imported_functions_and_function_alias() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/Shop/Cart.php", "price($item)") == ["src/Util/pricing.php:9:10"]
    assert defs(snap, "src/Shop/Cart.php", "taxed(") == ["src/Util/pricing.php:14:10"]


def test_global_namespace_fallback_for_functions() -> None:
    assert defs(load(ROOT), "app.php", "format_money") == ["src/helpers.php:6:10"]


def test_namespace_constant() -> None:
    found = defs(load(ROOT), "src/Util/pricing.php", "= TAX_RATE", shift=2)
    assert found == ["src/Util/pricing.php:7:7"]


def test_locals_typed_by_new() -> None:
    snap = load(ROOT)
    assert defs(snap, "app.php", "$cart->total", shift=7) == ["src/Shop/Cart.php:28:21"]
    assert defs(snap, "app.php", "$invoice->total", shift=10) == ["src/Shop/Invoice.php:14:21"]
    assert defs(snap, "app.php", "add('pear'") == ["src/Shop/Cart.php:22:21"]


def test_this_self_and_inherited_members() -> None:
    snap = load(ROOT)
    cart = "src/Shop/Cart.php"
    assert defs(snap, cart, "$this->total", shift=7) == ["src/Shop/Cart.php:28:21"]
    assert defs(snap, cart, "$this->save", shift=7) == ["src/Models/Model.php:10:21"]
    assert defs(snap, cart, "$this->items[]", shift=7) == ["src/Shop/Cart.php:14:20"]
    assert defs(snap, cart, "self::$created;", shift=8) == ["src/Shop/Cart.php:15:24"]
    assert defs(snap, "app.php", "ShopCart::created", shift=10) == ["src/Shop/Cart.php:43:28"]
    found = defs(snap, "src/Models/Model.php", "$this->validate", shift=7)
    assert found == ["src/Models/Model.php:15:24"]


def test_local_variables() -> None:
    snap = load(ROOT)
    assert defs(snap, "app.php", "$cart->add", shift=1) == ["app.php:14:5"]
    assert defs(snap, "src/Shop/Cart.php", "$qty;", shift=1) == ["src/Shop/Cart.php:31:42"]
    # the function's $total shadows the script's global $total
    assert defs(snap, "app.php", "return $total", shift=8) == ["app.php:24:5"]


def test_references_of_a_method_exclude_same_named_methods() -> None:
    found = refs(load(ROOT), "src/Shop/Cart.php", "function total", shift=9)
    assert found == ["app.php:16:30", "src/Shop/Cart.php:28:21", "src/Shop/Cart.php:40:23"]


def test_references_of_a_function_cover_use_and_calls() -> None:
    snap = load(ROOT)
    assert refs(snap, "src/Util/pricing.php", "function price", shift=9) == [
        "src/Shop/Cart.php:6:23",
        "src/Shop/Cart.php:32:26",
        "src/Util/pricing.php:9:10",
    ]
    assert refs(snap, "src/helpers.php", "function format_money", shift=9) == [
        "app.php:16:10",
        "src/helpers.php:6:10",
    ]


def test_references_of_locals_and_globals_stay_apart() -> None:
    snap = load(ROOT)
    assert refs(snap, "app.php", "$total = 1") == ["app.php:24:5", "app.php:25:12"]
    assert refs(snap, "app.php", "$total = main") == ["app.php:10:1"]
    assert refs(snap, "src/Shop/Cart.php", "$subtotal = 0") == [
        "src/Shop/Cart.php:30:9",
        "src/Shop/Cart.php:32:13",
        "src/Shop/Cart.php:34:22",
    ]


def test_references_of_properties() -> None:
    snap = load(ROOT)
    found = refs(snap, "src/Shop/Cart.php", "$items = ", shift=1)
    assert found == ["src/Shop/Cart.php:24:16", "src/Shop/Cart.php:31:25"]
    assert refs(snap, "src/Shop/Cart.php", "$created = ") == [
        "src/Shop/Cart.php:15:24",
        "src/Shop/Cart.php:19:15",
        "src/Shop/Cart.php:45:22",
    ]


def test_references_of_an_inherited_method() -> None:
    found = refs(load(ROOT), "src/Models/Model.php", "function save", shift=9, declaration=False)
    assert found == ["src/Shop/Cart.php:39:16"]


def test_names_in_comments_are_not_references() -> None:
    found = refs(load(ROOT), "src/Shop/Cart.php", "class Cart", shift=6)
    assert found == ["app.php:5:14", "src/Shop/Cart.php:12:7"]  # not Invoice.php's comment


def test_unknown_name_has_no_definition() -> None:
    assert defs(load(ROOT), "src/helpers.php", "number_format") == []
