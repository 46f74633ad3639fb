"""Small builders for recorded Facts in unit tests: a healthy baseline that each test bends."""

from __future__ import annotations

from dataclasses import replace

from goenv_lsp.facts import (
    EnvFileEntry,
    EnvFileFacts,
    Facts,
    GoBinary,
    GoplsBinary,
    ModFileFacts,
    PathInfo,
    ProbeRun,
    SettingsFacts,
    SettingValue,
    Spanned,
    Status,
)
from goenv_lsp.model import Range

ROOT = "/work/app"
HOME = "/home/dev"


def go_binary(version: str = "1.27.3", root: str | None = None, path_index: int | None = 0,
              origins: tuple[str, ...] = ("PATH",), **env: str) -> GoBinary:
    root = root or f"/usr/local/go{version}"
    go_env = {"GOROOT": root, "GOPATH": f"{HOME}/go", "GOVERSION": f"go{version}", "GOENV":
              f"{HOME}/.config/go/env", "GOTOOLCHAIN": "local", "GOMOD": f"{ROOT}/go.mod", "GOHOSTOS": "linux",
              "GOHOSTARCH": "amd64", "GOMODCACHE": f"{HOME}/go/pkg/mod", **env}
    ok = ProbeRun(("go",), Status.OK)
    return GoBinary(path=f"{root}/bin/go", real_path=f"{root}/bin/go", origins=origins, path_index=path_index,
                    version=f"go{version}", platform="linux/amd64", version_run=ok, env=go_env, env_run=ok,
                    own_root=root, own_root_version=f"go{version}", root_version=f"go{version}",
                    root_has_tools=True)


def go_mod(go: str | None = "1.27.3", toolchain: str | None = None, path: str = f"{ROOT}/go.mod") -> ModFileFacts:
    return ModFileFacts(
        path=path, kind="go.mod", status=Status.OK,
        module=Spanned("example.com/app", Range.of(0, 7, 22)),
        go=Spanned(go, Range.of(2, 3, 3 + len(go))) if go else None,
        toolchain=Spanned(toolchain, Range.of(3, 10, 10 + len(toolchain))) if toolchain else None)


def env_file(path: str | None = f"{HOME}/.config/go/env", **pairs: str) -> EnvFileFacts:
    entries = tuple(EnvFileEntry(k, v, i) for i, (k, v) in enumerate(pairs.items()))
    return EnvFileFacts(path=path, status=Status.OK if path else Status.MISSING, entries=entries)


def settings(**values: str) -> SettingsFacts:
    """settings.json with one setting per line, keys given with "_" for "." (go_goroot → go.goroot)."""
    items = []
    for line, (key, value) in enumerate(values.items(), start=1):
        dotted = key.replace("__", "\0").replace("_", ".").replace("\0", "_")
        key_range = Range.of(line, 2, 4 + len(dotted))
        items.append(SettingValue(dotted, value, Range.of(line, 6 + len(dotted), 8 + len(dotted) + len(value)),
                                  key_range))
    return SettingsFacts(path=f"{ROOT}/.vscode/settings.json", status=Status.OK, values=tuple(items))


def gopls(built_with: str = "go1.27.3", version: str | None = "v0.23.0", path: str = f"{HOME}/go/bin/gopls",
          origins: tuple[str, ...] = ("GOPATH/bin",)) -> GoplsBinary:
    return GoplsBinary(path=path, real_path=path, origins=origins, built_with=built_with,
                       module_path="golang.org/x/tools/gopls", module_version=version,
                       run=ProbeRun(("go", "version", "-m", path), Status.OK))


def healthy(**changes) -> Facts:
    """go 1.27.3 on PATH, a go.mod asking for it, the default go.env, a matching gopls."""
    binary = go_binary()
    facts = Facts(
        root=ROOT, home=HOME, os="linux", env={"PATH": "/usr/local/go1.27.3/bin:/usr/bin", "HOME": HOME},
        path_entries=("/usr/local/go1.27.3/bin", "/usr/bin"), go_binaries=(binary,),
        user_env_file=env_file(path=f"{HOME}/.config/go/env"), gopls=(gopls(),), go_mod=go_mod(),
        goroot_env_file=env_file(path="/usr/local/go1.27.3/go.env", GOPROXY="https://proxy.golang.org,direct",
                                 GOSUMDB="sum.golang.org", GOTOOLCHAIN="auto"),
        paths={"/usr/local/go1.27.3": PathInfo("dir", True, "go1.27.3", "/usr/local/go1.27.3"),
               f"{HOME}/go": PathInfo("dir", False, None, f"{HOME}/go")},
        toolchains={},
    )
    return replace(facts, **changes)
