"""goenv-lsp: find Go environment mistakes before the go command and gopls fail on them."""

__version__ = "0.2.0"
