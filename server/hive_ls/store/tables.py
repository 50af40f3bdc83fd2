"""Opening the tables of an index directory: create what is missing, reset what is not usable.

Recovery rules (each one leaves a one-sentence notice for the caller):

* tables of another schema version are dropped (an upgrade is a rebuild, never a misread);
* missing or unreadable metadata, another workspace root, or any damaged v1 table resets all
  v1 tables to empty: the files table is what tells the caller what to re-index, so it must
  never survive the loss of the nodes or edges it describes (nor the other way round);
* a changed embedding model keeps the nodes (their vectors cleared, to be recomputed) in the
  new ``nodes_v1_<model>`` table and drops the old one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from typing import Any

from hive_ls.store.lance import describe
from hive_ls.store.meta import META_FILE, Meta, read_meta, write_meta
from hive_ls.store.schema import (
    EDGES_TABLE,
    FILES_TABLE,
    FTS_COLUMN,
    NODES_PREFIX,
    SCHEMA_VERSION,
    TABLE_NAME_RE,
    edges_schema,
    files_schema,
    nodes_schema,
    nodes_table,
    same_schema,
)

# A small column per table whose full read opens every data file (a cheap integrity probe).
_PROBE_COLUMN = {FILES_TABLE: "size", EDGES_TABLE: "kind"}
_NODES_PROBE_COLUMN = "start_line"


class Damaged(Exception):
    """A table cannot be read; the message names it and says why."""


@dataclass
class Tables:
    """The three open tables of one index and its metadata record (tables are LanceDB Tables)."""

    files: Any
    nodes: Any
    edges: Any
    meta: Meta


def open_tables(
    db: Any, directory: str, root: str, model_id: str | None, dim: int | None, notices: list[str]
) -> Tables:
    """Open (creating, upgrading or resetting as needed) the tables of the index in ``directory``.

    Raises OSError when the metadata cannot be written and Damaged when a table still cannot be
    used after it was recreated; everything else is recovered and reported in ``notices``.
    """
    names = table_names(directory)
    _drop_other_versions(db, directory, names, notices)
    names = table_names(directory)
    ours = [name for name in names if _version(name) == SCHEMA_VERSION]
    meta = read_meta(directory)
    real_root = os.path.realpath(root)
    if meta is None or meta.schema_version != SCHEMA_VERSION or meta.root != real_root:
        if ours:
            if meta is None:
                notices.append(f"The index at {directory} had no readable metadata and was reset.")
            else:
                notices.append(
                    f"The index at {directory} belonged to {meta.root} "
                    f"and was reset for {real_root}."
                )
            drop_all(db, directory)
        meta = Meta.new(root)
        write_meta(directory, meta)
    try:
        return _open_all(db, directory, model_id, dim, meta, notices)
    except Damaged as damage:
        notices.append(f"The index at {directory} was damaged ({damage}) and was reset.")
        drop_all(db, directory)
        meta = Meta.new(root)
        write_meta(directory, meta)
        return _open_all(db, directory, model_id, dim, meta, notices)


def table_names(directory: str) -> list[str]:
    """The tables in ``directory``, from its ``<name>.lance`` folders (readable or not)."""
    try:
        entries = os.listdir(directory)
    except OSError:
        return []
    return sorted(
        entry[: -len(".lance")]
        for entry in entries
        if entry.endswith(".lance") and os.path.isdir(os.path.join(directory, entry))
    )


def drop(db: Any, directory: str, name: str) -> None:
    """Drop one table, removing its folder by hand when LanceDB cannot."""
    with contextlib.suppress(Exception):
        db.drop_table(name)
    shutil.rmtree(os.path.join(directory, f"{name}.lance"), ignore_errors=True)


def drop_all(db: Any, directory: str) -> None:
    """Drop every table of this schema version."""
    for name in table_names(directory):
        if _version(name) == SCHEMA_VERSION:
            drop(db, directory, name)


def ensure_fts_index(nodes: Any) -> None:
    """Create the full-text index on the derived search column unless it exists.

    Rows written after it was built are still searched (unindexed rows are scanned) until
    ``optimize`` folds them in.
    """
    from lancedb.index import FTS  # type: ignore[import-untyped, unused-ignore]

    if any(list(index.columns) == [FTS_COLUMN] for index in nodes.list_indices()):
        return
    try:
        nodes.create_index(FTS_COLUMN, config=FTS(), replace=False)
    except Exception:
        # Another process may have created it at the same moment; anything else resurfaces.
        if not any(list(index.columns) == [FTS_COLUMN] for index in nodes.list_indices()):
            raise


def _version(name: str) -> int | None:
    match = TABLE_NAME_RE.match(name)
    return int(match.group(2)) if match else None


def _drop_other_versions(db: Any, directory: str, names: list[str], notices: list[str]) -> None:
    """Drop tables and metadata files of other schema versions (an upgrade means a rebuild)."""
    other = [name for name in names if _version(name) not in (None, SCHEMA_VERSION)]
    for name in other:
        drop(db, directory, name)
    with contextlib.suppress(OSError):
        for entry in os.listdir(directory):
            if entry.startswith("meta_v") and entry.endswith(".json") and entry != META_FILE:
                os.remove(os.path.join(directory, entry))
    if other:
        versions = ", ".join(sorted({f"v{_version(name)}" for name in other}))
        notices.append(
            f"The index tables of schema {versions} were dropped; the index is rebuilt "
            f"as schema v{SCHEMA_VERSION}."
        )


def _open_all(
    db: Any, directory: str, model_id: str | None, dim: int | None, meta: Meta, notices: list[str]
) -> Tables:
    files = _ensure(db, directory, FILES_TABLE, files_schema(), _PROBE_COLUMN[FILES_TABLE])
    edges = _ensure(db, directory, EDGES_TABLE, edges_schema(), _PROBE_COLUMN[EDGES_TABLE])
    nodes = _ensure_nodes(db, directory, model_id, dim, notices)
    try:
        ensure_fts_index(nodes)
    except Exception as error:
        raise Damaged(f"the full-text index of {nodes.name} cannot be built: {error}") from error
    return Tables(files=files, nodes=nodes, edges=edges, meta=meta)


def _ensure(db: Any, directory: str, name: str, schema: Any, probe_column: str) -> Any:
    """Open and probe table ``name``, or create it empty; Damaged when it cannot be used."""
    if name not in table_names(directory):
        try:
            return db.create_table(name, schema=schema, exist_ok=True)
        except Exception as error:
            raise Damaged(f"table {name} cannot be created: {error}") from error
    try:
        table = db.open_table(name)
        if not same_schema(table.schema, schema):
            raise Damaged(f"table {name} has an unexpected schema")
        _probe(table, probe_column)
    except Damaged:
        raise
    except Exception as error:
        raise Damaged(f"table {name} cannot be read: {_first_line(error)}") from error
    return table


def _ensure_nodes(
    db: Any, directory: str, model_id: str | None, dim: int | None, notices: list[str]
) -> Any:
    """Open or create the nodes table of this model, carrying nodes over from another model's."""
    name = nodes_table(model_id)
    names = table_names(directory)
    others = [other for other in names if other.startswith(NODES_PREFIX) and other != name]
    schema = nodes_schema(dim)
    if name in names or not others:
        table = _ensure(db, directory, name, schema, _NODES_PROBE_COLUMN)
    else:
        table = _migrate(db, directory, others[0], name, schema)
        notices.append(
            f"The embedding model changed from {others[0][len(NODES_PREFIX) :]} to "
            f"{name[len(NODES_PREFIX) :]}; the vectors are recomputed."
        )
    for other in others:
        drop(db, directory, other)
    return table


