"""Where `go install` puts programs, and what PATH reaches (cmd/go load.go, exec.LookPath)."""

from __future__ import annotations

from collections.abc import Mapping

from goenv_lsp.facts import Facts, PathOps, Spanned
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.go_env import user_setting


def install_dir_of(go_env: Mapping[str, str], paths: PathOps, gobin: str | None = None) -> tuple[str, str] | None:
    """modload.BinDir: GOBIN, else the first GOPATH entry's bin; with the variable that decides it. ``gobin``:
    the user's GOBIN when known — since Go 1.27 `go env GOBIN` prints its guess of the default when unset
    (envcmd, go.dev/issue/23439), so the reported value alone does not say GOBIN is set. None: unknown."""
    first = go_env.get("GOPATH", "").split(paths.list_separator)[0]
    default = paths.join(first, "bin") if first else None
    value = go_env.get("GOBIN", "") if gobin is None else gobin
    if value and not (gobin is None and default and paths.same(value, default)):
        return value, "GOBIN"
    return (default, "GOPATH") if default else None


def install_dir(facts: Facts) -> tuple[str, str] | None:
    """Where the go on PATH installs programs (from its `go env` and the user's GOBIN)."""
    active = running_go(facts)
    if active is None or not active.env:
        return None
    setting = user_setting(facts, "GOBIN")
    return install_dir_of(active.env, facts.paths, setting.value if setting is not None else None)


def path_index(facts: Facts, directory: str) -> int | None:
    """The index of the first PATH entry naming ``directory`` (as written, or by real path), or None."""
    wanted = {facts.paths.key(directory)}
    info = (facts.path_dir_info or {})
    for entry, found in info.items():
        if facts.paths.same(entry, directory) and found.real_path:
            wanted.add(facts.paths.key(found.real_path))
    for index, entry in enumerate(facts.path_entries or ()):
        if not facts.paths.is_abs(entry):
            continue
        real = info.get(entry).real_path if info.get(entry) else None
        if facts.paths.key(entry) in wanted or (real and facts.paths.key(real) in wanted):
            return index
    return None


def add_to_path_advice(facts: Facts, directory: str, first: bool = False) -> str:
    """How to put ``directory`` on PATH for every later login, as one instruction for this machine's shell;
    ``first``: before the other entries (programs of the same name elsewhere on PATH would win otherwise)."""
    paths = facts.paths
    if facts.os == "windows":
        move = " and move it up" if first else ""
        return (f"add {directory} to your user Path{move} (Settings > System > About > Advanced system "
                "settings > Environment Variables; not `setx`, which truncates PATH), then restart the editor")
    relative = paths.relative(directory, facts.home) if facts.home else None
    spelled = f"$HOME/{relative}" if relative not in (None, ".") else directory
    shell = paths.basename((facts.env or {}).get("SHELL", ""))
    if shell == "fish":
        return f"run `fish_add_path {'' if first else '--append '}{spelled}`, then restart the editor"
    profile = facts.login_profile.path if facts.login_profile else {
        "zsh": "~/.zprofile", "bash": "~/.profile (or ~/.bash_profile if you have one)"}.get(shell, "~/.profile")
    line = f"{spelled}:$PATH" if first else f"$PATH:{spelled}"
    return f'add `export PATH="{line}"` to {profile}, then log in again (or restart the editor)'


def home_spellings(facts: Facts, directory: str) -> set[str]:
    """How a shell line may name ``directory``: as it is, or below $HOME."""
    relative = facts.paths.relative(directory, facts.home) if facts.home else None
    found = {directory}
    if relative not in (None, "."):
        found |= {f"$HOME/{relative}", f"${{HOME}}/{relative}", f"~/{relative}"}
    return found


def _spellings(facts: Facts, directory: str, variable: str) -> set[str]:
    """How a shell line may name the install directory."""
    found = home_spellings(facts, directory)
    found |= {"$GOBIN", "${GOBIN}"} if variable == "GOBIN" else {"$GOPATH/bin", "${GOPATH}/bin",
                                                                 "$(go env GOPATH)/bin"}
    return found


def profile_line_adding(facts: Facts, directory: str, variable: str) -> Spanned | None:
    """The login profile's line that puts ``directory`` (``variable``: "GOBIN" or "GOPATH") on PATH, if any."""
    profile = facts.login_profile
    if profile is None:
        return None
    spellings = _spellings(facts, directory, variable)
    for line in profile.path_lines:
        text = line.value.strip()
        if not text.startswith("#") and any(s in text for s in spellings):
            return line
    return None
