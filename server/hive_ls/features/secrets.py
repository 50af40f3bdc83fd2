"""Keeping secrets out of model prompts: secret-looking file names, and secret values redacted."""

from __future__ import annotations

import os
import re
from fnmatch import fnmatchcase
from typing import NamedTuple

REDACTED = "[redacted]"

#: file names (matched case-insensitively on the last path component) never shown to a model
SECRET_FILES = (
    ".env",
    ".env.*",
    "*.env",
    "*.pem",
    "*.key",
    "*.p12",
    "*.pfx",
    "*.jks",
    "*.keystore",
    "*.kdbx",
    "*.ppk",
    "id_rsa*",
    "id_dsa*",
    "id_ecdsa*",
    "id_ed25519*",
    "*secret*",
    "*credential*",
    ".npmrc",
    ".pypirc",
    ".netrc",
    "_netrc",
    ".htpasswd",
    ".git-credentials",
    ".dockercfg",
    "*.tfstate",
    "*.tfvars",
)

# values that look like keys and tokens of well-known services
_TOKENS = (
    r"\bsk-(?:ant-|proj-|live-|test-)?[A-Za-z0-9_-]{16,}",  # OpenAI, Anthropic
    r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}",  # Stripe
    r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b",  # AWS access key ids
    r"\bgh[pousr]_[A-Za-z0-9]{20,}",  # GitHub tokens
    r"\bgithub_pat_[A-Za-z0-9_]{20,}",
    r"\bglpat-[A-Za-z0-9_-]{20,}",  # GitLab
    r"\bxox[abposrte]-[A-Za-z0-9-]{10,}",  # Slack
    r"\bAIza[0-9A-Za-z_-]{35}",  # Google API keys
    r"\bhf_[A-Za-z0-9]{30,}",  # Hugging Face
    r"\bnpm_[A-Za-z0-9]{36}",  # npm
    r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}",  # JWTs
    r"(?i:\bbearer)\s+[A-Za-z0-9._~+/-]{20,}=*",
    r"https://hooks\.slack\.com/services/[A-Za-z0-9/]+",
    r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@'\"]+:[^\s@'\"]{3,}@",  # user:password@ in URLs
)
# a PEM block, or its beginning when the text is cut off inside one
_PEM = r"-----BEGIN [A-Z0-9 ]+-----(?:.*?-----END [A-Z0-9 ]+-----|.*\Z)"
# `password = "..."`, `api_key: '...'`, `"token": "..."`: the quoted value is the secret
_ASSIGNED = (
    r"(?P<name>\b[\w.-]*(?i:password|passwd|passphrase|pwd|secret|token|api[_-]?key|"
    r"access[_-]?key|private[_-]?key|client[_-]?secret|auth[_-]?key|credentials?)[\w.-]*"
    r"['\"]?\s*(?::\s*[\w.\[\]|, ]+?\s*)?(?::=|=>|[:=])\s*)"
    r"(?P<value>(?P<q>['\"])(?:(?!(?P=q)).){1,}(?P=q))"
)
_PATTERN = re.compile(
    "|".join([f"(?s:{_PEM})", *(f"(?:{t})" for t in _TOKENS), _ASSIGNED]),
)


class Redacted(NamedTuple):
    """Text with its secrets replaced by ``[redacted]``, and how many were replaced."""

    text: str
    replaced: int


def is_secret_path(path: str) -> bool:
    """True when a file's name looks like it holds secrets (``.env``, ``id_rsa``, ``*.pem`` ...)."""
    name = os.path.basename(path.rstrip("/\\")).lower()
    return any(fnmatchcase(name, pattern) for pattern in SECRET_FILES)


def _replace(match: re.Match[str]) -> str:
    if match.group("value") is not None:
        return match.group("name") + REDACTED
    return REDACTED


def redact(text: str) -> Redacted:
    """``text`` with API-key-like tokens, PEM blocks and password assignments redacted.

    An assignment keeps its name (``password = [redacted]``), so the code still reads.
    """
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return _replace(match)

    result = _PATTERN.sub(replace, text)
    return Redacted(result, count)
