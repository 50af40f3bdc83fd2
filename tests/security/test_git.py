"""Test selection from ``git diff`` reads only, whatever the repository says.

No option is smuggled in as a revision, and no program the repository's own git config names
(fsmonitor hooks, clean filters) is started.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest_lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.conftest import SERVER, start
from tests.security.hostile import cli, make_repo, marker_script


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        check=True,
        capture_output=True,
    )


def _repository(root: Path) -> Path:
    repo = make_repo(root)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first")
    core = repo / "pkg" / "core.py"
    core.write_text(core.read_text().replace("sum(items)", "sum(items) + 0"))
    return repo


def test_a_revision_cannot_be_an_option(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    planted = tmp_path / "written-by-git"
    done = cli("tests-for", "--root", str(repo), f"--git-diff=--output={planted}")
    assert done.returncode == 2
    assert "not a git revision" in done.stderr
    assert not planted.exists(), "git wrote a file the repository chose"
    ok = cli("tests-for", "--root", str(repo), "--git-diff", "HEAD", "--format", "pytest")
    assert ok.returncode == 0, ok.stderr
    assert "tests/test_core.py::test_total" in ok.stdout


def test_the_repositorys_git_config_starts_no_program(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    monitor, filtered = tmp_path / "fsmonitor-ran", tmp_path / "filter-ran"
    hook = marker_script(tmp_path / "hooks" / "monitor", monitor)
    cleaner = marker_script(tmp_path / "hooks" / "clean", filtered)
    _git(repo, "config", "core.fsmonitor", str(hook))
    _git(repo, "config", "filter.evil.clean", f"{cleaner}; cat")
    _git(repo, "config", "filter.evil.process", str(cleaner))
    (repo / ".gitattributes").write_text("*.py filter=evil\n")
    done = cli("tests-for", "--root", str(repo), "--git-diff", "HEAD", "--format", "pytest")
    assert done.returncode == 0, done.stderr
    assert "tests/test_core.py::test_total" in done.stdout
    assert not monitor.exists(), "git ran the repository's fsmonitor hook"
    assert not filtered.exists(), "git ran the repository's clean filter"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def test_tests_for_request_rejects_an_option(client: LanguageClient, tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    planted = tmp_path / "written-by-git"
    await start(client, repo)
    try:
        await client.protocol.send_request_async(
            "hive/testsFor", {"gitDiff": f"--output={planted}"}
        )
    except Exception as exc:
        assert "not a git revision" in str(exc)
    else:
        raise AssertionError("an option passed as a revision must be an error")
    assert not planted.exists()
    found = await client.protocol.send_request_async("hive/testsFor", {"gitDiff": "HEAD"})
    assert found.tests, "a real revision still selects the tests"
