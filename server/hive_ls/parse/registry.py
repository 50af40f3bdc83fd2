"""Finds the languages under ``grammars/`` and maps file names and language ids to them."""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from hive_ls.base.language import LanguageSpec, MemberAccess

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

log = logging.getLogger(__name__)


def grammars_dir() -> Path:
    """The folder with one sub-folder per language: inside the wheel, or at the repository top."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "grammars", package.parent.parent / "grammars"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"hive-ls grammars folder not found next to {package}; the installation is incomplete"
    )


def _strings(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key!r} must be a list of strings")
    return tuple(value)


_KEYS = frozenset(
    {
        "name",
        "grammar",
        "extensions",
        "filenames",
        "language_ids",
        "comment_prefix",
        "module_style",
        "identifier_nodes",
        "scope_nodes",
        "body_fields",
        "member_access",
        "self_names",
        "base_names",
        "stub_extensions",
        "implicit_members",
        "hoisted_locals",
        "overrides_share_references",
        "aliases_share_references",
        "doc_links",
        "separators",
        "semantics",
        "constructor_nodes",
        "opening_tag",
        "prefix_nodes",
        "key_fields",
        "family",
        "split_nodes",
        "test_files",
        "test_symbols",
        "risky",
        "call_nodes",
        "literal_types",
        "builtins",
        "containers",
        "loop_nodes",
        "index_access",
        "recovery",
    }
)
RISKY_KINDS = ("network", "process", "files")
_ACCESS_KEYS = frozenset({"node", "object", "name"})


def load_spec(directory: Path) -> LanguageSpec:
    """Read ``directory/language.toml``; raises ValueError with the file name when it is wrong."""
    path = directory / "language.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        unknown = set(data) - _KEYS
        if unknown:
            raise ValueError(f"unknown keys {sorted(unknown)}")
        for entry in data.get("member_access", []):
            if set(entry) != _ACCESS_KEYS:
                raise ValueError(
                    f"[[member_access]] needs exactly node, object and name, not {sorted(entry)}"
                    " (keys written after a [[table]] header belong to that table)"
                )
        access = tuple(
            MemberAccess(node=str(m["node"]), object=str(m["object"]), name=str(m["name"]))
            for m in data.get("member_access", [])
        )
        return LanguageSpec(
            name=str(data.get("name", directory.name)),
            grammar=str(data.get("grammar", directory.name)),
            directory=directory,
            extensions=tuple(e.lstrip(".") for e in _strings(data, "extensions")),
            filenames=_strings(data, "filenames"),
            language_ids=_strings(data, "language_ids") or (directory.name,),
            comment_prefix=str(data.get("comment_prefix", "//")),
            module_style=str(data.get("module_style", "path")),
            identifier_nodes=frozenset(_strings(data, "identifier_nodes")),
            scope_nodes=frozenset(_strings(data, "scope_nodes")),
            body_fields=_strings(data, "body_fields") or ("body",),
            member_access=access,
            self_names=frozenset(_strings(data, "self_names")),
            base_names=frozenset(_strings(data, "base_names")),
            stub_suffixes=tuple("." + e for e in _strings(data, "stub_extensions")),
            implicit_members=bool(data.get("implicit_members", False)),
            hoisted_locals=bool(data.get("hoisted_locals", False)),
            overrides_share_references=bool(data.get("overrides_share_references", False)),
            aliases_share_references=bool(data.get("aliases_share_references", False)),
            doc_links=_strings(data, "doc_links"),
            separators=_strings(data, "separators") or (".",),
            semantics=str(data.get("semantics", "base")),
            constructor_nodes=frozenset(_strings(data, "constructor_nodes")),
            opening_tag=str(data.get("opening_tag", "")),
            prefix_nodes=frozenset(_strings(data, "prefix_nodes")),
            split_nodes=frozenset(_strings(data, "split_nodes")),
            test_files=_strings(data, "test_files"),
            test_symbols=_strings(data, "test_symbols"),
            risky=_risky(data.get("risky", {})),
            call_nodes=frozenset(_strings(data, "call_nodes")),
            literal_types=_literals(data.get("literal_types", {})),
            builtins=frozenset(_strings(data, "builtins")),
            containers=_containers(data.get("containers", {})),
            loop_nodes=frozenset(_strings(data, "loop_nodes")),
            index_access=tuple(
                (k.split(".", 1)[0], k.split(".", 1)[1])
                for k in _strings(data, "index_access")
                if "." in k
            ),
            recovery=str(data.get("recovery", "")),
            family=str(data.get("family", data.get("name", directory.name))),
            key_fields=tuple(
                (k.split(".", 1)[0], k.split(".", 1)[1] if "." in k else "")
                for k in _strings(data, "key_fields")
            ),
        )
    except (OSError, KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: {exc}") from exc


def _literals(table: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise ValueError("[literal_types] must map node types to type names")
    return tuple((str(k), v) for k, v in table.items())


def _containers(table: Any) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    """``[containers.X]`` tables: item keys -> type argument; ``like = "Y"`` starts from Y's."""
    if not isinstance(table, dict):
        raise ValueError("[containers] must be a table of tables")
    found: dict[str, dict[str, int]] = {}
    for name, items in table.items():
        if not isinstance(items, dict):
            raise ValueError(f"[containers.{name}] must be a table")
        like = items.get("like", "")
        if like and like not in found:
            raise ValueError(f"[containers.{name}]: like = {like!r} must name a table above")
        merged = dict(found.get(like, {}))
        for key, place in items.items():
            if key == "like":
                continue
            if not isinstance(place, int) or isinstance(place, bool) or place < -1:
                raise ValueError(f"[containers.{name}] {key} must be a type argument (-1, 0 ...)")
            merged[str(key)] = place
        found[str(name)] = merged
    return tuple((name, tuple(items.items())) for name, items in found.items())


