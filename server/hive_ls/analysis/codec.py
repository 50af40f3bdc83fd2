"""A file's facts as bytes for the store, and back: what makes a restart a warm start.

The blob is a pickle of plain values (named tuples, enums, strings) with a format version in
front; only the fields of ``FileFacts`` travel, never its computed caches. Pickle is safe here
because the store is the server's own cache folder: anyone who can write there can already
run code as this user. A blob of another format version, or one that fails to load, reads as
"unknown" and the file is parsed again.
"""

from __future__ import annotations

import pickle
from array import array

from hive_ls.base.facts import FileFacts

FORMAT = b"hivefacts1\n"


def encode_facts(facts: FileFacts, inert: array[int] | None) -> bytes:
    """The bytes stored for one file's facts and inert spans."""
    fields = (
        facts.path,
        facts.language,
        facts.digest,
        facts.size,
        facts.module,
        facts.parts,
        facts.chunks,
        facts.errors,
        facts.problems,
    )
    return FORMAT + pickle.dumps((fields, inert), protocol=pickle.HIGHEST_PROTOCOL)


def decode_facts(blob: bytes) -> tuple[FileFacts, array[int] | None] | None:
    """The facts and inert spans stored in ``blob``; None when it cannot be read."""
    if not blob.startswith(FORMAT):
        return None
    try:
        fields, inert = pickle.loads(blob[len(FORMAT) :])
        return FileFacts(*fields), inert
    except Exception:  # a blob from a broken write or another version: parse the file again
        return None
