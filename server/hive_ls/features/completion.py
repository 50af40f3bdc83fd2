"""Code completion without a model: the names visible at a position, nearest and likeliest first.

After a dot, the members of what the receiver resolves to (a module, a type with what it
inherits, a local of a known type); when that is unknown, every member whose name fits the
prefix. Otherwise the locals and parameters in scope, the enclosing type's members (where the
language shows them bare), the file's top-level names and imports, then the workspace's
top-level names starting with the prefix. Candidates are ranked by how well they match the
prefix, how near their scope is, whether the enclosing definition already depends on them
(graph distance) and how central they are (PageRank).
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.graph_sync import GraphSync, symbol_keys
from hive_ls.analysis.members import Member, MemberFinder
from hive_ls.analysis.semantics import semantics_for
from hive_ls.analysis.snapshot import Snapshot, SymbolRef
from hive_ls.analysis.targets import ModuleTarget, Target
from hive_ls.base.facts import SymbolKind
from hive_ls.base.span import Span
from hive_ls.extract.completion_site import CompletionSite, completion_site
from hive_ls.features.centrality import Centrality
from hive_ls.features.symbol_search import score as match_score
from hive_ls.graph.model import EdgeKind

MAX_WORKSPACE = 400  # workspace candidates looked at for one prefix
MAX_IMPORT_KINDS = 100  # import bindings resolved to say what they are

_QUALITY_WEIGHT = 4.0  # prefix quality dominates: a prefix match beats a fuzzy local
_NEAR_CALLEE = 0.4  # the enclosing definition already uses it
_NEAR_CALLER = 0.25
_NEAR_TWO = 0.15
_CENTRAL_WEIGHT = 0.2
_CLOSENESS = {"local": 3.0, "member": 2.5, "file": 2.0, "workspace": 1.0}
_NAMESPACES = frozenset({SymbolKind.MODULE, SymbolKind.NAMESPACE})
_SELF_ATTRIBUTE = re.compile(rb"\b(?:self|this)\.([A-Za-z_]\w*)\s*(?::[^=\n]+)?=(?!=)")


@dataclass(frozen=True)
class CompletionCandidate:
    """One completion: what to show and insert, what it is, and its rank.

    ``sort_text`` orders the list as ranked here (clients sort by it).
    """

    label: str
    kind: SymbolKind | str
    detail: str
    qname: str
    score: float
    sort_text: str
    insert_text: str


@dataclass(frozen=True)
class CompletionList:
    """The candidates, best first; ``incomplete`` when typing more may bring others."""

    items: list[CompletionCandidate]
    incomplete: bool


class _Raw(NamedTuple):
    label: str
    kind: SymbolKind | str
    detail: str
    qname: str
    closeness: float
    key: str | None
    global_: bool = False  # a workspace name: several of one name are kept apart


EMPTY = CompletionList([], False)


def complete(
    sync: GraphSync | None, snap: Snapshot, path: str, offset: int, limit: int = 100
) -> CompletionList:
    """The completions for the name being typed at ``offset`` of ``path`` (at most ``limit``)."""
    entry = snap.entry(path)
    if entry is None:
        return EMPTY
    offset = min(max(offset, 0), len(entry.data))
    spec = snap.spec(entry)
    site = completion_site(spec, entry.data, _region(entry, offset), offset)
    if site.inert or site.prefix[:1].isdigit():
        return EMPTY
    finder = MemberFinder(snap)
    keys = _Keys(sync, snap)
    if site.receiver:
        raws, incomplete = _after_dot(finder, keys, entry, site)
    else:
        raws, incomplete = _bare(finder, keys, entry, site)
    return _rank(keys, entry, site, raws, limit, incomplete)


def _region(entry: FileEntry, offset: int) -> Span:
    """The top-level item around ``offset``, or the gap between two items."""
    chunks = entry.facts.chunks
    low, high = 0, len(entry.data)
    for chunk in chunks:
        if chunk.start <= offset <= chunk.end:
            return chunk
        if chunk.end < offset:
            low = chunk.end
        elif chunk.start > offset:
            high = chunk.start
            break
    return Span(low, high)


# ---- after a dot ----------------------------------------------------------------------------


def _after_dot(
    finder: MemberFinder, keys: _Keys, entry: FileEntry, site: CompletionSite
) -> tuple[list[_Raw], bool]:
    owners = finder.receiver_targets(
        entry, site.start, site.receiver, site.receiver_start, site.receiver_local
    )
    if owners is None:
        return _any_member(finder.snap, keys, entry, site.prefix), True
    raws: list[_Raw] = []
    for owner in owners:
        for member in finder.members(owner):
            raws.append(_member_raw(finder.snap, keys, member))
        raws.extend(_instance_attributes(finder, owner))
    if not raws and any(finder.opaque(owner) for owner in owners):
        # a value of unknown type (an untyped parameter): what any type offers by that name
        return _any_member(finder.snap, keys, entry, site.prefix), True
    return raws, False


def _member_raw(snap: Snapshot, keys: _Keys, member: Member) -> _Raw:
    closeness = _CLOSENESS["member"] - min(member.depth, 4) * 0.2
    target = member.target
    if isinstance(target, SymbolRef):
        sym = snap.symbol(target)
        key = keys.of(target)
        return _Raw(member.name, sym.kind, sym.signature, sym.qname, closeness, key)
    if isinstance(target, ModuleTarget):
        return _Raw(member.name, SymbolKind.MODULE, target.module, target.module, closeness, None)
    return _Raw(member.name, SymbolKind.VARIABLE, "", member.name, closeness, None)


def _instance_attributes(finder: MemberFinder, owner: Target) -> list[_Raw]:
    """Attributes a type's methods assign through ``self.`` / ``this.`` (not in the facts)."""
    if not isinstance(owner, SymbolRef):
        return []
    snap = finder.snap
    found: list[_Raw] = []
    seen: set[str] = set()
    for depth, ref in enumerate([owner, *finder.bases(owner)][:4]):
        entry = snap.entry(ref.path)
        if entry is None:
            continue
        sym = entry.facts.symbols[ref.index]
        if not sym.kind.is_type:
            continue
        text = entry.data[sym.span.start : sym.span.end]
        for match in _SELF_ATTRIBUTE.finditer(text):
            name = match.group(1).decode("utf-8", "replace")
            if name in seen:
                continue
            seen.add(name)
            closeness = _CLOSENESS["member"] - min(depth, 4) * 0.2
            found.append(
                _Raw(name, SymbolKind.FIELD, sym.name, f"{sym.qname}.{name}", closeness, None)
            )
    return found


