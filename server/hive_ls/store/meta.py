"""The index's metadata record, ``meta_v1.json``: schema version, workspace root, creation time."""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, replace

from hive_ls.store.schema import SCHEMA_VERSION

META_FILE = f"meta_v{SCHEMA_VERSION}.json"


@dataclass(frozen=True)
class Meta:
    """What the index directory says about itself.

    ``vector_index_rows`` is how many embedded rows the vector index was built from (0: none
    built), so that ``maintain`` knows when enough rows were added to rebuild it.
    """

    schema_version: int
    root: str
    created: float
    vector_index_rows: int = 0

    @classmethod
    def new(cls, root: str) -> Meta:
        """A fresh record for the workspace at ``root``."""
        return cls(SCHEMA_VERSION, os.path.realpath(root), time.time())

    def with_vector_index(self, rows: int) -> Meta:
        """The record after building a vector index over ``rows`` rows."""
        return replace(self, vector_index_rows=rows)


def read_meta(directory: str) -> Meta | None:
    """The record in ``directory``; None when it is missing or unreadable (the index is reset)."""
    try:
        with open(os.path.join(directory, META_FILE), encoding="utf-8") as handle:
            data = json.load(handle)
        return Meta(
            schema_version=int(data["schema_version"]),
            root=str(data["root"]),
            created=float(data["created"]),
            vector_index_rows=int(data.get("vector_index_rows", 0)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_meta(directory: str, meta: Meta) -> None:
    """Write the record atomically (a temporary file renamed over the old one); raises OSError."""
    path = os.path.join(directory, META_FILE)
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(asdict(meta), handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
