"""Markdown for people: the environment report (every go found, which one runs and why, where each value
comes from, the workspace's modules, gopls, editor settings) and the toolchain explanation shown on go.mod's
go/toolchain lines."""

from __future__ import annotations

from goenv_lsp.facts import Facts, Status, ToolchainMode
from goenv_lsp.files.dockerfile import dockerfiles
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.files.goland_workspace import goland_workspace
from goenv_lsp.files.vscode_settings import workspace_settings
from goenv_lsp.model import Finding
from goenv_lsp.report.paths import PathStyle
from goenv_lsp.report.provenance import describe as describe_origin
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.modules import scopes
from goenv_lsp.semantics.provenance import origin_of
from goenv_lsp.semantics.selection import toolchain_decision
from goenv_lsp.semantics.version_managers import describe as describe_provider

REPORTED_VARIABLES = ("GOROOT", "GOPATH", "GOBIN", "GOENV", "GOTOOLCHAIN", "GOFLAGS", "GO111MODULE", "GOPROXY",
                      "GOSUMDB", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE", "GOWORK", "GOMODCACHE")
MAX_MODULE_ROWS = 50
MAX_SCOPES_EXPLAINED = 5


def toolchain_explanation(facts: Facts, file: ModFileFacts | None, style: PathStyle | None = None) -> str:
    """Which toolchain runs under ``file`` (a go.mod or go.work; None outside modules) and why."""
    style = style or PathStyle(facts.root, facts.home)
    active = running_go(facts)
    decision = toolchain_decision(facts, file)
    if active is None or decision is None:
        return "goenv-lsp has not probed a `go` for this workspace yet."
    setting = decision.setting
    value = setting.value or "(empty: same as local)"
    lines = [f"**Local go:** {active.version} at `{style.text(active.path)}`",
             f"**GOTOOLCHAIN:** `{value}` — from {style.text(setting.describe_source)}"]
    if file is not None:
        parts = []
        if file.go:
            parts.append(f"`go {file.go.value}`")
        if file.toolchain:
            parts.append(f"`toolchain {file.toolchain.value}`")
        if parts:
            lines.append(f"**{style.path(file.path)} asks for:** {' and '.join(parts)}")
    if decision.mode is ToolchainMode.INVALID:
        lines.append("**Result:** the go command rejects this GOTOOLCHAIN value; every module command fails.")
    elif decision.language_version_bug and file is not None and file.go is not None:
        lines.append(f"**Result:** this go looks for the toolchain `go{file.go.value}` (no such release) and "
                     "fails: write the go line with a patch version.")
    elif decision.switches:
        where = (facts.toolchains or {}).get(decision.chosen)
        if where:
            how = f"found at `{style.text(where)}`"
        else:
            how = "never downloaded in path mode: fails" if decision.mode is ToolchainMode.PATH else (
                "downloaded on first use")
        lines.append(f"**Runs:** {decision.chosen} ({how}), because the {decision.reason.value} line is newer "
                     f"than the local go {decision.local} and GOTOOLCHAIN allows switching.")
        lines.append(f"**gopls** measures the go on PATH ({decision.local}), not the switched toolchain.")
    elif file is not None and file.go and gover.compare(file.go.value, decision.local) > 0:
        lines.append(f"**Result:** switching is off, so builds fail: `{file.kind} requires go >= {file.go.value} "
                     f"(running go {decision.local})`.")
    else:
        lines.append(f"**Runs:** the local go {decision.local}.")
    named = sorted((facts.toolchains or {}).items())
    if named:
        lines.append("**Toolchains available without download:** " + ", ".join(
            f"{name} (`{style.text(path)}`)" for name, path in named))
    return "\n\n".join(lines)


def environment_report(facts: Facts, findings: list[Finding] | tuple[Finding, ...],
                       style: PathStyle | None = None) -> str:
    style = style or PathStyle(facts.root, facts.home)
    out = [f"# Go environment of `{style.text(facts.root or '.')}`", ""]
    if facts.stale:
        out += ["_Some results are from before the latest change; goenv-lsp is re-checking._", ""]
    active = running_go(facts)
    out.append("## The go that runs")
    if active is None:
        out.append("No `go` on PATH.")
    else:
        entry = (facts.path_entries or ())[active.path_index or 0] if facts.path_entries else "?"
        state = active.version or (active.status.value if active.status else "not probed yet")
        out.append(f"`{style.text(active.path)}` — {state}, first `go` on PATH "
                   f"(entry {active.path_index}: `{style.text(entry)}`), GOROOT `{style.text(active.goroot or '?')}`")
        provided = describe_provider(facts, active)
        if provided:
            out += ["", f"go: {style.text(provided)}"]
    out += ["", "## Every go found", "", "| go | version | found through | GOROOT | status |", "|---|---|---|---|---|"]
    for binary in facts.go_binaries or ():
        shim = f" ({binary.shim} shim)" if binary.shim else ""
        status = binary.status.value if binary.status else "not probed yet"
        out.append(f"| `{style.text(binary.path)}`{shim} | {binary.version or '—'} | "
                   f"{', '.join(o.value for o in binary.origins)} | "
                   f"`{style.text(binary.goroot or binary.own_root or '—')}` | {status} |")
    out += ["", *_modules(facts, style), "", "## Toolchain selection", ""]
    explained = list(scopes(facts))[:MAX_SCOPES_EXPLAINED] or [None]
    for scope in explained:
        if scope is not None and len(explained) > 1:
            out += [f"### {style.path(scope.path)}", ""]
        out += [toolchain_explanation(facts, scope.file if scope else None, style), ""]
    out += ["## Variables and where they come from", "", "| variable | value | from |", "|---|---|---|"]
    go_env = (active.env if active else None) or {}
    for key in REPORTED_VARIABLES:  # as `goenv-lsp env` describes them
        origin = origin_of(facts, key, go_env.get(key))
        if origin is not None:
            out.append(f"| {key} | `{style.text(origin.value)}` | {describe_origin(origin, style)} |")
    out += _dockerfiles(facts, style)
    out += ["", "## gopls", ""]
    if not facts.gopls:
        out.append("No gopls found on PATH, in GOBIN or GOPATH/bin.")
    for gopls in facts.gopls or ():
        version = gopls.module_version or "unknown version"
        problem = "" if gopls.status is Status.OK else f" [{gopls.status.value if gopls.status else 'not read yet'}]"
        out.append(f"- `{style.text(gopls.path)}` ({', '.join(o.value for o in gopls.origins)}): {version}, built "
                   f"with {gopls.built_with or '?'}{problem}")
    out += ["", "## Editor settings", ""]
    vscode, idea = workspace_settings(facts), goland_workspace(facts)
    settings = [v for v in (vscode.values if vscode else ()) if v.key.startswith(("go.", "gopls."))]
    for setting_value in settings:
        out.append(f"- `{setting_value.key}` = `{style.text(str(setting_value.value))}` "
                   f"({style.path(vscode.path) if vscode else ''})")
    if idea and idea.goroot:
        out.append(f"- GoLand project GOROOT = `{style.text(idea.goroot.value)}`")
    user = sorted((facts.user_settings or {}).items())
    for key, user_value in user:
        out.append(f"- `{key}` = `{style.text(str(user_value))}` (user settings, from the editor)")
    if not settings and not user and not (idea and idea.goroot):
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


def _dockerfiles(facts: Facts, style: PathStyle) -> list[str]:
    found = dockerfiles(facts)
    if not found:
        return []
    out = ["", f"## Dockerfiles ({len(found)})", "", "| Dockerfile | base images | module |", "|---|---|---|"]
    for dockerfile in found[:MAX_MODULE_ROWS]:
        images = ", ".join(f"`{s.image.value}`" for s in dockerfile.stages) or "—"
        module = facts.module_for(dockerfile.path)
        out.append(f"| `{style.path(dockerfile.path)}` | {images} | {style.path(module.go_mod) if module else '—'} |")
    if len(found) > MAX_MODULE_ROWS:
        out.append(f"| … and {len(found) - MAX_MODULE_ROWS} more | | |")
    return out


def _modules(facts: Facts, style: PathStyle) -> list[str]:
    modules = facts.modules or ()
    out = [f"## Modules ({len(modules)})", ""]
    if facts.discovery and facts.discovery.truncated:
        out += [f"The search of the workspace stopped when it had {facts.discovery.truncated}.", ""]
    if not modules:
        return [*out, "No go.mod in the workspace."]
    out += ["| module | go | toolchain | go.work |", "|---|---|---|---|"]
    for module in modules[:MAX_MODULE_ROWS]:
        mod = facts.file(module.go_mod)
        go = mod.go.value if isinstance(mod, ModFileFacts) and mod.go else "—"
        toolchain = mod.toolchain.value if isinstance(mod, ModFileFacts) and mod.toolchain else "—"
        work = style.path(module.go_work) if module.go_work else "—"
        out.append(f"| `{style.path(module.dir)}` | {go} | {toolchain} | {work} |")
    if len(modules) > MAX_MODULE_ROWS:
        out.append(f"| … and {len(modules) - MAX_MODULE_ROWS} more | | | |")
    return out
