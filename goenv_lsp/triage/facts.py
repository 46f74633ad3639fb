"""A ``Draft`` → partial ``Facts`` (``Provenance.REPORTED``): only what the paste shows, the rest None.

* The go that ran (the one whose `go version` / `go env` is pasted) is the first on PATH (``path_index`` 0),
  at the first `which -a` path, else at GOROOT/bin/go; its ``env`` is the dump. The other `which -a`
  candidates follow, not run (``status`` None, version unknown).
* ``Facts.env`` (the process environment) stays None: a `go env` dump is the go command's view, every layer
  folded in. ``semantics.go_env.user_setting`` reads such a dump as ``Source.REPORTED``.
* A key an old go does not print (GOMOD before 1.11, GOVERSION before 1.16, GOTOOLCHAIN before 1.21) is absent
  from the dump, so unknown to the rules — never "unset".
* Fragments of files are parsed by their kind's parser under a virtual workspace (``VIRTUAL_ROOT``);
  ``run`` maps findings there back to the paste's lines.
"""

from __future__ import annotations

from goenv_lsp.facts import Facts, FileFacts, GoBinary, GoplsBinary, Module, Origin, PathFlavor, Provenance, Status
from goenv_lsp.facts.paths import ops
from goenv_lsp.triage.draft import Draft, Fragment

VIRTUAL_ROOT = {PathFlavor.POSIX: "/reported/workspace", PathFlavor.WINDOWS: "C:\\reported\\workspace"}
# what vscode-go's "Locate Configured Go Tools" report names, as `go env` keys (its values came from `go env`)
TOOL_ENV = {"GOROOT": "GOROOT", "GOBIN": "GOBIN", "gopath": "GOPATH"}
FRAGMENT_FILES = {"go.mod": ("go.mod",), "go.work": ("go.work",), "vscode-settings": (".vscode", "settings.json")}


def flavor_of(draft: Draft) -> PathFlavor | None:
    if draft.host_os == "windows":
        return PathFlavor.WINDOWS
    if draft.host_os or any(p.startswith("/") for p in (draft.go_env.get("GOROOT", ""), draft.go_path or "")):
        return PathFlavor.POSIX
    return None


def fragment_path(draft: Draft, fragment: Fragment) -> str | None:
    parts = FRAGMENT_FILES.get(fragment.kind)
    if parts is None:
        return None
    flavor = flavor_of(draft) or PathFlavor.POSIX
    return ops(flavor).join(VIRTUAL_ROOT[flavor], *parts)


def build(draft: Draft) -> Facts:
    flavor = flavor_of(draft)
    files = _files(draft, flavor or PathFlavor.POSIX)
    root = VIRTUAL_ROOT[flavor or PathFlavor.POSIX] if files else None
    modules = None
    paths = ops(flavor or PathFlavor.POSIX)
    go_mod = paths.join(root, "go.mod") if root else None
    if go_mod and go_mod in files:
        go_work = paths.join(root, "go.work")  # type: ignore[arg-type]
        modules = (Module(root, go_mod, go_work if go_work in files else None),)  # type: ignore[arg-type]
    return Facts(
        provenance=Provenance.REPORTED,
        root=root,
        os=draft.host_os,
        path_flavor=flavor,
        arch=draft.go_env.get("GOHOSTARCH") or (draft.go_platform[1] if draft.go_platform else None),
        env=None,
        path_entries=tuple(draft.path_entries) if draft.path_entries is not None else None,
        go_binaries=_go_binaries(draft, flavor),
        gopls=_gopls(draft),
        files=files or None,
        kinds=tuple(sorted({f.kind for f in files.values()})) if files else None,
        modules=modules,
    )


def _go_binaries(draft: Draft, flavor: PathFlavor | None) -> tuple[GoBinary, ...] | None:
    env = dict(draft.go_env) if draft.go_env else None
    from_tools = {key: draft.tool_env[name] for name, key in TOOL_ENV.items() if name in draft.tool_env}
    if from_tools:
        env = {**from_tools, **(env or {})}  # a pasted `go env` says more than the extension's summary
    version = draft.go_version or (env or {}).get("GOVERSION") or None
    if env is None and version is None and not draft.path_candidates:
        return None
    paths = ops(flavor or PathFlavor.POSIX)
    goroot = (env or {}).get("GOROOT")
    path = draft.go_path or (draft.path_candidates[0] if draft.path_candidates else None)
    if path is None and goroot:
        path = paths.join(goroot, "bin", "go.exe" if flavor is PathFlavor.WINDOWS else "go")
    ran = GoBinary(path=path or "go", real_path=path or "go", origins=(Origin.PATH,), path_index=0,
                   status=Status.OK if (env is not None or version) else None, version=version, env=env)
    others = [GoBinary(path=p, real_path=p, origins=(Origin.PATH,), path_index=i,
                       status=Status.OK if p in draft.versions_by_path else None, version=draft.versions_by_path.get(p))
              for i, p in enumerate(draft.path_candidates) if i > 0 and not paths.same(p, ran.path)]
    return (ran, *others)


def _gopls(draft: Draft) -> tuple[GoplsBinary, ...] | None:
    found: dict[str, GoplsBinary] = {}
    for tool in draft.tools:
        if tool.name != "gopls" or tool.installed is False:
            continue
        path = tool.path or "gopls"
        known = found.get(path)
        if known is not None:  # `gopls version` and `go version -m` of the same gopls: keep what each says
            found[path] = GoplsBinary(path, path, known.origins, Status.OK, known.built_with or tool.go_version,
                                      known.module_path or tool.module_path,
                                      known.module_version if known.module_version is not None else tool.module_version)
            continue
        found[path] = GoplsBinary(path, path, (Origin.PATH,), Status.OK, tool.go_version, tool.module_path,
                                  tool.module_version)
    if not found:
        return None
    gopls = list(found.values())
    if len(gopls) > 1 and "gopls" in found:  # a bare `gopls version` describes the one that runs: merge it in
        bare = found.pop("gopls")
        first = next(iter(found.values()))
        found[first.path] = GoplsBinary(first.path, first.path, first.origins, Status.OK,
                                        first.built_with or bare.built_with, first.module_path or bare.module_path,
                                        first.module_version if first.module_version is not None
                                        else bare.module_version)
        gopls = list(found.values())
    return tuple(gopls)


def _files(draft: Draft, flavor: PathFlavor) -> dict[str, FileFacts]:
    from goenv_lsp.files import ParseContext, kind, parse

    files: dict[str, FileFacts] = {}
    context = ParseContext(VIRTUAL_ROOT[flavor], None, ops(flavor))
    for fragment in draft.fragments:
        path = fragment_path(draft, fragment)
        file_kind = kind(fragment.kind)
        if path is None or file_kind is None or file_kind.parse is None or path in files:
            continue  # the first fragment of a kind is the file
        files[path] = parse(file_kind, fragment.text.encode("utf-8", "replace"), path, context)
    return files
