"""Parsers of go command output (``go version``, ``go version -m``, ``go env -json``): shared by the probe and
by inputs that read pasted text. File parsers live with their file kinds in ``goenv_lsp.files``."""
