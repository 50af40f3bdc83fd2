"""TypeScript's ``baseUrl`` and ``paths``: where a bare import specifier leads in the workspace.

The nearest ``tsconfig.json`` (or ``jsconfig.json``) above the importing file, up to its
workspace root, is read once (comments and trailing commas allowed, as TypeScript allows them);
``extends`` is not followed. A file that does not read back maps nothing.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from typing import Any

CONFIG_NAMES = ("tsconfig.json", "jsconfig.json")
_COMMENTS = re.compile(r'"(?:\\.|[^"\\])*"|//[^\n]*|/\*.*?\*/', re.S)
_TRAILING = re.compile(r",(\s*[}\]])")
_lock = threading.Lock()
_cache: dict[str, tuple[float, tuple[str, dict[str, list[str]]] | None]] = {}
_folders: dict[str, tuple[float, tuple[str, dict[str, list[str]]] | None]] = {}
RECHECK_S = 2.0


def _load(path: str) -> tuple[str, dict[str, list[str]]] | None:
    """``(base folder, paths)`` of one config file; None when it maps nothing."""
    try:
        stamp = os.stat(path).st_mtime
    except OSError:
        return None
    with _lock:
        known = _cache.get(path)
    if known is not None and known[0] == stamp:
        return known[1]
    found: tuple[str, dict[str, list[str]]] | None = None
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read(1_000_000)
        plain = _COMMENTS.sub(lambda m: m.group(0) if m.group(0).startswith('"') else "", text)
        data: Any = json.loads(_TRAILING.sub(r"\1", plain))
        options = data.get("compilerOptions") if isinstance(data, dict) else None
        if isinstance(options, dict):
            folder = os.path.dirname(path)
            base_url = options.get("baseUrl")
            base = (
                os.path.normpath(os.path.join(folder, base_url))
                if isinstance(base_url, str)
                else folder
            )
            paths = options.get("paths")
            mapping = {
                str(k): [str(t) for t in v if isinstance(t, str)]
                for k, v in (paths.items() if isinstance(paths, dict) else ())
                if isinstance(v, list)
            }
            if isinstance(base_url, str) or mapping:
                found = (base, mapping)
    except (OSError, ValueError, UnicodeDecodeError):
        found = None
    with _lock:
        _cache[path] = (stamp, found)
    return found


def mapped_bases(importer: str, specifier: str, roots: tuple[str, ...]) -> list[str]:
    """Where a bare ``specifier`` may point from the file ``importer`` (paths without suffix)."""
    config = _config_for(os.path.dirname(importer), roots)
    return _apply(config, specifier) if config is not None else []


def _config_for(folder: str, roots: tuple[str, ...]) -> tuple[str, dict[str, list[str]]] | None:
    """The mapping of the nearest config file above ``folder`` (looked up again after 2 s)."""
    now = time.monotonic()
    with _lock:
        known = _folders.get(folder)
    if known is not None and now - known[0] < RECHECK_S:
        return known[1]
    root = next(
        (r for r in roots if folder == r or folder.startswith(r.rstrip(os.sep) + os.sep)), ""
    )
    found = None
    here = folder
    while here and here.startswith(root) and found is None:
        for name in CONFIG_NAMES:
            found = _load(os.path.join(here, name))
            if found is not None:
                break
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    with _lock:
        _folders[folder] = (now, found)
    return found


def _apply(config: tuple[str, dict[str, list[str]]], specifier: str) -> list[str]:
    base, mapping = config
    found: list[str] = []
    for pattern, targets in mapping.items():
        prefix, star, suffix = pattern.partition("*")
        if star:
            if specifier.startswith(prefix) and specifier.endswith(suffix):
                middle = specifier[len(prefix) : len(specifier) - len(suffix)]
                found.extend(os.path.join(base, t.replace("*", middle, 1)) for t in targets)
        elif specifier == pattern:
            found.extend(os.path.join(base, t) for t in targets)
    found.append(os.path.join(base, specifier))  # baseUrl itself
    return [os.path.normpath(p) for p in found]
