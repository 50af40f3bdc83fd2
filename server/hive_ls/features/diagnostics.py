"""Diagnostics of a file: its syntax errors."""

from __future__ import annotations

from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import FileFacts
from hive_ls.features.lookup import require
from hive_ls.features.results import Problem


def problems_of(facts: FileFacts) -> list[Problem]:
    """One error per ERROR or MISSING node of the file's tree."""
    return [Problem(issue.span, issue.message) for issue in facts.errors]


def syntax_problems(snap: Snapshot, path: str) -> list[Problem]:
    """The syntax errors of the file at ``path``."""
    return problems_of(require(snap, path).facts)
