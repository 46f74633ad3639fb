"""Vendoring as the go command decides it (cmd/go modload: setDefaultBuildMod, modulesTextIsForWorkspace,
readVendorList, checkVendorConsistency), for the Go that runs; version-dependent where go is:

* ``-mod`` from GOFLAGS wins. In workspace mode only ``readonly`` is accepted up to Go 1.21, ``readonly`` or
  ``vendor`` since Go 1.22 (workspace vendoring); anything else stops every build.
* Otherwise ``vendor`` when a vendor/ directory is beside go.mod (Go ≥ 1.22: beside go.work in workspace
  mode) and the go line there is at least 1.14 (none: no vendoring), and — Go ≥ 1.22 — the first line of
  vendor/modules.txt says ``## workspace`` exactly in workspace mode. Go 1.21 never vendors a workspace.
* In vendor mode modules.txt must agree with every go.mod `require` (``## explicit``) and `replace` (go ≥ 1.14
  lines; relaxed below), else: ``go: inconsistent vendoring in DIR:`` and one line per disagreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from goenv_lsp.facts import Facts, Status
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.model import Location
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.go_env import Setting, user_setting
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.selection import toolchain_decision
from goenv_lsp.semantics.workspace import uses

if TYPE_CHECKING:
    from goenv_lsp.files.vendor_modules import VendorModulesFacts

WORKSPACE_VENDOR = "1.22"  # `go work vendor`, -mod=vendor accepted in workspace mode


@dataclass(frozen=True)
class ModFlag:
    """The last ``-mod=`` in GOFLAGS (a later flag wins, as with the command line)."""

    value: str
    setting: Setting


def goflags_mod(facts: Facts) -> ModFlag | None:
    setting = user_setting(facts, "GOFLAGS")
    if setting is None:
        return None
    value = None
    for field in setting.value.split():
        name, eq, flag_value = field.lstrip("-").partition("=")
        if field.startswith("-") and name == "mod" and eq:
            value = flag_value
    return ModFlag(value, setting) if value is not None else None


def go_in_use(facts: Facts, file: ModFileFacts | None) -> str:
    """The Go version that builds under ``file``: the local one, or the toolchain it switches to; "" unknown."""
    decision = toolchain_decision(facts, file)
    if decision is None:
        return ""
    return gover.from_toolchain(decision.chosen) if decision.switches else decision.local


def allowed_in_workspace(go: str) -> tuple[str, ...]:
    return ("readonly", "vendor") if gover.compare(go, WORKSPACE_VENDOR) >= 0 else ("readonly",)


@dataclass(frozen=True)
class BuildMode:
    """What ``go build`` uses in a scope: ``mod`` is ``vendor``, ``readonly`` or ``mod``."""

    mode: str
    go: str  # the Go version deciding it
    flag: ModFlag | None  # set by GOFLAGS
    vendor_dir: str  # the directory holding the vendor/ that counts
    vendor: VendorModulesFacts | None  # its modules.txt (MISSING: vendor/ without it); None: no vendor/
    workspace: bool
    reason: str  # why, in words

    @property
    def rejected(self) -> bool:
        """The -mod value stops every build in this workspace."""
        return self.workspace and self.flag is not None and self.mode not in allowed_in_workspace(self.go)


def build_mode(facts: Facts, scope: ModuleScope) -> BuildMode | None:
    """None when unknown (no go probed, GOFLAGS unknown, or no vendor facts)."""
    file = scope.file
    go = go_in_use(facts, file)
    flag = goflags_mod(facts)
    if not go or user_setting(facts, "GOFLAGS") is None or facts.files_of("vendor/modules.txt") is None:
        return None
    workspace = file.kind == "go.work"
    directory = facts.paths.dirname(file.path)
    vendor = _vendor_modules(facts, directory)
    if flag is not None:
        return BuildMode(flag.value, go, flag, directory, vendor, workspace,
                         f"GOFLAGS={flag.setting.value} from {flag.setting.describe_source}")
    go_line = file.go.value if file.go and file.status is Status.OK else ""
    modern = gover.compare(go, WORKSPACE_VENDOR) >= 0
    if vendor is None or not go_line or gover.compare(go_line, "1.14") < 0 or (workspace and not modern):
        return BuildMode("readonly", go, None, directory, vendor, workspace, "")
    if modern and (vendor.status is Status.OK and vendor.workspace) != workspace:
        return BuildMode("readonly", go, None, directory, vendor, workspace, "")
    return BuildMode("vendor", go, None, directory, vendor, workspace,
                     f"vendor/ exists and {file.kind} says go {go_line} (at least 1.14): go uses -mod=vendor")


@dataclass(frozen=True)
class Disagreement:
    """One line of go's ``inconsistent vendoring`` error, and the file line it is about."""

    detail: str  # "example.com/a@v1.2.0: is explicitly required in go.mod, but not marked as explicit in …"
    location: Location


