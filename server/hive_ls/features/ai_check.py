"""Deterministic checks of proposed edits: scope, syntax, definitions still used, call sites, tests.

The AI pipeline calls ``check_edits`` for every candidate. Each failed check adds one sentence
a person (or the model, on a retry) can act on. Nothing here raises: a crash of the checker
itself becomes a failed verdict that says so.
"""

from __future__ import annotations

import ast
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.graph_sync import GraphSync, symbol_keys
from hive_ls.analysis.resolve import Resolver
from hive_ls.analysis.snapshot import Snapshot, SymbolRef
from hive_ls.base.facts import SyntaxIssue
from hive_ls.base.span import Span
from hive_ls.extract.facts import extract_facts
from hive_ls.features.ai_calls import call_site_problems
from hive_ls.features.ai_edits import MAX_NAMED, EditedFile, line_at, relpath_in
from hive_ls.features.ai_guard import docstring_only_problems, risky_additions
from hive_ls.features.ai_tests import run_selected_tests
from hive_ls.graph.model import Edge
from hive_ls.graph.traverse import DEPENDS
from hive_ls.llm.types import Task, TextEdit, Verdict
from hive_ls.parse.document import parse_document

log = logging.getLogger(__name__)

MAX_PROBLEMS = 8


@dataclass(frozen=True)
class CheckReport:
    """The verdict, notes that are no problems (no tests to run ...) and how long it took."""

    verdict: Verdict
    notes: tuple[str, ...] = ()
    seconds: float = 0.0


def check_edits(
    sync: GraphSync,
    snap: Snapshot,
    task: Task,
    edits: Sequence[TextEdit],
    run_tests: bool = False,
    test_timeout_s: float = 60,
) -> Verdict:
    """Check ``edits`` proposed for ``task``; ``Verdict(True)`` when every check passes.

    Checks, in order: every edit lies inside the task's scope and none overlap; the edited
    files parse with no new syntax errors; a docstring task changes docstrings and comments
    only; no definition still used elsewhere disappears; no
    call site left untouched disagrees with a changed parameter list; with ``run_tests``, the
    tests reaching the changed definitions pass on a copy of the workspace. Never raises.
    """
    return check_report(sync, snap, task, edits, run_tests, test_timeout_s).verdict


def check_report(
    sync: GraphSync,
    snap: Snapshot,
    task: Task,
    edits: Sequence[TextEdit],
    run_tests: bool = False,
    test_timeout_s: float = 60,
) -> CheckReport:
    """``check_edits`` with its notes (tests not run and why, tests passed) and its duration."""
    started = time.perf_counter()
    notes: list[str] = []
    warnings: list[str] = []
    try:
        problems = _check(sync, snap, task, edits, run_tests, test_timeout_s, notes, warnings)
    except Exception as exc:  # the checker must never take the pipeline down
        log.exception("checking edits failed")
        problems = [f"The edits could not be checked: {type(exc).__name__}: {exc}."]
    verdict = Verdict(not problems, tuple(problems[:MAX_PROBLEMS]), tuple(warnings))
    return CheckReport(verdict, tuple(notes), time.perf_counter() - started)


def _check(
    sync: GraphSync,
    snap: Snapshot,
    task: Task,
    edits: Sequence[TextEdit],
    run_tests: bool,
    timeout: float,
    notes: list[str],
    warnings: list[str],
) -> list[str]:
    if not edits:
        return []
    files, problems = _scope(snap, task, edits)
    if problems:
        return problems
    for edited in files.values():
        problems.extend(_apply_and_parse(snap, edited, notes))
    if problems:
        return problems
    if task.kind == "docstring":
        problems.extend(docstring_only_problems(files.values()))
        if problems:
            return problems
    warnings.extend(risky_additions(files.values()))
    problems.extend(_removed_still_used(sync, snap, files))
    problems.extend(call_site_problems(sync, snap, files))
    if problems or not run_tests:
        return problems
    failed, ran = run_selected_tests(
        sync, snap, [(f.path, f.relpath, f.new, _line_ranges(f)) for f in files.values()], timeout
    )
    notes.extend(ran)
    return failed


# ---- 1. scope ------------------------------------------------------------------------------


