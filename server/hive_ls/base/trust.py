"""Who may set each setting: keys that reach outside the workspace need the user's word.

A repository is untrusted input. Its ``.hive/config.toml`` may set how it is indexed, but not
where code or credentials are sent, which processes run, which model files load or where
files are written: those keys come only from the user's own config file, the editor's
settings or the environment — or from a folder the user trusts. The table below is the one
place that says which keys those are (``section.key``; a key naming a table covers it all).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: key -> why a workspace may not set it on its own
USER_ONLY: dict[str, str] = {
    "index.follow_symlinks": "reads files outside the workspace",
    "store.path": "chooses where files are written",
    "embed.endpoint": "sends code to a host",
    "embed.api_key_env": "sends a credential",
    "embed.model_path": "loads a model file",
    "llm.endpoint": "sends code to a host",
    "llm.api_key_env": "sends a credential",
    "llm.endpoints": "sends code and credentials to hosts, starts model servers",
    "llm.model": "sends code to a model",
    "llm.models": "sends code to models",
    "llm.run_tests": "runs the workspace's code",
    "llm.max_cost_usd": "spends money",
}

TRUST_HINT = (
    "trust the folder to use them: `--trust` on the command line, the folder in "
    "`[trust] folders` of your own config file, or your editor's workspace trust"
)


def split_untrusted(data: Any) -> tuple[Any, list[str]]:
    """``data`` (a whole config table) without the user-only keys, and the keys removed.

    Anything that is not a table is returned as it is (its problems are reported where it
    is read).
    """
    if not isinstance(data, Mapping):
        return data, []
    kept: dict[str, Any] = {}
    removed: list[str] = []
    for section, table in data.items():
        if not isinstance(table, Mapping):
            kept[section] = table
            continue
        inner: dict[str, Any] = {}
        for key, value in table.items():
            name = f"{section}.{key}"
            if name in USER_ONLY:
                removed.append(name)
            else:
                inner[key] = value
        kept[section] = inner
    return kept, removed


def ignored_message(source: str, keys: list[str]) -> str:
    """One sentence naming the keys an untrusted ``source`` tried to set."""
    reasons = sorted({USER_ONLY[key] for key in keys if key in USER_ONLY})
    return (
        f"{source} is in a folder you have not trusted, so hive-ls ignored "
        f"{', '.join(sorted(keys))} (a workspace may not set what {'; '.join(reasons)}); "
        f"{TRUST_HINT}"
    )
