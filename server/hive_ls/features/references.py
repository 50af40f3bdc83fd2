"""Find references: every place whose name resolves to the same definition as the one asked about.

Candidates come from a byte search for the name; each is resolved like go-to-definition, so
references and definitions always agree. Names whose receiver's type is unknown count only when
exactly one definition in the workspace could be meant.
"""

from __future__ import annotations

import re

from hive_ls.analysis.cancel import NEVER, CancelToken
from hive_ls.analysis.resolve import LocalTarget, ModuleTarget, Resolver, Target, target_span
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.features.lookup import require
from hive_ls.features.results import Location
from hive_ls.parse.document import parse_document


def _name_of(snap: Snapshot, target: Target) -> str:
    if isinstance(target, LocalTarget):
        return target.name
    if isinstance(target, ModuleTarget):
        return target.module.rsplit(".", 1)[-1]
    return snap.symbol(target).name


WHOLE_FILE_AT = 3  # with this many candidate names in a file, parse it whole once


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
    name = _name_of(snap, resolution.targets[0])
    declarations = {target_span(snap, t) for t in wanted}
    pattern = re.compile(rb"(?<![\w$])" + re.escape(name.encode()) + rb"(?![\w$])")
    needle = name.encode()
    family = snap.family_of(entry)
    # a local is only visible in its own file; other names only in their language family
    local = all(isinstance(t, LocalTarget) for t in wanted)
    files = (
        [entry.path] if local else [p for p, e in snap.files.items() if snap.family_of(e) == family]
    )
    found: list[Location] = []
    for candidate in files:
        cancel.check()
        other = snap.files.get(candidate)
        if other is None or needle not in other.data:
            continue
        matches = list(pattern.finditer(other.data))
        # uses the queries captured resolve from their facts; the rest need the syntax tree
        captured = {r.span.start: r for r in other.facts.references if r.name == name}
        uncaptured = sum(1 for m in matches if m.start() not in captured)
        if uncaptured >= WHOLE_FILE_AT and not other.is_open:
            resolver.use_document(other, parse_document(snap.spec(other), other.data))
        for count, match in enumerate(matches):
            if count % 64 == 63:
                cancel.check()
            ref = captured.get(match.start())
            if ref is not None:
                occ = None
                result = resolver.resolve_reference(other, ref)
                span = ref.span
            else:
                occ = resolver.occurrence(other, match.start())
                if occ is None or occ.span.start != match.start():
                    continue  # in a string or a comment, or part of another token
                result = resolver.resolve(other, occ)
                span = occ.span
            if not wanted.intersection(result.targets):
                continue
            guessed = not result.exact and len(result.targets) > 1
            if guessed and resolution.exact and not (other is entry and span == asked.span):
                continue  # could as well mean another definition of the same name
            place = (other.path, span)
            if not include_declaration and place in declarations:
                continue
            found.append(Location(*place))
        resolver.forget_document(other)
    return found
