"""The code a model sees around a position: callers, callees, types and tests, within a budget.

Candidates come from the dependence graph (one and two steps away, tests a little further),
the enclosing type and the definitions beside the target, recently edited files and, when
the caller has embeddings, semantically similar code. They are ranked by graph distance
first (one step before two), then by PageRank, similarity and recency, and added until the
token budget is spent; long ones are cut to their head rather than left out. Tokens are
estimated as one per four bytes of UTF-8 (``TOKEN_BYTES``), close enough for code and cheap.
Files whose names look secret are never read, and secret-looking values are redacted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.graph_sync import GraphSync, symbol_keys
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import Symbol
from hive_ls.base.lines import LineIndex
from hive_ls.base.span import Span
from hive_ls.features.ai_text import (
    TOKEN_BYTES,
    code_of,
    comment_marker,
    estimate_tokens,
    outline,
    trim,
    type_summary,
)
from hive_ls.features.centrality import Centrality
from hive_ls.features.impact import tests_in
from hive_ls.features.lookup import require
from hive_ls.features.secrets import is_secret_path, redact
from hive_ls.graph.model import MODULE, UNRESOLVED, Edge, EdgeKind, Node, module_key
from hive_ls.graph.traverse import walk

TARGET_SHARE = 0.5  # the target takes at most this share of the budget
ITEM_SHARE = 0.25  # one item takes at most this share (at least MIN_ITEM_TOKENS)
MIN_ITEM_TOKENS = 24  # an item cut shorter than this says nothing: it is left out
TEST_DEPTH = 4  # tests are looked for this many steps up; other callers two
MAX_SIBLINGS = 30
MAX_RECENT = 5
WALK_LIMIT = 400

_PROXIMITY = {1: 2.0, 2: 1.0}  # graph distance dominates: extras add up to less than 1
_FAR = 0.5  # siblings, similar code and recent files without a graph link
_ROLE_BONUS = {"class": 0.1, "callee": 0.05, "type": 0.05, "test": 0.02}
_CENTRALITY_WEIGHT = 0.25
_RECENT_WEIGHT = 0.25
_SIMILAR_WEIGHT = 0.3


@dataclass(frozen=True)
class ContextTarget:
    """What the context is about: the enclosing definition (or the module, at top level)."""

    key: str
    qname: str
    path: str
    relpath: str
    span: Span
    start_line: int
    end_line: int
    text: str
    tokens: int
    kind: str = ""


@dataclass(frozen=True)
class ContextItem:
    """One piece of context: why it is there (``role``), where it is, its code and its cost.

    Lines are 1-based; ``trimmed`` says the code was cut to fit.
    """

    role: str
    key: str
    qname: str
    path: str
    start_line: int
    end_line: int
    text: str
    score: float
    tokens: int
    relpath: str = ""
    trimmed: bool = False

    def header(self) -> str:
        """``### role: qname (relpath:line)``."""
        return f"### {self.role}: {self.qname} ({self.relpath or self.path}:{self.start_line})"


@dataclass(frozen=True)
class AiContext:
    """The target and the ranked items that fit the budget (``dropped``: those that did not)."""

    target: ContextTarget
    items: list[ContextItem]
    tokens_used: int
    budget: int
    dropped: int
    redactions: int = 0

    def render(self) -> str:
        """Plain text: a ``### role: qname (relpath:line)`` header and the code, target first."""
        t = self.target
        parts = [_section(f"### target: {t.qname} ({t.relpath}:{t.start_line})", t.text)]
        parts.extend(_section(item.header(), item.text) for item in self.items)
        return "".join(parts)


def _section(header: str, text: str) -> str:
    return f"{header}\n{text.rstrip()}\n\n"


@dataclass
class _Candidate:
    key: str
    role: str
    distance: int | None
    form: str  # "code", "summary" (a type's head and member signatures) or "outline"
    score: float = 0.0


@dataclass
class _Source:
    """A definition's file and index, consistent with each other."""

    entry: FileEntry
    index: int  # -1: the module


