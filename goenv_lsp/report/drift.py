"""Drift between two machines' facts (two developers, a laptop and CI, CI and the build image): the go that runs,
the go variables, gopls and the Go tools, editor settings. Each difference has a severity and says what it breaks;
what is the same is not listed. Paths are compared with each side's home as ``~``."""

from __future__ import annotations

from dataclasses import dataclass

from goenv_lsp.facts import Facts, PathFlavor
from goenv_lsp.files.vscode_settings import workspace_settings
from goenv_lsp.model import Severity
from goenv_lsp.report.paths import PathStyle
from goenv_lsp.report.provenance import describe
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import local_version, running_go
from goenv_lsp.semantics.provenance import go_variables

DRIFT_SCHEMA = 1
ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
# what differs between any two machines and says nothing by itself (GOVERSION: the toolchain row says it)
_NOT_COMPARED = frozenset({"GOVERSION", "GOTOOLDIR", "GOGCCFLAGS", "GOMOD", "GOTELEMETRYDIR", "GOEXE", "GOHOSTOS",
                           "GOHOSTARCH"})
_LOCATIONS = frozenset({"GOWORK", "GOROOT", "GOPATH", "GOMODCACHE", "GOCACHE", "GOBIN", "GOENV", "GOTMPDIR"})
_PRIVATE = {"GOPRIVATE": "fetches {names} through the proxy and checks them against the checksum database, and fails",
            "GONOPROXY": "fetches {names} through the proxy, which cannot reach them",
            "GONOSUMDB": "checks {names} against the checksum database, which does not know them (404/410)",
            "GOINSECURE": "refuses plain-HTTP or unverified-TLS fetches of {names}"}
_FLAGS = {"-mod=vendor": "builds use vendor/ and ignore go.mod changes that {other} sees",
          "-mod=mod": "builds update go.mod and go.sum silently where {other} fails",
          "-mod=readonly": "builds fail on a go.mod that needs updating where {other} may update it",
          "-tags": "build tags select other files than on {other}",
          "-trimpath": "binaries and their recorded paths differ from {other}'s",
          "-race": "builds and tests run with the race detector, unlike on {other}",
          "-buildvcs": "binaries record version control information differently from {other}'s",
          "-ldflags": "binaries are linked differently from {other}'s"}
_SIMPLE = {"GO111MODULE": (WARNING, "module mode differs: with off (or auto outside a module) the go command ignores "
                                    "go.mod and builds in GOPATH mode"),
           "GOTOOLCHAIN": (WARNING, "toolchain switching differs: a go.mod or go.work asking for a newer Go makes one "
                                    "side download and run that Go while the other builds with its own go or fails"),
           "CGO_ENABLED": (WARNING, "cgo packages build on one side only; net, os/user and others use their pure-Go "
                                    "versions where cgo is off"),
           "GOOS": (WARNING, "the target OS differs: build constraints select other files, binaries differ"),
           "GOARCH": (WARNING, "the target architecture differs: build constraints select other files"),
           "GOEXPERIMENT": (WARNING, "compiler and runtime experiments differ"),
           "GODEBUG": (WARNING, "GODEBUG settings change runtime and go command behaviour on one side"),
           "GOVCS": (WARNING, "the version control systems allowed for direct fetches differ"),
           "GOAUTH": (WARNING, "module fetches authenticate differently"),
           "GOFIPS140": (WARNING, "FIPS 140 mode differs: binaries use another cryptography module"),
           "GOSUMDB": (WARNING, "module checksums are verified against another database (off: not verified)")}


@dataclass(frozen=True)
class Difference:
    severity: Severity
    category: str  # "toolchain", "variable", "gopls", "tool", "editor", "machine"
    name: str
    a: str
    b: str
    message: str
    a_from: str = ""  # where a variable's value comes from on each side ("GOENV file ~/.config/go/env:2")
    b_from: str = ""


def drift(a: Facts, b: Facts) -> list[Difference]:
    """Every difference, the most severe first (then by category and name, in a stable order)."""
    variables = _variables(a, b)
    targets = {d.name for d in variables}  # GOOS/GOARCH rows say what the machine rows would
    machine = [d for d in _machine(a, b) if {"OS": "GOOS", "architecture": "GOARCH"}[d.name] not in targets]
    found = [*_toolchain(a, b), *variables, *_gopls(a, b), *_tools(a, b), *_editor(a, b), *machine]
    order = ("toolchain", "variable", "gopls", "tool", "editor", "machine")
    return sorted(found, key=lambda d: (-d.severity.rank, order.index(d.category), d.name))


