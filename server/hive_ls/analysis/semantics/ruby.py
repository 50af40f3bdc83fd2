"""Ruby: ``require`` loads a file and binds no name; ``Alias = Some::Module`` names a module."""

from __future__ import annotations

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.semantics.base import Semantics
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import Import


class RubySemantics(Semantics):
    """Ruby's rules: constants are global, so only constant aliases bind names."""

    def binding(self, imp: Import) -> str:
        """The alias of ``Alias = Some::Module``; nothing for ``require "path"``."""
        return imp.alias

    def targets(self, snap: Snapshot, entry: FileEntry, imp: Import) -> list[str]:
        """The constant an alias stands for; a required file stands for no symbol."""
        if not imp.alias:
            return []
        return [self.normalise(snap.spec(entry), imp.module)]

    def open_modules(self, snap: Snapshot, entry: FileEntry) -> list[str]:
        """Every file's constants are visible already (module_style "global")."""
        return []


SEMANTICS = RubySemantics()
