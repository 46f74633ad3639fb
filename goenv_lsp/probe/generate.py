"""What the code-generator rules (GE630–GE632, and GE811 for ``//go:generate``) read: the ``//go:generate``
lines of the workspace's .go files, and the generator programs the workspace runs as PATH finds them, with
their Go build information (read from the files, never by running them)."""

from __future__ import annotations

import dataclasses
import re

from goenv_lsp.facts import Facts, GoGenerateFile, Spanned, Status
from goenv_lsp.model import Range, utf16_len
from goenv_lsp.probe.discover import DiscoveryOptions, discover
from goenv_lsp.probe.system import System
from goenv_lsp.probe.tools import MAX_PATH_ENTRIES, BuildInfoReader, commands
from goenv_lsp.probe.tools import _tool as read_tool
from goenv_lsp.redact import redact_text
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.generators import programs
from goenv_lsp.semantics.platform import matches_platform

MAX_GO_FILES = 2000  # .go files read for //go:generate lines
MAX_FILE_BYTES = 256 << 10  # a larger .go file is generated code or data: not read
MAX_DIRECTIVES = 500  # lines kept in all
MAX_PROGRAMS = 50  # generator names looked up on PATH
_WALK = DiscoveryOptions(max_dirs=5000, max_seconds=2.0)
_DIRECTIVE = re.compile(rb"^//go:generate[ \t]", re.M)
_IGNORE = re.compile(rb"^//go:build\s+ignore\s*$", re.M)


def go_generate_files(system: System, root: str, options: DiscoveryOptions, skip: tuple[str, ...] = (),
                      goos: str = "", goarch: str = "") -> tuple[GoGenerateFile, ...]:
    """The workspace's .go files holding ``//go:generate`` lines (at the start of a line, as go generate
    requires), each line's command text with its range. As go generate, files another platform's name
    constraint (``_windows.go``) or ``//go:build ignore`` leaves out, and names starting with ``_`` or ``.``,
    are not read (other ``//go:build`` lines are not evaluated); files over ``MAX_FILE_BYTES`` neither."""
    from goenv_lsp.files import GO_SOURCES

    walk = dataclasses.replace(options, max_dirs=min(options.max_dirs, _WALK.max_dirs),
                               max_seconds=min(options.max_seconds, _WALK.max_seconds))
    found = discover(system, root, [GO_SOURCES], walk, skip).files.get("go", [])
    result, total = [], 0
    for path in found[:MAX_GO_FILES]:
        name = system.paths.basename(path)
        if name.startswith(("_", ".")) or (goos and not matches_platform(name, goos, goarch)):
            continue
        read = system.read(path, MAX_FILE_BYTES)
        data = read.data if read.status is Status.OK and read.data else b""
        if not _DIRECTIVE.search(data) or _IGNORE.search(data):
            continue
        lines = directives(data)[: MAX_DIRECTIVES - total]
        total += len(lines)
        result.append(GoGenerateFile(path=path, commands=lines))
        if total >= MAX_DIRECTIVES:
            break
    return tuple(result)


def directives(data: bytes) -> tuple[Spanned, ...]:
    """Each ``//go:generate`` line's command (the text after the directive and its blank), with its range."""
    found = []
    text = data.decode("utf-8", "replace")
    for number, raw in enumerate(text.split("\n")):
        line = raw[:-1] if raw.endswith("\r") else raw
        if not line.startswith(("//go:generate ", "//go:generate\t")):
            continue
        start = len("//go:generate ")
        command = line[start:]
        found.append(Spanned(redact_text(command), Range.of(number, start, start + utf16_len(command))))
    return tuple(found)


def with_generators(system: System, facts: Facts, discovery: DiscoveryOptions, build_info: BuildInfoReader,
                    scan: bool = True) -> Facts:
    """``facts`` with the ``//go:generate`` lines (``scan``: a selected rule reads them) and the generator
    programs the workspace names: what PATH runs for each (in ``path_commands``) and its build information."""
    go_env = (running_go(facts).env if running_go(facts) else None) or {}
    if scan and facts.root:
        skip = (go_env.get("GOROOT", ""), go_env.get("GOMODCACHE", ""))
        found = go_generate_files(system, facts.root, discovery, skip, go_env.get("GOOS", ""), go_env.get("GOARCH", ""))
        facts = dataclasses.replace(facts, go_generate=found)
    names = sorted(programs(facts))[:MAX_PROGRAMS]
    entries = (facts.path_entries or ())[:MAX_PATH_ENTRIES]
    found = commands(system, names, entries)
    tools = tuple(read_tool(system, real, name, build_info) for name, real in found.items() if real)
    return dataclasses.replace(facts, path_commands={**(facts.path_commands or {}), **found}, generators=tools)

