"""The vendored MiniLM tokenizer (``data/minilm``), checked against its known sha256."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tokenizers import Tokenizer

from hive_ls.embed.api import EmbedError

TOKENIZER_PATH = Path(__file__).parent / "data" / "minilm" / "tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 256


def load_tokenizer(
    path: Path = TOKENIZER_PATH, expected_sha256: str = TOKENIZER_SHA256
) -> Tokenizer:
    """The tokenizer at ``path``, truncating to ``MAX_TOKENS`` and not padding.

    Raises ``EmbedError`` when the file is missing, altered or unreadable.
    """
    remedy = 'reinstall hive-ls or set embed.model = "none"'
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EmbedError(
            f"embedding tokenizer {path} cannot be read ({exc.strerror or exc}); {remedy}"
        ) from exc
    if hashlib.sha256(data).hexdigest() != expected_sha256:
        raise EmbedError(f"embedding tokenizer {path} is corrupt (sha256 mismatch); {remedy}")
    try:
        tokenizer = Tokenizer.from_str(data.decode("utf-8"))
    except Exception as exc:  # the hash matched, so this is a tokenizers incompatibility
        raise EmbedError(f"embedding tokenizer {path} cannot be loaded ({exc}); {remedy}") from exc
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()
    return tokenizer
