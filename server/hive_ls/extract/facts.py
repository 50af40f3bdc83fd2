"""Extraction of a file's facts, re-using those of items and pieces whose bytes are unchanged."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import NamedTuple

from blake3 import blake3
from tree_sitter import Tree

from hive_ls.base.facts import ChunkFacts, FileFacts, Frame, Placed
from hive_ls.base.language import LanguageSpec
from hive_ls.base.span import Span
from hive_ls.extract.chunks import SPLIT_BYTES, Piece, item_pieces, top_level_items
from hive_ls.extract.modules import module_name
from hive_ls.extract.queries import QueryError, query
from hive_ls.extract.tags import Collected, collect
from hive_ls.parse.errors import syntax_errors
from hive_ls.parse.recovery import recover

log = logging.getLogger(__name__)


class _Layout(NamedTuple):
    """How a top-level item was placed: reusable as a whole while its bytes stay the same."""

    start: int
    base: int
    size: int  # number of symbols in the item
    placed: tuple[Placed, ...]
    package: str
    keys: tuple[bytes, ...]  # the cache keys of its pieces, kept while the item is reused


class ChunkCache:
    """Facts of one file's top-level items and their pieces, keyed by blake3 hashes.

    Keep one per open document. An edit re-extracts only the pieces whose bytes changed, and
    every other top-level item is reused as a whole without being looked at. The entries of
    the version before the last are kept too, so that undoing an edit (closing a bracket that
    split a class) finds its pieces again.
    """

    def __init__(self, split_bytes: int = SPLIT_BYTES) -> None:
        self.module = ""
        self.split_bytes = split_bytes
        self.pieces: dict[bytes, ChunkFacts] = {}
        self.items: dict[bytes, _Layout] = {}
        self._old_pieces: dict[bytes, ChunkFacts] = {}
        self._old_items: dict[bytes, _Layout] = {}

    def clear(self) -> None:
        """Forget everything (the module name changed, and with it every qualified name)."""
        self.module = ""
        self.pieces, self.items, self._old_pieces, self._old_items = {}, {}, {}, {}

    def known(self) -> tuple[dict[bytes, ChunkFacts], dict[bytes, _Layout]]:
        """Everything cached from the last two versions, the newer winning."""
        return {**self._old_pieces, **self.pieces}, {**self._old_items, **self.items}

    def keep(self, pieces: dict[bytes, ChunkFacts], items: dict[bytes, _Layout]) -> None:
        """Make ``pieces`` and ``items`` the newest entries; the newest before become old."""
        self._old_pieces, self.pieces = self.pieces, pieces
        self._old_items, self.items = self.items, items


def file_digest(data: bytes) -> str:
    """The blake3 hash identifying one version of a file's content."""
    return blake3(data).hexdigest()


def _context(open_frames: tuple[Frame, ...]) -> bytes:
    """What a piece's facts depend on besides its bytes: the definitions around it."""
    if not open_frames:
        return b""
    text = "\x00".join(f"{f.path}:{int(f.is_type)}:{int(f.symbol != -1)}" for f in open_frames)
    return blake3(text.encode()).digest()[:8]


def _extents(parts: list[Piece]) -> list[int]:
    """Where each piece's definitions end: a head's extend over the pieces nested in it."""
    extent = [p.span.end for p in parts]
    for i, piece in enumerate(parts):
        if piece.head:
            j = i
            while j + 1 < len(parts) and parts[j + 1].depth > piece.depth:
                j += 1
            extent[i] = parts[j].span.end
    return extent


def _key(kind: str, text: bytes) -> bytes:
    """The cache key of an item or piece: its node type and its bytes."""
    return blake3(kind.encode() + b"\0" + text).digest()


def _digest(data: bytes, start: int, end: int) -> str:
    return blake3(data[start:end]).hexdigest()[:32]


def _moved(layout: _Layout, start: int, base: int) -> tuple[Placed, ...]:
    """A reused item's placements, moved to byte ``start`` and symbol index ``base``."""
    delta, dbase = start - layout.start, base - layout.base
    if delta == 0 and dbase == 0:
        return layout.placed
    return tuple(
        Placed(
            p.facts,
            p.start + delta,
            p.base + dbase,
            tuple(o + dbase if o >= 0 else -1 for o in p.outer),
            p.extent + delta,
            p.digests,
        )
        for p in layout.placed
    )


