"""Line starts of a byte string, to turn byte offsets into (line, byte column) and back."""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    r"""Maps byte offsets of one immutable byte string to zero-based lines and byte columns.

    Lines end at ``\n``; a ``\r`` before it belongs to the line, as in the LSP spec's view of
    ``\r\n``. Offsets past the end clamp to the end.
    """

    __slots__ = ("_starts", "size")

    def __init__(self, data: bytes) -> None:
        starts = [0]
        find = data.find
        i = find(b"\n")
        while i != -1:
            starts.append(i + 1)
            i = find(b"\n", i + 1)
        self._starts = starts
        self.size = len(data)

    @property
    def line_count(self) -> int:
        """Number of lines (a trailing newline opens one more, empty line)."""
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Byte offset where ``line`` begins; lines past the end map to the end of the data."""
        if line < 0:
            return 0
        if line >= len(self._starts):
            return self.size
        return self._starts[line]

    def line_end(self, line: int) -> int:
        """Byte offset of the end of ``line``, excluding its line break."""
        if line + 1 < len(self._starts):
            return self._starts[line + 1] - 1
        return self.size

    def position(self, offset: int) -> tuple[int, int]:
        """Zero-based (line, byte column) of ``offset``, clamped into the data."""
        offset = min(max(offset, 0), self.size)
        line = bisect_right(self._starts, offset) - 1
        return line, offset - self._starts[line]

    def offset(self, line: int, column: int) -> int:
        """Byte offset of (line, byte column), clamped to the line's end."""
        if line >= len(self._starts):
            return self.size
        start = self.line_start(line)
        return min(start + max(column, 0), self.line_end(line))