def _any_member(snap: Snapshot, keys: _Keys, entry: FileEntry, prefix: str) -> list[_Raw]:
    """Every member whose name fits ``prefix``: what ``x.`` may offer when ``x`` is unknown."""
    view = snap.within(snap.family_of(entry))
    if prefix:
        names: Iterable[str] = _names_starting(snap.names, prefix)
    else:  # the members this file already uses through a receiver
        names = dict.fromkeys(r.name for r in entry.facts.references if r.receiver)
    raws: list[_Raw] = []
    for name in names:
        for ref in view.members_named(name)[:3]:
            sym = view.symbol(ref)
            closeness = _CLOSENESS["workspace"] + (0.5 if ref.path == entry.path else 0.0)
            key = keys.of(ref)
            raws.append(_Raw(sym.name, sym.kind, sym.signature, sym.qname, closeness, key))
        if len(raws) >= MAX_WORKSPACE:
            break
    return raws


# ---- bare names ---------------------------------------------------------------------------


def _bare(
    finder: MemberFinder, keys: _Keys, entry: FileEntry, site: CompletionSite
) -> tuple[list[_Raw], bool]:
    snap = finder.snap
    raws: list[_Raw] = []
    for local in site.locals:
        kind = "parameter" if local.parameter else SymbolKind.VARIABLE
        hint = ".".join(local.type_hint)
        detail = f"{'parameter' if local.parameter else 'local'}{': ' + hint if hint else ''}"
        closeness = _CLOSENESS["local"] - min(local.depth, 5) * 0.1
        raws.append(_Raw(local.name, kind, detail, local.name, closeness, None))
    raws.extend(_enclosing_members(finder, keys, entry, site.start))
    facts = entry.facts
    for index, sym in enumerate(facts.symbols):
        if sym.parent < 0:
            raws.append(
                _Raw(
                    sym.name,
                    sym.kind,
                    sym.signature,
                    sym.qname,
                    _CLOSENESS["file"],
                    keys.of(SymbolRef(entry.path, index)),
                )
            )
    raws.extend(_imports(finder, keys, entry))
    workspace, capped = _workspace(keys, snap, entry, site.prefix)
    raws.extend(workspace)
    return raws, capped or not site.prefix


