"""How each language server is started and what it needs (its quirks), for the peer comparison."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import peers


@dataclass(frozen=True)
class Server:
    """One server: how to start it, and its quirks.

    ``settings``: what ``workspace/configuration`` answers, per section (None: defaults).
    ``reference``: the strongest peer of its language, the reference for accuracy.
    ``quirks``: what the harness does for it, in words, for the results.
    """

    name: str
    language: str
    argv: tuple[str, ...]
    version: str
    init_options: dict[str, Any] | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    quirks: str = ""
    reference: bool = False
    is_hive: bool = False

    def available(self) -> bool:
        return Path(self.argv[0]).exists() or shutil.which(self.argv[0]) is not None


def _hive_argv() -> tuple[str, ...]:
    script = Path(sys.executable).with_name("hive-ls")
    return (str(script), "serve") if script.exists() else (sys.executable, "-m", "hive_ls", "serve")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def hive() -> Server:
    """hive-ls itself (``hive-ls serve``), for both languages."""
    return Server("hive-ls", "any", _hive_argv(), _version("hive-ls"), is_hive=True)


def python_peers() -> list[Server]:
    """Basedpyright (the reference), pyrefly, ty, jedi-language-server, python-lsp-server."""
    bin_dir = peers.PYTHON_VENV / "bin"
    pins = peers.PYTHON_PINS
    return [
        Server(
            "basedpyright",
            "python",
            (str(bin_dir / "basedpyright-langserver"), "--stdio"),
            pins["basedpyright"],
            reference=True,
            quirks="analyses in the background after start ($/progress): latencies are measured "
            "after it ends; defaults (no configuration)",
        ),
        Server(
            "pyrefly",
            "python",
            (str(bin_dir / "pyrefly"), "lsp"),
            pins["pyrefly"],
            quirks="defaults (no configuration)",
        ),
        Server(
            "ty",
            "python",
            (str(bin_dir / "ty"), "server"),
            pins["ty"],
            quirks="defaults (no configuration)",
        ),
        Server(
            "jedi-language-server",
            "python",
            (str(bin_dir / "jedi-language-server"),),
            pins["jedi-language-server"],
            quirks="jedi inspects at most 30 files per references search",
        ),
        Server(
            "pylsp",
            "python",
            (str(bin_dir / "pylsp"),),
            pins["python-lsp-server"],
            quirks="no workspace/symbol: first answer is a cross-file definition; jedi inside",
        ),
    ]


def typescript_peers() -> list[Server]:
    """typescript-language-server on TypeScript 5 (the reference), TypeScript 7's native LSP."""
    lib = peers.TS_PREFIX / "node_modules" / "typescript" / "lib"
    pins = peers.TS_PINS
    return [
        Server(
            "typescript-language-server",
            "typescript",
            (
                str(peers.TS_PREFIX / "node_modules" / ".bin" / "typescript-language-server"),
                "--stdio",
            ),
            f"{pins['typescript-language-server']} (typescript {pins['typescript']})",
            init_options={"tsserver": {"path": str(lib / "tsserver.js")}},
            quirks="answers workspace/symbol only with a file open (No Project); a syntax-only "
            "tsserver answers while the project loads (definition lands on the import): latencies "
            "are measured after its $/progress ends",
        ),
        Server(
            "tsc --lsp (TypeScript 7)",
            "typescript",
            (str(peers.NATIVE_PREFIX / "node_modules" / ".bin" / "tsc"), "--lsp", "--stdio"),
            peers.NATIVE_PINS["typescript"],
            quirks="needs a file open for a project, like tsserver",
            reference=True,
        ),
    ]


def for_language(language: str, names: set[str] | None = None) -> list[Server]:
    """hive-ls and the peers of ``language`` (only those named in ``names``, when given)."""
    found = [hive(), *(python_peers() if language == "python" else typescript_peers())]
    return [s for s in found if names is None or s.name in names or s.is_hive]
