-- Headless Neovim scenario for tests/editors (0.7 and 0.11): open the file given on the command line with
-- goenv-lsp attached through editors/nvim, wait for the $GOENV_LSP_EXPECT diagnostic, and if $GOENV_LSP_FIX
-- is set apply the code action whose title starts with it using Neovim's own LSP code, :write, and wait for
-- the diagnostic to go away. With no $GOENV_LSP_EXPECT (a healthy workspace), wait for the server to attach
-- and answer goenv.report (it waits for its probes), then record what is shown. Everything observed goes to
-- the JSON file $GOENV_LSP_OUT.
local expect, fix = os.getenv('GOENV_LSP_EXPECT'), os.getenv('GOENV_LSP_FIX') or ''
local v = vim.version()
local result = { nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch), publishes = {}, timings = {} }
local t0 = vim.loop.hrtime()
local function mark(name) result.timings[name] = math.floor((vim.loop.hrtime() - t0) / 1e6) end

vim.opt.runtimepath:prepend(os.getenv('GOENV_LSP_EDITORS') .. '/nvim')
local cmd = vim.fn.json_decode(os.getenv('GOENV_LSP_CMD'))
if vim.lsp.config and os.getenv('GOENV_LSP_NVIM_SETUP') ~= 'module' then
  vim.lsp.config('goenv_lsp', { cmd = cmd }) -- editors/nvim/lsp/goenv_lsp.lua with our server command
  vim.lsp.enable('goenv_lsp')
else
  require('goenv_lsp').setup({ cmd = cmd })
end

-- record every publish (version, codes) on its way to the built-in handler
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  local codes = {}
  for _, d in ipairs(params.diagnostics) do table.insert(codes, d.code) end
  table.insert(result.publishes, { uri = params.uri, version = params.version or vim.NIL, codes = codes })
  return publish(err, params, ctx, config)
end

local function diagnostics(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, { code = d.code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
                         severity = d.severity, source = d.source, message = d.message })
  end
  return list
end

local function has(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code then return d end
  end
end

local function get_clients(buf)
  return vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf)
end

-- 0.7: request the actions, resolve if needed, apply the edit with vim.lsp.util
local function apply_manually(buf, d)
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum) }
  for _, lsp_diag in ipairs(params.context.diagnostics) do
    if lsp_diag.code == expect then params.range = lsp_diag.range end
  end
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 5000) or {}
  for client_id, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      table.insert(result.actions, action.title)
      if not result.chosen and action.title:sub(1, #fix) == fix then
        local client = vim.lsp.get_client_by_id(client_id)
        result.chosen = { title = action.title, had_edit = action.edit ~= nil }
        if not action.edit then
          local resolved = client.request_sync('codeAction/resolve', action, 5000, buf)
          assert(resolved and resolved.result, 'codeAction/resolve failed: ' .. vim.inspect(resolved))
          action = resolved.result
        end
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
      end
    end
  end
end

-- 0.11: vim.lsp.buf.code_action with a filter and apply=true resolves and applies by itself
local function apply_builtin(d)
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  vim.lsp.buf.code_action({
    context = { only = { 'quickfix' } },
    apply = true,
    filter = function(action)
      table.insert(result.actions, action.title)
      local match = action.title:sub(1, #fix) == fix
      if match then result.chosen = { title = action.title, had_edit = action.edit ~= nil } end
      return match
    end,
  })
end

local function settle_quiet(buf)
  assert(vim.wait(15000, function() return next(get_clients(buf)) ~= nil end, 20), 'goenv-lsp did not attach')
  local _, client = next(get_clients(buf))
  local answer = client.request_sync('workspace/executeCommand', { command = 'goenv.report' }, 15000, buf)
  assert(answer and answer.result, 'goenv.report failed: ' .. vim.inspect(answer))
  vim.wait(200, function() return false end, 20) -- anything published with the report has been handled
  result.clients = { { name = client.name, root_dir = client.config.root_dir } }
  result.before = diagnostics(buf)
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
  if expect == nil or expect == '' then return settle_quiet(buf) end
  local found = vim.wait(15000, function() return has(buf, expect) ~= nil end, 20)
  mark('diagnostic')
  result.clients = {}
  for _, c in pairs(get_clients(buf)) do -- 0.7 returns a table keyed by client id
    table.insert(result.clients, { name = c.name, root_dir = c.config.root_dir, offset_encoding = c.offset_encoding })
  end
  result.before = diagnostics(buf)
  assert(found, 'no ' .. expect .. ' diagnostic within 15 s')
  if fix == '' then return end
  result.actions = {}
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  if vim.fn.has('nvim-0.11') == 1 then apply_builtin(has(buf, expect)) else apply_manually(buf, has(buf, expect)) end
  assert(vim.wait(5000, function() return vim.api.nvim_buf_get_changedtick(buf) ~= tick end, 20),
         'the code action changed nothing')
  mark('applied')
  vim.cmd('write')
  result.gone = vim.wait(10000, function() return has(buf, expect) == nil end, 20)
  mark('gone')
  result.after = diagnostics(buf)
  assert(result.gone, expect .. ' still there 10 s after the fix')
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
