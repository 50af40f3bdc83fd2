"""pygls's protocol with two changes: utf-8 positions preferred, and malformed requests answered."""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from collections.abc import Generator
from typing import Any

from cattrs.v import transform_error
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInternalError, JsonRpcInvalidParams, JsonRpcInvalidRequest
from pygls.protocol import LanguageServerProtocol, lsp_method

log = logging.getLogger(__name__)


class HiveProtocol(LanguageServerProtocol):
    """The JSON-RPC/LSP protocol as hive-ls speaks it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._writes: set[asyncio.Future[Any]] = set()

    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(
        self, params: lsp.InitializeParams
    ) -> Generator[Any, Any, lsp.InitializeResult]:
        """Prefer utf-8 positions (hive-ls's own unit) whenever the client offers them."""
        general = params.capabilities.general
        if general is not None and general.position_encodings:
            offered = list(general.position_encodings)
            if lsp.PositionEncodingKind.Utf8 in offered:
                offered.remove(lsp.PositionEncodingKind.Utf8)
                general.position_encodings = [lsp.PositionEncodingKind.Utf8, *offered]
        result: lsp.InitializeResult = yield from super().lsp_initialize(params)
        # the custom requests and commands really served, for clients to discover
        result.capabilities.experimental = {
            "hive": {
                "methods": sorted(m for m in self.fm.features if m.startswith("hive/")),
                "commands": sorted(self.fm.commands),
            }
        }
        return result

    def structure_message(self, data: dict[str, Any]) -> Any:
        """Decode a message; a request whose params do not fit the protocol gets an error reply."""
        if str(data.get("method", "")).startswith("hive/") and data.get("params") is None:
            data = {**data, "params": {}}  # our requests take no params as "no options"
        try:
            return super().structure_message(data)
        except (JsonRpcInvalidParams, JsonRpcInvalidRequest) as exc:
            if "id" in data and "method" in data:
                method = data.get("method")
                message = f"invalid params for {method}: {_explain(exc.__cause__ or exc)}"
                log.warning("%s", message)
                self._send_response(
                    data["id"], None, JsonRpcInvalidParams(message).to_response_error()
                )
                return _Answered()
            raise
        except Exception as exc:
            if "id" in data and "method" in data:
                message = f"cannot decode {data.get('method')}: {exc}"
                log.warning("%s: %s", message, json.dumps(data)[:500])
                self._send_response(
                    data["id"], None, JsonRpcInvalidParams(message).to_response_error()
                )
                return _Answered()
            raise

    def _send_data(self, data: Any) -> None:
        """Send a message; a response that cannot be serialised becomes an error response."""
        if not data:
            return
        if self.writer is None:
            log.error("unable to send data: no transport")
            return
        try:
            body = json.dumps(data, default=self._serialize_message)
        except (RecursionError, TypeError, ValueError) as exc:
            msg_id = getattr(data, "id", None)
            log.exception("cannot serialise a message to the client")
            if msg_id is None or getattr(data, "method", None) is not None:
                return
            error = JsonRpcInternalError(f"hive-ls could not serialise its answer: {exc}")
            body = json.dumps(
                {
                    "jsonrpc": "2.0",
                    "id": msg_id,
                    "error": {"code": error.code, "message": error.message},
                }
            )
        header = f"Content-Length: {len(body)}\r\n\r\n" if self._include_headers else ""
        result = self.writer.write((header + body).encode("utf-8"))
        if inspect.isawaitable(result):  # keep a reference until the write is done
            task = asyncio.ensure_future(result)
            self._writes.add(task)
            task.add_done_callback(self._writes.discard)

    def handle_message(self, message: Any) -> None:
        """Skip messages already answered while decoding them."""
        if isinstance(message, _Answered):
            return
        super().handle_message(message)


def _explain(error: BaseException) -> str:
    """What was wrong with a message, field by field (``expected int @ $.params.position``)."""
    try:
        return "; ".join(transform_error(error))
    except Exception:  # not a cattrs validation error
        return str(error)


class _Answered:
    """Marks a request that was answered with an error while it was decoded."""
