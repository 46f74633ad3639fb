from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, PathKind
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules.registry import ALL_CONTEXTS, Context, Input, Report, rule
from goenv_lsp.semantics.gobin import install_dir

DOCS = """
## What it checks
Directories on PATH that every user of the machine may write to (permission bits `o+w`, e.g. mode 0777
or 1777). Windows ACLs are not judged.

## Why it matters
Whoever can create a file in a PATH directory decides what `go`, `gofmt`, `git` or `gcc` mean for you:
another account, or a service running as another user, drops a `go` there and every build, `go generate`
and gopls run executes it with your rights. The sticky bit (`/tmp`, mode 1777) does not help: it stops
others from deleting your files, not from adding theirs.

## How to fix
Take the write bit away from others, `chmod o-w DIR` (as its owner, or with sudo for a system directory),
or remove a shared directory such as `/tmp` from PATH. The official `golang` container images make GOPATH
(and so `/go/bin`, on their PATH) mode 1777 on purpose: that one is information only, harmless where you
are the only user. Installers and `curl … | sh` scripts that create
`/usr/local/bin` with mode 0777 are a common cause.

## Example
`drwxrwxrwx root root /usr/local/bin`.
"""


@rule(code="GE603", name="path-dir-world-writable", severity=Severity.WARNING,
      # the golang images make $GOPATH, with /go/bin on PATH, world-writable on purpose
      contexts=ALL_CONTEXTS, informational_in=(Context.CI,),
      summary="A PATH directory is writable by every user", docs=DOCS,
      needs=(Input.ENVIRONMENT, Input.PATH_DIRS, Input.GO_BINARIES, "goenv", "go.env"), tags=("path", "security"))
def check(facts: Facts) -> Iterator[Report]:
    if facts.path_dir_info is None or facts.os == "windows":
        return
    seen: set[str] = set()
    target = install_dir(facts)
    install = target[0] if target else None
    for entry in facts.path_entries or ():
        info = facts.path_dir_info.get(entry)
        if info is None or info.kind is not PathKind.DIR or info.mode is None or not info.mode & 0o002:
            continue
        key = facts.paths.key(info.real_path or entry)
        if key in seen:
            continue
        seen.add(key)
        real = f" ({info.real_path})" if info.real_path and not facts.paths.same(info.real_path, entry) else ""
        message = (f"PATH directory {entry}{real} has mode {info.mode:04o}: any user of this machine can put a "
                   "`go`, `gofmt` or `gcc` there that you then run; ")
        sticky = bool(info.mode & 0o1000)
        if sticky and install and facts.paths.same(info.real_path or entry, install):
            # the official golang images make GOPATH 1777 so that any uid can `go install`: fine in a
            # one-user container, a hole on a shared machine
            yield Report(message + "a shared install directory (as the golang container images set up) is safe "
                         "only where you are the only user", machine_anchor(facts), severity=Severity.INFO)
            continue
        # a sticky directory (/tmp) is shared on purpose: it must leave PATH, not lose its mode
        advice = ("the sticky bit does not stop anyone adding files; take it off PATH" if sticky
                  else f"`chmod o-w {entry}`")
        yield Report(message + advice, machine_anchor(facts))
