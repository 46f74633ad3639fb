"""Which go.mod and go.work the go command uses in a directory (cmd/go modload: findModuleRoot, FindGoMod,
FindGoWork, findWorkspaceFile, ExtraEnvVars), as a pure function of the files that exist.

``go env GOMOD GOWORK`` in a directory prints exactly ``go_env_values`` (tests compare them with real go):

* GOMOD: ``""`` with GO111MODULE=off; else the nearest ``go.mod`` walking up (a go.mod directly in the
  system temp directory is ignored); else ``/dev/null`` in module mode (GO111MODULE on or empty), ``""``
  with GO111MODULE=auto.
* GOWORK: ``off`` when GOWORK=off; an absolute GOWORK as it is; empty or ``auto``: the nearest regular
  ``go.work`` walking up, never crossing into GOROOT; ``""`` when none. A relative GOWORK stops every go
  command (``go: invalid GOWORK: not an absolute path``): None here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from goenv_lsp.facts import Facts, Module, PathOps, Status
from goenv_lsp.files.go_mod import ModFileFacts, mod_file
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.go_env import user_setting


@dataclass(frozen=True)
class ModuleSettings:
    """The variables module resolution reads, as the go command sees them."""

    gowork: str  # GOWORK ("" = search)
    go111module: str  # GO111MODULE ("" = on)
    goroot: str | None  # GOROOT of the go that runs: go.work is never looked for above it
    temp_dir: str | None  # os.TempDir()

    @property
    def module_mode(self) -> bool | None:
        """True in module mode, False in GOPATH mode, None when it depends on the files (auto)."""
        if self.go111module in ("", "on"):
            return True
        if self.go111module == "off":
            return False
        return None


IsFile = Callable[[str], bool]


def nearest(directory: str, name: str, is_file: IsFile, paths: PathOps, stop: str | None = None) -> str | None:
    """The file ``name`` in ``directory`` or the nearest directory above it (never in ``stop`` or above)."""
    current = paths.normpath(directory)
    while True:
        candidate = paths.join(current, name)
        if is_file(candidate):
            return candidate
        parent = paths.dirname(current)
        if parent == current or (stop and paths.same(parent, stop)):
            return None
        current = parent


def module_root(directory: str, is_file: IsFile, paths: PathOps) -> str | None:
    """findModuleRoot: the nearest directory at or above ``directory`` holding a go.mod file."""
    found = nearest(directory, "go.mod", is_file, paths)
    return paths.dirname(found) if found else None


def go_work_for(directory: str, settings: ModuleSettings, is_file: IsFile, paths: PathOps) -> str | None:
    """FindGoWork: the go.work the go command uses in ``directory``; None for none (or GOWORK=off/invalid)."""
    gowork = settings.gowork
    if gowork == "off":
        return None
    if gowork not in ("", "auto"):
        return gowork if paths.is_abs(gowork) else None
    return nearest(directory, "go.work", is_file, paths, stop=settings.goroot)  # "don't cross GOROOT"


def go_env_values(directory: str, settings: ModuleSettings, is_file: IsFile, paths: PathOps) -> tuple[str, str]:
    """What ``go env GOMOD GOWORK`` prints when run in ``directory``."""
    work = go_work_for(directory, settings, is_file, paths)
    gowork = "off" if settings.gowork == "off" else work or ""
    if settings.module_mode is False:
        return "", gowork
    root = module_root(directory, is_file, paths)
    if root is not None and not (settings.temp_dir and paths.same(root, settings.temp_dir)):
        return paths.join(root, "go.mod"), gowork
    # no go.mod: /dev/null in module mode; with GO111MODULE=auto, GOPATH mode — even beside a go.work, since
    # ExtraEnvVars initialises modules before it reads the workspace file (real go 1.27.3 agrees)
    return (paths.dev_null if settings.module_mode else ""), gowork


def settings_of(facts: Facts) -> ModuleSettings | None:
    """The module settings of the machine; None when unknown."""
    gowork, go111 = user_setting(facts, "GOWORK"), user_setting(facts, "GO111MODULE")
    if gowork is None or go111 is None:
        return None
    active = running_go(facts)
    env = facts.env or {}
    goroot = (active.goroot or active.own_root) if active else None
    temp = env.get("TMPDIR") or ("/tmp" if facts.paths.sep == "/" else env.get("TMP") or env.get("TEMP"))
    return ModuleSettings(gowork.value, go111.value, goroot, temp)


def resolve(module_dirs: list[str], settings: ModuleSettings, is_file: IsFile, paths: PathOps) -> tuple[Module, ...]:
    """The modules the go command sees at these directories (each holds a go.mod), with their go.work."""
    found: dict[str, Module] = {}
    for directory in module_dirs:
        gomod, gowork = go_env_values(directory, settings, is_file, paths)
        if not gomod or gomod == paths.dev_null:
            continue  # ignored by the go command (GOPATH mode, a go.mod in the temp directory)
        key = paths.key(gomod)
        if key not in found:
            work = gowork if gowork and gowork != "off" else None
            found[key] = Module(dir=paths.dirname(gomod), go_mod=gomod, go_work=work)
    return tuple(sorted(found.values(), key=lambda m: paths.key(m.dir)))


def modules_of(facts: Facts) -> tuple[Module, ...]:
    """The modules of the go.mod files the facts hold, each with the go.work it is governed by."""
    settings = settings_of(facts) or ModuleSettings("", "", None, None)
    files = facts.files or {}
    present = {p for p, f in files.items() if f.kind in ("go.mod", "go.work") and f.status is not Status.MISSING}
    dirs = [facts.paths.dirname(p) for p, f in files.items() if f.kind == "go.mod"]
    return resolve(dirs, settings, present.__contains__, facts.paths)


def governing_file(facts: Facts, module: Module) -> ModFileFacts | None:
    """go.work in workspace mode, else the module's go.mod: the file whose go/toolchain lines count."""
    return mod_file(facts, module.go_work if module.go_work else module.go_mod)