def _touches(span: Span, ranges: Sequence[Span]) -> bool:
    """Whether ``span`` meets any of ``ranges`` (bounds inclusive: a MISSING node is empty)."""
    return any(r.start <= span.end and span.start <= r.end for r in ranges)


class _Assembler:
    """Places the pieces of items that changed: cached facts where bytes and context match."""

    def __init__(
        self,
        parts: list[Piece],
        digests: list[bytes],
        wanted: set[int],
        collected: Collected,
        known: dict[bytes, ChunkFacts],
        data: bytes,
        spec: LanguageSpec,
        module: str,
        collect_one: Callable[[int], Collected],
    ) -> None:
        self.parts, self.digests, self.wanted = parts, digests, wanted
        self.collected, self.known, self.collect_one = collected, known, collect_one
        self.data, self.spec, self.module = data, spec, module
        self.extent = _extents(parts)
        self.new_pieces: dict[bytes, ChunkFacts] = {}

    def place(self, indices: range, base: int) -> tuple[tuple[Placed, ...], tuple[bytes, ...]]:
        """The placements of pieces ``indices`` (one top-level item), first symbol ``base``.

        With them, the pieces' cache keys.
        """
        placed: list[Placed] = []
        keys: list[bytes] = []
        open_frames: list[Frame] = []  # definitions open around the current piece
        for i in indices:
            piece = self.parts[i]
            while open_frames and open_frames[-1].end <= piece.span.start:
                open_frames.pop()
            outer = tuple(open_frames)
            key = self.digests[i] + _context(outer)
            facts = None if i in self.wanted else self.known.get(key)
            if facts is None:
                source = self.collected if i in self.wanted else self.collect_one(i)
                facts = source.build(i, piece.span, self.data, self.spec, self.module, base, outer)
            self.new_pieces[key] = facts
            keys.append(key)
            # definitions continuing after the piece end where its last nested piece ends now
            end = self.extent[i]
            hashes = tuple(
                (
                    f.symbol,
                    _digest(
                        self.data,
                        piece.span.start + facts.symbols[f.symbol].span.start - facts.start,
                        end,
                    ),
                )
                for f in facts.frames
                if f.symbol >= 0
            )
            owners = tuple(f.symbol for f in outer)
            placed.append(Placed(facts, piece.span.start, base, owners, end, hashes))
            for frame in facts.frames:
                index = base + frame.symbol if frame.symbol >= 0 else -1
                open_frames.append(Frame(end, index, frame.path, frame.is_type))
            base += len(facts.symbols)
        return tuple(placed), tuple(keys)


