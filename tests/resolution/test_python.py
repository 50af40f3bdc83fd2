"""Python name resolution on ``tests/fixtures/pyshop``: imports, re-exports, self, bases, locals."""

from __future__ import annotations

from tests.helpers import FIXTURES
from tests.resolution.workspace import defs, load, refs

ROOT = FIXTURES / "pyshop"


def test_class_through_package_reexport() -> None:
    assert defs(load(ROOT), "app.py", "Cart(owner)") == ["shop/cart.py:8:7"]


def test_import_alias() -> None:
    assert defs(load(ROOT), "app.py", "taxed(10)") == ["shop/pricing.py:11:5"]


def test_dotted_module_attribute() -> None:
    assert defs(load(ROOT), "app.py", 'price("x")') == ["shop/pricing.py:6:5"]


def test_module_path_inside_import_statement() -> None:
    assert defs(load(ROOT), "app.py", "pricing", nth=0) == ["shop/pricing.py:1:1"]


def test_self_method_and_inherited_method() -> None:
    snap = load(ROOT)
    assert defs(snap, "shop/cart.py", "self.total", shift=5) == ["shop/cart.py:20:9"]
    assert defs(snap, "shop/cart.py", "self.save", shift=5) == ["shop/base.py:7:9"]


def test_relative_import_of_a_module() -> None:
    snap = load(ROOT)
    assert defs(snap, "shop/cart.py", "pricing.price", shift=8) == ["shop/pricing.py:6:5"]


def test_typed_local_receiver() -> None:
    assert defs(load(ROOT), "app.py", "cart.checkout", shift=5) == ["shop/cart.py:25:9"]


def test_local_variable_and_parameter() -> None:
    snap = load(ROOT)
    assert defs(snap, "app.py", "return add", shift=7) == ["app.py:16:5"]
    assert defs(snap, "app.py", "Cart(owner)", shift=5) == ["app.py:8:10"]


def test_references_of_a_function_cover_import_alias_and_calls() -> None:
    snap = load(ROOT)
    assert refs(snap, "shop/pricing.py", "def with_tax", shift=4) == [
        "app.py:5:26",
        "shop/cart.py:23:24",
        "shop/pricing.py:11:5",
    ]


def test_references_of_a_local_stay_in_its_scope() -> None:
    assert refs(load(ROOT), "app.py", "add = 1") == ["app.py:16:5", "app.py:17:12"]


def test_references_without_declaration() -> None:
    snap = load(ROOT)
    found = refs(snap, "shop/base.py", "def validate", shift=4, declaration=False)
    assert found == ["shop/base.py:9:16", "shop/cart.py:3:30", "shop/cart.py:26:16"]


def test_names_in_strings_and_comments_are_not_references() -> None:
    found = refs(load(ROOT), "shop/cart.py", "class Cart", shift=6)
    assert "shop/cart.py:1:8" not in found  # the docstring says "shopping cart", not Cart
    assert all(not f.startswith("shop/__init__.py:1:") for f in found)


def test_unknown_name_has_no_definition() -> None:
    assert defs(load(ROOT), "app.py", "print") == []
