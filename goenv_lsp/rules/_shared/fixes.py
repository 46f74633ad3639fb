"""Fix builders shared by rules: settings edits and ``go`` commands, each labelled safe or unsafe."""

from __future__ import annotations

import json

from goenv_lsp.facts import Facts
from goenv_lsp.files.goenv_file import user_env_file
from goenv_lsp.model import Applicability, CommandKind, CommandSpec, Fix, Range, TextEdit
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.go_env import Setting


def go_command(facts: Facts, kind: CommandKind, *args: str) -> CommandSpec:
    """A go command run by the go on PATH (by its path, so the same go runs that was probed)."""
    active = running_go(facts)
    return CommandSpec(kind, ((active.path if active else "go"), *args), cwd=facts.root)


def go_env_unset(facts: Facts, key: str, why: str = "") -> Fix:
    return Fix(f"Run `go env -u {key}`{why}", Applicability.UNSAFE,
               command=go_command(facts, CommandKind.GO_ENV_WRITE, "env", "-u", key))


def go_env_write(facts: Facts, key: str, value: str) -> Fix:
    return Fix(f"Run `go env -w {key}={value}`", Applicability.UNSAFE,
               command=go_command(facts, CommandKind.GO_ENV_WRITE, "env", "-w", f"{key}={value}"))


def unset_if_written(facts: Facts, setting: Setting) -> tuple[Fix, ...]:
    """Remove KEY from the GOENV file when the value is there (an environment variable is the shell's to fix).

    An edit, not `go env -u KEY`: go refuses to modify GOROOT at all ("GOROOT cannot be modified"), and with
    an invalid GOPATH or GOTOOLCHAIN in that file it does not start, not even for `go env -u`. Like
    `go env -u`, every line of KEY goes (an earlier duplicate would take over)."""
    file = user_env_file(facts)
    if not setting.in_goenv_file or file is None:
        return ()
    edits = tuple(TextEdit(file.path, Range.of(e.line, 0, 0, end_line=e.line + 1), "")  # the whole line
                  for e in file.entries if e.key == setting.key)
    return (Fix(f"Remove {setting.key} from the GOENV file", Applicability.UNSAFE, edits=edits),) if edits else ()


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
