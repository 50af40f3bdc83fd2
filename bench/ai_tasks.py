"""Real AI tasks on real packages, and how many broken candidates the validator catches.

Functions are picked from a package with ``ast`` (not with hive-ls's facts, to stay neutral):
defined once in the package (not in its tests, not nested in another function), called
somewhere outside their own body, with a line a one-token bug can be seeded in. A copy of the
package is written with, in each picked function, the bug seeded and the docstring removed;
the copy is indexed (with the graph) and each function gives two tasks through
``make_task``: *fix* (the seeded bug) and *docstring* (add one).

Candidates are built for each task, not asked of a model: GOOD ones (the bug reverted; the
original docstring put back, or one written when the function had none; for fix tasks also the
fix plus a new optional parameter, which no call site needs) and BROKEN ones of realistic
kinds, each known to be broken by a check that does not use hive-ls:

* ``syntax_paren``: a closing parenthesis dropped from a body line (CPython's ``ast.parse``
  of the edited file fails);
* ``syntax_indent``: a body line indented further (fix), the docstring at the column of the
  ``def`` (docstring); ``ast.parse`` fails;
* ``removed``: the definition deleted (the region replaced by nothing) while ``ast`` finds
  calls of it elsewhere; ``removed_reexported`` when its module is re-exported by a package
  ``__init__`` with ``from ... import *`` (directly or through other packages), so that callers
  reach it through the package;
* ``renamed``: the definition renamed (``name_v2``), the same calls left;
* ``signature``: a required parameter added (after the required positional ones) where
  ``ast`` finds a call that does not pass it (one with fewer positional arguments, no ``*``);
* ``out_of_scope``: the good edit plus an edit of another definition's line.

``check_report`` (no tests run) judges every candidate: catch rate = broken rejected / broken,
per kind; false rejections = good rejected / good.
"""

from __future__ import annotations

import ast
import random
import re
import shutil
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.stats import summary_ms

NEW_PARAM = "strict"
# one-token bugs, tried in this order on each body line (lines with quotes or comments skipped)
BUGS = (
    (r" == ", " != "),
    (r" != ", " == "),
    (r" <= ", " < "),
    (r" >= ", " > "),
    (r" < ", " <= "),
    (r" > ", " >= "),
    (r"\b(if|while|return|and|or) not ", r"\1 "),
    (r" and ", " or "),
    (r" or ", " and "),
    (r" \+ 1\b", " - 1"),
    (r" - 1\b", " + 1"),
    (r"\bTrue\b", "False"),
    (r"\bFalse\b", "True"),
    (r"\[0\]", "[1]"),
    (r"\[-1\]", "[0]"),
)
# method names too common to tell the package's calls from other objects' (dict.get ...)
COMMON = frozenset(
    name for kind in (dict, list, str, set, bytes, object, int) for name in dir(kind)
) | {"close", "read", "write", "send", "run", "open", "start", "stop", "get", "items"}
BROKEN_KINDS = (
    "syntax_paren",
    "syntax_indent",
    "removed",
    "removed_reexported",
    "renamed",
    "signature",
    "out_of_scope",
)
GOOD_KINDS = ("good_fix", "good_docstring", "good_fix_optional_param")


@dataclass(frozen=True)
class Bug:
    """A seeded bug: ``line`` (1-based) of the original file, before and after."""

    line: int
    old: str
    new: str


@dataclass(frozen=True)
class Picked:
    """A function of the package the tasks are about (lines 1-based, of the original file)."""

    corpus: str
    relpath: str
    name: str
    qualname: str
    method: bool
    def_line: int
    end_line: int
    doc: tuple[int, int] | None  # the docstring's lines
    first_body: int  # the first statement after the docstring
    bug: Bug
    required_at: tuple[int, int, str] | None  # (line, col, text) adding a required parameter
    optional_at: tuple[int, int, str] | None  # (line, col, text) adding an optional one
    callers: tuple[str, ...]  # relpath:line of calls outside the definition
    arity_breaks: tuple[str, ...]  # calls a new required parameter leaves without it
    reexported: bool = False  # a package re-exports its module with `from ... import *`


