from goenv_lsp.cli import entry

entry()
