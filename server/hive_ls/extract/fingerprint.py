"""A digest of everything that decides what facts a file yields: queries, language files, code.

Stored facts carry it; facts stored by another version of the extractor (a query fixed, a new
kind of reference) do not match and the file is parsed again, never read stale.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from blake3 import blake3

from hive_ls.parse.registry import grammars_dir


@cache
def extractor_fingerprint() -> str:
    """16 hex digits of the blake3 of the grammars and the extract and parse packages."""
    digest = blake3()
    here = Path(__file__).resolve().parent
    sources = [*sorted(here.glob("*.py")), *sorted((here.parent / "parse").glob("*.py"))]
    grammars = sorted(p for p in grammars_dir().rglob("*") if p.suffix in (".scm", ".toml"))
    for path in [*sources, *grammars]:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        digest.update(path.name.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()[:16]
