"""The peer-free check of the graph: does ``impact --depth 1`` name exactly the files using a name.

For functions (and methods) whose name is bound exactly once in a Python corpus — defined once,
and never a parameter, a variable, an attribute that is assigned, or an import alias — every
occurrence of the name is a use of that function, so Python's own ``ast`` says which files use
it: a name read, an attribute read (``obj.name``), a decorator, ``from m import name``, the
name in ``__all__``. Those files are compared with the files of the dependents ``impact``
names at depth 1: coverage (the share of using files named), precision (the share of named
files that use it) and the share of guessed dependents in each answer.

    python -m bench.usage_check [corpus ...]     # default: requests toolz django networkx
"""

from __future__ import annotations

import ast
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpora import BY_NAME, Corpus, fetch, source_files

MAX_FUNCTIONS = 400  # per corpus, spread over the files (seeded order: sorted by name)


@dataclass
class _Names:
    """What ``ast`` finds in a corpus: bindings per name, definitions, files using each name."""

    bindings: Counter[str] = field(default_factory=Counter)
    defined: dict[str, tuple[str, int, str]] = field(
        default_factory=dict
    )  # name -> (file, line, kind)
    users: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


class _Visitor(ast.NodeVisitor):
    def __init__(self, names: _Names, relpath: str) -> None:
        self.names = names
        self.relpath = relpath
        self.depth = 0  # inside a function or class

    def _define(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self.names.bindings[node.name] += 1
        kind = "class" if isinstance(node, ast.ClassDef) else "function"
        self.names.defined[node.name] = (self.relpath, node.lineno, kind)
        for decorator in node.decorator_list:
            self.visit(decorator)
        if not isinstance(node, ast.ClassDef):
            for arg in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs):
                self.names.bindings[arg.arg] += 1
            for extra in (node.args.vararg, node.args.kwarg):
                if extra is not None:
                    self.names.bindings[extra.arg] += 1
            for default in (*node.args.defaults, *node.args.kw_defaults):
                if default is not None:
                    self.visit(default)
            if node.returns is not None:
                self.visit(node.returns)
            for arg in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs):
                if arg.annotation is not None:
                    self.visit(arg.annotation)
        else:
            for base in (*node.bases, *(k.value for k in node.keywords)):
                self.visit(base)
        for statement in node.body:
            self.visit(statement)

    visit_FunctionDef = _define
    visit_AsyncFunctionDef = _define
    visit_ClassDef = _define

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self.names.users[node.id].add(self.relpath)
        else:
            self.names.bindings[node.id] += 1

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.ctx, ast.Load):
            self.names.users[node.attr].add(self.relpath)
        else:
            self.names.bindings[node.attr] += 1
        self.visit(node.value)

    def visit_Assign(self, node: ast.Assign) -> None:
        """``__all__ = ["name", ...]`` exports ``name``: a use, as type checkers count it."""
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            for element in getattr(node.value, "elts", ()):
                if isinstance(element, ast.Constant) and isinstance(element.value, str):
                    self.names.users[element.value].add(self.relpath)
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            if alias.asname:
                self.names.bindings[alias.asname] += 1
            if alias.name != "*":
                self.names.users[alias.name].add(self.relpath)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.names.bindings[(alias.asname or alias.name).split(".")[0]] += 1

    def visit_arg(self, node: ast.arg) -> None:
        self.names.bindings[node.arg] += 1

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.names.bindings[node.name] += 1
        self.generic_visit(node)

    def visit_Global(self, node: ast.Global) -> None:
        for name in node.names:
            self.names.bindings[name] += 1

    visit_Nonlocal = visit_Global

    def visit_keyword(self, node: ast.keyword) -> None:
        self.visit(node.value)  # ``f(name=1)``: a keyword is no use of ``name``


def ast_names(root: Path, files: list[Path]) -> _Names:
    """Bindings, definitions and users of every name in the corpus."""
    names = _Names()
    for path in files:
        try:
            tree = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError):
            continue
        _Visitor(names, path.relative_to(root).as_posix()).visit(tree)
    return names


def candidates(names: _Names) -> list[tuple[str, str, int]]:
    """Functions and methods whose name is bound once (its definition): ``(name, file, line)``."""
    found = [
        (name, relpath, line)
        for name, (relpath, line, kind) in names.defined.items()
        if kind == "function" and names.bindings[name] == 1 and not name.startswith("__")
    ]
    found.sort()
    if len(found) > MAX_FUNCTIONS:
        step = len(found) / MAX_FUNCTIONS
        found = [found[int(i * step)] for i in range(MAX_FUNCTIONS)]
    return found


def check(corpus: Corpus, verbose: bool = False) -> dict[str, Any]:
    """Coverage, precision and the share of guesses of ``impact --depth 1`` on ``corpus``."""
    from hive_ls.cli.workspace import index_folder
    from hive_ls.features.graph_lookup import key_at_line
    from hive_ls.features.impact import impact

    root = fetch(corpus)
    workspace = corpus.workspace
    files = [p for p in source_files(corpus) if p.suffix == ".py"]
    names = ast_names(workspace, files)
    functions = candidates(names)
    started = time.perf_counter()
    host, _ = index_folder(str(workspace), show_progress=False, graph=True)
    sync = host.graph
    if sync.snapshot is not host.snapshot():
        sync.sync(host.snapshot())
    indexed = time.perf_counter() - started
    snap = host.snapshot()
    both = got_total = want_total = 0
    guess_shares: list[float] = []
    misses: list[dict[str, Any]] = []
    asked = 0
    for name, relpath, line in functions:
        path = str((workspace / relpath).resolve())
        if snap.entry(path) is None:
            continue
        try:
            key = key_at_line(sync, path, line)
        except Exception:
            key = None
        want = names.users.get(name, set())
        if key is None or not want:
            continue
        asked += 1
        report = impact(sync, key, depth=1)
        got = {_relpath(snap, d.item.path, workspace) for d in report.dependents}
        guesses = sum(d.guess for d in report.dependents)
        if report.dependents:
            guess_shares.append(guesses / len(report.dependents))
        both += len(got & want)
        got_total += len(got)
        want_total += len(want)
        if got != want and len(misses) < 200:
            misses.append(
                {"name": name, "file": relpath, "missing": sorted(want - got)[:5],
                 "extra": sorted(got - want)[:5]}
            )  # fmt: skip
    root_ok = str(root)
    return {
        "corpus": corpus.key,
        "root": root_ok,
        "functions": asked,
        "coverage": round(both / want_total, 3) if want_total else None,
        "precision": round(both / got_total, 3) if got_total else None,
        "guesses_max": round(max(guess_shares), 3) if guess_shares else 0.0,
        "guesses_mean": round(sum(guess_shares) / len(guess_shares), 3) if guess_shares else 0.0,
        "index_and_graph_s": round(indexed, 2),
        "misses": misses if verbose else misses[:10],
    }


def _relpath(snap: Any, path: str, workspace: Path) -> str:
    entry = snap.entry(path)
    if entry is not None:
        return str(entry.relpath)
    return Path(path).relative_to(workspace.resolve()).as_posix()


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    wanted = [a for a in argv if not a.startswith("-")] or [
        "requests",
        "toolz",
        "django",
        "networkx",
    ]
    for name in wanted:
        result = check(BY_NAME[name], verbose)
        print(json.dumps(result, indent=1 if verbose else None))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
