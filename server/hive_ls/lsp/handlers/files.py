"""Files changed on disk (watched files) or renamed, created and deleted by the editor."""

from __future__ import annotations

import logging
import os

from lsprotocol import types as lsp

from hive_ls.lsp.indexing import start_indexing
from hive_ls.lsp.server import HiveServer

log = logging.getLogger(__name__)

_ALL = lsp.FileOperationRegistrationOptions(
    filters=[lsp.FileOperationFilter(pattern=lsp.FileOperationPattern(glob="**/*"))]
)


def _created(ls: HiveServer, path: str) -> None:
    if os.path.isdir(path):
        if ls.host.folder_target(path) is not None:
            start_indexing(ls, [path])  # a new or renamed folder: index what it holds
        return
    log.debug("%s: %s", path, ls.host.refresh(path))


def register(server: HiveServer) -> None:
    """Register the file-event handlers."""

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def on_watched(ls: HiveServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        for change in params.changes:
            path = ls.path_of(change.uri)
            if change.type == lsp.FileChangeType.Deleted:
                ls.host.remove(path)
            elif change.type == lsp.FileChangeType.Created:
                _created(ls, path)
            else:
                log.debug("%s: %s", path, ls.host.refresh(path))
        ls.changed()

    @server.feature(lsp.WORKSPACE_DID_RENAME_FILES, _ALL)
    def on_renamed(ls: HiveServer, params: lsp.RenameFilesParams) -> None:
        for rename in params.files:
            ls.host.remove(ls.path_of(rename.old_uri))
            _created(ls, ls.path_of(rename.new_uri))
        ls.changed()

    @server.feature(lsp.WORKSPACE_DID_CREATE_FILES, _ALL)
    def on_created(ls: HiveServer, params: lsp.CreateFilesParams) -> None:
        for created in params.files:
            _created(ls, ls.path_of(created.uri))
        ls.changed()

    @server.feature(lsp.WORKSPACE_DID_DELETE_FILES, _ALL)
    def on_deleted(ls: HiveServer, params: lsp.DeleteFilesParams) -> None:
        for deleted in params.files:
            ls.host.remove(ls.path_of(deleted.uri))
        ls.changed()
