"""The graph commands: ``impact`` in every format, ``tests-for``, ``hotspots`` and their errors.

The key test edits a copy of a fixture project, asks ``tests-for --git-diff`` which tests to
run, runs the project's tests, and checks that exactly the failing ones were selected.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import FIXTURES

HIVE = [sys.executable, "-m", "hive_ls"]
SHOP = FIXTURES / "pyshop"
TOTAL, ADD = "tests/test_cart.py::test_total", "tests/test_cart.py::test_add"
VOID = {"meta", "link", "br", "img", "input", "hr", "col", "area", "base", "wbr", "source"}


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*HIVE, *args], check=False, capture_output=True, text=True, timeout=120, cwd=cwd
    )


def _ok(*args: str) -> str:
    done = _run(*args)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def _impact_json(target: str, *more: str, root: Path = SHOP) -> dict[str, object]:
    found: dict[str, object] = json.loads(
        _ok("impact", target, "--root", str(root), "--format", "json", *more)
    )
    return found


def _names(rows: object) -> set[str]:
    assert isinstance(rows, list)
    return {row["qualified_name"] for row in rows}


# impact


def test_impact_text_lists_dependents_with_reasons_and_tests() -> None:
    out = _ok("impact", "shop.pricing.price", "--root", str(SHOP))
    lines = out.splitlines()
    assert lines[0].startswith("shop.pricing.price (function, shop/pricing.py:6): 4 dependents")
    rows = {line.split()[3]: line.split() for line in lines[2:] if line.startswith("  ")}
    assert rows["shop.cart.Cart.total"][:5] == [
        "1",
        "calls",
        "method",
        "shop.cart.Cart.total",
        "shop/cart.py:20",
    ]
    assert rows["app.main"][:2] == ["1", "calls"]
    assert rows["shop.cart.Cart.checkout"][0] == "2"
    assert "shop.pricing.price -> shop.cart.Cart.total -> shop.cart.Cart.checkout" in (
        next(line for line in lines if "Cart.checkout  " in line)
    )
    assert "1 test reaches it:" in out
    assert TOTAL in out
    assert ADD not in out


def test_impact_json_has_the_same_data() -> None:
    report = _impact_json("shop.pricing.price")
    target = report["target"]
    assert isinstance(target, dict)
    assert (target["qualified_name"], target["path"], target["line"]) == (
        "shop.pricing.price",
        "shop/pricing.py",
        6,
    )
    assert report["direction"] == "up"
    assert _names(report["dependents"]) == {
        "app.main",
        "shop.cart.Cart.total",
        "shop.cart.Cart.checkout",
        "test_cart.test_total",
    }
    dependents = report["dependents"]
    assert isinstance(dependents, list)
    checkout = next(d for d in dependents if d["qualified_name"] == "shop.cart.Cart.checkout")
    assert checkout["distance"] == 2
    assert checkout["reason"] == [
        "shop.pricing.price",
        "shop.cart.Cart.total",
        "shop.cart.Cart.checkout",
    ]
    assert (checkout["path"], checkout["line"], checkout["via"]) == ("shop/cart.py", 25, "calls")
    tests = report["tests"]
    assert isinstance(tests, list)
    assert [t["test_id"] for t in tests] == [TOTAL]
    edges = report["edges"]
    assert isinstance(edges, list)
    assert {"from": "shop.pricing.price", "to": "app.main", "kind": "calls"}.items() <= edges[
        [e["to"] for e in edges].index("app.main")
    ].items()


def test_impact_targets_by_file_and_line() -> None:
    # the line calling pricing.price, relative to the root
    assert _impact_json("shop/cart.py:22")["target"]["qualified_name"] == "shop.pricing.price"  # type: ignore[index]
    # a definition's own line, given absolutely
    found = _impact_json(f"{SHOP / 'shop' / 'cart.py'}:20")
    assert found["target"]["qualified_name"] == "shop.cart.Cart.total"  # type: ignore[index]
    assert _names(found["dependents"]) == {
        "app.main",
        "shop.cart.Cart.checkout",
        "test_cart.test_total",
    }


def test_impact_downward_and_depth() -> None:
    down = _impact_json("shop.cart.Cart.checkout", "--direction", "down")
    assert down["direction"] == "down"
    assert _names(down["dependents"]) >= {
        "shop.base.validate",
        "shop.base.Model.save",
        "shop.cart.Cart.total",
        "shop.pricing.price",
        "shop.pricing.with_tax",
    }
    assert down["tests"] == []
    shallow = _impact_json("shop.pricing.price", "--depth", "1")
    assert _names(shallow["dependents"]) == {"app.main", "shop.cart.Cart.total"}
    assert [t["test_id"] for t in shallow["tests"]] == [TOTAL]  # type: ignore[attr-defined]
    flows = _impact_json("shop.pricing.price", "--data-flow")
    assert _names(flows["dependents"]) > _names(shallow["dependents"])


def test_impact_mermaid() -> None:
    out = _ok("impact", "shop.pricing.price", "--root", str(SHOP), "--format", "mermaid")
    lines = out.splitlines()
    assert lines[0] == "flowchart LR"
    nodes = dict(re.findall(r'^\s+(n\d+)\["([^"]*)"\]$', out, re.M))
    assert nodes["n0"] == "price<br/>shop/pricing.py:6"
    assert set(nodes.values()) >= {
        "main<br/>app.py:8",
        "Cart.total<br/>shop/cart.py:20",
        "Cart.checkout<br/>shop/cart.py:25",
    }
    arrows = re.findall(r"^\s+(n\d+) -\.?->\|\"(\w[\w-]*)\"\| (n\d+)$", out, re.M)
    assert arrows
    assert all(a in nodes and b in nodes for a, _, b in arrows)
    assert "    class n0 target" in lines
    test_node = next(n for n, label in nodes.items() if label.startswith("test_total"))
    assert f"    class {test_node} test" in lines


def test_impact_dot() -> None:
    out = _ok("impact", "shop.pricing.price", "--root", str(SHOP), "--format", "dot")
    assert out.startswith("digraph impact {")
    assert out.rstrip().endswith("}")
    assert out.count("{") == out.count("}")
    declared = set(re.findall(r"^\s+(n\d+) \[label=", out, re.M))
    assert len(declared) == 5
    edges = re.findall(r"^\s+(n\d+) -> (n\d+) \[", out, re.M)
    assert len(edges) >= 4
    assert all(a in declared and b in declared for a, b in edges)
    target = next(line for line in out.splitlines() if line.strip().startswith("n0 ["))
    assert 'label="price\\nshop/pricing.py:6"' in target
    assert "penwidth=3" in target


class _Balance(HTMLParser):
    """Checks that every element is closed in order, and records what a page would load."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "link", "img", "iframe", "object", "embed"}:
            self.loads.append(tag)
        self.loads.extend(f"{k}={v}" for k, v in attrs if k in {"src", "srcset"})
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")


