"""Where a workspace's index lives when the user did not configure a directory."""

from __future__ import annotations

import os
import re

from blake3 import blake3

INDEX_DIR_ENV = "HIVE_LS_INDEX_DIR"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def default_index_dir(root: str, base: str = "") -> str:
    """``$HIVE_LS_INDEX_DIR/<slug>`` or ``$XDG_CACHE_HOME`` (else ``~/.cache``) ``/hive-ls/<slug>``.

    With ``base`` (a configured folder holding one index per workspace) it is ``base/<slug>``.

    The slug is the sanitised basename of ``root`` plus ``-`` and the first 16 hex digits of the
    blake3 hash of ``realpath(root)``, so two checkouts with the same name never share an index.
    """
    real = os.path.realpath(root)
    name = _UNSAFE.sub("_", os.path.basename(real.rstrip(os.sep))).strip("._") or "root"
    slug = f"{name[:48]}-{blake3(real.encode('utf-8', 'surrogateescape')).hexdigest()[:16]}"
    explicit = base or os.environ.get(INDEX_DIR_ENV)
    if explicit:
        return os.path.join(os.path.expanduser(explicit), slug)
    cache = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(cache):  # the XDG spec says to ignore a relative value
        cache = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "hive-ls", slug)
