"""Go name resolution on ``tests/fixtures/goshop``: packages, aliases, receivers, locals."""

from __future__ import annotations

from tests.helpers import FIXTURES
from tests.resolution.workspace import defs, load, refs

ROOT = FIXTURES / "goshop"


def test_function_through_import_path() -> None:
    assert defs(load(ROOT), "main.go", "store.NewCart", shift=6) == ["store/cart.go:19:6"]


def test_import_alias() -> None:
    snap = load(ROOT)
    assert defs(snap, "main.go", "pr.WithTax", shift=3) == ["pricing/pricing.go:13:6"]
    # the same name in another package is another function
    assert defs(snap, "main.go", "pr.Add", shift=3) == ["pricing/pricing.go:18:6"]


def test_package_names_lead_to_their_folder() -> None:
    snap = load(ROOT)
    assert defs(snap, "main.go", "pr.WithTax") == ["pricing/pricing.go:1:1"]
    assert defs(snap, "main.go", 'pr "') == ["pricing/pricing.go:1:1"]
    assert defs(snap, "store/cart.go", "pricing.Price") == ["pricing/pricing.go:1:1"]


def test_standard_library_is_outside_the_workspace() -> None:
    snap = load(ROOT)
    assert defs(snap, "main.go", "fmt.Println", shift=4) == []
    assert defs(snap, "main.go", "fmt.Println") == []


def test_receiver_method_and_method_promoted_from_embedded_struct() -> None:
    snap = load(ROOT)
    assert defs(snap, "store/cart.go", "c.Total", shift=2) == ["store/cart.go:30:16"]
    assert defs(snap, "store/cart.go", "c.Save", shift=2) == ["store/base.go:10:16"]


def test_function_of_the_same_package_in_another_file() -> None:
    assert defs(load(ROOT), "store/cart.go", "Validate(&c") == ["store/base.go:18:6"]


def test_typed_parameter_of_a_qualified_type() -> None:
    snap = load(ROOT)
    # Cart and Wishlist both have Total and Add: only the parameter's type tells them apart
    assert defs(snap, "main.go", "c.Total", shift=2) == ["store/cart.go:30:16"]
    assert defs(snap, "main.go", 'c.Add("apple"', shift=2) == ["store/cart.go:24:16"]
    assert defs(snap, "main.go", "wish.Add", shift=5) == ["store/wishlist.go:9:20"]


def test_typed_locals_from_composite_literal_and_var() -> None:
    snap = load(ROOT)
    assert defs(snap, "store/cart.go", "cart.Add", shift=5) == ["store/cart.go:24:16"]
    assert defs(snap, "store/cart.go", "spare.Checkout", shift=6) == ["store/cart.go:39:16"]


def test_local_variable_shadows_package_variable() -> None:
    snap = load(ROOT)
    assert defs(snap, "main.go", "if verbose", nth=1, shift=3) == ["main.go:37:2"]
    assert defs(snap, "main.go", "if verbose", shift=3) == ["main.go:12:5"]
    assert defs(snap, "main.go", "total)", shift=0) == ["main.go:29:2"]


def test_references_of_a_function_cover_alias_and_package_calls() -> None:
    snap = load(ROOT)
    assert refs(snap, "pricing/pricing.go", "func WithTax", shift=5) == [
        "main.go:19:17",
        "pricing/pricing.go:13:6",
        "store/cart.go:35:17",
    ]


def test_references_of_a_method_exclude_same_named_ones() -> None:
    snap = load(ROOT)
    # not Wishlist.Add (main.go:18) nor the package function pricing.Add (main.go:19)
    assert refs(snap, "store/cart.go", "func (c *Cart) Add", shift=15) == [
        "main.go:24:4",
        "main.go:25:4",
        "store/cart.go:24:16",
        "store/cart.go:49:7",
    ]
    assert refs(snap, "store/wishlist.go", "func (w *Wishlist) Add", shift=19) == [
        "main.go:18:7",
        "store/wishlist.go:9:20",
    ]


def test_references_of_a_package_function_across_its_files() -> None:
    found = refs(load(ROOT), "store/base.go", "func Validate", shift=5, declaration=False)
    assert found == ["store/base.go:11:6", "store/cart.go:40:6"]


def test_references_of_package_variable_and_of_local_stay_apart() -> None:
    snap = load(ROOT)
    assert refs(snap, "main.go", "var verbose", shift=4) == ["main.go:12:5", "main.go:30:5"]
    assert refs(snap, "main.go", "verbose := true") == ["main.go:37:2", "main.go:38:5"]


def test_names_in_comments_are_not_references() -> None:
    found = refs(load(ROOT), "store/cart.go", "func (c *Cart) Add", shift=15)
    assert all(not f.startswith("store/wishlist.go:") for f in found)  # "Cart.Add" in a comment
