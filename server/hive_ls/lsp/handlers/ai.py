"""AI code actions (listed cheaply, resolved through the pipeline), ``hive/context`` and commands.

Listing never calls a model. Resolving runs the pipeline off the loop with ``$/progress`` and
honours cancellation; the edit comes back only when a candidate passed every check, with a
change annotation naming what depends on the changed code. Clients that cannot resolve edits
get a command instead, which runs the same and applies the edit with ``workspace/applyEdit``.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInternalError, JsonRpcInvalidParams

from hive_ls.analysis.snapshot import Snapshot
from hive_ls.base.span import Span
from hive_ls.features.ai_actions import ActionOffer, affected, list_actions, make_task, run_task
from hive_ls.features.ai_context import build_context
from hive_ls.features.lookup import require
from hive_ls.llm.errors import LlmCancelled, LlmError
from hive_ls.llm.types import Outcome
from hive_ls.lsp import ext
from hive_ls.lsp.handlers.impact import _get, _position
from hive_ls.lsp.progress import WorkProgress
from hive_ls.lsp.server import HiveServer
from hive_ls.store import Filters

log = logging.getLogger(__name__)
ANNOTATION = "hive-ls-ai"
_KINDS = {
    "fix": lsp.CodeActionKind.QuickFix,
    "refactor": lsp.CodeActionKind.RefactorRewrite,
    "explain": lsp.CodeActionKind.Empty,
    "docstring": lsp.CodeActionKind.RefactorRewrite,
    "tests": lsp.CodeActionKind.Refactor,
    "callers": lsp.CodeActionKind.RefactorRewrite,
}


def _resolves_edits(ls: HiveServer) -> bool:
    text = ls.client_capabilities.text_document
    action = text.code_action if text else None
    support = action.resolve_support if action else None
    return support is not None and "edit" in support.properties


def _offer_data(offer: ActionOffer, uri: str, version: int | None) -> dict[str, Any]:
    return {
        "hive": "ai",
        "kind": offer.kind,
        "uri": uri,
        "version": version,
        "start": offer.start,
        "end": offer.end,
        "diagnostic": offer.diagnostic,
        "title": offer.title,
    }


def _offer_of(ls: HiveServer, data: Any) -> tuple[ActionOffer, str, int | None]:
    if not isinstance(data, dict) or data.get("hive") != "ai":
        raise JsonRpcInvalidParams("not a hive-ls AI action (its data is missing or changed)")
    try:
        uri = str(data["uri"])
        offer = ActionOffer(
            str(data["kind"]), str(data.get("title", "")), ls.path_of(uri), int(data["start"]),
            int(data["end"]), str(data.get("diagnostic", "")),
        )  # fmt: skip
    except (KeyError, TypeError, ValueError):
        raise JsonRpcInvalidParams("malformed hive-ls AI action data") from None
    version = data.get("version")
    return offer, uri, version if isinstance(version, int) else None


async def run_offer(
    ls: HiveServer, offer: ActionOffer, uri: str, version: int | None, instruction: str = ""
) -> tuple[Outcome, lsp.WorkspaceEdit | None, str]:
    """Run the pipeline for ``offer``: its outcome, the edit (None: none valid), the message."""
    config = ls.ai.config
    reason = config.ready()
    if reason is not None:
        raise JsonRpcInvalidParams(f"AI actions need a model: {reason}")
    entry = ls.host.snapshot().entry(offer.path)
    if entry is None:
        raise JsonRpcInvalidParams(f"{uri} is not known to hive-ls")
    if version is not None and entry.version is not None and entry.version != version:
        raise JsonRpcInvalidParams("the document changed since the action was offered: ask again")
    progress = WorkProgress(ls, "ai")
    await progress.begin(offer.title or f"hive-ls AI: {offer.kind}")

    def stage(name: str, message: str) -> None:
        progress.report_threadsafe(f"{name}: {message}"[:200])

    cancel = threading.Event()
    sync = ls.host.graph
    router = ls.ai.router()
    recent = ls.recent_paths()
    store = await ls.store.ready()

    def similar(text: str) -> list[str]:
        if store is None:
            return []
        vector = store.embed_query(text[:2000])
        if vector is None:
            return []
        return [hit.id for hit in store.search(text, vector, 8, Filters(), "vector")]

    def work(snap: Snapshot, _token: object) -> tuple[Outcome, list[str], Snapshot]:
        task = make_task(sync, snap, offer, instruction, recent, similar)
        outcome = run_task(router, config, sync, snap, task, stage, cancel)
        return outcome, affected(sync, snap, offer.path, offer.start), snap

    try:
        outcome, dependents, snap = await ls.read(work)
    except asyncio.CancelledError:
        cancel.set()
        progress.end("cancelled")
        raise
    except LlmCancelled:
        progress.end("cancelled")
        raise asyncio.CancelledError from None
    except LlmError as exc:
        progress.end("failed")
        raise JsonRpcInternalError(f"the AI pipeline failed: {exc.message}") from None
    except LookupError as exc:
        progress.end("failed")
        raise JsonRpcInvalidParams(str(exc)) from None
    progress.end(outcome.message[:200] or "done")
    if outcome.chosen is None:
        return outcome, None, outcome.message or "no valid proposal"
    # offsets are converted with the snapshot the edit was computed on, and the edit carries
    # that version of each document: a client whose document moved on since must refuse it
    changes: dict[str, list[lsp.TextEdit | lsp.AnnotatedTextEdit | lsp.SnippetTextEdit]] = {}
    for edit in outcome.chosen.edits:
        target = snap.entry(edit.path)
        if target is None:
            continue
        rng = ls.codec.range(target.data, Span(edit.start, edit.end))
        changes.setdefault(ls.uri_of(edit.path), []).append(
            lsp.AnnotatedTextEdit(range=rng, new_text=edit.new_text, annotation_id=ANNOTATION)
        )
    description = outcome.message
    verdict = outcome.chosen.verdict
    if verdict is not None and verdict.warnings:
        description = "CHECK FIRST: " + " ".join(verdict.warnings) + " " + description
    if dependents:
        description += " Affects: " + ", ".join(dependents) + "."
    documents = [
        lsp.TextDocumentEdit(
            text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                uri=doc_uri, version=_version_of(ls, snap, doc_uri)
            ),
            edits=list(edits),
        )
        for doc_uri, edits in changes.items()
    ]
    workspace_edit = lsp.WorkspaceEdit(
        document_changes=documents,
        change_annotations={
            ANNOTATION: lsp.ChangeAnnotation(
                label="hive-ls AI", needs_confirmation=True, description=description
            )
        },
    )
    return outcome, workspace_edit if documents else None, description


def _version_of(ls: HiveServer, snap: Snapshot, uri: str) -> int | None:
    entry = snap.entry(ls.path_of(uri))
    return entry.version if entry is not None else None


def _diagnostics(
    ls: HiveServer, data: bytes, diagnostics: list[lsp.Diagnostic]
) -> list[tuple[Span, str]]:
    found = []
    for diagnostic in diagnostics:
        start = ls.codec.offset(data, diagnostic.range.start)
        end = ls.codec.offset(data, diagnostic.range.end)
        found.append((Span(start, max(start, end)), diagnostic.message))
    return found


APPLY = "Apply"


async def _confirmed(ls: HiveServer, warnings: tuple[str, ...]) -> bool:
    """Ask the person before an edit with risky calls is applied (no answer means no)."""
    window = ls.client_capabilities.window
    if window is None or window.show_message is None:
        return False
    try:
        answer = await ls.window_show_message_request_async(
            lsp.ShowMessageRequestParams(
                type=lsp.MessageType.Warning,
                message="hive-ls AI: " + " ".join(warnings) + " Apply the change?",
                actions=[lsp.MessageActionItem(APPLY), lsp.MessageActionItem("Cancel")],
            )
        )
    except Exception as exc:  # the client could not ask: nothing is applied
        log.warning("could not ask to confirm an AI edit: %s", exc)
        return False
    return answer is not None and answer.title == APPLY


def register(server: HiveServer) -> None:
    """Register code actions, their resolution, ``hive/context`` and the AI commands."""

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(
            code_action_kinds=[
                lsp.CodeActionKind.QuickFix,
                lsp.CodeActionKind.Refactor,
                lsp.CodeActionKind.RefactorRewrite,
            ],
            resolve_provider=True,
        ),
    )
    async def on_code_action(ls: HiveServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        path = ls.path_of(params.text_document.uri)
        lazy = _resolves_edits(ls)
        sync = ls.host.graph

        def work(snap: Snapshot, _token: object) -> list[lsp.CodeAction]:
            entry = snap.entry(path)
            if entry is None:
                return []
            start = ls.codec.offset(entry.data, params.range.start)
            end = ls.codec.offset(entry.data, params.range.end)
            diagnostics = _diagnostics(ls, entry.data, list(params.context.diagnostics))
            graph = sync if sync.snapshot is not None else None
            actions = []
            for offer in list_actions(graph, snap, path, start, end, diagnostics):
                data = _offer_data(offer, params.text_document.uri, entry.version)
                action = lsp.CodeAction(title=offer.title, kind=_KINDS[offer.kind], data=data)
                if offer.kind == "explain" or not lazy:
                    action.command = lsp.Command(
                        title=offer.title, command=ext.COMMAND_AI, arguments=[data]
                    )
                    action.data = None
                actions.append(action)
            return actions

        return await ls.read(work)

    @server.feature(lsp.CODE_ACTION_RESOLVE)
    async def on_resolve(ls: HiveServer, action: lsp.CodeAction) -> lsp.CodeAction:
        offer, uri, version = _offer_of(ls, action.data)
        _, edit, message = await run_offer(ls, offer, uri, version)
        if edit is None:
            raise JsonRpcInvalidParams(f"no valid change: {message}")
        action.edit = edit
        return action

    @server.command(ext.COMMAND_AI)
    async def ai_command(ls: HiveServer, data: Any, *rest: Any) -> dict[str, Any]:
        """Run an AI action (explain shows its answer; edits are applied through the client).

        Arguments: the action's data, then optionally the instruction (pygls does not fill
        defaults of command parameters, so the optional one is read from ``rest``).
        """
        instruction = rest[0] if rest and isinstance(rest[0], str) else ""
        offer, uri, version = _offer_of(ls, data)
        outcome, edit, message = await run_offer(ls, offer, uri, version, instruction)
        chosen = outcome.chosen
        text = chosen.explanation if chosen is not None else ""
        warnings = chosen.verdict.warnings if chosen and chosen.verdict else ()
        if offer.kind == "explain" and chosen is not None:
            ls.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Info, text))
        elif edit is not None and warnings and not await _confirmed(ls, warnings):
            message = "not applied: " + " ".join(warnings)
            edit = None
        elif edit is not None:
            await ls.workspace_apply_edit_async(
                lsp.ApplyWorkspaceEditParams(edit=edit, label=offer.title)
            )
        else:
            ls.window_show_message(
                lsp.ShowMessageParams(lsp.MessageType.Warning, f"hive-ls AI: {message}")
            )
        return {"applied": edit is not None, "message": message, "explanation": text}

    @server.feature(ext.CONTEXT)
    async def on_context(ls: HiveServer, params: Any) -> dict[str, Any]:
        uri, position = _position(params)
        budget = _get(params, "budget", 2000)
        if not isinstance(budget, int) or isinstance(budget, bool) or not 50 <= budget <= 100_000:
            raise JsonRpcInvalidParams(
                f"budget must be a number of tokens (50-100000), not {budget}"
            )
        path = ls.path_of(uri)
        sync = ls.host.graph
        recent = ls.recent_paths()

        def work(snap: Snapshot, _token: object) -> dict[str, Any]:
            entry = require(snap, path)
            offset = ls.codec.offset(entry.data, position)
            context = build_context(sync, snap, path, offset, budget, recent)
            t = context.target
            return {
                "target": {"qname": t.qname, "uri": ls.uri_of(t.path), "line": t.start_line},
                "items": [
                    {
                        "role": i.role,
                        "qname": i.qname,
                        "uri": ls.uri_of(i.path),
                        "startLine": i.start_line,
                        "endLine": i.end_line,
                        "tokens": i.tokens,
                        "score": round(i.score, 4),
                        "trimmed": i.trimmed,
                    }
                    for i in context.items
                ],
                "tokens": context.tokens_used,
                "budget": context.budget,
                "dropped": context.dropped,
                "redactions": context.redactions,
                "text": context.render(),
            }

        result: dict[str, Any] = await ls.read(work)
        return result
