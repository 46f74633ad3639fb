from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, GoTool
from goenv_lsp.model import Location, Related, Severity
from goenv_lsp.rules._shared.fixes import login_path_fix
from goenv_lsp.rules.registry import ALL_CONTEXTS, Context, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.generators import KNOWN_PACKAGES, Need, install_command, needs
from goenv_lsp.semantics.gobin import add_to_path_advice, path_index, profile_line_adding

DOCS = """
## What it checks
A code generator the workspace runs is not on PATH: `buf` for a `buf.gen.yaml`, each local plugin that
`buf.gen.yaml` lists (`plugin: go`, `local: protoc-gen-go`; remote `buf.build/…` plugins run on the Buf
Schema Registry and need nothing here), `protoc` and the `protoc-gen-NAME` plugin of each `--NAME_out` in a
`//go:generate` line or a Makefile recipe, and the program each `//go:generate` line starts. The finding
says whether the program sits in the directory `go install` writes to (GOBIN, else `GOPATH/bin`) or
nowhere PATH reaches.

## Why it matters
protoc and buf look plugins up on PATH only: with `protoc-gen-go` installed in `~/go/bin` but that directory
not on PATH, `protoc --go_out=. api.proto` fails with `protoc-gen-go: program not found or is not
executable`, and `go generate` with `running "stringer": exec: "stringer": executable file not found in
$PATH`. The go command
never edits PATH, and `go install` succeeds without saying where the program went. A program installed
nowhere is information (whoever never regenerates code does not need it); one in GOBIN that PATH misses
is a warning.

## How to fix
When the program is in GOBIN or `GOPATH/bin`, put that directory on PATH (the fix appends the line to the
login shell's startup file; GE601 says the same for the directory as a whole, and, once the file has the
line, that the running session predates it). Otherwise install it at the
version the module pins — for protoc-gen-go the version go.mod requires of `google.golang.org/protobuf`
(`go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.6`), for protoc-gen-go-grpc a release
whose code the required `google.golang.org/grpc` compiles (GE631) — or, for protoc itself, the protobuf
compiler from the system's packages (`protobuf-compiler`, `brew install protobuf`) or its releases.

## Example
`//go:generate protoc --go_out=. --go-grpc_out=. api.proto` with `protoc-gen-go` in `~/go/bin` and PATH
`/usr/local/go/bin:/usr/bin:/bin`.
"""


@rule(code="GE630", name="generator-not-on-path", severity=Severity.WARNING,
      # most jobs build the committed generated code and run no generator
      contexts=ALL_CONTEXTS, informational_in=(Context.CI,),
      only_with=(Input.GO_GENERATE, "buf.gen.yaml", "makefile"),  # where the generators are run
      summary="A code generator the workspace runs (protoc, a protoc plugin, buf, a go:generate tool) is not on PATH",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Add the directory holding it to PATH",
      needs=(Input.GENERATORS, Input.GO_GENERATE, Input.GO_BIN_DIRS, Input.PATH_DIRS, Input.GO_BINARIES,
             Input.ENVIRONMENT, Input.LOGIN_PROFILE, Input.MODULES, "go.mod", "buf.gen.yaml", "makefile"),
      tags=("path", "codegen", "protobuf"))
def check(facts: Facts) -> Iterator[Report]:
    if facts.path_commands is None:
        return
    by_program: dict[str, list[Need]] = {}
    for need in needs(facts):
        by_program.setdefault(need.program, []).append(need)
    for program, found in by_program.items():
        if program not in facts.path_commands or facts.path_commands[program]:
            continue  # not looked up (unknown), or on PATH
        report = _report(facts, program, found)
        if report is not None:
            yield report


def _report(facts: Facts, program: str, found: list[Need]) -> Report | None:
    first = found[0]
    plugin = program.startswith("protoc-gen-") and first.via.startswith("`protoc")
    if plugin:
        symptom = f"protoc fails with `{program}: program not found or is not executable`"
    elif first.source == "go:generate":
        variable = "%PATH%" if facts.os == "windows" else "$PATH"
        symptom = (f"`go generate` fails with `running \"{program}\": exec: \"{program}\": executable file not "
                   f"found in {variable}`")
    elif first.source == "buf.gen.yaml":
        symptom = "`buf generate` cannot run it"
    else:
        symptom = "the recipe cannot run it"
    related = tuple(Related(Location(n.file.path, n.range), f"also runs {program}") for n in found[1:6])
    location = Location(first.file.path, first.range)
    installed = _installed(facts, program)
    if installed is not None:
        directory, tool, setting = installed
        where = f"GOBIN={directory}" if setting == "GOBIN" else f"{directory} (GOPATH/bin)"
        version = f" {tool.module_version}" if tool.module_version else ""
        if profile_line_adding(facts, directory, setting) is not None:
            return None  # the login profile adds it: this session predates that line (GE601 says so there)
        return Report(f"{_upper(first.via)} runs {program}{version}, which is in {where}, "
                      f"but that directory is not on PATH, so {symptom}; {add_to_path_advice(facts, directory)}",
                      location,
                      login_path_fix(facts, directory, False), related)
    install = install_command(facts, program, first.file)
    if install:
        pinned = _pinned(program) if "@" in install else " in the module (its own command)"
        advice = f"install it with `{install}`{pinned} and have GOBIN or GOPATH/bin on PATH"
    elif program in KNOWN_PACKAGES:
        package, module = KNOWN_PACKAGES[program]
        advice = (f"install it with `go install {package}@VERSION`, VERSION the release of {module} the module "
                  "builds with (go.mod does not require it), and have GOBIN or GOPATH/bin on PATH")
    elif program == "protoc":
        advice = ("install the protobuf compiler (Debian/Ubuntu `protobuf-compiler`, Homebrew `protobuf`, or a "
                  "release from github.com/protocolbuffers/protobuf/releases)")
    else:
        advice = "install it, or put the directory that holds it on PATH"
    return Report(f"{_upper(first.via)} runs {program}, which is neither on PATH nor in the directory "
                  f"`go install` writes to, so {symptom}; {advice}", location, (), related, severity=Severity.INFO)


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pinned(program: str) -> str:
    if program == "protoc-gen-go":
        return " (the version go.mod requires of google.golang.org/protobuf: the runtime its code compiles against)"
    if program == "protoc-gen-go-grpc":
        return " (a release whose code the google.golang.org/grpc in go.mod compiles)"
    return " (the version go.mod requires)"


def _installed(facts: Facts, program: str) -> tuple[str, GoTool, str] | None:
    """The install directory holding ``program`` when PATH does not reach it."""
    for directory in facts.go_bin_dirs or ():
        tool = next((t for t in directory.tools if t.name == program), None)
        if tool is not None and path_index(facts, directory.path) is None:
            return directory.path, tool, directory.setting
    return None
