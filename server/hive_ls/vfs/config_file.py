"""Reading config files: a workspace's ``.hive/config.toml`` and the user's own config file."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_PATH = Path(".hive") / "config.toml"
USER_CONFIG_ENV = "HIVE_LS_CONFIG"


def read_toml(path: str | Path) -> tuple[dict[str, Any], list[str]]:
    """The table in the TOML file at ``path`` (empty when absent) and any problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return {}, []
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [f"{path}: cannot read it ({exc}); using defaults"]
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as exc:
        return {}, [f"{path}: not valid TOML ({exc}); using defaults"]


def read_config(root: str) -> tuple[dict[str, Any], list[str]]:
    """The settings table in ``root/.hive/config.toml`` (empty when absent) and any problem."""
    return read_toml(Path(root) / CONFIG_PATH)


def user_config_path() -> str:
    """The user's own config file.

    ``$HIVE_LS_CONFIG``, else ``$XDG_CONFIG_HOME/hive-ls/config.toml``, else the platform's
    place: ``~/.config`` on Linux, ``~/Library/Application Support`` on macOS, ``%APPDATA%`` on
    Windows.
    """
    explicit = os.environ.get(USER_CONFIG_ENV, "").strip()
    if explicit:
        return os.path.expanduser(explicit)
    base = os.environ.get("XDG_CONFIG_HOME", "")
    if not os.path.isabs(base):  # the XDG spec says to ignore a relative value
        home = os.path.expanduser("~")
        if sys.platform == "win32":
            base = os.environ.get("APPDATA") or os.path.join(home, "AppData", "Roaming")
        elif sys.platform == "darwin":
            base = os.path.join(home, "Library", "Application Support")
        else:
            base = os.path.join(home, ".config")
    return os.path.join(base, "hive-ls", "config.toml")


def read_user_config() -> tuple[str, dict[str, Any], list[str]]:
    """The user's config file: its path, its table (empty when absent) and any problem."""
    path = user_config_path()
    data, problems = read_toml(path)
    return path, data, problems


def trusted_folders(user_config: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The folders ``[trust] folders`` of the user's config names (real paths), and problems."""
    table = user_config.get("trust")
    if table is None:
        return [], []
    folders = table.get("folders") if isinstance(table, dict) else None
    if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
        return [], ["[trust] folders in your config must be a list of folder paths"]
    return [os.path.realpath(os.path.expanduser(f)) for f in folders if f.strip()], []


def is_inside(root: str, folders: list[str]) -> bool:
    """Whether ``root`` is one of ``folders`` or lies inside one (real paths)."""
    real = os.path.realpath(root)
    return any(real == f or real.startswith(f.rstrip(os.sep) + os.sep) for f in folders)
