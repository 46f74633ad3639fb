from __future__ import annotations

import json
import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge3_editor._vscode import EditorSetting, editor_setting
from goenv_lsp.rules.registry import ALL_CONTEXTS, Context, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.editor_paths import expand_setting_path

DOCS = """
## What it checks
VS Code's `go.gopath` and `go.toolsGopath`. vscode-go substitutes `${env:NAME}`, `${workspaceFolder}`,
`${workspaceRoot}`, `${workspaceFolderBasename}` and a leading `~` in them (util.ts `substituteEnv`,
`resolvePath`) — and nothing else. Reported:

* a placeholder it does not substitute: `$HOME`, `${HOME}`, `%USERPROFILE%`, VS Code's `${userHome}`, or
  `${env:NAME}` naming a variable the editor's environment does not have (it becomes the empty string);
* `go.gopath` naming another GOPATH than `go env GOPATH` in the terminal (unless `go.inferGopath` is on,
  which replaces it). vscode-go runs go, gopls and the tools with `GOPATH` set to `go.gopath`.
  `go.toolsGopath` is only where vscode-go installs its tools ("if you don't want them in your GOPATH"), so
  it may differ.

The diagnostic sits on the value.

## Why it matters
An unsubstituted placeholder reaches the go command as a relative path, and every go command the editor
runs fails: `go: GOPATH entry is relative; must be absolute path: "$HOME/go".` (for `go.toolsGopath`, every
tool installation fails that way). A `go.gopath` different from the terminal's means the editor downloads
modules into another cache (`<go.gopath>/pkg/mod`, unless GOMODCACHE is set), installs tools into another
`bin`, and in GOPATH mode resolves imports elsewhere — so the editor and the terminal disagree about what is
installed and what builds.

## How to fix
Write placeholders as vscode-go reads them — `~/go` or `${env:HOME}/go`, `${env:USERPROFILE}\\go` — (the
quick fix rewrites them). For a `go.gopath` that differs, delete it (the quick fix) and set GOPATH once for
every go with `go env -w GOPATH=…`; most people need no GOPATH setting at all (the default is `~/go`).

## Example
`"go.gopath": "$HOME/go"` (copied from a shell profile), or `"go.gopath": "/home/old-user/go"`.
"""

# What vscode-go substitutes first (the same as goenv_lsp.semantics.editor_paths): these never count.
_SUBSTITUTED = re.compile(r"\$\{(?:workspaceFolder|workspaceRoot|workspaceFolderBasename)\}")
_ENV = re.compile(r"\$\{env:([^}]+)\}")
# What it leaves: $NAME, ${NAME} (any ${...} it does not know, ${userHome} among them), %NAME%.
_LEFT = re.compile(r"\$\{(?P<braced>[^}]*)\}|\$(?P<bare>[A-Za-z_][A-Za-z0-9_]*)"
                   r"|%(?P<percent>[A-Za-z_][A-Za-z0-9_()]*)%")
_HOME_NAMES = {"HOME", "USERPROFILE", "userHome"}


def _placeholders(value: str) -> list[str]:
    """The placeholders in ``value`` vscode-go leaves as they are."""
    return [m.group() for m in _LEFT.finditer(_ENV.sub("", _SUBSTITUTED.sub("", value)))]


def _missing(facts: Facts, value: str) -> list[str]:
    """The ``${env:NAME}`` in ``value`` naming a variable the environment does not have (vscode-go puts the
    empty string there); none when the environment is unknown."""
    if facts.env is None:
        return []
    windows = facts.os == "windows"  # Node's process.env ignores case there
    names = {k.upper() for k in facts.env} if windows else set(facts.env)
    return [m.group() for m in _ENV.finditer(value)
            if (m.group(1).strip().upper() if windows else m.group(1).strip()) not in names]


def _portable(value: str) -> str:
    """``value`` with the placeholders written as vscode-go substitutes them: a home directory at the start
    as `~`, other variables as `${env:NAME}`."""
    def one(match: re.Match[str]) -> str:
        name = match.group("braced") or match.group("bare") or match.group("percent") or ""
        if name.startswith("env:") or name in ("workspaceFolder", "workspaceRoot", "workspaceFolderBasename"):
            return match.group()
        if name in _HOME_NAMES and match.start() == 0:
            return "~"
        return "${env:" + ("HOME" if name == "userHome" else name) + "}"

    return _LEFT.sub(one, value)


