"""Python: ``import a.b`` binds ``a``; relative imports count from the file's package."""

from __future__ import annotations

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.semantics.base import Semantics
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import Import
from hive_ls.extract.annotations import GENERIC as _GENERIC
from hive_ls.extract.annotations import declared_parameters, enclosed, split_top, without_nothing


def package_of(entry: FileEntry) -> list[str]:
    """The package a file belongs to, as parts (a package's ``__init__`` is its own package)."""
    parts = entry.facts.module.split(".") if entry.facts.module else []
    if entry.relpath.rsplit("/", 1)[-1].startswith("__init__."):
        return parts
    return parts[:-1]


def absolute(entry: FileEntry, module: str) -> str:
    """``module`` as an absolute dotted name (``..x`` from ``a.b.c`` is ``a.x``)."""
    if not module.startswith("."):
        return module
    level = len(module) - len(module.lstrip("."))
    rest = module[level:]
    package = package_of(entry)
    if level > 1:
        package = package[: len(package) - (level - 1)] if level - 1 <= len(package) else []
    return ".".join([*package, rest] if rest else package)


class PythonSemantics(Semantics):
    """Python's import rules."""

    class_body_scope = True
    last_definition_wins = True
    constructor_name = "__init__"

    def binding(self, imp: Import) -> str:
        """``import a.b.c`` binds ``a``; every other form binds its alias or name."""
        if not imp.alias and not imp.name and not imp.wildcard:
            return imp.module.split(".", 1)[0]
        return imp.binding

    def targets(self, snap: Snapshot, entry: FileEntry, imp: Import) -> list[str]:
        """What the binding stands for, with relative modules made absolute."""
        module = absolute(entry, imp.module)
        if imp.wildcard:
            return [module]
        if imp.name:
            return [f"{module}.{imp.name}" if module else imp.name]
        if not imp.alias:
            return [module.split(".", 1)[0]]
        return [module]

    def return_annotation(self, signature: str) -> str:
        """What follows ``->`` in ``def f(...) -> T:``."""
        _, arrow, declared = signature.rpartition("->")
        return declared.strip().rstrip(":").strip() if arrow else ""

    def parameter_types(self, signature: str) -> list[str]:
        """The parameters between ``def name(`` and its closing parenthesis, ``self`` left out."""
        opening = signature.find("(")
        if opening < 0:
            return []
        inner, end = enclosed(signature, opening)
        return declared_parameters(inner) if end > 0 else []

    def callable_parameters(self, annotation: str) -> list[str] | None:
        """``Callable[[A, B], R]`` (or ``Optional`` of one) gives ``["A", "B"]``."""
        text = annotation.strip().strip("\"'")
        if len(split_top(text, "|")) > 1:
            kept = without_nothing(text)
            return self.callable_parameters(kept) if kept else None
        generic = _GENERIC.match(text)
        if generic is None:
            return None
        origin = generic.group(1).rsplit(".", 1)[-1]
        arguments = split_top(generic.group(2), ",")
        if origin in ("Optional", "Union"):
            kept = without_nothing(" | ".join(arguments))
            return self.callable_parameters(kept) if kept else None
        if origin != "Callable" or not arguments or not arguments[0].startswith("["):
            return None  # `Callable[..., R]`: any parameters
        return [p for p in split_top(arguments[0][1:-1], ",") if p]

    def callable_returns(self, annotation: str) -> str | None:
        """``Callable[[A, B], R]`` (or ``Optional`` of one) gives ``R``."""
        text = without_nothing(annotation.strip().strip("\"'"))
        generic = _GENERIC.match(text)
        if generic is None or generic.group(1).rsplit(".", 1)[-1] != "Callable":
            return None
        arguments = split_top(generic.group(2), ",")
        return arguments[-1] if len(arguments) == 2 else None

    def implicit_module(self, snap: Snapshot, entry: FileEntry, name: str) -> str | None:
        """In a package's ``__init__``, a submodule it imports from is bound by its name.

        ``from .functoolz import *`` sets the package's attribute ``functoolz``, and the
        package's namespace is the ``__init__``'s own.
        """
        if not entry.relpath.rsplit("/", 1)[-1].startswith("__init__."):
            return None
        package = ".".join(package_of(entry))
        submodule = f"{package}.{name}" if package else name
        for imp in entry.facts.imports:
            module = absolute(entry, imp.module)
            full = f"{module}.{imp.name}" if imp.name and not imp.wildcard else module
            if full == submodule or full.startswith(submodule + "."):
                return submodule
        return None

    def star_visible(self, name: str) -> bool:
        """``from m import *`` skips names starting with ``_`` unless ``__all__`` lists them."""
        return not name.startswith("_")

    def open_modules(self, snap: Snapshot, entry: FileEntry) -> list[str]:
        """``from m import *`` makes ``m``'s names visible."""
        return [absolute(entry, imp.module) for imp in entry.facts.imports if imp.wildcard]


SEMANTICS = PythonSemantics()