def _svg_boxes(page: str) -> tuple[ET.Element, list[tuple[float, float, float, float, str]]]:
    root = ET.fromstring(page.split("\n", 1)[1])  # the rest of the page is well-formed XML
    svg = root.find(".//svg")
    assert svg is not None
    boxes = []
    for group in svg.iter("g"):
        rect, title = group.find("rect"), group.find("title")
        assert rect is not None and title is not None and title.text
        boxes.append(
            (
                float(rect.get("x", "")),
                float(rect.get("y", "")),
                float(rect.get("width", "")),
                float(rect.get("height", "")),
                title.text,
            )
        )
    return svg, boxes


def _check_page(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>\n<html")
    checker = _Balance()
    checker.feed(page)
    checker.close()
    assert not checker.problems
    assert not checker.stack
    assert not checker.loads  # no scripts, stylesheets, images or frames
    assert "http" not in page.lower()
    assert "url(" not in page.replace("url(#arrow-", "")  # only the page's own markers
    assert "@import" not in page and "@font-face" not in page


def test_impact_html_is_a_self_contained_page() -> None:
    page = _ok("impact", "shop.pricing.price", "--root", str(SHOP), "--format", "html")
    _check_page(page)
    svg, boxes = _svg_boxes(page)
    titles = [title for *_, title in boxes]
    assert len(boxes) == 5
    assert titles[0].startswith("shop.pricing.price\nshop/pricing.py:6 · function")
    checkout = next(t for t in titles if t.startswith("shop.cart.Cart.checkout"))
    assert "shop/cart.py:25 · method" in checkout
    rects = list(svg.iter("rect"))
    assert rects[0].get("stroke-width") == "3.0"  # the target stands out
    assert len({rect.get("fill") for rect in rects}) == 3  # target, test, others
    # layers by distance: the target left of its callers, which are left of theirs
    xs = {title.split("\n")[0]: x for x, _, _, _, title in boxes}
    assert xs["shop.pricing.price"] < xs["app.main"] == xs["shop.cart.Cart.total"]
    assert xs["shop.cart.Cart.total"] < xs["shop.cart.Cart.checkout"]
    assert len(list(svg.iter("path"))) >= 4 + 5  # arrows, besides the markers' heads
    assert 'class="legend"' in page
    assert "<td><code>shop.cart.Cart.checkout</code></td>" in page
    assert f"<td><code>{TOTAL}</code></td>" in page
    assert ADD not in page


def _fan_workspace(root: Path) -> None:
    """One function, 6 callers, and 4 callers of each of those: 30 dependents."""
    (root / "core.py").write_text("def base():\n    return 1\n")
    for i in range(6):
        lines = ["from core import base\n\n\n"]
        lines.append(f"def middle_function_number_{i}():\n    return base()\n\n\n")
        for j in range(4):
            lines.append(f"def outer_{i}_{j}():\n    return middle_function_number_{i}()\n\n\n")
        (root / f"layer_{i}.py").write_text("".join(lines))


def test_impact_html_lays_out_thirty_nodes(tmp_path: Path) -> None:
    _fan_workspace(tmp_path)
    page = _ok("impact", "core.base", "--root", str(tmp_path), "--format", "html")
    _check_page(page)
    svg, boxes = _svg_boxes(page)
    assert len(boxes) >= 31
    width, height = float(svg.get("width", "")), float(svg.get("height", ""))
    assert width < 1600 and height < 1700
    for number, (x, y, w, h, title) in enumerate(boxes):
        assert x >= 0 and x + w <= width and y >= 0 and y + h <= height, title
        assert w >= 130 and h >= 30
        for x2, y2, w2, h2, other in boxes[number + 1 :]:
            apart = x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y
            assert apart, f"{title} overlaps {other}"
    # every text fits in its box (names too long are shortened with an ellipsis)
    for group in svg.iter("g"):
        rect = group.find("rect")
        assert rect is not None
        for text in group.iter("text"):
            advance = 7.9 if text.get("class") == "name" else 6.7  # 13px and 11px monospace
            assert len(text.text or "") * advance <= float(rect.get("width", "")) - 10


# tests-for


def test_tests_for_symbol_in_every_format() -> None:
    out = _ok(
        "tests-for", "--root", str(SHOP), "--symbol", "shop.pricing.price", "--format", "pytest"
    )
    assert out == f"{TOTAL}\n"
    rows = json.loads(
        _ok("tests-for", "--root", str(SHOP), "--symbol", "shop.cart.Cart.add", "--format", "json")
    )
    assert [row["test_id"] for row in rows] == [ADD, TOTAL]
    assert rows[0]["reason"] == ["shop.cart.Cart.add", "test_cart.test_add"]
    assert (rows[0]["path"], rows[0]["line"], rows[0]["distance"]) == ("tests/test_cart.py", 4, 1)
    text = _ok("tests-for", "--root", str(SHOP), "--symbol", "shop.pricing.price")
    assert text.splitlines()[0] == "1 test reaches shop.pricing.price:"
    assert TOTAL in text


def test_tests_for_files() -> None:
    out = _ok("tests-for", "--root", str(SHOP), "--files", "shop/pricing.py", "--format", "pytest")
    assert out.splitlines() == [TOTAL]
    both = _ok(
        "tests-for",
        "--root",
        str(SHOP),
        "--files",
        str(SHOP / "shop" / "cart.py"),
        "app.py",
        "--format",
        "pytest",
    )
    assert both.splitlines() == [ADD, TOTAL]
    assert _ok("tests-for", "--root", str(SHOP), "--files", "app.py", "--format", "pytest") == ""


# hotspots


def test_hotspots() -> None:
    rows = json.loads(_ok("hotspots", "--root", str(SHOP), "--limit", "3", "--format", "json"))
    assert len(rows) == 3
    assert rows[0]["qualified_name"] == "shop.cart.Cart"
    assert (rows[0]["path"], rows[0]["line"], rows[0]["dependents"]) == ("shop/cart.py", 8, 7)
    assert rows[0]["rank"] >= rows[1]["rank"] >= rows[2]["rank"] > 0
    text = _ok("hotspots", "--root", str(SHOP), "--limit", "2").splitlines()
    assert text[0].split() == ["rank", "users", "kind", "definition", "where"]
    assert text[1].split()[1:] == ["7", "class", "shop.cart.Cart", "shop/cart.py:8"]
    assert len(text) == 3


# errors: exit code 2, a clear message, never a traceback


def _fails(*args: str, message: str) -> None:
    done = _run(*args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_unknown_targets_list_close_matches() -> None:
    root = ("--root", str(SHOP))
    _fails("impact", "shop.cart.Cart.ad", *root, message="did you mean shop.cart.Cart.add")
    _fails("impact", "shop/cart.py:999", *root, message="shop/cart.py has 30 lines, not 999")
    _fails("impact", "nothere.py:3", *root, message="no such file: nothere.py")
    _fails("impact", "x.y", "--root", "/definitely/not/here", message="is not a folder")
    _fails("impact", "shop.pricing.price", *root, "--depth", "0", message="--depth")
    _fails(
        "tests-for",
        *root,
        "--symbol",
        "shop.pricing.prize",
        "--format",
        "pytest",
        message="did you mean shop.pricing.price",
    )
    _fails("tests-for", *root, "--files", "nope.py", message="no such file: nope.py")


def _commit(root: Path) -> None:
    for args in (
        ["init", "-q"],
        ["config", "user.name", "hive-ls tests"],
        ["config", "user.email", "tests@hive-ls.invalid"],
        ["config", "commit.gpgsign", "false"],
        ["add", "-A"],
        ["commit", "-q", "-m", "fixture"],
    ):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def test_git_errors(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(SHOP, plain)
    _fails("tests-for", "--root", str(plain), "--git-diff", "HEAD", message="not a git repository")
    repo = tmp_path / "repo"
    shutil.copytree(SHOP, repo)
    _commit(repo)
    _fails("tests-for", "--root", str(repo), "--git-diff", "no-such-rev", message="bad revision")
    assert _ok("tests-for", "--root", str(repo), "--git-diff", "HEAD", "--format", "pytest") == ""


# the key test: the selected tests are exactly those that fail

BREAKS = {
    "price raises": ("shop/pricing.py", "    return len(str(item))\n", {TOTAL}),
    "add raises": ("shop/cart.py", "        self.items.append((item, qty))\n", {ADD, TOTAL}),
    "with_tax raises": ("shop/pricing.py", "    return amount * (1 + rate)\n", {TOTAL}),
    "validate raises": ("shop/base.py", "    return model is not None\n", set()),
}


def _failing(project: Path) -> set[str]:
    """The node ids of the project's tests that fail (run by pytest, as a user would)."""
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rfE",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(project),
            str(project / "tests"),
        ],
        cwd=project,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stdout + done.stderr
    failed = set(re.findall(r"^(?:FAILED|ERROR) (\S+::\S+)", done.stdout, re.M))
    assert (done.returncode == 1) == bool(failed), done.stdout
    return failed


def test_the_fixture_tests_pass_unchanged(tmp_path: Path) -> None:
    shutil.copytree(SHOP, tmp_path / "shop")
    assert _failing(tmp_path / "shop") == set()


@pytest.mark.parametrize(
    ("edit", "inside"),
    [*((edit, False) for edit in sorted(BREAKS)), ("price raises", True)],
    ids=[*sorted(BREAKS), "price raises, root in a subfolder of the repository"],
)
def test_tests_for_git_diff_selects_exactly_the_failing_tests(
    tmp_path: Path, edit: str, inside: bool
) -> None:
    repo = tmp_path / "repo"
    project = repo / "proj" if inside else repo
    shutil.copytree(SHOP, project)
    if inside:
        (repo / "README").write_text("a project in a subfolder of the repository\n")
    _commit(repo)
    name, line, expected = BREAKS[edit]
    source = project / name
    text = source.read_text(encoding="utf-8")
    assert text.count(line) == 1
    indent = line[: len(line) - len(line.lstrip())]
    source.write_text(text.replace(line, f"{indent}raise RuntimeError('broken')\n"), "utf-8")
    failing = _failing(project)
    assert failing == expected  # the edit breaks what it should
    done = _run("tests-for", "--root", str(project), "--git-diff", "HEAD", "--format", "pytest")
    assert done.returncode == 0, done.stderr
    assert all("::" in line for line in done.stdout.splitlines())
    assert set(done.stdout.split()) == failing


def test_root_defaults_to_the_current_folder() -> None:
    done = _run("impact", "shop.pricing.price", "--format", "json", cwd=SHOP)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["target"]["qualified_name"] == "shop.pricing.price"
