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
    found = []
    if "GE202" in wanted and "GE202" not in present_codes:
        found += _module_mode_off(draft)
    return found


def _module_mode_off(draft: Draft) -> list[Graded]:
    """GO111MODULE=off: right for a GOPATH project only, and the usual cause of `cannot find package` and of
    gopls finding no module since Go 1.16 made modules the default."""
    if draft.go_env.get("GO111MODULE", "").strip().lower() != "off" or "GO111MODULE" not in draft.go_env_lines:
        return []
    if any(f.kind in ("go.mod", "go.work") for f in draft.fragments):
        return []  # the rule judged the pasted go.mod itself
    version = draft.go_version or draft.go_env.get("GOVERSION") or ""
    if version and gover.parse(gover.from_runtime(version)) and gover.compare(gover.from_runtime(version),
                                                                              "1.11") < 0:
        return []  # no modules before Go 1.11: off is the only mode
    from goenv_lsp.rules import by_code

    rule = by_code("GE202")
    if rule is None:
        return []
    line = draft.go_env_lines["GO111MODULE"]
    text = paste.split_lines(draft.text)[line].rstrip("\r")
    message = ("GO111MODULE=off from the pasted report turns modules off: in a project with a go.mod, imports of "
               "its packages and requirements fail with `cannot find package … in any of: … (from $GOROOT) … "
               "(from $GOPATH)`, `go mod` commands with `go: modules disabled by GO111MODULE=off`, and gopls "
               "finds no module; unset it (`go env -u GO111MODULE`, or remove it from the environment) unless "
               "this is a GOPATH project")
    finding = Finding(rule.code, rule.name, rule.severity, message, Location(draft.name,
                                                                             Range.of(line, 0, utf16_len(text))))
    return [Graded(finding, "medium", "the project's go.mod, or whether it has one (GO111MODULE=off suits only "
                                      "a GOPATH project)")]
