"""vscode-go's "Go: Locate Configured Go Tools" report, in each form the extension has printed.

- oldest (output channel): ``Checking configured tools....``, ``GOBIN: undefined``, ``toolsGopath:``,
  ``gopath:``, ``GOROOT:``, ``PATH:``, then ``   gopls: /home/u/go/bin/gopls installed`` (or ``not installed``,
  ``not found``);
- then tab-separated tool lines: ``\\tgo:\\t/usr/local/go/bin/go: go version go1.22.5 linux/amd64``,
  ``\\tgopls:\\t/home/u/go/bin/gopls\\t(version: v0.16.1 built with go: go1.22.5)``, ``\\tdlv:\\tnot installed``,
  ``\\timpl:\\t/p/impl: unknown version`` (a go older than 1.18 cannot tell), ``(version: unknown - …)``,
  and a ``go env`` part after ``Workspace Folder (name): path``;
- newest (a Markdown document): the same under ``# Tools Configuration``, ``## Environment``, ``## Tools``,
  ``## Go env``.

Pasted into an issue, tabs often became spaces: fields are split on any run of blanks. The ``go env`` part is
a go env dump: the go env reader reads it; this reader records the report's own lines (draft.tool_env, one
``Tool`` a line, PATH) and stops where the dump starts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from goenv_lsp.triage.draft import Draft, Span, Tool

WHAT = "vscode-go tools"
MAX_LINE = 10_000  # a tool line names a path and a version: longer is not one
_HEADING = re.compile(r"^\s*(?:Checking configured tools\.*|#\s*Tools Configuration)\s*$")
_SECTION = re.compile(r"^\s*##\s*(Environment|Tools|Go env)\s*$")
_ENV = re.compile(r"^\s*(GOBIN|toolsGopath|gopath|GOROOT|PATH|PATH \(vscode launched with\)):(?:[ \t](.*))?$")
_NAME = r"(?P<name>[A-Za-z][\w.-]*)"
_GO_LINE = re.compile(r"^\s*go:\s+(?P<path>.+?):\s+(?P<version>go version \S+.*?)\s*$")
_BUILT = re.compile(rf"^\s*{_NAME}:\s+(?P<path>.+?)\s+\(version:\s*(?P<mod>\S+) built with go:\s*(?P<go>[^\s)]+)\)\s*$")
_UNKNOWN_INFO = re.compile(rf"^\s*{_NAME}:\s+(?P<path>.+?)\s+\(version: unknown\b.*\)\s*$")
_UNKNOWN = re.compile(rf"^\s*{_NAME}:\s+(?P<path>.+?): unknown version\s*$")
_MISSING = re.compile(rf"^\s*{_NAME}:\s+not installed\s*$")
_OLD = re.compile(rf"^\s*{_NAME}:\s+(?P<path>.+?)\s+(?P<state>installed|not installed|not found)\s*$")
_FOLDER = re.compile(r"^\s*Workspace Folder \((?P<name>.*)\):\s*(?P<path>.*?)\s*$")
_GO_ENV_TITLE = re.compile(r"^\s*(?:go env|##\s*Go env)\s*$")
_FAILED = re.compile(r"^\s*failed to (?:get tools info|run 'go env'): ")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
_UNSET = ("undefined", "null", "")
_ENV_KEYS = ("GOBIN", "toolsGopath", "gopath", "GOROOT")


def read(lines: Sequence[str], draft: Draft) -> None:
    i = 0
    while i < len(lines):
        if _starts_report(lines, i):
            i = _read_report(lines, i, draft) + 1
        else:
            i += 1


def _starts_report(lines: Sequence[str], i: int) -> bool:
    """A heading, or (the heading not pasted) two of the report's environment lines in a row."""
    if _HEADING.match(lines[i]):
        return True
    env = _ENV.match(lines[i])
    if not env or env.group(1) not in _ENV_KEYS:
        return False
    following = next((line for line in lines[i + 1:i + 3] if line.strip()), "")
    nxt = _ENV.match(following)
    return bool(nxt) and nxt.group(1) != env.group(1)


