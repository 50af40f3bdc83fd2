"""The configuration of a workspace from every source, with workspace trust applied.

Sources, lowest priority first: the defaults, the user's own config file, the workspace's
``.hive/config.toml`` (without the user-only keys of ``base.trust`` unless the folder is
trusted), the editor's settings, the environment. The server and the command line both load
their configuration here, so they agree on what a folder may set.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from hive_ls.base.settings import Settings, environment_overrides, merge_settings
from hive_ls.base.trust import ignored_message, split_untrusted
from hive_ls.llm.config import LlmConfig
from hive_ls.vfs.config_file import (
    CONFIG_PATH,
    is_inside,
    read_config,
    read_user_config,
    trusted_folders,
)


@dataclass(frozen=True)
class WorkspaceConfig:
    """The settings and AI configuration in force, whether the folder is trusted, problems."""

    settings: Settings
    llm: LlmConfig
    trusted: bool
    problems: tuple[str, ...] = ()


def load_config(
    root: str | None,
    trust: bool = False,
    client_layers: Sequence[tuple[str, Any]] = (),
    environ: Mapping[str, str] | None = None,
) -> WorkspaceConfig:
    """The configuration for the workspace ``root`` (None: no workspace, user config only).

    ``trust`` is the user's word that ``root`` is trusted (``--trust``, the editor's workspace
    trust); a folder listed in ``[trust] folders`` of the user's config is trusted too.
    ``client_layers`` are the editor's settings, ``(source, table)``, lowest priority first.
    """
    env = os.environ if environ is None else environ
    user_path, user_data, problems = read_user_config()
    folders, found = trusted_folders(user_data)
    problems.extend(found)
    trusted = trust or (root is not None and is_inside(root, folders))
    layers: list[tuple[str, Any]] = [(user_path, user_data)]
    if root is not None:
        source = os.path.join(root, str(CONFIG_PATH))
        data, read_problems = read_config(root)
        problems.extend(read_problems)
        if isinstance(data, dict) and "trust" in data:
            problems.append(f"{source}: [trust] is read from your own config file only")
            data = {k: v for k, v in data.items() if k != "trust"}
        if not trusted:
            data, ignored = split_untrusted(data)
            if ignored:
                problems.append(ignored_message(source, ignored))
        layers.append((source, data))
    layers.extend(client_layers)
    settings = Settings()
    for source, data in layers:
        settings, found = merge_settings(settings, data, source)
        problems.extend(found)
    llm, found = LlmConfig.from_layers(
        [(source, data["llm"]) for source, data in layers if _has_llm(data)], env
    )
    problems.extend(found)
    if llm.run_tests and not trusted:
        llm = replace(llm, run_tests=False)
        problems.append(
            f"llm.run_tests is on, but {root} is not trusted: running its tests would run its "
            "code, so they are not run; trust the folder to run them"
        )
    return WorkspaceConfig(environment_overrides(settings, env), llm, trusted, tuple(problems))


def _has_llm(data: Any) -> bool:
    return isinstance(data, Mapping) and data.get("llm") is not None
