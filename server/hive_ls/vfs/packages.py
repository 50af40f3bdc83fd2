"""Python's import roots: which folders are packages, and the path a module is named from.

A file's module is named from the folder its top package is imported from: ``server/pkg/a.py``
is ``pkg.a`` when ``server`` holds no ``__init__.py`` (a source root, as ``src/`` is), and
``pkg/a.py`` is ``pkg.a`` in a package at the workspace root. Below a folder named ``src``
everything is named from ``src`` (namespace packages there keep their names). Which folders
hold an ``__init__`` is read from disk once each and kept until ``forget``.
"""

from __future__ import annotations

import os

INIT_FILES = ("__init__.py", "__init__.pyi")


class PackageFolders:
    """Which folders are Python packages, read from disk and kept."""

    def __init__(self) -> None:
        self._known: dict[str, bool] = {}

    def is_package(self, folder: str) -> bool:
        """Whether ``folder`` holds an ``__init__.py`` (or ``.pyi``)."""
        known = self._known.get(folder)
        if known is None:
            known = any(os.path.isfile(os.path.join(folder, n)) for n in INIT_FILES)
            self._known[folder] = known
        return known

    def forget(self, folder: str) -> None:
        """``folder`` gained or lost its ``__init__``: read it again next time."""
        self._known.pop(folder, None)

    def module_path(self, root: str, relpath: str) -> str:
        """``relpath`` (posix, inside ``root``) from the folder its module is imported from."""
        folders = relpath.split("/")[:-1]
        top = len(folders)
        while top > 0 and self.is_package(os.path.join(root, *folders[:top])):
            top -= 1
        anchor = folders[:top]
        if "src" in anchor:
            anchor = anchor[: len(anchor) - anchor[::-1].index("src")]
        return "/".join(relpath.split("/")[len(anchor) :])
