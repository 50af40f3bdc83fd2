"""An immutable view of the whole workspace that readers use while edits go on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.indexer import IndexState
from hive_ls.analysis.recording import Recorder, RecordingFiles
from hive_ls.analysis.trees import RegionTrees
from hive_ls.base.facts import Symbol
from hive_ls.base.language import LanguageSpec
from hive_ls.base.span import Span
from hive_ls.parse.document import ParsedDocument
from hive_ls.parse.registry import Registry


@dataclass(frozen=True, slots=True)
class SymbolRef:
    """A symbol of a snapshot: its file and its index in that file's facts."""

    path: str
    index: int


@dataclass(frozen=True)
class Snapshot:
    """Files, their facts and module names at one moment; safe to read from any thread."""

    generation: int
    registry: Registry
    files: Mapping[str, FileEntry]
    modules: Mapping[str, tuple[str, ...]]
    names: Mapping[str, tuple[str, ...]]  # simple name -> files defining it
    roots: tuple[str, ...]
    trees: RegionTrees
    index_state: IndexState = field(default_factory=lambda: IndexState(0, 0, True))
    family: str = ""
    recorder: Recorder | None = None
    plain_files: Mapping[str, FileEntry] | None = None  # ``files`` unwrapped when recording
    # module suffix indexes per family, shared by every view of this snapshot
    _suffixes: dict[str, dict[str, list[str]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _views: dict[str, Snapshot] = field(default_factory=dict, repr=False, compare=False)
    # (family, module) -> its files of that family, shared by every view of this snapshot
    _family_modules: dict[tuple[str, str], tuple[str, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _family_paths: dict[str, tuple[str, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # (family, name) -> members of types with that name, shared by every view of this snapshot
    _members: dict[tuple[str, str], tuple[SymbolRef, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # id of a file's facts -> (the facts, import index by the name each binds), per snapshot
    bindings_cache: dict[int, tuple[object, dict[str, list[int]]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # id of a file's facts -> (the facts, what its classes assign to ``self``: analysis.attributes)
    attributes_cache: dict[
        int, tuple[object, dict[tuple[int, str], list[tuple[int, tuple[str, ...]]]]]
    ] = field(default_factory=dict, repr=False, compare=False)
    # (id of a file's facts, function index) -> (the facts, what its returns give)
    returns_cache: dict[tuple[int, int], tuple[object, tuple[tuple[str, ...], ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # (family, module) -> the names its ``__all__`` declares (``analysis.exports``)
    exports_cache: dict[tuple[str, str], tuple[frozenset[str] | None, frozenset[str]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def within(self, family: str) -> Snapshot:
        """The view of one language family: module and name lookups find only its files.

        A Python ``shop`` package is nothing to C++'s ``shop`` namespace.
        """
        if family == self.family:
            return self
        view = self._views.get(family)
        if view is None:
            view = self._views[family] = replace(self, family=family, _views={})
        return view

    def recording(self, recorder: Recorder) -> Snapshot:
        """A view that notes into ``recorder`` every file and lookup a resolution uses."""
        return replace(
            self,
            files=RecordingFiles(self.files, recorder),
            recorder=recorder,
            plain_files=self.files,
            _views={},
        )

    def family_of(self, entry: FileEntry) -> str:
        """The language family of a file."""
        return self.registry.families.get(entry.facts.language, entry.facts.language)

    def _visible(self, path: str) -> bool:
        if not self.family:
            return True
        entry = (self.plain_files or self.files).get(path)
        return entry is not None and self.family_of(entry) == self.family

    def paths_of_family(self, family: str) -> tuple[str, ...]:
        """The paths of every file of one language family (cached: the snapshot never changes)."""
        found = self._family_paths.get(family)
        if found is None:
            files = self.plain_files or self.files
            found = tuple(p for p, e in files.items() if self.family_of(e) == family)
            self._family_paths[family] = found
        return found

    def entry(self, path: str) -> FileEntry | None:
        """The file at ``path``, if it is indexed or open."""
        return self.files.get(path)

    def spec(self, entry: FileEntry) -> LanguageSpec:
        """The language description of a file."""
        return self.registry.languages[entry.facts.language]

    def symbol(self, ref: SymbolRef) -> Symbol:
        """The symbol ``ref`` points at."""
        return self.files[ref.path].facts.symbols[ref.index]

    def parsed_at(self, entry: FileEntry, offset: int) -> ParsedDocument:
        """A syntax tree covering ``offset`` of the file (whole if open, else its item)."""
        return self.trees.at(entry, self.spec(entry), offset)

    def module_files(self, module: str) -> tuple[str, ...]:
        """Files whose module is ``module`` exactly."""
        found = self.modules.get(module, ())
        if self.family and found:
            key = (self.family, module)
            visible = self._family_modules.get(key)
            if visible is None:
                visible = self._family_modules[key] = tuple(p for p in found if self._visible(p))
            found = visible
        if self.recorder is not None:
            self.recorder.modules[(self.family, "exact", module)] = found
        return found

    def find_module(self, module: str) -> tuple[str, ...]:
        """Files of ``module``, matched exactly or, failing that, by suffix.

        When the workspace root sits inside a package, the module whose name is a suffix of
        ``module`` (or the other way round) answers, if it is the only one.
        """
        found = self._find_module(module)
        if self.recorder is not None:
            self.recorder.modules[(self.family, "find", module)] = found
        return found

    def _find_module(self, module: str) -> tuple[str, ...]:
        exact = self.module_files(module)
        if exact:
            return exact
        if not module:
            return ()
        suffixes = self._suffixes.get(self.family)
        if suffixes is None:
            suffixes = self._suffixes[self.family] = {}
            for name, paths in self.modules.items():
                if name and any(self._visible(p) for p in paths):
                    suffixes.setdefault(name.rsplit(".", 1)[-1], []).append(name)
        last = module.rsplit(".", 1)[-1]
        matches = [
            name
            for name in suffixes.get(last, ())
            if module.endswith("." + name) or name.endswith("." + module)
        ]
        if len(matches) == 1:
            return self.module_files(matches[0])
        return ()

    def symbols_named(self, name: str) -> Iterator[SymbolRef]:
        """Every symbol in the workspace with simple name ``name``."""
        if self.recorder is not None:
            self.recorder.names.add(name)
        for path in self.names.get(name, ()):
            entry = self.files.get(path)
            if entry is None or (self.family and self.family_of(entry) != self.family):
                continue
            for index in entry.facts.by_name.get(name, ()):
                yield SymbolRef(path, index)

    def members_named(self, name: str) -> tuple[SymbolRef, ...]:
        """Every member of a type (method, field, ...) with simple name ``name``, cached.

        What an access ``x.name`` may mean when the type of ``x`` is unknown.
        """
        if self.recorder is not None:
            self.recorder.names.add(name)
            self.recorder.files.update(self.names.get(name, ()))
        key = (self.family, name)
        found = self._members.get(key)
        if found is None:
            files = self.plain_files or self.files
            refs = []
            for path in self.names.get(name, ()):
                entry = files.get(path)
                if entry is None or (self.family and self.family_of(entry) != self.family):
                    continue
                symbols = entry.facts.symbols
                for index in entry.facts.by_name.get(name, ()):
                    sym = symbols[index]
                    if sym.kind.is_member or (sym.parent >= 0 and symbols[sym.parent].kind.is_type):
                        refs.append(SymbolRef(path, index))
            found = self._members[key] = tuple(refs)
        return found

    def symbols_in_module(self, module: str, qname: str) -> list[SymbolRef]:
        """Symbols called ``qname`` in the files of ``module``."""
        found = []
        for path in self.find_module(module):
            entry = self.files.get(path)
            if entry is None:
                continue
            wanted = qname
            if entry.facts.module != module and qname.startswith(module):
                wanted = entry.facts.module + qname[len(module) :]
            for index in entry.facts.by_qname.get(wanted, ()):
                found.append(SymbolRef(path, index))
        return found

    def location(self, ref: SymbolRef) -> tuple[str, Span]:
        """The file and name span of a symbol."""
        return ref.path, self.symbol(ref).name_span