@dataclass(frozen=True)
class _Call:
    relpath: str
    line: int
    name: str
    attribute: bool
    positional: int
    keywords: frozenset[str]
    starred: bool


@dataclass(frozen=True)
class Candidate:
    """One candidate for one task: its kind, whether it is good, and its edits."""

    kind: str
    good: bool
    edits: tuple[Any, ...]  # TextEdit
    why: str  # why it is broken ("" when good)


# ---- picking functions ---------------------------------------------------------------------


def _python_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if not any(".dist-info" in s for s in p.parts))


def _walk(tree: ast.AST, relpath: str, defs: dict, calls: list[_Call]) -> None:
    def visit(node: ast.AST, stack: list[ast.AST]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                defs[child.name].append((relpath, child, list(stack)))
                visit(child, [*stack, child])
            elif isinstance(child, ast.ClassDef):
                visit(child, [*stack, child])
            else:
                if isinstance(child, ast.Call):
                    func = child.func
                    name = (
                        func.id
                        if isinstance(func, ast.Name)
                        else func.attr
                        if isinstance(func, ast.Attribute)
                        else None
                    )
                    if name:
                        starred = any(isinstance(a, ast.Starred) for a in child.args) or any(
                            k.arg is None for k in child.keywords
                        )
                        calls.append(
                            _Call(
                                relpath,
                                child.lineno,
                                name,
                                isinstance(func, ast.Attribute),
                                len(child.args),
                                frozenset(k.arg for k in child.keywords if k.arg),
                                starred,
                            )
                        )
                visit(child, stack)

    visit(tree, [])


def _module_of(relpath: str) -> str:
    parts = relpath[: -len(".py")].split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _star_imports(relpath: str, tree: ast.AST) -> set[str]:
    """The modules a file imports with ``from ... import *`` (relative ones made absolute)."""
    package = _module_of(relpath).split(".")
    if not relpath.endswith("__init__.py"):
        package = package[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            base = package[: len(package) - node.level + 1] if node.level else []
            found.add(".".join([*base, *([node.module] if node.module else [])]))
    return found


def _reexported(stars: dict[str, set[str]]) -> set[str]:
    """Modules some package ``__init__`` re-exports, directly or through other packages."""
    found: set[str] = set()
    todo = [m for init, imported in stars.items() for m in imported if m != init]
    while todo:
        module = todo.pop()
        if module not in found:
            found.add(module)
            todo.extend(stars.get(module, ()))
    return found


def _seed_bug(lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef, first: int) -> Bug:
    """The first body line (from ``first``) one of ``BUGS`` applies to; raises if none."""
    for number in range(first, node.end_lineno + 1 if node.end_lineno else first):
        text = lines[number - 1]
        code = text.strip()
        if not code or code.startswith(("#", "@", "def ", "async def ", "class ")):
            continue
        if any(q in text for q in ("'", '"', "#", "\\")):
            continue
        for pattern, replacement in BUGS:
            new, count = re.subn(pattern, replacement, text, count=1)
            if count:
                return Bug(number, text, new)
    raise LookupError("no line to seed a bug in")


def _param_edits(
    node: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str], method: bool
) -> tuple[tuple[int, int, str] | None, tuple[int, int, str] | None, int]:
    """Where to add a required and an optional parameter, and the required positional count.

    The required one goes after the required positional parameters (``self`` included), the
    only place Python allows it; the optional one after every positional parameter, when the
    function has no ``*args``, keyword-only parameters or ``**kwargs``.
    """
    a = node.args
    positional = [*a.posonlyargs, *a.args]
    required = len(positional) - len(a.defaults)
    names = {p.arg for p in [*positional, *a.kwonlyargs]} | {
        p.arg for p in (a.vararg, a.kwarg) if p is not None
    }
    if NEW_PARAM in names:
        return None, None, required
    open_at = _open_paren(node, lines)
    if required > 0:
        last = positional[required - 1]
        required_at = (last.end_lineno or last.lineno, last.end_col_offset or 0, f", {NEW_PARAM}")
    elif positional:
        first = positional[0]
        required_at = (first.lineno, first.col_offset, f"{NEW_PARAM}, ")
    elif a.vararg is None and not a.kwonlyargs and a.kwarg is None and open_at:
        required_at = (open_at[0], open_at[1], NEW_PARAM)
    else:
        required_at = None
    optional_at = None
    if a.vararg is None and not a.kwonlyargs and a.kwarg is None:
        text = f"{NEW_PARAM}=False"
        if positional:
            last = positional[-1]
            default = a.defaults[-1] if a.defaults else None
            end = default if default is not None else last
            optional_at = (end.end_lineno or end.lineno, end.end_col_offset or 0, f", {text}")
        elif open_at:
            optional_at = (open_at[0], open_at[1], text)
    return required_at, optional_at, required - (1 if method else 0)


def _open_paren(
    node: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]
) -> tuple[int, int] | None:
    """(line, col) just after the ``(`` of a ``def name(`` (on the ``def``'s line)."""
    line = lines[node.lineno - 1]
    found = re.search(rf"\bdef\s+{re.escape(node.name)}\s*\(", line)
    return (node.lineno, len(line[: found.end()].encode("utf-8"))) if found else None


