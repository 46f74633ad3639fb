"""pytest-lsp sessions against the real server process, with an environment chosen per test."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient, make_test_lsp_client

REPO = Path(__file__).resolve().parents[2]


@contextlib.asynccontextmanager
async def session(env: dict[str, str], root: Path, capabilities: str = "visual_studio_code",
                  init_options: object = None, configuration: dict | None = None):
    """Start `python -m goenv_lsp --stdio` in ``env``, initialize it on ``root``, shut it down after."""
    client: LanguageClient = make_test_lsp_client()
    if configuration is not None:
        client.set_configuration(configuration, section="goenv")
    await client.start_io(sys.executable, "-m", "goenv_lsp", "--stdio", "--log-level", "debug",
                          env={**env, "PYTHONPATH": str(REPO)}, cwd=str(root))
    await client.initialize_session(lsp.InitializeParams(
        capabilities=pytest_lsp.client_capabilities(capabilities), root_uri=root.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        initialization_options=init_options))
    try:
        yield client
    finally:
        await client.shutdown_session()


async def wait_for(client: LanguageClient, uri: str, predicate, timeout: float = 20.0) -> list[lsp.Diagnostic]:
    """Wait until the diagnostics published for ``uri`` satisfy ``predicate``; return them."""
    import asyncio

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        diagnostics = client.diagnostics.get(uri, [])
        if predicate(diagnostics):
            return diagnostics
        if loop.time() > deadline:
            pytest.fail(f"timed out waiting for diagnostics on {uri}; last: {[d.message for d in diagnostics]}")
        await asyncio.sleep(0.05)


def codes(diagnostics: list[lsp.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)