def _describe(path: str, version: str) -> str:
    return f"{path}@{version}" if version else path


def disagreements(facts: Facts, scope: ModuleScope, mode: BuildMode) -> list[Disagreement] | None:
    """checkVendorConsistency, in go's order; None when a go.mod is unknown, unreadable or missing (go stops
    before it checks vendor/)."""
    paths = facts.paths
    vendor = mode.vendor
    # the main modules: in workspace mode those go.work uses (not every module below it), else the go.mod
    modules = [(u.go_mod, u.directory) for u in uses(facts, scope.file)] if mode.workspace \
        else [(scope.file, paths.dirname(scope.file.path))]
    if any(f is None or f.status is not Status.OK for f, _ in modules):
        return None
    go_mods: list[tuple[ModFileFacts, str]] = [(f, d) for f, d in modules if f is not None]
    recorded = vendor if vendor is not None and vendor.status is Status.OK else None
    listed = [m for m in recorded.modules] if recorded else []
    txt = paths.join(mode.vendor_dir, "vendor", "modules.txt")
    old_go = gover.compare(mode.go, WORKSPACE_VENDOR) < 0
    main_go = go_mods[0][0].go.value if go_mods and go_mods[0][0].go else ""
    pre114 = not mode.workspace and gover.compare(main_go or "0", "1.14") < 0
    found: list[Disagreement] = []

    def meta(path: str, version: str):
        return recorded.module(path, version) if recorded else None

    def selected(path: str) -> str | None:  # go's vendorVersion
        versions = [m.version for m in listed if m.path == path and m.listed]
        return versions[-1] if versions else None

    for go_mod, _ in go_mods:
        for req in go_mod.requires:
            entry = meta(req.path, req.version)
            if entry is not None and entry.explicit:
                continue
            where = Location(go_mod.path, req.range)
            if pre114:
                vv = selected(req.path)
                if vv is not None and vv != req.version:
                    found.append(Disagreement(f"{req.path}@{req.version}: is explicitly required in go.mod, but "
                                              f"vendor/modules.txt indicates {req.path}@{vv}", where))
            else:
                found.append(Disagreement(f"{req.path}@{req.version}: is explicitly required in go.mod, but not "
                                          "marked as explicit in vendor/modules.txt", where))

    work_replaces = scope.file.replaces if mode.workspace else ()
    main_paths = {f.module.value for f, _ in go_mods if f.module}

    def replacement_of(path: str, version: str) -> tuple[str, str, str, str] | None:
        """(new path, new version, source file, new path as written) as go resolves it: go.work first, then
        the go.mods; the new path of a directory made relative to the go.work in workspace mode."""
        for rep in work_replaces:
            if rep.old_path == path and rep.old_version in (version, ""):
                best = next((r for r in work_replaces if r.old_path == path and r.old_version == version), rep)
                return best.new_path, best.new_version, scope.file.path, best.new_path
        if path in main_paths and not version:
            return None
        for go_mod, directory in go_mods:
            exact = [r for r in go_mod.replaces if r.old_path == path and r.old_version == version]
            wild = [r for r in go_mod.replaces if r.old_path == path and r.old_version == ""]
            hit = (exact or wild or [None])[0]
            if hit is not None:
                new = hit.new_path
                if mode.workspace and not hit.new_version and not paths.is_abs(new):
                    new = _relative_dir(paths, paths.join(directory, new), mode.vendor_dir)
                return new, hit.new_version, go_mod.path, hit.new_path
        return None

    def short(source: str) -> str:
        return paths.relative(source, mode.vendor_dir) or source

    seen: set[tuple[str, str]] = set()
    all_replaces = [(r, f.path) for f, _ in go_mods for r in f.replaces] + [(r, scope.file.path) for r in work_replaces]
    for rep, _source in all_replaces:
        old = (rep.old_path, rep.old_version)
        if old in seen:
            continue
        seen.add(old)
        entry = meta(*old)
        vendored = (entry.replacement_path, entry.replacement_version) if entry and entry.replaced else None
        where = Location(_source, rep.range)
        if old_go:
            new, source_name = (rep.new_path, rep.new_version), "go.mod"
            written = new
        else:
            resolved = replacement_of(*old)
            new, source_name = ((resolved[0], resolved[1]), short(resolved[2])) if resolved else (None, "")
            written = (resolved[3], resolved[1]) if resolved else None
        if vendored is None:
            if new is None:
                continue
            if pre114 and (not rep.old_version or selected(rep.old_path) != rep.old_version):
                continue
            found.append(Disagreement(f"{_describe(*old)}: is replaced in {source_name}, but not marked as "
                                      "replaced in vendor/modules.txt", where))
        elif vendored != new:
            shown = _describe(*written) if written else ""  # describe(rNew): as written, not canonical
            found.append(Disagreement(f"{_describe(*old)}: is replaced by {shown} in {source_name}, but marked as "
                                      f"replaced by {_describe(*vendored)} in vendor/modules.txt", where))

    required = {(r.path, r.version) for f, _ in go_mods for r in f.requires}
    article = "a " if mode.workspace else ""
    for entry in listed:
        if entry.listed and entry.explicit and (entry.path, entry.version) not in required:
            found.append(Disagreement(f"{_describe(entry.path, entry.version)}: is marked as explicit in "
                                      f"vendor/modules.txt, but not explicitly required in {article}go.mod",
                                      Location(txt, entry.range)))
    source = "the workspace" if mode.workspace else "go.mod"
    for entry in listed:
        if not entry.replaced:
            continue
        resolved = replacement_of(entry.path, entry.version) if not old_go else next(
            ((r.new_path, r.new_version, "", r.new_path) for f, _ in go_mods for r in f.replaces
             if r.old_path == entry.path and r.old_version in (entry.version, "")), None)
        if resolved is None:
            found.append(Disagreement(f"{_describe(entry.path, entry.version)}: is marked as replaced in "
                                      f"vendor/modules.txt, but not replaced in {source}", Location(txt, entry.range)))
        elif old_go and (resolved[0], resolved[1]) != (entry.replacement_path, entry.replacement_version):
            found.append(Disagreement(
                f"{_describe(entry.path, entry.version)}: is marked as replaced by "
                f"{_describe(entry.replacement_path, entry.replacement_version)} in vendor/modules.txt, but replaced "
                f"by {_describe(resolved[0], resolved[1])} in go.mod", Location(txt, entry.range)))
    return found


