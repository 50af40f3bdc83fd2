"""TypeScript name resolution on ``tests/fixtures/tsshop``: modules, types, this, bases, locals."""

from __future__ import annotations

from tests.helpers import FIXTURES
from tests.resolution.workspace import defs, load, refs

ROOT = FIXTURES / "tsshop"


def test_class_through_a_barrel_export_star() -> None:
    assert defs(load(ROOT), "src/main.ts", 'Order("o-1"') == ["src/orders/order.ts:11:14"]


def test_aliased_reexport_and_aliased_import() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/main.ts", "Store<") == ["src/core/entity.ts:18:14"]
    assert defs(snap, "src/main.ts", "taxed(order") == ["src/money.ts:6:17"]


def test_esm_js_extension_names_the_ts_file() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/orders/order.ts", "Model {") == ["src/core/entity.ts:8:23"]
    assert defs(snap, "src/main.ts", "Money {") == ["src/money.ts:2:13"]


def test_namespace_import_and_namespace_members() -> None:
    snap = load(ROOT)
    path = "src/orders/order.ts"
    assert defs(snap, path, "money.withTax", shift=6) == ["src/money.ts:6:17"]
    assert defs(snap, path, "Currency.format") == ["src/money.ts:10:18"]
    assert defs(snap, path, "Currency.format", shift=9) == ["src/money.ts:12:19"]
    assert defs(snap, "src/money.ts", "EUR}") == ["src/money.ts:11:16"]


def test_enum_member() -> None:
    assert defs(load(ROOT), "src/main.ts", "Status.Open", shift=7) == ["src/orders/order.ts:6:3"]


def test_typed_local_receiver() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/main.ts", "order.add", shift=6) == ["src/orders/order.ts:19:3"]
    assert defs(snap, "src/main.ts", "checkout()") == ["src/orders/order.ts:32:3"]
    assert defs(snap, "src/main.ts", "order.total", shift=6) == ["src/orders/order.ts:24:3"]


def test_this_member_inherited_member_and_parameter_property() -> None:
    snap = load(ROOT)
    path = "src/orders/order.ts"
    assert defs(snap, path, "this.save", shift=5) == ["src/core/entity.ts:11:3"]
    assert defs(snap, path, "this.repo", shift=5) == ["src/orders/order.ts:15:44"]
    assert defs(snap, "src/core/entity.ts", "this.describe", shift=5) == [
        "src/core/entity.ts:15:12"
    ]


def test_local_shadows_a_module_function() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/main.ts", "return run", shift=7) == ["src/main.ts:14:9"]
    assert defs(snap, "src/main.ts", "total([") == ["src/main.ts:13:10"]


def test_references_of_a_class_cover_imports_types_and_construction() -> None:
    assert refs(load(ROOT), "src/orders/order.ts", "class Order", shift=6) == [
        "src/main.ts:1:10",
        "src/main.ts:4:34",
        "src/main.ts:5:16",
        "src/main.ts:5:28",
        "src/main.ts:18:32",
        "src/orders/order.ts:11:14",
        "src/orders/order.ts:15:61",
        "src/ui/CartView.tsx:2:10",
        "src/ui/CartView.tsx:6:10",
        "src/ui/CartView.tsx:15:33",
    ]


def test_references_of_a_function_cover_import_alias_and_namespace_call() -> None:
    assert refs(load(ROOT), "src/money.ts", "function withTax", shift=9) == [
        "src/main.ts:2:10",
        "src/main.ts:2:21",  # imported as `taxed`: the alias and its use count, as in tsc
        "src/main.ts:10:10",
        "src/money.ts:6:17",
        "src/orders/order.ts:25:18",
    ]


def test_references_of_a_method_exclude_a_same_named_function() -> None:
    snap = load(ROOT)
    assert refs(snap, "src/orders/order.ts", "total(): Money") == [
        "src/main.ts:10:22",
        "src/main.ts:18:55",
        "src/orders/order.ts:24:3",
        "src/orders/order.ts:29:39",
    ]
    assert refs(snap, "src/main.ts", "function total", shift=9) == [
        "src/main.ts:13:10",
        "src/main.ts:18:42",
    ]


def test_references_of_a_local_stay_in_its_scope() -> None:
    snap = load(ROOT)
    assert refs(snap, "src/main.ts", "const run", shift=6) == [
        "src/main.ts:14:9",
        "src/main.ts:15:10",
    ]
    assert refs(snap, "src/main.ts", "function run", shift=9) == ["src/main.ts:4:17"]


def test_references_of_an_interface_member_cover_its_implementations() -> None:
    snap = load(ROOT)
    # Entity.describe, Model's abstract describe and Order's describe are one member to tsc
    assert refs(snap, "src/core/entity.ts", "describe(): string;") == [
        "src/core/entity.ts:4:3",
        "src/core/entity.ts:12:17",
        "src/core/entity.ts:15:12",
        "src/orders/order.ts:28:3",
    ]
    assert refs(snap, "src/core/entity.ts", "save(): boolean") == [
        "src/core/entity.ts:11:3",
        "src/orders/order.ts:35:17",
    ]


def test_references_without_declaration() -> None:
    found = refs(load(ROOT), "src/orders/order.ts", "Status {", declaration=False)
    assert found == [
        "src/main.ts:1:17",
        "src/main.ts:7:24",
        "src/orders/order.ts:12:12",
        "src/orders/order.ts:33:19",
    ]


def test_external_names_have_no_definition() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/orders/order.ts", "push(") == []
    assert defs(snap, "src/orders/order.ts", "super(id)") == []
