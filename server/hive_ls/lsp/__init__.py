"""The language server: the only layer that knows pygls, lsprotocol, JSON-RPC and UTF-16."""