def extract_facts(
    tree: Tree,
    data: bytes,
    spec: LanguageSpec,
    path: str,
    relpath: str,
    cache: ChunkCache | None = None,
    digest: str | None = None,
    changed: Sequence[Span] | None = None,
    module_path: str | None = None,
) -> FileFacts:
    """All facts of one parsed file; never raises on broken code.

    ``path`` identifies the file; ``relpath`` (relative to its workspace root) names its module,
    or ``module_path`` when given (the path from the file's source root, ``vfs.packages``).
    With a ``cache``, items and pieces whose bytes and context are unchanged since the last
    calls are not re-extracted, unless they touch ``changed``: the ranges whose syntax
    tree-sitter says differs from the previous version (equal bytes can parse differently next
    to an error), or a syntax error. Without ``changed`` a tree with errors is read afresh.
    """
    digest = digest or file_digest(data)
    root = tree.root_node
    problems: list[str] = []
    errors = syntax_errors(root, data)
    if errors and spec.recovery == "indent":
        recovered = recover(spec, data, tree)
        if recovered is not None:  # the broken statements alone; the sound ones read as sound
            root = recovered.tree.root_node
            errors = tuple(e for r in recovered.broken_roots for e in syntax_errors(r, data))
            # the sound statements parse as they would in a clean file, so their cached facts
            # hold; what is broken or changed is read afresh
            changed = [*recovered.broken, *(changed or ())]
    try:
        tags = query(spec, "tags")
    except QueryError as exc:
        log.error("%s", exc)
        tags, problems = None, [str(exc)]
    if tags is None or root.child_count == 0:
        return FileFacts(
            path,
            spec.name,
            digest,
            len(data),
            module_name(spec, module_path or relpath),
            errors=errors,
            problems=tuple(problems),
        )

    cache = cache if cache is not None else ChunkCache()
    known_pieces, known_items = cache.known()
    if changed is None and errors:
        known_pieces, known_items = {}, {}
    unstable = [e.span for e in errors] + list(changed or ())

    # which top-level items are reused whole, and the pieces of the others
    items = top_level_items(root, spec.prefix_nodes)
    # keyed by node type and bytes: equal bytes in another node can mean other facts
    item_keys = [_key(node.type, data[start : node.end_byte]) for start, node in items]
    layouts: list[_Layout | None] = []
    parts: list[Piece] = []
    first_piece: list[int] = []
    for (start, node), key in zip(items, item_keys, strict=True):
        layout = known_items.get(key)
        if layout is not None and _touches(Span(start, node.end_byte), unstable):
            layout = None
        layouts.append(layout)
        first_piece.append(len(parts))
        if layout is None:
            parts.extend(item_pieces(start, node, spec, cache.split_bytes))
    spans = [p.span for p in parts]
    digests = [_key(p.kind, data[p.span.start : p.span.end]) for p in parts]
    seen_bytes = {key[:32] for key in known_pieces}
    wanted = {
        i
        for i, (piece, d) in enumerate(zip(parts, digests, strict=True))
        if d not in seen_bytes or _touches(piece.span, unstable)
    }
    for i in sorted(wanted):  # a changed head changes the context of all that it holds
        j = i + 1
        while parts[i].head and j < len(parts) and parts[j].depth > parts[i].depth:
            wanted.add(j)
            j += 1
    collected = collect(tags, root, data, spans, sorted(wanted), spec)

    # a package or namespace declaration, changed or not, names the module
    package = collected.package() or next(
        (
            known_pieces[d].package
            for i, d in enumerate(digests)
            if i not in wanted and d in known_pieces and known_pieces[d].package
        ),
        next((layout.package for layout in layouts if layout and layout.package), ""),
    )
    module = module_name(spec, module_path or relpath, package)
    if module != cache.module and (known_pieces or known_items):
        cache.clear()  # cached facts carry the old module's names: read everything afresh
        return extract_facts(tree, data, spec, path, relpath, cache, digest, changed, module_path)
    cache.module = module

    assembler = _Assembler(
        parts,
        digests,
        wanted,
        collected,
        known_pieces,
        data,
        spec,
        module,
        lambda index: collect(tags, root, data, spans, [index], spec),
    )
    placed: list[Placed] = []
    new_items: dict[bytes, _Layout] = {}
    base = 0
    for n, ((item_start, _), key, layout) in enumerate(zip(items, item_keys, layouts, strict=True)):
        if layout is not None:
            moved, keys = _moved(layout, item_start, base), layout.keys
            # its pieces stay cached: an edit inside the item later finds all but the one edited
            for piece_key, piece in zip(keys, layout.placed, strict=True):
                assembler.new_pieces[piece_key] = piece.facts
        else:
            stop = first_piece[n + 1] if n + 1 < len(items) else len(parts)
            moved, keys = assembler.place(range(first_piece[n], stop), base)
        count = sum(len(p.facts.symbols) for p in moved)
        item_package = next((p.facts.package for p in moved if p.facts.package), "")
        new_items[key] = _Layout(item_start, base, count, moved, item_package, keys)
        placed.extend(moved)
        base += count
    cache.keep(assembler.new_pieces, new_items)
    return FileFacts(
        path=path,
        language=spec.name,
        digest=digest,
        size=len(data),
        module=module,
        parts=tuple(placed),
        chunks=tuple(Span(start, node.end_byte) for start, node in items),
        errors=errors,
        problems=tuple(problems),
    )
