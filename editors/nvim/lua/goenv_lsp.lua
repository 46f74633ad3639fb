-- goenv-lsp for Neovim 0.7–0.10 (no vim.lsp.config). Copy to ~/.config/nvim/lua/goenv_lsp.lua, then:
--   require('goenv_lsp').setup()                      -- or setup({ cmd = { '/path/to/goenv-lsp' } })
-- Uses vim.lsp.start (0.8+) when present, else vim.lsp.start_client + vim.lsp.buf_attach_client (0.7).
local M = {}

local FILETYPES = { 'go', 'gomod', 'gowork', 'json', 'jsonc', 'xml', 'toml' }
local clients = {} -- root → client id (0.7 only; vim.lsp.start reuses clients itself)

local function wanted(name)
  return name:match('/%.vscode/settings%.json$') or name:match('/%.idea/workspace%.xml$')
    or name:match('/goenv%-lsp%.toml$') or name:match('/go%.mod$') or name:match('/go%.work$')
    or name:match('%.go$')
end

local function root_of(name)
  local dir = vim.fn.fnamemodify(name, ':h')
  for _, marker in ipairs({ 'go.work', 'go.mod' }) do
    local found = vim.fn.findfile(marker, dir .. ';')
    if found ~= '' then
      return vim.fn.fnamemodify(found, ':p:h')
    end
  end
  local git = vim.fn.finddir('.git', dir .. ';')
  return git ~= '' and vim.fn.fnamemodify(git, ':p:h:h')
    or name:match('^(.*)/%.vscode/') or name:match('^(.*)/%.idea/') or dir
end

function M.setup(opts)
  local config = vim.tbl_extend('force', {
    name = 'goenv_lsp',
    cmd = { 'goenv-lsp' },
    init_options = { trusted = false }, -- see editors/README.md
    settings = { goenv = {} },
  }, opts or {})
  vim.api.nvim_create_autocmd('FileType', {
    pattern = FILETYPES,
    callback = function(args)
      local name = vim.api.nvim_buf_get_name(args.buf)
      if not wanted(name) then
        return
      end
      local root = root_of(name)
      local start = vim.tbl_extend('force', config, { root_dir = root })
      if vim.lsp.start then
        vim.lsp.start(start, { bufnr = args.buf })
        return
      end
      clients[root] = clients[root] or vim.lsp.start_client(start)
      vim.lsp.buf_attach_client(args.buf, clients[root])
    end,
  })
end

return M
