"""Embeddings: text chunks in, L2-normalised float32 vectors out (local ONNX model or an API)."""

from hive_ls.embed.api import Embedder, EmbedError, ModelInfo
from hive_ls.embed.factory import open_embedder
from hive_ls.embed.ids import model_id_for
from hive_ls.embed.service import EmbedService

__all__ = ["EmbedError", "EmbedService", "Embedder", "ModelInfo", "model_id_for", "open_embedder"]
