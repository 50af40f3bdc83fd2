"""Half-open byte ranges into a file's UTF-8 bytes, the unit used everywhere inside hive-ls."""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    """Bytes ``[start, end)`` of one file."""

    start: int
    end: int

    def contains(self, offset: int) -> bool:
        """True when ``offset`` is inside the span; the end counts (a cursor after a name)."""
        return self.start <= offset <= self.end

    def encloses(self, other: Span) -> bool:
        """True when ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def shifted(self, delta: int) -> Span:
        """The same span moved by ``delta`` bytes."""
        return Span(self.start + delta, self.end + delta)

    @property
    def length(self) -> int:
        """Number of bytes covered."""
        return self.end - self.start
