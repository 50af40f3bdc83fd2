"""An immutable view of the whole workspace that readers use while edits go on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.indexer import IndexState
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
    roots: tuple[str, ...]
    trees: RegionTrees
    index_state: IndexState = field(default_factory=lambda: IndexState(0, 0, True))
    _suffixes: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

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
        return self.modules.get(module, ())

    def find_module(self, module: str) -> tuple[str, ...]:
        """Files of ``module``, matched exactly or, failing that, by suffix.

        When the workspace root sits inside a package, the module whose name is a suffix of
        ``module`` (or the other way round) answers, if it is the only one.
        """
        exact = self.modules.get(module)
        if exact:
            return exact
        if not module:
            return ()
        if not self._suffixes:
            for name in self.modules:
                if name:
                    self._suffixes.setdefault(name.rsplit(".", 1)[-1], []).append(name)
        last = module.rsplit(".", 1)[-1]
        matches = [
            name
            for name in self._suffixes.get(last, ())
            if module.endswith("." + name) or name.endswith("." + module)
        ]
        if len(matches) == 1:
            return self.modules[matches[0]]
        return ()

    def symbols_named(self, name: str) -> Iterator[SymbolRef]:
        """Every symbol in the workspace with simple name ``name``."""
        for path, entry in self.files.items():
            for index in entry.facts.by_name.get(name, ()):
                yield SymbolRef(path, index)

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
