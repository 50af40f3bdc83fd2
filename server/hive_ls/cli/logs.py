"""Logging for the command line and the server: to stderr or a private file, secrets redacted."""

from __future__ import annotations

import logging
import os
import stat
import sys

from hive_ls.base.redact import RedactingFormatter

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
SHORT_FORMAT = "%(levelname)s %(message)s"


def configure_logging(level: int, log_file: str | None = None, short: bool = False) -> None:
    """Log at ``level`` to stderr or to ``log_file`` (created 0600: it may quote source)."""
    handler: logging.Handler
    if log_file:
        descriptor = os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            if stat.S_ISREG(os.fstat(descriptor).st_mode):  # not /dev/null or a pipe
                os.fchmod(descriptor, 0o600)
        finally:
            os.close(descriptor)
        handler = logging.FileHandler(log_file, encoding="utf-8")
    else:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter(SHORT_FORMAT if short else FORMAT))
    logging.basicConfig(level=level, handlers=[handler], force=True)
