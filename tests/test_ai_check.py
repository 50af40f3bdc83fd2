"""The deterministic validator on real fixture code, and one real pytest run on a tiny workspace."""

from __future__ import annotations

from pathlib import Path

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.features.ai_check import check_edits, check_report
from hive_ls.llm.types import Task, TextEdit, Verdict
from tests.helpers import indexed, indexed_pyshop, path_of


def pyshop() -> tuple[GraphSync, Snapshot]:
    return indexed_pyshop()[1:]


def built(root: Path) -> tuple[GraphSync, Snapshot]:
    return indexed(root)[1:]


def task_for(snap: Snapshot, tail: str, qname: str, kind: str = "refactor") -> Task:
    """A task whose region is the definition ``qname`` of the file ending in ``tail``."""
    path = path_of(snap, tail)
    entry = snap.files[path]
    sym = entry.facts.symbols[entry.facts.by_qname[qname][0]]
    region = entry.data[sym.span.start : sym.span.end].decode()
    return Task(kind, "change it", path, "python", region, sym.span.start, sym.span.end)


def replace(snap: Snapshot, path: str, old: str, new: str, after: int = 0) -> TextEdit:
    """An edit replacing the first ``old`` at or after byte ``after`` of ``path``."""
    data = snap.files[path].data
    start = data.index(old.encode(), after)
    return TextEdit(path, start, start + len(old.encode()), new)


def check(
    sync: GraphSync, snap: Snapshot, task: Task, *edits: TextEdit, **options: object
) -> Verdict:
    return check_edits(sync, snap, task, edits, **options)  # type: ignore[arg-type]


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


# ---- an edit that passes ---------------------------------------------------------------------


def test_an_edit_inside_the_region_that_keeps_everything_working_is_ok() -> None:
    sync, snap = pyshop()
    task = task_for(snap, "shop/cart.py", "shop.cart.Cart.total")
    edit = replace(
        snap,
        task.path,
        "return pricing.with_tax(subtotal)",
        "return round(pricing.with_tax(subtotal), 2)",
    )
    assert check(sync, snap, task, edit) == Verdict(True)


def test_no_edits_is_ok() -> None:
    sync, snap = pyshop()
    task = task_for(snap, "shop/cart.py", "shop.cart.Cart.total", kind="explain")
    assert check(sync, snap, task) == Verdict(True)


def test_an_optional_parameter_keeps_every_call_valid() -> None:
    sync, snap = pyshop()
    task = task_for(snap, "shop/cart.py", "shop.cart.Cart.add")
    edit = replace(
        snap, task.path, "def add(self, item, qty=1)", "def add(self, item, qty=1, note=None)"
    )
    assert check(sync, snap, task, edit) == Verdict(True)


# ---- 1. scope --------------------------------------------------------------------------------


def test_an_edit_outside_the_scope_is_rejected() -> None:
    sync, snap = pyshop()
    task = task_for(snap, "shop/cart.py", "shop.cart.Cart.total")
    outside = replace(snap, task.path, "self.save()", "self.save(force=True)")
    verdict = check(sync, snap, task, outside)
    assert not verdict.ok
    assert len(verdict.problems) == 1
    assert "shop/cart.py:28 is outside the scope of the task" in verdict.problems[0]
    assert "shop/cart.py lines 20-23" in verdict.problems[0]


def test_the_scope_list_allows_several_places() -> None:
    sync, snap = pyshop()
    task = task_for(snap, "shop/cart.py", "shop.cart.Cart.total")
    checkout = snap.files[task.path].data.index(b"self.save()")
    wider = Task(
        task.kind,
        task.instruction,
        task.path,
        task.language,
        task.region,
        task.start,
        task.end,
        scope=((task.path, task.start, task.end), (task.path, checkout, checkout + 11)),
    )
    outside = replace(snap, task.path, "self.save()", "self.save(force=True)")
    assert check(sync, snap, wider, outside) == Verdict(True)


def test_overlapping_edits_are_rejected() -> None:
    sync, snap = pyshop()
    task = task_for(snap, "shop/cart.py", "shop.cart.Cart.total")
    first = replace(snap, task.path, "subtotal = sum", "subtotal  = sum")
    second = TextEdit(task.path, first.start + 3, first.end + 2, "x")
    verdict = check(sync, snap, task, first, second)
    assert not verdict.ok
    assert "overlap at shop/cart.py:22" in verdict.problems[0]