@dataclass(frozen=True)
class ModuleScope:
    """What the go command builds with in part of the workspace: one go.work and the modules it governs, or
    one go.mod on its own. Module-scoped rules run once per scope."""

    file: ModFileFacts  # the governing go.work or go.mod
    modules: tuple[Module, ...]  # the modules under it that goenv-lsp found

    @property
    def path(self) -> str:
        return self.file.path


def scopes(facts: Facts) -> tuple[ModuleScope, ...]:
    """Every scope of the workspace: each distinct governing file of its modules, and the go.work the root
    itself is in when no module contains the root. Nothing in GOPATH mode (GO111MODULE=off): the go
    command then ignores go.mod and go.work lines."""
    return facts.memo(scopes, lambda: tuple(_scopes(facts)))


def _scopes(facts: Facts) -> Iterator[ModuleScope]:
    settings = settings_of(facts)
    if settings is not None and settings.module_mode is False:
        return
    grouped: dict[str, list[Module]] = {}
    files: dict[str, ModFileFacts] = {}
    for module in facts.modules or ():
        governing = governing_file(facts, module)
        if governing is not None:
            files[governing.path] = governing
            grouped.setdefault(governing.path, []).append(module)
    root_work = _root_go_work(facts, settings)
    if root_work is not None and root_work.path not in files:
        files[root_work.path] = root_work
        grouped[root_work.path] = []
    for path in sorted(files, key=facts.paths.key):
        yield ModuleScope(files[path], tuple(grouped[path]))


def _root_go_work(facts: Facts, settings: ModuleSettings | None) -> ModFileFacts | None:
    """The go.work the go command uses at the workspace root, when the root is in no module."""
    if not facts.root or facts.module_for(facts.root) is not None:
        return None
    if settings is None:  # unknown settings: only a go.work right at the root is sure to count
        return mod_file(facts, facts.paths.join(facts.root, "go.work"))
    known = set(facts.files or ())
    return mod_file(facts, go_work_for(facts.root, settings, known.__contains__, facts.paths))
