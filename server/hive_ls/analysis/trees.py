"""A bounded cache of syntax trees of single top-level items, for files that are not open."""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections import OrderedDict

from hive_ls.analysis.entry import FileEntry
from hive_ls.base.language import LanguageSpec
from hive_ls.base.span import Span
from hive_ls.parse.chunk import parse_region
from hive_ls.parse.document import ParsedDocument


class RegionTrees:
    """Parses the top-level item around an offset on demand and keeps the last few hundred.

    Keeping every file's tree would cost ~24 bytes of memory per byte of source; parsing one
    item costs well under a millisecond.
    """

    def __init__(self, capacity: int = 512) -> None:
        self._capacity = capacity
        self._items: OrderedDict[tuple[str, int, int], ParsedDocument] = OrderedDict()
        self._lock = threading.Lock()
        self._item_starts: dict[str, list[int]] = {}

    def _starts(self, entry: FileEntry) -> list[int]:
        """Where the file's top-level items start (kept for the latest few files asked about)."""
        key = entry.facts.digest
        found = self._item_starts.get(key)
        if found is None:
            found = [c.start for c in entry.facts.chunks]
            if len(self._item_starts) > 256:
                self._item_starts.clear()
            self._item_starts[key] = found
        return found

    def at(self, entry: FileEntry, spec: LanguageSpec, offset: int) -> ParsedDocument:
        """A parse covering ``offset``: the open document's tree, or the item around it."""
        if entry.doc is not None:
            return entry.doc
        chunks = entry.facts.chunks
        index = bisect_right(self._starts(entry), offset) - 1
        if index >= 0 and chunks[index].start <= offset <= chunks[index].end:
            span = chunks[index]
        else:  # between items (blank lines, or a file without chunks): the whole file
            span = Span(0, len(entry.data))
        key = (entry.facts.digest, span.start, span.end)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        parsed = parse_region(spec, entry.data, span)
        with self._lock:
            self._items[key] = parsed
            while len(self._items) > self._capacity:
                self._items.popitem(last=False)
        return parsed
