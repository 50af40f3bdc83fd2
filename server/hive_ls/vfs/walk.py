"""Walks a workspace root and lists the files to index, skipping ignored and odd entries."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from typing import NamedTuple

from hive_ls.base.settings import IndexSettings
from hive_ls.vfs.ignore import IgnoreRules
from hive_ls.vfs.reader import Skipped

log = logging.getLogger(__name__)


class SourceFile(NamedTuple):
    """A file to index: absolute path, path relative to its root (posix), and its language."""

    path: str
    relpath: str
    language: str


def walk(
    root: str,
    rules: IgnoreRules,
    settings: IndexSettings,
    language_of: Callable[[str], str | None],
    start: str = "",
) -> Iterator[SourceFile | Skipped]:
    """Yield the source files under ``root`` (or its sub-folder ``start``) and the entries skipped.

    Folders are not descended into when ignored. A symlinked folder is followed when it leads
    outside ``root`` to a folder not walked yet; links back into the workspace or to a folder
    already walked (a loop) are skipped with a reason.
    """
    root = os.path.realpath(root)
    seen_dirs = {root}
    stack = [start.strip("/")]
    while stack:
        reldir = stack.pop()
        directory = os.path.join(root, reldir) if reldir else root
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Skipped(directory, "unreadable", exc.strerror or str(exc))
            continue
        subdirs: list[str] = []
        for entry in entries:
            rel = f"{reldir}/{entry.name}" if reldir else entry.name
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError as exc:
                yield Skipped(entry.path, "unreadable", exc.strerror or str(exc))
                continue
            if rules.ignored_here(rel, is_dir):
                continue
            if is_dir:
                if is_link:
                    target = os.path.realpath(entry.path)
                    if target == root or target.startswith(root + os.sep):
                        yield Skipped(
                            entry.path, "symlink", f"duplicate of {target}, walked anyway"
                        )
                        continue
                    if root.startswith(target + os.sep) or target in seen_dirs:
                        yield Skipped(
                            entry.path, "symlink-loop", f"folder already walked: {target}"
                        )
                        continue
                    if not settings.follow_symlinks:
                        yield Skipped(entry.path, "symlink", "symlinked folder not followed")
                        continue
                    seen_dirs.add(target)
                subdirs.append(rel)
                continue
            language = language_of(rel)
            if language is None:
                continue
            if is_link and not os.path.exists(entry.path):
                yield Skipped(entry.path, "missing", "dangling symlink")
                continue
            yield SourceFile(entry.path, rel, language)
        stack.extend(reversed(subdirs))
