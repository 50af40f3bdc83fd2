"""References read from facts alone (files on disk) equal those read from full syntax trees."""

from __future__ import annotations

import pytest

from hive_ls.cli.workspace import index_folder
from hive_ls.features.references import references
from hive_ls.features.results import Location
from tests.helpers import FIXTURES


def _places(found: list[Location]) -> list[tuple[str, int, int]]:
    return sorted((loc.path, loc.span.start, loc.span.end) for loc in found)


FOLDERS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", FOLDERS)
def test_references_are_the_same_with_every_file_open(folder: str) -> None:
    host, _ = index_folder(str(FIXTURES / folder), show_progress=False)
    disk = host.snapshot()
    assert any(entry.inert is not None for entry in disk.files.values())
    for path, entry in disk.files.items():
        host.open(path, entry.data, 1, None)  # open: names are read from the whole tree
    opened = host.snapshot()
    assert all(entry.is_open for entry in opened.files.values())
    asked = 0
    for path, entry in disk.files.items():
        places = [s.name_span.start for s in entry.facts.symbols]
        places += [r.span.start for r in entry.facts.references]
        for at in places:
            expected = _places(references(opened, path, at))
            assert _places(references(disk, path, at)) == expected, (entry.relpath, at)
            asked += 1
    assert asked > 30
