"""Workspace files: ignore rules, the walk's skip reasons, and safe reading."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hive_ls.analysis.indexer import Indexed, index_files, plan
from hive_ls.base.settings import IndexSettings
from hive_ls.parse.registry import default_registry
from hive_ls.vfs.ignore import IgnoreRules
from hive_ls.vfs.reader import Skipped, read_source
from hive_ls.vfs.walk import SourceFile, walk


def _language(relpath: str) -> str | None:
    spec = default_registry().for_path(relpath)
    return spec.name if spec else None


def _walk(root: Path, settings: IndexSettings | None = None) -> tuple[list[str], list[Skipped]]:
    settings = settings or IndexSettings()
    found, skipped = [], []
    for item in walk(str(root), IgnoreRules(str(root.resolve()), settings), settings, _language):
        if isinstance(item, SourceFile):
            found.append(item.relpath)
        else:
            skipped.append(item)
    return sorted(found), skipped


def _tree(root: Path, files: dict[str, str]) -> None:
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_gitignore_nested_negation_and_hiveignore(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".gitignore": "build/\n*.gen.py\n",
            ".hiveignore": "vendor/\n",
            "a.py": "",
            "b.gen.py": "",
            "build/c.py": "",
            "vendor/d.py": "",
            "pkg/.gitignore": "!keep.gen.py\nlocal.py\n",
            "pkg/keep.gen.py": "",
            "pkg/local.py": "",
            "pkg/e.py": "",
            "node_modules/x/index.js": "",
            "notes.txt": "",
        },
    )
    found, _ = _walk(tmp_path)
    assert found == ["a.py", "pkg/e.py", "pkg/keep.gen.py"]


def test_gitignore_can_be_turned_off_but_not_hiveignore(tmp_path: Path) -> None:
    _tree(tmp_path, {".gitignore": "*.py\n", ".hiveignore": "b.py\n", "a.py": "", "b.py": ""})
    found, _ = _walk(tmp_path, IndexSettings(gitignore=False))
    assert found == ["a.py"]


def test_exclude_setting(tmp_path: Path) -> None:
    _tree(tmp_path, {"a.py": "", "gen/b.py": "", "c_test.py": ""})
    found, _ = _walk(tmp_path, IndexSettings(exclude=("gen/", "*_test.py")))
    assert found == ["a.py"]


def test_symlinks_loops_outside_and_dangling(tmp_path: Path) -> None:
    root, outside = tmp_path / "ws", tmp_path / "shared"
    _tree(root, {"a.py": "", "sub/b.py": ""})
    _tree(outside, {"lib.py": ""})
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "twin").symlink_to(root / "sub", target_is_directory=True)
    (root / "shared").symlink_to(outside, target_is_directory=True)
    (root / "gone.py").symlink_to(tmp_path / "missing.py")
    found, skipped = _walk(root, IndexSettings(follow_symlinks=True))
    assert found == ["a.py", "shared/lib.py", "sub/b.py"]
    reasons = sorted((Path(s.path).name, s.reason) for s in skipped)
    assert reasons == [("gone.py", "missing"), ("loop", "symlink"), ("twin", "symlink")]
    found, skipped = _walk(root)  # by default nothing outside the workspace is read
    assert found == ["a.py", "sub/b.py"]
    assert ("shared", "symlink") in [(Path(s.path).name, s.reason) for s in skipped]


def test_symlinked_files_outside_are_not_read_unless_asked(tmp_path: Path) -> None:
    root, secret = tmp_path / "ws", tmp_path / "secret"
    _tree(root, {"a.py": "", "sub/inner.py": ""})
    _tree(secret, {"id_rsa": "-----BEGIN PRIVATE KEY-----"})
    (root / "key.py").symlink_to(secret / "id_rsa")
    (root / "sub" / "alias.py").symlink_to(root / "a.py")  # inside: fine
    found, skipped = _walk(root)
    assert found == ["a.py", "sub/alias.py", "sub/inner.py"]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [("key.py", "symlink")]
    assert str(secret / "id_rsa") in skipped[0].detail
    found, _ = _walk(root, IndexSettings(follow_symlinks=True))
    assert "key.py" in found


def test_a_symlink_to_the_filesystem_root_is_never_walked(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    _tree(root, {"a.py": ""})
    (root / "everything").symlink_to("/", target_is_directory=True)
    for settings in (IndexSettings(), IndexSettings(follow_symlinks=True)):
        found, skipped = _walk(root, settings)
        assert found == ["a.py"]
        assert [s.reason for s in skipped] == ["symlink-loop"]


def test_read_source_reasons(tmp_path: Path) -> None:
    (tmp_path / "bin.py").write_bytes(b"x = 1\x00\x01")
    (tmp_path / "latin1.py").write_bytes("x = 'caf\xe9'".encode("latin-1"))
    (tmp_path / "big.py").write_text("x = 1\n" * 100)
    (tmp_path / "bom.py").write_bytes(b"\xef\xbb\xbfx = 1\n")
    assert read_source(str(tmp_path / "bin.py"), 1000).reason == "binary"  # type: ignore[union-attr]
    latin = read_source(str(tmp_path / "latin1.py"), 1000)
    assert isinstance(latin, Skipped) and latin.reason == "undecodable"
    assert "byte 8" in latin.detail
    big = read_source(str(tmp_path / "big.py"), 100)
    assert isinstance(big, Skipped) and big.reason == "huge"
    assert read_source(str(tmp_path / "bom.py"), 1000) == b"x = 1\n"
    gone = read_source(str(tmp_path / "nothing.py"), 1000)
    assert isinstance(gone, Skipped) and gone.reason == "missing"
    folder = read_source(str(tmp_path), 1000)
    assert isinstance(folder, Skipped) and folder.reason == "not-a-file"


def test_file_deleted_between_listing_and_reading(tmp_path: Path) -> None:
    _tree(tmp_path, {"a.py": "def a(): pass\n", "b.py": "def b(): pass\n"})
    root = str(tmp_path.resolve())
    settings = IndexSettings(workers=1)
    todo = plan([(root, "")], {root: IgnoreRules(root, settings)}, settings, default_registry())
    os.remove(tmp_path / "b.py")
    results = [r for batch in index_files(todo, settings) for r in batch]
    assert [r.facts.path for r in results if isinstance(r, Indexed)] == [os.path.join(root, "a.py")]
    assert [(Path(r.path).name, r.reason) for r in results if isinstance(r, Skipped)] == [
        ("b.py", "missing")
    ]


def test_index_survives_worker_processes_that_cannot_start(tmp_path: Path) -> None:
    # run from stdin, spawned workers cannot re-import __main__: the pool breaks at once
    body = "".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(600))
    for index in range(120):  # > 1.5 MB, so the index would use worker processes
        (tmp_path / f"m{index}.py").write_text(body)
    script = (
        "from hive_ls.cli.workspace import index_folder\n"
        f"host, report = index_folder({str(tmp_path)!r}, show_progress=False)\n"
        "print(report.files, report.symbols)\n"
    )
    done = subprocess.run(
        [sys.executable, "-"],
        input=script,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["120", str(120 * 600)]
    assert "indexing the rest in this process" in done.stderr