def _read_report(lines: Sequence[str], start: int, draft: Draft) -> int:
    """Read the report from ``start``; returns its last line (the go env dump after it is not part of it)."""
    env: dict[str, str] = {}
    tools: list[tuple[Tool, str]] = []
    end = start
    i = start
    while i < len(lines):
        line = lines[i]
        if i > start and _HEADING.match(line):
            break  # a second report
        if not line.strip() or _SECTION.match(line) or _FAILED.match(line) or (i == start and _HEADING.match(line)):
            if line.strip():
                end = i
            i += 1
            if _SECTION.match(line) and _SECTION.match(line).group(1) == "Go env":
                break
            continue
        if _GO_ENV_TITLE.match(line):
            end = i
            i += 1
            break
        match = _ENV.match(line)
        if match and match.group(1) not in env:
            env[match.group(1)] = (match.group(2) or "").strip()
            end = i
            i += 1
            continue
        tool = _tool(line, Span(i, i, f"{WHAT}: tool"))
        if tool is None:
            break
        tools.append((tool, line))
        end = i
        i += 1
    folder = _workspace_folder(lines, i)
    if folder is not None:
        end, path = folder
        env.setdefault("workspaceFolder", path)
    if len(env) + len(tools) < 2:  # a heading alone, or one line that merely looks like the report's
        return start
    _record(draft, env, tools, Span(start, end, WHAT))
    return end


def _workspace_folder(lines: Sequence[str], i: int) -> tuple[int, str] | None:
    """The first ``Workspace Folder (name): path`` line after the tools (blank lines between)."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and (match := _FOLDER.match(lines[i])):
        return i, match.group("path")
    return None


def _tool(line: str, span: Span) -> Tool | None:
    """One tool line; an installed tool always has an absolute path (vscode-go prints the name otherwise)."""
    if len(line) > MAX_LINE:
        return None
    if match := _MISSING.match(line):
        return Tool(match.group("name"), span, installed=False)
    match = _GO_LINE.match(line) or _BUILT.match(line) or _UNKNOWN_INFO.match(line) or _UNKNOWN.match(line) \
        or _OLD.match(line)
    if match is None:
        return None
    name, path, groups = match.group("name") if "name" in match.re.groupindex else "go", \
        _path(match.group("path")), match.groupdict()
    if groups.get("state") in ("not installed", "not found"):
        return Tool(name, span, installed=False) if path or match.group("path") == name else None
    if path is None:
        return None
    if match.re is _GO_LINE:
        version = match.group("version").split()
        return Tool("go", span, path=path, installed=True, go_version=version[2] if len(version) > 2 else None)
    if match.re is _BUILT:
        return Tool(name, span, path=path, installed=True, module_version=_value(match.group("mod")),
                    go_version=_value(match.group("go")))
    return Tool(name, span, path=path, installed=True)


def _value(text: str) -> str | None:
    return None if text in _UNSET or text == "unknown" else text


def _path(text: str) -> str | None:
    """A tool's path as the report prints it; not installed, vscode-go prints the bare name (not a path)."""
    text = text.strip()
    if text in _UNSET or not (text.startswith(("/", "~", "\\")) or _DRIVE.match(text)):
        return None
    return text


def _record(draft: Draft, env: dict[str, str], tools: list[tuple[Tool, str]], span: Span) -> None:
    for key, value in env.items():
        if key.startswith("PATH"):
            continue
        draft.tool_env.setdefault(key, "" if value in _UNSET else value)  # "undefined": JavaScript's unset
    windows = any(_DRIVE.match(v) for v in env.values())
    path = env.get("PATH")
    if path and path not in _UNSET:
        draft.tool_env.setdefault("PATH", path)
        if draft.path_entries is None:
            draft.path_entries = path.split(";" if windows or ";" in path else ":")
    launched = env.get("PATH (vscode launched with)")
    if launched:
        draft.tool_env.setdefault("PATH (vscode launched with)", launched)
    if windows and draft.host_os is None:
        draft.host_os = "windows"
    for tool, line in tools:
        draft.tools.append(tool)
        if tool.name == "go":
            _record_go(draft, tool, line)
    draft.note(span)


def _record_go(draft: Draft, tool: Tool, line: str) -> None:
    """The go line names the go vscode-go runs and its `go version`."""
    if draft.go_path is None and tool.path:
        draft.go_path = tool.path
    if draft.go_version is None and tool.go_version:
        draft.go_version = tool.go_version
    platform = re.search(r"go version \S+.*\s(\w+)/(\w+)\s*$", line)
    if draft.go_platform is None and platform:
        draft.go_platform = (platform.group(1), platform.group(2))
