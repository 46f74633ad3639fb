-- Headless Neovim scenario for tests/editors/test_neovim_watch.py (0.7 and 0.11): open main.go (go.mod is not
-- in a buffer) with goenv-lsp attached through editors/nvim, wait for $GOENV_LSP_EXPECT on go.mod and for the
-- server's own watch of the workspace (Neovim on Linux registers no file watchers). Then, for each step, write
-- $GOENV_LSP_READY.<n> and wait until the test — outside the editor — has rewritten go.mod and the diagnostic
-- is gone (step 1) or back (step 2); the wall-clock time it was seen goes to the JSON file $GOENV_LSP_OUT.
local expect, ready = os.getenv('GOENV_LSP_EXPECT'), os.getenv('GOENV_LSP_READY')
local gomod_uri = vim.uri_from_fname(os.getenv('GOENV_LSP_GOMOD'))
local v = vim.version()
local result = { nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch), publishes = {}, logs = {}, seen = {} }

local function now()
  local seconds, micros = vim.loop.gettimeofday()
  return seconds + micros / 1e6
end

vim.opt.runtimepath:prepend(os.getenv('GOENV_LSP_EDITORS') .. '/nvim')
local cmd = vim.fn.json_decode(os.getenv('GOENV_LSP_CMD'))
if vim.lsp.config then
  vim.lsp.config('goenv_lsp', { cmd = cmd })
  vim.lsp.enable('goenv_lsp')
else
  require('goenv_lsp').setup({ cmd = cmd })
end

local codes_now = nil -- the codes last published for go.mod
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  local codes = {}
  for _, d in ipairs(params.diagnostics) do table.insert(codes, d.code) end
  table.insert(result.publishes, { uri = params.uri, codes = codes, at = now() })
  if params.uri == gomod_uri then codes_now = codes end
  return publish(err, params, ctx, config)
end
local log_message = vim.lsp.handlers['window/logMessage']
vim.lsp.handlers['window/logMessage'] = function(err, params, ctx, config)
  table.insert(result.logs, params.message)
  return log_message(err, params, ctx, config)
end

local function has(code)
  for _, c in ipairs(codes_now or {}) do
    if c == code then return true end
  end
  return false
end

local function watching()
  for _, message in ipairs(result.logs) do
    if message:find('of the workspace)', 1, true) then return true end
  end
  return false
end

local function step(n, want)
  local f = assert(io.open(ready .. '.' .. n, 'w'))
  f:write(string.format('%.6f', now()))
  f:close()
  local ok = vim.wait(15000, function() return has(expect) == want end, 10)
  result.seen[n] = ok and string.format('%.6f', now()) or vim.NIL -- a string: json_encode rounds big floats
  assert(ok, string.format('step %d: %s %s 15 s after go.mod was written', n, expect, want and 'absent' or 'present'))
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
  assert(vim.wait(20000, function() return has(expect) end, 20), 'no ' .. expect .. ' on go.mod within 20 s')
  assert(vim.wait(10000, watching, 20), 'the server did not say it watches the workspace')
  result.gomod_loaded = vim.fn.bufloaded(vim.uri_to_bufnr(gomod_uri)) == 1
  step(1, false) -- the test lowers the go line: the finding goes
  step(2, true) -- … and raises it again: it is back
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(vim.uri_to_bufnr(gomod_uri))) do table.insert(diagnostics, d.code) end
  result.store = diagnostics -- what vim.diagnostic holds for the go.mod buffer (not loaded)
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = xpcall(run, debug.traceback)
    if not ok then result.error = err end
    result.messages = vim.fn.execute('messages')
    local f = assert(io.open(os.getenv('GOENV_LSP_OUT'), 'w'))
    f:write(vim.fn.json_encode(result))
    f:close()
    vim.cmd('qa!')
  end,
})
