"""`go env` output in every form the go command prints it (src/cmd/go/internal/envcmd/env.go, PrintEnv):

* Unix, Go 1.21+: ``KEY='value'``, shell-quoted (a ``'`` inside is written ``'\\''``);
* Unix, before Go 1.21: ``KEY="value"``, the value as it is (nothing escaped);
* Windows: ``set KEY=value`` (Go 1.21+ escapes ``%`` as ``%%`` and ``<>|&^`` with ``^``; before, nothing);
* plan9: ``KEY='value'`` with ``''`` for a quote;
* ``go env -json``: ``"KEY": "value",`` lines — a truncated paste still gives its complete pairs;
* ``go env GOPATH GOROOT``: the command line, then one value per line.

Only the go command's variables are kept (GO*, CGO_*, CC, CXX, AR, PKG_CONFIG, GCCGO), so prose that happens to
hold ``X="y"`` is not read as a dump.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from goenv_lsp.triage.draft import Draft, Span

_KEY = r"(?:GO[A-Z0-9_]*|CGO_[A-Z0-9_]+|CC|CXX|AR|PKG_CONFIG|GCCGO)"
_GO_KEY = re.compile(_KEY)
_SINGLE = re.compile(rf"^\s*({_KEY})=((?:'[^']*'|\\')+)\s*$")
_DOUBLE = re.compile(rf'^\s*({_KEY})="(.*)"\s*$')
_SET = re.compile(rf"^\s*set ({_KEY})=(.*)$", re.IGNORECASE)
_JSON = re.compile(rf'^\s*"({_KEY})"\s*:\s*("(?:[^"\\]|\\.)*")\s*,?\s*$')
_QUERY = re.compile(rf"^\s*go env((?:\s+{_KEY})+)\s*$")
_SHELL_PIECE = re.compile(r"'([^']*)'|\\'")
_BATCH = re.compile(r"%%|\^([<>|&^])")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
# keys every go since 1.0 prints: a dump holding them all and a dozen lines is taken as whole
_CORE = frozenset({"GOARCH", "GOOS", "GOROOT", "GOPATH", "GOHOSTOS", "GOHOSTARCH"})
_WHOLE = 12
GAP = 2  # lines of something else a dump may have inside it (a wrapped line, a warning) and go on


def _unquote_shell(text: str) -> str:
    return "".join("'" if m.group(0) == "\\'" else m.group(1) for m in _SHELL_PIECE.finditer(text))


def _pair(line: str) -> tuple[str, str, str] | None:
    """(key, value as printed, style) of one `go env` line."""
    if (m := _SINGLE.match(line)) is not None:
        return m.group(1), m.group(2), "posix-single"
    if (m := _DOUBLE.match(line)) is not None:
        return m.group(1), m.group(2), "posix-double"
    if (m := _SET.match(line)) is not None:
        return m.group(1).upper(), m.group(2), "windows-set"
    if (m := _JSON.match(line)) is not None:
        try:
            value = json.loads(m.group(2))
        except ValueError:
            return None
        return (m.group(1), value, "json") if isinstance(value, str) else None
    return None


def _value(raw: str, style: str, escaped: bool) -> str:
    if style == "posix-single":
        return _unquote_shell(raw)
    if style == "windows-set" and escaped:
        return _BATCH.sub(lambda m: m.group(1) or "%", raw)
    return raw


def _batch_escaped(pairs: dict[str, str]) -> bool:
    """Does this Windows dump come from a go that escapes (1.21+)? Told by its GOVERSION, else by %% in it."""
    version = pairs.get("GOVERSION", "")
    found = re.match(r"go1\.(\d+)", version)
    if found:
        return int(found.group(1)) >= 21
    return any("%%" in v for v in pairs.values())


def read(lines: Sequence[str], draft: Draft) -> None:
    index = 0
    while index < len(lines):
        query = _QUERY.match(lines[index])
        if query is not None:
            index = _read_query(lines, index, query.group(1).split(), draft)
            continue
        if _pair(lines[index]) is None:
            if lines[index].lstrip().startswith("{\"") and lines[index].rstrip().endswith("}"):
                _read_json_line(lines[index], index, draft)  # `go env -json` squeezed onto one line
            index += 1
            continue
        index = _read_dump(lines, index, draft)


def _read_dump(lines: Sequence[str], start: int, draft: Draft) -> int:
    """One dump from ``start``: its lines until something else goes on for more than GAP lines."""
    raw: dict[str, tuple[str, str]] = {}
    where: dict[str, int] = {}
    end = index = start
    misses = 0
    first = _pair(lines[start])
    while index < len(lines) and misses <= GAP:
        found = _pair(lines[index])
        if found is not None and first is not None and found[2] != first[2]:
            break  # another dump, in another form
        if found is None:
            misses += 1 if lines[index].strip() or misses else 0  # blank lines inside count once
        else:
            key, value, style = found
            raw.setdefault(key, (value, style))
            where.setdefault(key, index)
            end, misses = index, 0
        index += 1
    style = next(iter(raw.values()))[1]  # a dump ends where the form changes: one style
    escaped = _batch_escaped({k: v for k, (v, _) in raw.items()})
    values = {key: _value(value, s, escaped) for key, (value, s) in raw.items()}
    whole = _CORE.issubset(values) and len(values) >= _WHOLE
    _record(draft, values, where, Span(start, end, "go env -json" if style == "json" else "go env"), style, whole)
    return end + 1


def _read_json_line(line: str, index: int, draft: Draft) -> None:
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):
        return
    if not isinstance(data, dict):
        return
    values = {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str) and _GO_KEY.fullmatch(k)}
    if len(values) >= 3:
        whole = _CORE.issubset(values) and len(values) >= _WHOLE
        _record(draft, values, dict.fromkeys(values, index), Span(index, index, "go env -json"), "json", whole)


def _read_query(lines: Sequence[str], start: int, keys: list[str], draft: Draft) -> int:
    """``go env K1 K2``: the next lines are the values in that order (an empty one is an empty line)."""
    values = {}
    for offset, key in enumerate(keys, 1):
        if start + offset >= len(lines):
            break
        value = lines[start + offset]
        if value.startswith(("go ", "go: ", "$ ")) or _pair(value) is not None:
            break
        values[key] = value.strip()
    if values:
        end = start + len(values)
        where = {key: start + offset for offset, key in enumerate(values, 1)}
        _record(draft, values, where, Span(start, end, "go env KEY"), None, False)
        return end + 1
    return start + 1


def _record(draft: Draft, values: dict[str, str], where: dict[str, int], span: Span, style: str | None,
            whole: bool) -> None:
    for key, value in values.items():
        draft.go_env.setdefault(key, value)
    draft.go_env_spans.append(span)
    draft.note(span)
    if style and draft.go_env_style is None:
        draft.go_env_style = style
    draft.go_env_complete = bool(draft.go_env_complete) or whole
    for key, line in where.items():
        draft.go_env_lines.setdefault(key, line)
    _infer_host(draft)


def _infer_host(draft: Draft) -> None:
    env = draft.go_env
    if env.get("GOHOSTOS"):
        draft.set_host(env["GOHOSTOS"], shown=True)
        return
    if draft.go_env_style == "windows-set" or env.get("GOEXE") == ".exe" or any(
            _DRIVE.match(env.get(k, "")) for k in ("GOROOT", "GOPATH", "GOCACHE", "GOMODCACHE")):
        draft.set_host("windows", shown=False)
    elif env.get("GOOS") and not draft.host_os:
        draft.set_host(env["GOOS"], shown=False)  # a cross-compiling GOOS is rare in a bug report's dump
