"""The index folder holds data only, for this user only, where the user says; no link leads out.

A planted facts snapshot cannot run code (nothing is unpickled), a repository cannot choose
where the index is written, index folders are 0700 and their files 0600, and files that are
symlinks out of the workspace (a private key, ``/etc/passwd``) are never read.
"""

from __future__ import annotations

import json
import os
import pickle
import stat
from pathlib import Path

from hive_ls.store import default_index_dir
from tests.security.hostile import cli, listing, make_repo


class _Planted:
    """A pickle that writes a marker file when loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, ...]]:
        return (os.system, (f"echo pwned > '{self.marker}'",))


def test_a_planted_facts_snapshot_runs_nothing(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    marker = tmp_path / "pickle-ran"
    folder = Path(default_index_dir(str(repo)))  # predictable from the checkout's path
    folder.mkdir(parents=True)
    payload = pickle.dumps({"pkg/core.py": _Planted(marker)})
    for name in ("facts-v1.pickle", "facts-v2.json"):
        (folder / name).write_bytes(payload)
    done = cli("index", str(repo), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert not marker.exists(), "a planted pickle ran"
    assert json.loads(done.stdout)["files"] == 3, "the files are indexed from their bytes"


def test_stored_facts_read_back_exactly_or_not_at_all(tmp_path: Path) -> None:
    from hive_ls.analysis.codec import decode_facts, encode_facts
    from hive_ls.analysis.sidecar import SIDECAR, read_rows

    repo = make_repo(tmp_path / "repo")
    first = cli("index", str(repo), "--format", "json")
    assert first.returncode == 0, first.stderr
    rows = read_rows(str(Path(default_index_dir(str(repo))) / SIDECAR))
    assert sorted(rows) == ["pkg/__init__.py", "pkg/core.py", "tests/test_core.py"]
    decoded = decode_facts(rows["pkg/core.py"].facts)
    assert decoded is not None
    facts, inert = decoded
    assert [s.name for s in facts.symbols] == ["total", "report"]
    assert encode_facts(facts, inert) == rows["pkg/core.py"].facts
    blob = rows["pkg/core.py"].facts
    assert decode_facts(pickle.dumps(facts)) is None
    assert decode_facts(blob.replace(b'"total"', b"123", 1)) is None  # a name must be text
    assert decode_facts(blob[:-5]) is None
    again = cli("index", str(repo), "--format", "json")
    assert json.loads(again.stdout)["reused"] == 3, "a warm start reads the data back"


def test_a_repo_cannot_choose_where_the_index_goes(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    repo = make_repo(tmp_path / "repo", f'[store]\npath = "{elsewhere}"\n')
    done = cli("index", str(repo), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert not elsewhere.exists(), "an untrusted folder chose where files are written"
    assert "store.path" in done.stderr
    index = json.loads(done.stdout)["index_dir"]
    assert index == default_index_dir(str(repo))
    trusted = cli("index", str(repo), "--format", "json", "--trust")
    assert json.loads(trusted.stdout)["index_dir"].startswith(str(elsewhere))


def test_index_folders_and_files_are_private(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    done = cli("index", str(repo), "--format", "json")
    folder = Path(json.loads(done.stdout)["index_dir"])
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in [folder, *folder.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode & 0o077 == 0, f"{path} is {oct(mode)}: the index holds source text"


def test_log_files_are_private(tmp_path: Path) -> None:
    log = tmp_path / "hive.log"
    done = cli("serve", "--log-file", str(log), env={"PYTHONUNBUFFERED": "1"}, timeout=60)
    assert done.returncode == 1  # no client, no shutdown: the protocol's exit code
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_symlinks_out_of_the_workspace_are_not_read(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    secret = tmp_path / "secret_settings.py"
    secret.write_text("AWS_SECRET = 'hunter2'\n")
    (repo / "pkg" / "passwd.py").symlink_to("/etc/passwd")
    (repo / "pkg" / "settings.py").symlink_to(secret)
    (repo / "everything").symlink_to("/", target_is_directory=True)
    before = listing(repo)
    done = cli("index", str(repo), "--format", "json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["files"] == 3
    assert summary["skip_reasons"] == {"symlink": 2, "symlink-loop": 1}
    found = cli("symbols", str(repo), "AWS_SECRET", "--format", "json")
    assert json.loads(found.stdout) == []
    assert listing(repo) == before
