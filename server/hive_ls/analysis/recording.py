"""What a resolution looked at: the files, module lookups and global name lookups it made.

The graph keeps this per piece of code, so that when a file changes only the pieces whose
resolution depended on it are resolved again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from hive_ls.analysis.entry import FileEntry


@dataclass
class Recorder:
    """Dependencies noted while resolving one piece of code."""

    files: set[str] = field(default_factory=set)
    # (family, "exact" | "find", module) -> the files the lookup returned
    modules: dict[tuple[str, str, str], tuple[str, ...]] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)
    # the names the piece resolves: a file's change matters only if it touches one of them
    wanted: set[str] = field(default_factory=set)
    # functions whose bodies were read for what they return: a body edit matters to the piece
    returns: set[str] = field(default_factory=set)


class RecordingFiles(Mapping[str, FileEntry]):
    """A snapshot's file mapping that notes every path looked up (found or not)."""

    def __init__(self, files: Mapping[str, FileEntry], recorder: Recorder) -> None:
        self._files = files
        self._recorder = recorder

    def __getitem__(self, path: str) -> FileEntry:
        self._recorder.files.add(path)
        return self._files[path]

    def get(self, path: str, default: object = None) -> FileEntry | None:  # type: ignore[override]
        """The file at ``path`` (noted), or None."""
        self._recorder.files.add(path)
        return self._files.get(path)

    def __contains__(self, path: object) -> bool:
        if isinstance(path, str):
            self._recorder.files.add(path)
        return path in self._files

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)
