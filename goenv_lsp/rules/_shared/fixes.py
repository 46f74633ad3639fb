"""Fix builders shared by rules: settings edits and ``go`` commands, each labelled safe or unsafe."""

from __future__ import annotations

import json

from goenv_lsp.facts import Facts, PathKind, Spanned, Status, ToolchainMode
from goenv_lsp.files.go_mod import mod_file
from goenv_lsp.files.goenv_file import user_env_file
from goenv_lsp.model import Applicability, CommandKind, CommandSpec, Fix, Range, TextEdit
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.go_env import Setting, user_setting
from goenv_lsp.semantics.gobin import home_spellings
from goenv_lsp.semantics.selection import toolchain_decision


def go_command(facts: Facts, kind: CommandKind, *args: str) -> CommandSpec:
    """A go command run by the go on PATH (by its path, so the same go runs that was probed)."""
    active = running_go(facts)
    return CommandSpec(kind, ((active.path if active else "go"), *args), cwd=facts.root)


def go_env_unset(facts: Facts, key: str, why: str = "") -> Fix:
    """`go env -u KEY`; where the go command would not start (``startup_overrides``), the same change as an
    edit of the GOENV file, else the command run with the variables that let it start."""
    env = startup_overrides(facts, key)
    return (goenv_file_fix(facts, key) if env else None) or _go_env_fix(facts, env, ("-u", key), why)


def go_env_write(facts: Facts, key: str, value: str) -> Fix:
    """`go env -w KEY=VALUE`; where the go command would not start, an edit of the GOENV file (as above)."""
    env = startup_overrides(facts, key, value)
    return (goenv_file_fix(facts, key, value) if env else None) or _go_env_fix(facts, env, ("-w", f"{key}={value}"))


def goenv_file_fix(facts: Facts, key: str, value: str | None = None) -> Fix | None:
    """What `go env -w KEY=VALUE` (``value``) or `go env -u KEY` does to an existing GOENV file, as edits
    (envcmd.updateEnvFile: the last line of KEY is rewritten or removed, earlier duplicates removed, a new
    KEY goes in — here at the top); None when there is no such file or nothing to remove."""
    file = user_env_file(facts)
    if file is None or file.status is not Status.OK:
        return None
    lines = [e.line for e in file.entries if e.key == key]
    edits = [TextEdit(file.path, Range.of(n, 0, 0, end_line=n + 1), "") for n in lines]
    if value is None:
        return Fix(f"Remove {key} from the GOENV file", Applicability.UNSAFE, edits=tuple(edits)) if edits else None
    line = f"{key}={value}\n"
    if edits:
        edits[-1] = TextEdit(file.path, edits[-1].range, line)
    else:
        edits.append(TextEdit(file.path, Range.of(0, 0, 0), line))
    return Fix(f"Write {key}={value} into the GOENV file", Applicability.UNSAFE, edits=tuple(edits))


def _go_env_fix(facts: Facts, env: dict[str, str], args: tuple[str, str], why: str = "") -> Fix:
    command = go_command(facts, CommandKind.GO_ENV_WRITE, "env", *args)
    if env:
        command = CommandSpec(command.kind, command.argv, command.cwd, env)
    prefix = "".join(f"{k}={v} " for k, v in env.items())
    return Fix(f"Run `{prefix}go env {' '.join(args)}`{why}", Applicability.UNSAFE, command=command)


def startup_overrides(facts: Facts, key: str, new_value: str | None = None) -> dict[str, str]:
    """What a `go env -w KEY=…` (``new_value``) / `go env -u KEY` run must set so the go command starts: it
    stops before any subcommand on an invalid GOTOOLCHAIN (`go: invalid GOTOOLCHAIN …`), on a GOPATH entry
    starting with `~` or relative, on a GOROOT that is not a directory (cmd/go/main.go), and it first
    switches toolchains when the workspace's go line asks for a newer one (which may need a download). Only
    `go env -w GOTOOLCHAIN=…` skips the switch by itself (toolchain.Select)."""
    env: dict[str, str] = {}
    if not (key == "GOTOOLCHAIN" and new_value is not None):
        decision = toolchain_decision(facts, None)
        if decision is not None and (decision.mode is ToolchainMode.INVALID or _switches_at_root(facts)):
            env["GOTOOLCHAIN"] = "local"
    gopath = user_setting(facts, "GOPATH", goroot_layer=False)
    paths = facts.paths
    if gopath is not None and any(e.startswith("~") or not paths.is_abs(e)
                                  for e in gopath.value.rstrip("\r").split(paths.list_separator) if e):
        if key == "GOPATH" and new_value:
            env["GOPATH"] = new_value
        elif facts.home:
            env["GOPATH"] = paths.join(facts.home, "go")  # the default
    goroot = user_setting(facts, "GOROOT")
    info = (facts.path_info or {}).get(goroot.value) if goroot is not None and goroot.value else None
    active = running_go(facts)
    if info is not None and info.kind is not PathKind.DIR and active is not None and active.own_root:
        env["GOROOT"] = active.own_root  # `go: cannot find GOROOT directory`: the root the go binary finds itself
    return env


