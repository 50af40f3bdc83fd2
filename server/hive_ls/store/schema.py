"""Table names and Arrow schemas of schema version 1; the version is part of every table name."""

from __future__ import annotations

import re
from typing import Any

SCHEMA_VERSION = 1
FILES_TABLE = f"files_v{SCHEMA_VERSION}"
EDGES_TABLE = f"edges_v{SCHEMA_VERSION}"
NODES_PREFIX = f"nodes_v{SCHEMA_VERSION}_"
NO_MODEL = "none"
FTS_COLUMN = "search_text"
EDGE_KEY = ("src", "dst", "kind", "file")

# Any table this store ever made, of any schema version: group 2 is the version.
TABLE_NAME_RE = re.compile(r"^(files|nodes|edges|meta)_v(\d+)(_[a-z0-9_]*)?$")
MODEL_ID_RE = re.compile(r"^[a-z0-9_]+$")

# The columns of a node that searches return (a Hit), in Hit's field order, without the score.
HIT_COLUMNS = (
    "id",
    "file",
    "language",
    "kind",
    "name",
    "qname",
    "start_byte",
    "end_byte",
    "start_line",
    "end_line",
    "signature",
    "doc",
)


def nodes_table(model_id: str | None) -> str:
    """The nodes table for an embedding model (``nodes_v1_none`` without one)."""
    return NODES_PREFIX + (model_id or NO_MODEL)


def check_model(model_id: str | None, dim: int | None) -> None:
    """Raise ValueError unless both are None or ``model_id`` is valid and ``dim`` positive."""
    if model_id is None:
        if dim is not None:
            raise ValueError("a vector dimension was given without an embedding model id")
        return
    if not MODEL_ID_RE.match(model_id) or model_id == NO_MODEL:
        raise ValueError(f"embedding model id {model_id!r} must match [a-z0-9_]+ and not be 'none'")
    if dim is None or dim <= 0:
        raise ValueError(f"embedding model {model_id!r} needs a positive vector dimension")


def files_schema() -> Any:
    """``files_v1``: one row per indexed file, keyed by relpath."""
    import pyarrow as pa  # type: ignore[import-untyped]

    return pa.schema(
        [
            pa.field("relpath", pa.string(), nullable=False),
            pa.field("language", pa.string()),
            pa.field("digest", pa.string()),
            pa.field("facts", pa.large_binary()),
            pa.field("size", pa.int64()),
        ]
    )


def nodes_schema(dim: int | None) -> Any:
    """``nodes_v1_<model>``: one row per chunk, keyed by id; a vector column only with a model.

    ``search_text`` is derived from the other text columns (see ``hive_ls.store.text``) and is
    the column the full-text index covers.
    """
    import pyarrow as pa

    fields = [
        pa.field("id", pa.string(), nullable=False),
        pa.field("file", pa.string()),
        pa.field("language", pa.string()),
        pa.field("kind", pa.string()),
        pa.field("name", pa.string()),
        pa.field("qname", pa.string()),
        pa.field("start_byte", pa.int64()),
        pa.field("end_byte", pa.int64()),
        pa.field("start_line", pa.int32()),
        pa.field("end_line", pa.int32()),
        pa.field("signature", pa.string()),
        pa.field("doc", pa.string()),
        pa.field("text", pa.string()),
        pa.field("hash", pa.string()),
        pa.field(FTS_COLUMN, pa.string()),
    ]
    if dim is not None:
        fields.append(pa.field("vector", pa.list_(pa.float32(), dim), nullable=True))
        fields.append(pa.field("model", pa.string()))
    return pa.schema(fields)


def edges_schema() -> Any:
    """``edges_v1``: one row per edge; the whole row is the key."""
    import pyarrow as pa

    return pa.schema([pa.field(name, pa.string(), nullable=False) for name in EDGE_KEY])


def same_schema(actual: Any, expected: Any) -> bool:
    """Whether a table's schema has exactly the expected column names and types."""
    return [(f.name, f.type) for f in actual] == [(f.name, f.type) for f in expected]
