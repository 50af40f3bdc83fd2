"""Rows to Arrow tables for one batched write, and Arrow tables back to rows and hits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from hive_ls.store.rows import EdgeRow, FileRow, Hit, NodeRow
from hive_ls.store.schema import EDGE_KEY, HIT_COLUMNS, edges_schema, files_schema, nodes_schema
from hive_ls.store.text import search_column


def unique_files(files: Sequence[FileRow]) -> list[FileRow]:
    """``files`` with one row per relpath (the last one given wins)."""
    return list({row.relpath: row for row in files}.values())


def unique_nodes(nodes: Mapping[str, Sequence[NodeRow]]) -> list[NodeRow]:
    """All nodes, one row per id (the last wins); ValueError when a node's file is not its key."""
    by_id: dict[str, NodeRow] = {}
    for relpath, rows in nodes.items():
        for row in rows:
            if row.file != relpath:
                raise ValueError(
                    f"node {row.id!r} has file {row.file!r} but is given for {relpath!r}"
                )
            by_id[row.id] = row
    return list(by_id.values())


def unique_edges(edges: Mapping[str, Sequence[EdgeRow]]) -> list[EdgeRow]:
    """All edges without repeats; ValueError when an edge's file is not its key."""
    seen: dict[EdgeRow, None] = {}
    for relpath, rows in edges.items():
        for row in rows:
            if row.file != relpath:
                raise ValueError(f"edge {row} has file {row.file!r} but is given for {relpath!r}")
            seen[row] = None
    return list(seen)


def files_table(rows: Sequence[FileRow]) -> Any:
    """The Arrow table of file rows."""
    import pyarrow as pa  # type: ignore[import-untyped]

    return pa.table(
        {
            "relpath": [row.relpath for row in rows],
            "language": [row.language for row in rows],
            "digest": [row.digest for row in rows],
            "facts": [bytes(row.facts) for row in rows],
            "size": [row.size for row in rows],
        },
        schema=files_schema(),
    )


def nodes_table(
    rows: Sequence[NodeRow], dim: int | None, model_id: str | None, existing: Any | None
) -> Any:
    """The Arrow table of node rows, with the derived search column.

    With a vector column, a node keeps the vector of ``existing`` (an Arrow table of id, hash,
    vector of stored embedded nodes) when its id and hash are unchanged, else gets null.
    """
    import pyarrow as pa

    schema = nodes_schema(dim)
    names = [row.name for row in rows]
    qnames = [row.qname for row in rows]
    signatures = [row.signature for row in rows]
    docs = [row.doc for row in rows]
    texts = [row.text for row in rows]
    hashes = [row.hash for row in rows]
    columns: dict[str, Any] = {
        "id": [row.id for row in rows],
        "file": [row.file for row in rows],
        "language": [row.language for row in rows],
        "kind": [row.kind for row in rows],
        "name": names,
        "qname": qnames,
        "start_byte": [row.start_byte for row in rows],
        "end_byte": [row.end_byte for row in rows],
        "start_line": [row.start_line for row in rows],
        "end_line": [row.end_line for row in rows],
        "signature": signatures,
        "doc": docs,
        "text": texts,
        "hash": hashes,
        "search_text": search_column(names, qnames, signatures, docs, texts),
    }
    if dim is not None:
        vectors, kept = _kept_vectors(rows, dim, existing)
        columns["vector"] = vectors
        columns["model"] = pa.array([model_id if keep else "" for keep in kept], pa.string())
    return pa.table(columns, schema=schema)


def _kept_vectors(
    rows: Sequence[NodeRow], dim: int, existing: Any | None
) -> tuple[Any, list[bool]]:
    """The vector column for ``rows``: stored vectors where (id, hash) match, null elsewhere."""
    import pyarrow as pa

    vector_type = pa.list_(pa.float32(), dim)
    if existing is None or existing.num_rows == 0:
        return pa.nulls(len(rows), vector_type), [False] * len(rows)
    stored = {
        (node_id, node_hash): index
        for index, (node_id, node_hash) in enumerate(
            zip(existing["id"].to_pylist(), existing["hash"].to_pylist(), strict=True)
        )
    }
    picks = [stored.get((row.id, row.hash)) for row in rows]
    taken = existing["vector"].take(pa.array(picks, pa.int64()))
    return taken.combine_chunks().cast(vector_type), [pick is not None for pick in picks]


def edges_table(rows: Sequence[EdgeRow]) -> Any:
    """The Arrow table of edge rows."""
    import pyarrow as pa

    return pa.table(
        {name: [getattr(row, name) for row in rows] for name in EDGE_KEY}, schema=edges_schema()
    )


def vectors_table(ids: Sequence[str], hashes: Sequence[str], matrix: Any, model_id: str) -> Any:
    """The partial Arrow table (id, hash, vector, model) that ``set_vectors`` merges."""
    import pyarrow as pa

    dim = int(matrix.shape[1])
    flat = pa.array(matrix.reshape(-1), pa.float32())
    return pa.table(
        {
            "id": pa.array(ids, pa.string()),
            "hash": pa.array(hashes, pa.string()),
            "vector": pa.FixedSizeListArray.from_arrays(flat, dim),
            "model": pa.array([model_id] * len(ids), pa.string()),
        }
    )


def read_files(table: Any) -> dict[str, FileRow]:
    """File rows by relpath from an Arrow table of ``files_v1``."""
    columns = {
        name: table[name].to_pylist() for name in ("relpath", "language", "digest", "facts", "size")
    }
    return {
        relpath: FileRow(relpath, language, digest, facts, size)
        for relpath, language, digest, facts, size in zip(
            columns["relpath"],
            columns["language"],
            columns["digest"],
            columns["facts"],
            columns["size"],
            strict=True,
        )
    }


def read_edges(table: Any) -> list[EdgeRow]:
    """Edge rows from an Arrow table of ``edges_v1``."""
    columns = [table[name].to_pylist() for name in EDGE_KEY]
    return [EdgeRow(*values) for values in zip(*columns, strict=True)]


def read_hits(table: Any, scores: Sequence[float]) -> list[Hit]:
    """Hits from an Arrow table holding the HIT_COLUMNS, with the given scores in row order."""
    columns = {name: table[name].to_pylist() for name in HIT_COLUMNS}
    return [
        Hit(**{name: values[row] for name, values in columns.items()}, score=float(score))
        for row, score in enumerate(scores)
    ]
