"""Diagnoses that hang on what a paste rarely shows: the project's own files.

A rule about the workspace says nothing without it; a maintainer reading the same dump still names the
likely cause and asks for the missing piece. Each conjecture here is such a case: hedged (``medium``), with
what to ask for, and only when no pasted file fragment lets the rule itself decide.
"""

from __future__ import annotations

from goenv_lsp.model import Finding, Location, Range, utf16_len
from goenv_lsp.semantics import version as gover
from goenv_lsp.triage import paste
from goenv_lsp.triage.draft import Draft, Graded


def conjectures(draft: Draft, present_codes: set[str], wanted: set[str]) -> list[Graded]:
    found: list[Graded] = []
    for code, conjecture in (("GE202", _module_mode_off), ("GE502", _vendor_flag), ("GE131", _proxy_off)):
        if code in wanted and code not in present_codes and not _shows_module_files(draft):
            found += conjecture(draft)  # with a pasted go.mod or go.work the rule itself decides
    return found


def _shows_module_files(draft: Draft) -> bool:
    return any(f.kind in ("go.mod", "go.work") for f in draft.fragments)


def _on_line(draft: Draft, code: str, key: str, message: str, confirm: str) -> list[Graded]:
    """A medium finding of rule ``code`` on the pasted `go env` line of ``key``."""
    from goenv_lsp.rules import by_code

    rule = by_code(code)
    if rule is None or key not in draft.go_env_lines:
        return []
    line = draft.go_env_lines[key]
    text = paste.split_lines(draft.text)[line].rstrip("\r")
    finding = Finding(rule.code, rule.name, rule.severity, message,
                      Location(draft.name, Range.of(line, 0, utf16_len(text))))
    return [Graded(finding, "medium", confirm)]


def _module_mode_off(draft: Draft) -> list[Graded]:
    """GO111MODULE=off: right for a GOPATH project only, and the usual cause of `cannot find package` and of
    gopls finding no module since Go 1.16 made modules the default."""
    if draft.go_env.get("GO111MODULE", "").strip().lower() != "off":
        return []
    version = draft.go_version or draft.go_env.get("GOVERSION") or ""
    if version and gover.parse(gover.from_runtime(version)) and gover.compare(gover.from_runtime(version),
                                                                              "1.11") < 0:
        return []  # no modules before Go 1.11: off is the only mode
    return _on_line(draft, "GE202", "GO111MODULE",
                    "GO111MODULE=off from the pasted report turns modules off: in a project with a go.mod, "
                    "imports of its packages and requirements fail with `cannot find package … in any of: … "
                    "(from $GOROOT) … (from $GOPATH)`, `go mod` commands with `go: modules disabled by "
                    "GO111MODULE=off`, and gopls finds no module; unset it (`go env -u GO111MODULE`, or remove "
                    "it from the environment) unless this is a GOPATH project",
                    "the project's go.mod, or whether it has one (GO111MODULE=off suits only a GOPATH project)")


def _vendor_flag(draft: Draft) -> list[Graded]:
    """GOFLAGS=-mod=vendor for every module: each one without an up-to-date vendor/ fails to build."""
    if "-mod=vendor" not in draft.go_env.get("GOFLAGS", "").split():
        return []
    return _on_line(draft, "GE502", "GOFLAGS",
                    "GOFLAGS=-mod=vendor from the pasted report makes every go command build from vendor/: in a "
                    "module without a vendor directory (or with an old one) builds fail with `cannot find module "
                    "providing package … import lookup disabled by -mod=vendor` or `inconsistent vendoring`; "
                    "remove it from GOFLAGS (`go env -w GOFLAGS=`, or the environment) unless the module vendors",
                    "the module's vendor/modules.txt (whether it vendors, and `go mod vendor` ran since go.mod "
                    "changed)")


def _proxy_off(draft: Draft) -> list[Graded]:
    """GOPROXY=off: only what the module cache holds can be built."""
    if draft.go_env.get("GOPROXY", "").split(",")[0].split("|")[0].strip() != "off":
        return []
    return _on_line(draft, "GE131", "GOPROXY",
                    "GOPROXY=off from the pasted report forbids every module download: a requirement missing "
                    "from the module cache fails with `module lookup disabled by GOPROXY=off`; set GOPROXY back "
                    "(`go env -u GOPROXY`: https://proxy.golang.org,direct) unless this machine is meant to build "
                    "offline from a filled module cache or vendor/",
                    "the failing command's output (and whether the build is meant to be offline)")