def _enclosing_members(
    finder: MemberFinder, keys: _Keys, entry: FileEntry, offset: int
) -> list[_Raw]:
    """The enclosing type's members, where they are visible bare.

    Always in languages with implicit members (Java, C#, C++); in others only directly in the
    type's body, not inside its methods.
    """
    snap = finder.snap
    spec = snap.spec(entry)
    facts = entry.facts
    inner = facts.innermost_symbol(offset)
    if inner < 0:
        return []
    owner: SymbolRef | None
    if facts.symbols[inner].kind.is_type:
        owner = SymbolRef(entry.path, inner)
    elif spec.implicit_members:
        owner = finder.enclosing_type(entry, offset)
    else:
        return []
    if owner is None:
        return []
    return [_member_raw(snap, keys, m) for m in finder.members(owner)]


def _imports(finder: MemberFinder, keys: _Keys, entry: FileEntry) -> list[_Raw]:
    snap = finder.snap
    semantics = semantics_for(snap.spec(entry))
    raws: list[_Raw] = []
    for number, imp in enumerate(entry.facts.imports):
        name = semantics.binding(imp)
        if not name or imp.wildcard or "." in name:
            name = name.split(".", 1)[0] if name else ""
            if not name:
                continue
        kind: SymbolKind | str = SymbolKind.MODULE if not imp.name else SymbolKind.VARIABLE
        qname, key = (f"{imp.module}.{imp.name}" if imp.name else imp.module), None
        if number < MAX_IMPORT_KINDS:
            for target in finder.import_targets(entry, imp).targets:
                if isinstance(target, SymbolRef):
                    sym = snap.symbol(target)
                    kind, qname, key = sym.kind, sym.qname, keys.of(target)
                    break
                if isinstance(target, ModuleTarget):
                    kind, qname = SymbolKind.MODULE, target.module
                    break
        detail = f"from {imp.module} import {imp.name}" if imp.name else f"import {imp.module}"
        raws.append(_Raw(name, kind, detail, qname, _CLOSENESS["file"], key))
    return raws


_sorted_lock = threading.Lock()
_sorted_names: dict[int, tuple[Mapping[str, tuple[str, ...]], list[tuple[str, str]]]] = {}


def _names_starting(names: Mapping[str, tuple[str, ...]], prefix: str) -> list[str]:
    """The names (of the snapshot's name index) starting with ``prefix``, ignoring case.

    The sorted list is kept per name index (which is replaced, never changed, when names
    come or go), so a prefix costs a binary search.
    """
    with _sorted_lock:
        held = _sorted_names.get(id(names))
        if held is None or held[0] is not names:
            if len(_sorted_names) > 4:
                _sorted_names.clear()
            held = (names, sorted((n.lower(), n) for n in names))
            _sorted_names[id(names)] = held
    ordered = held[1]
    low = prefix.lower()
    found = []
    index = bisect_left(ordered, (low, ""))
    while index < len(ordered) and ordered[index][0].startswith(low):
        found.append(ordered[index][1])
        index += 1
        if len(found) > MAX_WORKSPACE:
            break
    return found


def _workspace(
    keys: _Keys, snap: Snapshot, entry: FileEntry, prefix: str
) -> tuple[list[_Raw], bool]:
    """Top-level definitions of other files of the family whose names start with ``prefix``."""
    if not prefix:
        return [], False
    family = snap.family_of(entry)
    raws: list[_Raw] = []
    names = _names_starting(snap.names, prefix)
    capped = len(names) > MAX_WORKSPACE
    for name in names:
        for path in snap.names.get(name, ()):
            if path == entry.path:
                continue
            other = snap.entry(path)
            if other is None or snap.family_of(other) != family:
                continue
            facts = other.facts
            for index in facts.by_name.get(name, ()):
                sym = facts.symbols[index]
                if sym.parent >= 0 and facts.symbols[sym.parent].kind not in _NAMESPACES:
                    continue
                detail = f"{sym.signature}  ({facts.module or other.relpath})"
                key = keys.of(SymbolRef(path, index))
                raws.append(
                    _Raw(sym.name, sym.kind, detail, sym.qname, _CLOSENESS["workspace"], key, True)
                )
        if len(raws) >= MAX_WORKSPACE:
            return raws, True
    return raws, capped


