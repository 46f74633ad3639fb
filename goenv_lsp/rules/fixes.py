"""Fix builders shared by rules: settings edits and ``go`` commands, each labelled safe or unsafe."""

from __future__ import annotations

import json

from goenv_lsp.facts import Facts, SettingValue
from goenv_lsp.model import Applicability, CommandSpec, Fix, Range, TextEdit
from goenv_lsp.semantics.selection import running_go


def go_command(facts: Facts, *args: str) -> CommandSpec:
    """A go command run by the go on PATH (by its path, so the same go runs that was probed)."""
    active = running_go(facts)
    return CommandSpec(((active.path if active else "go"), *args), cwd=facts.root)


def go_env_unset(facts: Facts, key: str, why: str = "") -> Fix:
    return Fix(f"Run `go env -u {key}`{why}", Applicability.UNSAFE, command=go_command(facts, "env", "-u", key))


def go_env_write(facts: Facts, key: str, value: str) -> Fix:
    return Fix(f"Run `go env -w {key}={value}`", Applicability.UNSAFE,
               command=go_command(facts, "env", "-w", f"{key}={value}"))


def install_gopls(facts: Facts, version: str, allow_switch: bool = False) -> Fix:
    """``allow_switch``: the local go cannot build this release, so the command runs with GOTOOLCHAIN=auto."""
    command = go_command(facts, "install", f"golang.org/x/tools/gopls@{version}")
    if allow_switch:
        command = CommandSpec(command.argv, command.cwd, {"GOTOOLCHAIN": "auto"})
    prefix = "GOTOOLCHAIN=auto " if allow_switch else ""
    return Fix(f"Run `{prefix}go install golang.org/x/tools/gopls@{version}`", Applicability.UNSAFE, command=command)


def replace_json_value(path: str, setting: SettingValue, new_value: str, title: str,
                       applicability: Applicability = Applicability.SAFE) -> Fix:
    return Fix(title, applicability, edits=(TextEdit(path, setting.range, json.dumps(new_value,
                                                                                     ensure_ascii=False)),))


def replace_text(path: str, range_: Range, new_text: str, title: str,
                 applicability: Applicability) -> Fix:
    return Fix(title, applicability, edits=(TextEdit(path, range_, new_text),))
