"""``open_embedder``: the embedder the settings ask for, opened in this process."""

from __future__ import annotations

from hive_ls.base.settings import EmbedSettings
from hive_ls.embed.api import Embedder, EmbedError
from hive_ls.embed.ids import BUNDLED, OFF


def open_embedder(settings: EmbedSettings) -> Embedder:
    """The bundled/local ONNX model (``embed.model = "minilm"``) or an endpoint's model.

    Raises ``EmbedError`` (one sentence) when it cannot be used, including when embeddings
    are off.
    """
    if settings.model == OFF:
        raise EmbedError('embeddings are off (embed.model = "none")')
    if settings.model == BUNDLED:
        from hive_ls.embed.local import OnnxEmbedder

        return OnnxEmbedder(settings)
    from hive_ls.embed.endpoint import EndpointEmbedder

    return EndpointEmbedder(settings)