def _risky(table: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(table, dict) or not set(table) <= set(RISKY_KINDS):
        raise ValueError(f"[risky] must be a table with keys among {', '.join(RISKY_KINDS)}")
    return tuple((kind, _strings(table, kind)) for kind in RISKY_KINDS if kind in table)


class Registry:
    """All languages found, indexed by name, extension, file name and LSP language id."""

    def __init__(self, specs: list[LanguageSpec]) -> None:
        self.languages: dict[str, LanguageSpec] = {s.name: s for s in specs}
        self.families: dict[str, str] = {s.name: s.family or s.name for s in specs}
        self._by_ext: dict[str, LanguageSpec] = {}
        self._by_filename: dict[str, LanguageSpec] = {}
        self._by_id: dict[str, LanguageSpec] = {}
        for spec in specs:
            for ext in spec.extensions:
                self._by_ext.setdefault(ext.lower(), spec)
            for name in spec.filenames:
                self._by_filename.setdefault(name, spec)
            for lang_id in spec.language_ids:
                self._by_id.setdefault(lang_id, spec)

    def for_path(self, path: str) -> LanguageSpec | None:
        """The language of a file, from its name or its extension; None when unknown."""
        name = path.rsplit("/", 1)[-1]
        spec = self._by_filename.get(name)
        if spec is not None:
            return spec
        _, dot, ext = name.rpartition(".")
        return self._by_ext.get(ext.lower()) if dot else None

    def for_language_id(self, language_id: str) -> LanguageSpec | None:
        """The language an editor means by ``languageId``; None when unknown."""
        return self._by_id.get(language_id) or self.languages.get(language_id)

    def resolve(self, path: str, language_id: str | None = None) -> LanguageSpec | None:
        """The language of a document: the editor's language id first, then the file name."""
        if language_id:
            spec = self.for_language_id(language_id)
            if spec is not None:
                return spec
        return self.for_path(path)


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The registry of every language shipped in ``grammars/`` (loaded once per process)."""
    specs = []
    for directory in sorted(grammars_dir().iterdir()):
        if (directory / "language.toml").is_file():
            try:
                specs.append(load_spec(directory))
            except ValueError as exc:
                log.error("skipping language: %s", exc)
    return Registry(specs)
