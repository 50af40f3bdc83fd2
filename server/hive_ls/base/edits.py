"""A text edit in bytes: the form every document change takes once it is past the LSP boundary."""

from __future__ import annotations

from typing import NamedTuple


class ByteEdit(NamedTuple):
    """Replace bytes ``[start, end)`` of the current text with ``text``."""

    start: int
    end: int
    text: bytes


def apply_edit(data: bytes, edit: ByteEdit) -> bytes:
    """The bytes after ``edit``; offsets must already be valid for ``data``."""
    return data[: edit.start] + edit.text + data[edit.end :]
