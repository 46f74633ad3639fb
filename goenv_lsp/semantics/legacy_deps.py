"""Pre-module dependency managers' files at the workspace root (GE213). cmd/go's modconv converted them in
`go mod init` up to Go 1.21; Go 1.22 removed modconv: `go mod init` now writes a go.mod with only the
module and go lines, whatever Gopkg.lock or glide.lock says."""

from __future__ import annotations

from goenv_lsp.facts import Facts, PathKind, PathOps

# The names modconv.Converters knew (Go 1.21), plus dep's and glide's manifests; the tool that writes each.
LEGACY_FILES = {
    "Gopkg.lock": "dep", "Gopkg.toml": "dep", "glide.lock": "glide", "glide.yaml": "glide",
    "Godeps/Godeps.json": "godep", "vendor/vendor.json": "govendor", "vendor/manifest": "gvt",
    "vendor.conf": "trash", "GLOCKFILE": "glock", "dependencies.tsv": "godeps", "vendor.yml": "govend",
}
NO_CONVERSION_GO = "1.22"  # the first `go mod init` without cmd/go/internal/modconv


def legacy_path(paths: PathOps, root: str, name: str) -> str:
    return paths.join(root, *name.split("/"))


def legacy_files(facts: Facts) -> list[tuple[str, str, str]] | None:
    """(path, name, tool) of each legacy file at the root; None when they were not looked for."""
    info = facts.path_info
    if not facts.root or info is None:
        return None
    found, looked = [], False
    for name, tool in LEGACY_FILES.items():
        path = legacy_path(facts.paths, facts.root, name)
        if path in info:
            looked = True
            if info[path].kind is PathKind.FILE:
                found.append((path, name, tool))
    return found if looked else None