def _home_as_tilde(facts: Facts):
    return PathStyle(None, facts.home, paths=facts.paths).text


def _toolchain(a: Facts, b: Facts) -> list[Difference]:
    if a.go_binaries is None or b.go_binaries is None:
        return []
    go_a, go_b = running_go(a), running_go(b)
    if go_a is None and go_b is None:
        return []
    if go_a is None or go_b is None:
        side = "A" if go_a is None else "B"
        return [Difference(ERROR, "toolchain", "go", _go(go_a), _go(go_b),
                           f"no go on PATH on {side}: nothing builds there")]
    out = []
    va, vb = local_version(go_a), local_version(go_b)
    if va and vb and va != vb:
        if gover.lang(va) != gover.lang(vb):
            newer, older = (va, vb) if gover.compare(va, vb) > 0 else (vb, va)
            message = (f"Go {gover.lang(va)} on A, {gover.lang(vb)} on B: the language, the standard library, the "
                       f"go.mod `go` line and toolchain switching behave differently (a go.mod asking for go "
                       f"{newer} makes go {older} switch toolchains or fail)")
            out.append(Difference(WARNING, "toolchain", "Go version", go_a.version or va, go_b.version or vb, message))
        else:
            out.append(Difference(INFO, "toolchain", "Go version", go_a.version or va, go_b.version or vb,
                                  "different patch releases: security and bug fixes differ"))
    path_a, path_b = _home_as_tilde(a)(go_a.path), _home_as_tilde(b)(go_b.path)
    if path_a != path_b:
        out.append(Difference(INFO, "toolchain", "go that runs", path_a, path_b,
                              "another go installation comes first on PATH"))
    found_a = [v for v in _versions(a) if v != go_a.version]  # the others: the running ones have their own row
    found_b = [v for v in _versions(b) if v != go_b.version]
    if found_a != found_b:
        out.append(Difference(INFO, "toolchain", "other gos found", ", ".join(found_a) or "—",
                              ", ".join(found_b) or "—", "other go installations are on the machine"))
    return out


def _go(binary) -> str:
    return "(none)" if binary is None else binary.version or "?"


def _versions(facts: Facts) -> list[str]:
    return sorted({b.version for b in facts.go_binaries or () if b.version}, key=gover.sort_key)


def _variables(a: Facts, b: Facts) -> list[Difference]:
    if running_go(a) is None or running_go(b) is None:
        return []
    values_a, values_b = _effective(a), _effective(b)
    sources_a, sources_b = _sources(a), _sources(b)
    out = []
    for name in sorted(set(values_a) | set(values_b)):
        if name in _NOT_COMPARED or name not in values_a or name not in values_b:
            continue  # a variable only one go release knows says nothing about the machines
        va, vb = values_a[name], values_b[name]
        if va != vb:
            severity, message = _impact(name, va, vb)
            out.append(Difference(severity, "variable", name, va, vb, message, sources_a.get(name, ""),
                                  sources_b.get(name, "")))
    return out


def _effective(facts: Facts) -> dict[str, str]:
    """Values as the go command uses them: home as ~; an empty GOBIN is GOPATH's bin (Go 1.27 prints that path
    itself); GONOPROXY and GONOSUMDB that only repeat GOPRIVATE are left to the GOPRIVATE row; on Windows,
    locations under home with / (``~\\go`` and ``~/go`` are the same place to compare)."""
    text = _home_as_tilde(facts)
    values = {o.name: text(o.value) for o in go_variables(facts)}
    gopath = values.get("GOPATH", "")
    if "GOBIN" in values and not values["GOBIN"] and gopath:
        values["GOBIN"] = facts.paths.join(facts.paths.split_list(gopath)[0], "bin")
    for name in ("GONOPROXY", "GONOSUMDB"):
        if name in values and values[name] == values.get("GOPRIVATE"):
            values[name] = "(GOPRIVATE)"
    if facts.paths.flavor is PathFlavor.WINDOWS:
        values.update({k: v.replace("\\", "/") for k, v in values.items() if k in _LOCATIONS and v.startswith("~")})
    return values


