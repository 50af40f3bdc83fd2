"""Finding the file a request is about, or saying clearly that hive-ls does not know it."""

from __future__ import annotations

import os

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.features.results import UnknownFile


def require(snap: Snapshot, path: str) -> FileEntry:
    """The file at ``path``; raises UnknownFile with an actionable message otherwise."""
    entry = snap.entry(path)
    if entry is not None:
        return entry
    inside = any(path.startswith(root + os.sep) for root in snap.roots)
    if inside and not snap.index_state.complete:
        raise UnknownFile(
            f"{path} is not indexed yet (indexing {snap.index_state.done}/"
            f"{snap.index_state.total}); open it or try again in a moment"
        )
    raise UnknownFile(
        f"{path} is not known to hive-ls: it is outside the workspace folders, ignored, "
        "not in a supported language, or was never opened"
    )
