"""Completion ranking on the Python fixture and small workspaces, including broken code."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.analysis.host import AnalysisHost
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.cli.workspace import index_folder
from hive_ls.features.completion import CompletionList, complete
from tests.helpers import FIXTURES, indexed, path_of


@cache
def pyshop() -> tuple[AnalysisHost, GraphSync, Snapshot]:
    """The fixture indexed for these tests alone: they open and close documents in it."""
    return indexed(FIXTURES / "pyshop")


def built(root: Path, files: dict[str, str]) -> tuple[AnalysisHost, GraphSync, Snapshot]:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return indexed(root)


def at(snap: Snapshot, tail: str, needle: str, shift: int = 0) -> tuple[str, int]:
    path = path_of(snap, tail)
    return path, snap.files[path].data.index(needle.encode()) + shift


def labels(found: CompletionList) -> list[str]:
    return [item.label for item in found.items]


def typed(host: AnalysisHost, path: str, text: str, marker: str = "|") -> tuple[Snapshot, int]:
    """Open ``path`` with ``text`` (the cursor at ``marker``) and return the snapshot and offset."""
    offset = text.index(marker)
    data = (text[:offset] + text[offset + 1 :]).encode()
    host.open(path, data, 1, "python")
    return host.snapshot(), len(text[:offset].encode())


# ---- scopes ----------------------------------------------------------------------------------


def test_locals_come_before_globals(tmp_path: Path) -> None:
    _, sync, snap = built(
        tmp_path,
        {
            "calc.py": "counter = 0\n\n\ndef compute(count_items):\n"
            "    count_local = 1\n    return cou\n"
        },
    )
    path, offset = at(snap, "calc.py", "return cou", len("return cou"))
    found = labels(complete(sync, snap, path, offset))
    assert found[:3] == ["count_items", "count_local", "counter"] or found[:3] == [
        "count_local",
        "count_items",
        "counter",
    ]
    kinds = {item.label: item.kind for item in complete(sync, snap, path, offset).items}
    assert kinds["count_items"] == "parameter"


def test_a_local_shadows_a_global_of_the_same_name(tmp_path: Path) -> None:
    _, sync, snap = built(
        tmp_path, {"m.py": "total = 0\n\n\ndef f():\n    total = 1\n    return tot\n"}
    )
    path, offset = at(snap, "m.py", "return tot", len("return tot"))
    found = complete(sync, snap, path, offset)
    assert labels(found).count("total") == 1
    assert found.items[0].detail.startswith("local")


def test_the_prefix_filters_and_exact_prefixes_rank_first() -> None:
    _, sync, snap = pyshop()
    path, offset = at(snap, "app.py", "taxed(10)", 2)  # `ta|`
    found = complete(sync, snap, path, offset)
    names = labels(found)
    assert names[0] == "taxed"  # the import alias in this file
    assert "TAX_RATE" in names  # a workspace name starting with the prefix (any case)
    assert "Cart" not in names and "main" not in names
    assert all("t" in n.lower() and "a" in n.lower() for n in names)
    assert [item.sort_text for item in found.items] == sorted(
        item.sort_text for item in found.items
    )


def test_file_names_and_imports_without_a_prefix() -> None:
    _, sync, snap = pyshop()
    path, offset = at(snap, "shop/cart.py", "class Cart")
    names = labels(complete(sync, snap, path, offset))
    assert {"Cart", "Model", "validate", "pricing"} <= set(names)


# ---- members after a dot -----------------------------------------------------------------------


def test_members_of_self_with_inherited_ones_after_own() -> None:
    _, sync, snap = pyshop()
    path, offset = at(snap, "shop/cart.py", "self.items.append", len("self."))
    found = complete(sync, snap, path, offset)
    names = labels(found)
    assert {"add", "total", "checkout", "items", "owner", "save"} <= set(names)
    assert names.index("add") < names.index("save")  # Model.save is inherited
    assert names[-1] == "__init__"  # dunder names last
    assert not found.incomplete


def test_members_of_self_while_typing_broken_code() -> None:
    host, sync, snap = pyshop()
    path = path_of(snap, "shop/cart.py")
    text = (
        snap.files[path]
        .data.decode()
        .replace("        self.save()\n", "        self.|\n        self.save()\n")
    )
    try:
        snap2, offset = typed(host, path, text)
        names = labels(complete(sync, snap2, path, offset))
        assert {"add", "total", "checkout", "save"} <= set(names)
    finally:
        host.close(path)


def test_members_of_an_imported_module() -> None:
    _, sync, snap = pyshop()
    path, offset = at(snap, "shop/cart.py", "pricing.price(item)", len("pricing."))
    found = complete(sync, snap, path, offset)
    assert set(labels(found)) == {"price", "with_tax", "TAX_RATE"}
    path, offset = at(snap, "app.py", 'shop.pricing.price("x")', len("shop."))
    names = labels(complete(sync, snap, path, offset))
    assert {"Cart", "BaseModel", "pricing", "cart", "base"} <= set(names)


def test_members_of_a_typed_local_with_a_prefix() -> None:
    _, sync, snap = pyshop()
    path, offset = at(snap, "app.py", "cart.checkout()", len("cart.ch"))
    assert labels(complete(sync, snap, path, offset)) == ["checkout"]


def test_an_unknown_receiver_offers_every_member_of_that_prefix(tmp_path: Path) -> None:
    _, sync, snap = built(
        tmp_path,
        {
            "a.py": "class A:\n    def save(self):\n        pass\n\n    def size(self):\n"
            "        pass\n",
            "b.py": "class B:\n    def save_all(self):\n        pass\n",
            "use.py": "def run(thing):\n    return thing.sa\n",
        },
    )
    path, offset = at(snap, "use.py", "thing.sa", len("thing.sa"))
    found = complete(sync, snap, path, offset)
    assert set(labels(found)) == {"save", "save_all"}
    assert found.incomplete


# ---- graph ranking ---------------------------------------------------------------------------


def test_graph_central_names_rank_higher_among_equals(tmp_path: Path) -> None:
    files = {
        "lib.py": "def helper_a():\n    return 1\n\n\ndef helper_b():\n    return 2\n",
        "main.py": "def run():\n    return helper_\n",
    }
    files.update(
        {
            f"user{n}.py": f"from lib import helper_b\n\n\ndef use{n}():\n    return helper_b()\n"
            for n in range(4)
        }
    )
    _, sync, snap = built(tmp_path, files)
    path, offset = at(snap, "main.py", "return helper_", len("return helper_"))
    ranked = complete(sync, snap, path, offset)
    assert labels(ranked)[:2] == ["helper_b", "helper_a"]
    plain = complete(None, snap, path, offset)  # without a graph: alphabetical among equals
    assert labels(plain)[:2] == ["helper_a", "helper_b"]


def test_what_the_enclosing_function_already_calls_ranks_first(tmp_path: Path) -> None:
    _, sync, snap = built(
        tmp_path,
        {
            "lib.py": "def fetch_a():\n    return 1\n\n\ndef fetch_b():\n    return 2\n",
            "main.py": "from lib import fetch_a, fetch_b\n\n\n"
            "def run():\n    x = fetch_b()\n    return fet\n",
        },
    )
    path, offset = at(snap, "main.py", "return fet", len("return fet"))
    assert labels(complete(sync, snap, path, offset))[:2] == ["fetch_b", "fetch_a"]


# ---- no crash --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "def f(:\n    x.|\n",
        "class A(\n    def g(self):\n        self.|",
        "x = [1, 2,\nprint(|",
        "|",
        "import |",
        "from . import (|",
        "def h():\n    return 1 +|",
        "'''unterminated |",
    ],
)
def test_broken_code_does_not_crash(text: str) -> None:
    host, sync, snap = pyshop()
    path = path_of(snap, "app.py")
    original = snap.files[path].data
    try:
        snap2, offset = typed(host, path, text)
        found = complete(sync, snap2, path, offset)
        assert isinstance(found, CompletionList)
    finally:
        host.open(path, original, 2, "python")
        host.close(path)


def test_offsets_at_the_edges_of_the_file() -> None:
    _, sync, snap = pyshop()
    path = path_of(snap, "shop/cart.py")
    size = len(snap.files[path].data)
    for offset in (0, size, size + 100, -5):
        found = complete(sync, snap, path, offset)
        assert isinstance(found, CompletionList)
    assert "Cart" in labels(complete(sync, snap, path, size))


def test_nothing_inside_comments_strings_and_numbers(tmp_path: Path) -> None:
    _, sync, snap = built(tmp_path, {"m.py": "value = 1\n# val\ntext = 'val'\nnumber = 12\n"})
    for needle in ("# val", "'val"):
        path, offset = at(snap, "m.py", needle, len(needle))
        assert complete(sync, snap, path, offset).items == []
    path, offset = at(snap, "m.py", "12", 2)
    assert complete(sync, snap, path, offset).items == []


def test_an_unknown_file_gives_nothing() -> None:
    _, sync, snap = pyshop()
    found = complete(sync, snap, "/nowhere/x.py", 0)
    assert found.items == [] and not found.incomplete


def test_the_limit_is_respected_and_marks_the_list_incomplete(tmp_path: Path) -> None:
    names = "".join(f"def item_{n:03d}():\n    return {n}\n\n\n" for n in range(150))
    _, sync, snap = built(tmp_path, {"many.py": names + "def run():\n    return item_\n"})
    path, offset = at(snap, "many.py", "return item_", len("return item_"))
    found = complete(sync, snap, path, offset, limit=20)
    assert len(found.items) == 20
    assert found.incomplete


def test_go_methods_declared_outside_their_struct_are_members() -> None:
    host, _ = index_folder(str(FIXTURES / "goshop"), show_progress=False)
    snap = host.snapshot()
    host.graph.sync(snap)
    path, offset = at(snap, "goshop/main.go", 'c.Add("apple"', len("c."))
    names = labels(complete(host.graph, snap, path, offset))
    assert {"Add", "Total", "Checkout"} <= set(names)