def test_an_edit_past_the_end_of_the_file_is_rejected() -> None:
    sync, snap = pyshop()
    task = task_for(snap, "shop/cart.py", "shop.cart.Cart.total")
    size = len(snap.files[task.path].data)
    verdict = check(sync, snap, task, TextEdit(task.path, size + 5, size + 9, "x"))
    assert not verdict.ok
    assert "invalid range" in verdict.problems[0]


# ---- 2. syntax -------------------------------------------------------------------------------


def test_an_edit_that_does_not_parse_is_rejected_with_its_line() -> None:
    sync, snap = pyshop()
    task = task_for(snap, "shop/cart.py", "shop.cart.Cart.add")
    edit = replace(snap, task.path, "def add(self, item, qty=1):", "def add(self, item, qty=1:")
    verdict = check(sync, snap, task, edit)
    assert not verdict.ok
    assert verdict.problems[0].startswith("The edit breaks the syntax of shop/cart.py")
    assert "at line 15" in verdict.problems[0]
    assert "none before" in verdict.problems[0]


def test_a_file_with_errors_may_keep_them_but_not_get_more(tmp_path: Path) -> None:
    write(tmp_path, {"broken.py": "def ok():\n    return 1\n\n\ndef bad(:\n    pass\n"})
    sync, snap = built(tmp_path)
    path = path_of(snap, "broken.py")
    entry = snap.files[path]
    assert entry.facts.errors
    whole = Task("fix", "x", path, "python", "", 0, len(entry.data))
    fine = replace(snap, path, "return 1", "return 2")
    assert check(sync, snap, whole, fine) == Verdict(True)
    worse = replace(snap, path, "return 1", "return (1")
    verdict = check(sync, snap, whole, worse)
    assert not verdict.ok
    assert "at line 2" in verdict.problems[0]


# ---- 3. definitions still used ----------------------------------------------------------------


def test_removing_a_function_others_call_is_rejected_naming_them() -> None:
    sync, snap = pyshop()
    task = task_for(snap, "shop/base.py", "shop.base.validate")
    edit = TextEdit(task.path, task.start, task.end, "")
    verdict = check(sync, snap, task, edit)
    assert not verdict.ok
    problem = verdict.problems[0]
    assert problem.startswith("The edit removes shop.base.validate, which is still used by")
    assert "shop.base.Model.save (shop/base.py:9)" in problem
    assert "shop.cart.Cart.checkout (shop/cart.py:26)" in problem


def test_renaming_a_method_with_callers_is_rejected() -> None:
    sync, snap = pyshop()
    task = task_for(snap, "shop/cart.py", "shop.cart.Cart.add")
    edit = replace(snap, task.path, "def add(", "def add_item(")
    verdict = check(sync, snap, task, edit)
    assert not verdict.ok
    assert "removes shop.cart.Cart.add" in verdict.problems[0]
    assert "app.main (app.py:10)" in verdict.problems[0]
    assert "and 1 more" in verdict.problems[0] or "test_cart" in verdict.problems[0]


def test_a_rename_that_updates_every_caller_is_ok(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"lib.py": "def helper():\n    return 1\n\n\ndef user():\n    return helper()\n"},
    )
    sync, snap = built(tmp_path)
    path = path_of(snap, "lib.py")
    size = len(snap.files[path].data)
    task = Task("refactor", "rename", path, "python", "", 0, size)
    first = replace(snap, path, "def helper", "def assist")
    second = replace(snap, path, "return helper()", "return assist()")
    assert check(sync, snap, task, first, second) == Verdict(True)
    verdict = check(sync, snap, task, first)  # the caller left as it was
    assert not verdict.ok
    assert "removes lib.helper, which is still used by lib.user (lib.py:6)" in verdict.problems[0]


