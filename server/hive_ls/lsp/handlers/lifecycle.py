"""Initialize, initialized, configuration and workspace folders."""

from __future__ import annotations

import logging
from typing import Any

from lsprotocol import types as lsp

from hive_ls.lsp import ext
from hive_ls.lsp.indexing import start_indexing
from hive_ls.lsp.server import HiveServer
from hive_ls.lsp.settings import client_trusts, load_workspace_config

log = logging.getLogger(__name__)


def _roots(ls: HiveServer, params: lsp.InitializeParams) -> list[str]:
    uris = [f.uri for f in params.workspace_folders or []]
    if not uris and params.root_uri:
        uris = [params.root_uri]
    if not uris and params.root_path:
        return [params.root_path]
    return [p for p in (ls.path_of(u) for u in uris) if "://" not in p]


def apply_settings(ls: HiveServer, workspace_settings: Any = None) -> bool:
    """Reload settings from every source and report problems; True if index settings changed."""
    signal = client_trusts(workspace_settings)
    if signal is not None:
        ls.client_trusted = signal
    trust = ls.trusted_by_user or ls.client_trusted
    config = load_workspace_config(ls.host.roots, trust, ls.init_options, workspace_settings)
    ls.ai.set_config(config.llm)
    problems = [p for p in config.problems if p not in ls.problems_shown]
    ls.problems_shown.update(problems)
    for problem in problems:
        log.warning("%s", problem)
    if problems:
        ls.window_show_message(
            lsp.ShowMessageParams(
                type=lsp.MessageType.Warning,
                message="hive-ls settings: " + "; ".join(problems) + " (defaults used for those)",
            )
        )
    return ls.host.set_settings(config.settings)


async def _watch_files(ls: HiveServer) -> None:
    """Ask the client to report file changes on disk (when it can register that dynamically)."""
    caps = ls.client_capabilities.workspace
    watched = caps.did_change_watched_files if caps else None
    if watched is None or not watched.dynamic_registration:
        log.info("client cannot watch files for us; disk changes outside the editor are missed")
        return
    options = lsp.DidChangeWatchedFilesRegistrationOptions(
        watchers=[lsp.FileSystemWatcher(glob_pattern="**/*")]
    )
    try:
        await ls.client_register_capability_async(
            lsp.RegistrationParams(
                registrations=[
                    lsp.Registration(
                        id="hive-ls/watch",
                        method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=options,
                    )
                ]
            )
        )
    except Exception as exc:  # the client refused: say so, keep working without it
        log.warning(
            "client refused to watch files (%s); disk changes outside the editor are missed", exc
        )


def register(server: HiveServer) -> None:
    """Register the lifecycle handlers."""

    @server.feature(lsp.INITIALIZE)
    def on_initialize(ls: HiveServer, params: lsp.InitializeParams) -> None:
        ls.init_options = params.initialization_options
        ls.client_trusted = client_trusts(ls.init_options) is True
        ls.host.set_roots(_roots(ls, params))
        encoding = ls.protocol.workspace.position_encoding
        if encoding is not None:
            ls.codec.encoding = lsp.PositionEncodingKind(encoding)
        apply_settings(ls)
        log.info(
            "hive-ls %s: roots %s, positions in %s",
            ls.version,
            ls.host.roots,
            ls.codec.encoding.value,
        )

    @server.feature(lsp.INITIALIZED)
    async def on_initialized(ls: HiveServer, params: lsp.InitializedParams) -> None:
        ls.store.start()
        start_indexing(ls)
        await _watch_files(ls)

    @server.feature(lsp.SHUTDOWN)
    def on_shutdown(ls: HiveServer, params: None) -> None:
        ls.shutdown_requested = True
        ls.index_cancel.cancel()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def on_configuration(ls: HiveServer, params: lsp.DidChangeConfigurationParams) -> None:
        settings = params.settings
        caps = ls.client_capabilities.workspace
        if settings is None and caps is not None and caps.configuration:
            answer = await ls.workspace_configuration_async(
                lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section=ext.SETTINGS_SECTION)])
            )
            settings = {ext.SETTINGS_SECTION: answer[0]} if answer else None
        if apply_settings(ls, settings):
            log.info("index settings changed: re-indexing")
            start_indexing(ls)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def on_folders(ls: HiveServer, params: lsp.DidChangeWorkspaceFoldersParams) -> None:
        removed = {ls.path_of(f.uri) for f in params.event.removed}
        added = [ls.path_of(f.uri) for f in params.event.added]
        for root in removed:
            ls.host.remove(root)
        ls.host.set_roots([r for r in ls.host.roots if r not in removed] + added)
        if added:
            start_indexing(ls, [r for r in ls.host.roots if r in added])
