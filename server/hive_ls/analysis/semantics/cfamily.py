"""C and C++: names are global, ``#include`` binds nothing, ``using a::b`` binds ``b``."""

from __future__ import annotations

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.semantics.base import Semantics
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import Import

#: the C++ standard library's namespace: outside the workspace unless the workspace opens it
STD = "std"


def is_include(imp: Import) -> bool:
    """True for ``#include``: the only import form without a name, an alias or a wildcard."""
    return not (imp.name or imp.alias or imp.wildcard)


class CFamilySemantics(Semantics):
    """Import rules shared by C and C++ (C has only ``#include``)."""

    global_names = True
    redeclarations = True

    def binding(self, imp: Import) -> str:
        """An include binds nothing; ``using a::b::c;`` binds ``c``; an alias binds itself."""
        if is_include(imp):
            return ""
        return imp.binding.rsplit("::", 1)[-1]

    def targets(self, snap: Snapshot, entry: FileEntry, imp: Import) -> list[str]:
        """An include stands for no symbol; the other forms name qualified symbols."""
        if is_include(imp):
            return []
        return super().targets(snap, entry, imp)

    def path_root(self, snap: Snapshot, entry: FileEntry, name: str, offset: int) -> str | None:
        """``std::`` names the standard library, whose members are all outside the workspace."""
        return STD if name == STD else None


SEMANTICS = CFamilySemantics()
