"""Collect Facts for one workspace root, through the System seam only.

Stages, each feeding the next: the root's settings files (they name SDKs) → every go binary, probed in
parallel → the GOENV file and $GOROOT/go.env of the go that runs → gopls (read with `go version -m`) → the
workspace tree (go.mod, go.work … of every module) → modules (which go.mod / go.work the go command uses
in each) → what the paths named by settings hold, and which toolchains are at hand.

`go env` runs once per go binary, from the root, never once per module: GOMOD and GOWORK of each module
follow from the files (``semantics.modules``).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Awaitable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from goenv_lsp.facts import (
    Discovery,
    Facts,
    FileFacts,
    FrozenMap,
    GoBinary,
    GoplsBinary,
    LoginEnvironment,
    Origin,
    PathInfo,
    PathKind,
    ProbeRun,
    Refusal,
    Status,
)
from goenv_lsp.files import PARSED, FileKind, LocateContext, ParseContext, Where, goland_project, parse
from goenv_lsp.files.base import root_paths, unreadable
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.files.shell_rc import stated_paths
from goenv_lsp.files.shell_rc_kinds import KIND_NAMES as SHELL_RC_KINDS
from goenv_lsp.parsers.buildinfo import ExecutableInfo
from goenv_lsp.parsers.goenv_json import parse_env_json
from goenv_lsp.probe import (
    binaries,
    drive,
    generate,
    go_dirs,
    legacy_deps,
    login_shell,
    modcache,
    tools,
    trust,
    vendor,
)
from goenv_lsp.probe.discover import Discovered, DiscoveryOptions, admits, discover
from goenv_lsp.probe.runner import DEFAULT_TIMEOUT
from goenv_lsp.probe.system import RealSystem, System
from goenv_lsp.probe.trust import Untrusted
from goenv_lsp.redact import redact_data, redact_env, redact_fields, redact_value
from goenv_lsp.semantics import modules as gomodules
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.editor_paths import SDK_ROOT_SETTINGS, expand_setting_path
from goenv_lsp.semantics.go_env import user_setting, value_layers
from goenv_lsp.semantics.netrc import netrc_candidates
from goenv_lsp.semantics.tls import probed_cert_paths

_KEPT_ENV = {"PATH", "HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "ASDF_DATA_DIR", "MISE_DATA_DIR",
             "GVM_ROOT", "SHELL", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "TMPDIR", "TMP", "TEMP", "NETRC", "CC",
             "CXX", "SSL_CERT_FILE", "SSL_CERT_DIR",
             # version managers: where they are, and the version a variable selects (semantics.version_managers)
             "ASDF_GOLANG_VERSION", "ASDF_DEFAULT_TOOL_VERSIONS_FILENAME", "MISE_GO_VERSION", "MISE_CONFIG_DIR",
             "MISE_GLOBAL_CONFIG_FILE", "XDG_DATA_HOME", "G_HOME", "gvm_go_name"}


@dataclass(frozen=True)
class ProbeOptions:
    timeout: float = DEFAULT_TIMEOUT
    trusted: bool = False  # may binaries inside the workspace be executed?
    # editor-side settings the server learns from the client (key → value), under settings.json
    editor_settings: Mapping[str, object] = field(default_factory=dict)
    # unsaved editor buffers by absolute path: they win over the files on disk
    overrides: Mapping[str, bytes] = field(default_factory=dict)
    discovery: DiscoveryOptions = field(default_factory=DiscoveryOptions)
    gopls: bool = True  # probe gopls binaries (off when no selected rule needs them)
    untrusted: tuple[str, ...] = ()  # other untrusted workspace folders (the root is one unless ``trusted``)
    cgo_flags: bool = False  # ask go env for CGO_CFLAGS, GOGCCFLAGS … (go then runs the C compiler)
    home_files: bool = True  # read the shell startup files in the home directory (config `home-files`)
    login_shell: bool = False  # run the login shell once to read its environment (config `login-shell`; only
    #                            when a selected rule needs Input.LOGIN_SHELL)
    go_generate: bool = True  # read the workspace's //go:generate lines (off when no selected rule needs them)


class Runs(Protocol):
    """How the collector runs its probes; a result of None means "not known yet" (the language server's
    cache, which never spawns on the hot path)."""

    async def run(self, argv: tuple[str, ...], cwd: str | None, timeout: float,
                  env: Mapping[str, str] | None = None, *, clean_env: bool = False,
                  depends: tuple[str, ...] = ()) -> ProbeRun | None: ...
    # clean_env: ``env`` alone, not the process environment; depends: files the answer depends on besides
    # the executable (a login shell's startup files)


class DirectRuns:
    def __init__(self, system: System):
        self.system = system

    async def run(self, argv: tuple[str, ...], cwd: str | None, timeout: float,
                  env: Mapping[str, str] | None = None, *, clean_env: bool = False,
                  depends: tuple[str, ...] = ()) -> ProbeRun | None:
        return await self.system.run(argv, cwd, extra_env=env, timeout=timeout, clean_env=clean_env)


class FileCache:
    """Parsed files by (path, what was read): the language server keeps one, so an edit re-parses one file."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[object, FileFacts]] = {}
        self.build_infos: dict[tuple[str, object], ExecutableInfo] = {}  # by (real path, stat fingerprint)

    def get(self, path: str, key: object) -> FileFacts | None:
        found = self.entries.get(path)
        return found[1] if found is not None and found[0] == key else None

    def put(self, path: str, key: object, facts: FileFacts) -> None:
        self.entries[path] = (key, facts)

    def last(self, path: str) -> FileFacts | None:
        """What was read last at ``path`` (from the disk or a buffer), whatever it was keyed by."""
        found = self.entries.get(path)
        return found[1] if found is not None else None