def _relative_dir(paths, target: str, base: str) -> str:
    """modload.ToDirectoryPath(filepath.Rel(base, target)): ``./x`` or ``../x``."""
    import ntpath
    import posixpath

    module = ntpath if paths.sep == "\\" else posixpath
    rel = module.relpath(paths.normpath(target), paths.normpath(base))
    if rel == "." or rel.startswith(".." + paths.sep) or rel == "..":
        return rel
    return "./" + rel.replace("\\", "/")


def inconsistent_vendoring_error(directory: str, found: list[Disagreement], workspace: bool) -> str:
    """The go command's whole message (stderr, without the final newline)."""
    lines = "".join(f"\n\t{d.detail}" for d in found)
    sub = "work" if workspace else "mod"
    return (f"go: inconsistent vendoring in {directory}:{lines}\n\n\tTo ignore the vendor directory, use "
            f"-mod=readonly or -mod=mod.\n\tTo sync the vendor directory, run:\n\t\tgo {sub} vendor")


def _vendor_modules(facts: Facts, directory: str) -> VendorModulesFacts | None:
    """vendor_modules.vendor_modules, its module imported only when the facts hold a modules.txt."""
    if not facts.files_of("vendor/modules.txt"):
        return None
    from goenv_lsp.files.vendor_modules import vendor_modules

    return vendor_modules(facts, directory)
