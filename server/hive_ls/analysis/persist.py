"""The store kept in step with the analysis, off the event loop: warm start, writes, embeddings.

One ``IndexStore`` serves every workspace root (one LanceDB store per root). Its thread writes
the files that changed (after a short quiet period, many files in one write), then embeds the
chunks that have no vector yet, a batch at a time, in the embedding process, so no request
ever waits for the model. Any store or model failure is reported once and the server goes on
from memory: persistence and embeddings are an optimisation, never a dependency.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hive_ls.analysis.codec import encode_facts
from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.node_rows import node_rows
from hive_ls.analysis.sidecar import SIDECAR, read_rows, write_rows
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.settings import Settings
from hive_ls.embed import EmbedError, EmbedService, ModelInfo, model_id_for
from hive_ls.extract.inert import inert_spans
from hive_ls.graph.pdg import ProgramGraph
from hive_ls.store import (
    EdgeRow,
    FileRow,
    Filters,
    Hit,
    NodeRow,
    RemoteStore,
    StoreError,
    StoreProcess,
)
from hive_ls.store import default_index_dir as store_dir_in

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

QUIET_S = 1.0  # a write waits for this long without new changes (typing, a checkout)
RETRY_S = 30.0  # after a failed write
MAINTAIN_EVERY_S = 60.0
WRITE_FILES = 200  # files per write: bounds the memory of the first save of a big workspace
WRITE_BATCHES = 8  # model batches embedded between two writes of vectors (each write costs)
BUNDLED_DIM = 384  # all-MiniLM-L6-v2: known before the model is loaded


def index_dir(root: str, configured: str) -> str:
    """Where the store of ``root`` lives: under ``configured`` when set, else the default.

    ``configured`` (``store.path``, ``--index-dir``) names a folder holding one store per
    workspace, like ``$HIVE_LS_INDEX_DIR``.
    """
    base = os.path.abspath(os.path.expanduser(configured)) if configured else ""
    return store_dir_in(root, base)


@dataclass
class StoreStatus:
    """What the store and the embedding model are doing, for people and for tests."""

    directories: dict[str, str] = field(default_factory=dict)  # root -> store folder
    files: int = 0
    nodes: int = 0
    embedded: int = 0
    pending: int = 0
    model: str = ""
    provider: str = ""
    problems: list[str] = field(default_factory=list)
    writes: int = 0
    reused: int = 0  # files the last index loaded from the store unchanged
    parsed: int = 0  # files it had to parse


class IndexStore:
    """Opens the stores, feeds them changes in the background and embeds what is new.

    ``notify`` receives each problem once (one sentence); ``progress`` receives
    ``(done, total)`` while chunks are embedded, and ``(total, total)`` when they all are.
    """

    def __init__(
        self,
        settings: Settings,
        notify: Callable[[str], None] | None = None,
        progress: Callable[[int, int], None] | None = None,
        background_embedding: bool = True,
    ) -> None:
        self.settings = settings
        self._background_embedding = background_embedding
        self._embedding = threading.Lock()
        self._notify = notify or log.warning
        self._progress = progress
        self._process = StoreProcess()  # LanceDB lives there, not in the server
        self._stores: dict[str, RemoteStore] = {}
        self._stored: dict[str, dict[str, FileRow]] = {}
        self._known: set[str] = set()
        self._said: set[str] = set()
        self.status = StoreStatus()
        self._service: EmbedService | None = None
        self._info: ModelInfo | None = None
        self._model_off = False  # no model configured, or it failed: not tried again
        self._model_lock = threading.Lock()
        self._prestart = False  # load the model in the background (the server asks for it)
        self._lock = threading.Lock()  # guards the pending work below
        self._wake = threading.Condition(self._lock)
        self._snapshot: Snapshot | None = None
        self._paths: set[str] = set()
        self._graph: ProgramGraph | None = None
        self._last_change = 0.0
        self._flush_requested = False
        self._flushed = threading.Event()
        self._stopped = False
        self._thread: threading.Thread | None = None
        self._last_maintain = 0.0
        self._dirty_since_maintain = False

    # ---- opening ----------------------------------------------------------------------------

    def problem(self, message: str) -> None:
        """Report ``message`` once (and keep it for the status)."""
        if message in self._said:
            return
        self._said.add(message)
        self.status.problems.append(message)
        self._notify(message)

    def open(self, roots: Iterable[str]) -> None:
        """Open (or create) the store of each root and read what it holds; never raises.

        Blocking (LanceDB takes a second to import): call it off the event loop.
        """
        if not self.settings.store.enabled:
            return
        model_id, dim = self._model()
        for root in roots:
            if root in self._stores:
                continue
            directory = index_dir(root, self.settings.store.path)
            try:
                store = RemoteStore.open(self._process, directory, root, model_id, dim)
                self._stored[root] = store.load_files()
                self._known.update(os.path.join(root, r) for r in self._stored[root])
            except StoreError as exc:
                self.problem(f"index store unavailable, working from memory: {exc}")
                continue
            for notice in store.notices:
                self.problem(notice)
            self._stores[root] = store
            self.status.directories[root] = directory
        self._refresh_status()

    def _model(self) -> tuple[str | None, int | None]:
        """The embedding model's id and vector size (None, None: no embeddings)."""
        embed = self.settings.embed
        model_id = model_id_for(embed)
        if model_id is None:
            return None, None
        if not embed.endpoint:
            return model_id, BUNDLED_DIM
        info = self._start_model()  # an endpoint's vector size is learned by asking it
        return (info.model_id, info.dim) if info else (None, None)

    def _start_model(self) -> ModelInfo | None:
        """Start the embedding process once; None (said once) when there is no usable model."""
        with self._model_lock:
            return self._start_model_locked()

    def _start_model_locked(self) -> ModelInfo | None:
        if self._service is not None or self._model_off:
            return self._info
        if model_id_for(self.settings.embed) is None:
            self._model_off = True
            return None
        service = EmbedService(self.settings.embed)
        try:
            self._info = service.start()
        except EmbedError as exc:
            self._model_off = True
            self.problem(f"embeddings off, search uses text and the graph only: {exc}")
            service.close()
            return None
        self._service = service
        if self._info.notice:
            self.problem(self._info.notice)
        self.status.model, self.status.provider = self._info.model_id, self._info.provider
        return self._info

    def prestart_model(self) -> None:
        """Load the embedding model in the background now, ahead of the first query."""
        if not self._stores or not self._can_embed():
            return
        with self._wake:
            self._prestart = True
            self._wake.notify()
        self._ensure_thread()

    def saved_before(self, roots: Iterable[str]) -> bool:
        """True when one of ``roots`` has an index folder (worth waiting for: a warm start)."""
        if not self.settings.store.enabled:
            return False
        return any(os.path.isdir(index_dir(r, self.settings.store.path)) for r in roots)

    # ---- the facts snapshot beside each store (a warm start without waiting for LanceDB) -----

    def _sidecar(self, root: str) -> str:
        return os.path.join(index_dir(root, self.settings.store.path), SIDECAR)

    def read_sidecar(self, root: str) -> dict[str, FileRow]:
        """The facts saved beside the store of ``root`` at the last clean exit ({} if none).

        A cache, never a source of truth: a row is used only when the file's bytes still hash
        to its digest (facts are a function of the bytes), so a stale or foreign file costs
        nothing but a parse. Readable without LanceDB, so a warm start need not wait for it.
        """
        if not self.settings.store.enabled:
            return {}
        return read_rows(self._sidecar(root))

    def write_sidecar(self, snapshot: Snapshot) -> None:
        """Save the facts of every file of each store's root beside the store (atomically)."""
        for root in list(self._stores):
            rows = [
                self._file_row(snapshot, entry)
                for entry in snapshot.files.values()
                if entry.root == root and entry.doc is None  # open buffers may be unsaved
            ]
            try:
                write_rows(self._sidecar(root), rows)
            except OSError as exc:
                self.problem(f"could not save the facts snapshot beside the index: {exc}")

    def stored(self, root: str) -> Mapping[str, FileRow]:
        """The file rows the store of ``root`` held when it was opened."""
        return self._stored.get(root, {})

    def forget_stored(self) -> None:
        """Drop the rows read at opening (once the warm start has used them)."""
        self._stored.clear()

    def not_holding(self, digests: Mapping[str, str]) -> set[str]:
        """The paths of ``digests`` whose version the stores do not hold (to be saved)."""
        missing = set()
        for path, digest in digests.items():
            root = self._root_of(path)
            relpath = os.path.relpath(path, root).replace(os.sep, "/") if root else ""
            row = self._stored.get(root, {}).get(relpath) if root else None
            if root is not None and (row is None or row.digest != digest):
                missing.add(path)
        return missing

    def known_paths(self) -> set[str]:
        """The absolute paths of the files the stores held when opened."""
        return set(self._known)

    @property
    def active(self) -> bool:
        """True when at least one store is open."""
        return bool(self._stores)

    # ---- changes ----------------------------------------------------------------------------

    def note(
        self, snapshot: Snapshot | None, paths: Iterable[str], graph: ProgramGraph | None
    ) -> None:
        """Files changed (or the graph did): write them once changes pause."""
        if not self._stores:
            return
        with self._wake:
            self._snapshot = snapshot or self._snapshot
            self._paths.update(paths)
            self._graph = graph or self._graph
            self._last_change = time.monotonic()
            self._wake.notify()
        self._ensure_thread()

    def unsaved(self) -> bool:
        """True when changes wait to be written (a search would not see them yet)."""
        with self._lock:
            return bool(self._paths) or self._flush_requested

    def flush(self, timeout: float = 60.0) -> bool:
        """Write everything noted so far now; True when it was written in time."""
        if not self._stores:
            return True
        self._flushed.clear()
        with self._wake:
            self._flush_requested = True
            self._wake.notify()
        self._ensure_thread()
        return self._flushed.wait(timeout)

    def _ensure_thread(self) -> None:
        if self._thread is None and not self._stopped:
            self._thread = threading.Thread(target=self._run, name="hive-store", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._stopped and not self._due():
                    self._wake.wait(timeout=self._wait_time())
                if self._stopped:
                    return
                snapshot, paths, graph = self._snapshot, self._paths, self._graph
                self._paths = set()
                flushing, self._flush_requested = self._flush_requested, False
            if self._wants_model():
                self._prestart = False
                self._start_model()
            if snapshot is not None:
                self._write(snapshot, paths, graph)
            if flushing:
                self._flushed.set()
            if self._background_embedding:
                self._embed_while_idle()
            self._maintain_when_quiet()

    def _due(self) -> bool:
        if self._flush_requested or self._wants_model():
            return True
        if not self._paths and not self._graph_edited():
            return self._embedding_due() or self._maintain_due()
        return time.monotonic() - self._last_change >= QUIET_S

    def _wants_model(self) -> bool:
        """The model is loaded ahead of the first query (it takes a second)."""
        return self._service is None and self._can_embed() and self._prestart

    def _wait_time(self) -> float:
        return QUIET_S / 2

    def _graph_edited(self) -> bool:
        return self._graph is not None and self._graph.has_edited()

    # ---- writing ----------------------------------------------------------------------------

    def _write(self, snapshot: Snapshot, paths: set[str], graph: ProgramGraph | None) -> None:
        """Save ``paths`` (and the files whose edges changed), ``WRITE_FILES`` at a time.

        Batches bound the memory of a first save (rows are made per batch, in both
        processes); each batch replaces its files atomically. On a failure the batch and the
        rest are queued again for later.
        """
        edited = graph.take_edited() if graph is not None else set()
        ordered = sorted(paths | edited)
        for at in range(0, len(ordered), WRITE_FILES):
            batch = ordered[at : at + WRITE_FILES]
            if not self._write_batch(snapshot, paths, edited, batch, graph):
                rest = ordered[at:]
                with self._wake:  # try again later, with whatever changed meanwhile
                    self._paths.update(p for p in rest if p in paths)
                    self._last_change = time.monotonic() + RETRY_S
                if graph is not None:
                    graph.mark_edited({p for p in rest if p in edited})
                break
        self._refresh_status()

    def _write_batch(
        self, snapshot: Snapshot, paths: set[str], edited: set[str], batch: list[str],
        graph: ProgramGraph | None,
    ) -> bool:  # fmt: skip
        by_root: dict[str, tuple[list[FileRow], dict[str, list[NodeRow]], list[str]]] = {}
        for path in batch:
            root = self._root_of(path)
            if root is None or path not in paths:
                continue
            files, nodes, removed = by_root.setdefault(root, ([], {}, []))
            relpath = os.path.relpath(path, root).replace(os.sep, "/")
            entry = snapshot.files.get(path)
            if entry is None or entry.root != root:
                removed.append(relpath)
                continue
            files.append(self._file_row(snapshot, entry))
            nodes[relpath] = node_rows(entry)
        with_edges = {p for p in batch if p in edited}
        edges = self._edges(graph, with_edges) if graph is not None and with_edges else {}
        for root, store in list(self._stores.items()):
            files, nodes, removed = by_root.get(root, ([], {}, []))
            root_edges = edges.get(root, {})
            if not (files or nodes or removed or root_edges):
                continue
            try:
                store.write(files, nodes, root_edges, removed)
            except StoreError as exc:
                self.problem(f"could not save the index ({exc}); retrying in {RETRY_S:.0f}s")
                return False
            self.status.writes += 1
            self._dirty_since_maintain = True
        return True

    def _file_row(self, snapshot: Snapshot, entry: FileEntry) -> FileRow:
        inert = entry.inert
        if inert is None and entry.doc is not None:
            inert = inert_spans(entry.doc.tree, snapshot.spec(entry))
        facts = entry.facts
        return FileRow(
            relpath=entry.relpath,
            language=facts.language,
            digest=facts.digest,
            facts=encode_facts(facts, inert),
            size=facts.size,
        )

    def _edges(self, graph: ProgramGraph, paths: set[str]) -> dict[str, dict[str, list[EdgeRow]]]:
        """The edges read from each file, grouped by root and keyed by relative path."""
        found: dict[str, dict[str, list[EdgeRow]]] = {}
        for path, edges in graph.edges_read_from(paths).items():
            root = self._root_of(path)
            if root is None:
                continue
            relpath = os.path.relpath(path, root).replace(os.sep, "/")
            found.setdefault(root, {})[relpath] = [
                EdgeRow(src=a, dst=b, kind=kind, file=relpath) for a, b, kind in edges
            ]
        return found

    def _root_of(self, path: str) -> str | None:
        best = None
        for root in self._stores:
            if path.startswith(root + os.sep) and (best is None or len(root) > len(best)):
                best = root
        return best

    # ---- embedding --------------------------------------------------------------------------

    def _embedding_due(self) -> bool:
        return self._background_embedding and self.status.pending > 0 and self._can_embed()

    def _can_embed(self) -> bool:
        return not self._model_off and model_id_for(self.settings.embed) is not None

    def _embed_while_idle(self) -> None:
        """Embed chunks without vectors, some batches at a time, until done or changes arrive."""
        if not self._embedding.acquire(blocking=False):
            return  # the command line's embed_all or the thread is at it already
        try:
            self._embed_pending()
        finally:
            self._embedding.release()

    def _embed_pending(self) -> None:
        if not self._can_embed():
            return
        total = sum(s.count_pending() for s in self._stores.values())
        if not total:
            return
        if self._start_model() is None or self._service is None:
            return
        batch = max(1, self.settings.embed.batch)
        done = 0
        if self._progress:
            self._progress(0, total)
        for store in list(self._stores.values()):
            while not self._stopped:
                with self._lock:
                    if self._paths or self._flush_requested:
                        return  # write first; embedding resumes after
                try:
                    todo = store.pending(batch * WRITE_BATCHES)
                    if not todo:
                        break
                    vectors = self._service.embed_documents([text for _, _, text in todo])
                    store.set_vectors(
                        [(key, digest, vectors[i]) for i, (key, digest, _) in enumerate(todo)]
                    )
                except EmbedError as exc:
                    self.problem(f"embedding stopped: {exc}")
                    self._service.close()
                    self._service, self._model_off = None, True
                    return
                except StoreError as exc:
                    self.problem(f"could not save embeddings: {exc}")
                    return
                done += len(todo)
                self._dirty_since_maintain = True
                if self._progress:
                    self._progress(done, max(total, done))
        self._refresh_status()
        if self._progress:
            self._progress(done, done)

    def embed_query(self, text: str) -> np.ndarray | None:
        """The query's vector, or None when there is no model (search then skips vectors)."""
        if not self._stores or self._start_model() is None:
            return None
        service = self._service
        if service is None:
            return None
        try:
            return service.embed_query(text)
        except EmbedError as exc:
            self.problem(f"embedding a query failed: {exc}")
            return None

    def embed_all(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Embed every pending chunk now, in this thread (the command line); returns the count."""
        if not self._stores or self._start_model() is None or self._service is None:
            return 0
        saved, self._progress = self._progress, progress
        try:
            self._refresh_status()
            before = self.status.pending
            self._embed_while_idle()
            self._refresh_status()
            return before - self.status.pending
        finally:
            self._progress = saved

    # ---- upkeep -----------------------------------------------------------------------------

    def _maintain_due(self) -> bool:
        return (
            self._dirty_since_maintain
            and time.monotonic() - self._last_maintain >= MAINTAIN_EVERY_S
        )

    def _maintain_when_quiet(self) -> None:
        if not self._maintain_due():
            return
        self.maintain()

    def maintain(self) -> None:
        """Compact the stores and (re)build their search indexes."""
        self._last_maintain = time.monotonic()
        self._dirty_since_maintain = False
        for store in list(self._stores.values()):
            try:
                store.maintain()
            except StoreError as exc:
                self.problem(f"could not compact the index: {exc}")

    def compact_if_needed(self, max_versions: int = 64) -> None:
        """Compact now when the stores keep many versions (the command line's runs add up)."""
        for store in list(self._stores.values()):
            try:
                if store.stats().get("versions", 0) > max_versions:
                    store.maintain()
            except StoreError as exc:
                self.problem(f"could not compact the index: {exc}")

    def _refresh_status(self) -> None:
        files = nodes = embedded = pending = 0
        for store in list(self._stores.values()):
            try:
                stats = store.stats()
            except StoreError:
                continue
            files += stats.get("files", 0)
            nodes += stats.get("nodes", 0)
            embedded += stats.get("embedded", 0)
            pending += stats.get("pending", nodes - embedded)
        self.status.files, self.status.nodes = files, nodes
        self.status.embedded, self.status.pending = embedded, pending

    # ---- reading ----------------------------------------------------------------------------

    def search(
        self, query: str, vector: np.ndarray | None, k: int, filters: Filters, mode: str
    ) -> list[Hit]:
        """Hits of every store for ``query``: ``vector``, ``text`` or ``hybrid`` (fused)."""
        hits: list[Hit] = []
        for store in list(self._stores.values()):
            try:
                if mode == "vector":
                    found = store.search_vector(vector, k, filters) if vector is not None else []
                elif mode == "text":
                    found = store.search_text(query, k, filters)
                else:
                    found = store.search_hybrid(query, vector, k, filters)
            except StoreError as exc:
                self.problem(f"index search failed: {exc}")
                continue
            hits.extend(found)
        hits.sort(key=lambda h: -h.score)
        return hits[:k]

    def stored_edges(self, keys: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
        """Edges from the stores: touching ``keys``, or all of them (None)."""
        found: list[tuple[str, str, str]] = []
        wanted = None if keys is None else set(keys)
        for store in list(self._stores.values()):
            try:
                rows = store.all_edges() if wanted is None else store.edges_of(wanted)
            except StoreError as exc:
                self.problem(f"index search failed: {exc}")
                continue
            found.extend((e.src, e.dst, e.kind) for e in rows)
        return found

    # ---- the end ----------------------------------------------------------------------------

    def close(self, flush: bool = True, snapshot: Snapshot | None = None) -> None:
        """Write what is pending (when asked), stop the thread, the model and the stores.

        With ``snapshot``, the facts snapshot beside each store is written too.
        """
        if flush and self._stores and (self._paths or self._graph_edited()):
            self.flush(timeout=30.0)
        if snapshot is not None and self._stores:
            self.write_sidecar(snapshot)
        with self._wake:
            self._stopped = True
            self._wake.notify()
        if self._thread is not None:
            self._thread.join(timeout=10.0)
        if self._service is not None:
            self._service.close()
            self._service = None
        for store in self._stores.values():
            store.close()
        self._stores.clear()
        self._process.close()


def hits_by_key(hits: Iterable[Hit]) -> dict[str, Hit]:
    """Hits by node key (the best one when a key repeats)."""
    found: dict[str, Hit] = {}
    for hit in hits:
        if hit.id not in found or found[hit.id].score < hit.score:
            found[hit.id] = hit
    return found