def _read(snap: Snapshot, path: str) -> tuple[FileEntry | None, bytes]:
    entry = snap.entry(path)
    if entry is not None:
        return entry, entry.data
    try:
        with open(path, "rb") as handle:
            return None, handle.read()
    except OSError:
        return None, b""  # a new file


def _scope(
    snap: Snapshot, task: Task, edits: Sequence[TextEdit]
) -> tuple[dict[str, EditedFile], list[str]]:
    """Group the edits by file; every edit inside one allowed range, none overlapping."""
    allowed = task.scope or ((task.path, task.start, task.end),)
    files: dict[str, EditedFile] = {}
    problems: list[str] = []
    for edit in edits:
        edited = files.get(edit.path)
        if edited is None:
            entry, data = _read(snap, edit.path)
            spec = snap.spec(entry) if entry is not None else snap.registry.for_path(edit.path)
            edited = files[edit.path] = EditedFile(
                edit.path, relpath_in(snap, edit.path), spec, entry, data, []
            )
        where = f"{edited.relpath}:{line_at(edited.old, edit.start)}"
        if not 0 <= edit.start <= edit.end <= len(edited.old):
            problems.append(
                f"The edit at {where} has an invalid range [{edit.start}, {edit.end}) for a "
                f"file of {len(edited.old)} bytes."
            )
            continue
        inside = any(
            path == edit.path and start <= edit.start and edit.end <= end
            for path, start, end in allowed
        )
        if not inside:
            ranges = "; ".join(
                f"{relpath_in(snap, p)} lines {line_at(_read(snap, p)[1], s)}-"
                f"{line_at(_read(snap, p)[1], max(e - 1, s))}"
                for p, s, e in allowed[:3]
            )
            problems.append(
                f"The edit at {where} is outside the scope of the task (allowed: {ranges})."
            )
            continue
        edited.edits.append(edit)
    for edited in files.values():
        edited.edits.sort(key=lambda e: (e.start, e.end))
        for before, after in zip(edited.edits, edited.edits[1:], strict=False):
            if after.start < before.end or after.start == before.start:
                problems.append(
                    f"Two edits overlap at {edited.relpath}:{line_at(edited.old, after.start)}; "
                    "each part of a file may be changed by one edit only."
                )
                break
    return files, problems


def _line_ranges(edited: EditedFile) -> list[tuple[int, int]]:
    return [
        (line_at(edited.old, e.start), line_at(edited.old, max(e.end - 1, e.start)))
        for e in edited.edits
    ]


# ---- 2. syntax -----------------------------------------------------------------------------


def _python_compiles_no_more(old: bytes, new: bytes, relpath: str) -> str:
    """A problem when Python that parsed before the edit no longer does.

    CPython's own parser catches indentation errors that tree-sitter accepts (a ``def``
    whose body is not indented).
    """
    try:
        ast.parse(old)
    except (SyntaxError, ValueError):
        return ""  # it did not compile before: tree-sitter's error count judges the edit
    try:
        ast.parse(new)
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        where = f" at line {line}" if line else ""
        message = getattr(exc, "msg", str(exc))
        return f"The edit breaks the syntax of {relpath}: {message}{where} (Python rejects it)."
    return ""


def _apply_and_parse(snap: Snapshot, edited: EditedFile, notes: list[str]) -> list[str]:
    data = edited.old
    for edit in reversed(edited.edits):
        data = data[: edit.start] + edit.new_text.encode("utf-8") + data[edit.end :]
    edited.new = data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = line_at(data, exc.start)
        return [f"The edit leaves invalid UTF-8 in {edited.relpath} at line {line}."]
    spec = edited.spec
    if spec is None:
        notes.append(
            f"{edited.relpath} is in no language hive-ls knows: its syntax is not checked."
        )
        return []
    if edited.entry is not None:
        edited.old_facts = edited.entry.facts
    else:
        old_doc = parse_document(spec, edited.old)
        edited.old_facts = extract_facts(
            old_doc.tree, edited.old, spec, edited.path, edited.relpath
        )
    edited.new_doc = parse_document(spec, data)
    edited.new_facts = extract_facts(edited.new_doc.tree, data, spec, edited.path, edited.relpath)
    before, after = edited.old_facts.errors, edited.new_facts.errors
    if len(after) > len(before):
        first = _first_new_error(edited, before, after)
    else:
        # as many errors as before, but one where an edit was and none had been: a new error
        # merged with an old one by the parser's recovery
        found = _error_in_clean_edit(edited, before, after)
        if found is None:
            if spec.name == "python":  # what tree-sitter lets through, CPython may not
                broken = _python_compiles_no_more(edited.old, data, edited.relpath)
                return [broken] if broken else []
            return []
        first = found
    was = f"{len(before)} before" if before else "none before"
    count = f"{len(after)} error{'s' if len(after) != 1 else ''}"
    return [
        f"The edit breaks the syntax of {edited.relpath}: {first.message} at line "
        f"{line_at(data, first.span.start)} ({count} now, {was})."
    ]


