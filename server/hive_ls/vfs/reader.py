"""Reading one source file, or saying in a word why it was skipped."""

from __future__ import annotations

import os
from typing import NamedTuple

BOM = b"\xef\xbb\xbf"
SNIFF_BYTES = 8192


class Skipped(NamedTuple):
    """A file left out of the index: its path, a short reason and details for the log."""

    path: str
    reason: str
    detail: str


def read_source(path: str, max_bytes: int) -> bytes | Skipped:
    """The file's bytes (a UTF-8 BOM removed), or why it cannot be indexed.

    Reasons: ``missing`` (deleted meanwhile), ``unreadable``, ``huge``, ``binary``,
    ``undecodable`` (not UTF-8), ``not-a-file``.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Skipped(path, "missing", "the file no longer exists")
    except OSError as exc:
        return Skipped(path, "unreadable", exc.strerror or str(exc))
    if not os.path.isfile(path):
        return Skipped(path, "not-a-file", "not a regular file")
    if info.st_size > max_bytes:
        return Skipped(path, "huge", f"{info.st_size} bytes > limit of {max_bytes}")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        return Skipped(path, "missing", "the file no longer exists")
    except OSError as exc:
        return Skipped(path, "unreadable", exc.strerror or str(exc))
    if len(data) > max_bytes:
        return Skipped(path, "huge", f"more than {max_bytes} bytes")
    return check_content(path, data)


def check_content(path: str, data: bytes) -> bytes | Skipped:
    """``data`` without a BOM when it is UTF-8 text; otherwise why it is not."""
    if b"\x00" in data[:SNIFF_BYTES]:
        return Skipped(path, "binary", "contains NUL bytes")
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Skipped(path, "undecodable", f"not UTF-8 at byte {exc.start}")
    return data
