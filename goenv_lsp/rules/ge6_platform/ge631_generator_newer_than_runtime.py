from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, GoTool
from goenv_lsp.files.go_mod import ModRequire
from goenv_lsp.files.vendor_modules import compare_semver, is_semver
from goenv_lsp.model import Applicability, Fix, Location, Range, Related, Severity, TextEdit
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.generators import GRPC_PLUGIN_NEEDS, PROTOBUF_GEN_VERSION, Need, needs, requirement

DOCS = """
## What it checks
The protoc plugins the workspace runs (from `buf.gen.yaml`, `//go:generate` or a Makefile) against the
runtime libraries go.mod requires, by the plugin's Go build information (its main module version, as
`go version -m` shows it; read from the file, never run): code from protoc-gen-go-grpc v1.0.0–v1.3.0
asserts `grpc.SupportPackageIsVersion7` (google.golang.org/grpc v1.32.0 or later), v1.4.0
`SupportPackageIsVersion8` (v1.62.0), v1.5.0 and later `SupportPackageIsVersion9` (v1.64.0; v8 with
`use_generic_streams_experimental=false`), and all of it uses `grpc.ClientConnInterface` (v1.27.0). Code
from protoc-gen-go v1.20.0 and later needs google.golang.org/protobuf v1.20.0 or later.

## Why it matters
The generated code does not compile against an older runtime: `undefined: grpc.SupportPackageIsVersion9`,
`undefined: grpc.ClientConnInterface`, or, for protobuf, `constant -1 overflows protoimpl.EnforceVersion`.
It happens to whoever upgrades the plugins (`go install …@latest`) but not go.mod, or clones a repository
whose go.mod is older than the plugins on the machine.

## How to fix
Raise the runtime in go.mod to what the generated code needs: `go get google.golang.org/grpc@v1.64.0`
(the fix edits the require line; run `go mod tidy` after it to update go.sum). Keeping the plugins and
go.mod in step is easiest with the plugins recorded in go.mod (Go 1.24+: `go get -tool
google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.5.1`).

## Example
protoc-gen-go-grpc v1.5.1 on PATH, go.mod requiring `google.golang.org/grpc v1.63.2`.
"""

CLIENT_CONN_INTERFACE = "v1.27.0"  # grpc-go declares ClientConnInterface from v1.27.0 (clientconn.go)


@rule(code="GE631", name="generator-newer-than-runtime", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      only_with=(Input.GO_GENERATE, "buf.gen.yaml", "makefile"),  # where the generators are run
      summary="A protoc plugin generates code the google.golang.org/grpc or /protobuf in go.mod cannot compile",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Require the runtime version the generated code needs",
      needs=(Input.GENERATORS, Input.GO_GENERATE, Input.GO_BIN_DIRS, Input.MODULES, "go.mod", "buf.gen.yaml",
             "makefile"),
      tags=("codegen", "protobuf", "grpc"))
def check(facts: Facts) -> Iterator[Report]:
    seen: set[tuple[str, str]] = set()
    for need in needs(facts):
        if need.program not in ("protoc-gen-go", "protoc-gen-go-grpc"):
            continue
        tool = _tool(facts, need.program)
        if tool is None or not tool.module_version or not is_semver(tool.module_version):
            continue
        found = (_grpc(facts, need, tool) if need.program == "protoc-gen-go-grpc" else _protobuf(facts, need, tool))
        if found is not None and (need.file.path, need.program) not in seen:
            seen.add((need.file.path, need.program))
            yield found


def _tool(facts: Facts, program: str) -> GoTool | None:
    """The plugin protoc runs: the one PATH finds, else the one in GOBIN (what runs once PATH has it)."""
    for tool in facts.generators or ():
        if tool.name == program:
            return tool if tool.package else None
    if (facts.path_commands or {}).get(program):
        return None  # PATH runs another program of that name, not a Go build we know
    return next((t for d in facts.go_bin_dirs or () for t in d.tools if t.name == program and t.package), None)


def _grpc(facts: Facts, need: Need, tool: GoTool) -> Report | None:
    if tool.package != "google.golang.org/grpc/cmd/protoc-gen-go-grpc":
        return None
    found = requirement(facts, need.file, "google.golang.org/grpc")
    if found is None:
        return None
    plugin = tool.module_version or ""
    floor, constant = next(((grpc, const) for release, grpc, const in GRPC_PLUGIN_NEEDS
                            if compare_semver(plugin, release) >= 0), (None, None))
    if floor is None or constant is None:
        return None
    if constant == "SupportPackageIsVersion9" and any("use_generic_streams_experimental=false" in o
                                                      for o in need.options):
        floor, constant = "v1.62.0", "SupportPackageIsVersion8"
    go_mod, required = found
    if compare_semver(required.version, floor) >= 0:
        return None
    missing = f"`undefined: grpc.{constant}`"
    if compare_semver(required.version, CLIENT_CONN_INTERFACE) < 0:
        missing += " and `undefined: grpc.ClientConnInterface`"
    return _report(need, tool, go_mod.path, required, floor,
                   f"`const _ = grpc.{constant}`", f"the build fails with {missing}")


def _protobuf(facts: Facts, need: Need, tool: GoTool) -> Report | None:
    if tool.package != "google.golang.org/protobuf/cmd/protoc-gen-go":
        return None
    found = requirement(facts, need.file, "google.golang.org/protobuf")
    plugin = tool.module_version or ""
    if found is None or compare_semver(plugin, PROTOBUF_GEN_VERSION) < 0:
        return None
    go_mod, required = found
    if compare_semver(required.version, PROTOBUF_GEN_VERSION) >= 0:
        return None
    minor = required.version.split(".")[1] if required.version.count(".") >= 2 else ""
    overflow = int(minor) - 20 if minor.isdigit() else None  # protoimpl.MaxVersion is the runtime's minor
    symptom = (f"the build fails with `constant {overflow} overflows protoimpl.EnforceVersion`" if overflow
               else "the build fails with `constant … overflows protoimpl.EnforceVersion`")
    return _report(need, tool, go_mod.path, required, PROTOBUF_GEN_VERSION,
                   "`_ = protoimpl.EnforceVersion(protoimpl.MaxVersion - 20)`", symptom)


def _report(need: Need, tool: GoTool, go_mod: str, required: ModRequire, floor: str, check: str,
            symptom: str) -> Report:
    module = required.path
    message = (f"{need.program} {tool.module_version} ({tool.path}), which {need.via} runs, generates code that "
               f"needs {module} {floor} or later ({check}), but go.mod requires {required.version}: {symptom}; "
               f"raise the requirement (`go get {module}@{floor}`)")
    end = required.range.end
    edits = ()
    if required.range.start.line == end.line and end.character >= len(required.version):
        at = Range.of(end.line, end.character - len(required.version), end.character)
        edits = (TextEdit(go_mod, at, floor),)
    fixes = (Fix(f"Require {module} {floor} (then run `go mod tidy`)", Applicability.UNSAFE, edits=edits),) \
        if edits else ()
    related = (Related(Location(go_mod, required.range), f"requires {module} {required.version}"),)
    return Report(message, Location(need.file.path, need.range), fixes, related)
