"""Test-wide environment: index stores in a temporary folder, no embedding model unless asked.

Every server and command the tests start inherits this: nothing is written to the user's
cache, the user's own config file is never read (tests that need one write their own), and
only the tests about embeddings load the model (they set HIVE_LS_EMBED_MODEL).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

_INDEX = tempfile.mkdtemp(prefix="hive-ls-test-index-")
os.environ["HIVE_LS_INDEX_DIR"] = _INDEX
os.environ["HIVE_LS_EMBED_MODEL"] = "none"
os.environ["HIVE_LS_CONFIG"] = os.path.join(_INDEX, "no-user-config.toml")
atexit.register(shutil.rmtree, _INDEX, ignore_errors=True)
