"""editors/helix/languages.toml with a real Helix driving the real hive-ls.

`hx` comes from Debian testing (editors/test.sh installs it into editors/.cache/helix):
`hx --health` shows the server configured for every language, and a tmux-driven session
shows the symbol picker and a hover answered by hive-ls.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.editors.harness import CACHE, EDITORS, server_env, workspace

HX = Path(os.environ.get("HIVE_HX", CACHE / "helix" / "hx"))
LANGUAGES = [
    "python", "javascript", "typescript", "tsx", "go", "rust",
    "java", "c", "cpp", "c-sharp", "ruby", "php",
]  # fmt: skip
ANSI = re.compile(r"\x1b\[[0-9;]*m")

pytestmark = pytest.mark.skipif(
    not HX.exists(),
    reason=f"hx is not installed at {HX}: bash editors/test.sh installs it "
    "(and says why when it cannot)",
)


@pytest.fixture(scope="module")
def config_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("helix-config")
    (home / "helix").mkdir()
    shutil.copy(EDITORS / "helix" / "languages.toml", home / "helix" / "languages.toml")
    return home


def hx_env(config_home: Path) -> dict[str, str]:
    env = server_env()
    env["XDG_CONFIG_HOME"] = str(config_home)
    env["XDG_CACHE_HOME"] = str(config_home / "cache")
    env["XDG_DATA_HOME"] = str(config_home / "data")
    return env


@pytest.mark.parametrize("language", LANGUAGES)
def test_health_shows_hive_ls(config_home: Path, language: str) -> None:
    proc = subprocess.run(
        [str(HX), "--health", language],
        env=hx_env(config_home),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    text = ANSI.sub("", proc.stdout + proc.stderr)
    assert "Error parsing" not in text, text  # hx exits 0 even on a broken languages.toml
    assert re.search(r"✓ hive-ls: \S*hive-ls", text), text
    assert "✘" not in text.split("Configured debug adapter")[0], text  # no other server listed


class Tmux:
    """One Helix in a private tmux server, read back with capture-pane."""

    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.socket = f"hive-hx-{uuid.uuid4().hex[:8]}"
        self.env = env
        self.cwd = cwd

    def tmux(self, *args: str) -> str:
        proc = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return proc.stdout

    def start(self, *command: str) -> None:
        # the command runs directly (no shell whose start-up files could change PATH)
        self.tmux(
            "new-session", "-d", "-s", "hx", "-x", "160", "-y", "45", "-c", str(self.cwd),
            "--", *command,
        )  # fmt: skip

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "hx", *keys)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-t", "hx", "-p")

    def wait_for(self, pattern: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if re.search(pattern, screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{pattern!r} did not appear within {timeout}s; the screen:\n{screen}")

    def ask(self, keys: list[str], pattern: str, timeout: float = 30) -> str:
        """Press ``keys`` until ``pattern`` shows (hive-ls may still be starting or indexing)."""
        deadline = time.monotonic() + timeout
        while True:
            self.keys(*keys)
            try:
                return self.wait_for(pattern, timeout=2)
            except AssertionError:
                if time.monotonic() > deadline:
                    raise
                self.keys("Escape")

    def stop(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)


@pytest.fixture
def helix(config_home: Path, tmp_path: Path) -> Iterator[Tmux]:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is missing: editors/test.sh installs it")
    ws = workspace(tmp_path)
    session = Tmux(hx_env(config_home), ws)
    session.start(str(HX), "shop/cart.py")
    try:
        session.wait_for(r"shop/cart\.py")
        yield session
    finally:
        session.stop()


def test_symbol_picker_answered_by_hive_ls(helix: Tmux) -> None:
    screen = helix.ask(["Space", "s"], r"kind\s+name")
    screen = helix.wait_for(r"class\s+Cart\s")
    for method in ("__init__", "add", "total", "checkout"):
        assert re.search(rf"method\s+{method}\b", screen), screen
    assert re.search(r"\b5/5\b", screen), screen  # exactly the five symbols of cart.py


def test_hover_answered_by_hive_ls(helix: Tmux) -> None:
    # line 23 is `return pricing.with_tax(subtotal)`; column 26 is inside `with_tax`
    helix.wait_for(r"\b1:1\b")
    helix.keys(":23", "Enter")
    helix.keys("g", "h", "2", "5", "l")
    helix.wait_for(r"\b23:26\b")
    screen = helix.ask(["Space", "k"], r"Add tax to amount")
    assert "def with_tax(amount, rate=TAX_RATE)" in screen, screen
    assert "shop.pricing.with_tax" in screen, screen
