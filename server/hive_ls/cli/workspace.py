"""Indexing a folder from the command line into an AnalysisHost, warm from the store."""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass, field, replace

from hive_ls.analysis.config import load_config
from hive_ls.analysis.host import AnalysisHost
from hive_ls.analysis.indexer import Indexed, IndexState, index_files, plan
from hive_ls.analysis.persist import IndexStore
from hive_ls.analysis.warm import reuse_stored
from hive_ls.base.settings import Settings
from hive_ls.cli.progress import ProgressBar
from hive_ls.parse.registry import default_registry
from hive_ls.store import FileRow
from hive_ls.vfs.reader import Skipped


class UsageError(Exception):
    """The command line asks for something impossible; the message says what to change."""


@dataclass
class IndexReport:
    """What indexing a folder did; ``store`` stays open when the caller asked to keep it."""

    files: int = 0
    symbols: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    reused: int = 0  # files loaded unchanged from the store (a warm start)
    parsed: int = 0
    store: IndexStore | None = None
    store_dir: str = ""


def folder_settings(
    root: str, index_dir: str | None, trust: bool = False
) -> tuple[Settings, list[str]]:
    """The settings of a folder (``analysis.config``), then ``--index-dir``."""
    config = load_config(root, trust)
    settings = config.settings
    if index_dir is not None:
        settings = replace(settings, store=replace(settings.store, path=index_dir))
    return settings, list(config.problems)


def index_folder(
    path: str,
    show_progress: bool = True,
    index_dir: str | None = None,
    keep_store: bool = False,
    graph: bool = False,
    trust: bool = False,
) -> tuple[AnalysisHost, IndexReport]:
    """Index everything under ``path``, reusing what the store holds for unchanged files.

    What changed is saved back (with the graph's edges, which are built when anything
    changed or ``graph`` is asked for). ``trust``: the user trusts the folder (``--trust``).
    """
    root = os.path.realpath(path)
    if not os.path.isdir(root):
        raise UsageError(f"{path} is not a folder")
    settings, problems = folder_settings(root, index_dir, trust)
    report = IndexReport(problems=problems)
    store = IndexStore(  # the command line embeds only when asked (embed_all), in its thread
        settings,
        notify=lambda m: print(f"warning: {m}", file=sys.stderr),
        background_embedding=False,
    )
    opening = threading.Thread(target=store.open, args=([root],), daemon=True)
    opening.start()  # LanceDB loads while the folder is walked
    host = AnalysisHost(default_registry(), settings)
    host.set_roots([root])
    started = time.perf_counter()
    todo = plan([(root, "")], host.rules, settings.index, host.registry)
    report.skipped.extend(todo.skipped)
    total = len(todo.files)
    host.begin_index(total)
    max_bytes = settings.index.max_file_bytes
    loaded: dict[str, str] = {}
    sidecar: dict[str, FileRow] = {}
    if store.saved_before([root]):  # a warm start: the facts snapshot first, then the store
        sidecar = store.read_sidecar(root)
        reused, todo = reuse_stored(todo, lambda _: sidecar, max_bytes)
        host.add_indexed(reused, saved=True)
        loaded = {i.facts.path: i.facts.digest for i in reused}
        if todo.files:
            opening.join()
            more, todo = reuse_stored(todo, store.stored, max_bytes)
            host.add_indexed(more, saved=True)
            reused = [*reused, *more]
        report.reused = len(reused)
    bar = ProgressBar("indexing") if show_progress and todo.files else None
    for batch in index_files(todo, settings.index, progress=bar):
        host.add_indexed([r for r in batch if isinstance(r, Indexed)])
        report.skipped.extend(r for r in batch if isinstance(r, Skipped))
    host.set_index_state(IndexState(total, total, True))
    if bar:
        bar.close()
    report.parsed = len(todo.files)
    opening.join()
    host.mark_unsaved(store.not_holding(loaded))
    store.forget_stored()
    store.status.reused, store.status.parsed = report.reused, report.parsed
    work = host.store_work()
    if store.active:
        report.store_dir = next(iter(store.status.directories.values()), "")
        gone = store.known_paths() - set(host.paths())  # deleted while no one watched
        if graph or work is not None or gone:
            host.graph.sync(host.snapshot())
        if work is not None or gone:
            store.note(host.snapshot(), set(work[1] if work else ()) | gone, host.graph.graph)
            store.flush()
            store.compact_if_needed()
        if work is not None or gone or len(loaded) != len(host.paths()):
            store.write_sidecar(host.snapshot())  # the next run loads everything from it
    report.seconds = time.perf_counter() - started
    for entry in host.snapshot().files.values():
        report.files += 1
        report.symbols += len(entry.facts.symbols)
        report.languages[entry.facts.language] = report.languages.get(entry.facts.language, 0) + 1
    if keep_store:
        report.store = store
    else:
        store.close()
    return host, report
