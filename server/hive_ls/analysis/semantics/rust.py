"""Rust: `use` paths start at the crate, `self`, `super` or a module in scope; `mod x;` is x.rs."""

from __future__ import annotations

from hive_ls.analysis.entry import FileEntry
from hive_ls.analysis.semantics.base import Semantics
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.facts import Import, SymbolKind

# crates that are never this workspace, whatever its modules are called
_EXTERNAL = frozenset({"std", "core", "alloc", "proc_macro", "test"})
# what every module sees without a `use`: the std prelude's types and traits, and the primitive
# types (`Vec::new()`, `String::from(..)`, `u32::MAX`, `Default::default()`)
_PRELUDE = frozenset(
    {
        *("Box", "String", "Vec", "Option", "Result", "Some", "None", "Ok", "Err"),
        *("Clone", "Copy", "Default", "Drop", "Eq", "PartialEq", "Ord", "PartialOrd"),
        *("AsRef", "AsMut", "From", "Into", "TryFrom", "TryInto", "FromIterator"),
        *("Iterator", "IntoIterator", "Extend", "ToString", "ToOwned", "Fn", "FnMut", "FnOnce"),
        *("bool", "char", "str", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize"),
        *("u8", "u16", "u32", "u64", "u128", "usize"),
    }
)


def _split(path: str) -> list[str]:
    return [p for p in path.replace("::", ".").split(".") if p]


def _join(parts: list[str]) -> str:
    return ".".join(parts)


def _is_rust_module(snap: Snapshot, module: str) -> bool:
    """True when some Rust file of the workspace is the module ``module`` (the crate root is "")."""
    for path in snap.module_files(module):
        entry = snap.entry(path)
        if entry is not None and entry.facts.language == "rust":
            return True
    return False


def module_at(entry: FileEntry, offset: int) -> list[str]:
    """The module around ``offset``: the file's, then the inline `mod x { ... }` it is in."""
    parts = _split(entry.facts.module)
    inline = [
        sym
        for sym in entry.facts.symbols
        if sym.kind is SymbolKind.MODULE and sym.span.start <= offset < sym.span.end
    ]
    if inline:
        innermost = max(inline, key=lambda sym: sym.span.start)
        parts = _split(innermost.qname)
    return parts


def _root_binds(snap: Snapshot, name: str) -> bool:
    """True when the crate root defines ``name`` or imports it (`pub use`, `mod name;`)."""
    if _is_rust_module(snap, name) or snap.symbols_in_module("", name):
        return True
    return any(RustSemantics.bound(imp) == name for _, imp in _root_imports(snap))


def _root_imports(snap: Snapshot) -> list[tuple[FileEntry, Import]]:
    found: list[tuple[FileEntry, Import]] = []
    for path in snap.module_files(""):
        entry = snap.entry(path)
        if entry is not None and entry.facts.language == "rust":
            found.extend((entry, imp) for imp in entry.facts.imports if not imp.wildcard)
    return found


def absolute(snap: Snapshot, entry: FileEntry, path: list[str], offset: int) -> list[str] | None:
    """A path as written in a `use` or `mod` at ``offset``, as parts of an absolute path.

    ``crate`` is the crate root; ``self`` and ``super`` count from the module around
    ``offset``; a path starting with a name is relative to that module when it declares the name
    (`mod x;` or an item), else it names another crate: None (unless the rest of it is bound at
    the crate root of this workspace: the crate naming itself, as binaries and tests do).
    """
    here = module_at(entry, offset)
    if not path:
        return None
    head = path[0]
    if head == "crate":
        return path[1:]
    if head in ("self", "super"):
        base = list(here)
        rest = list(path)
        if rest[0] == "self":
            rest = rest[1:]
        while rest and rest[0] == "super":
            if not base:
                return None
            base.pop()
            rest = rest[1:]
        return base + rest
    if _is_rust_module(snap, _join([*here, head])) or snap.symbols_in_module(
        entry.facts.module, _join([*here, head])
    ):
        return here + path
    if len(path) > 1 and head not in _EXTERNAL and _root_binds(snap, path[1]):
        return path[1:]
    return None


def _through_root(snap: Snapshot, parts: list[str], depth: int = 0) -> list[str]:
    """``parts``, where a name the crate root only re-exports is replaced by its source.

    `pub use cart::Cart;` in lib.rs makes `crate::Cart` mean `cart::Cart`; the resolver
    follows the re-exports of other modules itself, but cannot name the root module ("").
    """
    if not parts or depth > 4 or _is_rust_module(snap, parts[0]):
        return parts
    if snap.symbols_in_module("", parts[0]):
        return parts
    for root, imp in _root_imports(snap):
        if RustSemantics.bound(imp) == parts[0]:
            source = absolute(snap, root, RustSemantics.path(imp), imp.span.start)
            if source and source != parts[:1]:
                return _through_root(snap, source + parts[1:], depth + 1)
    return parts


class RustSemantics(Semantics):
    """Rust's import rules: one import per bound name, paths made absolute from the crate root."""

    @staticmethod
    def bound(imp: Import) -> str:
        """The name an import binds (shared by ``binding`` and the crate-root lookups)."""
        if imp.wildcard or imp.alias == "_":
            return ""
        if imp.alias:
            return imp.alias
        parts = [p for p in _split(imp.name) if p != "self"] or _split(imp.module)
        return parts[-1] if parts else ""

    @staticmethod
    def path(imp: Import) -> list[str]:
        """The whole path an import names, without a trailing `self` (`a::b::{self}` is a::b)."""
        parts = _split(imp.module)
        name = _split(imp.name)
        if name and name[-1] == "self":
            name = name[:-1]
        return parts + name

    def binding(self, imp: Import) -> str:
        """The alias, else the path's last element (`use a::b::{self}` binds `b`).

        `use fmt::Write as _` binds nothing (it brings a trait's methods into scope).
        """
        return self.bound(imp)

    def targets(self, snap: Snapshot, entry: FileEntry, imp: Import) -> list[str]:
        """The qualified name a `use`, `extern crate` or `mod` binds; nothing for other crates."""
        found = absolute(snap, entry, self.path(imp), imp.span.start)
        return [_join(_through_root(snap, found))] if found else []

    def open_modules(self, snap: Snapshot, entry: FileEntry) -> list[str]:
        """`use path::*` makes the module's (or enum's) names visible."""
        modules = []
        for imp in entry.facts.imports:
            if imp.wildcard:
                found = absolute(snap, entry, self.path(imp), imp.span.start)
                if found is not None:
                    modules.append(_join(_through_root(snap, found)))
        return modules

    def path_root(self, snap: Snapshot, entry: FileEntry, name: str, offset: int) -> str | None:
        """`crate::` is the crate root, `super::` the module above the one at ``offset``.

        Prelude names (`Vec::new()`) stand for `std`: outside the workspace. (`self::` is left
        out: a receiver chain does not tell it from the value `self.`.)
        """
        if name == "crate":
            return ""
        if name == "super":
            here = module_at(entry, offset)
            return _join(here[:-1]) if here else None
        if name in _PRELUDE:
            return "std"
        return None


SEMANTICS = RustSemantics()
