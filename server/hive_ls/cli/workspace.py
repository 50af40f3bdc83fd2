"""Indexing a folder from the command line into an AnalysisHost."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from hive_ls.analysis.host import AnalysisHost
from hive_ls.analysis.indexer import Indexed, IndexState, index_files, plan
from hive_ls.base.settings import Settings, merge_settings
from hive_ls.cli.progress import ProgressBar
from hive_ls.parse.registry import default_registry
from hive_ls.vfs.config_file import read_config
from hive_ls.vfs.reader import Skipped


class UsageError(Exception):
    """The command line asks for something impossible; the message says what to change."""


@dataclass
class IndexReport:
    """What indexing a folder did."""

    files: int = 0
    symbols: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def index_folder(path: str, show_progress: bool = True) -> tuple[AnalysisHost, IndexReport]:
    """Index everything under ``path`` (honouring its ``.hive/config.toml``)."""
    root = os.path.realpath(path)
    if not os.path.isdir(root):
        raise UsageError(f"{path} is not a folder")
    data, problems = read_config(root)
    settings, found = merge_settings(Settings(), data, f"{root}/.hive/config.toml")
    report = IndexReport(problems=[*problems, *found])
    host = AnalysisHost(default_registry(), settings)
    host.set_roots([root])
    started = time.perf_counter()
    todo = plan([(root, "")], host.rules, settings.index, host.registry)
    report.skipped.extend(todo.skipped)
    bar = ProgressBar("indexing") if show_progress else None
    host.begin_index(len(todo.files))
    for batch in index_files(todo, settings.index, progress=bar):
        host.add_indexed([r for r in batch if isinstance(r, Indexed)])
        report.skipped.extend(r for r in batch if isinstance(r, Skipped))
    host.set_index_state(IndexState(len(todo.files), len(todo.files), True))
    if bar:
        bar.close()
    report.seconds = time.perf_counter() - started
    for entry in host.snapshot().files.values():
        report.files += 1
        report.symbols += len(entry.facts.symbols)
        report.languages[entry.facts.language] = report.languages.get(entry.facts.language, 0) + 1
    return host, report