def _switches_at_root(facts: Facts) -> bool:
    """Would the go command switch toolchains in the workspace root (where fix commands run)?"""
    module = facts.module_for(facts.root) if facts.root else None
    file = mod_file(facts, (module.go_work or module.go_mod) if module else None)
    decision = toolchain_decision(facts, file) if file is not None else None
    return decision is not None and decision.switches


def unset_if_written(facts: Facts, setting: Setting) -> tuple[Fix, ...]:
    """Remove KEY from the GOENV file when the value is there (an environment variable is the shell's to fix).

    An edit, not `go env -u KEY`: go refuses to modify GOROOT at all ("GOROOT cannot be modified"), and with
    an invalid GOPATH or GOTOOLCHAIN in that file it does not start, not even for `go env -u`. Like
    `go env -u`, every line of KEY goes (an earlier duplicate would take over)."""
    found = goenv_file_fix(facts, setting.key) if setting.in_goenv_file else None
    return (found,) if found else ()


def install_gopls(facts: Facts, version: str, allow_switch: bool = False) -> Fix:
    """``allow_switch``: the local go cannot build this release, so the command runs with GOTOOLCHAIN=auto."""
    command = go_command(facts, CommandKind.INSTALL_GOPLS, "install", f"golang.org/x/tools/gopls@{version}")
    if allow_switch:
        command = CommandSpec(command.kind, command.argv, command.cwd, {"GOTOOLCHAIN": "auto"})
    prefix = "GOTOOLCHAIN=auto " if allow_switch else ""
    return Fix(f"Run `{prefix}go install golang.org/x/tools/gopls@{version}`", Applicability.UNSAFE, command=command)


def replace_json_string(path: str, range_: Range, new_value: str, title: str,
                        applicability: Applicability = Applicability.SAFE) -> Fix:
    return Fix(title, applicability, edits=(TextEdit(path, range_, json.dumps(new_value, ensure_ascii=False)),))


def replace_text(path: str, range_: Range, new_text: str, title: str, applicability: Applicability) -> Fix:
    return Fix(title, applicability, edits=(TextEdit(path, range_, new_text),))


def login_path_fix(facts: Facts, directory: str, first: bool) -> tuple[Fix, ...]:
    """Add ``directory`` to PATH at the end of the login profile (first or last on PATH), spelled with $HOME so
    no machine path is written; it takes effect at the next login (UNSAFE: this session keeps its PATH)."""
    profile = facts.login_profile
    if profile is None or not profile.exists:
        return ()
    relative = facts.paths.relative(directory, facts.home) if facts.home else None
    spelled = f"$HOME/{relative}" if relative not in (None, ".") else directory
    line = f'export PATH="{spelled}:$PATH"' if first else f'export PATH="$PATH:{spelled}"'
    text = ("" if profile.ends_with_newline else "\n") + line + "\n"
    return (Fix(f"Add {directory} to PATH in {profile.path} (from the next login on)", Applicability.UNSAFE,
                edits=(TextEdit(profile.path, profile.end, text),)),)


def login_path_lines(facts: Facts, directory: str) -> list[Spanned]:
    """The login profile's uncommented PATH lines, and among them those naming ``directory``."""
    profile = facts.login_profile
    lines = [line for line in profile.path_lines if not line.value.strip().startswith("#")] if profile else []
    spellings = home_spellings(facts, directory)
    return [line for line in lines if any(s in line.value for s in spellings)]
