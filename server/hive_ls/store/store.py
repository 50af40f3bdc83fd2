"""The per-workspace index: one LanceDB database with a files, a nodes and an edges table."""

from __future__ import annotations

import functools
import math
import os
import tempfile
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from hive_ls.store import batches
from hive_ls.store.errors import StoreError
from hive_ls.store.lance import connect, describe, is_retryable, retrying
from hive_ls.store.lock import DirectoryLock
from hive_ls.store.meta import read_meta, write_meta
from hive_ls.store.rows import EdgeRow, FileRow, Filters, Hit, NodeRow
from hive_ls.store.schema import EDGE_KEY, FTS_COLUMN, HIT_COLUMNS, check_model
from hive_ls.store.search import fuse, hybrid_fetch, text_hits, vector_hits
from hive_ls.store.sql import in_list
from hive_ls.store.tables import Damaged, ensure_fts_index, open_tables

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

T = TypeVar("T")

# Old versions stay readable this long, so a concurrent reader's version is not deleted under it.
RETENTION = timedelta(minutes=10)
# maintain() builds the IVF_FLAT vector index from this many embedded rows on ...
VECTOR_INDEX_MIN_ROWS = 20_000
# ... and rebuilds it once the embedded rows have grown by this factor since it was built.
VECTOR_INDEX_REBUILD_FACTOR = 1.5
NO_FILTERS = Filters()
# write() folds new rows into the full-text index (a compaction of the nodes table) once this
# many are unindexed and they are at least FTS_REFRESH_FRACTION of the indexed ones: searching
# unindexed rows costs about 40 us each, and the geometric growth keeps bulk loads linear.
FTS_REFRESH_MIN_ROWS = 5_000
FTS_REFRESH_FRACTION = 0.25
# edges_of() asks for this many ids per query.
EDGE_QUERY_CHUNK = 1_000


