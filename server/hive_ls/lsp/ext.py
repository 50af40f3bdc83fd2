"""hive-ls's own protocol extensions: every custom method and command name, in one place.

The VS Code client mirrors these names (``editors/vscode/src/ext.ts``).
"""

from __future__ import annotations

#: request -> {"files", "symbols", "languages", "indexing": {"done", "total", "complete"}}
STATUS = "hive/status"

#: the section of workspace settings hive-ls reads (``{"hive-ls": {"index": {...}}}``)
SETTINGS_SECTION = "hive-ls"
