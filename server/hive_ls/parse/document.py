"""A parsed version of one document, and incremental re-parsing after byte edits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tree_sitter import Point, Tree

from hive_ls.base.edits import ByteEdit
from hive_ls.base.language import LanguageSpec
from hive_ls.base.lines import LineIndex
from hive_ls.base.span import Span
from hive_ls.parse.grammar import parse


@dataclass(frozen=True)
class ParsedDocument:
    """Bytes and their syntax tree; never mutated (edits copy the tree first).

    ``changed`` are the ranges whose syntax differs from the previous version of the document
    (tree-sitter's changed ranges); None when there is no previous version to compare with.
    """

    spec: LanguageSpec
    data: bytes
    tree: Tree
    changed: tuple[Span, ...] | None = None
    _lines: list[LineIndex] = field(default_factory=list, repr=False, compare=False)

    @property
    def lines(self) -> LineIndex:
        """Line starts of ``data``, computed on first use."""
        if not self._lines:
            self._lines.append(LineIndex(self.data))
        return self._lines[0]


def parse_document(spec: LanguageSpec, data: bytes) -> ParsedDocument:
    """Parse ``data`` from scratch."""
    return ParsedDocument(spec, data, parse(spec, data))


def point_at(data: bytes, offset: int) -> Point:
    """Tree-sitter's (row, byte column) of ``offset``."""
    row = data.count(b"\n", 0, offset)
    return Point(row, offset - (data.rfind(b"\n", 0, offset) + 1))


def _end_point(start: Point, text: bytes) -> Point:
    newlines = text.count(b"\n")
    if newlines == 0:
        return Point(start.row, start.column + len(text))
    return Point(start.row + newlines, len(text) - text.rfind(b"\n") - 1)


def clamp_edit(data: bytes, edit: ByteEdit) -> ByteEdit:
    """The edit with offsets forced into ``data`` (``start <= end <= len(data)``)."""
    size = len(data)
    start = min(max(edit.start, 0), size)
    end = min(max(edit.end, start), size)
    return ByteEdit(start, end, edit.text)


def apply_edits(doc: ParsedDocument, edits: Sequence[ByteEdit]) -> ParsedDocument:
    """Apply ``edits`` in order and re-parse incrementally, reusing the unchanged subtrees.

    Each edit's offsets refer to the text left by the edits before it, as LSP content changes do.
    Edits that change nothing are skipped: re-parsing around them can only lose precision.
    """
    data = doc.data
    edits = [e for e in edits if e.text or e.start != e.end]
    if not edits:
        return doc
    tree = doc.tree.copy()
    for raw in edits:
        edit = clamp_edit(data, raw)
        start_point = point_at(data, edit.start)
        old_end_point = point_at(data, edit.end)
        tree.edit(
            start_byte=edit.start,
            old_end_byte=edit.end,
            new_end_byte=edit.start + len(edit.text),
            start_point=start_point,
            old_end_point=old_end_point,
            new_end_point=_end_point(start_point, edit.text),
        )
        data = data[: edit.start] + edit.text + data[edit.end :]
    new_tree = parse(doc.spec, data, tree)
    return ParsedDocument(doc.spec, data, new_tree, _changed(tree, new_tree))


def _changed(old: Tree, new: Tree) -> tuple[Span, ...]:
    return tuple(Span(r.start_byte, r.end_byte) for r in old.changed_ranges(new))


def settle(doc: ParsedDocument) -> ParsedDocument:
    """The document parsed from scratch: the canonical tree of its text.

    An incremental parse gives the same definitions as a fresh one, but not always the same
    tree: with syntax errors tree-sitter may recover differently after reusing old subtrees
    (~1 in 2,000 random edits), and even in valid code a comment next to a statement may end
    up inside it or after it. Once typing pauses the document is parsed afresh to converge.
    """
    fresh = parse(doc.spec, doc.data)
    return ParsedDocument(doc.spec, doc.data, fresh, _changed(doc.tree, fresh))
