-- Run by the `nvim` shim of tests/editors/test_readme_steps.py after the user's own init.lua. Once Neovim has
-- started, wait for goenv-lsp's diagnostic (as a user waits for the sign), then run editors/README.md's verify
-- commands ($GOENV_TEST_COMMANDS, a JSON list of Ex commands) one after the other and record what each shows:
-- its output, and the name and lines of the buffer the cursor is in afterwards. Written to $GOENV_TEST_OUT.
local result = { steps = {} }

local function from_goenv_lsp(buf)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == 'goenv-lsp' then return true end
  end
  return false
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  result.file, result.filetype = vim.api.nvim_buf_get_name(buf), vim.bo[buf].filetype
  local start = vim.loop.hrtime()
  result.shown = vim.wait(20000, function() return from_goenv_lsp(buf) end, 50)
  result.waited_ms = math.floor((vim.loop.hrtime() - start) / 1e6)
  for _, command in ipairs(vim.fn.json_decode(os.getenv('GOENV_TEST_COMMANDS'))) do
    local output = vim.fn.execute(command)
    local now = vim.api.nvim_get_current_buf()
    table.insert(result.steps, { command = command, output = output, buffer = vim.api.nvim_buf_get_name(now),
                                 lines = vim.api.nvim_buf_get_lines(now, 0, -1, false) })
  end
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = xpcall(run, debug.traceback)
    if not ok then result.error = err end
    result.messages = vim.fn.execute('messages')
    local f = assert(io.open(os.getenv('GOENV_TEST_OUT'), 'w'))
    f:write(vim.fn.json_encode(result))
    f:close()
    vim.cmd('qa!')
  end,
})
