-- hive-ls for Neovim >= 0.11 (`:help lsp-config`): put the folder holding this `lsp/` on the
-- runtimepath, then `vim.lsp.enable('hive_ls')`. Override any field with
-- `vim.lsp.config('hive_ls', { ... })`.
---@type vim.lsp.Config
return {
  cmd = { 'hive-ls', 'serve' },
  filetypes = {
    'python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'go', 'rust',
    'java', 'c', 'cpp', 'cs', 'ruby', 'php',
  },
  -- hive-ls indexes the whole repository: its root is the folder with .hive/ or .git
  root_markers = { '.hive', '.hiveignore', '.git' },
  -- only what you set here reaches the server (same keys as .hive/config.toml), e.g.
  -- settings = { ['hive-ls'] = { index = { exclude = { 'generated/' } } } }
  settings = { ['hive-ls'] = vim.empty_dict() },
}
