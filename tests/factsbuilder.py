"""Small builders for recorded Facts in unit tests: a healthy baseline that each test bends.

``healthy(**changes)`` takes the fields of ``Facts`` and, for the files, the slots below (each a file's facts
or None): the builder puts them into ``Facts.files``, lists the kinds looked for, and derives the modules.
A slot set to None means "there is no such file"; ``unknown=("goenv",)`` makes a kind unknown instead.
"""

from __future__ import annotations

import dataclasses

from goenv_lsp.facts import Facts, GoBinary, GoplsBinary, PathInfo, ProbeRun, Spanned, Status
from goenv_lsp.files import PARSED
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.files.goenv_file import EnvFileEntry, EnvFileFacts
from goenv_lsp.files.goland_workspace import GolandWorkspaceFacts
from goenv_lsp.files.vscode_settings import SettingsFacts, SettingValue
from goenv_lsp.model import Range
from goenv_lsp.semantics.modules import modules_of

ROOT = "/work/app"
HOME = "/home/dev"
SETTINGS = f"{ROOT}/.vscode/settings.json"
WORKSPACE_XML = f"{ROOT}/.idea/workspace.xml"
FILE_SLOTS = ("go_mod", "go_work", "vscode", "idea", "user_env_file", "goroot_env_file")


def go_binary(version: str = "1.27.3", root: str | None = None, path_index: int | None = 0,
              origins: tuple[str, ...] = ("PATH",), **env: str) -> GoBinary:
    root = root or f"/usr/local/go{version}"
    go_env = {"GOROOT": root, "GOPATH": f"{HOME}/go", "GOVERSION": f"go{version}", "GOENV":
              f"{HOME}/.config/go/env", "GOTOOLCHAIN": "local", "GOMOD": f"{ROOT}/go.mod", "GOHOSTOS": "linux",
              "GOHOSTARCH": "amd64", "GOMODCACHE": f"{HOME}/go/pkg/mod", **env}
    ok = ProbeRun(("go",), Status.OK)
    return GoBinary(path=f"{root}/bin/go", real_path=f"{root}/bin/go", origins=origins, path_index=path_index,
                    version=f"go{version}", version_run=ok, env=go_env, env_run=ok, own_root=root,
                    own_root_version=f"go{version}")


def go_mod(go: str | None = "1.27.3", toolchain: str | None = None, path: str = f"{ROOT}/go.mod",
           status: Status = Status.OK, problems: tuple = ()) -> ModFileFacts:
    return ModFileFacts(
        path=path, kind="go.mod", status=status, problems=problems,
        module=Spanned("example.com/app", Range.of(0, 7, 22)),
        go=Spanned(go, Range.of(2, 3, 3 + len(go))) if go else None,
        toolchain=Spanned(toolchain, Range.of(3, 10, 10 + len(toolchain))) if toolchain else None)


def go_work(go: str | None = "1.27.3", path: str = f"{ROOT}/go.work", status: Status = Status.OK,
            problems: tuple = (), uses: tuple[str, ...] = (".",)) -> ModFileFacts:
    return ModFileFacts(path=path, kind="go.work", status=status, problems=problems,
                        go=Spanned(go, Range.of(0, 3, 3 + len(go))) if go else None,
                        uses=tuple(Spanned(u, Range.of(2 + i, 4, 4 + len(u))) for i, u in enumerate(uses)))


def env_file(path: str | None = f"{HOME}/.config/go/env", **pairs: str) -> EnvFileFacts | None:
    """The GOENV file, or a $GOROOT/go.env when ``path`` ends with go.env; None for GOENV=off."""
    entries = tuple(EnvFileEntry(k, v, i) for i, (k, v) in enumerate(pairs.items()))
    return env_file_of(path, Status.OK if path else Status.MISSING, entries)


def env_file_of(path: str | None, status: Status = Status.OK, entries: tuple[EnvFileEntry, ...] = ()) -> \
        EnvFileFacts | None:
    if path is None:
        return None
    return EnvFileFacts(path=path, kind="go.env" if path.endswith("go.env") else "goenv", status=status,
                        entries=entries)


def settings(**values: str) -> SettingsFacts:
    """settings.json with one setting per line, keys given with "_" for "." (go_goroot → go.goroot)."""
    items = []
    for line, (key, value) in enumerate(values.items(), start=1):
        dotted = key.replace("__", "\0").replace("_", ".").replace("\0", "_")
        items.append(SettingValue(dotted, value, Range.of(line, 6 + len(dotted), 8 + len(dotted) + len(value))))
    return settings_of(values=tuple(items))


def settings_of(status: Status = Status.OK, problems: tuple = (), values: tuple[SettingValue, ...] = (),
                path: str = SETTINGS) -> SettingsFacts:
    return SettingsFacts(path=path, kind="vscode-settings", status=status, problems=problems, values=values)


def goland(status: Status = Status.OK, problems: tuple = (), goroot: Spanned | None = None,
           goroot_raw: str | None = None, path: str = WORKSPACE_XML) -> GolandWorkspaceFacts:
    return GolandWorkspaceFacts(path=path, kind="goland-workspace", status=status, problems=problems, goroot=goroot,
                                goroot_raw=goroot_raw)


def gopls(built_with: str = "go1.27.3", version: str | None = "v0.23.0", path: str = f"{HOME}/go/bin/gopls",
          origins: tuple[str, ...] = ("GOPATH/bin",)) -> GoplsBinary:
    return GoplsBinary(path=path, real_path=path, origins=origins, built_with=built_with,
                       module_path="golang.org/x/tools/gopls", module_version=version,
                       run=ProbeRun(("go", "version", "-m", path), Status.OK))


def healthy(unknown: tuple[str, ...] = (), **changes) -> Facts:
    """go 1.27.3 on PATH, a go.mod asking for it, the default go.env, a matching gopls."""
    slots = {
        "go_mod": go_mod(), "go_work": None, "vscode": None, "idea": None,
        "user_env_file": env_file(path=f"{HOME}/.config/go/env"),
        "goroot_env_file": env_file(path="/usr/local/go1.27.3/go.env", GOPROXY="https://proxy.golang.org,direct",
                                    GOSUMDB="sum.golang.org", GOTOOLCHAIN="auto"),
    }
    unknown = set(unknown)
    for slot in FILE_SLOTS:
        if slot in changes:
            slots[slot] = changes.pop(slot)
    if "paths" in changes:
        changes["path_info"] = changes.pop("paths")
    kinds = [k.name for k in PARSED if k.name not in unknown]
    facts = Facts(
        root=ROOT, home=HOME, os="linux", env={"PATH": "/usr/local/go1.27.3/bin:/usr/bin", "HOME": HOME},
        path_entries=("/usr/local/go1.27.3/bin", "/usr/bin"), go_binaries=(go_binary(),), gopls=(gopls(),),
        path_info={"/usr/local/go1.27.3": PathInfo("dir", True, "go1.27.3", "/usr/local/go1.27.3"),
                   f"{HOME}/go": PathInfo("dir", False, None, f"{HOME}/go")},
        toolchains={}, files={f.path: f for f in slots.values() if f is not None}, kinds=tuple(kinds),
    )
    explicit_modules = "modules" in changes
    facts = dataclasses.replace(facts, **changes)
    return facts if explicit_modules else dataclasses.replace(facts, modules=modules_of(facts))