def _sources(facts: Facts) -> dict[str, str]:
    style = PathStyle(facts.root, facts.home, paths=facts.paths)
    return {o.name: describe(o, style) for o in go_variables(facts)}


def _impact(name: str, a: str, b: str) -> tuple[Severity, str]:
    if name == "GOFLAGS":
        return WARNING, _flags_impact(a, b)
    if name in _PRIVATE:
        return WARNING, _private_impact(name, a, b)
    if name == "GOPROXY":
        if "off" in (a, b):
            side = "A" if a == "off" else "B"
            return WARNING, f"{side} cannot download modules (GOPROXY=off): a build needing an uncached module fails"
        return WARNING, "modules come from different proxies: a version one serves may be missing or differ on the " \
                        "other"
    if name == "GOTOOLCHAIN" and "local" in (a, b):
        side, other = ("A", "B") if a == "local" else ("B", "A")
        return WARNING, (f"{side} never switches toolchains (GOTOOLCHAIN=local): a go.mod or go.work asking for a "
                         f"newer Go fails there, while {other} may download and run that Go")
    if name in _SIMPLE:
        return _SIMPLE[name]
    if name == "GOWORK" and (a in ("", "off")) != (b in ("", "off")):
        side = "A" if a not in ("", "off") else "B"
        return WARNING, f"only {side} builds in workspace mode (go.work): the module versions it selects differ"
    if name in _LOCATIONS:
        return INFO, "another location (normal across machines)"
    return INFO, f"{name} differs"


def _flags_impact(a: str, b: str) -> str:
    flags_a, flags_b = set(a.split()), set(b.split())
    sentences = []
    for flag in sorted(flags_a ^ flags_b):
        side, other = ("A", "B") if flag in flags_a else ("B", "A")
        stem = flag if flag in _FLAGS else flag.split("=", 1)[0]
        impact = _FLAGS.get(stem, "builds run with flags {other} does not use").format(other=other)
        sentences.append(f"GOFLAGS={flag} on {side} only: {impact}")
    return "; ".join(sentences) or "the same flags in another order"


def _private_impact(name: str, a: str, b: str) -> str:
    entries_a = {e.strip() for e in a.split(",") if e.strip()}
    entries_b = {e.strip() for e in b.split(",") if e.strip()}
    sentences = []
    for side, missing in (("B", sorted(entries_a - entries_b)), ("A", sorted(entries_b - entries_a))):
        if missing:
            sentences.append(f"{side} {_PRIVATE[name].format(names=', '.join(missing))}")
    return "; ".join(sentences)


def _gopls(a: Facts, b: Facts) -> list[Difference]:
    if a.gopls is None or b.gopls is None:
        return []
    first_a, first_b = (a.gopls or (None,))[0], (b.gopls or (None,))[0]
    if first_a is None and first_b is None:
        return []
    if first_a is None or first_b is None:
        side = "A" if first_a is None else "B"
        return [Difference(INFO, "gopls", "gopls", _gopls_text(first_a), _gopls_text(first_b),
                           f"no gopls on {side}: no editor features there (a CI machine needs none)")]
    out = []
    if first_a.module_version != first_b.module_version:
        out.append(Difference(INFO, "gopls", "gopls version", first_a.module_version or "?",
                              first_b.module_version or "?",
                              "editors show different diagnostics and support different Go versions"))
    if first_a.built_with != first_b.built_with and first_a.built_with and first_b.built_with:
        out.append(Difference(INFO, "gopls", "gopls built with", first_a.built_with, first_b.built_with,
                              "a gopls built by an older Go may not load modules that need a newer one"))
    return out


def _gopls_text(binary) -> str:
    return "(none)" if binary is None else f"{binary.module_version or '?'} (built with {binary.built_with or '?'})"


def _tools(a: Facts, b: Facts) -> list[Difference]:
    out = []
    tools_a, tools_b = _tool_map(a), _tool_map(b)
    if tools_a is not None and tools_b is not None:
        for name in sorted(set(tools_a) & set(tools_b)):
            if tools_a[name] != tools_b[name]:
                out.append(Difference(INFO, "tool", name, tools_a[name], tools_b[name],
                                      f"another {name}: its output may differ"))
    generators_a, generators_b = _generators(a), _generators(b)
    if generators_a is not None and generators_b is not None:
        for name in sorted(generators_a ^ generators_b):
            side = "B" if name in generators_a else "A"
            found_a, found_b = ("found", "(none)") if name in generators_a else ("(none)", "found")
            out.append(Difference(WARNING, "tool", f"{name} (go generate)", found_a, found_b,
                                  f"`go generate` runs {name}, which {side} does not have: it fails there"))
    return out


