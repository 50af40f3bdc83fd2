"""References read from facts alone (files on disk) equal those read from full syntax trees."""

from __future__ import annotations

from pathlib import Path

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
    assert asked > 20


def test_a_method_is_referenced_through_receivers_not_by_bare_names(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(
        "class Box:\n"
        "    def get_x(self):\n"
        "        return 1\n"
        "\n"
        "def get_x():\n"  # another definition of the name: not the method
        "    return get_x\n"
        "\n"
        "def use(box: Box):\n"
        "    get_x = 2  # a local of the same name\n"
        "    return box.get_x(), get_x  # only the first is the method\n"
    )
    host, _ = index_folder(str(tmp_path), show_progress=False)
    snap = host.snapshot()
    path = next(iter(snap.files))
    data = snap.files[path].data
    found = references(snap, path, data.index(b"get_x"))
    lines = sorted(data[: loc.span.start].count(b"\n") + 1 for loc in found)
    assert lines == [2, 10]
    module_level = references(snap, path, data.index(b"def get_x():") + 4)
    assert sorted(data[: loc.span.start].count(b"\n") + 1 for loc in module_level) == [5, 6]
