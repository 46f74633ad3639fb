-- goenv-lsp for Neovim 0.11+ (vim.lsp.config / vim.lsp.enable).
-- Put this directory's parent (editors/nvim) on 'runtimepath', or copy this file to
-- ~/.config/nvim/lsp/goenv_lsp.lua, then in init.lua:  vim.lsp.enable('goenv_lsp')
-- Override fields with vim.lsp.config('goenv_lsp', { init_options = { trusted = true } }).

-- The files the server reads and puts diagnostics on. JSON, XML and TOML buffers attach only when they
-- are one of these, so ordinary JSON files never start the server.
local function wanted(name)
  return name:match('/%.vscode/settings%.json$') or name:match('/%.idea/workspace%.xml$')
    or name:match('/goenv%-lsp%.toml$') or name:match('/go%.mod$') or name:match('/go%.work$')
    or name:match('%.go$')
end

---@type vim.lsp.Config
return {
  cmd = { 'goenv-lsp' },
  filetypes = { 'go', 'gomod', 'gowork', 'json', 'jsonc', 'xml', 'toml' },
  root_dir = function(bufnr, on_dir)
    local name = vim.api.nvim_buf_get_name(bufnr)
    if not wanted(name) then
      return
    end
    local editor_dir = name:match('^(.*)/%.vscode/') or name:match('^(.*)/%.idea/')
    on_dir(vim.fs.root(bufnr, { 'go.work', 'go.mod', '.git' }) or editor_dir or vim.fs.dirname(name))
  end,
  -- initializationOptions: trusted, editorSettings, select, ignore, severity, probeTimeout (editors/README.md)
  init_options = { trusted = false },
  -- answered to the server's workspace/configuration request for the "goenv" section
  settings = { goenv = {} },
}
