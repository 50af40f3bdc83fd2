"""Warm start: files whose bytes still hash to what the store holds reuse the stored facts."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from hive_ls.analysis.codec import decode_facts
from hive_ls.analysis.indexer import Indexed, Plan
from hive_ls.extract.facts import file_digest
from hive_ls.extract.modules import module_name
from hive_ls.parse.registry import default_registry
from hive_ls.store import FileRow
from hive_ls.vfs.reader import Skipped, read_source
from hive_ls.vfs.walk import SourceFile


def reuse_stored(
    todo: Plan, stored: Callable[[str], Mapping[str, FileRow]], max_bytes: int
) -> tuple[list[Indexed], Plan]:
    """Split ``todo`` into files loaded from the store and the plan for the rest.

    ``stored(root)`` gives the rows the store holds for a workspace root (by relative path).
    A file is reused when its bytes hash to the stored digest and the stored blob reads back
    for the same absolute path; everything else (changed, new, unreadable) is left to parse.
    """
    reused: list[Indexed] = []
    rest = []
    rest_bytes = 0
    for item in todo.files:
        row = stored(item.root).get(item.source.relpath)
        found = _load(item.root, item.source, row, max_bytes, item.module_path)
        if found is None:
            rest.append(item)
            rest_bytes += item.size
        else:
            reused.append(found)
    return reused, Plan(rest, todo.skipped, rest_bytes)


def _load(
    root: str, source: SourceFile, row: FileRow | None, max_bytes: int, module_path: str
) -> Indexed | None:
    relpath, path, language = source.relpath, source.path, source.language
    if row is None:
        return None
    data = read_source(path, max_bytes)
    if isinstance(data, Skipped) or file_digest(data) != row.digest:
        return None
    decoded = decode_facts(row.facts)
    if decoded is None:
        return None
    facts = decoded[0]
    if facts.path != path or facts.digest != row.digest or facts.language != language:
        return None
    spec = default_registry().languages.get(language)
    if module_path and spec is not None and facts.module != module_name(spec, module_path):
        return None  # a folder became (or stopped being) a package: the name moved
    return Indexed(root, relpath, facts, data, decoded[1])
