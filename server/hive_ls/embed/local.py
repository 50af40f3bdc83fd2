"""``OnnxEmbedder``: the bundled MiniLM model (or ``embed.model_path``) run by onnxruntime."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from tokenizers import Encoding

from hive_ls.base.settings import EmbedSettings
from hive_ls.embed.api import EmbedError, ModelInfo, l2_normalise
from hive_ls.embed.hardware import CPU, CUDA, choose_providers, gpu_present
from hive_ls.embed.ids import BUNDLED_REMEDY, CUSTOM_REMEDY, bundled_model, model_id_for
from hive_ls.embed.integrity import check_model_file
from hive_ls.embed.tokenizer import load_tokenizer

if TYPE_CHECKING:
    from hive_ls.embed.api import Vectors

_FEEDS = ("input_ids", "attention_mask", "token_type_ids")


def _first_line(exc: BaseException, limit: int = 200) -> str:
    text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return text if len(text) <= limit else text[: limit - 3] + "..."


class OnnxEmbedder:
    """Mean-pooled, L2-normalised sentence vectors from a BERT-style ONNX model.

    Texts are truncated to 256 tokens, sorted by length and run ``embed.batch`` at a time,
    padded to the longest text of each batch. ``embed`` may be called from several threads.
    """

    info: ModelInfo

    def __init__(self, settings: EmbedSettings) -> None:
        if settings.model_path:
            path, expected, remedy = Path(settings.model_path).expanduser(), None, CUSTOM_REMEDY
        else:
            path, sha = bundled_model()
            expected, remedy = sha, BUNDLED_REMEDY
        check_model_file(path, expected, remedy)
        self._tokenizer = load_tokenizer()
        self._batch = max(1, settings.batch)
        self._session = self._open_session(path, settings, remedy)
        raw = self._session.get_inputs()
        names = {i.name for i in raw}
        if not {"input_ids", "attention_mask"} <= names or not names <= set(_FEEDS):
            raise EmbedError(
                f"embedding model {path} is not a BERT-style sentence model "
                f"(its inputs are {', '.join(sorted(names))}); {remedy}"
            )
        self._inputs = tuple(n for n in _FEEDS if n in names)
        self._output = self._session.get_outputs()[0].name
        try:
            probe = self._run(self._tokenizer.encode_batch(["hive-ls"]))
        except Exception as exc:
            raise EmbedError(
                f"embedding model {path} cannot run ({_first_line(exc)}); {remedy}"
            ) from exc
        if probe.ndim != 2 or probe.shape[1] == 0 or not np.isfinite(probe).all():
            raise EmbedError(f"embedding model {path} gives unusable output; {remedy}")
        ran = str(self._session.get_providers()[0])
        notice = self._notice
        if CUDA in self._asked and ran != CUDA and not notice:
            notice = "onnxruntime could not start CUDA; running on CPU"
        model_id = model_id_for(settings)
        assert model_id is not None
        self.info = ModelInfo(model_id, int(probe.shape[1]), ran, notice)

    def _open_session(self, path: Path, settings: EmbedSettings, remedy: str) -> Any:
        import onnxruntime as ort  # type: ignore[import-untyped, unused-ignore]

        available = list(ort.get_available_providers())
        has_gpu = CUDA in available and gpu_present()
        self._asked, self._notice = choose_providers(settings.provider, available, has_gpu)
        options = ort.SessionOptions()
        options.intra_op_num_threads = settings.thread_count()
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        try:
            return ort.InferenceSession(str(path), sess_options=options, providers=self._asked)
        except Exception as exc:
            if self._asked == [CPU]:
                raise EmbedError(
                    f"embedding model {path} cannot be loaded ({_first_line(exc)}); {remedy}"
                ) from exc
        self._asked, self._notice = [CPU], "onnxruntime could not start CUDA; running on CPU"
        try:
            return ort.InferenceSession(str(path), sess_options=options, providers=[CPU])
        except Exception as exc:
            raise EmbedError(
                f"embedding model {path} cannot be loaded ({_first_line(exc)}); {remedy}"
            ) from exc

    def _run(self, encodings: Sequence[Encoding]) -> np.ndarray[Any, np.dtype[np.float32]]:
        """Mean-pooled (not normalised) vectors of ``encodings``, in one model call."""
        width = max(len(e.ids) for e in encodings)
        shape = (len(encodings), width)
        arrays = {name: np.zeros(shape, dtype=np.int64) for name in _FEEDS}
        for row, enc in enumerate(encodings):
            size = len(enc.ids)
            arrays["input_ids"][row, :size] = enc.ids
            arrays["attention_mask"][row, :size] = enc.attention_mask
            arrays["token_type_ids"][row, :size] = enc.type_ids
        feeds = {name: arrays[name] for name in self._inputs}
        hidden = np.asarray(self._session.run([self._output], feeds)[0], dtype=np.float32)
        mask = arrays["attention_mask"].astype(np.float32)[:, :, None]
        summed = (hidden * mask).sum(axis=1)
        counts = np.maximum(mask.sum(axis=1), 1.0)
        return np.asarray(summed / counts, dtype=np.float32)

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Shape ``(len(texts), dim)``, float32, rows L2-normalised."""
        if isinstance(texts, str):
            raise TypeError("embed takes a sequence of texts, not one string")
        if not texts:
            return np.zeros((0, self.info.dim), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        out = np.empty((len(encodings), self.info.dim), dtype=np.float32)
        for start in range(0, len(order), self._batch):
            rows = order[start : start + self._batch]
            try:
                out[rows] = self._run([encodings[i] for i in rows])
            except Exception as exc:
                raise EmbedError(f"embedding failed ({_first_line(exc)})") from exc
        return l2_normalise(out)

    def close(self) -> None:
        """Drops the onnxruntime session."""
        self._session = None
