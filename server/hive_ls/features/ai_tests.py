"""Running the tests that reach changed code on a temporary copy of the workspace, never on it.

The tests are chosen by the dependence graph (``test_selection``); the workspace root is
copied (a small root whole, a large one as its indexed files plus the files at its top), the
edited files are written into the copy, and ``python -m pytest -q -x <ids>`` runs there in its
own process group, killed when it outlives its time.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.analysis.testing import is_test_file
from hive_ls.features.graph_lookup import GraphNotReady
from hive_ls.features.test_selection import changed_keys, tests_for_keys

SMALL_ROOT_FILES = 3000  # a root with fewer files (and bytes) is copied whole
SMALL_ROOT_BYTES = 64 * 1024 * 1024
MAX_TEST_IDS = 200
_SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".tox",
        ".nox",
        ".hive",
    }
)
_FAILURE = re.compile(r"^(FAILED|ERROR) (.+)$", re.MULTILINE)

#: (path, path inside its root, new bytes, changed 1-based line ranges) of one edited file
Change = tuple[str, str, bytes, list[tuple[int, int]]]


def run_selected_tests(
    sync: GraphSync, snap: Snapshot, edited: Sequence[Change], timeout: float
) -> tuple[list[str], list[str]]:
    """Run the Python tests reaching the edited code on a copy with the edits applied.

    Returns the problems (the first failing test, a timeout) and notes (what ran, or why
    nothing did: no tests reach the change, which is no failure).
    """
    try:
        keys = changed_keys(sync, {path: ranges or None for path, _, _, ranges in edited})
        hits = tests_for_keys(sync, keys)
    except GraphNotReady:
        return [], ["The dependence graph is not built yet, so no tests were selected."]
    runnable: dict[str, list[str]] = {}  # root -> pytest ids
    for path, relpath, _, _ in edited:  # an edited test file runs whole: new tests included
        spec = snap.registry.for_path(path)
        entry = snap.entry(path)
        if spec is not None and spec.name == "python" and is_test_file(spec, relpath):
            root = entry.root if entry is not None else _root_of(snap, path)
            if root:
                runnable.setdefault(root, []).append(relpath)
    others = 0
    for hit in hits:
        entry = snap.entry(hit.item.path)
        if entry is None or entry.facts.language != "python":
            others += 1
            continue
        runnable.setdefault(entry.root, []).append(hit.test_id)
    notes = []
    if others:
        notes.append(f"{others} test(s) in other languages reach the change; only pytest runs.")
    if not runnable:
        notes.append("No tests reach the changed code, so none were run.")
        return [], notes
    root, ids = next(iter(runnable.items()))
    if len(runnable) > 1:
        notes.append(f"Tests of {len(runnable) - 1} other workspace folder(s) were not run.")
    ids = list(dict.fromkeys(ids))
    if len(ids) > MAX_TEST_IDS:
        notes.append(f"{len(ids)} tests reach the change; the first {MAX_TEST_IDS} were run.")
        ids = ids[:MAX_TEST_IDS]
    problems, ran = _run_in_copy(snap, root, edited, ids, timeout)
    return problems, [*notes, *ran]


def _root_of(snap: Snapshot, path: str) -> str:
    for root in snap.roots:
        if path.startswith(root.rstrip(os.sep) + os.sep):
            return root
    return ""


def _measure(root: str) -> bool:
    """Whether ``root`` is small enough to copy whole (stops counting once it is not)."""
    files = size = 0
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in _SKIP_DIRS]
        for name in names:
            files += 1
            try:
                size += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
            if files > SMALL_ROOT_FILES or size > SMALL_ROOT_BYTES:
                return False
    return True


def _ignore(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n in _SKIP_DIRS}


def _copy_root(snap: Snapshot, root: str, dest: str) -> None:
    if _measure(root):
        shutil.copytree(root, dest, symlinks=True, ignore=_ignore)
        return
    os.makedirs(dest, exist_ok=True)
    for entry in snap.files.values():
        if entry.root == root:
            _write(os.path.join(dest, entry.relpath), entry.data)
    for name in os.listdir(root):  # configuration: pyproject.toml, pytest.ini, setup.cfg ...
        source = os.path.join(root, name)
        if os.path.isfile(source) and not os.path.exists(os.path.join(dest, name)):
            shutil.copy2(source, os.path.join(dest, name))


def _write(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


def _python_for(root: str) -> str:
    """The workspace's own interpreter when it has a virtual environment, else ours."""
    for folder in (".venv", "venv", "env"):
        for tail in (("bin", "python"), ("Scripts", "python.exe")):
            candidate = os.path.join(root, folder, *tail)
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
    return sys.executable


def _run_in_copy(
    snap: Snapshot, root: str, edited: Sequence[Change], ids: list[str], timeout: float
) -> tuple[list[str], list[str]]:
    notes: list[str] = []
    scratch = tempfile.mkdtemp(prefix="hive-ls-check-")
    try:
        dest = os.path.join(scratch, os.path.basename(root.rstrip(os.sep)) or "root")
        _copy_root(snap, root, dest)
        top = root.rstrip(os.sep) + os.sep
        for path, relpath, data, _ in edited:
            if not path.startswith(top):
                notes.append(f"{relpath} is outside {root}: the tests ran without its edit.")
                continue
            _write(os.path.join(dest, os.path.relpath(path, root)), data)
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        paths = [
            dest,
            *([os.path.join(dest, "src")] if os.path.isdir(os.path.join(dest, "src")) else []),
        ]
        env["PYTHONPATH"] = os.pathsep.join([*paths, *filter(None, [env.get("PYTHONPATH")])])
        command = [_python_for(root), "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *ids]
        code, output, timed_out = _run(command, dest, env, timeout)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if timed_out:
        return [
            f"The selected tests did not finish within {timeout:g} s ({len(ids)} tests)."
        ], notes
    if code == 0:
        return [], [*notes, f"{len(ids)} selected test(s) pass with the edits."]
    if code == 5:
        return [], [*notes, "pytest collected none of the selected tests."]
    failure = _FAILURE.search(output)
    if failure is not None:
        return [f"A test fails with the edits: {failure.group(2).strip().rstrip('.')}."], notes
    tail = " | ".join(line for line in output.strip().splitlines()[-3:] if line.strip())
    return [f"The tests could not run with the edits (pytest exit code {code}): {tail}."], notes


def _run(
    command: list[str], cwd: str, env: dict[str, str], timeout: float
) -> tuple[int, str, bool]:
    """Run ``command`` in its own process group; kill the group when it outlives ``timeout``."""
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        out, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            process.kill()
        process.communicate()
        return -1, "", True
    return process.returncode, out.decode("utf-8", "replace"), False
