"""pygls's protocol with two changes: utf-8 positions preferred, and malformed requests answered."""

from __future__ import annotations

import json
import logging
from collections.abc import Generator
from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams, JsonRpcInvalidRequest
from pygls.protocol import LanguageServerProtocol, lsp_method

log = logging.getLogger(__name__)


class HiveProtocol(LanguageServerProtocol):
    """The JSON-RPC/LSP protocol as hive-ls speaks it."""

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
        return result

    def structure_message(self, data: dict[str, Any]) -> Any:
        """Decode a message; a request whose params do not fit the protocol gets an error reply."""
        try:
            return super().structure_message(data)
        except (JsonRpcInvalidParams, JsonRpcInvalidRequest) as exc:
            if "id" in data and "method" in data:
                method = data.get("method")
                message = f"invalid params for {method}: {exc.__cause__ or exc}"
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

    def handle_message(self, message: Any) -> None:
        """Skip messages already answered while decoding them."""
        if isinstance(message, _Answered):
            return
        super().handle_message(message)


class _Answered:
    """Marks a request that was answered with an error while it was decoded."""
