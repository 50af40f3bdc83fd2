r"""PHP: ``use A\B\C`` binds ``C``; functions and constants fall back to the global namespace."""

from __future__ import annotations

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.semantics.base import Semantics
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import Import


class PhpSemantics(Semantics):
    """PHP's rules for ``use``, ``require`` and the global namespace."""

    def binding(self, imp: Import) -> str:
        r"""The alias, else the last part of the name (``use A\{B\C}`` binds ``C``).

        ``require 'file.php'`` imports no name and binds none.
        """
        if imp.alias:
            return imp.alias
        return imp.name.rsplit("\\", 1)[-1]

    def targets(self, snap: Snapshot, entry: FileEntry, imp: Import) -> list[str]:
        """What a ``use`` stands for; a required file stands for no symbol."""
        return super().targets(snap, entry, imp) if imp.name or imp.alias else []

    def open_modules(self, snap: Snapshot, entry: FileEntry) -> list[str]:
        """The global namespace, where PHP looks for functions and constants not found here."""
        return [*super().open_modules(snap, entry), ""] if entry.facts.module else []


SEMANTICS = PhpSemantics()