def _placeholder_report(facts: Facts, setting: EditorSetting, value: str, found: list[str]) -> Report:
    names = ", ".join(dict.fromkeys(found))
    result = expand_setting_path(value, facts.root or "", facts.home, facts.env or {}, facts.paths, None)
    if facts.paths.is_abs(result):
        effect = f"go gets the directory {result}, named literally"
    else:
        what = "every go command the editor runs fails" if setting.key == "go.gopath" else \
            "every tool installation fails"
        effect = f"go gets a relative path and {what}: `go: GOPATH entry is relative; must be absolute path: " \
                 f"{json.dumps(result)}.`"
    fixes = ()
    portable = _portable(value)
    if portable != value and not _placeholders(portable):
        fixes = setting.replace(json.dumps(portable), f"Write {portable}")
    return Report(f"{setting.label} holds {names}, which vscode-go does not substitute (it does ${{env:NAME}}, "
                  f"${{workspaceFolder}} and a leading ~): {effect}", setting.location, fixes)


def _missing_report(facts: Facts, setting: EditorSetting, found: list[str]) -> Report:
    result = expand_setting_path(setting.value, facts.root or "", facts.home, facts.env or {},  # type: ignore[arg-type]
                                 facts.paths, None)
    names = ", ".join(dict.fromkeys(found))
    return Report(f"{setting.label} uses {names}, but that variable is not set here: vscode-go substitutes the "
                  f"empty string, which makes it {json.dumps(result)}", setting.location, severity=Severity.INFO)


@rule(code="GE303", name="vscode-gopath-differs", severity=Severity.WARNING,
      # only editors read go.gopath; the runner's GOPATH is not the developers'
      contexts=ALL_CONTEXTS, informational_in=(Context.CI,),
      only_with=(Input.EDITOR_SETTINGS, "vscode-settings"),
      summary="go.gopath / go.toolsGopath hold a placeholder vscode-go does not substitute, or go.gopath is "
              "another GOPATH than the terminal's", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Rewrite the placeholder, or remove go.gopath",
      needs=(Input.GO_BINARIES, Input.ENVIRONMENT, Input.EDITOR_SETTINGS, "vscode-settings"), tags=("editor",))
def check(facts: Facts) -> Iterator[Report]:
    for key in ("go.gopath", "go.toolsGopath"):
        setting = editor_setting(facts, key)
        if setting is None or not isinstance(setting.value, str) or not setting.value.strip():
            continue
        found, missing = _placeholders(setting.value), _missing(facts, setting.value)
        if found:
            yield _placeholder_report(facts, setting, setting.value, found)
        elif missing:
            yield _missing_report(facts, setting, missing)
        elif key == "go.gopath":
            yield from _differs(facts, setting)


def _differs(facts: Facts, setting: EditorSetting) -> Iterator[Report]:
    infer = editor_setting(facts, "go.inferGopath")
    active = running_go(facts)
    if (infer is not None and infer.value is True) or active is None or active.status is not Status.OK \
            or not active.env or not active.env.get("GOPATH") or not facts.root:
        return
    paths = facts.paths
    editor = expand_setting_path(setting.value, facts.root, facts.home, facts.env or {}, paths)  # type: ignore[arg-type]
    terminal = active.env["GOPATH"]
    mine, theirs = paths.split_list(editor), paths.split_list(terminal)
    if len(mine) == len(theirs) and all(facts.same_dir(a, b) for a, b in zip(mine, theirs, strict=True)):
        return
    first = mine[0] if mine else editor
    yield Report(f"{setting.label} makes vscode-go run go and gopls with GOPATH={editor}, but `go env GOPATH` in "
                 f"the terminal is {terminal}: the editor keeps modules in {paths.join(first, 'pkg', 'mod')} (unless "
                 f"GOMODCACHE is set) and installs tools into {paths.join(first, 'bin')}, apart from the terminal's",
                 setting.location,
                 setting.remove("Remove go.gopath (the editor then uses the GOPATH the terminal's go uses)"))