def pick(root: Path, corpus_key: str, count: int, seed: int = 11) -> tuple[list[Picked], dict]:
    """Up to ``count`` functions of the package at ``root`` (seeded), and what was looked at."""
    defs: dict[str, list] = defaultdict(list)
    calls: list[_Call] = []
    sources: dict[str, list[str]] = {}
    stars: dict[str, set[str]] = {}
    for path in _python_files(root):
        relpath = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        sources[relpath] = text.split("\n")
        tree = ast.parse(text)
        _walk(tree, relpath, defs, calls)
        if relpath.endswith("__init__.py"):
            stars[_module_of(relpath)] = _star_imports(relpath, tree)
    reexported = _reexported(stars)
    by_name: dict[str, list[_Call]] = defaultdict(list)
    for call in calls:
        by_name[call.name].append(call)
    found: list[Picked] = []
    reasons: Counter[str] = Counter()
    for name in sorted(defs):
        if len(defs[name]) != 1 or name.startswith("__") or len(name) < 4:
            reasons["name defined more than once, dunder or short"] += 1
            continue
        relpath, node, stack = defs[name][0]
        if "tests" in relpath.split("/") or any(
            isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef) for s in stack
        ):
            reasons["in tests or nested"] += 1
            continue
        method = bool(stack) and not any(
            isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list
        )
        if method and name in COMMON:
            reasons["common method name"] += 1
            continue
        end = node.end_lineno or node.lineno
        outside = [
            c
            for c in by_name.get(name, [])
            if not (c.relpath == relpath and node.lineno <= c.line <= end)
        ]
        if not outside:
            reasons["not called outside itself"] += 1
            continue
        lines = sources[relpath]
        body = node.body
        doc = None
        if (
            isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            if len(body) == 1:
                reasons["docstring only"] += 1
                continue
            doc = (body[0].lineno, body[0].end_lineno or body[0].lineno)
            if lines[doc[1] - 1][body[0].end_col_offset or 0 :].strip():
                reasons["docstring shares a line"] += 1
                continue
        first = body[1].lineno if doc else body[0].lineno
        if first == node.lineno:
            reasons["one-line definition"] += 1
            continue
        try:
            bug = _seed_bug(lines, node, first)
        except LookupError:
            reasons["no line to seed a bug in"] += 1
            continue
        required_at, optional_at, required = _param_edits(node, lines, method)
        breaks = []
        for c in outside:
            bound = method and c.attribute
            if not c.starred and c.positional + (1 if bound else 0) <= required + method:
                breaks.append(f"{c.relpath}:{c.line}")
        qualname = ".".join([*(s.name for s in stack), name])  # type: ignore[attr-defined]
        found.append(
            Picked(
                corpus_key,
                relpath,
                name,
                qualname,
                method,
                node.lineno,
                end,
                doc,
                first,
                bug,
                required_at,
                optional_at,
                tuple(f"{c.relpath}:{c.line}" for c in outside),
                tuple(breaks) if required_at else (),
                _module_of(relpath) in reexported and not method and not name.startswith("_"),
            )
        )
    eligible = len(found)
    rng = random.Random(seed)
    chosen = sorted(
        rng.sample(found, min(count, len(found))), key=lambda p: (p.relpath, p.def_line)
    )
    return chosen, {"functions_defined": len(defs), "eligible": eligible, "left_out": reasons}


# ---- the seeded copy -----------------------------------------------------------------------


def seed_copy(root: Path, dest: Path, picked: list[Picked]) -> None:
    """Copy the package to ``dest`` with each bug seeded and each docstring removed."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(root, dest, ignore=shutil.ignore_patterns("*.dist-info", "__pycache__"))
    by_file: dict[str, list[Picked]] = defaultdict(list)
    for p in picked:
        by_file[p.relpath].append(p)
    for relpath, items in by_file.items():
        path = dest / relpath
        lines = path.read_text(encoding="utf-8").split("\n")
        for p in sorted(items, key=lambda p: p.def_line, reverse=True):
            assert lines[p.bug.line - 1] == p.bug.old
            lines[p.bug.line - 1] = p.bug.new
            if p.doc:
                del lines[p.doc[0] - 1 : p.doc[1]]
        path.write_text("\n".join(lines), encoding="utf-8")


# ---- candidates ----------------------------------------------------------------------------


def _line_starts(data: bytes) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, b in enumerate(data) if b == 0x0A)
    return starts


def _apply(data: bytes, edits: tuple[Any, ...]) -> bytes:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        data = data[: edit.start] + edit.new_text.encode("utf-8") + data[edit.end :]
    return data


def _parses(data: bytes) -> bool:
    try:
        ast.parse(data)
    except (SyntaxError, ValueError):
        return False
    return True


class _Builder:
    """Candidates of one task: ``region`` is the task's bytes; offsets are the file's."""

    def __init__(self, p: Picked, task: Any, data: bytes, sym: Any, original: list[str]) -> None:
        self.p, self.task, self.data, self.sym = p, task, data, sym
        self.original = original  # the original file's lines
        self.starts = _line_starts(data)
        self.def_line = data.count(b"\n", 0, sym.name_span.start) + 1  # in the copy

    def offset(self, original_line: int, col: int) -> int:
        """A header position of the original file, in the copy (headers are unchanged).

        ``col`` is in bytes, as ``ast`` gives it.
        """
        line = self.def_line + original_line - self.p.def_line
        return self.starts[line - 1] + col

    def line_span(self, original_line: int) -> tuple[int, int]:
        """Bytes of a body line of the original, in the copy (after the removed docstring)."""
        shift = (self.p.doc[1] - self.p.doc[0] + 1) if self.p.doc else 0
        line = self.def_line + original_line - self.p.def_line - shift
        return self.starts[line - 1], self.starts[line] - 1

    def region(self) -> bytes:
        return self.data[self.task.start : self.task.end]

    def edit(self, text: bytes) -> Any:
        from hive_ls.llm.types import TextEdit

        return TextEdit(self.task.path, self.task.start, self.task.end, text.decode("utf-8"))

    def new_file(self, text: bytes, extra: tuple[int, int, bytes] | None = None) -> bytes:
        data = self.data
        pieces = [(self.task.start, self.task.end, text)]
        if extra:
            pieces.append(extra)
        for start, end, new in sorted(pieces, reverse=True):
            data = data[:start] + new + data[end:]
        return data

    # -- good --------------------------------------------------------------------------------

    def fixed(self) -> bytes:
        """The region with the bug reverted."""
        start, end = self.line_span(self.p.bug.line)
        assert self.data[start:end].decode() == self.p.bug.new, "seeded line not found"
        rs = self.task.start
        region = self.region()
        return region[: start - rs] + self.p.bug.old.encode() + region[end - rs :]

    def doc_lines(self) -> list[str]:
        if self.p.doc:
            return self.original[self.p.doc[0] - 1 : self.p.doc[1]]
        body = self.original[self.p.first_body - 1]
        indent = body[: len(body) - len(body.lstrip())]
        words = self.p.name.replace("_", " ").strip()
        return [f'{indent}"""Return the result of {words} for the given arguments."""']

    def insert_at(self) -> int:
        """Where the docstring goes: the start of the first body line, in the copy."""
        first = self.p.doc[0] if self.p.doc else self.p.first_body
        line = self.def_line + first - self.p.def_line
        return self.starts[line - 1]

    def documented(self, lines: list[str] | None = None) -> bytes:
        at = self.insert_at() - self.task.start
        region = self.region()
        block = "".join(line + "\n" for line in (lines or self.doc_lines())).encode()
        return region[:at] + block + region[at:]

    def with_param(self, text: bytes, where: tuple[int, int, str]) -> bytes:
        at = self.offset(where[0], where[1]) - self.task.start
        return text[:at] + where[2].encode() + text[at:]

    # -- broken ------------------------------------------------------------------------------

    def body_lines(self, text: bytes) -> list[tuple[int, int]]:
        """(start, end) in ``text`` of each line after the header (region-relative)."""
        header_end = self.insert_at() - self.task.start
        out, at = [], header_end
        while at < len(text):
            end = text.find(b"\n", at)
            end = len(text) if end < 0 else end
            out.append((at, end))
            at = end + 1
        return out

    def drop_paren(self, good: bytes) -> bytes | None:
        for start, end in reversed(self.body_lines(good)):
            line = good[start:end]
            if b")" not in line or b"'" in line or b'"' in line or b"#" in line:
                continue
            if line.count(b"(") != line.count(b")"):
                continue
            cut = start + line.rindex(b")")
            broken = good[:cut] + good[cut + 1 :]
            if not _parses(self.new_file(broken)):
                return broken
        return None

    def indent_more(self, good: bytes, prefer: int | None) -> bytes | None:
        lines = self.body_lines(good)
        order = sorted(range(len(lines)), key=lambda i: (i != prefer, i))
        for i in order:
            start, end = lines[i]
            if not good[start:end].strip():
                continue
            broken = good[:start] + b"   " + good[start:]
            if not _parses(self.new_file(broken)):
                return broken
        return None

    def unindented_doc(self) -> bytes | None:
        def_text = self.original[self.p.def_line - 1]
        indent = def_text[: len(def_text) - len(def_text.lstrip())]
        lines = self.doc_lines()
        body_indent = min(len(x) - len(x.lstrip()) for x in lines if x.strip())
        moved = [indent + x[body_indent:] if x.strip() else x for x in lines]
        broken = self.documented(moved)
        return None if _parses(self.new_file(broken)) else broken

    def renamed(self, good: bytes) -> bytes:
        at = self.sym.name_span.start - self.task.start
        end = self.sym.name_span.end - self.task.start
        return good[:at] + (self.p.name + "_v2").encode() + good[end:]


def candidates(b: _Builder, kind: str, other: tuple[int, int] | None) -> list[Candidate]:
    """The good and broken candidates of one task (``kind``: fix or docstring).

    ``other`` is a line of another definition in the same file (for the out-of-scope edit).
    """
    p = b.p
    good = b.fixed() if kind == "fix" else b.documented()
    out = [Candidate(f"good_{kind}", True, (b.edit(good),), "")]
    if kind == "fix" and p.optional_at:
        out.append(
            Candidate(
                "good_fix_optional_param", True, (b.edit(b.with_param(good, p.optional_at)),), ""
            )
        )

    def broken(name: str, text: bytes | None, why: str) -> None:
        if text is not None:
            out.append(Candidate(name, False, (b.edit(text),), why))

    broken("syntax_paren", b.drop_paren(good), "ast.parse of the edited file fails")
    if kind == "fix":
        start, _ = b.line_span(p.bug.line)
        prefer = next(
            (i for i, (s, _) in enumerate(b.body_lines(good)) if s == start - b.task.start), None
        )
        broken("syntax_indent", b.indent_more(good, prefer), "ast.parse of the edited file fails")
    else:
        broken("syntax_indent", b.unindented_doc(), "ast.parse of the edited file fails")
    calls = f"called at {', '.join(p.callers[:3])}" + (
        f" and {len(p.callers) - 3} more" if len(p.callers) > 3 else ""
    )
    broken("removed_reexported" if p.reexported else "removed", b"", f"still {calls}")
    broken("renamed", b.renamed(good), f"still {calls} by its old name")
    if p.required_at and p.arity_breaks:
        broken(
            "signature",
            b.with_param(good, p.required_at),
            f"a new required parameter `{NEW_PARAM}` not passed at {', '.join(p.arity_breaks[:3])}",
        )
    if other is not None:
        from hive_ls.llm.types import TextEdit

        start, end = other
        line = b.data[start:end].decode("utf-8")
        extra = TextEdit(b.task.path, start, end, line.rstrip() + "  # tidied as well")
        out.append(
            Candidate("out_of_scope", False, (b.edit(good), extra), "an edit of another definition")
        )
    return out


def _classify(problem: str) -> str:
    """Which check a problem comes from."""
    for words, check in (
        ("outside the scope", "scope"),
        ("invalid range", "scope"),
        ("overlap", "scope"),
        ("breaks the syntax", "syntax"),
        ("invalid UTF-8", "syntax"),
        ("removes", "removed definition"),
        ("changes the parameters", "call sites"),
        ("could not be checked", "checker crashed"),
    ):
        if words in problem:
            return check
    return "other"


# ---- the whole task set --------------------------------------------------------------------


def _other_line(entry: Any, scope: tuple[int, int], avoid: set[int]) -> tuple[int, int] | None:
    """A line (start, end) inside another callable of the same file, outside ``scope``."""
    data = entry.data
    for sym in entry.facts.symbols:
        if not sym.kind.is_callable:
            continue
        if sym.span.start < scope[1] and scope[0] < sym.span.end:
            continue
        if sym.span.start in avoid:
            continue
        line_end = data.find(b"\n", sym.span.start)
        if 0 < line_end < sym.span.end:
            start = data.rfind(b"\n", 0, sym.span.start) + 1
            return start, line_end
    return None


def run(corpora_roots: list[tuple[str, Path]], per_corpus: int, scratch: Path) -> dict[str, Any]:
    """Pick, seed, index, build the tasks and their candidates, and check every candidate."""
    from hive_ls.cli.workspace import index_folder
    from hive_ls.features.ai_actions import ActionOffer, make_task
    from hive_ls.features.ai_check import check_report

    records: list[dict[str, Any]] = []
    functions: list[dict[str, Any]] = []
    picking: dict[str, Any] = {}
    skipped: list[str] = []
    check_s: list[float] = []
    task_s: list[float] = []
    for key, root in corpora_roots:
        picked, info = pick(root, key, per_corpus)
        picking[key] = {**info, "left_out": dict(info["left_out"]), "picked": len(picked)}
        copy = scratch / "tasks" / key
        seed_copy(root, copy, picked)
        host, _ = index_folder(
            str(copy),
            show_progress=False,
            index_dir=str(scratch / f"tasks-index-{key}"),
            graph=True,
        )
        sync, snap = host.graph, host.snapshot()
        by_rel = {e.relpath: (path, e) for path, e in snap.files.items()}
        for p in picked:
            path, entry = by_rel[p.relpath]
            hits = [
                i
                for i, s in enumerate(entry.facts.symbols)
                if s.name == p.name and s.kind.is_callable
            ]
            if len(hits) != 1:
                skipped.append(f"{key} {p.qualname}: {len(hits)} symbols of that name")
                continue
            sym = entry.facts.symbols[hits[0]]
            original = (root / p.relpath).read_text(encoding="utf-8").split("\n")
            graph_callers = _graph_callers(sync, entry, hits[0])
            functions.append(
                {
                    "corpus": key,
                    "function": f"{p.relpath}:{p.qualname}",
                    "bug": f"line {p.bug.line}: `{p.bug.old.strip()}` -> `{p.bug.new.strip()}`",
                    "had_docstring": p.doc is not None,
                    "callers_ast": len(p.callers),
                    "callers_graph": graph_callers,
                    "calls_a_new_parameter_breaks": len(p.arity_breaks),
                }
            )
            for kind in ("fix", "docstring"):
                offer = ActionOffer(
                    kind,
                    f"AI: {kind} {p.name}",
                    path,
                    sym.span.start,
                    sym.span.end,
                    f"tests fail: {p.name} gives wrong results" if kind == "fix" else "",
                )
                began = time.perf_counter()
                task = make_task(sync, snap, offer)
                task_s.append(time.perf_counter() - began)
                b = _Builder(p, task, entry.data, sym, original)
                other = _other_line(entry, (task.start, task.end), {sym.span.start})
                try:
                    made = candidates(b, kind, other)
                except AssertionError as exc:
                    skipped.append(f"{key} {p.qualname} ({kind}): {exc}")
                    continue
                for c in made:
                    parses = _parses(_apply(entry.data, c.edits))
                    if c.good and not parses:  # a bench bug, not the validator's
                        skipped.append(f"{key} {p.qualname} ({c.kind}): good but does not parse")
                        continue
                    report = check_report(sync, snap, task, c.edits)
                    check_s.append(report.seconds)
                    problems = report.verdict.problems
                    records.append(
                        {
                            "corpus": key,
                            "function": f"{p.relpath}:{p.qualname}",
                            "task": kind,
                            "kind": c.kind,
                            "good": c.good,
                            "why_broken": c.why,
                            "parses": parses,
                            "rejected": not report.verdict.ok,
                            "caught_by": _classify(problems[0]) if problems else "",
                            "problem": problems[0][:300] if problems else "",
                            "graph_callers": graph_callers,
                        }
                    )
    return _summary(records, functions, picking, skipped, check_s, task_s)


def _graph_callers(sync: Any, entry: Any, index: int) -> int:
    """Exact (not guessed) ``calls`` edges into the definition in hive-ls's graph."""
    from hive_ls.analysis.graph_sync import symbol_keys
    from hive_ls.graph.model import EdgeKind

    key = symbol_keys(entry.facts)[index]
    return sum(1 for _, e in sync.graph.in_edges(key) if e.kind is EdgeKind.CALLS and not e.guess)


def _rate(part: list[dict[str, Any]], flag: str = "rejected") -> dict[str, Any]:
    n = len(part)
    hit = sum(1 for r in part if r[flag])
    return {"n": n, flag: hit, "rate": round(hit / n, 3) if n else None}


def _summary(
    records: list[dict[str, Any]],
    functions: list[dict[str, Any]],
    picking: dict[str, Any],
    skipped: list[str],
    check_s: list[float],
    task_s: list[float],
) -> dict[str, Any]:
    good = [r for r in records if r["good"]]
    bad = [r for r in records if not r["good"]]
    by_kind: dict[str, Any] = {}
    for kind in BROKEN_KINDS:
        part = [r for r in bad if r["kind"] == kind]
        if part:
            by_kind[kind] = {
                **_rate(part),
                "caught_by": dict(Counter(r["caught_by"] for r in part if r["rejected"])),
                "by_task": {
                    t: _rate([r for r in part if r["task"] == t]) for t in ("fix", "docstring")
                },
            }
    good_kinds = {
        kind: _rate([r for r in good if r["kind"] == kind])
        for kind in GOOD_KINDS
        if any(r["kind"] == kind for r in good)
    }
    caught = sum(1 for r in bad if r["rejected"])
    rejected_good = sum(1 for r in good if r["rejected"])
    missed = [
        {k: r[k] for k in ("kind", "task", "function", "why_broken", "graph_callers")}
        for r in bad
        if not r["rejected"]
    ]
    return {
        "picking": picking,
        "functions": functions,
        "tasks": len(functions) * 2,
        "candidates": len(records),
        "broken": {
            "n": len(bad),
            "caught": caught,
            "catch_rate": round(caught / len(bad), 3) if bad else None,
            "by_kind": by_kind,
            "by_task": {t: _rate([r for r in bad if r["task"] == t]) for t in ("fix", "docstring")},
        },
        "good": {
            "n": len(good),
            "rejected": rejected_good,
            "false_rejection_rate": round(rejected_good / len(good), 3) if good else None,
            "by_kind": good_kinds,
        },
        "missed": missed,
        "false_rejections": [
            {k: r[k] for k in ("kind", "task", "function", "problem")}
            for r in good
            if r["rejected"]
        ],
        "skipped": skipped,
        "check_latency": summary_ms(check_s),
        "make_task_latency": summary_ms(task_s),
        "candidates_detail": records,
    }