class _Builder:
    def __init__(self, sync: GraphSync, snap: Snapshot) -> None:
        self.sync, self.snap, self.graph = sync, snap, sync.graph
        self.redactions = 0
        self.in_edges: list[tuple[Node, Edge]] | None = None  # the target's, read once
        self._lines: dict[str, LineIndex] = {}

    def line(self, entry: FileEntry, offset: int) -> int:
        """The 1-based line of ``offset`` in ``entry``."""
        index = self._lines.get(entry.path)
        if index is None or index.size != len(entry.data):
            index = self._lines[entry.path] = LineIndex(entry.data)
        return index.position(offset)[0] + 1

    # ---- where a node's code is ----------------------------------------------------------

    def source(self, key: str) -> _Source | None:
        node = self.graph.node(key)
        if node is None or not node.path or node.kind == UNRESOLVED:
            return None
        entry = self.snap.entry(node.path)
        facts = self.sync.facts_of(node.path)
        if entry is None or (facts is not None and entry.facts is not facts):
            older = self.sync.snapshot.entry(node.path) if self.sync.snapshot else None
            if older is None or older.facts is not facts:
                return None
            entry = older
        if node.kind == MODULE:
            return _Source(entry, -1)
        index = self.sync.index_of(node.path, key)
        if index < 0 or index >= len(entry.facts.symbols):
            return None
        return _Source(entry, index)

    # ---- text ----------------------------------------------------------------------------

    def clean(self, text: str) -> str:
        found = redact(text)
        self.redactions += found.replaced
        return found.text


def _role(node: Node, upward: bool, via: EdgeKind, is_test: bool) -> str:
    if is_test:
        return "test"
    if upward:
        return "subclass" if via is EdgeKind.INHERITS else "caller"
    if node.kind in ("class", "interface", "struct", "enum", "trait", "type"):
        return "type"
    if node.kind in ("function", "method", "constructor", "macro"):
        return "callee"
    return "uses"


def _target(
    snap: Snapshot, entry: FileEntry, offset: int
) -> tuple[str, str, Span, int, str, Symbol | None]:
    """Key, qname, span, symbol index and kind of what ``offset`` is in (the module at top)."""
    facts = entry.facts
    index = facts.innermost_symbol(offset)
    if index >= 0:
        sym = facts.symbols[index]
        return symbol_keys(facts)[index], sym.qname, sym.span, index, sym.kind.value, sym
    span = Span(0, len(entry.data))
    for chunk in facts.chunks:  # the statement around the offset, if any
        if chunk.start <= offset <= chunk.end:
            span = chunk
            break
    return module_key(entry.path), facts.module or entry.relpath, span, -1, MODULE, None


def build_context(
    sync: GraphSync,
    snap: Snapshot,
    path: str,
    offset: int,
    budget_tokens: int = 2000,
    recent: Sequence[str] = (),
    similar: Callable[[str], list[str]] | None = None,
) -> AiContext:
    """The context for the definition around ``offset`` of ``path``, within ``budget_tokens``.

    ``recent`` lists recently edited files, most recent first; ``similar`` maps the target's
    text to the keys of semantically similar nodes (given when embeddings exist). The target
    is always there (redacted, and cut to half the budget at most); items never come from
    files whose name looks secret.
    """
    entry = require(snap, path)
    builder = _Builder(sync, snap)
    key, qname, span, index, kind, sym = _target(snap, entry, offset)
    comment = comment_marker(entry, snap)
    cap = max(int(budget_tokens * TARGET_SHARE), MIN_ITEM_TOKENS)
    # a huge target (a class of thousands of lines) is read only as far as it can be shown
    shown = Span(span.start, min(span.end, span.start + 2 * cap * TOKEN_BYTES + 4096))
    raw_target = code_of(entry, shown)
    target_text = builder.clean(raw_target)
    first_line = builder.line(entry, span.start)
    header = f"### target: {qname} ({entry.relpath}:{first_line})"
    if estimate_tokens(_section(header, target_text)) > cap:
        lines = builder.line(entry, span.end) - first_line + 1
        target_text = trim(target_text, cap - estimate_tokens(header) - 1, comment, (), lines)
    target = ContextTarget(
        key,
        qname,
        entry.path,
        entry.relpath,
        span,
        first_line,
        builder.line(entry, max(span.end - 1, span.start)),
        target_text,
        estimate_tokens(_section(header, target_text)),
        kind,
    )
    candidates = _candidates(builder, entry, key, index, sym)
    if similar is not None:
        _add_similar(candidates, similar(raw_target), key)
    _add_recent(builder, candidates, recent, entry.path)
    _score(builder, candidates, recent)
    room = budget_tokens - target.tokens
    items, dropped = _fill(builder, candidates, room, key, span, entry.path)
    used = target.tokens + sum(item.tokens for item in items)
    return AiContext(target, items, used, budget_tokens, dropped, builder.redactions)


