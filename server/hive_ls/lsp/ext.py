"""hive-ls's own protocol extensions: every custom method and command name, in one place.

The VS Code client mirrors these names (``editors/vscode/src/ext.ts``). Requests answered
today: ``hive/status``, ``hive/impact``, ``hive/testsFor`` and ``hive/search`` (and the
matching commands) and ``hive/context``; a client must not
rely on a name before the server lists it in ``experimental.hive`` of its initialize result.
"""

from __future__ import annotations

#: request -> {"files", "symbols", "languages", "roots", "indexing": {"done", "total", "complete"}}
STATUS = "hive/status"
#: request {textDocument, position, depth?, direction?, dataFlow?, noGuesses?} -> dependents
#: with distance, reason and ``guess`` (reached through a call on a value of unknown type), tests
IMPACT = "hive/impact"
#: request ({textDocument, position} | {files} | {gitDiff}), noGuesses? -> the tests that reach
#: the change, each with ``guess``
TESTS_FOR = "hive/testsFor"
#: request {query, k?, mode?, language?, kind?, path?} -> {results: ranked code, embedded,
#: pending, notes} (vector + full text + graph; modes vector, text, hybrid, graph)
SEARCH = "hive/search"
#: request {textDocument, position, budget?} -> {target, items, tokens, budget, dropped, text}:
#: the token-budgeted context the AI actions send to models
CONTEXT = "hive/context"

#: workspace/executeCommand names, for clients without custom-request support
COMMAND_IMPACT = "hive.impact"
COMMAND_TESTS_FOR = "hive.testsFor"
COMMAND_SEARCH = "hive.search"
COMMAND_REINDEX = "hive.reindex"
#: run an AI action: arguments [the action's data, instruction?] (clients without
#: codeAction/resolve for edits, and "explain", whose answer is shown as a message)
COMMAND_AI = "hive.ai"

#: the section of workspace settings hive-ls reads (``{"hive-ls": {"index": {...}}}``)
SETTINGS_SECTION = "hive-ls"
#: initializationOptions (and didChangeConfiguration settings) key, beside the settings
#: section: the editor's workspace trust (``true`` lets ``.hive/config.toml`` set every key)
WORKSPACE_TRUSTED = "workspaceTrusted"
#: initializationOptions key carrying the token a TCP server was started with
TOKEN = "token"
