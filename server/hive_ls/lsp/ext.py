"""hive-ls's own protocol extensions: every custom method and command name, in one place.

The VS Code client mirrors these names (``editors/vscode/src/ext.ts``). Requests answered
today: ``hive/status``, ``hive/impact``, ``hive/testsFor`` and ``hive/search`` (and the
matching commands). ``hive/context`` is reserved for the AI pipeline; a client must not
rely on a name before the server lists it in ``experimental.hive`` of its initialize result.
"""

from __future__ import annotations

#: request -> {"files", "symbols", "languages", "roots", "indexing": {"done", "total", "complete"}}
STATUS = "hive/status"
#: request {textDocument, position, depth?, direction?} -> dependents with distance and tests
IMPACT = "hive/impact"
#: request {textDocument, position} | {files} | {gitDiff} -> the tests that reach the change
TESTS_FOR = "hive/testsFor"
#: request {query, k?, mode?, language?, kind?, path?} -> {results: ranked code, embedded,
#: pending, notes} (vector + full text + graph; modes vector, text, hybrid, graph)
SEARCH = "hive/search"
#: request {textDocument, position, budget?} -> a token-budgeted context for AI work
CONTEXT = "hive/context"

#: workspace/executeCommand names, for clients without custom-request support
COMMAND_IMPACT = "hive.impact"
COMMAND_TESTS_FOR = "hive.testsFor"
COMMAND_SEARCH = "hive.search"
COMMAND_REINDEX = "hive.reindex"

#: the section of workspace settings hive-ls reads (``{"hive-ls": {"index": {...}}}``)
SETTINGS_SECTION = "hive-ls"
