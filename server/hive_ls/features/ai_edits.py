"""Edited files as the validator sees them: the bytes and facts before and after the edits."""

from __future__ import annotations

import os
from dataclasses import dataclass

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import FileFacts
from hive_ls.base.language import LanguageSpec
from hive_ls.base.span import Span
from hive_ls.llm.types import TextEdit
from hive_ls.parse.document import ParsedDocument

MAX_NAMED = 3  # call sites or users named in one problem


@dataclass
class EditedFile:
    """One edited file: before and after (``edits`` sorted, none overlapping)."""

    path: str
    relpath: str
    spec: LanguageSpec | None
    entry: FileEntry | None
    old: bytes
    edits: list[TextEdit]
    new: bytes = b""
    old_facts: FileFacts | None = None
    new_facts: FileFacts | None = None
    new_doc: ParsedDocument | None = None

    def touched(self, span: Span) -> bool:
        """Whether an edit replaces or inserts into ``span`` (old offsets)."""
        return any(
            (e.start < span.end and span.start < e.end)
            or (e.start == e.end and span.start <= e.start <= span.end)
            for e in self.edits
        )

    def new_start(self, edit: TextEdit) -> int:
        """Where ``edit``'s replacement text starts in the new text."""
        delta = 0
        for e in self.edits:
            if e is edit:
                break
            delta += len(e.new_text.encode("utf-8")) - (e.end - e.start)
        return edit.start + delta

    def new_offset(self, offset: int) -> int:
        """Where an old offset outside the edits is in the new text."""
        delta = 0
        for e in self.edits:
            if e.end <= offset:
                delta += len(e.new_text.encode("utf-8")) - (e.end - e.start)
        return offset + delta


def relpath_in(snap: Snapshot, path: str) -> str:
    """``path`` inside its workspace folder (itself when it is in none)."""
    entry = snap.entry(path)
    if entry is not None:
        return entry.relpath
    for root in snap.roots:
        if path.startswith(root.rstrip(os.sep) + os.sep):
            return os.path.relpath(path, root)
    return path


def line_at(data: bytes, offset: int) -> int:
    """The 1-based line of ``offset``."""
    return data.count(b"\n", 0, max(offset, 0)) + 1
