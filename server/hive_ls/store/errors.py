"""The one exception the store raises when it cannot be used."""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot be used; the message says why in one sentence."""
