"""The triage readers for editor output, file fragments and error lines (goenv_lsp/triage/vscode_tools.py,
fragments.py, errors.py): any pasted text gives a well-formed draft, the same twice, and findings from its signals."""

from __future__ import annotations

from collections.abc import Sequence

from goenv_lsp.triage import errors, fragments, vscode_tools
from goenv_lsp.triage.draft import Draft, Span

from .. import corpus
from ..checks import require, same
from . import Target

FIXTURES = corpus.REPO / "tests" / "triage" / "fixtures"
READERS = {"vscode-tools": vscode_tools, "fragments": fragments, "errors": errors}
TOKENS = (
    b"# Tools Configuration\n", b"## Tools\n", b"## Go env\n", b"Checking configured tools....\n",
    b"GOBIN: undefined\n", b"gopath: /home/dev/go\n", b"GOROOT: C:\\Go\n", b"PATH: /a:/b\n",
    b"\tgopls:\t/x/gopls\t(version: v0.4.0 built with go: go1.12)\n",
    b"\tgo:\t/x/go: go version go1.22.1 linux/amd64\n", b"not installed", b" installed\n",
    b"Workspace Folder (a): /w\n", b'"go.goroot": "/x",\n', b'"gopls": {', b"{", b"}", b"//", b"/*", b"module m\n",
    b"go 1.22\n", b"require (\n", b")\n", b"use ./a\n", b"go.mod:\n", b"go.work\n", b"requires go >= 1.30.0 ",
    b"(running go 1.21.13; GOTOOLCHAIN=local)", b'compile: version "go1.22" does not match go tool version "go1.21"',
    b"warning: GOPATH set to GOROOT (/x) has no effect", b"410 Gone", b"\n", b"\r\n", b"\t", b"> ",
)


def run(text: bytes | str) -> object:
    assert isinstance(text, str)
    lines = text.splitlines()
    draft = _read(lines, text)
    same(repr(_read(lines, text)), repr(draft), "the draft")
    for span in draft.seen:
        _span(span, lines)
    for tool in draft.tools:
        _span(tool.span, lines)
        require(tool.name and tool.installed in (True, False, None), f"tool {tool!r}")
    for fragment in draft.fragments:
        _span(fragment.span, lines)
        require(fragment.kind in ("go.mod", "go.work", "vscode-settings"), f"fragment kind {fragment.kind}")
    for signal in draft.signals:
        _span(signal.span, lines)
        require(signal.span.start == signal.span.end and isinstance(signal.text, str), f"signal {signal!r}")
        require(all(isinstance(k, str) and isinstance(v, str) for k, v in signal.values.items()), "signal values")
    require(all(isinstance(k, str) and isinstance(v, str) for k, v in draft.tool_env.items()), "tool_env")
    graded = errors.findings_from_signals(draft, set())
    require(all(g.confidence in ("medium", "low") and g.confirm for g in graded), "graded findings")
    require(len({g.finding.code for g in graded}) == len(graded), "one finding per code")
    return draft


def _read(lines: Sequence[str], text: str) -> Draft:
    draft = Draft(text)
    for reader in READERS.values():
        reader.read(lines, draft)
    return draft


def _span(span: Span, lines: Sequence[str]) -> None:
    require(0 <= span.start <= span.end < max(len(lines), 1), f"span {span} outside {len(lines)} lines")


def seeds() -> tuple[bytes, ...]:
    return tuple(p.read_bytes() for p in sorted(FIXTURES.rglob("*")) if p.is_file() and p.suffix in (".txt", ".md"))


def big(n: int) -> bytes:
    """n lines: a report, a settings fragment, a go.mod and error lines, over and over, prose between."""
    units = ("# Tools Configuration", "GOBIN: undefined", "gopath: /home/dev/go",
             "\tgopls:\t/home/dev/go/bin/gopls\t(version: v0.4.0 built with go: go1.12.17)", "",
             '"go.goroot": "/usr/local/go",', "module example.com/m", "go 1.22.0", "",
             "go: go.mod requires go >= 1.30.0 (running go 1.21.13; GOTOOLCHAIN=local)", "some prose line")
    return "\n".join(units[i % len(units)] for i in range(n)).encode()


def targets() -> list[Target]:
    return [Target("triage-readers", run, seeds, TOKENS, text=True, big=big,
                   call=lambda text: _read(text.splitlines(), text))]  # type: ignore[arg-type,union-attr]
