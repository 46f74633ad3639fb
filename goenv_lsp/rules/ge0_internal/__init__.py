"""GE0xx: goenv-lsp itself — probes that failed, files it cannot read, binaries it refused to run."""
