"""Markdown for people: the environment report (every go found, which one runs and why, where each value
comes from, gopls, editor settings) and the toolchain explanation shown on go.mod's go/toolchain lines."""

from __future__ import annotations

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Finding
from goenv_lsp.report.paths import PathStyle
from goenv_lsp.semantics.goenv import user_setting
from goenv_lsp.semantics.selection import running_go, toolchain_decision

REPORTED_VARIABLES = ("GOROOT", "GOPATH", "GOBIN", "GOENV", "GOTOOLCHAIN", "GOFLAGS", "GO111MODULE", "GOPROXY",
                      "GOSUMDB", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE", "GOWORK", "GOMODCACHE")


def toolchain_explanation(facts: Facts, style: PathStyle | None = None) -> str:
    """Which toolchain runs in this module and why (go-semantics.md §2)."""
    style = style or PathStyle(facts.root, facts.home)
    active = running_go(facts)
    decision = toolchain_decision(facts)
    if active is None or decision is None:
        return "goenv-lsp has not probed a `go` for this workspace yet."
    setting = decision.setting
    value = setting.value or "(empty: same as local)"
    lines = [f"**Local go:** {active.version} at `{style.text(active.path)}`",
             f"**GOTOOLCHAIN:** `{value}` — from {style.text(setting.describe_source)}"]
    file = decision.file
    if file is not None:
        parts = []
        if file.go:
            parts.append(f"`go {file.go.value}`")
        if file.toolchain:
            parts.append(f"`toolchain {file.toolchain.value}`")
        if parts:
            lines.append(f"**{file.kind} asks for:** {' and '.join(parts)}")
    if decision.mode == "invalid":
        lines.append("**Result:** the go command rejects this GOTOOLCHAIN value; every module command fails.")
    elif decision.language_version_bug:
        lines.append(f"**Result:** this go looks for the toolchain `go{file.go.value}` (no such release) and "
                     "fails: write the go line with a patch version.")
    elif decision.switches:
        where = (facts.toolchains or {}).get(decision.chosen)
        how = f"found at `{style.text(where)}`" if where else (
            "never downloaded in path mode: fails" if decision.mode == "path" else "downloaded on first use")
        lines.append(f"**Runs:** {decision.chosen} ({how}), because the {decision.reason} line is newer than "
                     f"the local go {decision.local} and GOTOOLCHAIN allows switching.")
        lines.append(f"**gopls** measures the go on PATH ({decision.local}), not the switched toolchain.")
    elif file is not None and file.go and _newer(file.go.value, decision.local):
        lines.append(f"**Result:** switching is off, so builds fail: `{file.kind} requires go >= {file.go.value} "
                     f"(running go {decision.local})`.")
    else:
        lines.append(f"**Runs:** the local go {decision.local}.")
    named = sorted((facts.toolchains or {}).items())
    if named:
        lines.append("**Toolchains available without download:** " + ", ".join(
            f"{name} (`{style.text(path)}`)" for name, path in named))
    return "\n\n".join(lines)


def environment_report(facts: Facts, findings: list[Finding], style: PathStyle | None = None) -> str:
    style = style or PathStyle(facts.root, facts.home)
    out = [f"# Go environment of `{style.text(facts.root or '.')}`", ""]
    active = running_go(facts)
    out.append("## The go that runs")
    if active is None:
        out.append("No `go` on PATH.")
    else:
        entry = (facts.path_entries or ())[active.path_index or 0] if facts.path_entries else "?"
        out.append(f"`{style.text(active.path)}` — {active.version or active.status.value}, first `go` on PATH "
                   f"(entry {active.path_index}: `{style.text(entry)}`), GOROOT `{style.text(active.goroot or '?')}`")
    out += ["", "## Every go found", "", "| go | version | found through | GOROOT | status |", "|---|---|---|---|---|"]
    for binary in facts.go_binaries or ():
        shim = f" ({binary.shim} shim)" if binary.shim else ""
        out.append(f"| `{style.text(binary.path)}`{shim} | {binary.version or '—'} | {', '.join(binary.origins)} | "
                   f"`{style.text(binary.goroot or binary.own_root or '—')}` | {binary.status.value} |")
    out += ["", "## Toolchain selection", "", toolchain_explanation(facts, style), "",
            "## Variables and where they come from", "", "| variable | value | from |", "|---|---|---|"]
    go_env = (active.env if active else None) or {}
    for key in REPORTED_VARIABLES:
        setting = user_setting(facts, key, goroot_layer=key != "GOROOT")
        if setting is not None and setting.source != "unset":
            value, source = setting.value, setting.describe_source
        elif key in go_env:
            value, source = go_env[key], "the go command's default" if key != "GOTOOLCHAIN" else "unset"
        else:
            continue
        out.append(f"| {key} | `{style.text(value)}` | {style.text(source)} |")
    out += ["", "## gopls", ""]
    if not facts.gopls:
        out.append("No gopls found on PATH, in GOBIN or GOPATH/bin.")
    for gopls in facts.gopls or ():
        version = gopls.module_version or "unknown version"
        out.append(f"- `{style.text(gopls.path)}` ({', '.join(gopls.origins)}): {version}, built with "
                   f"{gopls.built_with or '?'}" + ("" if gopls.status is Status.OK else f" [{gopls.status.value}]"))
    out += ["", "## Editor settings", ""]
    settings = [v for v in (facts.vscode.values if facts.vscode else ()) if v.key.startswith(("go.", "gopls."))]
    for value in settings:
        out.append(f"- `{value.key}` = `{style.text(str(value.value))}` ({style.path(facts.vscode.path)})")
    if facts.idea and facts.idea.goroot:
        out.append(f"- GoLand project GOROOT = `{style.text(facts.idea.goroot.value)}`")
    user = sorted((facts.user_settings or {}).items())
    for key, value in user:
        out.append(f"- `{key}` = `{style.text(str(value))}` (user settings, from the editor)")
    if not settings and not user and not (facts.idea and facts.idea.goroot):
        out.append("None found.")
    out += ["", f"## Findings ({len(findings)})", ""]
    for finding in findings:
        where = style.path(finding.location.path)
        if finding.location.path:
            where += f":{finding.location.range.start.line + 1}"
        out.append(f"- **{finding.code}** {finding.severity.value} `{where}`: {style.text(finding.message)}")
    if not findings:
        out.append("None: the environment looks consistent.")
    return "\n".join(out) + "\n"


def _newer(a: str, b: str) -> bool:
    from goenv_lsp.semantics import version as gover

    return gover.compare(a, b) > 0
