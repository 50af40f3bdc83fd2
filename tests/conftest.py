"""Test-wide environment: index stores in a temporary folder, no embedding model unless asked.

Every server and command the tests start inherits this: nothing is written to the user's
cache, and only the tests about embeddings load the model (they set HIVE_LS_EMBED_MODEL).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

_INDEX = tempfile.mkdtemp(prefix="hive-ls-test-index-")
os.environ["HIVE_LS_INDEX_DIR"] = _INDEX
os.environ["HIVE_LS_EMBED_MODEL"] = "none"
atexit.register(shutil.rmtree, _INDEX, ignore_errors=True)
