"""Helpers for pytest-lsp sessions against the real server process, with an environment chosen per test.

Imported by name (`from lsp_harness import …`): several conftest modules exist, so `from conftest` is ambiguous."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import warnings
from pathlib import Path
from typing import Union

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, LspSpecificationWarning
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

REPO = Path(__file__).resolve().parents[2]
CLIENTS = ("visual_studio_code", "neovim")  # recorded capability sets every end-to-end test runs with

# The machine most fake-machine tests run on: go 1.22.10 first on PATH, go 1.27.3 installed next to it, no
# gopls. HOME (and so the GOENV file) and the workspace are real directories under the test's tmp_path
# (passthrough), so tests write them as a user would and the server's watcher sees the changes.
MACHINE = """
[env]
HOME = "@HOME@"
PATH = "/usr/local/go1.22.10/bin:/usr/bin:/bin"
[[go]]
root = "/usr/local/go1.22.10"
version = "1.22.10"
[[go]]
root = "/usr/local/go1.27.3"
version = "1.27.3"
[passthrough]
dirs = ["@TMP@"]
"""
GO122, GO127 = "/usr/local/go1.22.10", "/usr/local/go1.27.3"
# a healthy recorded machine: go 1.27.3 and a gopls built with it, nothing else
HEALTHY_MACHINE = """
[env]
HOME = "@HOME@"
PATH = "/usr/local/go/bin:/usr/local/bin:/usr/bin:/bin"
[[go]]
root = "/usr/local/go"
version = "1.27.3"
[[gopls]]
path = "/usr/local/bin/gopls"
built_with = "go1.27.3"
module_version = "v0.23.0"
[passthrough]
dirs = ["@TMP@"]
"""


def fake_machine(tmp_path: Path, text: str = MACHINE, **substitutions: str) -> Path:
    """Write a FakeSystem fixture (goenv_lsp/probe/fake.py) for the server; ``@TMP@`` is tmp_path, ``@HOME@``
    tmp_path/home (created), ``@NAME@`` the other substitutions. Returns the fixture's path."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    for name, value in {"TMP": str(tmp_path), "HOME": str(home), **substitutions}.items():
        text = text.replace(f"@{name}@", value)
    machine = tmp_path / "machine.toml"
    machine.write_text(text)
    return machine


def fake_server(machine: Path, *extra: str) -> tuple[str, ...]:
    """``python_args`` for ``session``: the real server process, probing the recorded machine."""
    return ("-m", "goenv_lsp", "--test-system", str(machine), *extra)


def goenv_file(tmp_path: Path, **pairs: str) -> Path:
    """The fake machine's GOENV file (its default place under HOME), written as `go env -w` leaves it."""
    path = tmp_path / "home" / ".config" / "go" / "env"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{k}={v}\n" for k, v in sorted(pairs.items())))
    return path


def client_caps(spec: str | lsp.ClientCapabilities) -> lsp.ClientCapabilities:
    return pytest_lsp.client_capabilities(spec) if isinstance(spec, str) else spec


