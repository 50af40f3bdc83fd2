"""Go to definition: the definitions a name at a position refers to."""

from __future__ import annotations

from hive_ls.analysis.resolve import Resolver, target_span
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.features.lookup import require
from hive_ls.features.results import Location


def definition(snap: Snapshot, path: str, offset: int) -> list[Location]:
    """Where the name at ``offset`` of ``path`` is defined (several when it is ambiguous)."""
    entry = require(snap, path)
    _, resolution = Resolver(snap).at(entry, offset)
    found = []
    for target in resolution.targets:
        place = target_span(snap, target)
        if place is not None:
            found.append(Location(*place))
    return found