class Store:
    """The index of one workspace, on disk under ``directory``; safe to share between processes.

    Every write is one batched commit per table, made under an inter-process lock on the
    directory (see ``hive_ls.store.lock``) and retried on commit conflicts, so concurrent
    writers (other processes or threads) never duplicate or lose rows, and a reader (who
    never waits for the lock) sees a file's old rows or its new rows, never a mix. Reads
    always see the newest commit. Write order is nodes, edges, then files: a process killed
    between them leaves the file's old digest (or none), so the caller re-indexes that file
    on the next run. Old versions are kept for RETENTION, so a reader's version stays readable.

    Every method raises StoreError when LanceDB fails (the message says what happened), and
    ValueError for arguments that make no sense.
    """

    notices: list[str]
    directory: str
    model_id: str | None
    dim: int | None

    def __init__(self, directory: str, model_id: str | None, dim: int | None, db: Any) -> None:
        """Use ``Store.open``, which opens or creates the tables."""
        self.directory = directory
        self.model_id = model_id
        self.dim = dim
        self.notices = []
        self._db = db
        self._files: Any = None
        self._nodes: Any = None
        self._edges: Any = None
        self._lock = DirectoryLock(directory)
        self._closed = False
        self._maintained: tuple[int, ...] | None = None

    @classmethod
    def open(cls, directory: str, root: str, model_id: str | None, dim: int | None) -> Store:
        """Open the index in ``directory`` for the workspace at ``root``, creating what is missing.

        ``model_id`` (``[a-z0-9_]+``) and ``dim`` name the embedding model; with None for both
        the nodes table has no vector column. Damaged, outdated or foreign tables are dropped
        and recreated empty, with a sentence in ``notices``; the caller then re-indexes.
        Raises StoreError when the CPU cannot run LanceDB, the directory is not writable, or a
        table still cannot be used after it was recreated.
        """
        check_model(model_id, dim)
        directory = os.path.abspath(directory)
        _check_writable(directory)
        store = cls(directory, model_id, dim, connect(directory))
        try:
            with store._lock.held():
                tables = open_tables(store._db, directory, root, model_id, dim, store.notices)
        except BaseException as error:
            store._lock.close()
            if isinstance(error, Damaged):
                raise StoreError(f"the index at {directory} cannot be used: {error}") from error
            if isinstance(error, OSError):
                reason = describe(error)
                raise StoreError(f"the index at {directory} cannot be written: {reason}") from error
            if isinstance(error, Exception) and not isinstance(error, StoreError):
                reason = describe(error)
                raise StoreError(f"the index at {directory} cannot be opened: {reason}") from error
            raise
        store._files, store._nodes, store._edges = tables.files, tables.nodes, tables.edges
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # reading

    def load_files(self) -> dict[str, FileRow]:
        """Every file row by relpath, in one scan."""
        table = self._read("reading the files table", self._tables()[0].to_arrow)
        return batches.read_files(table)

    def pending(self, limit: int) -> list[tuple[str, str, str]]:
        """Up to ``limit`` nodes still without a vector, as (id, hash, text); [] without a model."""
        if self.dim is None or limit <= 0:
            return []
        nodes = self._tables()[1]
        table = self._read(
            "reading the nodes to embed",
            lambda: (
                nodes.search()
                .where("vector IS NULL")
                .select(["id", "hash", "text"])
                .limit(limit)
                .to_arrow()
            ),
        )
        return list(
            zip(
                table["id"].to_pylist(),
                table["hash"].to_pylist(),
                table["text"].to_pylist(),
                strict=True,
            )
        )

    def count_pending(self) -> int:
        """How many nodes still have no vector (0 without a model)."""
        if self.dim is None:
            return 0
        nodes = self._tables()[1]
        return int(
            self._read("counting the nodes to embed", lambda: nodes.count_rows("vector IS NULL"))
        )

    def search_vector(
        self, vector: npt.NDArray[Any], k: int, filters: Filters = NO_FILTERS
    ) -> list[Hit]:
        """The ``k`` nodes nearest to ``vector`` (cosine), best first; [] without vectors."""
        if self.dim is None:
            return []
        query = self._query_vector(vector)
        nodes = self._tables()[1]
        return self._read("searching by vector", lambda: vector_hits(nodes, query, k, filters))

    def search_text(self, query: str, k: int, filters: Filters = NO_FILTERS) -> list[Hit]:
        """The ``k`` best full-text matches (BM25 over name, qname, signature, doc and text).

        The query is plain terms: syntax characters are not operators and never raise.
        Identifiers match by their words, so ``retry upload`` finds ``retry_upload`` and
        ``retryUpload``.
        """
        nodes = self._tables()[1]
        return self._read("searching the text", lambda: text_hits(nodes, query, k, filters))

    def search_hybrid(
        self, query: str, vector: npt.NDArray[Any] | None, k: int, filters: Filters = NO_FILTERS
    ) -> list[Hit]:
        """Reciprocal rank fusion (k=60) of vector and text results; text only without a vector."""
        fetch = hybrid_fetch(k)
        ranked = [self.search_text(query, fetch, filters)]
        if vector is not None and self.dim is not None:
            ranked.insert(0, self.search_vector(vector, fetch, filters))
        return fuse(ranked, k)

    def edges_of(self, ids: Collection[str]) -> list[EdgeRow]:
        """The edges whose src or dst is one of ``ids``, each once."""
        edges = self._tables()[2]
        found: dict[EdgeRow, None] = {}
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), EDGE_QUERY_CHUNK):
            chunk = wanted[start : start + EDGE_QUERY_CHUNK]
            where = f"{in_list('src', chunk)} OR {in_list('dst', chunk)}"
            query = edges.search().where(where).select(list(EDGE_KEY)).limit(None)
            table = self._read("reading edges", query.to_arrow)
            found.update(dict.fromkeys(batches.read_edges(table)))
        return list(found)

    def all_edges(self) -> list[EdgeRow]:
        """Every edge."""
        edges = self._tables()[2]
        return batches.read_edges(self._read("reading edges", edges.to_arrow))

    def node_ids(self) -> list[str]:
        """The id of every node row (repeats would mean a broken write: tests look for them)."""
        nodes = self._tables()[1]
        table = self._read("reading node ids", lambda: nodes.to_arrow().select(["id"]))
        return [str(value) for value in table.column("id").to_pylist()]

    def stats(self) -> dict[str, int]:
        """Row counts (files, nodes, embedded, pending, edges) and kept versions (all tables)."""
        files, nodes, edges = self._tables()

        def count() -> dict[str, int]:
            return {
                "files": files.count_rows(),
                "nodes": nodes.count_rows(),
                "embedded": nodes.count_rows("vector IS NOT NULL") if self.dim is not None else 0,
                "pending": nodes.count_rows("vector IS NULL") if self.dim is not None else 0,
                "edges": edges.count_rows(),
                "versions": sum(len(table.list_versions()) for table in (files, nodes, edges)),
            }

        return self._read("reading index statistics", count)

    # writing

    def write(
        self,
        files: Sequence[FileRow],
        nodes: Mapping[str, Sequence[NodeRow]],
        edges: Mapping[str, Sequence[EdgeRow]],
        removed: Sequence[str] = (),
    ) -> None:
        """Replace the rows of many files in one commit per table.

        Each table replaces the rows of the relpaths its own argument names: ``nodes`` and
        ``edges`` map a relpath to all of that file's rows (an empty sequence clears them), and
        a file in ``files`` replaces its file row. A relpath missing from an argument keeps its
        rows in that table, so edges can be rewritten without touching nodes. ``removed``
        relpaths lose their rows in every table (rows also given for them are ignored).
        Nodes with an unchanged (id, hash) keep their vector; others get none (``pending``
        lists them). Rows repeated in one call are stored once (the last node per id wins;
        edges are a set). A node or edge whose ``file`` is not its key raises ValueError.
        """
        gone = set(removed)
        if gone:  # removal wins over rows given for the same relpath
            files = [row for row in files if row.relpath not in gone]
            nodes = {path: rows for path, rows in nodes.items() if path not in gone}
            edges = {path: rows for path, rows in edges.items() if path not in gone}
        node_rows = batches.unique_nodes(nodes)
        edge_rows = batches.unique_edges(edges)
        file_rows = batches.unique_files(files)
        with self._lock.held():
            file_table, node_table, edge_table = self._tables()
            if nodes or gone:
                self._write_nodes(node_table, node_rows, set(nodes) | gone, set(nodes))
            if edges or gone:
                self._replace(
                    edge_table,
                    list(EDGE_KEY),
                    batches.edges_table(edge_rows) if edge_rows else None,
                    in_list("file", set(edges) | gone),
                    f"writing the edges of {len(set(edges) | gone)} files",
                    update=False,
                )
            if files or gone:
                paths = {row.relpath for row in file_rows} | gone
                self._replace(
                    file_table,
                    ["relpath"],
                    batches.files_table(file_rows) if file_rows else None,
                    in_list("relpath", paths),
                    f"writing {len(paths)} file rows",
                )
            if nodes:  # last, so that a slow compaction never delays the files commit
                self._refresh_fts(node_table)

    def set_vectors(self, rows: Sequence[tuple[str, str, npt.NDArray[Any]]]) -> int:
        """Store vectors as (id, hash, vector) in one commit; returns how many rows took one.

        A vector is stored only where the node's stored hash still equals ``hash``: a node
        rewritten meanwhile keeps none (it is pending again). Without a model nothing is stored.
        """
        import numpy as np

        if self.dim is None or self.model_id is None or not rows:
            return 0
        unique = {node_id: (node_hash, vector) for node_id, node_hash, vector in rows}
        matrix = np.empty((len(unique), self.dim), dtype=np.float32)
        for row, (node_id, (_, vector)) in enumerate(unique.items()):
            array = np.asarray(vector, dtype=np.float32).reshape(-1)
            if array.shape != (self.dim,) or not np.all(np.isfinite(array)):
                raise ValueError(f"the vector of {node_id!r} is not {self.dim} finite numbers")
            matrix[row] = array
        data = batches.vectors_table(
            list(unique), [node_hash for node_hash, _ in unique.values()], matrix, self.model_id
        )
        with self._lock.held():
            nodes = self._tables()[1]
            result = retrying(
                f"storing {len(unique)} vectors",
                lambda: (
                    nodes.merge_insert("id")
                    .when_matched_update_all(where="target.hash = source.hash")
                    .execute(data)
                ),
            )
            self._refresh_fts(nodes)  # updated rows left the full-text index
        return int(result.num_updated_rows)

    def maintain(self, *, vector_index_min_rows: int = VECTOR_INDEX_MIN_ROWS) -> None:
        """Compact all tables (keeping RETENTION of old versions) and keep the indexes current.

        The full-text index is created when missing and folded up to date by the compaction.
        A cosine IVF_FLAT vector index (about sqrt(rows) partitions) is built once at least
        ``vector_index_min_rows`` rows are embedded, and rebuilt when the embedded rows have
        grown by VECTOR_INDEX_REBUILD_FACTOR since; never IVF_PQ or HNSW (too slow to build
        here). A no-op when no table changed since the last call.
        """
        with self._lock.held():
            tables = self._tables()
            versions = self._read(
                "reading table versions", lambda: tuple(t.version for t in tables)
            )
            if versions == self._maintained:
                return
            for table in tables:
                retrying(
                    f"compacting table {table.name}",
                    functools.partial(table.optimize, cleanup_older_than=RETENTION),
                )
            nodes = tables[1]
            retrying("building the full-text index", lambda: ensure_fts_index(nodes))
            if self.dim is not None:
                self._maintain_vector_index(nodes, vector_index_min_rows)
            self._maintained = self._read(
                "reading table versions", lambda: tuple(t.version for t in tables)
            )

    def close(self) -> None:
        """Let go of the tables; any later call raises StoreError."""
        with self._lock.held():
            self._closed = True
            self._files = self._nodes = self._edges = self._db = None
        self._lock.close()

    # helpers

    def _tables(self) -> tuple[Any, Any, Any]:
        if self._closed:
            raise StoreError(f"the index at {self.directory} is closed")
        return self._files, self._nodes, self._edges

    def _read(self, what: str, operation: Callable[[], T]) -> T:
        """Run a read, turning LanceDB's errors into StoreError."""
        try:
            return operation()
        except StoreError:
            raise
        except Exception as error:
            raise StoreError(f"{what} failed: {describe(error)}") from error

    def _query_vector(self, vector: npt.NDArray[Any]) -> np.ndarray[Any, np.dtype[np.float32]]:
        import numpy as np

        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        if query.shape != (self.dim,):
            raise ValueError(f"the query vector has {query.size} numbers, not {self.dim}")
        return query

    def _write_nodes(
        self, table: Any, rows: list[NodeRow], paths: set[str], written: set[str]
    ) -> None:
        """Replace the nodes of ``paths``, keeping the vectors of unchanged (id, hash) pairs."""
        existing = None
        if rows and self.dim is not None:
            where = f"({in_list('file', written)}) AND vector IS NOT NULL"
            existing = self._read(
                "reading stored vectors",
                lambda: (
                    table.search()
                    .where(where)
                    .select(["id", "hash", "vector"])
                    .limit(None)
                    .to_arrow()
                ),
            )
        data = batches.nodes_table(rows, self.dim, self.model_id, existing) if rows else None
        self._replace(
            table,
            ["id"],
            data,
            in_list("file", paths),
            f"writing the nodes of {len(paths)} files",
            update_when=_NODE_CHANGED,
        )

    def _replace(
        self,
        table: Any,
        key: list[str],
        data: Any | None,
        scope: str,
        what: str,
        update: bool = True,
        update_when: str | None = None,
    ) -> None:
        """One commit: ``data`` upserted by ``key``, the other rows in ``scope`` deleted.

        Without ``update`` matching rows are left as they are; with ``update_when`` only those
        for which that condition holds are updated (the others, being equal, are not rewritten).
        """
        if data is None:
            retrying(what, lambda: table.delete(scope))
            return

        def merge() -> Any:
            builder = table.merge_insert(key[0] if len(key) == 1 else key)
            if update:
                builder = builder.when_matched_update_all(where=update_when)
            builder = builder.when_not_matched_insert_all().when_not_matched_by_source_delete(scope)
            return builder.execute(data, on_bad_vectors="null")

        retrying(what, merge)

    def _refresh_fts(self, nodes: Any) -> None:
        """Compact the nodes table when enough rows are missing from the full-text index.

        Best effort: a commit conflict (another process compacting or writing) skips it.
        """
        try:
            stats = nodes.index_stats(f"{FTS_COLUMN}_idx")
            if stats is None:
                return
            unindexed, indexed = stats.num_unindexed_rows, stats.num_indexed_rows
            if unindexed < FTS_REFRESH_MIN_ROWS or unindexed < FTS_REFRESH_FRACTION * indexed:
                return
            nodes.optimize(cleanup_older_than=RETENTION)
        except Exception as error:
            if not is_retryable(error):
                raise StoreError(
                    f"updating the full-text index failed: {describe(error)}"
                ) from error

    def _maintain_vector_index(self, nodes: Any, min_rows: int) -> None:
        """Build or rebuild the IVF_FLAT index when the embedded row count warrants it."""
        from lancedb.index import IvfFlat  # type: ignore[import-untyped, unused-ignore]

        embedded = int(
            self._read("counting vectors", lambda: nodes.count_rows("vector IS NOT NULL"))
        )
        if embedded < max(min_rows, 1):
            return
        has_index = any(list(index.columns) == ["vector"] for index in nodes.list_indices())
        meta = read_meta(self.directory)
        built_from = meta.vector_index_rows if meta else 0
        if has_index and embedded < built_from * VECTOR_INDEX_REBUILD_FACTOR:
            return
        partitions = max(1, round(math.sqrt(embedded)))
        retrying(
            "building the vector index",
            lambda: nodes.create_index(
                "vector",
                config=IvfFlat(distance_type="cosine", num_partitions=partitions),
                replace=True,
            ),
        )
        if meta is not None:
            try:
                write_meta(self.directory, meta.with_vector_index(embedded))
            except OSError as error:
                raise StoreError(f"writing the index metadata failed: {describe(error)}") from error


# A stored node is rewritten only when one of these differs (the vector is kept or cleared with
# the hash, and search_text derives from the rest), so re-writing unchanged nodes costs nothing.
# (Lance has no IS DISTINCT FROM here; the store never writes nulls into these columns.)
_NODE_CHANGED = " OR ".join(
    f"target.{column} <> source.{column}" for column in ("hash", *HIT_COLUMNS[1:], "text")
)


def _check_writable(directory: str) -> None:
    """Create ``directory`` (0700) and prove a file can be written there; StoreError otherwise."""
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        os.chmod(directory, 0o700)  # an older folder: the index holds source text
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".probe-"):
            pass
    except OSError as error:
        reason = error.strerror or describe(error)
        raise StoreError(f"the index directory {directory} is not writable: {reason}") from error
