"""The triage readers and pipeline on arbitrary pasted text: findings on lines of the paste, never a crash."""

from __future__ import annotations

from pathlib import Path

from goenv_lsp.model import Finding
from goenv_lsp.triage.paste import clean_lines, limited, split_lines
from goenv_lsp.triage.run import READER_FAILED, triage

from ..checks import require
from . import Target

FIXTURES = Path(__file__).resolve().parents[2] / "triage" / "fixtures"
TOKENS = (
    b"```", b"~~~", b"> ", b"> > ", b"<details>", b"<summary>go env</summary>", b"$ ", b"PS C:\\> ", b"set ",
    b"GOPATH=", b"GOROOT='", b"'\\''", b'"GOROOT": "', b"\",\n", b"go version go1.22.10 linux/amd64", b"C:\\Go",
    b"golang.org/x/tools/gopls v0.16.1", b"    golang.org/x/tools/gopls@v0.16.1", b"go: go1.19.5", b"\tpath\t",
    b"\tmod\t", b": go1.21.3", b"which -a go", b"/usr/local/go/bin/go", b"PATH=", b"%%", b"^&", b"\r\n", b"\n",
    b"gopls version: v0.7.0 (go1.16.3)", b"environment: Visual Studio Code win32", b"GOHOSTOS='windows'",
)


def _seeds() -> tuple[bytes, ...]:
    return tuple(p.read_bytes() for p in sorted(FIXTURES.glob("*.txt")))


def _inside(finding: Finding, lines: list[str]) -> bool:
    start, end = finding.location.range.start, finding.location.range.end
    return 0 <= start.line <= end.line < max(1, len(lines))


def run_triage(text: bytes | str) -> object:
    assert isinstance(text, str)
    require(len(clean_lines(limited(text)[0])) == len(split_lines(limited(text)[0])), "clean_lines not one for one")
    result = triage(text, "paste.md")
    lines = split_lines(result.draft.text)
    require(not any(n.startswith(READER_FAILED) for n in result.notes), f"a reader raised: {result.notes}")
    for graded in result.findings:
        require(graded.confidence in ("high", "medium", "low"), f"confidence {graded.confidence!r}")
        require(graded.finding.code != "GE000", f"a rule crashed: {graded.finding.message}")
        require(graded.finding.location.path == "paste.md" and _inside(graded.finding, lines),
                f"finding outside the paste: {graded.finding.location}")
    return result


def _big(n: int) -> bytes:
    return b"".join(b"> GOX%d='v'\n" % i if i % 3 else b"set GOPATH=C:\\Go\n" for i in range(n))


def target() -> Target:
    return Target("triage", run_triage, _seeds, TOKENS, text=True, big=_big,
                  call=lambda text: triage(text))  # type: ignore[arg-type]
