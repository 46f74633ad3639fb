"""Version lines: ``go version``, ``go version -m FILE``, ``gopls version`` / ``gopls -v version``, and the
header of a gopls bug or crash report (``gopls version: v0.16.1``, ``go version: …``, ``environment: …``).

``gopls -v version`` prints (real gopls binaries of the testbed)::

    Build info
    ----------
    golang.org/x/tools/gopls v0.16.1
        golang.org/x/tools/gopls@v0.16.1 h1:…
        github.com/…@v… h1:…
    go: go1.22.5

Old gopls (before the ``go:`` line, v0.4 …) print the first two lines only: the Go that built it stays unknown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from goenv_lsp.parsers.goversion import parse_build_info, parse_go_version
from goenv_lsp.triage.draft import Draft, Span, Tool

GOPLS_MODULE = "golang.org/x/tools/gopls"
_GO_VERSION = re.compile(r"\bgo version ((?:go\d+(?:\.\d+)*\S*|devel\b.*?)(?: X:\S+)?) ([a-z0-9]+)/([a-z0-9]+)\b")
_BUILD_HEAD = re.compile(r"^\s*(\S.*?): (go\d+(?:\.\d+)*\S*|devel .+)$")
_BUILD_LINE = re.compile(r"^\s+(path|mod|dep|build|=>)\s+(\S.*)$")
_GOPLS_HEAD = re.compile(rf"^\s*{re.escape(GOPLS_MODULE)} (\S+)\s*$")
_GOPLS_MOD = re.compile(rf"^\s*{re.escape(GOPLS_MODULE)}@(\S*)(?:\s+h1:\S+)?\s*$")
_GOPLS_GO = re.compile(r"^\s*go: (go\d+(?:\.\d+)*\S*)\s*$")
_REPORT = re.compile(r"^\s*(gopls version|gopls flags|update flags|extension version|go version|environment"
                     r"|initialization error):\s*(.*)$", re.IGNORECASE)
_REPORT_GOPLS = re.compile(r"^(v\d+\.\d+\.\d+\S*|\(devel\)|master)(?:\s*\((go\d+(?:\.\d+)*\S*)\))?")
_EDITOR_OS = {"linux": "linux", "darwin": "darwin", "win32": "windows", "windows": "windows"}
_GO_COMMAND = re.compile(r"^\s*(\S*[/\\]go(?:\.exe)?)\s+version\s*$")  # `/opt/go/bin/go version`
_BARE_GO = re.compile(r"^(?:go)?(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)$")
_DEP = re.compile(r"^\s+\S+@\S*(?:\s+h1:\S+)?(?:\s+=>.*)?$")


def read(lines: Sequence[str], draft: Draft) -> None:
    index = 0
    while index < len(lines):
        line = lines[index]
        if (m := _GO_VERSION.search(line)) is not None:
            _go_version(draft, m, index, _named_go(lines, index))
        if _GOPLS_HEAD.match(line):
            index = _gopls_version(lines, index, draft)
            continue
        if (m := _BUILD_HEAD.match(line)) and index + 1 < len(lines) and _BUILD_LINE.match(lines[index + 1]):
            index = _build_info(lines, index, m.group(1), draft)
            continue
        if _REPORT.match(line):
            index = _report_header(lines, index, draft)
            continue
        index += 1


def _named_go(lines: Sequence[str], index: int) -> str | None:
    """The go a `go version` line describes when the command above it named one by path."""
    for above in range(index - 1, max(-1, index - 3), -1):
        if lines[above].strip():
            found = _GO_COMMAND.match(lines[above])
            return found.group(1) if found else None
    return None


def _go_version(draft: Draft, match: re.Match[str], index: int, named: str | None = None) -> None:
    span = Span(index, index, "go version")
    draft.note(span)
    if named is not None:  # another go than the one PATH runs, unless it is the first `which -a` found
        draft.versions_by_path.setdefault(named, match.group(1))
        if draft.path_candidates[:1] != [named]:
            return
    if draft.go_version is None:
        draft.go_version, draft.go_platform, draft.go_version_span = match.group(1), (match.group(2),
                                                                                      match.group(3)), span
        draft.set_host(match.group(2), shown=True)


def _gopls_version(lines: Sequence[str], start: int, draft: Draft) -> int:
    header = _GOPLS_HEAD.match(lines[start])
    assert header is not None
    version = header.group(1)
    module_version: str | None = version if version.startswith("v") else None
    go_version = None
    end = index = start + 1
    while index < len(lines):
        line = lines[index]
        if (m := _GOPLS_MOD.match(line)) is not None:
            module_version, end = m.group(1), index
        elif line.strip() == "@":  # built without module information (a distribution package)
            module_version, end = "", index
        elif (m := _GOPLS_GO.match(line)) is not None:
            go_version, end = m.group(1), index
            break
        elif not (_DEP.match(line) or not line.strip()):
            break
        index += 1
    span = Span(start, end, "gopls version")
    draft.note(span)
    draft.tools.append(Tool("gopls", span, module_path=GOPLS_MODULE, module_version=module_version,
                            go_version=go_version))
    return end + 1


def _build_info(lines: Sequence[str], start: int, path: str, draft: Draft) -> int:
    """``go version -m FILE``: the head line, then tab-separated lines (spaces when pasted through a browser)."""
    text = [f"{path}: {_BUILD_HEAD.match(lines[start]).group(2)}"]  # type: ignore[union-attr]
    index = start + 1
    while index < len(lines) and (m := _BUILD_LINE.match(lines[index])) is not None:
        text.append("\t" + "\t".join([m.group(1), *m.group(2).split()]))
        index += 1
    info = parse_build_info("\n".join(text))
    span = Span(start, index - 1, "go version -m")
    draft.note(span)
    if info is None:
        return index
    name = re.split(r"[\\/]", path)[-1].removesuffix(".exe").removesuffix(".EXE")
    if info.path == "cmd/go":
        if draft.go_path is None:
            draft.go_path, draft.go_path_span = path, span
        if draft.go_version is None:
            draft.go_version, draft.go_version_span = info.go_version, span
    elif info.path == GOPLS_MODULE or info.module_path == GOPLS_MODULE or name == "gopls":
        name = "gopls"
    draft.tools.append(Tool(name, span, path=path, module_path=info.module_path, module_version=info.module_version,
                            go_version=info.go_version))
    return index


def _report_header(lines: Sequence[str], start: int, draft: Draft) -> int:
    """The header vscode-go writes into a gopls issue: a run of ``name: value`` lines."""
    fields: dict[str, tuple[str, int]] = {}
    index = start
    while index < len(lines) and (m := _REPORT.match(lines[index])) is not None:
        fields.setdefault(m.group(1).lower(), (m.group(2).strip(), index))
        index += 1
    span = Span(start, index - 1, "gopls report")
    if "gopls version" in fields:
        found = _REPORT_GOPLS.match(fields["gopls version"][0])
        if found is not None:
            version = found.group(1)
            draft.tools.append(Tool("gopls", span, module_path=GOPLS_MODULE,
                                    module_version=version if version != "master" else None,
                                    go_version=found.group(2)))
    if "environment" in fields:
        words = fields["environment"][0].split()
        if words and words[-1].lower() in _EDITOR_OS:
            draft.set_host(_EDITOR_OS[words[-1].lower()], shown=True)
    if "go version" in fields and draft.go_version is None:
        value, line = fields["go version"]
        found_go = _GO_VERSION.search("go version " + value.removeprefix("go version "))
        if found_go is not None:
            _go_version(draft, found_go, line)
        elif (bare := _BARE_GO.match(value)) is not None:  # "go version: 1.21.5", without the platform
            draft.go_version, draft.go_version_span = f"go{bare.group(1)}", Span(line, line, "go version")
    draft.note(span)
    return index


__all__ = ["parse_go_version", "read"]
