"""One module per language-server feature; each has ``register(server, session)`` and imports neither the
server module nor another feature."""

from __future__ import annotations

from pygls.lsp.server import LanguageServer

from goenv_lsp.lsp.features import code_actions, commands, documents, hover, lifecycle, status, watching
from goenv_lsp.lsp.session import Session

FEATURES = (lifecycle, documents, code_actions, hover, commands, watching, status)


def register_all(server: LanguageServer, session: Session) -> None:
    for feature in FEATURES:
        feature.register(server, session)