def collect_sync(root: str, options: ProbeOptions | None = None, system: System | None = None) -> Facts:
    """``collect`` for one-shot commands: without asyncio (``drive``), except on Windows, where the selector
    cannot wait for pipes."""
    options = options or ProbeOptions()
    work = collect(root, options, system or RealSystem(timeout=options.timeout))
    if os.name == "nt":
        import asyncio

        return asyncio.run(work)
    return drive.run(work)


async def collect(root: str, options: ProbeOptions, system: System, runs: Runs | None = None,
                  cache: FileCache | None = None, tree: Discovered | None = None) -> Facts:
    """Facts of ``root`` (absolute). ``tree`` reuses an earlier walk (the language server's hot path)."""
    return (await collect_with_tree(root, options, system, runs, cache, tree))[0]


async def collect_with_tree(root: str, options: ProbeOptions, system: System, runs: Runs | None = None,
                            cache: FileCache | None = None, tree: Discovered | None = None) -> tuple[Facts, Discovered]:
    """``collect``, and the walk it used (to pass as ``tree`` next time)."""
    collector = _Collector(root, options, system, runs or DirectRuns(system), cache or FileCache())
    return await collector.run(tree), collector.discovered


def reread(facts: Facts, path: str, options: ProbeOptions, system: System, cache: FileCache,
           tree: Discovered | None) -> Facts:
    """``facts`` with one workspace file (go.mod, go.work, a Dockerfile …) read again — its unsaved buffer in
    ``options.overrides``, else the disk — and what follows from the tree derived again as ``collect`` derives
    it: the files above the root and those a go.work uses, the modules, the toolchains at hand. Starts no
    process; ``tree`` (the last walk) gains or loses the file."""
    collector = _Collector(facts.root or "", options, system, DirectRuns(system), cache)
    paths, root = collector.paths, collector.root
    path = paths.normpath(path)
    tree_kinds = {k.name: k for k in PARSED if k.where is Where.TREE}
    # files of the tree the walk found stay; the one edited and those found from go.work lines are read again
    walked = {p for found in tree.files.values() for p in found} if tree is not None else set()
    collector.files = {p: f for p, f in (facts.files or {}).items() if p != path and (
        f.kind not in tree_kinds or p in walked or paths.inside(p, root))}
    collector.kinds = list(facts.kinds or ())
    file_kind = next((k for k in tree_kinds.values() if k.matches(path, root, paths)), None)
    listed = tree.files.setdefault(file_kind.name, []) if tree is not None and file_kind else None
    if file_kind is not None and (not paths.inside(path, root) or (listed is not None and path in listed)
                                  or admits(system, root, path, options.discovery)):
        new = collector.read(file_kind, path)
        if file_kind.name not in collector.kinds:
            collector.kinds.append(file_kind.name)
        if listed is not None:
            if new is None and path in listed:
                listed.remove(path)
            elif new is not None and path not in listed and paths.inside(path, root):
                listed.append(path)
    collector._read_outside_root(facts, tree_kinds)
    before = facts
    facts = dataclasses.replace(facts, files=FrozenMap(collector.files), kinds=tuple(collector.kinds))
    if _module_files(before) != _module_files(facts):  # the modules follow from which go.mod/go.work exist
        facts = dataclasses.replace(facts, modules=gomodules.modules_of(facts))
    facts = dataclasses.replace(facts, module_cache=modcache.collect_module_cache(
        system, facts, options.overrides, before.module_cache, path))
    active = running_go(facts)
    go_env = active.env if active and active.env is not None else {}
    return dataclasses.replace(facts, toolchains=FrozenMap(collector._toolchains(facts, facts.path_entries or (),
                                                                                 go_env)))