def test_removing_a_helper_used_only_through_star_reexports_is_rejected(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pkg/__init__.py": "from pkg.utils import *\n",
            "pkg/utils/__init__.py": "from pkg.utils.misc import *\n",
            "pkg/utils/misc.py": '__all__ = ["helper"]\n\n\ndef helper():\n    return 1\n',
            "app.py": "import pkg\n\n\ndef main():\n    return pkg.utils.helper()\n",
        },
    )
    sync, snap = built(tmp_path)
    path = path_of(snap, "pkg/utils/misc.py")
    size = len(snap.files[path].data)
    task = Task("refactor", "drop it", path, "python", "", 0, size)
    verdict = check(sync, snap, task, replace(snap, path, "def helper():\n    return 1\n", ""))
    assert not verdict.ok
    assert verdict.problems[0] == (
        "The edit removes pkg.utils.misc.helper, which is still used by pkg.utils.misc.__all__ "
        "(pkg/utils/misc.py:1), app.main (app.py:5)."
    )


# ---- 4. parameters and call sites -------------------------------------------------------------


def test_a_new_required_parameter_is_rejected_with_the_calls_that_miss_it() -> None:
    sync, snap = pyshop()
    task = task_for(snap, "shop/cart.py", "shop.cart.Cart.add")
    edit = replace(snap, task.path, "def add(self, item, qty=1)", "def add(self, item, qty, note)")
    verdict = check(sync, snap, task, edit)
    assert not verdict.ok
    problem = verdict.problems[0]
    assert problem.startswith(
        "The edit changes the parameters of shop.cart.Cart.add to `def add(self, item, qty, note)`"
    )
    assert "4 calls not updated by the edit do not match" in problem
    assert (
        'tests/test_cart.py:6 `cart.add("apple")` passes 1 positional argument and no `qty`'
        in problem
    )
    assert "and 1 more" in problem


def test_a_required_parameter_added_to_a_constructor_checks_the_class_calls() -> None:
    sync, snap = pyshop()
    task = task_for(snap, "shop/cart.py", "shop.cart.Cart.__init__")
    edit = replace(
        snap, task.path, "def __init__(self, owner)", "def __init__(self, owner, currency)"
    )
    verdict = check(sync, snap, task, edit)
    assert not verdict.ok
    assert (
        "app.py:9 `Cart(owner)` passes 1 positional argument and no `currency`"
        in verdict.problems[0]
    )


def test_too_many_arguments_after_removing_a_parameter(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "calc.py": "def scale(value, factor):\n    return value * factor\n",
            "use.py": "from calc import scale\n\n\n"
            "def run():\n    return scale(2, 3) + scale(4, factor=5)\n",
        },
    )
    sync, snap = built(tmp_path)
    path = path_of(snap, "calc.py")
    task = Task("refactor", "x", path, "python", "", 0, len(snap.files[path].data))
    edit = replace(
        snap,
        path,
        "def scale(value, factor):\n    return value * factor",
        "def scale(value):\n    return value * 2",
    )
    verdict = check(sync, snap, task, edit)
    assert not verdict.ok
    problem = verdict.problems[0]
    assert (
        "use.py:5 `scale(2, 3)` passes 2 positional arguments where at most 1 can be taken"
        in problem
    )
    assert "passes the keyword argument `factor`, which is no parameter" in problem


# ---- robustness ------------------------------------------------------------------------------


def test_a_crash_of_the_checker_becomes_a_failed_verdict() -> None:
    sync, snap = pyshop()
    task = task_for(snap, "shop/cart.py", "shop.cart.Cart.total")
    edit = replace(snap, task.path, "subtotal = sum", "subtotal = max")
    verdict = check_edits(sync, None, task, [edit])  # type: ignore[arg-type]
    assert not verdict.ok
    assert verdict.problems[0].startswith("The edits could not be checked: AttributeError")


def test_checks_are_fast_without_tests() -> None:
    sync, snap = pyshop()
    task = task_for(snap, "shop/cart.py", "shop.cart.Cart.add")
    edit = replace(snap, task.path, "def add(self, item, qty=1)", "def add(self, item, qty, note)")
    report = check_report(sync, snap, task, [edit])
    assert report.seconds < 0.5  # ~2 ms on the fixture; generous for slow machines


# ---- 5. tests --------------------------------------------------------------------------------

TINY = {
    "calc.py": "def add(a, b):\n    return a + b\n\n\ndef unused(x):\n    return x\n",
    "tests/test_calc.py": "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n",
}


