from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, ProbeRun, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules.registry import ALL_CONTEXTS, Input, Report, rule

DOCS = """
## What it checks
That every `go` goenv-lsp ran answered `go env -json` (run with `GOTOOLCHAIN=local`, for the workspace) —
not hanging past the probe timeout, not crashing, not exiting with an error, printing what a go command
prints — and that the Go build information of every gopls could be read from its file.

## Why it matters
If goenv-lsp cannot ask a `go`, neither can your editor: vscode-go's activation and gopls' workspace load
run the same commands. A `go` that hangs is often a version-manager shim waiting for input or a network
file system; one that crashes may be for another CPU architecture or damaged.
Failures that another rule explains precisely (a bad GOROOT, GOPATH or GOTOOLCHAIN: GE103, GE104, GE113,
GE201) are reported there instead.

## How to fix
Run the command shown in the message yourself from the workspace directory and read its error. Reinstall a
damaged Go; raise the probe timeout (`--probe-timeout`) for slow network file systems.

## Example
`/home/me/.asdf/shims/go env -json` timed out after 5 s: the shim asked which Go version to install.
"""


# go's own messages for what GE103, GE104, GE113 and GE201 report: those findings say more
_EXPLAINED = ("cannot find GOROOT directory", "GOPATH entry", "invalid GOTOOLCHAIN", "both GOPATH and GOROOT")


@rule(code="GE001", name="probe-failed", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,  # gopls is not probed in ci: its part stays quiet there
      summary="A go or gopls binary could not be probed", docs=DOCS, needs=(Input.GO_BINARIES, Input.GOPLS),
      tags=("probe",), suppressed_by=("GE103", "GE104", "GE113", "GE201"))  # they explain go's failures
def check(facts: Facts) -> Iterator[Report]:
    for binary in facts.go_binaries or ():
        for run in (binary.version_run, binary.env_run):  # version_run: facts of older versions
            if run is None or run.status is Status.OK:
                continue
            yield Report(f"`{_command(run)}` {_describe(run)}", machine_anchor(facts),
                         severity=Severity.ERROR if binary.path_index is not None else None,
                         explainable=_explained(run))
            break
    for gopls in facts.gopls or ():
        if gopls.run is not None and gopls.status is not Status.OK:
            yield Report(f"cannot read the build info of gopls at {gopls.path}: `{_command(gopls.run)}` "
                         f"{_describe(gopls.run)}", machine_anchor(facts), severity=Severity.INFO)
        elif gopls.status is Status.MALFORMED:
            yield Report(f"cannot read the build info of gopls at {gopls.path}: {gopls.problem or 'not a Go program'}",
                         machine_anchor(facts), severity=Severity.INFO)


def _explained(run: ProbeRun) -> bool:
    """Does go's own message name a setting another rule reports (GOROOT, GOPATH, GOTOOLCHAIN)?"""
    if "binary is trimmed and GOROOT is not set" in run.stderr:
        return False  # a go copied out of its tree: no setting explains it
    return any(fragment in run.stderr for fragment in _EXPLAINED)


def _command(run: ProbeRun) -> str:
    """The command as a person would type it: `go env -json`, without `-C DIR` and the variable names."""
    argv = list(run.argv)
    if argv[1:2] == ["-C"]:
        del argv[1:3]
    if argv[1:3] == ["env", "-json"]:
        del argv[3:]
    return " ".join(argv)


def _describe(run: ProbeRun) -> str:
    detail = _first_line(run, stderr=True)
    if run.status is Status.TIMED_OUT:
        return f"did not finish and was killed ({run.stderr.strip() or 'timeout'})"
    if run.status is Status.CRASHED:
        return f"crashed (signal {-(run.exit_code or 0)})" + (f": {detail}" if detail else "")
    if run.status is Status.NOT_EXECUTABLE:
        return f"cannot be executed: {detail}"
    if run.status is Status.MALFORMED:
        return "printed output that is not a go environment in JSON"
    return f"failed with exit status {run.exit_code}" + (f": {detail}" if detail else "")


def _first_line(run: ProbeRun | None, stderr: bool = False) -> str:
    if run is None:
        return ""
    text = (run.stderr if stderr else run.stdout).strip()
    return text.splitlines()[0][:200] if text else ""
