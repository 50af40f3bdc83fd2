"""User settings that shape indexing, validated from any mapping (TOML, JSON, LSP options)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from hive_ls.base.redact import has_userinfo

DEFAULT_EXCLUDES = (
    ".git/",
    ".hg/",
    ".svn/",
    "node_modules/",
    "__pycache__/",
    ".venv/",
    ".tox/",
    ".nox/",
    ".mypy_cache/",
    ".pytest_cache/",
    ".ruff_cache/",
    ".hive/",
)


@dataclass(frozen=True)
class IndexSettings:
    """How the workspace is walked and indexed.

    Attributes:
        max_file_bytes: files larger than this are skipped (with a logged reason).
        exclude: extra gitignore-style patterns, on top of ``.gitignore`` and ``.hiveignore``.
        gitignore: honour ``.gitignore`` files (``.hiveignore`` is always honoured).
        workers: processes for the initial index; 0 picks one per CPU (at most 4).
        follow_symlinks: follow symlinks (folders and files) that lead outside the workspace;
            a user-only setting (``base.trust``), never ``/`` or a folder holding the root.
    """

    max_file_bytes: int = 2_000_000
    exclude: tuple[str, ...] = ()
    gitignore: bool = True
    workers: int = 0
    follow_symlinks: bool = False

    def worker_count(self) -> int:
        """The number of indexing processes to start."""
        if self.workers > 0:
            return self.workers
        return max(1, min(os.cpu_count() or 1, 4))


@dataclass(frozen=True)
class StoreSettings:
    """Where and whether the index is persisted (LanceDB).

    Attributes:
        enabled: persist nodes, edges and embeddings so that a restart is a warm start.
        path: the index folder; empty means ``$HIVE_LS_INDEX_DIR`` or the user's cache folder,
            keyed by the workspace path.
    """

    enabled: bool = True
    path: str = ""


@dataclass(frozen=True)
class EmbedSettings:
    """Which embedding model turns code into vectors, and how hard it may work.

    Attributes:
        model: ``minilm`` (the bundled ONNX model), ``none`` (no embeddings: search is
            full-text and graph only), or the model name to ask ``endpoint`` for.
        endpoint: base URL of an OpenAI-compatible API (``http://host:port/v1``); empty for
            the local model.
        api_key_env: the name of the environment variable that holds the endpoint's key
            (never the key itself).
        threads: CPU threads for the local model; 0 picks 1 on machines with 4 cores or
            fewer, 2 otherwise.
        batch: chunks per model call.
        provider: ``auto`` (CUDA when onnxruntime really has it, else CPU), ``cpu`` or ``cuda``.
        model_path: an ONNX file to use instead of the bundled one (same tokenizer).
    """

    model: str = "minilm"
    endpoint: str = ""
    api_key_env: str = ""
    threads: int = 0
    batch: int = 8
    provider: str = "auto"
    model_path: str = ""

    def thread_count(self) -> int:
        """The number of threads the local model runs on."""
        if self.threads > 0:
            return self.threads
        return 1 if (os.cpu_count() or 1) <= 4 else 2


@dataclass(frozen=True)
class Settings:
    """All settings; each section is filled from the ``[section]`` of the same name."""

    index: IndexSettings = IndexSettings()
    store: StoreSettings = StoreSettings()
    embed: EmbedSettings = EmbedSettings()


_TYPES: dict[str, type] = {"int": int, "bool": bool, "str": str}


def _coerce(section: str, name: str, annotation: str, value: Any) -> Any:
    where = f"{section}.{name}"
    if annotation == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"{where} must be true or false, not {value!r}")
        return value
    if annotation == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{where} must be a non-negative integer, not {value!r}")
        return value
    if annotation == "str":
        if not isinstance(value, str):
            raise ValueError(f"{where} must be a string, not {value!r}")
        return value
    if annotation.startswith("tuple[str"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{where} must be a list of strings, not {value!r}")
        return tuple(value)
    raise ValueError(f"{where} has an unsupported type")  # pragma: no cover


def _endpoint(value: str) -> str:
    """An embeddings endpoint: empty, or an http(s) URL without credentials in it."""
    if not value:
        return value
    if not value.startswith(("http://", "https://")):
        raise ValueError("embed.endpoint must be an http:// or https:// URL")
    if has_userinfo(value):  # never echoed: it holds a password
        raise ValueError(
            "embed.endpoint must not hold user:password (put the key in the variable "
            "embed.api_key_env names)"
        )
    return value


_CHECKS = {("embed", "endpoint"): _endpoint}


def merge_settings(base: Settings, data: Any, source: str) -> tuple[Settings, list[str]]:
    """``base`` with the values of ``data`` applied; invalid values are reported and ignored.

    Returns the new settings and one message per problem, naming ``source``.
    """
    if not data:
        return base, []
    if not isinstance(data, Mapping):
        return base, [f"{source}: settings must be a table/object, not {type(data).__name__}"]
    problems: list[str] = []
    result = base
    for section_field in fields(Settings):
        section_data = data.get(section_field.name)
        if section_data is None:
            continue
        if not isinstance(section_data, Mapping):
            problems.append(f"{source}: [{section_field.name}] must be a table")
            continue
        section = getattr(result, section_field.name)
        known = {f.name: str(f.type) for f in fields(section)}
        updates: dict[str, Any] = {}
        for key, value in section_data.items():
            if key not in known:
                problems.append(f"{source}: unknown setting {section_field.name}.{key}")
                continue
            try:
                checked = _coerce(section_field.name, key, known[key], value)
                extra = _CHECKS.get((section_field.name, key))
                updates[key] = extra(checked) if extra is not None else checked
            except ValueError as exc:
                problems.append(f"{source}: {exc}")
        result = replace(result, **{section_field.name: replace(section, **updates)})
    return result, problems


def environment_overrides(settings: Settings, environ: Mapping[str, str]) -> Settings:
    """``settings`` with what the environment says: ``HIVE_LS_EMBED_MODEL`` names the model."""
    model = environ.get("HIVE_LS_EMBED_MODEL", "").strip()
    if model:
        settings = replace(settings, embed=replace(settings.embed, model=model))
    return settings
