"""The code generators a workspace runs, and where: ``buf.gen.yaml`` plugins, ``//go:generate`` directives,
and ``protoc``/``buf`` in Makefile recipes. protoc runs the plugin ``protoc-gen-NAME`` for ``--NAME_out`` and
finds it on PATH (``protoc-gen-go: program not found or is not executable`` otherwise), unless
``--plugin=protoc-gen-NAME=PATH`` names it; ``buf generate`` does the same for local plugins. ``go generate``
runs the first word of a directive from PATH (``go`` is the go that runs it), after ``-command`` aliases."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from goenv_lsp.facts import Facts, FileFacts, Spanned, Status
from goenv_lsp.files.go_mod import ModFileFacts, ModRequire
from goenv_lsp.model import Range, utf16_len

if TYPE_CHECKING:
    from goenv_lsp.files.buf_gen import BufGenFacts
    from goenv_lsp.files.makefile import MakefileFacts

# a word: a run of non-blank characters outside quotes, or a quoted string; shell separators end a command
_WORD = re.compile(r"""(?P<sep>&&|\|\||[;|&()`])|(?P<word>(?:[^\s;|&()`'"]|'[^']*'|"(?:[^"\\]|\\.)*")+)""")
_PLUGIN_FLAG = re.compile(r"^--([A-Za-z0-9_-]+?)_(?:out|opt)(?:=|$)")
_PLUGIN_PATH = re.compile(r"^--plugin=(?:protoc-gen-)?([A-Za-z0-9_-]+)=")
# programs every system has, or that are not development tools of a Go workspace: not reported missing
_SYSTEM = frozenset({"sh", "bash", "zsh", "env", "echo", "cp", "mv", "rm", "mkdir", "cat", "sed", "awk", "touch",
                     "true", "false", "test", "printf", "find", "xargs", "make", "git", "cd", "ln", "chmod",
                     "python", "python3", "node", "npm", "npx", "yarn", "docker", "podman", "cmd", "powershell",
                     "pwsh"})

# where the usual generators come from (`go install PACKAGE@VERSION`), and the go.mod module that pins it
KNOWN_PACKAGES = {
    "protoc-gen-go": ("google.golang.org/protobuf/cmd/protoc-gen-go", "google.golang.org/protobuf"),
    "protoc-gen-go-grpc": ("google.golang.org/grpc/cmd/protoc-gen-go-grpc",
                           "google.golang.org/grpc/cmd/protoc-gen-go-grpc"),
    "buf": ("github.com/bufbuild/buf/cmd/buf", "github.com/bufbuild/buf"),
    "stringer": ("golang.org/x/tools/cmd/stringer", "golang.org/x/tools"),
    "mockgen": ("go.uber.org/mock/mockgen", "go.uber.org/mock"),
    "protoc-gen-grpc-gateway": ("github.com/grpc-ecosystem/grpc-gateway/v2/protoc-gen-grpc-gateway",
                                "github.com/grpc-ecosystem/grpc-gateway/v2"),
    "protoc-gen-openapiv2": ("github.com/grpc-ecosystem/grpc-gateway/v2/protoc-gen-openapiv2",
                             "github.com/grpc-ecosystem/grpc-gateway/v2"),
    "protoc-gen-connect-go": ("connectrpc.com/connect/cmd/protoc-gen-connect-go", "connectrpc.com/connect"),
}


@dataclass(frozen=True)
class Word:
    text: str  # without quotes
    range: Range  # in the file


@dataclass(frozen=True)
class Need:
    """A program a workspace file runs: ``program`` as the file names it, ``range`` where."""

    program: str
    file: FileFacts
    range: Range
    via: str  # what runs it, for messages: "the buf.gen.yaml plugin `go`", "a //go:generate line"
    source: str = ""  # "buf.gen.yaml", "go:generate" or "makefile"
    options: tuple[str, ...] = ()  # what may hold the plugin's options: buf's ``opt:``, the command's words


def buf_gen_files(facts: Facts) -> tuple[BufGenFacts, ...]:
    """The workspace's buf.gen.yaml files (their kind's module imported only when there are some)."""
    if not facts.files_of("buf.gen.yaml"):
        return ()
    from goenv_lsp.files.buf_gen import buf_gen_files as found

    return found(facts)


