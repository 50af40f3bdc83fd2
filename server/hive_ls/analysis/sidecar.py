"""The facts snapshot beside a store: every file's row in one data-only file, 0600.

Layout: a format line, then per file one JSON header line ``[relpath, language, digest,
size, length]`` followed by ``length`` bytes of the facts blob (``analysis.codec``). Nothing
in it is executable; a header that does not read back ends the reading (the rows before it
are kept: each is used only when its file's bytes still hash to its digest).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable

from hive_ls.store import FileRow

SIDECAR = "facts-v2.json"
FORMAT = b"hive-ls facts snapshot 2\n"
MAX_BLOB = 256 * 1024 * 1024


def read_rows(path: str) -> dict[str, FileRow]:
    """The rows saved in the snapshot at ``path`` ({} when absent or of another format)."""
    rows: dict[str, FileRow] = {}
    try:
        with open(path, "rb") as handle:
            if handle.readline() != FORMAT:
                return {}
            while header := handle.readline(64 * 1024):
                row = _row(header, handle.read)
                if row is None:
                    break
                rows[row.relpath] = row
    except OSError:
        return rows
    return rows


def _row(header: bytes, read: Callable[[int], bytes]) -> FileRow | None:
    try:
        fields = json.loads(header)
    except ValueError:
        return None
    if type(fields) is not list or len(fields) != 5:
        return None
    relpath, language, digest, size, length = fields
    if not (type(relpath) is str and type(language) is str and type(digest) is str):
        return None
    if type(size) is not int or type(length) is not int or not 0 <= length <= MAX_BLOB:
        return None
    blob = read(length)
    if len(blob) != length:
        return None
    return FileRow(relpath=relpath, language=language, digest=digest, facts=blob, size=size)


def write_rows(path: str, rows: Iterable[FileRow]) -> None:
    """Write ``rows`` to ``path`` atomically, readable by this user only; OSError on failure."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(FORMAT)
            for row in rows:
                header = [row.relpath, row.language, row.digest, row.size, len(row.facts)]
                handle.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")
                handle.write(row.facts)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
