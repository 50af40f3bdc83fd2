//! The hive-ls extension for Zed: starts `hive-ls serve` over stdio and hands it the
//! settings under `lsp.hive-ls` (binary, initialization_options, settings).

use zed_extension_api::{self as zed, serde_json, settings::LspSettings, LanguageServerId, Result};

/// The executable looked up on the worktree's PATH when `lsp.hive-ls.binary.path` is unset.
const BINARY: &str = "hive-ls";
/// The arguments used when `lsp.hive-ls.binary.arguments` is unset.
const DEFAULT_ARGS: &[&str] = &["serve"];
/// What to tell a person whose machine has no hive-ls.
const NOT_INSTALLED: &str = "hive-ls is not installed: run `pip install hive-ls` so that \
    `hive-ls` is on PATH, or set lsp.hive-ls.binary.path in Zed's settings";

struct HiveLs;

impl zed::Extension for HiveLs {
    fn new() -> Self {
        HiveLs
    }

    fn language_server_command(
        &mut self,
        language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(language_server_id.as_ref(), worktree)
            .ok()
            .and_then(|settings| settings.binary);
        let command = binary
            .as_ref()
            .and_then(|b| b.path.clone())
            .or_else(|| worktree.which(BINARY))
            .ok_or_else(|| NOT_INSTALLED.to_string())?;
        let args = binary
            .as_ref()
            .and_then(|b| b.arguments.clone())
            .unwrap_or_else(|| DEFAULT_ARGS.iter().map(|a| a.to_string()).collect());
        let mut env = worktree.shell_env();
        if let Some(extra) = binary.and_then(|b| b.env) {
            env.extend(extra);
        }
        Ok(zed::Command { command, args, env })
    }

    fn language_server_initialization_options(
        &mut self,
        language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        Ok(LspSettings::for_worktree(language_server_id.as_ref(), worktree)
            .ok()
            .and_then(|settings| settings.initialization_options))
    }

    fn language_server_workspace_configuration(
        &mut self,
        language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        Ok(LspSettings::for_worktree(language_server_id.as_ref(), worktree)
            .ok()
            .and_then(|settings| settings.settings))
    }
}

zed::register_extension!(HiveLs);
