"""A System that passes every call to another one and records it: what was run (and answered), read, listed,
stat'ed and resolved. ``fixture()`` writes what was seen as a FakeSystem machine, so a real machine (a bug
report's, a test's) can be replayed without it; the benchmark reads ``calls`` to know what `check` did."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from goenv_lsp.facts import PathKind, ProbeRun, Status
from goenv_lsp.parsers.buildinfo import ExecutableInfo
from goenv_lsp.parsers.goversion import BuildInfo
from goenv_lsp.probe.system import MAX_FILE_BYTES, Entry, ReadResult, Stat, System

if TYPE_CHECKING:
    import asyncio

T = TypeVar("T")


class RecordingSystem:
    def __init__(self, inner: System):
        self.inner = inner
        self.os, self.paths, self.env, self.well_known_go = inner.os, inner.paths, inner.env, inner.well_known_go
        self.neutral_dir = inner.neutral_dir
        self.arch = inner.arch
        self.calls: list[tuple] = []  # (verb, argument(s), result)

    @property
    def home(self) -> str | None:
        return self.inner.home

    @property
    def spawned(self) -> int:
        return self.inner.spawned

    async def run(self, argv: Sequence[str], cwd: str | None = None, *, extra_env: Mapping[str, str] | None = None,
                  timeout: float | None = None, user_command: bool = False, clean_env: bool = False) -> ProbeRun:
        return self._seen("run", (tuple(argv), cwd), await self.inner.run(
            argv, cwd, extra_env=extra_env, timeout=timeout, user_command=user_command, clean_env=clean_env))

    def _seen(self, call: str, argument: object, result: T) -> T:
        self.calls.append((call, argument, result))
        return result

    def stat(self, path: str) -> Stat:
        return self._seen("stat", path, self.inner.stat(path))

    def lexists(self, path: str) -> bool:
        return self._seen("lexists", path, self.inner.lexists(path))

    def read(self, path: str, limit: int = MAX_FILE_BYTES) -> ReadResult:
        return self._seen("read", path, self.inner.read(path, limit))

    def read_head(self, path: str, size: int = 512) -> bytes:
        return self._seen("read_head", path, self.inner.read_head(path, size))

    def build_info(self, path: str) -> ExecutableInfo:
        return self._seen("build_info", path, self.inner.build_info(path))

    def list(self, path: str) -> tuple[Entry, ...] | None:
        return self._seen("list", path, self.inner.list(path))

    def realpath(self, path: str) -> str:
        return self._seen("realpath", path, self.inner.realpath(path))

    def readlink(self, path: str) -> str | None:
        return self._seen("readlink", path, self.inner.readlink(path))

    def glob(self, pattern: str) -> list[str]:
        return self._seen("glob", pattern, self.inner.glob(pattern))

    def write_text(self, path: str, text: str) -> None:
        self._seen("write", path, None)
        self.inner.write_text(path, text)

    def watch(self, directories: list[str], stop: asyncio.Event) -> AsyncIterator[set[str]]:
        return self.inner.watch(directories, stop)

    # -- what was seen ---------------------------------------------------------------------------------
    def runs(self) -> list[tuple[tuple[str, ...], str | None]]:
        return [call[1] for call in self.calls if call[0] == "run"]

    def reads(self) -> list[str]:
        return [call[1] for call in self.calls if call[0] == "read" and call[2].status is Status.OK]

    def fixture(self) -> str:
        """The machine as a FakeSystem TOML fixture: the files read, the directories seen, the symlinks
        resolved, every executable run with its answers, and the environment."""
        files: dict[str, str] = {}
        executables: dict[str, list[ProbeRun]] = {}
        builds: dict[str, BuildInfo] = {}
        runnable: set[str] = set()
        dirs: set[str] = set()
        symlinks: dict[str, str] = {}
        for verb, argument, result in self.calls:
            if verb == "read" and result.status is Status.OK:
                files[argument] = result.data.decode("utf-8", "surrogateescape")
            elif verb == "read_head" and result and argument not in files:
                files[argument] = result.decode("utf-8", "surrogateescape")
            elif verb == "stat" and result.kind is PathKind.DIR:
                dirs.add(argument)
            elif verb == "stat" and result.kind is PathKind.FILE:
                files.setdefault(argument, "")
                if result.executable:
                    runnable.add(argument)
            elif verb == "list" and result is not None:
                dirs.add(argument)
                for entry in result:
                    child = self.paths.join(argument, entry.name)
                    (dirs.add(child) if entry.kind is PathKind.DIR else files.setdefault(child, ""))
            elif verb == "realpath" and result != self.paths.normpath(argument):
                symlinks.setdefault(self.paths.normpath(argument), result)
            elif verb == "readlink" and result is not None:
                symlinks[self.paths.normpath(argument)] = result  # the link itself, as it is written
            elif verb == "run":
                executables.setdefault(argument[0][0], []).append(result)
            elif verb == "build_info" and result.build is not None:
                builds[argument] = result.build
                executables.setdefault(argument, [])
        lines = [f"os = {json.dumps(self.os)}", f"arch = {json.dumps(self.arch)}",
                 f"dirs = {json.dumps(sorted(d for d in dirs if d not in symlinks))}",
                 "", "[env]"]
        lines += [f"{json.dumps(k)} = {json.dumps(v)}" for k, v in sorted(self.env.items())]
        lines += ["", "[files]"]
        for path, text in sorted(files.items()):
            if path in symlinks or path in executables:
                continue
            spec = {"text": text, "executable": True} if path in runnable else text
            lines.append(f"{json.dumps(path)} = {_toml_value(spec)}")
        lines += ["", "[symlinks]"] + [f"{json.dumps(k)} = {json.dumps(v)}" for k, v in sorted(symlinks.items())]
        for path, results in sorted(executables.items()):
            lines += ["", "[[executables]]", f"path = {json.dumps(path)}"]
            build = builds.get(path) or builds.get(symlinks.get(path, ""))
            if build is not None:
                settings = dict(build.settings)
                spec = {"path": build.path or "", "go": build.go_version, "module_path": build.module_path,
                        "module_version": build.module_version, "goos": settings.get("GOOS"),
                        "goarch": settings.get("GOARCH")}
                lines.append(f"build = {_toml_value({k: v for k, v in spec.items() if v is not None})}")
            for result in results:
                lines += ["[[executables.runs]]", f"args = {json.dumps(list(result.argv[1:]))}",
                          f"stdout = {json.dumps(result.stdout)}", f"stderr = {json.dumps(result.stderr)}",
                          f"exit = {result.exit_code if result.exit_code is not None else 0}",
                          f"status = {json.dumps(result.status.value)}"]
        return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)
