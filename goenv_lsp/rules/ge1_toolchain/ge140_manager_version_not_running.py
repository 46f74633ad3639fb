from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, FileFacts, GoBinary, ManagerHome, Spanned
from goenv_lsp.files import go_version, gvm_default, mise_config, tool_versions
from goenv_lsp.files._version_pin import concrete
from goenv_lsp.model import Location, Severity
from goenv_lsp.rules._shared.fixes import login_path_fix, login_path_lines
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.gobin import home_spellings
from goenv_lsp.semantics.version_managers import (
    INSTALL_COMMANDS,
    MANAGERS,
    TITLES,
    VERSION_VARIABLES,
    Provider,
    Selection,
    file_selection,
    home_of,
    installed_as,
    local_files,
    provider,
    running_version,
    same_release,
    selection,
)

STARTUP = {"gvm": "`source ~/.gvm/scripts/gvm`", "mise": "`eval \"$(mise activate bash)\"`",
           "asdf": "`. ~/.asdf/asdf.sh`", "goenv": "`eval \"$(goenv init -)\"`"}
RESHIM = {"asdf": "asdf reshim golang", "mise": "mise reshim", "goenv": "goenv rehash"}

DOCS = """
## What it checks
The Go version a version manager selects — `.tool-versions` (asdf, mise), `.go-version` (goenv), a mise
config's `[tools] go`, gvm's default environment, and their global files in the home directory — against the
go that actually runs (the first `go` on PATH). Only managers that hold Go installs on this machine are
judged; a version file for a manager you do not use is quiet. Reported when:
* another go comes first on PATH (`/usr/local/go/bin` before `~/.asdf/shims`), or the manager's shims are not
  on PATH at all, and that go is another version;
* the manager's shim runs, but the version the file selects is not installed, so the shim fails there;
* a variable such as `ASDF_GOLANG_VERSION`, `MISE_GO_VERSION` or `GOENV_VERSION` overrides the file;
* PATH holds one of the manager's install directories directly (`mise activate`, `gvm use`) for another
  version than the file selects.
The message names the go that runs and the PATH entry that wins. Global files count only while the manager's
shims are on PATH.

## Why it matters
The file says the project builds with one Go, and something else builds it: a terminal, the editor and gopls
each pick whatever PATH gives them. The difference shows up as "works in my terminal, not in the editor",
toolchain downloads, or `compile: version … does not match go tool version …`.

## How to fix
Put the manager's shims first on PATH in the file your login shell reads (the quick fix appends the line to
your login profile; it takes effect at the next login, and restarting the editor from that login), or remove
the other go. When the version is not installed, install it (`asdf install golang 1.22.3`,
`mise install go@1.22.3`, `goenv install 1.22.3`, `gvm install go1.22.3`); when the shims come first but hold
no `go`, re-create them (`asdf reshim golang`, `mise reshim`, `goenv rehash`). Unset the overriding variable when
it is a leftover.

## Example
`.tool-versions` says `golang 1.22.3`, asdf has it installed, and PATH is
`/usr/local/go/bin:/home/dev/.asdf/shims:/usr/bin`: `/usr/local/go/bin/go` (go1.27.3) runs, not asdf's 1.22.3.
"""


@rule(code="GE140", name="manager-version-not-running", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,  # managers in a developer's home; GE801 compares the version files with go.mod everywhere
      only_with=(tool_versions.KIND_NAME, tool_versions.GLOBAL_KIND_NAME, go_version.KIND_NAME,
                 go_version.GLOBAL_KIND_NAME, mise_config.KIND_NAME, mise_config.ROOT_KIND_NAME,
                 mise_config.GLOBAL_KIND_NAME, gvm_default.KIND_NAME),  # it reports at the version file
      summary="A version manager's selected Go (.tool-versions, .go-version, mise, gvm) is not the go that runs",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Put the manager's shims first on PATH in the login profile",
      needs=(Input.GO_BINARIES, Input.ENVIRONMENT, Input.VERSION_MANAGERS, Input.LOGIN_PROFILE,
             tool_versions.KIND_NAME, tool_versions.GLOBAL_KIND_NAME, go_version.KIND_NAME,
             go_version.GLOBAL_KIND_NAME, mise_config.KIND_NAME, mise_config.ROOT_KIND_NAME,
             mise_config.GLOBAL_KIND_NAME, gvm_default.KIND_NAME),
      tags=("path", "version-managers"))
def check(facts: Facts) -> Iterator[Report]:
    go = running_go(facts)
    if go is None or facts.version_managers is None or not facts.root:
        return
    runs = provider(facts, go)
    judged: set[str] = set()  # a .tool-versions both asdf and mise read: one finding
    for manager in MANAGERS:
        home = home_of(facts, manager)
        if home is None:
            continue  # it holds no Go here: the file is for someone else's machine
        for file, chosen in _selections(facts, manager, home):
            report = _judge(facts, manager, home, file, chosen, go, runs) if file.path not in judged else None
            if report is not None:
                judged.add(file.path)
                yield report


def _selections(facts: Facts, manager: str, home: ManagerHome) -> Iterator[tuple[FileFacts, Selection]]:
    """Each workspace file that selects a Go for ``manager``, and the global one while it governs the root."""
    for file in local_files(facts, manager):
        chosen = file_selection(manager, file)
        if chosen is not None:
            yield file, chosen
    at_root = selection(facts, manager, facts.root or "")
    if at_root is None or at_root.range is None or not _activated(facts, home):
        return
    file = facts.file(at_root.source)
    if file is not None and not facts.paths.inside(file.path, facts.root or "", strict=False):
        yield file, at_root


