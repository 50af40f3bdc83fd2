"""One file as the analysis sees it: its facts, its bytes, where it lives, and its open version."""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from hive_ls.base.facts import FileFacts
from hive_ls.parse.document import ParsedDocument


@dataclass(frozen=True)
class FileEntry:
    """An immutable version of one file.

    ``doc`` holds the full syntax tree while the file is open in the editor (``version`` is the
    editor's version then); files only on disk keep no tree, to keep memory small, but keep
    their ``inert`` spans (``extract.inert``) when their language has them.
    """

    facts: FileFacts
    data: bytes
    root: str
    relpath: str
    version: int | None = None
    doc: ParsedDocument | None = None
    inert: array[int] | None = None

    @property
    def path(self) -> str:
        """The file's absolute path."""
        return self.facts.path

    @property
    def is_open(self) -> bool:
        """True while the editor has the file open."""
        return self.doc is not None
