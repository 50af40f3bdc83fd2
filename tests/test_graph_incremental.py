"""Property: the graph kept up to date edit by edit equals the graph built from scratch.

Workspaces are Python packages assembled from fragments that import, alias, re-export,
inherit, call through ``self`` and typed locals, define names twice and break the syntax.
Files change in the editor (incremental extraction with cached pieces), on disk, appear and
disappear; after every step the incrementally synced graph must describe exactly what a graph
built from the final files describes.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.analysis.host import AnalysisHost
from hive_ls.base.edits import ByteEdit
from hive_ls.parse.registry import default_registry

EXAMPLES = int(os.environ.get("HIVE_PROPERTY_EXAMPLES", "25"))
FILES = ["pkg/__init__.py", "pkg/a.py", "pkg/b.py", "pkg/c.py", "main.py"]
FRAGMENTS = [
    "import pkg.{m}\n",
    "from pkg.{m} import {f}\n",
    "from .{m} import {f} as {g}\n",
    "from pkg import {m}\n",
    "from pkg.{m} import *\n",
    "def {f}(x):\n    return {g}(x) + {m}.{h}(x)\n",
    "class {C}({D}):\n    def {f}(self):\n        return self.{g}()\n",
    "class {C}:\n    def {g}(self, y):\n        return {f}(y)\n",
    "{f} = {g}\n",
    "def {f}():\n    y = {C}()\n    return y.{g}()\n",
    "def {f}(z: {C}):\n    return z.{h}()\n",
    "def {f}(\n",  # broken
    "x = 1  # ünïcödé ✓\n",
    # what types are read from: returns, attributes of self, declarations, __all__
    "def {f}():\n    return {C}()\n",
    "def {f}():\n    return {g}().{h}()\n",
    "class {C}:\n    def __init__(self):\n        self.{h} = {D}()\n"
    "    def {f}(self):\n        return self.{h}.{g}()\n",
    "class {C}:\n    {h}: {D} = {D}()\n    def {f}(self):\n        return self.{h}.{g}()\n",
    "__all__ = ['{f}', '{g}']\n",
    "__all__ += ['{h}']\n",
    "def {f}(self):\n    return self\n",
    "{f}({g})\n",
    "@{g}\ndef {f}():\n    pass\n",
]
NAMES = {
    "f": ["alpha", "beta", "gamma"],
    "g": ["alpha", "beta", "gamma"],
    "h": ["alpha", "delta"],
    "C": ["Cart", "Item"],
    "D": ["Cart", "Base", "object"],
    "m": ["a", "b", "c"],
}


@st.composite
def contents(draw: st.DrawFn) -> str:
    """A file made of a few fragments with names drawn from small pools (so they collide)."""
    parts = []
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        fragment = draw(st.sampled_from(FRAGMENTS))
        parts.append(fragment.format(**{k: draw(st.sampled_from(v)) for k, v in NAMES.items()}))
    return "".join(parts)


steps = st.lists(
    st.tuples(st.sampled_from(FILES), st.sampled_from(["editor", "disk", "delete"]), contents()),
    min_size=1,
    max_size=6,
)


def _fresh(host: AnalysisHost) -> GraphSync:
    graph = GraphSync()
    graph.sync(host.snapshot())
    return graph


def _nodes(sync: GraphSync) -> set[str]:
    return {node.key for node in sync.graph.nodes() if not node.key.startswith("?")}


def _used(sync: GraphSync) -> list[tuple[str, str, str, str, bool, tuple[str, int, int]]]:
    return sync.describe()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(initial=st.lists(contents(), min_size=len(FILES), max_size=len(FILES)), changes=steps)
def test_incremental_graph_equals_scratch(
    tmp_path_factory: object, initial: list[str], changes: list[tuple[str, str, str]]
) -> None:
    root = Path(tmp_path_factory.mktemp("ws"))  # type: ignore[attr-defined]
    for relpath, text in zip(FILES, initial, strict=True):
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text(text, encoding="utf-8")
    host = AnalysisHost(default_registry())
    host.set_roots([str(root)])
    for relpath in FILES:
        host.refresh(str(root.resolve() / relpath))
    live = GraphSync()
    live.sync(host.snapshot())
    host.graph_work()  # the initial state is synced
    versions: dict[str, int] = {}
    for relpath, how, text in changes:
        path = str(root.resolve() / relpath)
        if how == "editor":
            version = versions.get(path, 0) + 1
            versions[path] = version
            if version == 1:
                current = (root / relpath).read_bytes() if (root / relpath).exists() else b""
                host.open(path, current, version, "python")
                version = versions[path] = 2
            old = host.document_bytes(path) or b""
            host.change(path, version, [ByteEdit(0, len(old), text.encode())])
        elif how == "disk":
            (root / relpath).write_text(text, encoding="utf-8")
            if path not in versions:
                host.refresh(path)
        else:
            if (root / relpath).exists():
                (root / relpath).unlink()
            if path not in versions:
                host.remove(path)
        work = host.graph_work()  # the files the change touched: itself, or every module
        if work is not None:  # renamed when a folder stopped or started being a package
            live.sync(work[0], work[1] | {path})
        scratch = _fresh(host)
        assert _nodes(live) == _nodes(scratch)
        assert _used(live) == _used(scratch)