def _candidates(
    builder: _Builder, entry: FileEntry, key: str, index: int, sym: Symbol | None
) -> dict[str, _Candidate]:
    """Graph neighbours (tests further up), the enclosing type and the siblings."""
    sync, graph, snap = builder.sync, builder.graph, builder.snap
    found: dict[str, _Candidate] = {}

    def add(candidate: _Candidate) -> None:
        if candidate.key == key:
            return
        old = found.get(candidate.key)
        if old is None or (candidate.distance or 9) < (old.distance or 9):
            found[candidate.key] = candidate

    facts = entry.facts
    if sym is not None and sym.parent >= 0 and facts.symbols[sym.parent].kind.is_type:
        parent_key = symbol_keys(facts)[sym.parent]
        add(_Candidate(parent_key, "class", 1, "summary"))
    if graph.node(key) is not None:
        test_files: dict[str, dict[str, str]] = {}
        for upward in (True, False):
            depth = TEST_DEPTH if upward else 2
            for hit in walk(graph, key, upward, depth, limit=WALK_LIMIT):
                node = graph.node(hit.key)
                if node is None or not node.path or node.kind in (MODULE, UNRESOLVED):
                    continue
                if node.path not in test_files:
                    test_files[node.path] = tests_in(sync, snap, node.path)
                is_test = upward and hit.key in test_files[node.path]
                if hit.distance > 2 and not is_test:
                    continue
                role = _role(node, upward, hit.via, is_test)
                form = "summary" if role == "type" else "code"
                add(_Candidate(hit.key, role, min(hit.distance, 2), form))
    siblings = facts.children(sym.parent if sym is not None else -1)
    keys = symbol_keys(facts)
    for other in siblings[: MAX_SIBLINGS + 1]:
        if other != index and keys[other] not in found:
            other_sym = facts.symbols[other]
            form = "summary" if other_sym.kind.is_type else "code"
            add(_Candidate(keys[other], "sibling", None, form))
    return found


def _sites(builder: _Builder, target: str, dependent: str) -> list[int]:
    """Where ``dependent`` mentions ``target`` (offsets in its file)."""
    if builder.in_edges is None:
        builder.in_edges = builder.graph.in_edges(target)
    spots = []
    for node, edge in builder.in_edges:
        if node.key == dependent and edge.kind not in (EdgeKind.DEF_USE, EdgeKind.CONTAINS):
            where = builder.sync.site(edge)
            if where is not None:
                spots.append(where[1].start)
    return sorted(spots)


def _add_similar(found: dict[str, _Candidate], keys: list[str], target: str) -> None:
    for rank, key in enumerate(keys[:20]):
        if key == target:
            continue
        weight = 1.0 - rank / max(len(keys), 1)
        candidate = found.get(key)
        if candidate is None:
            candidate = found[key] = _Candidate(key, "similar", None, "code")
        candidate.score += _SIMILAR_WEIGHT * weight