def makefiles(facts: Facts) -> tuple[MakefileFacts, ...]:
    """The workspace's Makefiles (their kind's module imported only when there are some)."""
    if not facts.files_of("makefile"):
        return ()
    from goenv_lsp.files.makefile import makefiles as found

    return found(facts)


def needs(facts: Facts) -> list[Need]:
    """Every generator program the workspace's files run from PATH, in file order."""
    found: list[Need] = []
    for buf in buf_gen_files(facts):
        if buf.status is not Status.OK:
            continue
        at = buf.version.range if buf.version else Range.of(0, 0)
        found.append(Need("buf", buf, at, "`buf generate` (buf.gen.yaml)", "buf.gen.yaml"))
        for plugin in buf.plugins:
            if plugin.program and not plugin.command and _on_path(plugin.program):
                found.append(Need(plugin.program, buf, plugin.spec.range,
                                  f"the buf.gen.yaml plugin `{plugin.spec.value}`", "buf.gen.yaml", plugin.options))
    for file in facts.go_generate or ():
        found += _go_generate(file)
    for makefile in makefiles(facts):
        if makefile.status is Status.OK:
            for command in shell_commands(makefile.commands):
                if command and command[0].text in ("protoc", "buf"):
                    found += _generator(makefile, command, "a Makefile recipe", "makefile")
    return found


def programs(facts: Facts) -> set[str]:
    """The names the probe looks up on PATH: each needed program, and each first word of a command in
    ``//go:generate`` lines and Makefile recipes (GE632 reads the Go programs among them)."""
    names = {n.program for n in needs(facts)}
    for _, command in run_commands(facts):
        if command and _on_path(command[0].text) and command[0].text not in _SYSTEM:
            names.add(command[0].text)
    return names


def run_commands(facts: Facts) -> Iterator[tuple[FileFacts, list[Word]]]:
    """Each command of a ``//go:generate`` line or a Makefile recipe, as words, with its file."""
    for file in facts.go_generate or ():
        for line in file.commands:
            yield file, _words(line)
    for makefile in makefiles(facts):
        if makefile.status is Status.OK:
            for command in shell_commands(makefile.commands):
                yield makefile, command


def _go_generate(file: FileFacts) -> list[Need]:
    found: list[Need] = []
    aliases: set[str] = set()
    for line in file.commands:  # type: ignore[attr-defined]
        words = _words(line)
        if len(words) >= 3 and words[0].text == "-command":  # -command NAME program args…
            aliases.add(words[1].text)
            words = words[2:]
        if not words or words[0].text in aliases:
            continue
        first = words[0].text
        if first in ("protoc", "buf"):
            found += _generator(file, words, "a //go:generate line", "go:generate")
        elif first != "go" and _on_path(first) and first not in _SYSTEM:
            found.append(Need(first, file, words[0].range, "a //go:generate line", "go:generate"))
    return found


def _generator(file: FileFacts, words: Sequence[Word], via: str, source: str) -> list[Need]:
    """protoc or buf, and the protoc plugins its flags name."""
    from goenv_lsp.files.buf_gen import PROTOC_BUILTINS

    found = [Need(words[0].text, file, words[0].range, via, source)]
    if words[0].text != "protoc":
        return found
    given = {m.group(1) for w in words if (m := _PLUGIN_PATH.match(w.text))}
    seen: set[str] = set()
    for word in words[1:]:
        match = _PLUGIN_FLAG.match(word.text)
        name = match.group(1) if match else None
        if name and name not in PROTOC_BUILTINS and name not in given and name not in seen:
            seen.add(name)
            found.append(Need(f"protoc-gen-{name}", file, word.range, f"`protoc --{name}_out` in {via}", source,
                              tuple(w.text for w in words)))
    return found


def _on_path(program: str) -> bool:
    """Is it a name PATH is searched for (not a path, not a variable)?"""
    return bool(program) and not any(c in program for c in "/\\$%{}=") and not program.startswith("-")


