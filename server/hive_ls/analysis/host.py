"""The mutable owner of the workspace state: every change goes through it, on one thread.

Editors' edits, disk events and finished index batches are applied here (on the event loop);
readers take ``snapshot()`` and never see a half-applied change.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.analysis.indexer import Indexed, IndexState
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.analysis.trees import RegionTrees
from hive_ls.base.edits import ByteEdit, apply_edit
from hive_ls.base.settings import Settings
from hive_ls.extract.facts import ChunkCache, extract_facts, file_digest
from hive_ls.extract.inert import inert_spans
from hive_ls.parse.document import (
    ParsedDocument,
    apply_edits,
    clamp_edit,
    parse_document,
    settle,
)
from hive_ls.parse.registry import Registry
from hive_ls.vfs.ignore import IGNORE_FILES, IgnoreRules
from hive_ls.vfs.packages import INIT_FILES, PackageFolders
from hive_ls.vfs.reader import Skipped, check_content, read_source

log = logging.getLogger(__name__)


@dataclass
class _OpenDocument:
    """An editor buffer: its bytes and version, and its parse unless it is too big to parse."""

    data: bytes
    version: int
    language: str | None
    doc: ParsedDocument | None
    cache: ChunkCache


class AnalysisHost:
    """Holds every file's facts, the open documents and the module index."""

    def __init__(self, registry: Registry, settings: Settings | None = None) -> None:
        self.registry = registry
        self.settings = settings or Settings()
        self.roots: tuple[str, ...] = ()
        self.rules: dict[str, IgnoreRules] = {}
        self._files: dict[str, FileEntry] = {}
        self._open: dict[str, _OpenDocument] = {}
        self._modules: dict[str, set[str]] = {}
        self._modules_frozen: dict[str, tuple[str, ...]] | None = None
        self._names: dict[str, tuple[str, ...]] = {}  # name -> files defining it; replaced,
        # never mutated, so snapshots can share it
        self._trees = RegionTrees()
        self._generation = 0
        self._snapshot: Snapshot | None = None
        self.index_state = IndexState(0, 0, True)
        self._changed_while_indexing: set[str] = set()
        self.graph = GraphSync()
        self._graph_dirty: set[str] = set()  # files changed since the graph last caught up
        self._store_dirty: set[str] = set()  # files changed since the store last heard
        self._suffixes: dict[str, dict[str, list[str]]] = {}
        self.packages = PackageFolders()  # Python's import roots, for module names

    # ---- workspace ------------------------------------------------------------------------

    def set_roots(self, roots: Iterable[str]) -> None:
        """Use these folders as the workspace; files outside them are only known when opened."""
        self.roots = tuple(dict.fromkeys(os.path.realpath(r) for r in roots))
        self.rules = {r: IgnoreRules(r, self.settings.index) for r in self.roots}
        if self.roots and self.index_state.complete:
            self.index_state = IndexState(0, 0, False)  # until the index has run
        self._touch()

    def set_settings(self, settings: Settings) -> bool:
        """Apply new settings; True when the index settings changed (re-index to apply them)."""
        changed = settings.index != self.settings.index
        self.settings = settings
        if changed:
            self.rules = {r: IgnoreRules(r, settings.index) for r in self.roots}
        return changed

    def root_of(self, path: str) -> tuple[str, str]:
        """The workspace root holding ``path`` and the path relative to it (posix)."""
        best = ""
        for root in self.roots:
            if path.startswith(root + os.sep) and len(root) > len(best):
                best = root
        if not best:
            return os.path.dirname(path), os.path.basename(path)
        return best, os.path.relpath(path, best).replace(os.sep, "/")

    def in_workspace(self, path: str) -> bool:
        """True when ``path`` is under a root, not ignored, and in a known language."""
        root, relpath = self.root_of(path)
        if root not in self.rules or self.registry.for_path(relpath) is None:
            return False
        return not self.rules[root].ignored(relpath)

    def folder_target(self, path: str) -> tuple[str, str] | None:
        """``(root, folder relative to it)`` for a folder to index; None if outside or ignored."""
        if path in self.rules:
            return path, ""
        root, relpath = self.root_of(path)
        if root not in self.rules or self.rules[root].ignored(relpath, is_dir=True):
            return None
        return root, relpath

    def paths(self) -> list[str]:
        """Every indexed or open file."""
        return list(self._files)

    # ---- state changes ----------------------------------------------------------------------

    def _touch(self, *paths: str) -> None:
        self._generation += 1
        self._snapshot = None
        self._graph_dirty.update(paths)
        self._store_dirty.update(paths)

    def graph_work(self) -> tuple[Snapshot, set[str]] | None:
        """The snapshot and the files the graph must catch up with (None: nothing to do).

        Call on the thread that changes the host; run ``self.graph.sync`` with the result
        anywhere.
        """
        if not self._graph_dirty:
            return None
        paths, self._graph_dirty = self._graph_dirty, set()
        return self.snapshot(), paths

    def forget(self, paths: set[str]) -> None:
        """Files that are gone (the store still knew them): the store is told on its next work."""
        self._store_dirty.update(p for p in paths if p not in self._files)

    def mark_unsaved(self, paths: set[str]) -> None:
        """Files the store lacks (though their facts were loaded): saved on its next work."""
        self._store_dirty.update(p for p in paths if p in self._files)

    def store_work(self) -> tuple[Snapshot, set[str]] | None:
        """The snapshot and the files to save since the last call (None: nothing to save)."""
        if not self._store_dirty:
            return None
        paths, self._store_dirty = self._store_dirty, set()
        return self.snapshot(), paths

    def _set(
        self,
        entry: FileEntry,
        names: list[tuple[str, frozenset[str], frozenset[str]]] | None = None,
    ) -> None:
        """Store ``entry``.

        Its name changes are indexed at once, or added to ``names`` for the caller to index
        with a whole batch.
        """
        old = self._files.get(entry.path)
        if old is not None and old.facts.module != entry.facts.module:
            self._unlink_module(old)
        if old is None or old.facts.module != entry.facts.module:
            self._modules.setdefault(entry.facts.module, set()).add(entry.path)
            self._modules_frozen = None
        change = (entry.path, old.facts.names if old else frozenset(), entry.facts.names)
        if names is not None:
            names.append(change)
        else:
            self._index_names([change])
        self._files[entry.path] = entry
        self._touch(entry.path)

    def _index_names(self, changes: list[tuple[str, frozenset[str], frozenset[str]]]) -> None:
        """Keep the name index current: a new dict (one copy) when names changed."""
        changes = [c for c in changes if c[1] != c[2]]
        if not changes:
            return
        names = dict(self._names)
        for path, old, new in changes:
            for name in old - new:
                remaining = tuple(p for p in names.get(name, ()) if p != path)
                if remaining:
                    names[name] = remaining
                else:
                    names.pop(name, None)
            for name in new - old:
                names[name] = (*names.get(name, ()), path)
        self._names = names

    def _unlink_module(self, entry: FileEntry) -> None:
        paths = self._modules.get(entry.facts.module)
        if paths is not None:
            paths.discard(entry.path)
            if not paths:
                del self._modules[entry.facts.module]
        self._modules_frozen = None

    def remove(self, path: str) -> list[str]:
        """Forget ``path`` and every file under it (a deleted folder); open files stay."""
        self._note_change(path)
        prefix = path.rstrip(os.sep) + os.sep
        gone = [
            p for p in self._files if (p == path or p.startswith(prefix)) and p not in self._open
        ]
        changes = []
        for p in gone:
            old = self._files.pop(p)
            self._unlink_module(old)
            changes.append((p, old.facts.names, frozenset[str]()))
        self._index_names(changes)
        if gone:
            self._touch(*gone)
        for p in gone:
            if os.path.basename(p) in INIT_FILES:
                self._package_changed(os.path.dirname(p))
        return gone

    def _package_changed(self, folder: str) -> None:
        """``folder`` gained or lost its ``__init__``: rename the modules below it."""
        self.packages.forget(folder)
        prefix = folder.rstrip(os.sep) + os.sep
        for path, entry in list(self._files.items()):
            spec = self.registry.languages.get(entry.facts.language)
            if not path.startswith(prefix) or spec is None or spec.module_style != "python":
                continue
            found = self._open.get(path)
            if found is not None:
                if found.doc is not None:
                    renamed = self._extract(
                        path, found.data, found.language, found.version, None, found.doc
                    )
                    if renamed is not None:
                        found.cache = ChunkCache()  # cached facts carry the old names
                        self._set(renamed)
                continue
            renamed = self._extract(path, entry.data, entry.facts.language, None, None)
            if renamed is not None and renamed.facts.module != entry.facts.module:
                self._set(renamed)

    def _extract(
        self,
        path: str,
        data: bytes,
        language: str | None,
        version: int | None,
        cache: ChunkCache | None,
        doc: ParsedDocument | None = None,
    ) -> FileEntry | None:
        root, relpath = self.root_of(path)
        spec = self.registry.resolve(relpath, language)
        if spec is None:
            return None
        if doc is None:
            doc = parse_document(spec, data)
        module_path = (
            self.packages.module_path(root, relpath) if spec.module_style == "python" else None
        )
        facts = extract_facts(
            doc.tree, data, spec, path, relpath, cache, file_digest(data), doc.changed, module_path
        )
        if version is not None:  # open: the tree itself is kept
            return FileEntry(facts, data, root, relpath, version, doc)
        return FileEntry(facts, data, root, relpath, inert=inert_spans(doc.tree, spec))

    # ---- the editor -------------------------------------------------------------------------

    def open(self, path: str, data: bytes, version: int, language: str | None) -> FileEntry | None:
        """The editor opened ``path``: its text wins over the disk; None for unknown languages."""
        _, relpath = self.root_of(path)
        spec = self.registry.resolve(relpath, language)
        if spec is None:
            return None
        cache = ChunkCache()
        too_big = len(data) > self.settings.index.max_file_bytes
        checked = check_content(path, data)
        if too_big or isinstance(checked, Skipped):
            why = "too big" if too_big else checked.reason  # type: ignore[union-attr]
            log.warning("not analysing open document %s: %s", path, why)
            self._open[path] = _OpenDocument(data, version, language, None, cache)
            self.remove_open_entry(path)
            return None
        doc = parse_document(spec, data)
        self._open[path] = _OpenDocument(data, version, language, doc, cache)
        entry = self._extract(path, data, language, version, cache, doc)
        if entry is not None:
            self._set(entry)
        return entry

    def remove_open_entry(self, path: str) -> None:
        """Drop the facts of an open document that cannot be analysed."""
        old = self._files.pop(path, None)
        if old is not None:
            self._unlink_module(old)
            self._index_names([(path, old.facts.names, frozenset())])
            self._touch(path)

    def document_bytes(self, path: str) -> bytes | None:
        """The current bytes of an open document."""
        found = self._open.get(path)
        return found.data if found else None

    def change(self, path: str, version: int, edits: Sequence[ByteEdit]) -> FileEntry | None:
        """Apply edits incrementally: re-parse with the old tree, re-extract changed items."""
        found = self._open.get(path)
        if found is None:
            raise KeyError(f"document not open: {path}")
        if found.doc is None:  # not analysed: only keep the text current
            data = found.data
            for edit in edits:
                data = apply_edit(data, clamp_edit(data, edit))
            found.data, found.version = data, version
            if len(data) <= self.settings.index.max_file_bytes and not isinstance(
                check_content(path, data), Skipped
            ):
                return self.open(path, data, version, found.language)
            return None
        doc = apply_edits(found.doc, edits)
        found.data, found.version, found.doc = doc.data, version, doc
        entry = self._extract(path, doc.data, found.language, version, found.cache, doc)
        if entry is not None:
            self._set(entry)
        return entry

    def settle(self, path: str, version: int) -> FileEntry | None:
        """Re-parse an open document from scratch once edits pause (see ``parse.settle``).

        Returns the new entry when its facts changed; None when nothing changed, the document
        has moved on to another version, or it is not open.
        """
        found = self._open.get(path)
        if found is None or found.doc is None or found.version != version:
            return None
        fresh = settle(found.doc)
        found.doc = fresh
        entry = self._extract(path, fresh.data, found.language, version, found.cache, fresh)
        if entry is None:
            return None
        changed = entry.facts != self._files[path].facts
        self._set(entry)
        return entry if changed else None

    def close(self, path: str) -> None:
        """The editor closed ``path``: go back to the disk's version, or forget it."""
        if self._open.pop(path, None) is None:
            return
        self.remove(path)
        if self.in_workspace(path):
            self.refresh(path)

    def is_open(self, path: str) -> bool:
        """True while the editor has ``path`` open."""
        return path in self._open

    # ---- the disk ---------------------------------------------------------------------------

    def _note_change(self, path: str) -> None:
        """Remember a disk change during the initial index, whose batch for it may be older."""
        if not self.index_state.complete:
            self._changed_while_indexing.add(path)

    def refresh(self, path: str) -> str:
        """Re-read ``path`` from disk after a change there; returns what happened.

        ``open`` (the editor's text wins), ``ignored``, ``unchanged``, ``updated``, ``removed``
        or ``skipped: <reason>``.
        """
        if path in self._open:
            return "open"
        self._note_change(path)
        if os.path.basename(path) in IGNORE_FILES:
            for rules in self.rules.values():
                rules.reset()
            return "ignore-rules"
        if os.path.basename(path) in INIT_FILES:
            self._package_changed(os.path.dirname(path))
        if not self.in_workspace(path):
            return "removed" if self.remove(path) else "ignored"
        data = read_source(path, self.settings.index.max_file_bytes)
        if isinstance(data, Skipped):
            log.info("skipped %s: %s (%s)", path, data.reason, data.detail)
            self.remove(path)
            return f"skipped: {data.reason}"
        current = self._files.get(path)
        if current is not None and current.facts.digest == file_digest(data):
            return "unchanged"
        entry = self._extract(path, data, None, None, None)
        if entry is None:
            return "ignored"
        self._set(entry)
        return "updated"

    def add_indexed(self, results: Iterable[Indexed], saved: bool = False) -> int:
        """Store a batch from the initial index; files open in the editor keep the editor's text.

        ``saved``: the batch was read back from the store, which need not hear of it again.
        """
        count = 0
        names: list[tuple[str, frozenset[str], frozenset[str]]] = []
        for item in results:
            if item.facts.path in self._open or item.facts.path in self._changed_while_indexing:
                continue
            current = self._files.get(item.facts.path)
            if current is not None and current.facts.digest == item.facts.digest:
                continue
            entry = FileEntry(item.facts, item.data, item.root, item.relpath, inert=item.inert)
            self._set(entry, names)
            if saved:
                self._store_dirty.discard(entry.path)
            count += 1
        self._index_names(names)
        return count

    def begin_index(self, total: int) -> None:
        """The initial index starts; disk changes from now on win over its batches."""
        self._changed_while_indexing = set()
        self.set_index_state(IndexState(0, total, False))

    def set_index_state(self, state: IndexState) -> None:
        """Record the initial index's progress (readers see it in snapshots)."""
        self.index_state = state
        self._touch()

    def _sources(self, paths: set[str]) -> tuple[str, ...]:
        """A module's files, its stubs (``.pyi``) left out where a source of it is there too."""
        ordered = tuple(sorted(paths))
        if len(ordered) < 2:
            return ordered
        kept = []
        for path in ordered:
            entry = self._files.get(path)
            spec = self.registry.languages.get(entry.facts.language) if entry else None
            if spec is None or not path.endswith(spec.stub_suffixes):
                kept.append(path)
        return tuple(kept) or ordered

    # ---- readers ----------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """An immutable view of the current state (the same object until the next change)."""
        if self._snapshot is None:
            if self._modules_frozen is None:
                self._modules_frozen = {m: self._sources(p) for m, p in self._modules.items()}
                self._suffixes = {}  # module suffix indexes, rebuilt for the new module set
            self._snapshot = Snapshot(
                generation=self._generation,
                registry=self.registry,
                files=dict(self._files),
                modules=self._modules_frozen,
                names=self._names,
                _suffixes=self._suffixes,
                roots=self.roots,
                trees=self._trees,
                index_state=self.index_state,
            )
        return self._snapshot
