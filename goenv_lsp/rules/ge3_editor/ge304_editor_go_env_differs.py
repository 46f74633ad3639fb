from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Source, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge3_editor._vscode import EditorSetting, editor_settings
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.editor_paths import expand_setting_path
from goenv_lsp.semantics.go_env import user_setting

DOCS = """
## What it checks
A go variable that VS Code settings set for the editor's go commands — `go.toolsEnvVars` (vscode-go runs
go, gopls and the other tools with it) or gopls' `"gopls": {"build.env": {…}}` (the environment of the go
commands gopls runs) — to another value than `go env` reports in the terminal: GOFLAGS, GOPROXY,
GOPRIVATE, GONOPROXY, GONOSUMDB, GOSUMDB, GOINSECURE, GOOS, GOARCH, GO111MODULE, GOTOOLCHAIN, GOEXPERIMENT,
CGO_ENABLED, and GOROOT in `build.env` (`go.toolsEnvVars.GOROOT` is GE301/GE302's). vscode-go's
substitutions (`${env:NAME}`, `${workspaceFolder}`, a leading `~`) are applied first; an empty value is not
compared. The diagnostic sits on the value.

## Why it matters
The editor and the terminal then build different things: `-mod=vendor` against `-mod=mod`, another module
proxy or checksum database, another target platform (`GOOS=windows` makes gopls analyse the Windows files
while `go build` builds the Linux ones), cgo on in one and off in the other. Errors appear in one place and
not the other, and `go.sum` or `vendor/` changes made from the editor surprise the terminal. Sometimes that
is the intent (gopls looking at another platform's files, integration-test tags): then this is only a
reminder that the terminal differs.

## How to fix
If the difference is not intended, remove the entry (the quick fix) so the editor inherits the same value as
the terminal, and set the variable once for both: `go env -w NAME=value` (the GOENV file every go reads).
Build tags are better given as `"gopls": {"build.buildFlags": ["-tags=…"]}` than through GOFLAGS.

## Example
`"go.toolsEnvVars": {"GOFLAGS": "-mod=vendor"}` while `go env GOFLAGS` in the terminal is empty.
"""

COMPARED = ("GOFLAGS", "GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOSUMDB", "GOINSECURE", "GOOS", "GOARCH",
            "GO111MODULE", "GOTOOLCHAIN", "GOEXPERIMENT", "CGO_ENABLED")


def _env_entries(facts: Facts) -> Iterator[tuple[EditorSetting, str, str]]:
    """(setting, variable, the value the editor's go commands get) for the compared variables."""
    for setting in editor_settings(facts):
        key = setting.key
        if key.startswith("go.toolsEnvVars."):
            name, substituted = key[len("go.toolsEnvVars."):], True
        elif key.startswith("gopls.") and key.count(".") >= 2 and key.rsplit(".", 2)[-2] == "env":
            name, substituted = key.rsplit(".", 1)[-1], False
        else:
            continue
        if name not in COMPARED and not (name == "GOROOT" and not substituted):
            continue
        if not isinstance(setting.value, (str, int)) or isinstance(setting.value, bool) or setting.value == "":
            continue
        value = str(setting.value)
        if substituted:  # goEnv.ts newEnvironment: resolvePath(substituteEnv(value))
            value = expand_setting_path(value, facts.root or "", facts.home, facts.env or {}, facts.paths, None)
        yield setting, name, value


def _terminal(facts: Facts, name: str) -> tuple[str, str] | None:
    """(the terminal's value, where it comes from), or None when unknown."""
    active = running_go(facts)
    if active is None or active.status is not Status.OK or active.env is None:
        return None
    if name == "GOROOT":
        return (active.goroot, "") if active.goroot else None
    if name == "GOTOOLCHAIN":  # the probe forces GOTOOLCHAIN=local: work the user's own value out
        setting = user_setting(facts, name)
        if setting is None:
            return None
        return (setting.value or "auto"), ("" if setting.source is Source.UNSET else f" ({setting.describe_source})")
    if name not in active.env:
        return None
    setting = user_setting(facts, name)
    source = "" if setting is None or setting.source is Source.UNSET or not setting.value else \
        f" ({setting.describe_source})"
    return active.env[name], source


def _same(facts: Facts, name: str, editor: str, terminal: str) -> bool:
    if name == "GOFLAGS":
        return editor.split() == terminal.split()
    if name == "GOROOT":
        return facts.same_dir(editor, terminal)
    return editor == terminal


@rule(code="GE304", name="editor-go-env-differs", severity=Severity.INFO,
      contexts=EDITOR_ONLY,
      only_with=(Input.EDITOR_SETTINGS, "vscode-settings"),
      summary="VS Code settings give the editor's go commands another go variable than the terminal's", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove the entry so the editor inherits the terminal's value",
      needs=(Input.GO_BINARIES, Input.ENVIRONMENT, Input.EDITOR_SETTINGS, "vscode-settings", "goenv", "go.env"),
      tags=("editor", "gopls"))
def check(facts: Facts) -> Iterator[Report]:
    for setting, name, value in _env_entries(facts):
        terminal = _terminal(facts, name)
        if terminal is None or _same(facts, name, value, terminal[0]):
            continue
        said, source = terminal
        shown = repr(said) if said else "empty"
        who = "the go commands gopls runs" if setting.key.startswith("gopls.") else \
            "go, gopls and the tools vscode-go runs"
        yield Report(f"{setting.label} gives {who} {name}={value}, but `go env {name}` in the terminal is "
                     f"{shown}{source}: the editor and the terminal build differently",
                     setting.location,
                     setting.remove(f"Remove {name} from the editor settings (inherit the terminal's value)"))