def _add_recent(
    builder: _Builder, found: dict[str, _Candidate], recent: Sequence[str], here: str
) -> None:
    """An outline of each recently edited file that gave no candidate of its own."""
    covered = set()
    for candidate in found.values():
        node = builder.graph.node(candidate.key)
        if node is not None:
            covered.add(node.path)
    for path in list(dict.fromkeys(recent))[:MAX_RECENT]:
        if path == here or path in covered or builder.snap.entry(path) is None:
            continue
        key = module_key(path)
        if builder.graph.node(key) is not None:
            found.setdefault(key, _Candidate(key, "recent", None, "outline"))


def _score(builder: _Builder, found: dict[str, _Candidate], recent: Sequence[str]) -> None:
    central = Centrality(builder.graph if found else None)
    order = {path: i for i, path in reversed(list(enumerate(recent)))}
    for candidate in found.values():
        base = _PROXIMITY.get(candidate.distance or 0, _FAR)
        node = builder.graph.node(candidate.key)
        boost = 0.0
        if node is not None and node.path in order:
            boost = 1.0 - order[node.path] / max(len(recent), 1)
        candidate.score += (
            base
            + _ROLE_BONUS.get(candidate.role, 0.0)
            + _CENTRALITY_WEIGHT * central.of(candidate.key)
            + _RECENT_WEIGHT * boost
        )


def _item_text(builder: _Builder, candidate: _Candidate, source: _Source) -> tuple[str, Span]:
    entry, snap = source.entry, builder.snap
    if source.index < 0:
        return outline(entry, snap), Span(0, 0)
    sym = entry.facts.symbols[source.index]
    if candidate.form == "summary" and sym.kind.is_type:
        return type_summary(entry, source.index, snap), sym.span
    return code_of(entry, sym.span), sym.span


def _fill(
    builder: _Builder,
    found: dict[str, _Candidate],
    room: int,
    target_key: str,
    target_span: Span,
    target_path: str,
) -> tuple[list[ContextItem], int]:
    """The best candidates that fit ``room`` tokens, long ones cut to their head.

    Texts are read only while there is room: the rest of a huge fan-in is only counted.
    """
    ordered = sorted(found.values(), key=lambda c: (-c.score, c.key))
    budget = room
    cap = max(int(room * ITEM_SHARE), MIN_ITEM_TOKENS * 4)
    items: list[ContextItem] = []
    dropped = 0
    for candidate in ordered:
        if budget < MIN_ITEM_TOKENS + 16:
            dropped += 1
            continue
        source = builder.source(candidate.key)
        if source is None or is_secret_path(source.entry.path):
            continue
        entry = source.entry
        node = builder.graph.node(candidate.key)
        qname = node.qname or node.name if node is not None else candidate.key
        raw, span = _item_text(builder, candidate, source)
        if entry.path == target_path and target_span.encloses(span) and span.length:
            continue  # already in the target's text
        text = builder.clean(raw)
        start_line = builder.line(entry, span.start)
        header = f"### {candidate.role}: {qname} ({entry.relpath}:{start_line})"
        cost = estimate_tokens(_section(header, text))
        allowed = min(budget, cap)
        trimmed = False
        if cost > allowed:
            room_for_text = allowed - estimate_tokens(header) - 1
            if room_for_text < MIN_ITEM_TOKENS:
                dropped += 1
                continue
            focus: list[int] = []
            if candidate.role in ("caller", "test", "subclass") and candidate.distance == 1:
                first = builder.line(entry, span.start)
                focus = [
                    builder.line(entry, offset) - first
                    for offset in _sites(builder, target_key, candidate.key)
                    if span.start <= offset < span.end
                ]
            text = trim(text, room_for_text, comment_marker(entry, builder.snap), focus)
            cost = estimate_tokens(_section(header, text))
            trimmed = True
        end_line = builder.line(entry, max(span.end - 1, span.start)) if span.length else 1
        items.append(
            ContextItem(
                candidate.role,
                candidate.key,
                qname,
                entry.path,
                start_line,
                end_line,
                text,
                round(candidate.score, 4),
                cost,
                entry.relpath,
                trimmed,
            )
        )
        budget -= cost
    return items, dropped
