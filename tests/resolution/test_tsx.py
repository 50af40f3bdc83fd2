"""TSX name resolution on the ``.tsx`` files of ``tests/fixtures/tsshop``: JSX and imports."""

from __future__ import annotations

from tests.helpers import FIXTURES
from tests.resolution.workspace import defs, load, refs

ROOT = FIXTURES / "tsshop"
VIEW = "src/ui/CartView.tsx"


def test_jsx_component_from_another_tsx_file() -> None:
    assert defs(load(ROOT), VIEW, "<Button", shift=1) == ["src/ui/Button.tsx:7:17"]


def test_jsx_component_of_the_same_file() -> None:
    assert defs(load(ROOT), VIEW, "<CartView", shift=1) == ["src/ui/CartView.tsx:9:17"]


def test_imports_from_typescript_files() -> None:
    snap = load(ROOT)
    assert defs(snap, VIEW, "summary(order)") == ["src/main.ts:18:14"]
    assert defs(snap, VIEW, "Order;") == ["src/orders/order.ts:11:14"]


def test_interface_base_and_typed_parameter() -> None:
    snap = load(ROOT)
    assert defs(snap, VIEW, "ButtonProps {") == ["src/ui/Button.tsx:1:18"]
    assert defs(snap, VIEW, "props.order", shift=6) == ["src/ui/CartView.tsx:6:3"]


def test_references_of_a_component_cover_import_and_jsx() -> None:
    assert refs(load(ROOT), "src/ui/Button.tsx", "function Button", shift=9) == [
        "src/ui/Button.tsx:7:17",
        "src/ui/CartView.tsx:1:10",
        "src/ui/CartView.tsx:12:11",
    ]


def test_references_from_typescript_into_tsx() -> None:
    assert refs(load(ROOT), "src/main.ts", "summary") == [
        "src/main.ts:18:14",
        "src/ui/CartView.tsx:3:10",
        "src/ui/CartView.tsx:12:28",
    ]


def test_html_tags_have_no_definition() -> None:
    assert defs(load(ROOT), "src/ui/Button.tsx", "<button", shift=1) == []
