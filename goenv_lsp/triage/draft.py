"""What a paste says, gathered by the readers, before it becomes partial ``Facts``.

The contract between the reader modules: each reader records on the ``Draft`` what it recognised,
with the 0-based line range of the paste it read it from (``Span``). A reader is a module with
``read(lines: Sequence[str], draft: Draft) -> None``; ``lines`` are the paste's lines cleaned by ``paste``
(``>`` quote markers and fence lines removed), one for one with the pasted lines, so line numbers hold.
Nothing is guessed: what the paste does not show stays absent (``None`` in the facts), so the rules that need it
stay silent.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """Lines ``start``..``end`` (0-based, inclusive) of the pasted text, and what was read there."""

    start: int
    end: int
    what: str  # "go env", "go env -json", "go version", "go version -m", "gopls version", "vscode-go tools", …


@dataclass(frozen=True)
class Tool:
    """A tool the paste names (a vscode-go tools report line, `go version -m` of a binary)."""

    name: str  # "gopls", "dlv", "staticcheck", "go"
    span: Span
    path: str | None = None
    installed: bool | None = None  # the report says "installed" / "not installed"
    module_path: str | None = None  # "golang.org/x/tools/gopls"
    module_version: str | None = None  # "v0.16.1", "(devel)"
    go_version: str | None = None  # the Go that built it, "go1.21.3"


@dataclass(frozen=True)
class Fragment:
    """A piece of a file the paste shows: a go.mod, go.work or .vscode/settings.json fragment."""

    kind: str  # a file kind name: "go.mod", "go.work", "vscode-settings"
    text: str  # as pasted (for settings: a JSON object text, the outer braces added when missing)
    span: Span


@dataclass(frozen=True)
class Signal:
    """One of the go command's or gopls' own error lines, recognised (``errors.SIGNALS``)."""

    name: str  # e.g. "go-mod-requires-newer", "compile-version-mismatch", "gopath-is-goroot"
    span: Span
    text: str  # the line as pasted (secrets redacted)
    values: dict[str, str] = field(default_factory=dict)  # what the line names: {"need": "1.22", "have": "1.21"}
    rules: tuple[str, ...] = ()  # the rule codes whose findings it confirms


@dataclass
class Draft:
    text: str  # the whole paste
    name: str = "<paste>"  # how locations name the paste ("-" read from stdin → "<stdin>")
    go_env: dict[str, str] = field(default_factory=dict)  # `go env` values, first dump wins per key
    go_env_spans: list[Span] = field(default_factory=list)
    go_env_complete: bool | None = None  # a whole dump (False: truncated or a few lines; None: none seen)
    go_env_style: str | None = None  # "posix-double" (< 1.21), "posix-single" (1.21+), "windows-set", "json"
    go_version: str | None = None  # "go1.22.10" from a `go version` line (or GOVERSION)
    go_platform: tuple[str, str] | None = None  # ("linux", "amd64") from the `go version` line
    go_path: str | None = None  # where the go that runs is, when the paste says (which -a's first line, …)
    path_candidates: list[str] = field(default_factory=list)  # every go `which -a` / `where go` lists, in order
    path_entries: list[str] | None = None  # PATH, when the paste shows it
    tools: list[Tool] = field(default_factory=list)
    tool_env: dict[str, str] = field(default_factory=dict)  # vscode-go report: GOBIN, toolsGopath, gopath, GOROOT
    fragments: list[Fragment] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    host_os: str | None = None  # inferred: GOHOSTOS, a `set` dump, drive letters, the go version line
    seen: list[Span] = field(default_factory=list)  # every block a reader recognised (the rest is prose)
    # added by the triage core
    go_env_lines: dict[str, int] = field(default_factory=dict)  # the line each `go env` key was read from
    host_os_shown: bool = False  # host_os was printed (GOHOSTOS, `go version`), not inferred from path style
    go_version_span: Span | None = None  # the `go version` line (or the GOVERSION line)
    go_path_span: Span | None = None  # the `which -a` / `where go` block
    path_span: Span | None = None  # the PATH line
    versions_by_path: dict[str, str] = field(default_factory=dict)  # `$ /usr/local/go/bin/go version` → go1.23.1
    notes: list[str] = field(default_factory=list)  # what the reading left out ("only the first 50,000 lines…")

    def note(self, span: Span) -> None:
        self.seen.append(span)

    def set_host(self, goos: str, shown: bool) -> None:
        """The OS the paste came from: the first one shown (GOHOSTOS, `go version`), else the first inferred."""
        goos = goos.strip().lower()
        if goos and (self.host_os is None or (shown and not self.host_os_shown)):
            self.host_os, self.host_os_shown = goos, shown

    def facts(self):  # -> goenv_lsp.facts.Facts
        """The partial facts the paste shows (``Provenance.REPORTED``; everything not shown is None)."""
        from goenv_lsp.triage.facts import build

        return build(self)


@dataclass(frozen=True)
class Graded:
    """A triage finding with how sure it is (``high|medium|low``) and, when it hedges, what would confirm it."""

    finding: object  # goenv_lsp.model.Finding
    confidence: str
    confirm: str | None = None  # what to ask the reporter for ("the output of `go env GOROOT`")
    signals: tuple[Signal, ...] = ()  # the pasted error lines that confirm it
