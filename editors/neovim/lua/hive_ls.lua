-- require('hive_ls'): impact(), tests_for() and status() for hive-ls, results in the quickfix
-- list; create_commands() adds :HiveImpact, :HiveTestsFor and :HiveStatus (plugin/hive_ls.lua
-- calls it when this folder is on the runtimepath).
-- Each asks the custom request when the server lists it in experimental.hive.methods, else
-- the server command (experimental.hive.commands), else says the server does not serve it.
local M = {}

local function client_for(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'hive_ls' })[1]
end

--- The current buffer and its hive-ls client (nil, with a warning, when none is attached).
local function current_client()
  local bufnr = vim.api.nvim_get_current_buf()
  local client = client_for(bufnr)
  if not client then
    vim.notify('hive-ls is not attached to this buffer', vim.log.levels.WARN)
  end
  return bufnr, client
end

--- What the server serves: { methods = {...}, commands = {...} }.
function M.served(client)
  local hive = vim.tbl_get(client.server_capabilities or {}, 'experimental', 'hive') or {}
  return { methods = hive.methods or {}, commands = hive.commands or {} }
end

local function request(client, bufnr, method, command, params, handle)
  local served = M.served(client)
  command = params.textDocument and command or nil -- the commands take a document and a position
  local function done(err, result)
    if err then
      vim.notify(('hive-ls: %s failed: %s'):format(method, err.message or vim.inspect(err)), vim.log.levels.ERROR)
    else
      handle(result)
    end
  end
  if vim.tbl_contains(served.methods, method) then
    client:request(method, params, done, bufnr)
  elseif vim.tbl_contains(served.commands, command) then
    local arguments = { params.textDocument.uri, params.position }
    client:request('workspace/executeCommand', { command = command, arguments = arguments }, done, bufnr)
  else
    vim.notify(('hive-ls does not serve %s yet (see experimental.hive in its capabilities)'):format(method),
      vim.log.levels.WARN)
    return false
  end
  return true
end

--- A quickfix item from one entry of an answer ({uri, range} or {location = {uri, range}}).
function M.qf_item(entry, prefix)
  if type(entry) == 'string' then
    return { text = prefix .. entry, valid = 0 }
  end
  local loc = entry.location or entry
  local name = entry.qname or entry.qualifiedName or entry.name or entry.testId or '?'
  local text = prefix .. name
  if entry.distance then
    text = ('%s (distance %d%s)'):format(text, entry.distance, entry.via and (', ' .. entry.via) or '')
  end
  local uri = loc.uri or (entry.path and vim.uri_from_fname(entry.path))
  if not uri then
    return { text = text, valid = 0 }
  end
  local start = loc.range and loc.range.start or { line = (entry.line or 1) - 1, character = 0 }
  return { filename = vim.uri_to_fname(uri), lnum = start.line + 1, col = start.character + 1, text = text }
end

local function show(title, items)
  vim.fn.setqflist({}, ' ', { title = title, items = items })
  vim.cmd('botright copen')
end

--- Every dependent of the symbol under the cursor, and the tests that reach it.
function M.impact(opts)
  opts = opts or {}
  local bufnr, client = current_client()
  if not client then
    return false
  end
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  params.depth = opts.depth or 5
  return request(client, bufnr, 'hive/impact', 'hive.impact', params, function(result)
    local items = {}
    for _, entry in ipairs((result or {}).dependents or result or {}) do
      table.insert(items, M.qf_item(entry, ''))
    end
    for _, entry in ipairs((result or {}).tests or {}) do
      table.insert(items, M.qf_item(entry, 'test: '))
    end
    show('hive-ls impact', items)
  end)
end

--- The tests that reach a change: 'symbol' (under the cursor, the default), 'file' (this
--- buffer's file) or 'diff' (uncommitted changes, `git diff HEAD`).
function M.tests_for(scope)
  scope = scope or 'symbol'
  local bufnr, client = current_client()
  if not client then
    return false
  end
  local params
  if scope == 'diff' then
    params = { gitDiff = 'HEAD' }
  elseif scope == 'file' then
    params = { uris = { vim.uri_from_bufnr(bufnr) } }
  else
    params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  end
  return request(client, bufnr, 'hive/testsFor', 'hive.testsFor', params, function(result)
    local items = {}
    for _, entry in ipairs((result or {}).tests or result or {}) do
      table.insert(items, M.qf_item(entry, 'test: '))
    end
    show('hive-ls tests for this change', items)
  end)
end

--- Files, symbols and indexing progress, as `hive/status` reports them.
function M.status()
  local client = client_for(vim.api.nvim_get_current_buf())
  if not client then
    vim.notify('hive-ls is not attached to this buffer', vim.log.levels.WARN)
    return
  end
  client:request('hive/status', {}, function(err, s)
    if err then
      vim.notify('hive-ls: hive/status failed: ' .. (err.message or ''), vim.log.levels.ERROR)
      return
    end
    local state = s.indexing.complete and 'complete' or ('%d/%d'):format(s.indexing.done, s.indexing.total)
    vim.notify(('hive-ls: %d files, %d symbols, index %s'):format(s.files, s.symbols, state))
  end)
end

--- :HiveImpact [depth], :HiveTestsFor [symbol|file|diff], :HiveStatus
function M.create_commands()
  vim.api.nvim_create_user_command('HiveImpact', function(a)
    M.impact({ depth = tonumber(a.args) })
  end, { nargs = '?', desc = 'hive-ls: impact of the symbol under the cursor (quickfix)' })
  vim.api.nvim_create_user_command('HiveTestsFor', function(a)
    M.tests_for(a.args ~= '' and a.args or nil)
  end, {
    nargs = '?',
    complete = function() return { 'symbol', 'file', 'diff' } end,
    desc = 'hive-ls: tests that reach the change: symbol (default), file or diff (quickfix)',
  })
  vim.api.nvim_create_user_command('HiveStatus', M.status, { desc = 'hive-ls: index status' })
end

return M