def shell_commands(lines: Iterable[Spanned]) -> Iterator[list[Word]]:
    """The simple commands of shell lines: a line ending in a backslash goes on on the next one."""
    command: list[Word] = []
    for line in lines:
        text = line.value
        continued = text.endswith("\\") and (len(text) - len(text.rstrip("\\"))) % 2 == 1
        for match in _WORD.finditer(text[:-1] if continued else text):
            if match.group("sep"):
                yield command
                command = []
            else:
                command.append(_word(line, match.start("word"), match.group("word")))
        if not continued:
            yield command
            command = []
    if command:
        yield command


def _words(line: Spanned) -> list[Word]:
    return [_word(line, m.start("word"), m.group("word")) for m in _WORD.finditer(line.value) if m.group("word")]


def _word(line: Spanned, column: int, raw: str) -> Word:
    start = line.range.start
    first = start.character + utf16_len(line.value[:column])
    text = re.sub(r"""'([^']*)'|"((?:[^"\\]|\\.)*)\"""", lambda m: m.group(1) or m.group(2) or "", raw)
    return Word(text, Range.of(start.line, first, first + utf16_len(raw)))


def requirement(facts: Facts, file: FileFacts, module_path: str) -> tuple[ModFileFacts, ModRequire] | None:
    """The go.mod of the module ``file`` sits in and its requirement of ``module_path`` — None when there is
    none, or a replace line makes the version the build uses another one."""
    module = facts.module_for(file.path)
    go_mod = facts.file(module.go_mod) if module else None
    if not isinstance(go_mod, ModFileFacts):
        return None
    found = next((r for r in go_mod.requires if r.path == module_path), None)
    if found is None or any(r.old_path == module_path for r in go_mod.replaces):
        return None
    return go_mod, found


def required_version(facts: Facts, file: FileFacts, module_path: str) -> str | None:
    """The version the go.mod of the module ``file`` sits in requires of ``module_path``."""
    found = requirement(facts, file, module_path)
    return found[1].version if found else None


# protoc-gen-go-grpc releases and the grpc-go their code needs (cmd/protoc-gen-go-grpc/grpc.go at each tag:
# v1.0.0–v1.3.0 emit SupportPackageIsVersion7, v1.4.0 SupportPackageIsVersion8, v1.5.0 and later
# SupportPackageIsVersion9, by default; grpc-go declares them from v1.32.0, v1.62.0 and v1.64.0)
GRPC_PLUGIN_NEEDS = (("v1.5.0", "v1.64.0", "SupportPackageIsVersion9"),
                     ("v1.4.0", "v1.62.0", "SupportPackageIsVersion8"),
                     ("v1.0.0", "v1.32.0", "SupportPackageIsVersion7"))
GRPC_PLUGIN_FOR = (("v1.64.0", "v1.5.1"), ("v1.62.0", "v1.4.0"), ("v1.32.0", "v1.3.0"))
# protoc-gen-go (google.golang.org/protobuf) code calls protoimpl.EnforceVersion(protoimpl.MaxVersion - 20):
# a runtime older than v1.20.0 makes that constant negative (runtime/protoimpl/version.go, GenVersion = 20)
PROTOBUF_GEN_VERSION = "v1.20.0"


def install_command(facts: Facts, program: str, file: FileFacts) -> str | None:
    """`go install PACKAGE@VERSION` for a known generator, at the version the module's go.mod pins (for
    protoc-gen-go-grpc: the newest release whose code the required grpc-go compiles); None if unknown."""
    from goenv_lsp.files.vendor_modules import compare_semver

    known = KNOWN_PACKAGES.get(program)
    if known is None:
        return None
    package, module = known
    own = facts.module_for(file.path)
    go_mod = facts.file(own.go_mod) if own else None
    if isinstance(go_mod, ModFileFacts) and go_mod.module and (package == go_mod.module.value
                                                               or package.startswith(go_mod.module.value + "/")):
        return f"go install {package}"  # the module's own command: built from the workspace
    version = required_version(facts, file, module)
    if version is None and program == "protoc-gen-go-grpc":
        grpc = required_version(facts, file, "google.golang.org/grpc")
        version = next((plugin for floor, plugin in GRPC_PLUGIN_FOR
                        if grpc and compare_semver(grpc, floor) >= 0), None)
    return f"go install {package}@{version}" if version else None