# ---- ranking ------------------------------------------------------------------------------


class _Keys:
    """Graph keys of symbols, right even for a file changed since the graph saw it.

    The graph's own keys for files it has as they are in the snapshot; computed from the
    facts for a file that changed since (the one being typed in).
    """

    def __init__(self, sync: GraphSync | None, snap: Snapshot) -> None:
        self.sync, self.snap = sync, snap
        self._computed: dict[str, list[str]] = {}

    def of(self, ref: SymbolRef) -> str | None:
        """The key of the symbol ``ref`` points at (None without a graph)."""
        if self.sync is None:
            return None
        keys = self._computed.get(ref.path)
        if keys is None:
            entry = self.snap.entry(ref.path)
            if entry is None or entry.facts is self.sync.facts_of(ref.path):
                return self.sync.key_of(ref)
            keys = self._computed[ref.path] = symbol_keys(entry.facts)
        return keys[ref.index] if 0 <= ref.index < len(keys) else None


def _neighbours(keys: _Keys, entry: FileEntry, offset: int) -> dict[str, float]:
    """Nodes near the enclosing definition, with the bonus each gets."""
    sync = keys.sync
    index = entry.facts.innermost_symbol(offset)
    key = keys.of(SymbolRef(entry.path, index)) if index >= 0 else None
    if sync is None or key is None:
        return {}
    near: dict[str, float] = {}
    graph = sync.graph
    callees = []
    for node, edge in graph.out_edges(key):
        if edge.kind is not EdgeKind.CONTAINS:
            near[node.key] = max(near.get(node.key, 0.0), _NEAR_CALLEE)
            callees.append(node.key)
    for node, edge in graph.in_edges(key):
        if edge.kind is not EdgeKind.CONTAINS:
            near[node.key] = max(near.get(node.key, 0.0), _NEAR_CALLER)
    for callee in callees[:30]:
        for node, edge in graph.out_edges(callee):
            if edge.kind is not EdgeKind.CONTAINS and node.key not in near:
                near[node.key] = _NEAR_TWO
    return near


def _rank(
    keys: _Keys,
    entry: FileEntry,
    site: CompletionSite,
    raws: list[_Raw],
    limit: int,
    incomplete: bool,
) -> CompletionList:
    central = Centrality(keys.sync.graph if keys.sync is not None else None, wait=False)
    near = _neighbours(keys, entry, site.start)
    prefix = site.prefix
    best: dict[tuple[str, str], tuple[float, _Raw]] = {}
    nearest: dict[str, float] = {}  # the nearest scope of a name hides the farther ones
    for raw in raws:
        if not raw.label:
            continue
        workspace = raw.global_
        if raw.label in nearest and (workspace or nearest[raw.label] > raw.closeness):
            continue
        quality = match_score(prefix, raw.label) / 100
        if quality <= 0:
            continue
        if not workspace:
            nearest[raw.label] = raw.closeness
        value = _QUALITY_WEIGHT * quality + raw.closeness
        if raw.key is not None:
            value += near.get(raw.key, 0.0) + _CENTRAL_WEIGHT * central.of(raw.key)
        if raw.label.startswith("__") and raw.label.endswith("__"):
            value -= 0.6
        elif raw.label.startswith("_") and not prefix.startswith("_"):
            value -= 0.3
        slot = (raw.label, raw.qname if workspace else "")
        old = best.get(slot)
        if old is None or value > old[0]:
            best[slot] = (value, raw)
    ordered = sorted(best.values(), key=lambda pair: (-pair[0], pair[1].label, pair[1].qname))
    items = [
        CompletionCandidate(
            raw.label,
            raw.kind,
            raw.detail,
            raw.qname,
            round(value, 4),
            f"{rank:05d}",
            raw.label,
        )
        for rank, (value, raw) in enumerate(ordered[:limit])
    ]
    return CompletionList(items, incomplete or len(ordered) > limit)
