"""Rust name resolution on ``tests/fixtures/rustshop``: use paths, re-exports, impls, traits."""

from __future__ import annotations

from tests.helpers import FIXTURES
from tests.resolution.workspace import defs, load, refs

ROOT = FIXTURES / "rustshop"


def test_function_through_use_group() -> None:
    assert defs(load(ROOT), "src/cart.rs", "price(item)") == ["src/pricing/mod.rs:7:8"]


def test_use_alias() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/cart.rs", "taxed(subtotal)") == ["src/pricing/mod.rs:12:8"]
    assert defs(snap, "src/cart.rs", "with_tax as") == ["src/pricing/mod.rs:12:8"]


def test_mod_declaration_and_module_paths_lead_to_files() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/lib.rs", "mod cart", shift=4) == ["src/cart.rs:1:1"]
    assert defs(snap, "src/lib.rs", "mod pricing", shift=4) == ["src/pricing/mod.rs:1:1"]
    # `use crate::base::{self}` binds the module base
    assert defs(snap, "src/cart.rs", "base::validate") == ["src/base.rs:1:1"]
    assert defs(snap, "src/cart.rs", "base::validate", shift=6) == ["src/base.rs:19:8"]


def test_super_and_crate_paths() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/cart.rs", "use super::Status", shift=11) == ["src/lib.rs:10:10"]
    assert defs(snap, "src/cart.rs", "crate::initial", shift=7) == ["src/lib.rs:16:8"]
    # inside `mod tests`, super is the cart module
    assert defs(snap, "src/cart.rs", "super::discount", shift=7) == ["src/cart.rs:56:8"]
    assert defs(snap, "src/cart.rs", "super::Cart::new", shift=13) == ["src/cart.rs:16:12"]


def test_reexport_at_crate_root_seen_from_an_integration_test() -> None:
    snap = load(ROOT)
    # `use rustshop::Cart as ShopCart`: the crate by its own name, Cart re-exported by lib.rs
    assert defs(snap, "tests/checkout.rs", "ShopCart {") == ["src/cart.rs:8:12"]
    assert defs(snap, "tests/checkout.rs", "ShopCart::new", shift=10) == ["src/cart.rs:16:12"]
    assert defs(snap, "tests/checkout.rs", "store(&paid)") == ["src/base.rs:24:8"]


def test_enum_variant_and_self_members() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/cart.rs", "Status::Paid", shift=8) == ["src/lib.rs:12:5"]
    assert defs(snap, "src/cart.rs", "self.total", shift=5) == ["src/cart.rs:26:12"]
    # a method of `impl Model for Cart`, called from the inherent impl
    assert defs(snap, "src/cart.rs", "self.id", shift=5) == ["src/cart.rs:50:8"]


def test_trait_methods_inherited_from_a_supertrait() -> None:
    snap = load(ROOT)
    # `model: &dyn Model`; name() comes from the supertrait Named, save() from Model itself
    assert defs(snap, "src/base.rs", "model.name", shift=6) == ["src/base.rs:5:8"]
    assert defs(snap, "src/base.rs", "model.save", shift=6) == ["src/base.rs:13:8"]
    # inside a trait's default method, self is the trait
    assert defs(snap, "src/base.rs", "self.id", shift=5) == ["src/base.rs:10:8"]


def test_typed_locals_and_parameters() -> None:
    snap = load(ROOT)
    # Cart and Invoice both have total(): the declared or constructed type decides
    assert defs(snap, "src/cart.rs", "cart.total() * price", shift=5) == ["src/cart.rs:26:12"]
    assert defs(snap, "src/cart.rs", 'cart.add("apple"', shift=5) == ["src/cart.rs:20:12"]
    assert defs(snap, "src/pricing/mod.rs", "invoice.total", shift=8) == [
        "src/pricing/mod.rs:22:12"
    ]


def test_local_shadows_imported_function() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/cart.rs", "cart.total() * price", shift=15) == ["src/cart.rs:57:9"]
    assert defs(snap, "src/pricing/mod.rs", "Invoice { amount }", shift=10) == [
        "src/pricing/mod.rs:28:12"
    ]


def test_references_of_a_function_cover_use_alias_and_calls() -> None:
    snap = load(ROOT)
    assert refs(snap, "src/pricing/mod.rs", "fn with_tax", shift=3) == [
        "src/cart.rs:4:29",
        "src/pricing/mod.rs:12:8",
        "src/pricing/mod.rs:23:9",
    ]
    # the local `price` of discount() is another name
    assert refs(snap, "src/pricing/mod.rs", "fn price", shift=3) == [
        "src/cart.rs:4:22",
        "src/cart.rs:29:25",
        "src/pricing/mod.rs:7:8",
    ]


def test_references_of_a_method_exclude_same_named_ones() -> None:
    snap = load(ROOT)
    # not Invoice::total (pricing), nor the local `total` of the integration test
    assert refs(snap, "src/cart.rs", "pub fn total", shift=7) == [
        "src/cart.rs:26:12",
        "src/cart.rs:39:14",
        "src/cart.rs:58:10",
    ]


def test_references_of_a_type_cover_uses_and_reexport() -> None:
    found = refs(load(ROOT), "src/cart.rs", "pub struct Cart", shift=11)
    assert "src/lib.rs:7:22" in found  # pub use crate::cart::Cart
    assert "tests/checkout.rs:4:15" in found  # use rustshop::Cart as ShopCart
    assert "src/cart.rs:14:6" in found  # impl Cart
    assert "src/cart.rs:49:16" in found  # impl Model for Cart
    assert "src/cart.rs:67:23" in found  # let mut cart: Cart
    assert not any(f.startswith("src/pricing/") for f in found)


def test_references_of_a_local_stay_in_its_function() -> None:
    assert refs(load(ROOT), "src/cart.rs", "let price", shift=4) == [
        "src/cart.rs:57:9",
        "src/cart.rs:58:20",
    ]


def test_prelude_types_are_outside_the_workspace() -> None:
    snap = load(ROOT)
    assert defs(snap, "src/cart.rs", "Vec::new", shift=5) == []
    assert defs(snap, "src/cart.rs", "f64::from", shift=5) == []
    # so Vec::new() is no reference to Cart::new
    assert refs(snap, "src/cart.rs", "pub fn new", shift=7) == [
        "src/cart.rs:16:12",
        "src/cart.rs:67:36",
        "src/cart.rs:74:50",
        "tests/checkout.rs:8:30",
        "tests/checkout.rs:10:39",
    ]
