-- Drives a real headless Neovim against the real hive-ls: `nvim --headless --clean -l
-- nvim_driver.lua`, configured by environment variables (see test_neovim.py), and writes
-- what the server answered as JSON to $HIVE_OUT. Requests go only to methods the server
-- advertises (Neovim waits out the whole timeout for one it does not support).
local env = vim.env
local out = { steps = {} }
local function record(name, value) out[name] = value end
local function finish(code)
  local file = assert(io.open(env.HIVE_OUT, 'w'))
  file:write(vim.json.encode(out))
  file:close()
  vim.cmd((code == 0) and 'qall!' or 'cquit! ' .. code)
end
local function fail(message)
  record('error', message)
  finish(1)
end

vim.cmd('filetype on')
vim.opt.rtp:prepend(env.HIVE_NVIM_RTP)
dofile(env.HIVE_NVIM_RTP .. '/plugin/hive_ls.lua') -- what Neovim runs at start-up
local hive = require('hive_ls')
local notes = {}
vim.notify = function(message, level) table.insert(notes, { message = message, level = level }) end

local overrides = {}
if env.HIVE_CMD then overrides.cmd = vim.json.decode(env.HIVE_CMD) end
if env.HIVE_SETTINGS then overrides.settings = vim.json.decode(env.HIVE_SETTINGS) end
if next(overrides) then vim.lsp.config('hive_ls', overrides) end
vim.lsp.enable('hive_ls')

local ws = env.HIVE_WS
local started = vim.uv.hrtime()
vim.cmd.edit(ws .. '/shop/cart.py')
local client
local attached = vim.wait(20000, function()
  client = vim.lsp.get_clients({ bufnr = 0, name = 'hive_ls' })[1]
  return client ~= nil and client.initialized
end, 20)
if not attached then fail('hive_ls did not attach to shop/cart.py within 20 s') return end
record('attach', {
  name = client.name,
  root_dir = client.root_dir,
  cmd = client.config.cmd,
  server_info = client.server_info,
  filetype = vim.bo.filetype,
  ms = (vim.uv.hrtime() - started) / 1e6,
})
local caps = client.server_capabilities
local served = hive.served(client)
record('capabilities', {
  callHierarchy = caps.callHierarchyProvider ~= nil and caps.callHierarchyProvider ~= false,
  codeLens = caps.codeLensProvider ~= nil,
  methods = served.methods,
  commands = served.commands,
})

local function sync(method, params, bufnr)
  local response, err = client:request_sync(method, params, 10000, bufnr or 0)
  if not response then fail(('%s: %s'):format(method, tostring(err))) end
  if response.err then fail(('%s: %s'):format(method, vim.inspect(response.err))) end
  return response.result
end

-- the index, with the settings applied (the test may exclude files through `settings`)
local expect_files = tonumber(env.HIVE_EXPECT_FILES or '')
local status
vim.wait(30000, function()
  status = sync('hive/status', {})
  return status.indexing.complete and (expect_files == nil or status.files == expect_files)
end, 50)
record('status', status)

local cart = vim.uri_from_fname(ws .. '/shop/cart.py')
record('documentSymbol', sync('textDocument/documentSymbol', { textDocument = { uri = cart } }))
record('definition', sync('textDocument/definition', {
  textDocument = { uri = cart }, position = { line = 22, character = 25 },
}))

if env.HIVE_ONLY_BASICS then finish(0) return end

-- call hierarchy on with_tax in shop/pricing.py, when served
vim.cmd.edit(ws .. '/shop/pricing.py')
local pricing_buf = vim.api.nvim_get_current_buf()
vim.wait(5000, function() return #vim.lsp.get_clients({ bufnr = pricing_buf, name = 'hive_ls' }) > 0 end, 20)
local pricing = vim.uri_from_fname(ws .. '/shop/pricing.py')
local at_with_tax = { textDocument = { uri = pricing }, position = { line = 10, character = 5 } }
if out.capabilities.callHierarchy then
  local items = sync('textDocument/prepareCallHierarchy', at_with_tax, pricing_buf) or {}
  local incoming = items[1] and sync('callHierarchy/incomingCalls', { item = items[1] }, pricing_buf)
  record('callHierarchy', { items = items, incoming = incoming or vim.NIL })
end

-- hive/impact: the raw request, then :HiveImpact filling the quickfix list
vim.api.nvim_win_set_cursor(0, { 11, 5 })
if vim.tbl_contains(served.methods, 'hive/impact') then
  record('impact', sync('hive/impact', vim.tbl_extend('force', at_with_tax, { depth = 5 }), pricing_buf))
end
record('userCommands', {
  HiveImpact = vim.fn.exists(':HiveImpact'),
  HiveTestsFor = vim.fn.exists(':HiveTestsFor'),
  HiveStatus = vim.fn.exists(':HiveStatus'),
})
local asked = hive.impact({ depth = 5 })
if asked then
  vim.wait(10000, function() return vim.fn.getqflist({ title = 0 }).title == 'hive-ls impact' end, 20)
end
record('impactCommand', {
  asked = asked,
  quickfix = vim.tbl_map(function(item)
    return { text = item.text, file = vim.api.nvim_buf_get_name(item.bufnr), lnum = item.lnum }
  end, vim.fn.getqflist()),
  notes = notes,
})

-- the command form of impact, as clients without custom requests use it
if vim.tbl_contains(served.commands, 'hive.impact') then
  record('impactViaCommand', sync('workspace/executeCommand', {
    command = 'hive.impact', arguments = { pricing, at_with_tax.position },
  }, pricing_buf))
end

-- :HiveTestsFor file: the tests reaching shop/pricing.py, into the quickfix list
vim.cmd('cclose') -- :HiveImpact left the cursor in the quickfix window
vim.api.nvim_set_current_buf(pricing_buf)
vim.fn.setqflist({}, 'r', { title = '', items = {} })
notes = {}
local tests_asked = vim.tbl_contains(served.methods, 'hive/testsFor')
if tests_asked then
  vim.cmd('HiveTestsFor file')
  vim.wait(10000, function() return vim.fn.getqflist({ title = 0 }).title == 'hive-ls tests for this change' end, 20)
end
record('testsForCommand', {
  asked = tests_asked,
  quickfix = vim.tbl_map(function(item) return { text = item.text, lnum = item.lnum } end, vim.fn.getqflist()),
  notes = notes,
})

-- :checkhealth vim.lsp lists the configuration
vim.cmd('checkhealth vim.lsp')
record('health', table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n'))
finish(0)
