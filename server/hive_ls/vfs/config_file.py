"""Reading ``.hive/config.toml`` from a workspace root."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_PATH = Path(".hive") / "config.toml"


def read_config(root: str) -> tuple[dict[str, Any], list[str]]:
    """The settings table in ``root/.hive/config.toml`` (empty when absent) and any problem."""
    path = Path(root) / CONFIG_PATH
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [f"{path}: cannot read it ({exc}); using defaults"]
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as exc:
        return {}, [f"{path}: not valid TOML ({exc}); using defaults"]
