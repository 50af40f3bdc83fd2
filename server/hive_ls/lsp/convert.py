"""Positions between the protocol's (line, character) and hive-ls's byte offsets.

The only module that knows UTF-16. ``character`` counts UTF-16 code units by default, bytes
when the client agreed to ``utf-8``, code points with ``utf-32``. Positions past the end of a
line or of the file clamp to it, as the LSP specification asks.
"""

from __future__ import annotations

from functools import lru_cache

from lsprotocol import types as lsp

from hive_ls.base.edits import ByteEdit
from hive_ls.base.lines import LineIndex
from hive_ls.base.span import Span

UTF8 = lsp.PositionEncodingKind.Utf8
UTF16 = lsp.PositionEncodingKind.Utf16
UTF32 = lsp.PositionEncodingKind.Utf32


@lru_cache(maxsize=1024)
def line_index(data: bytes) -> LineIndex:
    """Line starts of ``data`` (cached: bytes objects keep their hash once computed).

    Room for a whole mid-size workspace: an impact answer places hundreds of definitions from
    as many files, and a smaller cache would rebuild each file's index item after item.
    """
    return LineIndex(data)


class PositionCodec:
    """Converts between positions in one encoding and byte offsets."""

    def __init__(self, encoding: lsp.PositionEncodingKind = UTF16) -> None:
        self.encoding = encoding

    def offset(self, data: bytes, position: lsp.Position) -> int:
        """The byte offset of ``position`` in ``data``."""
        lines = line_index(data)
        line = max(position.line, 0)
        if line >= lines.line_count:
            return len(data)
        start, end = lines.line_start(line), lines.line_end(line)
        text = data[start:end]
        column = max(position.character, 0)
        if self.encoding == UTF8 or text.isascii():
            return start + min(column, len(text))
        decoded = text.decode("utf-8", "replace")
        if self.encoding == UTF32:
            return start + len(decoded[:column].encode("utf-8"))
        units = decoded.encode("utf-16-le", "surrogatepass")[: 2 * column]
        prefix = units.decode("utf-16-le", "ignore")  # a cut surrogate pair rounds down
        return start + len(prefix.encode("utf-8", "surrogatepass"))

    def position(self, data: bytes, offset: int) -> lsp.Position:
        """The position of byte ``offset`` in ``data``."""
        lines = line_index(data)
        line, column = lines.position(offset)
        if self.encoding == UTF8 or column == 0:
            return lsp.Position(line, column)
        prefix = data[lines.line_start(line) : lines.line_start(line) + column]
        if prefix.isascii():
            return lsp.Position(line, column)
        decoded = prefix.decode("utf-8", "replace")
        if self.encoding == UTF32:
            return lsp.Position(line, len(decoded))
        return lsp.Position(line, len(decoded.encode("utf-16-le", "surrogatepass")) // 2)

    def range(self, data: bytes, span: Span) -> lsp.Range:
        """The protocol range of a byte span."""
        return lsp.Range(self.position(data, span.start), self.position(data, span.end))

    def span(self, data: bytes, rng: lsp.Range) -> Span:
        """The byte span of a protocol range (start and end ordered)."""
        a, b = self.offset(data, rng.start), self.offset(data, rng.end)
        return Span(min(a, b), max(a, b))

    def edits(
        self, data: bytes, changes: list[lsp.TextDocumentContentChangeEvent]
    ) -> tuple[list[ByteEdit], bytes]:
        """The byte edits for ``changes`` applied in order to ``data``, and the final bytes."""
        edits: list[ByteEdit] = []
        for change in changes:
            text = encode(change.text)
            if isinstance(change, lsp.TextDocumentContentChangePartial):
                span = self.span(data, change.range)
                edit = ByteEdit(span.start, span.end, text)
            else:
                edit = ByteEdit(0, len(data), text)
            edits.append(edit)
            data = data[: edit.start] + edit.text + data[edit.end :]
        return edits, data


def encode(text: str) -> bytes:
    """Text from the client as UTF-8 bytes (lone surrogates, invalid in UTF-8, become ``?``)."""
    return text.encode("utf-8", "replace")
