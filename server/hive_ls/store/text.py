"""The derived full-text column: identifiers split so ``retry upload`` finds ``retryUpload``.

LanceDB's tokenizer already splits ``retry_upload`` at the underscore; camelCase and PascalCase
boundaries are split here, the same way for stored text and for queries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

# Two passes, written for RE2 (pyarrow) and Python alike: no look-around, only groups.
_CAMEL = r"([a-z0-9])([A-Z])"  # retryUpload -> retry Upload
_ACRONYM = r"([A-Z])([A-Z][a-z])"  # HTTPServer -> HTTP Server
_CAMEL_RE = re.compile(_CAMEL)
_ACRONYM_RE = re.compile(_ACRONYM)
_WORD_RE = re.compile(r"\w", re.UNICODE)


def split_identifiers(text: str) -> str:
    """``text`` split at camelCase boundaries (``parseHTTPHeader``: ``parse HTTP Header``)."""
    return _ACRONYM_RE.sub(r"\1 \2", _CAMEL_RE.sub(r"\1 \2", text))


def query_terms(query: str) -> str:
    """The text to match for a user query: the query as typed plus its split identifiers.

    Empty when the query has no word characters at all (nothing could match).
    """
    if not _WORD_RE.search(query):
        return ""
    split = split_identifiers(query)
    return query if split == query else f"{query} {split}"


def search_column(
    names: Sequence[str],
    qnames: Sequence[str],
    signatures: Sequence[str],
    docs: Sequence[str],
    texts: Sequence[str],
) -> Any:
    """The derived full-text column as a pyarrow array, one value per node.

    The value is the name as written (so ``retryupload`` still matches) followed by the name
    (twice, a cheap boost), qualified name, signature, docstring and text with identifiers split.
    """
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.compute as pc  # type: ignore[import-untyped]

    name_array = pa.array(names, pa.string())
    joined = pc.binary_join_element_wise(
        name_array,
        name_array,
        pa.array(qnames, pa.string()),
        pa.array(signatures, pa.string()),
        pa.array(docs, pa.string()),
        pa.array(texts, pa.string()),
        "\n",
    )
    split = pc.replace_substring_regex(joined, _CAMEL, r"\1 \2")
    split = pc.replace_substring_regex(split, _ACRONYM, r"\1 \2")
    return pc.binary_join_element_wise(name_array, split, "\n")