def test_running_the_selected_tests_rejects_an_edit_that_breaks_one(tmp_path: Path) -> None:
    write(tmp_path, TINY)
    sync, snap = built(tmp_path)
    path = path_of(snap, "calc.py")
    task = task_for(snap, "calc.py", "calc.add", kind="fix")
    edit = replace(snap, path, "return a + b", "return a - b")
    assert check(sync, snap, task, edit) == Verdict(True)  # nothing static is wrong
    report = check_report(sync, snap, task, [edit], run_tests=True, test_timeout_s=120)
    assert not report.verdict.ok
    assert report.verdict.problems[0].startswith(
        "A test fails with the edits: tests/test_calc.py::test_add"
    )
    assert (tmp_path / "calc.py").read_text() == TINY["calc.py"]  # the real file is untouched
    good = replace(snap, path, "return a + b", "return b + a")
    passed = check_report(sync, snap, task, [good], run_tests=True, test_timeout_s=120)
    assert passed.verdict == Verdict(True)
    assert passed.notes == ("1 selected test(s) pass with the edits.",)


def test_no_tests_reaching_the_change_is_a_note_not_a_failure(tmp_path: Path) -> None:
    write(tmp_path, TINY)
    sync, snap = built(tmp_path)
    path = path_of(snap, "calc.py")
    task = task_for(snap, "calc.py", "calc.unused", kind="fix")
    edit = replace(snap, path, "return x", "return x * 1")
    report = check_report(sync, snap, task, [edit], run_tests=True)
    assert report.verdict == Verdict(True)
    assert report.notes == ("No tests reach the changed code, so none were run.",)


def test_tests_that_outlive_their_time_are_a_failure(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "slow.py": "import time\n\n\ndef wait():\n    time.sleep(60)\n    return 1\n",
            "tests/test_slow.py": "from slow import wait\n\n\n"
            "def test_wait():\n    assert wait() == 1\n",
        },
    )
    sync, snap = built(tmp_path)
    path = path_of(snap, "slow.py")
    task = task_for(snap, "slow.py", "slow.wait", kind="fix")
    edit = replace(snap, path, "return 1", "return 1  # same")
    report = check_report(sync, snap, task, [edit], run_tests=True, test_timeout_s=3)
    assert not report.verdict.ok
    assert report.verdict.problems[0] == "The selected tests did not finish within 3 s (1 tests)."
    assert report.seconds < 30


def test_an_edited_test_file_runs_whole_so_new_tests_run_too(tmp_path: Path) -> None:
    write(tmp_path, TINY)
    sync, snap = built(tmp_path)
    path = path_of(snap, "tests/test_calc.py")
    size = len(snap.files[path].data)
    task = Task("tests", "add a test", path, "python", "", size, size)
    edit = TextEdit(path, size, size, "\n\ndef test_new():\n    assert add(1, 1) == 3\n")
    report = check_report(sync, snap, task, [edit], run_tests=True, test_timeout_s=120)
    assert not report.verdict.ok
    assert "tests/test_calc.py::test_new" in report.verdict.problems[0]


def test_call_sites_are_checked_in_other_languages_too(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "lib.ts": "export function scale(v: number): number {\n  return v * 2;\n}\n",
            "use.ts": 'import { scale } from "./lib";\n\n'
            "export function run(): number {\n  return scale(2) + scale(3);\n}\n",
        },
    )
    sync, snap = built(tmp_path)
    path = path_of(snap, "lib.ts")
    task = Task("refactor", "x", path, "typescript", "", 0, len(snap.files[path].data))
    optional = replace(snap, path, "(v: number)", "(v: number, f?: number)")
    assert check(sync, snap, task, optional) == Verdict(True)
    required = replace(snap, path, "(v: number)", "(v: number, f: number)")
    verdict = check(sync, snap, task, required)
    assert not verdict.ok
    assert "2 calls not updated by the edit do not match" in verdict.problems[0]
    assert "use.ts:4 `scale(2)` passes 1 positional argument and no `f`" in verdict.problems[0]


def test_python_indentation_errors_that_tree_sitter_accepts_are_rejected() -> None:
    from hive_ls.features.ai_check import _python_compiles_no_more

    old = b"def f(x):\n    return x\n"
    unindented = b'def f(x):\n"""Doc."""\n    return x\n'
    assert "Python rejects it" in _python_compiles_no_more(old, unindented, "m.py")
    assert _python_compiles_no_more(old, b'def f(x):\n    """Doc."""\n    return x\n', "m.py") == ""
    assert _python_compiles_no_more(b"def (:\n", unindented, "m.py") == ""  # broken before