@contextlib.asynccontextmanager
async def session(env: dict[str, str], root: Path, capabilities: str | lsp.ClientCapabilities = "visual_studio_code",
                  init_options: object = None, configuration: dict | None = None,
                  folders: list[Path] | None = None,
                  python_args: tuple[str, ...] = ("-m", "goenv_lsp", "--test-no-well-known"),
                  python_path: tuple[Path, ...] = (), notifications: tuple[str, ...] = ()):
    """Start `python -m goenv_lsp --stdio` in ``env``, initialize it on ``root`` (or on ``folders``), shut it
    down after. Any LspSpecificationWarning (the server used something the client did not declare) fails.
    The params of custom ``notifications`` (methods outside LSP) are kept in ``client.custom[method]``, in order."""
    client = LanguageClient(converter_factory=default_converter)
    client.publications = []  # type: ignore[attr-defined]  # every publishDiagnostics, in order
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _published})
    _fix_code_action_structuring(client)
    client.registrations = []  # type: ignore[attr-defined]

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:  # VS Code accepts dynamic registrations
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    client.custom = {method: [] for method in notifications}  # type: ignore[attr-defined]
    for method in notifications:
        client.feature(method)(lambda params, method=method: client.custom[method].append(params))  # type: ignore[attr-defined]

    if configuration is not None:
        client.set_configuration(configuration, section="goenv")
    folders = folders if folders is not None else [root]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LspSpecificationWarning)
        pythonpath = os.pathsep.join(str(p) for p in (REPO, *python_path))
        await client.start_io(sys.executable, *python_args, "--stdio", "--log-level", "debug",
                              env={**env, "PYTHONPATH": pythonpath}, cwd=str(root))
        try:
            await client.initialize_session(lsp.InitializeParams(
                capabilities=client_caps(capabilities), root_uri=root.as_uri(),
                workspace_folders=[lsp.WorkspaceFolder(uri=f.as_uri(), name=f.name) for f in folders],
                initialization_options=init_options))
            yield client
        finally:
            try:
                await asyncio.wait_for(client.shutdown_session(), 10)
            finally:
                await client.stop()
    for w in caught:  # other warnings go on to pytest as usual
        if not issubclass(w.category, LspSpecificationWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    problems = [str(w.message) for w in caught if issubclass(w.category, LspSpecificationWarning)]
    assert not problems, f"LspSpecificationWarning: {problems}"


def _published(client: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
    """pytest-lsp's handler keeps only the last publication per URI; this one also keeps them all."""
    client.publications.append((params.uri, list(params.diagnostics)))  # type: ignore[attr-defined]
    client.diagnostics[params.uri] = params.diagnostics


def _fix_code_action_structuring(client: LanguageClient) -> None:
    """lsprotocol 2025.0.0 turns every code action that has a ``command`` into a ``Command`` (its hook tests
    ``"command" in obj``); clients tell them apart by the type of ``command`` (a string only in Command)."""
    converter = client.protocol._converter

    def hook(obj, _):
        kind = lsp.Command if isinstance(obj.get("command"), str) else lsp.CodeAction
        return converter.structure(obj, kind)

    converter.register_structure_hook(Union[lsp.Command, lsp.CodeAction], hook)  # noqa: UP007


async def wait_for(client: LanguageClient, uri: str, predicate, timeout: float = 20.0) -> list[lsp.Diagnostic]:
    """Wait until the diagnostics published for ``uri`` satisfy ``predicate``; return them."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        diagnostics = client.diagnostics.get(uri, [])
        if predicate(diagnostics):
            return diagnostics
        if loop.time() > deadline:
            pytest.fail(f"timed out waiting for diagnostics on {uri}; last: {[d.message for d in diagnostics]}")
        await asyncio.sleep(0.02)


async def wait_until(condition, timeout: float = 20.0, what: str = "condition") -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def watching(client: LanguageClient, count: int = 1) -> None:
    """Wait until the server's own watcher has started (``count`` times): it logs when it does."""
    await wait_until(lambda: sum("watching" in m.message for m in client.log_messages) >= count,
                     what="the environment watcher to start")


def published_codes(client: LanguageClient, uri: str) -> list[str]:
    """Every code ever published for ``uri`` (not only the last publication)."""
    return [str(d.code) for published, diagnostics in client.publications  # type: ignore[attr-defined]
            if published == uri for d in diagnostics]


def codes(diagnostics: list[lsp.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def open_document(client: LanguageClient, path: Path, language_id: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(
        uri=uri, language_id=language_id, version=version, text=path.read_text())))
    return uri


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 columns) to ``text``, as an editor does."""
    from fixhelp import apply_edits as apply

    from goenv_lsp.model import Position, Range

    def ours(value: lsp.Range) -> Range:
        return Range(Position(value.start.line, value.start.character), Position(value.end.line, value.end.character))

    return apply(text, [(ours(e.range), e.new_text) for e in edits])


async def quick_fixes(client: LanguageClient, uri: str, diagnostic: lsp.Diagnostic) -> list[lsp.CodeAction]:
    result = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri), range=diagnostic.range,
        context=lsp.CodeActionContext(diagnostics=[diagnostic])))
    return [a for a in result or () if isinstance(a, lsp.CodeAction)]


def without_resolve(spec: str) -> lsp.ClientCapabilities:
    """A recorded capability set minus codeAction/resolve and relatedInformation support."""
    caps = pytest_lsp.client_capabilities(spec)
    caps.text_document.code_action.resolve_support = None
    caps.text_document.code_action.data_support = None
    caps.text_document.publish_diagnostics.related_information = False
    return caps


def write_workspace(ws: Path, go_line: str | None = "1.27.3", goroot_setting: Path | None = None) -> Path:
    """A workspace with go.mod (``go <go_line>``) and, if given, .vscode/settings.json naming ``go.goroot``."""
    ws.mkdir(parents=True, exist_ok=True)
    if go_line is not None:
        (ws / "go.mod").write_text(f"module example.com/{ws.name}\n\ngo {go_line}\n")
    if goroot_setting is not None:
        (ws / ".vscode").mkdir(exist_ok=True)
        (ws / ".vscode" / "settings.json").write_text(
            '{\n  // pinned by someone\n  "go.goroot": "' + str(goroot_setting) + '",\n}\n')
    return ws
