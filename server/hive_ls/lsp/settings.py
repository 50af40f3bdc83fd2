"""Settings from every source (``analysis.config``), with the editor's options and trust signal."""

from __future__ import annotations

from typing import Any

from hive_ls.analysis.config import WorkspaceConfig, load_config
from hive_ls.lsp import ext


def client_section(options: Any) -> Any:
    """The part of client options meant for hive-ls (``{"hive-ls": {...}}`` or the whole)."""
    if isinstance(options, dict):
        for key in (ext.SETTINGS_SECTION, "hive", "hive_ls"):
            if isinstance(options.get(key), dict):
                return options[key]
    return options


def client_trusts(options: Any) -> bool | None:
    """The editor's workspace-trust signal in its options (``workspaceTrusted``), if it sent one.

    It is read outside the ``hive-ls`` section, which workspace settings files can fill.
    """
    if isinstance(options, dict) and isinstance(options.get(ext.WORKSPACE_TRUSTED), bool):
        return bool(options[ext.WORKSPACE_TRUSTED])
    return None


def load_workspace_config(
    roots: tuple[str, ...], trust: bool, *client_options: Any
) -> WorkspaceConfig:
    """The configuration for the first root with the editor's options layered on top."""
    layers: list[tuple[str, Any]] = []
    for index, options in enumerate(client_options):
        section = client_section(options)
        if section is None:
            continue
        source = "initializationOptions" if index == 0 else "workspace settings"
        if isinstance(section, dict):  # the trust signal is no setting
            section = {k: v for k, v in section.items() if k != ext.WORKSPACE_TRUSTED}
        layers.append((source, section))
    return load_config(roots[0] if roots else None, trust, layers)
