"""Collect Facts for one workspace directory: files first (cheap), then every go binary in
parallel, then gopls through the go that runs."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from goenv_lsp.facts import (
    Facts,
    GoBinary,
    GoplsBinary,
    IdeaFacts,
    ModFileFacts,
    PathInfo,
    ProbeRun,
    SettingsFacts,
    Status,
)
from goenv_lsp.parsers.goversion import parse_build_info, parse_go_version
from goenv_lsp.parsers.modfile import parse_modfile
from goenv_lsp.parsers.vscode_settings import parse_vscode_settings
from goenv_lsp.probe import binaries
from goenv_lsp.probe.editor_paths import expand_setting_path
from goenv_lsp.probe.files import find_upwards, read_bytes, read_env_file, read_parsed, unreadable_problem
from goenv_lsp.probe.runner import DEFAULT_TIMEOUT, Runner
from goenv_lsp.redact import redact_credentials
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.goenv import user_setting
from goenv_lsp.semantics.selection import running_go

_KEPT_ENV = {"PATH", "HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "ASDF_DATA_DIR", "MISE_DATA_DIR",
             "GVM_ROOT", "SHELL", "USERPROFILE", "APPDATA", "LOCALAPPDATA"}


@dataclass(frozen=True)
class ProbeOptions:
    timeout: float = DEFAULT_TIMEOUT
    trusted: bool = False  # may binaries inside the workspace be executed?
    env: Mapping[str, str] | None = None  # defaults to this process's environment
    max_concurrency: int = 4
    # editor-side settings the server learns from the client (key → value), under settings.json
    editor_settings: Mapping[str, object] = field(default_factory=dict)
    # unsaved editor buffers by absolute path: they win over the files on disk
    overrides: Mapping[str, bytes] = field(default_factory=dict)
    runner: Runner | None = None  # e.g. a CachingRunner kept by the language server


def collect_sync(root: str, options: ProbeOptions | None = None) -> Facts:
    return asyncio.run(collect(root, options or ProbeOptions()))


async def collect(root: str, options: ProbeOptions) -> Facts:
    env = dict(os.environ if options.env is None else options.env)
    root = os.path.abspath(root)
    home = env.get("HOME") or None
    runner = options.runner or Runner(env, options.timeout, options.max_concurrency)
    overrides = options.overrides
    path_entries = binaries.split_path(env.get("PATH", ""))

    vscode = _read_vscode(os.path.join(root, ".vscode", "settings.json"), overrides)
    idea = _read_idea(os.path.join(root, ".idea", "workspace.xml"), root, home, overrides)
    settings = _setting_values(vscode, options.editor_settings)

    candidates = _go_candidates(root, home, env, path_entries, settings, idea)
    go_binaries = tuple(await asyncio.gather(
        *(_probe_go(runner, c, root, options.trusted) for c in candidates)))
    facts = Facts(root=root, home=home, os=_goos(), env=_relevant_env(env), path_entries=path_entries,
                  go_binaries=go_binaries, vscode=vscode, idea=idea,
                  user_settings=dict(options.editor_settings) if options.editor_settings else None)
    active = running_go(facts)
    active_env = active.env if active and active.env else {}

    go_mod, go_work = _read_mod_files(root, env, active_env, overrides)
    goenv_path = active_env.get("GOENV") if "GOENV" in active_env else default_goenv_path(env, home)
    goroot = active.goroot if active else None
    user_env_file = read_env_file(goenv_path if goenv_path and goenv_path != "off" else None)
    gobin_entry = user_env_file.get("GOBIN")
    gobin = env.get("GOBIN") or (gobin_entry.value if gobin_entry else "")
    gopls = await _probe_gopls(runner, root, env, path_entries, settings, active, home, gobin)
    facts = replace(
        facts, go_mod=go_mod, go_work=go_work, user_env_file=user_env_file,
        goroot_env_file=read_env_file(os.path.join(goroot, "go.env")) if goroot else None,
        gopls=gopls,
    )
    named = _wanted_toolchains(facts)
    return replace(facts, paths=inspect_paths(_interesting_paths(facts, settings)),
                   toolchains=_find_toolchains(named, path_entries, root, active_env))


def _interesting_paths(facts: Facts, settings: dict[str, object]) -> set[str]:
    """GOROOT and GOPATH values from every layer, and the SDK paths editors name."""
    found: set[str] = set()
    layers = [facts.env or {}]
    if facts.user_env_file:
        layers.append({e.key: e.value for e in facts.user_env_file.entries})
    active = running_go(facts)
    if active and active.env:
        layers.append(active.env)
    for layer in layers:
        if layer.get("GOROOT"):
            found.add(layer["GOROOT"])
        found.update(p for p in layer.get("GOPATH", "").split(os.pathsep) if p)
    root, home, env = facts.root or ".", facts.home, facts.env or {}
    for key in ("go.goroot", "go.toolsEnvVars.GOROOT", "go.gopath"):
        value = settings.get(key)
        if isinstance(value, str) and value:
            found.add(expand_setting_path(value, root, home, env))
    if facts.idea and facts.idea.goroot:
        found.add(facts.idea.goroot.value)
    found.update(b.own_root for b in facts.go_binaries or () if b.own_root)
    return found


def inspect_paths(paths: set[str]) -> dict[str, PathInfo]:
    result = {}
    for path in sorted(paths):
        if not os.path.isabs(path):
            continue  # relative values are a finding of their own, never resolved against our cwd
        try:
            if os.path.isdir(path):
                result[path] = PathInfo("dir", os.path.isdir(os.path.join(path, "pkg", "tool")),
                                        _version_file(path), binaries.real_path(path))
            elif os.path.exists(path):
                result[path] = PathInfo("file")
            else:
                result[path] = PathInfo("missing")
        except OSError:
            result[path] = PathInfo("unreadable")
    return result


def _wanted_toolchains(facts: Facts) -> set[str]:
    names = set()
    for mod in (facts.go_mod, facts.go_work):
        if mod and mod.go:
            names.add(gover.toolchain_for_go_line(mod.go.value))
        if mod and mod.toolchain and mod.toolchain.value != "default":
            names.add(mod.toolchain.value)
    setting = user_setting(facts, "GOTOOLCHAIN")
    if setting and setting.value.split("+")[0].startswith("go"):
        names.add(setting.value.split("+")[0])
    return names


def _find_toolchains(names: set[str], path_entries: tuple[str, ...], root: str,
                     active_env: Mapping[str, str]) -> dict[str, str]:
    """Toolchains the go command could switch to without a download: ``goX.Y.Z`` on PATH, or
    already extracted in the module cache."""
    found = {}
    cache = active_env.get("GOMODCACHE", "")
    platform = f"{active_env.get('GOHOSTOS', '')}-{active_env.get('GOHOSTARCH', '')}"
    for name in sorted(names):
        hits = binaries.find_on_path(name, path_entries, root)
        if hits:
            found[name] = hits[0][1]
        elif cache:
            directory = os.path.join(cache, "golang.org", f"toolchain@v0.0.1-{name}.{platform}")
            if os.path.isdir(directory):
                found[name] = directory
    return found


@dataclass
class _Candidate:
    path: str
    real_path: str
    origins: list[str]
    path_index: int | None = None


def _go_candidates(root: str, home: str | None, env: Mapping[str, str], path_entries: tuple[str, ...],
                   settings: dict[str, object], idea: IdeaFacts | None) -> list[_Candidate]:
    found: dict[str, _Candidate] = {}

    def add(path: str, origin: str, path_index: int | None = None) -> None:
        real = binaries.real_path(path)
        candidate = found.setdefault(real, _Candidate(path, real, []))
        if origin not in candidate.origins:
            candidate.origins.append(origin)
        if path_index is not None and candidate.path_index is None:
            candidate.path_index = path_index

    for index, path in binaries.find_on_path("go", path_entries, root):
        add(path, "PATH", index)
    if not found:  # nothing on PATH: look where installers put Go, to say what to add
        for path in binaries.well_known_go_paths(home):
            add(path, "well-known")

    def expand(value: str) -> str:
        return expand_setting_path(value, root, home, env)

    alternate = settings.get("go.alternateTools.go")
    if isinstance(alternate, str) and alternate:
        resolved = expand_setting_path(alternate, root, home, env, relative_to=None)
        if os.path.isabs(resolved):
            add(resolved, "go.alternateTools.go")
        else:  # vscode-go looks a relative name up in GOBIN, GOROOT/bin, then each PATH entry
            dirs = tuple(d for d in (env.get("GOBIN"), os.path.join(env.get("GOROOT") or "/-", "bin")) if d)
            hits = binaries.find_on_path(resolved, dirs + path_entries, root)
            add(hits[0][1] if hits else resolved, "go.alternateTools.go")  # a bare name: not found
    for key in ("go.goroot", "go.toolsEnvVars.GOROOT"):
        value = settings.get(key)
        if isinstance(value, str) and value:
            add(os.path.join(expand(value), "bin", "go"), key)
    if idea and idea.goroot:
        add(os.path.join(idea.goroot.value, "bin", "go"), "idea")
    if env.get("GOROOT"):
        add(os.path.join(env["GOROOT"], "bin", "go"), "GOROOT")
    return list(found.values())


async def _probe_go(runner: Runner, candidate: _Candidate, root: str, trusted: bool) -> GoBinary:
    binary = GoBinary(path=candidate.path, real_path=candidate.real_path, origins=tuple(candidate.origins),
                      path_index=candidate.path_index,
                      in_workspace=binaries.is_inside(candidate.path, root))
    if not os.path.isabs(candidate.path) or not os.path.lexists(candidate.path) or not os.path.exists(
            candidate.real_path):
        return replace(binary, status=Status.MISSING)
    if not binaries.is_executable_file(candidate.real_path):
        return replace(binary, status=Status.NOT_EXECUTABLE)
    binary = replace(binary, shim=binaries.shim_kind(candidate.path))
    own_root = _own_root(candidate.real_path)
    binary = replace(binary, own_root=own_root, own_root_version=_version_file(own_root))
    if binary.in_workspace and not trusted:
        return replace(binary, status=Status.SKIPPED)

    version_run, env_run = await asyncio.gather(
        runner.run([candidate.path, "version"], cwd=root),
        runner.run([candidate.path, "env", "-json"], cwd=root),
    )
    parsed = parse_go_version(version_run.stdout) if version_run.status is Status.OK else None
    go_env = _parse_env_json(env_run.stdout) if env_run.status is Status.OK else None
    if env_run.status is Status.OK and go_env is None:
        env_run = replace(env_run, status=Status.MALFORMED)
    goroot = (go_env or {}).get("GOROOT") or None
    status = next((run.status for run in (version_run, env_run) if run.status is not Status.OK), Status.OK)
    if status is Status.OK and parsed is None:
        status = Status.MALFORMED
    return replace(
        binary, status=status, version=parsed[0] if parsed else None, platform=parsed[1] if parsed else None,
        version_run=version_run, env_run=env_run, env=go_env,
        root_version=binary.own_root_version if goroot == own_root else _version_file(goroot),
        root_has_tools=os.path.isdir(os.path.join(goroot, "pkg", "tool")) if goroot else None,
    )


def _parse_env_json(stdout: str) -> dict[str, str] | None:
    try:
        data = json.loads(stdout)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return {str(k): redact_credentials(str(v)) for k, v in data.items()}


def _own_root(real_exe: str) -> str | None:
    """``cfg.findGOROOT`` from the executable: exe/../.. (or ../../.. for bin/GOOS_GOARCH) with pkg/tool."""
    bin_dir = os.path.dirname(real_exe)
    for root in (os.path.dirname(bin_dir), os.path.dirname(os.path.dirname(bin_dir))):
        if os.path.isdir(os.path.join(root, "pkg", "tool")):
            return root
    return None


def _version_file(goroot: str | None) -> str | None:
    if not goroot:
        return None
    status, data, _ = read_bytes(os.path.join(goroot, "VERSION"))
    if status is not Status.OK:
        return None
    first = data.decode("utf-8", "replace").split("\n", 1)[0].strip()
    return first or None


async def _probe_gopls(runner: Runner, root: str, env: Mapping[str, str], path_entries: tuple[str, ...],
                       settings: dict[str, object], active: GoBinary | None,
                       home: str | None, gobin: str) -> tuple[GoplsBinary, ...]:
    found: dict[str, tuple[str, list[str]]] = {}

    def add(path: str, origin: str) -> None:
        if not binaries.is_executable_file(path) and origin != "go.alternateTools.gopls":
            return
        real = binaries.real_path(path)
        origins = found.setdefault(real, (path, []))[1]
        if origin not in origins:
            origins.append(origin)

    alternate = settings.get("go.alternateTools.gopls")
    if isinstance(alternate, str) and alternate:
        add(expand_setting_path(alternate, root, home, env), "go.alternateTools.gopls")
    for _, path in binaries.find_on_path("gopls", path_entries, root):
        add(path, "PATH")
    go_env = (active.env if active else None) or {}
    if gobin:  # recent go report $GOPATH/bin as GOBIN when it is unset: only a set GOBIN counts
        add(os.path.join(gobin, "gopls"), "GOBIN")
    gopath = go_env.get("GOPATH", "").split(os.pathsep)[0]
    if gopath:
        add(os.path.join(gopath, "bin", "gopls"), "GOPATH/bin")

    async def probe(real: str, path: str, origins: list[str]) -> GoplsBinary:
        gopls = GoplsBinary(path=path, real_path=real, origins=tuple(origins))
        if not os.path.isfile(real):
            return replace(gopls, status=Status.MISSING)
        if active is None or active.status is not Status.OK:
            return replace(gopls, status=Status.SKIPPED)  # no trusted go to read its build info
        run = await runner.run([active.path, "version", "-m", real], cwd=root)
        info = parse_build_info(run.stdout) if run.status is Status.OK else None
        if info is None:
            return replace(gopls, status=run.status if run.status is not Status.OK else Status.MALFORMED,
                           run=run)
        return replace(gopls, built_with=info.go_version, module_path=info.module_path or info.path,
                       module_version=info.module_version, run=run)

    return tuple(await asyncio.gather(*(probe(real, path, origins) for real, (path, origins) in found.items())))


def _read_mod_files(root: str, env: Mapping[str, str], active_env: Mapping[str, str],
                    overrides: Mapping[str, bytes]) -> tuple[ModFileFacts | None, ModFileFacts | None]:
    gomod = active_env.get("GOMOD")
    if gomod is None:
        gomod = find_upwards(root, "go.mod")
    gowork = active_env.get("GOWORK")
    if gowork is None:
        setting = env.get("GOWORK", "")
        gowork = None if setting == "off" else setting if os.path.isabs(setting) else find_upwards(root, "go.work")
    return _read_mod(gomod, "go.mod", overrides), _read_mod(gowork, "go.work", overrides)


def _read_mod(path: str | None, kind: str, overrides: Mapping[str, bytes]) -> ModFileFacts | None:
    if not path or path in (os.devnull, "off") or not os.path.isabs(path):
        return None
    return read_parsed(
        path, lambda data: parse_modfile(data, path, kind),
        lambda status, problem: ModFileFacts(path=path, kind=kind, status=status,
                                             problems=unreadable_problem(status, problem)), overrides)


def _read_vscode(path: str, overrides: Mapping[str, bytes]) -> SettingsFacts | None:
    return read_parsed(
        path, lambda data: parse_vscode_settings(data, path),
        lambda status, problem: SettingsFacts(path=path, status=status,
                                              problems=unreadable_problem(status, problem)), overrides)


def _read_idea(path: str, root: str, home: str | None, overrides: Mapping[str, bytes]) -> IdeaFacts | None:
    if path not in overrides and not os.path.exists(path):
        return None
    from goenv_lsp.parsers.idea import parse_idea_workspace  # rarely needed; its regexes are slow to compile

    return read_parsed(
        path, lambda data: parse_idea_workspace(data, path, root, home),
        lambda status, problem: IdeaFacts(path=path, status=status,
                                          problems=unreadable_problem(status, problem)), overrides)


def _setting_values(vscode: SettingsFacts | None, editor: Mapping[str, object]) -> dict[str, object]:
    """Workspace settings.json over the editor's user-level settings, as VS Code layers them."""
    values = dict(editor)
    for setting in vscode.values if vscode else ():
        values[setting.key] = setting.value
    return values


def default_goenv_path(env: Mapping[str, str], home: str | None) -> str | None:
    """``cfg.EnvFile`` when no go could be asked: $GOENV, else os.UserConfigDir()/go/env."""
    if env.get("GOENV"):
        return env["GOENV"]
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Application Support", "go", "env") if home else None
    config = env.get("XDG_CONFIG_HOME", "")
    if config and os.path.isabs(config):
        return os.path.join(config, "go", "env")
    return os.path.join(home, ".config", "go", "env") if home else None


def _relevant_env(env: Mapping[str, str]) -> dict[str, str]:
    return {key: redact_credentials(value) for key, value in sorted(env.items())
            if key.startswith(("GO", "CGO_")) or key in _KEPT_ENV}




def _goos() -> str:
    return {"win32": "windows", "darwin": "darwin"}.get(sys.platform, "linux" if sys.platform.startswith(
        "linux") else sys.platform)


__all__ = ["ProbeOptions", "ProbeRun", "collect", "collect_sync"]
