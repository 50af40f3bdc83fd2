"""JavaScript name resolution on ``tests/fixtures/jsshop``: ES modules, CommonJS, this, bases."""

from __future__ import annotations

from tests.helpers import FIXTURES
from tests.resolution.workspace import defs, load, refs

ROOT = FIXTURES / "jsshop"


def test_default_export_through_a_barrel_reexport() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/app.js", "Cart(owner)") == ["src/models/cart.js:5:22"]
    assert defs(snap, "src/app.js", "Cart,") == ["src/models/cart.js:5:22"]
    assert defs(snap, "src/models/index.js", "Cart }") == ["src/models/cart.js:5:22"]


def test_default_import_of_a_default_export() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/app.js", "CartModel(owner)") == ["src/models/cart.js:5:22"]
    assert defs(snap, "src/app.js", "CartModel from") == ["src/models/cart.js:5:22"]


def test_aliased_import_through_export_star() -> None:
    assert defs(load(ROOT), "src/app.js", "check(cart)") == ["src/models/base.js:14:17"]


def test_aliased_import_with_a_js_extension() -> None:
    assert defs(load(ROOT), "src/app.js", "taxed(10)") == ["src/pricing.js:8:17"]


def test_namespace_import_members_and_binding() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/models/cart.js", "pricing.withTax", shift=8) == ["src/pricing.js:8:17"]
    assert defs(snap, "src/models/cart.js", "pricing.price") == ["src/pricing.js:1:1"]


def test_require_of_a_commonjs_module() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/app.js", "legacy.parse") == ["src/legacy.cjs:1:1"]
    assert defs(snap, "src/app.js", "parse(") == ["src/legacy.cjs:9:3"]
    assert defs(snap, "src/legacy.cjs", "withTax(amount)") == ["src/pricing.js:8:17"]
    # a shorthand member of `module.exports = { format }` is the function it names
    assert defs(snap, "src/app.js", "legacy.format", shift=7) == ["src/legacy.cjs:3:10"]
    assert refs(snap, "src/legacy.cjs", "function format", shift=9) == [
        "src/app.js:25:42",
        "src/legacy.cjs:3:10",
        "src/legacy.cjs:8:3",
    ]


def test_this_method_and_inherited_method() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/models/cart.js", "this.total", shift=5) == ["src/models/cart.js:17:3"]
    assert defs(snap, "src/models/cart.js", "this.save", shift=5) == ["src/models/base.js:4:3"]
    assert defs(snap, "src/models/cart.js", "Model {") == ["src/models/base.js:2:14"]


def test_typed_local_receiver() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/app.js", "cart.add", shift=5) == ["src/models/cart.js:12:3"]
    assert defs(snap, "src/app.js", "checkout()") == ["src/models/cart.js:22:3"]


def test_local_shadows_an_imported_name() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/app.js", "total + ") == ["src/app.js:20:9"]
    assert defs(snap, "src/app.js", "total([") == ["src/pricing.js:12:17"]
    assert defs(snap, "src/app.js", "return add", shift=7) == ["src/app.js:15:9"]


def test_references_of_a_function_cover_imports_and_calls() -> None:
    assert refs(load(ROOT), "src/pricing.js", "function withTax", shift=9) == [
        "src/app.js:2:10",
        "src/app.js:2:21",  # imported as `taxed`: the alias and its use count, as in tsc
        "src/app.js:9:15",
        "src/legacy.cjs:1:9",
        "src/legacy.cjs:4:10",
        "src/models/cart.js:19:20",
        "src/pricing.js:8:17",
    ]


def test_references_of_a_method_include_the_overridden_one_not_same_named_functions() -> None:
    snap = load(ROOT)
    # Cart.total overrides Model.total: one member to references, as TypeScript counts them
    assert refs(snap, "src/models/cart.js", "total() {") == [
        "src/models/base.js:8:3",
        "src/models/cart.js:17:3",
        "src/models/cart.js:27:17",
    ]
    # the module function `total` is neither Cart's method nor the local that shadows it
    assert refs(snap, "src/pricing.js", "function total", shift=9) == [
        "src/app.js:2:28",
        "src/app.js:9:45",
        "src/pricing.js:12:17",
    ]


def test_references_of_a_class_cover_reexport_import_and_construction() -> None:
    assert refs(load(ROOT), "src/models/cart.js", "class Cart", shift=6) == [
        "src/app.js:1:10",
        "src/app.js:7:20",
        "src/models/cart.js:5:22",
        "src/models/index.js:3:21",
    ]


def test_references_without_declaration() -> None:
    found = refs(load(ROOT), "src/models/base.js", "function validate", shift=9, declaration=False)
    assert found == [
        "src/app.js:1:16",
        "src/app.js:1:28",  # imported as `check`
        "src/app.js:10:3",
        "src/models/base.js:5:12",
        "src/models/cart.js:1:17",
        "src/models/cart.js:23:10",
    ]


def test_references_of_a_local_stay_in_its_scope() -> None:
    snap = load(ROOT)
    assert refs(snap, "src/app.js", "add = 1") == ["src/app.js:15:9", "src/app.js:16:10"]
    assert refs(snap, "src/app.js", "const total", shift=6) == [
        "src/app.js:20:9",
        "src/app.js:21:10",
    ]


def test_names_in_strings_and_comments_are_not_references() -> None:
    found = refs(load(ROOT), "src/models/base.js", "class Model", shift=6)
    assert found == [
        "src/models/base.js:2:14",
        "src/models/cart.js:1:10",
        "src/models/cart.js:5:35",
    ]


def test_unknown_and_external_names_have_no_definition() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/app.js", "console") == []
    assert defs(snap, "src/models/cart.js", "Error(") == []
