"""Input sets several rules share (``Rule.needs``)."""

from __future__ import annotations

from goenv_lsp.rules.registry import Input

# What toolchain selection reads: the go that runs, GOTOOLCHAIN from every layer, the scope's go.mod / go.work
TOOLCHAIN_INPUTS = (Input.GO_BINARIES, Input.ENVIRONMENT, Input.MODULES, "go.mod", "go.work", "goenv", "go.env")
# What the gopls advice reads (_shared.gopls: which gopls to install, with which go — toolchain selection)
GOPLS_ADVICE_INPUTS = (Input.GOPLS, *TOOLCHAIN_INPUTS)
