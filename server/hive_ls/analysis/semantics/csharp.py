"""C#: code in a namespace sees its enclosing namespaces' types, then those `using` opens."""

from __future__ import annotations

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.semantics.base import Semantics
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import SymbolKind


def enclosing_namespaces(entry: FileEntry) -> list[str]:
    """The namespaces a file declares and every namespace around them, innermost first.

    ``namespace Acme.Shop;`` is the file's module; ``namespace Acme.Shop { }`` is a symbol.
    Both make ``Acme.Shop`` and then ``Acme`` visible.
    """
    declared = [entry.facts.module] if entry.facts.module else []
    declared += [s.qname for s in entry.facts.symbols if s.kind is SymbolKind.NAMESPACE]
    found: list[str] = []
    for namespace in sorted(declared, key=lambda n: -n.count(".")):
        parts = namespace.split(".")
        found.extend(".".join(parts[:cut]) for cut in range(len(parts), 0, -1))
    return list(dict.fromkeys(found))


class CSharpSemantics(Semantics):
    """C#'s namespace and ``using`` rules."""

    def open_modules(self, snap: Snapshot, entry: FileEntry) -> list[str]:
        """Enclosing namespaces first, then the namespaces and types named by ``using``."""
        opened = super().open_modules(snap, entry)
        return list(dict.fromkeys([*enclosing_namespaces(entry), *opened]))


SEMANTICS = CSharpSemantics()
