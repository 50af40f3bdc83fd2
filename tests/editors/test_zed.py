"""editors/zed: the manifest, the settings snippet and the launch command, checked for real.

Zed itself cannot run or build here (no binary on the registries, no wasm toolchain or crates
offline), so this checks what can be: the manifest and the settings snippet parse, their ids
and languages agree, the Rust source launches what the manifest names, and that exact
command serves a real client (headless Neovim).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.editors.harness import EDITORS, run_nvim, server_env, workspace

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ZED = EDITORS / "zed"
#: Zed's names for the languages hive-ls serves (Java, CSharp, Ruby, PHP come from Zed's
#: extensions of those names)
ZED_LANGUAGES = {
    "Python", "JavaScript", "TypeScript", "TSX", "Go", "Rust",
    "Java", "C", "C++", "CSharp", "Ruby", "PHP",
}  # fmt: skip


def strip_jsonc(text: str) -> str:
    """JSON with // and /* */ comments and trailing commas -> JSON (strings kept intact)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == '"':
            end = i + 1
            while text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            out.append(text[i : end + 1])
            i = end + 1
        elif text.startswith("//", i):
            i = text.find("\n", i) if "\n" in text[i:] else len(text)
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 2
        else:
            out.append(char)
            i += 1
    return re.sub(r",(\s*[}\]])", r"\1", "".join(out))


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    parsed: dict[str, Any] = tomllib.loads((ZED / "extension.toml").read_text(encoding="utf-8"))
    return parsed


@pytest.fixture(scope="module")
def settings() -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(strip_jsonc((ZED / "settings.jsonc").read_text("utf-8")))
    return parsed


@pytest.fixture(scope="module")
def source() -> str:
    return (ZED / "src" / "lib.rs").read_text(encoding="utf-8")


def launch_of(source: str) -> tuple[str, list[str]]:
    """The executable and default arguments the Rust source launches."""
    binary = re.search(r'^const BINARY: &str = "([^"]+)";', source, re.M)
    args = re.search(r"^const DEFAULT_ARGS: &\[&str\] = &\[([^\]]*)\];", source, re.M)
    assert binary and args, "BINARY / DEFAULT_ARGS not found in src/lib.rs"
    return binary.group(1), re.findall(r'"([^"]*)"', args.group(1))


def test_strip_jsonc_keeps_strings() -> None:
    text = '{"a": "x // y", /* c */ "b": [1, 2,], // d\n "c": "\\"//\\""}'
    assert json.loads(strip_jsonc(text)) == {"a": "x // y", "b": [1, 2], "c": '"//"'}


def test_manifest(manifest: dict[str, Any]) -> None:
    assert manifest["id"] == "hive-ls"
    assert manifest["schema_version"] == 1
    assert re.fullmatch(r"\d+\.\d+\.\d+", manifest["version"])
    assert manifest["authors"] and manifest["description"]
    servers = manifest["language_servers"]
    assert list(servers) == ["hive-ls"]
    assert servers["hive-ls"]["name"] == "hive-ls"
    assert set(servers["hive-ls"]["languages"]) == ZED_LANGUAGES
    assert "language" not in servers["hive-ls"]  # one of `language` / `languages`


def test_cargo_matches_the_manifest(manifest: dict[str, Any]) -> None:
    cargo = tomllib.loads((ZED / "Cargo.toml").read_text(encoding="utf-8"))
    assert cargo["package"]["version"] == manifest["version"]
    assert cargo["lib"]["crate-type"] == ["cdylib"]  # Zed loads the extension as wasm
    assert "zed_extension_api" in cargo["dependencies"]
    assert (ZED / cargo["lib"]["path"]).exists()
    assert (ZED / "LICENSE").exists()  # Zed's registry requires one


def test_settings_use_the_manifest_ids(manifest: dict[str, Any], settings: dict[str, Any]) -> None:
    ids = set(manifest["language_servers"])
    assert set(settings["lsp"]) == ids
    languages = settings["languages"]
    assert set(languages) == ZED_LANGUAGES
    for name, language in languages.items():
        servers = language["language_servers"]
        assert servers[0] in ids, (name, servers)
        assert servers[1:] == ["..."], (name, servers)  # Zed's other servers stay
    options = settings["lsp"]["hive-ls"]["initialization_options"]
    assert options == {"hive-ls": {}}  # the server's section; nothing overridden by default
    assert "binary" not in settings["lsp"]["hive-ls"]  # default: hive-ls found on PATH


def test_source_reads_the_settings_of_its_own_id(source: str) -> None:
    assert "zed::register_extension!(HiveLs);" in source
    uses = re.findall(r"LspSettings::for_worktree\(([^,]+),", source)
    assert uses and all(u == "language_server_id.as_ref()" for u in uses), uses
    assert "fn language_server_initialization_options" in source
    assert "fn language_server_workspace_configuration" in source


def test_the_launched_command_serves_a_real_client(source: str, tmp_path: Path) -> None:
    binary, args = launch_of(source)
    assert (binary, args) == ("hive-ls", ["serve"])
    # worktree.which(BINARY) finds it on the PATH Zed gives the worktree
    command = shutil.which(binary, path=server_env()["PATH"])
    assert command is not None, f"{binary} is not on PATH"
    ws = workspace(tmp_path)
    recorded = run_nvim(tmp_path, ws, cmd=[command, *args], only_basics=True)
    assert recorded["attach"]["cmd"] == [command, *args]
    assert recorded["attach"]["server_info"]["name"] == "hive-ls"
    assert recorded["status"]["files"] == 6
    names = [s["name"] for s in recorded["documentSymbol"]]
    assert "Cart" in names, names
    found = recorded["definition"]
    found = found if isinstance(found, list) else [found]
    assert any((d.get("uri") or d.get("targetUri", "")).endswith("shop/pricing.py") for d in found)
