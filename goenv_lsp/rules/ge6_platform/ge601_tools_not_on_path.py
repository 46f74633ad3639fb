from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, GoTool, PathKind
from goenv_lsp.model import Location, Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor, machine_anchor
from goenv_lsp.rules._shared.fixes import login_path_fix, unset_if_written
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.semantics.gobin import add_to_path_advice, install_dir, install_dir_of, path_index, profile_line_adding

DOCS = """
## What it checks
The directory `go install` writes programs to — `GOBIN`, else `bin` in the first `GOPATH` entry
(`~/go/bin` by default) — holds programs, and that directory is not on PATH, so PATH cannot run them.
Each program is named with the package and version its Go build information records (read from the file,
never run). A program that PATH reaches another way (a symbolic link to it in a PATH directory) is not
counted; one whose name PATH resolves to a different file is named with that file.

## Why it matters
`go install golang.org/x/tools/gopls@latest` succeeds, and then `gopls: command not found`,
`protoc-gen-go: program not found or is not executable`, or an editor that cannot start its language server
or linters. The go command never edits PATH, and the Go installers add only Go's own `bin` directory.

## How to fix
Add the directory to PATH where every login reads it — `export PATH="$PATH:$HOME/go/bin"` in `~/.profile`
(bash, sh) or `~/.zprofile` (zsh), `fish_add_path ~/go/bin` (fish), the user `Path` variable on Windows
(System Properties > Environment Variables; not `setx`, which truncates PATH at 1024 characters) — then
log in again or restart the editor. The message gives the line for this machine, and the fix appends it to
the login shell's startup file when that exists (`~/.zprofile` for zsh; the first of `~/.bash_profile`,
`~/.bash_login`, `~/.profile` for bash; `~/.profile` otherwise). Once a PATH line there names the directory,
the finding becomes information on that line: the running session predates it. When `GOBIN` was set with
`go env -w` and `GOPATH/bin` is on PATH, removing `GOBIN` from the GOENV file is offered too: later installs
then land on PATH (reinstall the programs named, or move them). Setting GOBIN to a directory on PATH also
works, but `go install` then refuses cross-compiled programs (`cannot install cross-compiled binaries
when GOBIN is set`).

## Example
`~/go/bin` holds `gopls` and `stringer`, PATH is `/usr/local/go/bin:/usr/bin:/bin`.
"""


@rule(code="GE601", name="tools-not-on-path", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,  # a convenience of a developer's shell: jobs run their tools by path
      summary="Programs `go install` put in GOBIN or GOPATH/bin are not on PATH", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Add the directory to PATH in the login profile",
      needs=(Input.GO_BINARIES, Input.GO_BIN_DIRS, Input.PATH_DIRS, Input.ENVIRONMENT, Input.LOGIN_PROFILE, "goenv",
             "go.env"),
      tags=("path", "gobin"))
def check(facts: Facts) -> Iterator[Report]:
    target = install_dir(facts)
    if target is None or facts.go_bin_dirs is None or facts.path_commands is None:
        return
    directory, variable = target
    found = next((d for d in facts.go_bin_dirs if facts.paths.same(d.path, directory)), None)
    if found is None or found.kind is not PathKind.DIR or path_index(facts, directory) is not None:
        return
    missed = [t for t in found.tools if not _reached(facts, t)]
    if not missed:
        return
    shadowed = any((facts.path_commands or {}).get(t.name) for t in missed)
    names = ", ".join(_describe(facts, t) for t in missed[:8]) + (f" and {len(missed) - 8} more"
                                                                  if len(missed) > 8 else "")
    setting = user_setting(facts, variable)
    where = f"GOBIN={directory}" if variable == "GOBIN" else f"{directory} (GOPATH/bin)"
    source = f" from {setting.describe_source}" if setting is not None and setting.value else ""
    message = (f"{len(missed)} program{'s' if len(missed) != 1 else ''} `go install` put in {where}{source} "
               f"{'are' if len(missed) != 1 else 'is'} not on PATH: {names}; to run "
               f"{'them' if len(missed) != 1 else 'it'}, {add_to_path_advice(facts, directory, first=shadowed)}")
    location = env_setting_anchor(facts, setting) if setting is not None and setting.value else machine_anchor(facts)
    profile = facts.login_profile
    added = profile_line_adding(facts, directory, variable)
    if profile is not None and added is not None:
        yield Report(f"{where} is not on PATH here, but {profile.path}:{added.range.start.line + 1} adds it: this "
                     "session (and the editor) started before that line was there, or not from a login shell; log "
                     "out and in again, or restart the editor from a new login", Location(profile.path, added.range),
                     severity=Severity.INFO)
        return
    yield Report(message, location, _fixes(facts, variable, setting) + login_path_fix(facts, directory, shadowed))


def _reached(facts: Facts, tool: GoTool) -> bool:
    runs = (facts.path_commands or {}).get(tool.name)
    return bool(runs) and facts.paths.same(runs, tool.real_path)


def _describe(facts: Facts, tool: GoTool) -> str:
    text = tool.name
    if tool.package:
        version = f" {tool.module_version}" if tool.module_version else ""
        text += f" ({tool.package}{version})"
    other = (facts.path_commands or {}).get(tool.name)
    return text + (f" — PATH runs {other} instead" if other else "")


def _fixes(facts: Facts, variable: str, setting) -> tuple:
    """Removing GOBIN from the GOENV file, when the GOPATH/bin that installs then go to is on PATH."""
    active = running_go(facts)
    if variable != "GOBIN" or setting is None or not setting.in_goenv_file or active is None or not active.env:
        return ()
    fallback = install_dir_of(active.env, facts.paths, gobin="")
    if fallback is None or path_index(facts, fallback[0]) is None:
        return ()
    return unset_if_written(facts, setting)