def _activated(facts: Facts, home: ManagerHome) -> bool:
    """Is the manager active in this environment (its shims, or gvm's bin directory, on PATH)?"""
    directory = home.shims or facts.paths.join(home.root, "bin")
    return _path_index(facts, directory) is not None


def _path_index(facts: Facts, directory: str) -> int | None:
    return next((i for i, e in enumerate(facts.path_entries or ()) if facts.paths.same(e, directory)), None)


def _judge(facts: Facts, manager: str, home: ManagerHome, file: FileFacts, chosen: Selection, go: GoBinary,
           runs: Provider) -> Report | None:
    if concrete(chosen.version) is None:
        return None  # "system" (the manager steps aside), "latest", "ref:…": nothing to compare with
    title = TITLES[manager]
    where = Location(file.path, chosen.range) if chosen.range else Location(file.path)
    says = f"{_name(facts, file)} selects Go {chosen.bare} for {title}"
    variable = VERSION_VARIABLES[manager]
    override = (facts.env or {}).get(variable)
    if runs.manager == manager and runs.how == "shim":
        if override and not same_release(override.split()[0], chosen.bare):
            return Report(f"{says}, but {variable}={override} in the environment overrides it: {title}'s shim "
                          f"{go.path} runs Go {override} (unset {variable} in the shell that starts the editor)",
                          where)
        if override or installed_as(home, chosen) is not None:
            return None
        command = INSTALL_COMMANDS[manager].format(v=chosen.version)
        installed = ", ".join(home.versions[:5]) or "none"
        return Report(f"{says}, which is not installed ({home.installs} holds: {installed}): {title}'s shim "
                      f"{go.path} comes first on PATH and fails in this directory — run `{command}`", where,
                      severity=Severity.ERROR)
    version = running_version(facts, go, runs)
    if version is None or same_release(chosen.version, version):
        return None
    if runs.manager == manager and runs.how == "install":
        return Report(f"{says}, but PATH holds {title}'s Go {version} install directly ({go.path}): this process "
                      f"kept the PATH of the shell or directory it started from, where {title} had switched to "
                      f"{version}; restart the editor from a shell in this workspace", where)
    other = TITLES.get(runs.manager or "", "")
    what = f"{go.path} (go{version}{', ' + other if other else ''})"
    message = f"{says}, but the go that runs is {what}: {_why(facts, manager, home, go)}"
    if installed_as(home, chosen) is None:
        command = INSTALL_COMMANDS[manager].format(v=chosen.version)
        message += f"; Go {chosen.bare} is not installed either (`{command}`)"
    added = _profile_adds(facts, home.shims) if home.shims else None
    if added is not None and facts.login_profile is not None:  # the profile has the line: this session predates it
        profile = facts.login_profile.path
        return Report(f"{says}, but the go that runs is {what}; {profile}:{added.range.start.line + 1} puts "
                      f"{title}'s shims on PATH, but this session (and the editor) started before that line was "
                      "there, or not from a login shell: log out and in again, or restart the editor from a new "
                      "login", Location(profile, added.range), severity=Severity.INFO)
    index = _path_index(facts, home.shims) if home.shims else None
    behind = home.shims is not None and (index is None or go.path_index is None or index > go.path_index)
    fixes = login_path_fix(facts, home.shims, first=True) if home.shims and behind else ()
    return Report(message, where, fixes)


def _profile_adds(facts: Facts, shims: str) -> Spanned | None:
    """The login profile's line that gives PATH the shims (first), when this session started before it: the shims
    are not on PATH at all and a line names them, or the profile's last PATH line puts them first."""
    profile = facts.login_profile
    naming = login_path_lines(facts, shims)
    if profile is None or not naming:
        return None
    if _path_index(facts, shims) is None:
        return naming[0]
    last = [p for p in profile.path_lines if not p.value.strip().startswith("#")][-1]
    prepends = any(f"{s}:$PATH" in last.value or f"{s}:${{PATH}}" in last.value for s in home_spellings(facts, shims))
    return last if last is naming[-1] and prepends else None


def _why(facts: Facts, manager: str, home: ManagerHome, go: GoBinary) -> str:
    """Which PATH entry wins over the manager."""
    entries = facts.path_entries or ()
    winner = entries[go.path_index] if go.path_index is not None and go.path_index < len(entries) else go.path
    if home.shims is None:  # gvm, `mise activate`: the shell's startup puts the Go's bin directory on PATH
        return (f"PATH entry {go.path_index + 1 if go.path_index is not None else '?'} ({winner}) provides it, and "
                f"no {TITLES[manager]} Go directory is on PATH — the shell that started this process did not run "
                f"{TITLES[manager]}'s startup ({STARTUP[manager]} in ~/.bashrc or ~/.zshrc)")
    index = _path_index(facts, home.shims)
    if index is None:
        return (f"{TITLES[manager]}'s shims directory {home.shims} is not on PATH (the shell startup file that adds "
                f"it did not run for this process)")
    if go.path_index is not None and index < go.path_index:
        return (f"{TITLES[manager]}'s shims {home.shims} come first on PATH (entry {index + 1}) but hold no go shim, "
                f"so PATH entry {go.path_index + 1} ({winner}) provides it — run `{RESHIM[manager]}`")
    return (f"PATH entry {(go.path_index or 0) + 1} ({winner}) comes before {TITLES[manager]}'s shims "
            f"{home.shims} (entry {index + 1}) — reorder PATH in your shell startup file")


def _name(facts: Facts, file: FileFacts) -> str:
    paths = facts.paths
    relative = paths.relative(file.path, facts.root) if facts.root else None
    if relative and relative != ".":
        return relative.replace("\\", "/")
    return file.path