def _tool_map(facts: Facts) -> dict[str, str] | None:
    if facts.go_bin_dirs is None:
        return None
    return {t.name: f"{t.module_version or '?'} (built with {t.go_version or '?'})"
            for d in facts.go_bin_dirs for t in d.tools if t.package}


def _generators(facts: Facts) -> set[str] | None:
    if facts.generators is None:
        return None
    return {t.name for t in facts.generators}


def _editor(a: Facts, b: Facts) -> list[Difference]:
    settings_a, settings_b = _settings(a), _settings(b)
    out = []
    for key in sorted(set(settings_a) | set(settings_b)):
        va, vb = settings_a.get(key, "(unset)"), settings_b.get(key, "(unset)")
        if va != vb:
            out.append(Difference(INFO, "editor", key, va, vb, "the editor's go commands and gopls behave "
                                                                "differently on the two machines"))
    return out


def _settings(facts: Facts) -> dict[str, str]:
    text = _home_as_tilde(facts)
    vscode = workspace_settings(facts)
    found = {v.key: text(str(v.value)) for v in (vscode.values if vscode else ())
             if v.key.startswith(("go.", "gopls.")) and v.value is not None}
    for key, value in (facts.user_settings or {}).items():
        if key.startswith(("go.", "gopls.")) and key not in found:
            found[key] = text(str(value))
    return found


def _machine(a: Facts, b: Facts) -> list[Difference]:
    out = []
    for name, va, vb in (("OS", a.os, b.os), ("architecture", a.arch, b.arch)):
        if va and vb and va != vb:
            out.append(Difference(INFO, "machine", name, va, vb, "the machines differ"))
    return out


# -- output --------------------------------------------------------------------------------------------------

def counts(differences: list[Difference]) -> dict[str, int]:
    return {s.value: sum(d.severity is s for d in differences) for s in (ERROR, WARNING, INFO)}


def _summary(differences: list[Difference], label_a: str, label_b: str) -> str:
    if not differences:
        return f"No drift between A ({label_a}) and B ({label_b})."
    numbers = ", ".join(f"{n} {s}{'s' if n > 1 else ''}" for s, n in counts(differences).items() if n)
    return f"Drift between A ({label_a}) and B ({label_b}): {numbers}."


def text(differences: list[Difference], label_a: str, label_b: str) -> str:
    out = [_summary(differences, label_a, label_b)]
    for d in differences:
        out += ["", f"{d.severity.value:<8} {d.name}: A {d.a or '(empty)'} · B {d.b or '(empty)'}",
                f"         {d.message}"]
        if d.a_from or d.b_from:
            out.append(f"         (A: {d.a_from or '?'}; B: {d.b_from or '?'})")
    return "\n".join(out) + "\n"


def markdown(differences: list[Difference], label_a: str, label_b: str) -> str:
    out = [_summary(differences, f"`{label_a}`", f"`{label_b}`")]
    if differences:
        out += ["", f"| severity | what | A: `{_cell(label_a)}` | B: `{_cell(label_b)}` | what it breaks |",
                "|---|---|---|---|---|"]
        for d in differences:
            out.append(f"| {d.severity.value} | {_cell(d.name)} | {_code(d.a)} | {_code(d.b)} | {_cell(d.message)} |")
    return "\n".join(out) + "\n"


def data(differences: list[Difference], label_a: str, label_b: str) -> dict[str, object]:
    return {"schema": DRIFT_SCHEMA, "a": label_a, "b": label_b, "summary": counts(differences),
            "differences": [{"severity": d.severity.value, "category": d.category, "name": d.name, "a": d.a,
                             "b": d.b, "message": d.message, **({"a_from": d.a_from, "b_from": d.b_from}
                                                                 if d.a_from or d.b_from else {})}
                            for d in differences]}


def _cell(value: str) -> str:
    """Table cell text: ``<host-1>`` would be an HTML tag to a markdown renderer."""
    return value.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def _code(value: str) -> str:
    if not value:
        return "(empty)"
    return "`" + value.replace("|", "\\|").replace("\n", " ").replace("`", "") + "`"
