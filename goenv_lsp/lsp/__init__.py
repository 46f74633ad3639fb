"""The language server: translates engine findings into LSP diagnostics, code actions, hovers, commands."""
