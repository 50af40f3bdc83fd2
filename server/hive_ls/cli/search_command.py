"""The ``search`` command: code found by meaning, from the folder's store."""

from __future__ import annotations

import json
import sys

from hive_ls.cli.progress import ProgressBar
from hive_ls.cli.workspace import UsageError, index_folder
from hive_ls.features.code_search import MODES, search_stored
from hive_ls.store import Filters

EMBED_NOW = 300  # fewer chunks than this without vectors are embedded before searching


def run_search(
    root: str,
    query: str,
    k: int,
    fmt: str,
    mode: str,
    filters: Filters,
    index_dir: str | None,
    trust: bool = False,
) -> int:
    """Bring the folder's index up to date, search it and print the hits."""
    if not query.strip():
        raise UsageError("give a query: words describing the code, or a name")
    if not 1 <= k <= 100:
        raise UsageError(f"--k must be from 1 to 100, not {k}")
    if mode not in MODES:
        raise UsageError(f"--mode must be one of {', '.join(MODES)}")
    host, report = index_folder(root, fmt == "text", index_dir, keep_store=True, trust=trust)
    store = report.store
    if store is None or not store.active:
        raise UsageError("search needs the index store, which is off or unavailable (see above)")
    try:
        if mode != "text" and 0 < store.status.pending <= EMBED_NOW:
            bar = ProgressBar("embedding") if fmt == "text" else None
            store.embed_all(bar)
            if bar:
                bar.close()
        answer = search_stored(store, host.snapshot(), query, k, filters, mode)
    finally:
        store.close()
    if fmt == "json":
        print(
            json.dumps(
                {
                    "query": query,
                    "mode": answer.mode,
                    "embedded": answer.embedded,
                    "pending": answer.pending,
                    "notes": list(answer.notes),
                    "results": [
                        {
                            "path": r.relpath,
                            "line": r.start_line + 1,
                            "end_line": r.end_line + 1,
                            "name": r.name,
                            "qualified_name": r.qname,
                            "kind": r.kind,
                            "language": r.language,
                            "signature": r.signature,
                            "score": round(r.score, 6),
                            "matched": list(r.matched),
                            "via": r.via,
                        }
                        for r in answer.results
                    ],
                }
            )
        )
    else:
        for r in answer.results:
            how = "+".join(r.matched) + (f" ({r.via})" if r.via else "")
            print(f"{r.score:.4f}  {r.kind:<9} {r.qname}  {r.relpath}:{r.start_line + 1}  [{how}]")
        for note in answer.notes:
            print(f"note: {note}", file=sys.stderr)
        if answer.pending and mode != "text":
            print(f"hint: `hive-ls index --embed {root}` embeds them now", file=sys.stderr)
        if not answer.results:
            print(f"nothing found for {query!r}", file=sys.stderr)
    return 0 if answer.results else 1
