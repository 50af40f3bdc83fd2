"""Go: an import path names a package folder of the workspace, bound by its last element."""

from __future__ import annotations

import re

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.semantics.base import Semantics
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import Import

_MAJOR_VERSION = re.compile(r"^v[0-9]+$")
# first elements of the standard library's multi-element paths (`net/http`): never the
# workspace's own module, even when a folder of the workspace ends the same way
_STDLIB_ROOTS = frozenset(
    {
        "archive",
        "compress",
        "container",
        "crypto",
        "database",
        "debug",
        "encoding",
        "go",
        "hash",
        "html",
        "image",
        "index",
        "internal",
        "io",
        "log",
        "math",
        "mime",
        "net",
        "os",
        "path",
        "regexp",
        "runtime",
        "sync",
        "testing",
        "text",
        "unicode",
    }
)


def package_name(path: str) -> str:
    """The name a package is bound to by default: its path's last element.

    A major-version element (``/v2``) is skipped, and ``gopkg.in/yaml.v3`` or
    ``github.com/mattn/go-sqlite3`` give ``yaml`` and ``sqlite3``, as the go tool guesses.
    """
    parts = [p for p in path.split("/") if p]
    if len(parts) > 1 and _MAJOR_VERSION.match(parts[-1]):
        parts.pop()
    last = parts[-1] if parts else ""
    if "." in last:
        last = last.split(".", 1)[0]
    for prefix in ("go-", "go_"):
        if last.startswith(prefix) and len(last) > len(prefix):
            last = last[len(prefix) :]
    for suffix in ("-go", "_go"):
        if last.endswith(suffix) and len(last) > len(suffix):
            last = last[: -len(suffix)]
    return last.replace("-", "_")


def workspace_package(snap: Snapshot, path: str) -> str:
    """The module name of the workspace folder an import path ends in; empty when none does.

    The path's first element is the go.mod module path (or its first part), so the longest
    proper suffix of the path that is a folder holding Go files wins.
    """
    parts = [p for p in path.split("/") if p]
    if len(parts) < 2 or ("." not in parts[0] and parts[0] in _STDLIB_ROOTS):
        return ""
    for start in range(1, len(parts)):
        module = ".".join(parts[start:])
        files = snap.module_files(module)
        if any(_is_go(snap, f) for f in files):
            return module
    return ""


def _is_go(snap: Snapshot, path: str) -> bool:
    entry = snap.entry(path)
    return entry is not None and entry.facts.language == "go"


class GoSemantics(Semantics):
    """Go's import rules: paths are folders, a dot import opens a package, `_` binds nothing."""

    def binding(self, imp: Import) -> str:
        """The alias, or the package's default name; nothing for `_` and dot imports."""
        if imp.wildcard or imp.alias == "_":
            return ""
        return imp.alias or package_name(imp.module)

    def targets(self, snap: Snapshot, entry: FileEntry, imp: Import) -> list[str]:
        """The workspace package the path names; nothing for the standard library or others."""
        module = workspace_package(snap, imp.module)
        return [module] if module else []

    def open_modules(self, snap: Snapshot, entry: FileEntry) -> list[str]:
        """`import . "path"` makes the package's exported names visible unqualified."""
        found = [workspace_package(snap, imp.module) for imp in entry.facts.imports if imp.wildcard]
        return [module for module in found if module]


SEMANTICS = GoSemantics()