def _migrate(db: Any, directory: str, source_name: str, name: str, schema: Any) -> Any:
    """Create table ``name`` from another model's nodes table, with the vectors cleared."""
    import pyarrow as pa  # type: ignore[import-untyped]

    try:
        source = db.open_table(source_name)
        base = nodes_schema(None)
        if not same_schema(pa.schema(list(source.schema)[: len(base)]), base):
            raise Damaged(f"table {source_name} has an unexpected schema")
        data = source.search().select(base.names).limit(None).to_arrow()
        data = data.cast(base)
        if "vector" in schema.names:
            data = data.append_column(
                schema.field("vector"), pa.nulls(data.num_rows, schema.field("vector").type)
            )
            data = data.append_column(
                schema.field("model"), pa.array([""] * data.num_rows, pa.string())
            )
        return db.create_table(name, data=data, schema=schema, on_bad_vectors="null")
    except Damaged:
        raise
    except Exception as error:
        raise Damaged(
            f"table {source_name} cannot be carried over: {_first_line(error)}"
        ) from error


def _probe(table: Any, column: str) -> None:
    """Read one small column in full, which opens every data file; Damaged when rows are missing."""
    expected = table.count_rows()
    scanned = table.search().select([column]).limit(None).to_arrow().num_rows
    if scanned != expected:
        raise Damaged(f"table {table.name} lists {expected} rows but {scanned} can be read")


def _first_line(error: BaseException) -> str:
    return describe(error)
