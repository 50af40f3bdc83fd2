"""Credentials kept out of text meant for people and logs: URL user:password parts hidden."""

from __future__ import annotations

import logging
import re
import urllib.parse

_USERINFO = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.-]*://)(?P<userinfo>[^/@\s'\"]+)@")


def redact(text: str) -> str:
    """``text`` with the ``user:password@`` of every URL in it replaced by ``***@``."""
    if "@" not in text:
        return text
    return _USERINFO.sub(r"\g<scheme>***@", text)


def has_userinfo(url: str) -> bool:
    """Whether ``url`` carries a ``user[:password]@`` part."""
    try:
        return "@" in urllib.parse.urlsplit(url).netloc
    except ValueError:
        return "@" in url


def without_userinfo(url: str) -> str:
    """``url`` without its ``user[:password]@`` part."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1]))


class RedactingFormatter(logging.Formatter):
    """A log formatter whose every line, tracebacks included, goes through ``redact``."""

    def format(self, record: logging.LogRecord) -> str:
        """The formatted record, credentials in URLs hidden."""
        return redact(super().format(record))
