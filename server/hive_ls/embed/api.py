"""The embedding contract: the error, the model description and the ``Embedder`` protocol."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # numpy is imported where vectors are made: the server starts without it
    import numpy as np
    from numpy.typing import NDArray

    Vectors = NDArray[np.float32]


class EmbedError(Exception):
    """The embedding model cannot be used; the message says why, in one sentence."""


@dataclass(frozen=True)
class ModelInfo:
    """What turns text into vectors.

    Attributes:
        model_id: stable id for table names, lowercase ``[a-z0-9_]`` only
            (``minilm_l6_int8_8199be6f``, ``api_text_embedding_3_small``).
        dim: the length of every vector.
        provider: what really runs the model: ``CPUExecutionProvider``,
            ``CUDAExecutionProvider`` or ``endpoint <base URL>``.
        notice: a sentence for the user when the choice differs from the settings, else empty.
    """

    model_id: str
    dim: int
    provider: str
    notice: str = ""


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors, one row per text."""

    info: ModelInfo

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Shape ``(len(texts), info.dim)``, float32, every row of length 1 (or all zeros)."""
        ...

    def close(self) -> None:
        """Releases the model; the embedder is not used afterwards."""
        ...


def l2_normalise(vectors: NDArray[np.floating]) -> Vectors:
    """``vectors`` as float32 with each row scaled to length 1 (all-zero rows stay zero)."""
    import numpy as np

    out = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.ascontiguousarray(out / np.maximum(norms, np.float32(1e-12)), dtype=np.float32)
