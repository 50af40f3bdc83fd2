"""The ``hive/impact`` and ``hive/testsFor`` requests, and the commands for clients without them."""

from __future__ import annotations

from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams

from hive_ls.analysis.cancel import CancelToken
from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.features.graph_lookup import GraphNotReady, graph_snapshot, key_at
from hive_ls.features.impact import impact
from hive_ls.features.lookup import require
from hive_ls.features.results import TestHit
from hive_ls.features.test_selection import tests_for_diff, tests_for_files, tests_for_keys
from hive_ls.lsp import ext, present
from hive_ls.lsp.server import HiveServer
from hive_ls.vfs.git import GitError

MAX_DEPTH = 20


def _get(params: Any, name: str, default: Any = None) -> Any:
    """A field of custom params, which arrive as dicts or as pygls' attribute objects."""
    if isinstance(params, dict):
        return params.get(name, default)
    return getattr(params, name, default)


def _position(params: Any) -> tuple[str, lsp.Position]:
    document, position = _get(params, "textDocument"), _get(params, "position")
    uri = _get(document, "uri")
    line, character = _get(position, "line"), _get(position, "character")
    if not isinstance(uri, str) or not isinstance(line, int) or not isinstance(character, int):
        raise JsonRpcInvalidParams("expected {textDocument: {uri}, position: {line, character}}")
    return uri, lsp.Position(line, character)


async def _impact(
    ls: HiveServer,
    uri: str,
    position: lsp.Position,
    depth: int,
    direction: str,
    data_flow: bool,
    guesses: bool = True,
) -> dict[str, Any]:
    if direction not in ("up", "down"):
        raise JsonRpcInvalidParams(f"direction must be 'up' or 'down', not {direction!r}")
    if not 1 <= depth <= MAX_DEPTH:
        raise JsonRpcInvalidParams(f"depth must be between 1 and {MAX_DEPTH}, not {depth}")
    path = ls.path_of(uri)

    def work(sync: GraphSync, cancel: CancelToken) -> dict[str, Any]:
        snap = graph_snapshot(sync)
        offset = ls.codec.offset(require(snap, path).data, position)
        key = key_at(sync, path, offset)
        if key is None:
            return {"target": None, "dependents": [], "tests": [], "truncated": False}
        report = impact(sync, key, depth, direction, data_flow, guesses)
        return present.impact_json(ls, snap, report)

    result: dict[str, Any] = await _graph(ls, work)
    return result


async def _graph(ls: HiveServer, work: Any) -> Any:
    """Run graph work for a custom request: before the graph exists, say so plainly."""

    def guarded(sync: GraphSync, cancel: CancelToken) -> Any:
        if sync.snapshot is None:
            raise GraphNotReady
        return work(sync, cancel)

    result = await ls.read_graph(guarded, None)
    if result is None:
        raise JsonRpcInvalidParams(
            "the dependence graph is still being built (the workspace is "
            "being indexed); try again in a moment"
        )
    return result


async def _tests_for(ls: HiveServer, params: Any) -> dict[str, Any]:
    uris = _get(params, "uris")
    revision = _get(params, "gitDiff")
    guesses = not bool(_get(params, "noGuesses", False))

    def work(sync: GraphSync, cancel: CancelToken) -> dict[str, Any]:
        snap = graph_snapshot(sync)
        hits: list[TestHit]
        if revision is not None:
            roots = list(snap.roots)
            if not roots:
                raise JsonRpcInvalidParams("gitDiff needs a workspace folder")
            try:
                root = str(_get(params, "root") or roots[0])
                hits = tests_for_diff(sync, root, str(revision), guesses)
            except GitError as exc:
                raise JsonRpcInvalidParams(str(exc)) from None
        elif uris is not None:
            hits = tests_for_files(sync, [ls.path_of(str(u)) for u in uris], guesses)
        else:
            uri, position = _position(params)
            path = ls.path_of(uri)
            offset = ls.codec.offset(require(snap, path).data, position)
            key = key_at(sync, path, offset)
            hits = tests_for_keys(sync, [key], guesses) if key is not None else []
        return {"tests": present.tests_json(ls, snap, hits)}

    result: dict[str, Any] = await _graph(ls, work)
    return result


def register(server: HiveServer) -> None:
    """Register the impact and test-selection requests and commands."""

    @server.feature(ext.IMPACT)
    async def on_impact(ls: HiveServer, params: Any) -> dict[str, Any]:
        uri, position = _position(params)
        depth = _get(params, "depth", 5)
        if not isinstance(depth, int):
            raise JsonRpcInvalidParams(f"depth must be a number, not {depth!r}")
        return await _impact(
            ls,
            uri,
            position,
            depth,
            str(_get(params, "direction", "up")),
            bool(_get(params, "dataFlow", False)),
            not bool(_get(params, "noGuesses", False)),
        )

    @server.feature(ext.TESTS_FOR)
    async def on_tests_for(ls: HiveServer, params: Any) -> dict[str, Any]:
        return await _tests_for(ls, params)

    @server.command(ext.COMMAND_IMPACT)
    async def impact_command(ls: HiveServer, uri: str, position: lsp.Position) -> dict[str, Any]:
        return await _impact(ls, uri, position, 5, "up", False)

    @server.command(ext.COMMAND_TESTS_FOR)
    async def tests_command(ls: HiveServer, uri: str, position: lsp.Position) -> dict[str, Any]:
        return await _tests_for(
            ls,
            {
                "textDocument": {"uri": uri},
                "position": {"line": position.line, "character": position.character},
            },
        )
