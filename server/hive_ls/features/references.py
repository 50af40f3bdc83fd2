"""Find references: every place whose name resolves to the same definition as the one asked about.

Candidates come from a byte search for the name; each is resolved like go-to-definition, so
references and definitions always agree. Where a language counts an override and what it
overrides or implements as one member (TypeScript), uses of the whole family count. A use whose
receiver's type is unknown counts only when exactly one definition in the workspace has the
name; with several it is a guess and never counts for a definition resolved exactly (asked
about a guess, the answer is the uses of every candidate). What the facts already know
(captured references, definitions, imports, comments and strings) needs no syntax tree; the
rest is read from the cached tree of the top-level item around it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from hive_ls.analysis.cancel import NEVER, CancelToken
from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.overrides import Overrides
from hive_ls.analysis.resolve import Resolver, target_span
from hive_ls.analysis.snapshot import Snapshot, SymbolRef
from hive_ls.analysis.targets import LocalTarget, ModuleTarget, Target
from hive_ls.base.facts import Import, Reference, RefKind, Symbol
from hive_ls.base.span import Span
from hive_ls.extract.inert import is_inert
from hive_ls.extract.occurrence import Occurrence
from hive_ls.features.lookup import require
from hive_ls.features.results import Location


def _name_of(snap: Snapshot, target: Target) -> str:
    if isinstance(target, LocalTarget):
        return target.name
    if isinstance(target, ModuleTarget):
        return target.module.rsplit(".", 1)[-1]
    return snap.symbol(target).name


def _is_member(snap: Snapshot, target: Target) -> bool:
    """True for a member of a type (a method, a field ...): reached through a receiver."""
    if not isinstance(target, SymbolRef):
        return False
    symbols = snap.files[target.path].facts.symbols
    sym = symbols[target.index]
    return sym.kind.is_member or (sym.parent >= 0 and symbols[sym.parent].kind.is_type)


def _identity(target: Target) -> object:
    """What makes two targets the same: a local is its binding, whatever type it was read with."""
    if isinstance(target, LocalTarget):
        return (target.path, target.span)
    return target


class DocLink(NamedTuple):
    """A name linked from a doc comment (``{@link Foo.bar}``): ``chain`` is what comes before."""

    chain: tuple[str, ...]
    chain_start: int


Site = Reference | Symbol | Import | DocLink  # what is known of a place a name occurs at
_LINK_NAME = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$.")
_RECEIVER_END = frozenset(b".>:")  # what ends a receiver: ``a.f``, ``a->f``, ``A::f``
_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")
_SPACE = frozenset(b" \t\r\n\\")  # between a receiver and its member


def _doc_link(data: bytes, start: int, end: int, openers: tuple[bytes, ...]) -> DocLink | None:
    """The doc link whose target ends with the name at ``start:end`` (None: not in one)."""
    if end < len(data) and data[end] not in b"} |\t\r\n":
        return None
    begin = start
    while begin > 0 and data[begin - 1] in _LINK_NAME:
        begin -= 1
    if not any(data.startswith(opener, begin - len(opener)) for opener in openers):
        return None
    chain = tuple(p.decode("utf-8", "replace") for p in data[begin:start].split(b".") if p)
    return DocLink(chain, begin)


def _sites(
    entry: FileEntry,
    name: str,
    pattern: re.Pattern[bytes],
    needs_receiver: bool,
    doc_links: tuple[bytes, ...] = (),
) -> dict[int, Site | None]:
    """Where ``name`` occurs in a file: the reference, definition or import the facts hold there.

    None stands for an occurrence only the syntax tree can tell about.

    With ``needs_receiver`` (a member of a type, in a language where a member is only reached
    through a receiver) a bare name is left out, unless it sits in a class body, where a
    method can name another one (``x = property(get_x)``).
    """
    facts = entry.facts
    defined = {
        facts.symbols[i].name_span.start: facts.symbols[i] for i in facts.by_name.get(name, ())
    }
    data, inert = entry.data, entry.inert
    sites: dict[int, Site | None] = {}
    for match in pattern.finditer(data):
        start = match.start()
        if start and data[start - 1] in _WORD:
            continue  # the end of a longer name
        site: Site | None = next(
            (r for r in facts.references_at(start) if r.name == name), None
        ) or defined.get(start)
        if site is None and doc_links:  # (only a doc comment has `{@link name}`)
            link = _doc_link(data, start, match.end(), doc_links)
            if link is not None:
                sites[start] = link
                continue
        if site is None and inert is not None:  # else only a tree tells an import's path apart
            if is_inert(inert, start):
                continue  # in a comment or a string (an import's path too)
            imports = facts.imports_at(start)
            site = imports[0] if imports else None
        if site is None and needs_receiver:
            before = start - 1
            while before >= 0 and data[before] in _SPACE:
                before -= 1
            if before < 0 or data[before] not in _RECEIVER_END:
                owner = facts.innermost_symbol(start)
                if owner < 0 or not facts.symbols[owner].kind.is_type:
                    continue
        sites[start] = site
    return sites


def _aliases(
    snap: Snapshot,
    resolver: Resolver,
    files: tuple[str, ...] | list[str],
    name: str,
    wanted: set[object],
) -> list[str]:
    """Other names the target is imported or exported under (``export { a as b }``), transitively.

    TypeScript counts the alias and its uses among the references of what it stands for.
    """
    found: list[str] = []
    known = {name}
    layer = [name]
    while layer:
        following: list[str] = []
        for path in files:
            entry = snap.files.get(path)
            if entry is None:
                continue
            for imp in entry.facts.imports:
                if imp.name not in layer or imp.alias in known or imp.alias in ("", "default"):
                    continue  # (`export default x`: no name anybody writes)
                targets = resolver.import_targets(entry, imp).targets
                if not wanted.isdisjoint(_identity(t) for t in targets):
                    known.add(imp.alias)
                    following.append(imp.alias)
        found += following
        layer = following
    return found


def references(
    snap: Snapshot,
    path: str,
    offset: int,
    include_declaration: bool = True,
    cancel: CancelToken = NEVER,
) -> list[Location]:
    """Every use of what the name at ``offset`` refers to, in the whole workspace.

    When the name asked about could only be guessed (a method called on a value of unknown
    type), the answer is every use that could mean one of the same candidates.
    """
    entry = require(snap, path)
    resolver = Resolver(snap)
    asked, resolution = resolver.at(entry, offset)
    if asked is None or not resolution.targets:
        return []
    wanted = set(resolution.targets)
    wanted_keys = {_identity(t) for t in wanted}
    name = _name_of(snap, resolution.targets[0])
    declarations = {target_span(snap, t) for t in wanted}
    family = snap.family_of(entry)
    # a local is only visible in its own file; other names only in their language family
    local = all(isinstance(t, LocalTarget) for t in wanted)
    files = (entry.path,) if local else snap.paths_of_family(family)
    members_only = all(_is_member(snap, t) for t in wanted)
    # where overrides count as one member (TypeScript), uses of the family count too
    overrides = Overrides(resolver)
    roots = overrides.roots_of(wanted) if members_only else frozenset()
    library = overrides.library_roots_of(wanted) if members_only else frozenset()
    names = [name]
    if not local and not members_only and snap.spec(entry).aliases_share_references:
        names += _aliases(snap, resolver, files, name, wanted_keys)
    found: list[Location] = []
    for name in names:
        # no look-behind: it would keep the regex engine from its fast literal search
        pattern = re.compile(re.escape(name.encode()) + rb"(?![\w$])")
        needle = name.encode()
        for candidate in files:
            cancel.check()
            other = snap.files.get(candidate)
            if other is None or needle not in other.data:
                continue
            spec = snap.spec(other)
            links = tuple(link.encode() for link in spec.doc_links)
            sites = _sites(other, name, pattern, members_only and not spec.implicit_members, links)
            for count, (start, site) in enumerate(sites.items()):
                if count % 64 == 63:
                    cancel.check()
                if isinstance(site, Reference):
                    result = resolver.resolve_reference(other, site)
                    span = site.span
                elif isinstance(site, DocLink):  # resolved as if written in code at the link
                    span = Span(start, start + len(needle))
                    linked = Occurrence(name, span, site.chain, site.chain_start, None)
                    result = resolver.resolve(other, linked)
                elif site is not None:  # a definition's own name, or a name in an import statement
                    span = Span(start, start + len(needle))
                    result = resolver.resolve(other, Occurrence(name, span, (), -1, None))
                else:
                    occ = resolver.occurrence(other, start)
                    if occ is None or occ.span.start != start:
                        continue  # in a string or a comment, or part of another token
                    result = resolver.resolve(other, occ)
                    span = occ.span
                if (
                    wanted_keys.isdisjoint(_identity(t) for t in result.targets)
                    and not overrides.related(result.targets, roots)
                    and not overrides.shares_library(result, library)
                ):
                    continue
                called = isinstance(site, Reference) and site.kind is RefKind.CALL
                guessed = not result.exact and (len(result.targets) > 1 or not called)
                if guessed and resolution.exact and not (other is entry and span == asked.span):
                    continue  # a guess: it could as well mean another definition of the name
                place = (other.path, span)
                if not include_declaration and (place in declarations or isinstance(site, Symbol)):
                    continue  # (a definition's own name: the one asked about or one of its family)
                found.append(Location(*place))
    return found
