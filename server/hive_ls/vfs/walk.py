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

    Folders are not descended into when ignored. A symlink (to a folder or a file) that leads
    outside ``root`` is followed only when ``settings.follow_symlinks`` says so (a user-only
    setting: a repository must not make hive-ls read ``~/.ssh``), and then only to a folder not
    walked yet that is neither ``/`` nor a folder holding the root; links back into the
    workspace (duplicates) and loops are skipped with a reason.
    """
    root = os.path.realpath(root)
    seen_dirs = {root}
    allowed = [root]  # where files may lead: the root and the outside folders followed
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
                    if _inside(target, root):
                        yield Skipped(
                            entry.path, "symlink", f"duplicate of {target}, walked anyway"
                        )
                        continue
                    if _inside(root, target) or target in seen_dirs:
                        yield Skipped(
                            entry.path, "symlink-loop", f"folder already walked: {target}"
                        )
                        continue
                    if not settings.follow_symlinks:
                        yield Skipped(
                            entry.path, "symlink", f"leads outside the workspace to {target}"
                        )
                        continue
                    seen_dirs.add(target)
                    allowed.append(target)
                subdirs.append(rel)
                continue
            language = language_of(rel)
            if language is None:
                continue
            if is_link and not os.path.exists(entry.path):
                yield Skipped(entry.path, "missing", "dangling symlink")
                continue
            if is_link and not settings.follow_symlinks:
                target = os.path.realpath(entry.path)
                if not any(_inside(target, place) for place in allowed):
                    yield Skipped(entry.path, "symlink", f"leads outside the workspace to {target}")
                    continue
            yield SourceFile(entry.path, rel, language)
        stack.extend(reversed(subdirs))


def _inside(path: str, folder: str) -> bool:
    """Whether the real path ``path`` is ``folder`` or lies inside it."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
