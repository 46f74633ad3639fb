from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.go_dirs import in_temp_dir
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.semantics.module_mode import existing

DOCS = """
## What it checks
A GOPATH entry or GOMODCACHE you set that is the workspace itself, a directory inside it, or inside a
temporary directory (/tmp, /var/tmp, $TMPDIR; on Windows %TEMP%, %TMP%, `%LOCALAPPDATA%\\Temp`) while
your home directory is not in one (a home in /tmp is a CI job or a sandbox, thrown away on purpose).

## Why it matters
GOPATH holds the module cache (`pkg/mod`, read-only files) and the tools `go install` builds (`bin`).
Inside the project they show up in `git status`, get indexed by editors and gopls, and make `rm -rf` of
a checkout fail on read-only files. GOPATH equal to a module's root is worse: every go command warns
`go: warning: ignoring go.mod in $GOPATH …` and those that need the main module (`go mod tidy`, `go get`)
fail with `go: go.mod file not found in current directory or any parent directory`. In a temporary
directory the module cache and installed tools are wiped at reboot or by a cleaner, and every
dependency is downloaded again.

## How to fix
Unset GOPATH (the default `$HOME/go` is right for most people) or point it outside the project and the
temporary directories: delete the line from the GOENV file (the fix), or change your shell profile.

## Example
`export GOPATH=$PWD` in a project's `.envrc`, or `GOPATH=/tmp/go` copied from a CI script.
"""


@rule(code="GE205", name="gopath-in-project-or-temp", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,  # jobs keep GOPATH or GOMODCACHE in the project (GitLab caches) or in temp on purpose
      summary="GOPATH or GOMODCACHE is the project, inside it, or in a temporary directory", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove the setting from the GOENV file",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, Input.MODULES, "goenv", "go.env", "go.mod"), tags=("gopath",))
def check(facts: Facts) -> Iterator[Report]:
    ops, root = facts.paths, facts.root
    # a home in a temporary directory: a CI job or a sandbox, all of it thrown away on purpose
    throwaway_home = bool(facts.home and in_temp_dir(facts, facts.home))
    for key in ("GOPATH", "GOMODCACHE"):
        setting = user_setting(facts, key, goroot_layer=False)
        if setting is None or not setting.value:
            continue
        entries = setting.value.rstrip("\r").split(ops.list_separator) if key == "GOPATH" else [setting.value]
        where, location = setting.describe_source, env_setting_anchor(facts, setting)
        fixes = unset_if_written(facts, setting)
        label = "GOPATH entry" if key == "GOPATH" else key
        for entry in (e for e in entries if e and ops.is_abs(e)):  # GE201 reports relative ones
            if root and key == "GOPATH" and ops.same(entry, root):
                has_go_mod = any(ops.same(ops.dirname(f.path), root) for f in existing(facts, "go.mod"))
                tail = (": every go command warns `go: warning: ignoring go.mod in $GOPATH " + entry + "` and "
                        "`go mod tidy` fails with `go: go.mod file not found in current directory or any parent "
                        "directory`") if has_go_mod else ": the module cache and installed tools land in the project"
                yield Report(f"GOPATH={entry} from {where} is the workspace itself{tail}", location, fixes)
            elif root and ops.inside(entry, root, strict=key == "GOPATH"):
                yield Report(f"{label} {entry} from {where} is inside the workspace {root}: the module cache "
                             "(read-only files) and installed tools land in the project, where git, editors and "
                             "gopls see them", location, fixes)
            elif (temp := in_temp_dir(facts, entry)) is not None and not throwaway_home:
                yield Report(f"{label} {entry} from {where} is in the temporary directory {temp}: the module "
                             "cache is wiped at reboot or by a cleaner and every dependency is downloaded again"
                             + (", installed tools vanish" if key == "GOPATH" else ""), location, fixes,
                             severity=Severity.INFO)
