"""The plain values the store reads and writes: file, node and edge rows, hits and filters."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileRow:
    """One indexed file: its digest tells the caller whether it must be re-read.

    ``facts`` is an opaque blob the caller owns; the store never looks inside it.
    """

    relpath: str
    language: str
    digest: str
    facts: bytes
    size: int


@dataclass(frozen=True)
class NodeRow:
    """One searchable chunk (a definition), without its vector.

    ``id`` is the key; ``file`` is the relpath of the file it was read from; lines are 0-based;
    ``hash`` is the caller's blake3 of ``text``, the text that gets embedded and indexed.
    """

    id: str
    file: str
    language: str
    kind: str
    name: str
    qname: str
    start_byte: int
    end_byte: int
    start_line: int
    end_line: int
    signature: str
    doc: str
    text: str
    hash: str


@dataclass(frozen=True)
class EdgeRow:
    """One graph edge between node ids, read from the file ``file`` (a relpath).

    Edges are a set: the same (src, dst, kind, file) given twice is stored once.
    """

    src: str
    dst: str
    kind: str
    file: str


@dataclass(frozen=True)
class Hit:
    """One search result; a higher ``score`` is better.

    Vector search scores ``1 - cosine distance``, text search the BM25 score, hybrid search the
    reciprocal-rank-fusion score.
    """

    id: str
    file: str
    language: str
    kind: str
    name: str
    qname: str
    start_byte: int
    end_byte: int
    start_line: int
    end_line: int
    signature: str
    doc: str
    score: float


@dataclass(frozen=True)
class Filters:
    """Restrictions on search results; an empty field restricts nothing.

    ``path_glob`` is matched against the relpath, fnmatch-style and case-sensitive, where ``*``
    also crosses ``/`` (``"django/db/*"`` matches everything under ``django/db``).
    """

    languages: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    path_glob: str = ""
