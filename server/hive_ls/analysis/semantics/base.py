"""The generic rules: imports name qualified modules or members, wildcards open a module."""

from __future__ import annotations

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import Import
from hive_ls.base.language import LanguageSpec


class Semantics:
    r"""How a language's imports bind names, and which modules are visible without one.

    Qualified names inside hive-ls are dotted; ``normalise`` turns ``a::b`` or ``A\B`` into
    ``a.b`` / ``A.B``. Subclasses override what differs for their language.
    """

    #: bare names found nowhere else may name any top-level symbol of the workspace (C, Ruby)
    global_names: bool = False
    #: a name may be declared in several places that are one entity (C's prototype and its
    #: definition, C++'s member declared in its class and defined outside it)
    redeclarations: bool = False
    #: a class body is a scope of its own: its statements see the names defined before them
    #: in it (Python's ``x = property(_get_x)``), though its methods do not
    class_body_scope: bool = False
    #: a name defined twice in a module means its last definition to other modules
    last_definition_wins: bool = False

    def normalise(self, spec: LanguageSpec, text: str) -> str:
        """A module path as written, in dotted form."""
        for sep in spec.separators:
            if sep != ".":
                text = text.replace(sep, ".")
        return text.strip(".")

    def binding(self, imp: Import) -> str:
        """The local name an import introduces."""
        return imp.binding

    def targets(self, snap: Snapshot, entry: FileEntry, imp: Import) -> list[str]:
        """The qualified names (of modules or symbols) an import's binding stands for."""
        spec = snap.spec(entry)
        module = self.normalise(spec, imp.module)
        if imp.wildcard:
            return [module]
        if imp.name:
            name = self.normalise(spec, imp.name)
            return [f"{module}.{name}" if module else name]
        return [module]

    def open_modules(self, snap: Snapshot, entry: FileEntry) -> list[str]:
        """Modules whose top-level names are visible here without qualification."""
        spec = snap.spec(entry)
        return [self.normalise(spec, imp.module) for imp in entry.facts.imports if imp.wildcard]

    #: the member of a type whose parameters a call of the type fills (empty: none known)
    constructor_name: str = ""

    def return_annotation(self, signature: str) -> str:
        """The return type a function's signature declares (empty: none, or not readable)."""
        return ""

    def parameter_types(self, signature: str) -> list[str]:
        """The type each positional parameter of a signature declares, in call order."""
        return []

    def callable_parameters(self, annotation: str) -> list[str] | None:
        """The parameter types of a function type (None: the annotation is no function type)."""
        return None

    def callable_returns(self, annotation: str) -> str | None:
        """What a function type returns (None: the annotation is no function type)."""
        return None

    def implicit_module(self, snap: Snapshot, entry: FileEntry, name: str) -> str | None:
        """A module a file sees by ``name`` without binding it (None: no such module)."""
        return None

    def star_visible(self, name: str) -> bool:
        """Whether a wildcard import of a module without an export list brings ``name``."""
        return True

    def path_root(self, snap: Snapshot, entry: FileEntry, name: str, offset: int) -> str | None:
        """The module an unresolved name starting a path at ``offset`` stands for.

        A keyword naming a module (Rust's ``crate``), or a module outside the workspace for the
        names every file sees from there (a prelude), so that their members are known to be
        outside too. None when the name is simply unknown.
        """
        return None


SEMANTICS = Semantics()
