"""The initial index: list the workspace's files, then parse and extract them in processes."""

from __future__ import annotations

import logging
import multiprocessing
import os
from array import array
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import NamedTuple

from hive_ls.analysis.cancel import NEVER, CancelToken
from hive_ls.base.facts import FileFacts
from hive_ls.base.settings import IndexSettings
from hive_ls.extract.facts import extract_facts, file_digest
from hive_ls.extract.inert import inert_spans
from hive_ls.parse.document import parse_document
from hive_ls.parse.registry import Registry, default_registry
from hive_ls.vfs.ignore import IgnoreRules
from hive_ls.vfs.packages import PackageFolders
from hive_ls.vfs.reader import Skipped, read_source
from hive_ls.vfs.walk import SourceFile, walk

log = logging.getLogger(__name__)

BATCH_FILES = 24
BATCH_BYTES = 384_000
IN_PROCESS_BYTES = 1_500_000  # below this much source, worker processes cost more than they save


class Indexed(NamedTuple):
    """A file read, parsed and extracted."""

    root: str
    relpath: str
    facts: FileFacts
    data: bytes
    inert: array[int] | None


class Planned(NamedTuple):
    """A file to index: its workspace root, the file, its size in bytes, and more.

    ``module_path`` is the path its module is named from (``vfs.packages``; empty: its path
    in the root).
    """

    root: str
    source: SourceFile
    size: int
    module_path: str = ""


class IndexState(NamedTuple):
    """How far the initial index has come."""

    done: int
    total: int
    complete: bool


class Plan(NamedTuple):
    """The files to index under some roots, and what the walk skipped."""

    files: list[Planned]
    skipped: list[Skipped]
    total_bytes: int


def plan(
    targets: Sequence[tuple[str, str]],
    rules: dict[str, IgnoreRules],
    settings: IndexSettings,
    registry: Registry,
    cancel: CancelToken = NEVER,
) -> Plan:
    """List the source files under each ``(root, folder relative to it)``, with their roots."""
    files: list[Planned] = []
    skipped: list[Skipped] = []
    total = 0
    packages = PackageFolders()

    def language_of(relpath: str) -> str | None:
        spec = registry.for_path(relpath)
        return spec.name if spec else None

    for root, folder in targets:
        for item in walk(root, rules[root], settings, language_of, folder):
            cancel.check()
            if isinstance(item, Skipped):
                log.info("skipped %s: %s (%s)", item.path, item.reason, item.detail)
                skipped.append(item)
                continue
            try:
                size = os.path.getsize(item.path)
            except OSError:
                size = 0
            if size > settings.max_file_bytes:
                reason = Skipped(
                    item.path, "huge", f"{size} bytes > limit of {settings.max_file_bytes}"
                )
                log.info("skipped %s: %s (%s)", item.path, reason.reason, reason.detail)
                skipped.append(reason)
                continue
            total += size
            files.append(Planned(root, item, size, _module_path(registry, packages, root, item)))
    return Plan(files, skipped, total)


def _module_path(
    registry: Registry, packages: PackageFolders, root: str, source: SourceFile
) -> str:
    spec = registry.languages.get(source.language)
    if spec is None or spec.module_style != "python":
        return ""
    return packages.module_path(root, source.relpath)


def index_one(
    root: str,
    source: SourceFile,
    max_bytes: int,
    registry: Registry | None = None,
    module_path: str = "",
) -> Indexed | Skipped:
    """Read, parse and extract one file; never raises."""
    registry = registry or default_registry()
    spec = registry.languages.get(source.language)
    if spec is None:
        return Skipped(source.path, "unsupported", f"no grammar for {source.language}")
    data = read_source(source.path, max_bytes)
    if isinstance(data, Skipped):
        return data
    try:
        doc = parse_document(spec, data)
        facts = extract_facts(
            doc.tree,
            data,
            spec,
            source.path,
            source.relpath,
            digest=file_digest(data),
            module_path=module_path or None,
        )
        inert = inert_spans(doc.tree, spec)
    except Exception as exc:  # a grammar crash must not take the whole index down
        log.exception("failed to index %s", source.path)
        return Skipped(source.path, "failed", f"{type(exc).__name__}: {exc}")
    return Indexed(root, source.relpath, facts, data, inert)


def _index_batch(batch: list[Planned], max_bytes: int) -> list[Indexed | Skipped]:
    return [
        index_one(item.root, item.source, max_bytes, module_path=item.module_path) for item in batch
    ]


def _batches(files: list[Planned]) -> Iterator[list[Planned]]:
    batch: list[Planned] = []
    size = 0
    for item in files:
        batch.append(item)
        size += item.size
        if len(batch) >= BATCH_FILES or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def index_files(
    todo: Plan,
    settings: IndexSettings,
    cancel: CancelToken = NEVER,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[list[Indexed | Skipped]]:
    """Index the planned files in batches, in worker processes when it pays off.

    Yields each finished batch; stops early (and stops the workers) when cancelled.
    """
    total = len(todo.files)
    done = 0
    if progress:
        progress(0, total)
    workers = settings.worker_count()
    if workers <= 1 or todo.total_bytes < IN_PROCESS_BYTES:
        for batch in _batches(todo.files):
            cancel.check()
            results = _index_batch(batch, settings.max_file_bytes)
            done += len(batch)
            if progress:
                progress(done, total)
            yield results
        return
    context = multiprocessing.get_context("spawn")
    batches = _batches(todo.files)
    submitted: dict[Future[list[Indexed | Skipped]], list[Planned]] = {}
    try:
        yield from _in_pool(
            workers, context, batches, submitted, settings, cancel, progress, done, total
        )
    except BrokenProcessPool as exc:
        # workers could not start or died (no usable __main__, out of memory): carry on here
        log.warning("indexing processes failed (%s); indexing the rest in this process", exc)
        unfinished = [item for batch in submitted.values() for item in batch]  # never yielded
        for batch in [unfinished, *batches]:
            cancel.check()
            if batch:
                yield _index_batch(batch, settings.max_file_bytes)


def _in_pool(
    workers: int,
    context: multiprocessing.context.BaseContext,
    batches: Iterator[list[Planned]],
    submitted: dict[Future[list[Indexed | Skipped]], list[Planned]],
    settings: IndexSettings,
    cancel: CancelToken,
    progress: Callable[[int, int], None] | None,
    done: int,
    total: int,
) -> Iterator[list[Indexed | Skipped]]:
    """Index batches on worker processes, yielding each as it completes."""
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: set[Future[list[Indexed | Skipped]]] = set()

        def submit(batch: list[Planned]) -> None:
            future = pool.submit(_index_batch, batch, settings.max_file_bytes)
            submitted[future] = batch
            pending.add(future)

        try:
            for batch in batches:
                submit(batch)
                if len(pending) >= workers * 3:
                    break
            while pending:
                finished, waiting = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
                pending.clear()
                pending.update(waiting)
                cancel.check()
                for future in finished:
                    results = future.result()
                    submitted.pop(future, None)
                    done += len(results)
                    if progress:
                        progress(done, total)
                    yield results
                    nxt = next(batches, None)
                    if nxt is not None:
                        submit(nxt)
        finally:
            for future in pending:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
