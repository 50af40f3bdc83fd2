"""The persistent per-workspace index: files, chunks (nodes) with vectors, and edges in LanceDB.

Importing this package is cheap: lancedb, pyarrow and numpy are imported when first used.
"""

from hive_ls.store.cpu import cpu_problem
from hive_ls.store.errors import StoreError
from hive_ls.store.paths import default_index_dir
from hive_ls.store.process import RemoteStore, StoreProcess
from hive_ls.store.rows import EdgeRow, FileRow, Filters, Hit, NodeRow
from hive_ls.store.schema import SCHEMA_VERSION
from hive_ls.store.store import VECTOR_INDEX_MIN_ROWS, Store

__all__ = [
    "SCHEMA_VERSION",
    "VECTOR_INDEX_MIN_ROWS",
    "EdgeRow",
    "FileRow",
    "Filters",
    "Hit",
    "NodeRow",
    "RemoteStore",
    "Store",
    "StoreError",
    "StoreProcess",
    "cpu_problem",
    "default_index_dir",
]