def _error_in_clean_edit(
    edited: EditedFile, before: Sequence[SyntaxIssue], after: Sequence[SyntaxIssue]
) -> SyntaxIssue | None:
    """An error of the new text that overlaps an edit whose old range had none."""
    for edit in edited.edits:
        old_span = Span(edit.start, edit.end)
        if any(_meets(e.span, old_span) for e in before):
            continue
        start = edited.new_start(edit)
        new_span = Span(start, start + len(edit.new_text.encode("utf-8")))
        for issue in after:
            if _meets(issue.span, new_span):
                return issue
    return None


def _meets(a: Span, b: Span) -> bool:
    return a.start <= b.end and b.start <= a.end


def _first_new_error(
    edited: EditedFile, before: Sequence[SyntaxIssue], after: Sequence[SyntaxIssue]
) -> SyntaxIssue:
    """The first error of the new text that is not an old one moved by the edits."""
    moved = {
        (edited.new_offset(e.span.start), edited.new_offset(e.span.end))
        for e in before
        if not edited.touched(e.span)
    }
    for issue in after:
        if (issue.span.start, issue.span.end) not in moved:
            return issue
    return after[0]


# ---- 3. definitions that disappear -----------------------------------------------------------


def _removed_still_used(sync: GraphSync, snap: Snapshot, files: dict[str, EditedFile]) -> list[str]:
    graph = sync.graph
    problems: list[str] = []
    for edited in files.values():
        old, new = edited.old_facts, edited.new_facts
        if old is None or new is None:
            continue
        remaining = set(new.by_qname)
        keys = symbol_keys(old)
        removed = {keys[i]: i for i, sym in enumerate(old.symbols) if sym.qname not in remaining}
        for key, index in removed.items():
            if graph.node(key) is None or _inherited(snap, edited, index):
                continue
            users: list[str] = []
            for node, edge in graph.in_edges(key):
                if edge.kind not in DEPENDS or edge.guess or node.key in removed:
                    continue
                place = _site(sync, snap, files, edge)
                if place is None:
                    continue
                users.append(f"{node.qname or node.name} ({place})")
            users = list(dict.fromkeys(users))
            if users:
                named = ", ".join(users[:MAX_NAMED])
                more = f" and {len(users) - MAX_NAMED} more" if len(users) > MAX_NAMED else ""
                problems.append(
                    f"The edit removes {old.symbols[index].qname}, which is still used by "
                    f"{named}{more}."
                )
    return problems


def _inherited(snap: Snapshot, edited: EditedFile, index: int) -> bool:
    """Whether a removed method is still found on its class through a base class."""
    old = edited.old_facts
    if old is None or edited.entry is None:
        return False
    sym = old.symbols[index]
    if sym.parent < 0 or not old.symbols[sym.parent].kind.is_type:
        return False
    resolver = Resolver(snap)
    for base in resolver.bases(SymbolRef(edited.path, sym.parent)):
        entry = snap.entry(base.path)
        if entry is None:
            continue
        for child in entry.facts.children(base.index):
            if entry.facts.symbols[child].name == sym.name:
                return True
    return False


def _site(sync: GraphSync, snap: Snapshot, files: dict[str, EditedFile], edge: Edge) -> str | None:
    """``relpath:line`` of an edge's site; None when an edit replaces the site itself."""
    where = sync.site(edge)
    if where is None:
        return "?"
    path, span = where
    edited = files.get(path)
    if edited is not None and edited.touched(span):
        return None
    entry = snap.entry(path)
    data = entry.data if entry is not None else b""
    return f"{relpath_in(snap, path)}:{line_at(data, span.start)}"