def _module_files(facts: Facts) -> set[tuple[str, str]]:
    return {(p, f.kind) for p, f in (facts.files or {}).items()
            if f.kind in ("go.mod", "go.work") and f.status is not Status.MISSING}


class _Collector:
    def __init__(self, root: str, options: ProbeOptions, system: System, runs: Runs, cache: FileCache):
        self.system, self.options, self.runs, self.cache = system, options, runs, cache
        self.paths = system.paths
        self.root = self.paths.normpath(root)
        self.home = system.home
        self.env = dict(system.env)
        self._facts_env: FrozenMap | None = None  # the part of ``env`` facts keep, redacted: made once
        self.ctx = ParseContext(self.root, self.home, self.paths)
        self.untrusted = Untrusted() if options.trusted else Untrusted.of(system, (self.root, *options.untrusted))
        self.probe_env: dict[str, str] | None = None  # what probes run with instead of the process's own
        self.files: dict[str, FileFacts] = {}
        self.kinds: list[str] = []
        self.discovered = Discovered()
        # the language server's hot path: the tree's files were read by the last walk, and changes on disk
        # reach it as watched-file events (``reread``), so they are not stat'ed again on every keystroke
        self.trust_tree_cache = False

    # -- files ---------------------------------------------------------------------------------
    def read(self, file_kind: FileKind, path: str) -> FileFacts | None:
        """Read and parse one file (its unsaved buffer if open); None when it does not exist."""
        path = self.paths.normpath(path)
        if path in self.files:
            return self.files[path]
        buffer = self.options.overrides.get(path)
        if buffer is not None:
            key: object = ("buffer", hash(buffer))
            result = self.cache.get(path, key) or parse(file_kind, buffer, path, self.ctx)
        elif self.trust_tree_cache and file_kind.where is Where.TREE and (known := self.cache.last(path)):
            self.files[path] = known
            return known
        else:
            stat = self.system.stat(path)
            key = ("disk", stat.kind, stat.fingerprint)
            result = self.cache.get(path, key) or self._read_disk(file_kind, path, stat.kind)
        if result is not None:
            result = redact_fields(result)  # type: ignore[assignment]  # secrets never enter facts
            self.cache.put(path, key, result)
            self.files[path] = result
        return result

    def _read_disk(self, file_kind: FileKind, path: str, kind: PathKind) -> FileFacts | None:
        if kind is PathKind.MISSING:
            if file_kind.keep_missing:
                return file_kind.facts_type(path=path, kind=file_kind.name, status=Status.MISSING)
            return None
        found = self.system.read(path)
        if found.status is Status.MISSING:
            return self._read_disk(file_kind, path, PathKind.MISSING)
        if found.status is not Status.OK:
            return unreadable(path, file_kind.name, found.status, found.problem, file_kind.facts_type)
        return parse(file_kind, found.data, path, self.ctx)

    def read_kinds(self, where: Where, locate: LocateContext | None = None) -> None:
        for file_kind in PARSED:
            if file_kind.where is not where:
                continue
            if where is Where.ROOT:
                located: Iterable[str] = root_paths(file_kind, self.root, self.paths, self._file_names)
                located = [*located, *(p for p in self.options.overrides  # an open buffer not on disk yet
                                       if p not in located and file_kind.matches(p, self.root, self.paths))]
            else:
                if file_kind.locate is None or locate is None:
                    continue
                if file_kind.name in SHELL_RC_KINDS and not self.options.home_files:
                    continue  # shell startup files are read only when `home-files` is on: they stay unknown
                located = [p for pattern in file_kind.locate(locate) for p in self._expand_glob(pattern)]
                if where is Where.GOROOT and not located:
                    continue  # no GOROOT known: this kind stays unknown
            self.kinds.append(file_kind.name)
            for path in located:
                self.read(file_kind, path)

    def _expand_glob(self, pattern: str) -> list[str]:
        """A located path, or the files a ``*`` in its last component matches (fish's conf.d/*.fish)."""
        if "*" not in self.paths.basename(pattern):
            return [pattern]
        return sorted(self.system.glob(pattern))[:64]  # a bounded read, whatever the directory holds
    def _file_names(self, directory: str) -> list[str] | None:
        entries = self.system.list(directory)
        return None if entries is None else [e.name for e in entries if e.kind is not PathKind.DIR]

    # -- the whole collection ------------------------------------------------------------------
    async def run(self, tree: Discovered | None) -> Facts:
        paths, env = self.paths, self.env
        self.read_kinds(Where.ROOT)
        settings = self._setting_values()
        path_entries = paths.split_list(env.get("PATH", ""))
        candidates = self._go_candidates(path_entries, settings)
        probe_path = trust.probe_path(self.system, path_entries, self.untrusted)
        self.probe_env = {"PATH": probe_path} if probe_path is not None else None
        # the login shell depends on nothing the go probes learn: it runs alongside them (GE71x)
        login = drive.start(login_shell.probe(self.system, self.runs, self.options.timeout)) \
            if self.options.login_shell else None
        try:
            return await self._run(tree, settings, path_entries, candidates, login)
        finally:
            if login is not None and not login.done():  # an error or a cancellation: nothing left running
                login.cancel()

    async def _run(self, tree: Discovered | None, settings: Mapping[str, object], path_entries: tuple[str, ...],
                   candidates: list[_Candidate], login: Awaitable[LoginEnvironment | None] | None) -> Facts:
        paths, env = self.paths, self.env
        go_binaries = tuple(await drive.gather(*(self._probe_go(c) for c in candidates)))
        facts = self._facts(path_entries=path_entries, go_binaries=go_binaries)
        active = running_go(facts)
        go_env = active.env if active and active.env is not None else None
        self.read_kinds(Where.HOME, LocateContext(env, go_env, self.home, self.system.os, paths,
                                                  self.options.home_files))
        self.read_kinds(Where.GOROOT, LocateContext(env, go_env, self.home, self.system.os, paths))
        facts = self._facts(path_entries=path_entries, go_binaries=go_binaries)
        gopls = self._probe_gopls(path_entries, settings, facts) if self.options.gopls else None

        self._read_tree(tree, facts, go_env)
        facts = self._facts(path_entries=path_entries, go_binaries=go_binaries, gopls=gopls)
        facts = dataclasses.replace(facts, modules=gomodules.modules_of(facts))
        facts = dataclasses.replace(facts, module_cache=modcache.collect_module_cache(
            self.system, facts, self.options.overrides))
        path_info = self._inspect(self._interesting_paths(facts, settings))
        path_info.update(go_dirs.inspect(self.system, facts, path_info))
        path_info.update(legacy_deps.inspect(self.system, self.root, path_info))  # GE213
        managers = binaries.manager_homes(self.system, env, self.home) if self.options.home_files else None
        facts = dataclasses.replace(facts, path_info=FrozenMap(path_info), version_managers=managers,
                                    toolchains=FrozenMap(self._toolchains(facts, path_entries, go_env or {})),
                                    discovery=Discovery(self.discovered.directories, self.discovered.truncated))
        facts = tools.with_tools(self.system, facts, self.options.discovery, self._build_info)  # GE6xx inputs
        if login is not None:  # GE71x: what the login shell exports
            facts = dataclasses.replace(facts, login_env=await login)
        return generate.with_generators(self.system, facts, self.options.discovery, self._build_info,
                                        self.options.go_generate)  # GE63x

    def _facts(self, **fields: object) -> Facts:
        if self._facts_env is None:
            self._facts_env = FrozenMap(_relevant_env(self.env))
        return Facts(root=self.root, home=self.home, os=self.system.os, path_flavor=self.paths.flavor,
                     env=self._facts_env, files=FrozenMap(self.files), kinds=tuple(self.kinds),
                     user_settings=redact_data(dict(self.options.editor_settings)) if self.options.editor_settings
                     else None,
                     **fields)  # type: ignore[arg-type]

    # -- the workspace tree and its modules ----------------------------------------------------
    def _read_tree(self, tree: Discovered | None, facts: Facts, go_env: Mapping[str, str] | None) -> None:
        tree_kinds = [k for k in PARSED if k.where is Where.TREE]
        if tree is None:
            skip = [(go_env or {}).get("GOROOT", ""), (go_env or {}).get("GOMODCACHE", "")]
            tree = discover(self.system, self.root, tree_kinds, self.options.discovery, skip)
        else:
            self.trust_tree_cache = True
        self.discovered = tree
        by_name = {k.name: k for k in tree_kinds}
        for name, found in tree.files.items():
            if name in by_name:
                self.kinds.append(name)
                for path in found:
                    self.read(by_name[name], path)
        for path in self.options.overrides:  # an open buffer of a file not on disk yet, where the walk looks
            file_kind = next((k for k in tree_kinds if k.matches(path, self.root, self.paths)), None)
            if (file_kind is not None and path not in self.files and self.paths.inside(path, self.root)
                    and admits(self.system, self.root, path, self.options.discovery)):
                self.read(file_kind, path)
        self._read_outside_root(facts, by_name)

    def _read_outside_root(self, facts: Facts, kinds: Mapping[str, FileKind]) -> None:
        """What the go command also reads: the go.mod and go.work above the root, a GOWORK file elsewhere,
        and the modules a go.work uses."""
        paths = self.paths
        parent = paths.dirname(self.root)
        if parent != self.root:
            if not self._exists(paths.join(self.root, "go.mod")):
                found = self._find_upwards(parent, "go.mod")
                if found:
                    self.read(kinds["go.mod"], found)
            found = self._find_upwards(parent, "go.work")
            if found:
                self.read(kinds["go.work"], found)
        gowork = user_setting(self._facts(go_binaries=facts.go_binaries), "GOWORK")
        if gowork is not None and paths.is_abs(gowork.value):
            self.read(kinds["go.work"], gowork.value)
        for work in [f for f in list(self.files.values()) if f.kind == "go.work"]:
            for use in work.uses if isinstance(work, ModFileFacts) else ():
                directory = paths.normpath(paths.join(paths.dirname(work.path), use.value))
                self.read(kinds["go.mod"], paths.join(directory, "go.mod"))
        vendor.read_vendor_lists(self)

    def _exists(self, path: str) -> bool:
        return path in self.files or self.system.stat(path).kind is PathKind.FILE

    def _find_upwards(self, start: str, name: str) -> str | None:
        return gomodules.nearest(start, name, lambda p: self.system.stat(p).kind is PathKind.FILE, self.paths)

    # -- settings and go binaries --------------------------------------------------------------
    def _setting_values(self) -> dict[str, object]:
        """Workspace settings.json over the editor's user-level settings, as VS Code layers them."""
        values = dict(self.options.editor_settings)
        vscode = self.files.get(self.paths.join(self.root, ".vscode", "settings.json"))
        if vscode is not None:
            from goenv_lsp.files.vscode_settings import SettingsFacts

            for setting in vscode.values if isinstance(vscode, SettingsFacts) else ():
                values[setting.key] = setting.value
        return values

    def _expand(self, value: str, relative_to: str | None = "root") -> str:
        return expand_setting_path(value, self.root, self.home, self.env, self.paths, relative_to)

    def _go_candidates(self, path_entries: tuple[str, ...], settings: Mapping[str, object]) -> list[_Candidate]:
        system, paths, env = self.system, self.paths, self.env
        found: dict[str, _Candidate] = {}

        def add(path: str, origin: Origin, path_index: int | None = None, workspace_path: bool = False) -> None:
            real = system.realpath(path)
            candidate = found.setdefault(real, _Candidate(path, real, []))
            if origin not in candidate.origins:
                candidate.origins.append(origin)
            if path_index is not None and candidate.path_index is None:
                candidate.path_index = path_index
            # refused only if every way it was found is relative to the workspace
            candidate.workspace_path = workspace_path if len(candidate.origins) == 1 else \
                candidate.workspace_path and workspace_path

        go = "go.exe" if system.os == "windows" else "go"
        on_path = binaries.find_on_path(system, "go", path_entries, self.root)
        for index, path in on_path:
            add(path, Origin.PATH, index)
        if on_path:  # a dangling link before the go that runs: the shell passed over it (GE141)
            for path in binaries.dangling_on_path(system, "go", path_entries[:on_path[0][0]], self.root):
                add(path, Origin.PATH)
        if not found:  # nothing on PATH: look where installers put Go, to say what to add
            for path in binaries.well_known_go_paths(system, self.home):
                add(path, Origin.WELL_KNOWN)
            for path in binaries.unusable_on_path(system, "go", path_entries, self.root):
                add(path, Origin.PATH)  # on PATH but not runnable: no path_index, as the shell skips it
        alternate = settings.get("go.alternateTools.go")
        if isinstance(alternate, str) and alternate:
            resolved = self._expand(alternate, relative_to=None)
            if paths.is_abs(resolved):
                add(resolved, Origin.ALTERNATE_GO, workspace_path=trust.names_workspace_path(alternate, resolved,
                                                                                            system))
            else:  # vscode-go looks a relative name up in GOBIN, GOROOT/bin, then each PATH entry
                dirs = tuple(d for d in (env.get("GOBIN"), env.get("GOROOT") and paths.join(env["GOROOT"], "bin"))
                             if d)
                hits = binaries.find_on_path(system, resolved, dirs + path_entries, self.root)
                add(hits[0][1] if hits else resolved, Origin.ALTERNATE_GO)  # a bare name: not found
        for key, origin in (("go.goroot", Origin.GO_GOROOT), ("go.toolsEnvVars.GOROOT", Origin.TOOLS_ENV_GOROOT)):
            value = settings.get(key)
            if isinstance(value, str) and value:
                workspace_path = trust.names_workspace_path(value, self._expand(value, relative_to=None), system)
                add(paths.join(self._expand(value), "bin", go), origin, workspace_path=workspace_path)
        idea = goland_project(self._facts())
        if idea and idea.goroot:
            add(paths.join(idea.goroot.value, "bin", go), Origin.IDEA)
        if env.get("GOROOT"):
            add(paths.join(env["GOROOT"], "bin", go), Origin.GOROOT)
        return list(found.values())

    async def _probe_go(self, candidate: _Candidate) -> GoBinary:
        system, paths = self.system, self.paths
        binary = GoBinary(path=candidate.path, real_path=candidate.real_path, origins=tuple(candidate.origins),
                          path_index=candidate.path_index,
                          in_workspace=binaries.is_inside(system, candidate.path, self.root),
                          links=binaries.link_chain(system, candidate.path) if paths.is_abs(candidate.path) else None)
        if (not paths.is_abs(candidate.path) or not system.lexists(candidate.path)
                or system.stat(candidate.real_path).kind is PathKind.MISSING):
            return dataclasses.replace(binary, status=Status.MISSING)
        if system.stat(candidate.real_path).kind is PathKind.DIR:
            return dataclasses.replace(binary, status=Status.UNREADABLE)  # a directory named go
        if not binaries.is_executable_file(system, candidate.real_path):
            return dataclasses.replace(binary, status=Status.NOT_EXECUTABLE)
        own_root = self._own_root(candidate.real_path)
        binary = dataclasses.replace(binary, shim=binaries.shim_kind(system, candidate.path), own_root=own_root,
                                     own_root_version=self._version_file(own_root))
        if set(candidate.origins) == {Origin.WELL_KNOWN}:  # only to say what to add to PATH: its VERSION file
            return dataclasses.replace(binary, status=Status.SKIPPED, version=binary.own_root_version)
        refusal = self._refusal(candidate)
        info = self._build_info(candidate.real_path) if refusal is None else None
        if info is not None:
            refusal = trust.go_refusal(info.build, info.problem)
        if refusal is not None or info is None or info.build is None:
            why, detail = refusal or (Refusal.NOT_GO, "")
            return dataclasses.replace(binary, status=Status.SKIPPED, refused=why, refused_detail=detail)
        argv, cwd = trust.go_env_command(candidate.path, info.build.go_version, self.root, system,
                                         self.options.cgo_flags)
        env_run = await self.runs.run(argv, cwd, self.options.timeout, self.probe_env)
        if env_run is None:  # not probed yet
            return dataclasses.replace(binary, status=None)
        go_env = parse_env_json(env_run.stdout) if env_run.status is Status.OK else None
        if env_run.status is Status.OK and go_env is None:
            env_run = dataclasses.replace(env_run, status=Status.MALFORMED)
        if go_env is not None:  # secrets never enter facts: what go printed, with the values redacted
            go_env = redact_env(go_env)
            env_run = dataclasses.replace(env_run, stdout=json.dumps(go_env, indent="\t") + "\n")
        version = (go_env or {}).get("GOVERSION") or info.build.go_version
        return dataclasses.replace(binary, status=env_run.status, version=version, env_run=env_run,
                                   env=FrozenMap(go_env) if go_env is not None else None)

    def _build_info(self, real_path: str) -> ExecutableInfo:
        """The file's Go build information, read again only when the file changed (the server's refreshes)."""
        key = (real_path, self.system.stat(real_path).fingerprint)
        found = self.cache.build_infos.get(key)
        if found is None:
            found = self.cache.build_infos[key] = self.system.build_info(real_path)
        return found

    def _refusal(self, candidate: _Candidate) -> tuple[Refusal, str] | None:
        """Where the binary is, or how a setting names it, may forbid running it at all."""
        if self.untrusted.holds(self.system, candidate.path):
            return Refusal.IN_WORKSPACE, "inside an untrusted workspace"
        if self.untrusted.dirs and candidate.workspace_path:
            return Refusal.WORKSPACE_PATH, "named by a setting relative to the workspace"
        return None

    def _own_root(self, real_exe: str) -> str | None:
        """``cfg.findGOROOT`` from the executable: exe/../.. (or ../../.. for bin/GOOS_GOARCH) with pkg/tool."""
        paths = self.paths
        bin_dir = paths.dirname(real_exe)
        for root in (paths.dirname(bin_dir), paths.dirname(paths.dirname(bin_dir))):
            if self.system.stat(paths.join(root, "pkg", "tool")).kind is PathKind.DIR:
                return root
        return None

    def _version_file(self, goroot: str | None) -> str | None:
        if not goroot:
            return None
        found = self.system.read(self.paths.join(goroot, "VERSION"))
        if found.status is not Status.OK:
            return None
        first = found.data.decode("utf-8", "replace").split("\n", 1)[0].strip()
        return first or None

    def _probe_gopls(self, path_entries: tuple[str, ...], settings: Mapping[str, object],
                           facts: Facts) -> tuple[GoplsBinary, ...]:
        system, paths = self.system, self.paths
        active = running_go(facts)
        found: dict[str, tuple[str, list[Origin]]] = {}

        def add(path: str, origin: Origin) -> None:
            if not binaries.is_executable_file(system, path) and origin is not Origin.ALTERNATE_GOPLS:
                return
            real = system.realpath(path)
            origins = found.setdefault(real, (path, []))[1]
            if origin not in origins:
                origins.append(origin)

        alternate = settings.get("go.alternateTools.gopls")
        if isinstance(alternate, str) and alternate:
            add(self._expand(alternate), Origin.ALTERNATE_GOPLS)
        for _, path in binaries.find_on_path(system, "gopls", path_entries, self.root):
            add(path, Origin.PATH)
        gopls = "gopls.exe" if system.os == "windows" else "gopls"
        gobin = user_setting(facts, "GOBIN")
        if gobin is not None and gobin.value:  # recent go report $GOPATH/bin as GOBIN when unset: only a set one
            add(paths.join(gobin.value, gopls), Origin.GOBIN)
        go_env = (active.env if active else None) or {}
        gopath = go_env.get("GOPATH", "").split(paths.list_separator)[0]
        if gopath:
            add(paths.join(gopath, "bin", gopls), Origin.GOPATH_BIN)

        def read(real: str, path: str, origins: list[Origin]) -> GoplsBinary:
            """Its build information, read from the file: nothing runs (docs/security.md)."""
            binary = GoplsBinary(path=path, real_path=real, origins=tuple(origins))
            if system.stat(real).kind is not PathKind.FILE:
                return dataclasses.replace(binary, status=Status.MISSING)
            info = self._build_info(real)
            if info.build is None:
                return dataclasses.replace(binary, status=Status.MALFORMED, problem=info.problem)
            build = info.build
            return dataclasses.replace(binary, built_with=build.go_version, module_path=build.module_path or build.path,
                                       module_version=build.module_version)

        return tuple(read(real, path, o) for real, (path, o) in found.items())

    # -- what named paths hold; toolchains at hand ---------------------------------------------
    def _interesting_paths(self, facts: Facts, settings: Mapping[str, object]) -> set[str]:
        """GOROOT and GOPATH values from every layer, and the SDK paths editors name."""
        paths = self.paths
        found: set[str] = set()
        layers = value_layers(facts)
        for layer in layers:
            if layer.get("GOROOT"):
                found.add(layer["GOROOT"])
            found.update(p for p in layer.get("GOPATH", "").split(paths.list_separator) if p)
        for key in SDK_ROOT_SETTINGS:
            value = settings.get(key)
            if isinstance(value, str) and value:
                found.add(self._expand(value))
        idea = goland_project(facts)
        if idea and idea.goroot:
            found.add(idea.goroot.value)
        found.update(b.own_root for b in facts.go_binaries or () if b.own_root)
        found.update(stated_paths(facts))  # GOROOT lines of shell startup files (GE701)
        found.update(netrc_candidates(self.env, self.home, self.system.os, paths))  # stat only, never read
        found.update(probed_cert_paths(self.env, self.system.os, paths))  # stat only, never read
        if facts.files_of("github-workflow"):
            from goenv_lsp.files.github_workflow import workflows

            found.update(v.path for w in workflows(facts) for v in w.version_files)  # setup-go's go-version-file
        return found

    def _inspect(self, named: set[str]) -> dict[str, PathInfo]:
        system, paths = self.system, self.paths
        result = {}
        for path in sorted(named):
            if not paths.is_abs(path):
                continue  # relative values are a finding of their own, never resolved against our cwd
            found = system.stat(path)
            if found.kind is PathKind.DIR:
                tools = system.stat(paths.join(path, "pkg", "tool")).kind is PathKind.DIR
                result[path] = PathInfo(PathKind.DIR, tools, self._version_file(path), system.realpath(path),
                                        listable=system.list(path) is not None, mode=found.mode,
                                        writable=found.writable)
            else:
                result[path] = PathInfo(found.kind, mode=found.mode, writable=found.writable)
        return result

    def _toolchains(self, facts: Facts, path_entries: tuple[str, ...], go_env: Mapping[str, str]) -> dict[str, str]:
        """Toolchains the go command could switch to without a download: ``goX.Y.Z`` on PATH, or already
        extracted in the module cache."""
        names, go_lines = set(), set()
        for file in (*(facts.files_of("go.mod") or ()), *(facts.files_of("go.work") or ())):
            # every go.mod and go.work, not only those that govern a scope: a few names more to look up,
            # and no scopes to compute on every keystroke
            if isinstance(file, ModFileFacts) and file.go:
                go_lines.add(file.go.value)  # a monorepo's thousand go.mod files share a few go lines
            if isinstance(file, ModFileFacts) and file.toolchain and file.toolchain.value != "default":
                names.add(file.toolchain.value)
        names.update(gover.toolchain_for_go_line(line) for line in go_lines)
        setting = user_setting(facts, "GOTOOLCHAIN")
        if setting and setting.value.split("+")[0].startswith("go"):
            names.add(setting.value.split("+")[0])
        names.update(modcache.toolchains_wanted(facts))  # what dependencies' go lines would switch to
        found = {}
        cache = go_env.get("GOMODCACHE", "")
        platform = f"{go_env.get('GOHOSTOS', '')}-{go_env.get('GOHOSTARCH', '')}"
        for name in sorted(names):
            if not gover.from_toolchain(name):
                continue
            hits = binaries.find_on_path(self.system, name, path_entries, self.root)
            if hits:
                found[name] = hits[0][1]
            elif cache:
                directory = self.paths.join(cache, "golang.org", f"toolchain@v0.0.1-{name}.{platform}")
                if self.system.stat(directory).kind is PathKind.DIR:
                    found[name] = directory
        return found


@dataclass
class _Candidate:
    path: str
    real_path: str
    origins: list[Origin]
    path_index: int | None = None
    workspace_path: bool = False  # named by a setting relative to the workspace


def _relevant_env(env: Mapping[str, str]) -> dict[str, str]:
    return {key: redact_value(key, value) for key, value in sorted(env.items())
            if key.startswith(("GO", "CGO_")) or key in _KEPT_ENV}


__all__ = ["DirectRuns", "FileCache", "ProbeOptions", "Runs", "collect", "collect_sync"]

