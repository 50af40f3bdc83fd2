"""Settings from every source, in order: defaults, ``.hive/config.toml``, the client's options."""

from __future__ import annotations

import os
from typing import Any

from hive_ls.base.settings import Settings, environment_overrides, merge_settings
from hive_ls.lsp import ext
from hive_ls.vfs.config_file import read_config


def client_section(options: Any) -> Any:
    """The part of client options meant for hive-ls (``{"hive-ls": {...}}`` or the whole)."""
    if isinstance(options, dict):
        for key in (ext.SETTINGS_SECTION, "hive", "hive_ls"):
            if isinstance(options.get(key), dict):
                return options[key]
    return options


def load_settings(roots: tuple[str, ...], *client_options: Any) -> tuple[Settings, list[str]]:
    """The settings in force and every problem met on the way (each names its source)."""
    settings = Settings()
    problems: list[str] = []
    if roots:
        data, read_problems = read_config(roots[0])
        problems.extend(read_problems)
        settings, found = merge_settings(settings, data, f"{roots[0]}/.hive/config.toml")
        problems.extend(found)
    for index, options in enumerate(client_options):
        section = client_section(options)
        if section is None:
            continue
        source = "initializationOptions" if index == 0 else "workspace settings"
        settings, found = merge_settings(settings, section, source)
        problems.extend(found)
    return environment_overrides(settings, os.environ), problems


def llm_layers(roots: tuple[str, ...], *client_options: Any) -> list[tuple[str, Any]]:
    """The ``[llm]`` sections of every source, lowest priority first (for ``LlmConfig``)."""
    layers: list[tuple[str, Any]] = []
    if roots:
        data, _ = read_config(roots[0])  # its problems were reported with the other settings
        if isinstance(data, dict) and data.get("llm") is not None:
            layers.append((f"{roots[0]}/.hive/config.toml", data["llm"]))
    for index, options in enumerate(client_options):
        section = client_section(options)
        if isinstance(section, dict) and section.get("llm") is not None:
            source = "initializationOptions" if index == 0 else "workspace settings"
            layers.append((source, section["llm"]))
    return layers
