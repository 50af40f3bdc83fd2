"""JavaScript and TypeScript: imports name files by relative path, exports bind a module's names."""

from __future__ import annotations

import os.path

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.semantics.base import Semantics
from hive_ls.analysis.semantics.tsconfig import mapped_bases
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import Import
from hive_ls.extract.annotations import declared_parameters, enclosed, without_nothing

#: what an import without an extension may name, in the order TypeScript and bundlers try
EXTENSIONS = (".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")
#: TypeScript ESM code imports the file it compiles to: './x.js' means x.ts
_COMPILED = {
    ".js": (".ts", ".tsx", ".d.ts"),
    ".jsx": (".tsx",),
    ".mjs": (".mts", ".d.mts"),
    ".cjs": (".cts", ".d.cts"),
}
#: what `module.exports = X` and TypeScript's `export = X` are recorded as binding: the default
_DEFAULT_ALIASES = frozenset({"default", "exports", "export"})
_MAX_HOPS = 8


def _candidates(base: str) -> list[str]:
    stem, ext = os.path.splitext(base)
    found = [base] if ext else []
    found.extend(stem + other for other in _COMPILED.get(ext, ()))
    found.extend(base + other for other in EXTENSIONS)
    found.extend(os.path.join(base, "index" + other) for other in EXTENSIONS)
    return found


def _exports(entry: FileEntry, imp: Import) -> bool:
    """Whether an import statement also exports what it binds (``export { a } from``).

    A plain ``import { a }`` does not: only the module's own exports (recorded with an empty
    module) and ``export ... from`` statements make a name something importers find here.
    """
    return not imp.module or entry.data.startswith(b"export", imp.span.start)


def _is_default(imp: Import) -> bool:
    return not imp.module and imp.alias in _DEFAULT_ALIASES


class JavaScriptSemantics(Semantics):
    """ES module and CommonJS import rules, shared by JavaScript, TypeScript and TSX.

    An import's module is a path relative to the importing file (``./util``, ``../lib/x.js``,
    ``./dir`` for ``./dir/index.ts``) and becomes the module name of the file it reaches; bare
    package names (``react``) come from outside the workspace and bind nothing known. An import
    with an empty module binds a name of the importing module itself (``export default X``).
    """

    constructor_name = "constructor"

    def file_module(self, snap: Snapshot, entry: FileEntry, specifier: str) -> str | None:
        """The module name of the workspace file ``specifier`` reaches from ``entry``, if any."""
        if specifier.startswith(("./", "../", "/")) or specifier in (".", ".."):
            bases = [os.path.normpath(os.path.join(os.path.dirname(entry.path), specifier))]
        else:  # a package, or a path tsconfig's baseUrl / paths map into the workspace
            bases = mapped_bases(entry.path, specifier, snap.roots)
        for base in bases:
            for path in _candidates(base):
                found = snap.files.get(path)
                if found is not None:
                    return found.facts.module
        return None

    def return_annotation(self, signature: str) -> str:
        """The type after the parameters' closing parenthesis: ``f(a: A): T`` -> ``T``."""
        depth = 0
        for at, char in enumerate(signature):
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    rest = signature[at + 1 :].strip()
                    if rest.startswith(":"):
                        declared = rest[1:].split("{", 1)[0].split("=>", 1)[0]
                        return declared.strip().rstrip(";").strip()  # an overload ends in `;`
                    return ""
        return ""

    def parameter_types(self, signature: str) -> list[str]:
        """The parameters in the first parentheses past the name and its type parameters."""
        depth = 0
        for at, char in enumerate(signature):
            if char == "<":
                depth += 1
            elif char == ">" and signature[at - 1 : at] != "=":
                depth -= 1
            elif char == "(" and depth == 0:
                inner, end = enclosed(signature, at)
                return declared_parameters(inner) if end > 0 else []
        return []

    def callable_parameters(self, annotation: str) -> list[str] | None:
        """``(a: A, b: B) => R`` (nullable, or with type parameters) gives ``["A", "B"]``."""
        found = _function_type(annotation)
        return declared_parameters(found[0]) if found is not None else None

    def callable_returns(self, annotation: str) -> str | None:
        """``(a: A) => R`` (nullable, or with type parameters) gives ``R``."""
        found = _function_type(annotation)
        return found[1] if found is not None else None

    def binding(self, imp: Import) -> str:
        """The local name; `module.exports = X` and `export = X` bind the default export."""
        if _is_default(imp):
            return "default"
        if not imp.name and not imp.alias:
            return ""  # import './polyfill' binds nothing
        return imp.binding

    def targets(self, snap: Snapshot, entry: FileEntry, imp: Import) -> list[str]:
        """The qualified names an import's binding stands for."""
        if not imp.module:
            return [f"{entry.facts.module}.{imp.name}"] if imp.name else []
        module = self.file_module(snap, entry, imp.module)
        if module is None:
            return []
        if imp.wildcard or imp.name == "*" or (not imp.name and not imp.alias):
            return [module]
        if not imp.name:  # a default import, or require(): the default export, else the module
            return [self._provider(snap, module, "default", 0) or module]
        return [self._provider(snap, module, imp.name, 0) or f"{module}.{imp.name}"]

    def open_modules(self, snap: Snapshot, entry: FileEntry) -> list[str]:
        """None: `export * from` re-exports names without bringing them into scope."""
        return []

    def _provider(self, snap: Snapshot, module: str, name: str, hops: int) -> str | None:
        """The qualified name of ``module``'s export ``name``, None when it has none.

        Follows `export * from` chains, which re-export every name but `default`.
        """
        if hops > _MAX_HOPS:
            return None
        qname = f"{module}.{name}"
        entries = [e for e in map(snap.entry, snap.module_files(module)) if e is not None]
        for entry in entries:
            if qname in entry.facts.by_qname or any(
                not imp.wildcard and self.binding(imp) == name and _exports(entry, imp)
                for imp in entry.facts.imports
            ):
                return qname
        if name == "default":
            return None
        for entry in entries:
            for imp in entry.facts.imports:
                origin = self.file_module(snap, entry, imp.module) if imp.wildcard else None
                found = self._provider(snap, origin, name, hops + 1) if origin else None
                if found:
                    return found
        return None


SEMANTICS = JavaScriptSemantics()


def _function_type(annotation: str) -> tuple[str, str] | None:
    """A function type's parameter list and return type (None: it is no function type)."""
    text = without_nothing(annotation)
    if text.startswith("<"):  # type parameters
        _, end = enclosed(text, 0)
        text = text[end:].lstrip() if end > 0 else ""
    if not text.startswith("("):
        return None
    inner, end = enclosed(text, 0)
    rest = text[end:].lstrip() if end > 0 else ""
    return (inner, rest[2:].strip()) if rest.startswith("=>") else None
