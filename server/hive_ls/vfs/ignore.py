"""Ignore rules of a workspace: defaults, settings, ``.gitignore`` and ``.hiveignore`` files."""

from __future__ import annotations

import logging
import os
import threading

import pathspec

from hive_ls.base.settings import DEFAULT_EXCLUDES, IndexSettings

log = logging.getLogger(__name__)

IGNORE_FILES = (".gitignore", ".hiveignore")


def _read_lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read().splitlines()
    except FileNotFoundError:
        return []
    except OSError as exc:
        log.warning("cannot read ignore file %s: %s", path, exc)
        return []


class IgnoreRules:
    """Decides whether a path under ``root`` is ignored, as git would (nested files included).

    Ignore files are read on first need and cached; call ``reset`` when one of them changes.
    """

    def __init__(self, root: str, settings: IndexSettings) -> None:
        self.root = root
        self._settings = settings
        self._base = pathspec.GitIgnoreSpec.from_lines([*DEFAULT_EXCLUDES, *settings.exclude])
        self._layers: dict[str, pathspec.GitIgnoreSpec | None] = {}
        self._lock = threading.Lock()

    def reset(self) -> None:
        """Forget the cached ignore files (one was created, changed or deleted)."""
        with self._lock:
            self._layers.clear()

    def _layer(self, reldir: str) -> pathspec.GitIgnoreSpec | None:
        with self._lock:
            if reldir in self._layers:
                return self._layers[reldir]
        directory = os.path.join(self.root, reldir) if reldir else self.root
        lines: list[str] = []
        names = IGNORE_FILES if self._settings.gitignore else IGNORE_FILES[1:]
        for name in names:
            lines.extend(_read_lines(os.path.join(directory, name)))
        if not reldir and self._settings.gitignore:
            lines.extend(_read_lines(os.path.join(self.root, ".git", "info", "exclude")))
        spec = pathspec.GitIgnoreSpec.from_lines(lines) if lines else None
        with self._lock:
            self._layers[reldir] = spec
        return spec

    def ignored(self, relpath: str, is_dir: bool = False) -> bool:
        """True when ``relpath`` (posix, relative to root) or one of its folders is ignored."""
        parts = relpath.split("/")
        for depth in range(1, len(parts) + 1):
            sub = "/".join(parts[:depth])
            if self.ignored_here(sub, is_dir or depth < len(parts)):
                return True
        return False

    def ignored_here(self, relpath: str, is_dir: bool) -> bool:
        """Whether this exact path is ignored, its folders already known not to be."""
        probe = relpath + "/" if is_dir else relpath
        verdict = self._base.match_file(probe)
        parts = relpath.split("/")
        for depth in range(len(parts)):
            reldir = "/".join(parts[:depth])
            layer = self._layer(reldir)
            if layer is None:
                continue
            inner = "/".join(parts[depth:])
            result = layer.check_file(inner + "/" if is_dir else inner)
            if result.include is not None:
                verdict = result.include
        return verdict
