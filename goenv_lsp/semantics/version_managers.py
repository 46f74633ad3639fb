"""Which tool provides the go that runs, and which Go version each version manager selects here.

Pure: reads facts only (the go binaries with their symlink chains, the managers' install directories, the
version files). Each manager's own precedence:

* asdf: ``ASDF_GOLANG_VERSION``, else the nearest ``.tool-versions`` with a ``golang`` line from the directory
  up, else ``~/.tool-versions``;
* mise: ``MISE_GO_VERSION``, else the nearest directory's config (``mise.local.toml`` before ``mise.toml``
  before ``.mise/config.toml`` … before ``.tool-versions``), else ``~/.config/mise/config.toml``;
* goenv: ``GOENV_VERSION``, else the nearest ``.go-version``, else ``$GOENV_ROOT/version``;
* gvm: the ``gvm_go_name`` a ``gvm use`` exported in the session, else ``$GVM_ROOT/environments/default``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goenv_lsp.facts import Facts, FileFacts, GoBinary, LinkHop, ManagerHome, Status
from goenv_lsp.files import go_version, gvm_default, mise_config, tool_versions
from goenv_lsp.model import Range
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import running_go

MANAGERS = ("asdf", "mise", "goenv", "gvm")  # those that select a version from files
TITLES = {"asdf": "asdf", "mise": "mise", "goenv": "goenv", "gvm": "gvm", "g": "g", "homebrew": "Homebrew",
          "snap": "snap", "golang.org/dl": "golang.org/dl", "toolchain": "the go command's toolchain download",
          "alternatives": "Debian alternatives", "debian": "a Debian/Ubuntu package", "official": "the go.dev archive",
          "symlink": "a symbolic link"}
VERSION_VARIABLES = {"asdf": "ASDF_GOLANG_VERSION", "mise": "MISE_GO_VERSION", "goenv": "GOENV_VERSION",
                     "gvm": "gvm_go_name"}
INSTALL_COMMANDS = {"asdf": "asdf install golang {v}", "mise": "mise install go@{v}", "goenv": "goenv install {v}",
                    "gvm": "gvm install {v}"}
# the mise files of one directory, the one that wins first
_MISE_ORDER = (".mise.local.toml", "mise.local.toml", ".mise.toml", "mise.toml", ".config/mise/config.toml",
               ".config/mise.toml", "mise/config.toml", ".mise/config.toml", ".tool-versions")
_CELLAR = re.compile(r"/Cellar/go(?:@[\d.]+)?/(?P<v>[^/]+)/")
_DEBIAN = re.compile(r"^/usr/lib/go-(?P<v>[\d.]+)/")
_SDK = re.compile(r"/sdk/go(?P<v>\d[^/]*)/bin/")
_TOOLCHAIN = re.compile(r"/golang\.org/toolchain@v0\.0\.1-go(?P<v>[^/]+?)\.[a-z0-9]+-[a-z0-9]+/")
_SNAP_ROOT = re.compile(r"^/snap/go/(?P<rev>[^/]+)")


@dataclass(frozen=True)
class Selection:
    """The version a manager selects and what says so: a variable or a file (``range``: the version in it)."""

    manager: str
    version: str  # as written ("1.22.3", "go1.22.3" for gvm)
    source: str  # the variable's name, or the file's path
    range: Range | None = None  # None: a variable
    label: str = ""  # how messages name the source: "/work/app/.tool-versions", "ASDF_GOLANG_VERSION"

    @property
    def bare(self) -> str:
        """The version without gvm's ``go`` prefix."""
        return self.version[2:] if self.version.startswith("go") else self.version


@dataclass(frozen=True)
class Provider:
    """What provides a go: ``manager`` (a key of TITLES, or None: nothing recognised) and how (``shim``: a
    manager's launcher that picks a version when it runs; ``install``: a manager's install directory on PATH;
    ``link``/``package``/``archive``), the version that runs, and the selection behind a shim."""

    manager: str | None
    how: str
    version: str | None = None
    selection: Selection | None = None
    home: ManagerHome | None = None


def homes(facts: Facts) -> tuple[ManagerHome, ...]:
    return facts.version_managers or ()


def home_of(facts: Facts, manager: str) -> ManagerHome | None:
    return next((h for h in homes(facts) if h.name == manager), None)


def _under(facts: Facts, path: str, directory: str | None) -> str | None:
    """The first component of ``path`` below ``directory`` (a version directory name), if inside it."""
    rest = facts.paths.relative(path, directory) if directory else None
    if rest in (None, "."):
        return None
    return rest.replace("\\", "/").split("/", 1)[0]


def chain_paths(binary: GoBinary) -> tuple[str, ...]:
    """Every path on the way from the go's path to the file that runs."""
    return (binary.path, *(h.leads_to for h in binary.links or ()), binary.real_path)


def provider(facts: Facts, binary: GoBinary) -> Provider:
    """Who provides ``binary``: its shim, the install directory it is in, the link chain it came through."""
    shims = [h for h in homes(facts) if h.shims and facts.paths.same(facts.paths.dirname(binary.path), h.shims)]
    manager = shims[0].name if shims else binary.shim if binary.shim in ("asdf", "goenv", "mise") else None
    if manager is not None:
        selected = selection(facts, manager, facts.root) if facts.root else None
        home = home_of(facts, manager)
        installed = selected.bare if selected and home and installed_as(home, selected) else None
        return Provider(manager, "shim", installed, selected, home)
    for path in reversed(chain_paths(binary)):
        for home in homes(facts):
            name = _under(facts, path, home.installs)
            if name and name != "current":
                version = name[2:] if home.name == "gvm" and name.startswith("go") else name
                return Provider(home.name, "install", version, home=home)
    return _system_provider(facts, binary)


def _system_provider(facts: Facts, binary: GoBinary) -> Provider:
    real = binary.real_path.replace("\\", "/")
    version = gover.from_runtime(binary.version) if binary.version else None
    if binary.shim == "snap" or binary.path.replace("\\", "/").startswith("/snap/bin/"):
        return Provider("snap", "launcher", version)
    hops = binary.links or ()
    if any(h.link.replace("\\", "/").startswith("/etc/alternatives/") for h in hops):
        debian = _DEBIAN.search(real)
        return Provider("alternatives", "link", version or (debian.group("v") if debian else None))
    for pattern, manager, how in ((_TOOLCHAIN, "toolchain", "download"), (_CELLAR, "homebrew", "package"),
                                  (_SDK, "golang.org/dl", "download"), (_DEBIAN, "debian", "package")):
        match = pattern.search(real)
        if match:  # Debian's directory names only the minor version: what the go answered says more
            return Provider(manager, how, version if manager == "debian" and version else match.group("v"))
    if any("/.g/" in p.replace("\\", "/") for p in chain_paths(binary)):
        return Provider("g", "link", version)
    if real.startswith("/usr/local/go/"):
        return Provider("official", "archive", version)
    return Provider("symlink" if hops else None, "link" if hops else "direct", version)


def installed_as(home: ManagerHome, selected: Selection) -> str | None:
    """The install directory name the selection resolves to, None when it is not installed. mise takes
    ``1.22`` as the newest installed 1.22.x; the others need the exact name."""
    if selected.version == "system":
        return "system"
    if selected.version in home.versions:
        return selected.version
    if home.name == "mise":
        prefix = selected.version + "."
        matches = sorted((v for v in home.versions if v.startswith(prefix)), key=gover.sort_key)
        return matches[-1] if matches else None
    return None


# -- what each manager selects ---------------------------------------------------------------------------
def selection(facts: Facts, manager: str, directory: str) -> Selection | None:
    """The Go version ``manager`` selects in ``directory`` (a workspace directory)."""
    variable = VERSION_VARIABLES.get(manager)
    value = (facts.env or {}).get(variable or "")
    if value:
        return Selection(manager, value.split()[0], variable or "", None, variable or "")
    local = _nearest(facts, manager, directory)
    if local is not None:
        return local
    for file in _global_files(facts, manager):
        found = file_selection(manager, file)
        if found is not None:
            return found
    return None


def file_selection(manager: str, file: FileFacts) -> Selection | None:
    """The version one file selects for ``manager``; None when the file names no Go for it."""
    if file.status is not Status.OK:
        return None
    value = None
    if isinstance(file, go_version.GoVersionFacts) and manager == "goenv":
        value = file.version
    elif isinstance(file, tool_versions.ToolVersionsFacts) and file.versions and file.tool is not None:
        if manager == "mise" or (manager == "asdf" and file.tool.value == "golang"):
            value = file.versions[0]
    elif isinstance(file, mise_config.MiseConfigFacts) and manager == "mise":
        value = file.go
    elif isinstance(file, gvm_default.GvmDefaultFacts) and manager == "gvm":
        value = file.go_name
    if value is None:
        return None
    return Selection(manager, value.value, file.path, value.range, file.path)


def _local_kinds(manager: str) -> tuple[str, ...]:
    return {"asdf": (tool_versions.KIND_NAME,), "goenv": (go_version.KIND_NAME,),
            "mise": (mise_config.KIND_NAME, mise_config.ROOT_KIND_NAME, tool_versions.KIND_NAME)}.get(manager, ())


def _global_files(facts: Facts, manager: str) -> tuple[FileFacts, ...]:
    kinds = {"asdf": (tool_versions.GLOBAL_KIND_NAME,), "goenv": (go_version.GLOBAL_KIND_NAME,),
             "mise": (mise_config.GLOBAL_KIND_NAME, tool_versions.GLOBAL_KIND_NAME),
             "gvm": (gvm_default.KIND_NAME,)}.get(manager, ())
    return tuple(f for k in kinds for f in facts.files_of(k) or ())


def governed_dir(facts: Facts, file: FileFacts) -> str:
    """The directory a version file selects for: its own, or the root for ``.mise/config.toml`` and the like."""
    if file.kind == mise_config.ROOT_KIND_NAME and facts.root:
        return facts.root
    return facts.paths.dirname(file.path)


def local_files(facts: Facts, manager: str) -> tuple[FileFacts, ...]:
    """The workspace's files that select a Go for ``manager``."""
    return tuple(f for k in _local_kinds(manager) for f in facts.files_of(k) or ()
                 if file_selection(manager, f) is not None)


def _nearest(facts: Facts, manager: str, directory: str) -> Selection | None:
    paths = facts.paths
    best: tuple[int, int, Selection] | None = None
    for file in local_files(facts, manager):
        governed = governed_dir(facts, file)
        if not paths.inside(directory, governed, strict=False):
            continue
        depth = len(paths.normpath(governed))
        name = paths.relative(file.path, governed) or ""
        rank = -_MISE_ORDER.index(name.replace("\\", "/")) if name.replace("\\", "/") in _MISE_ORDER else -99
        found = file_selection(manager, file)
        if found is not None and (best is None or (depth, rank) > best[:2]):
            best = (depth, rank, found)
    return best[2] if best else None


# -- comparing -----------------------------------------------------------------------------------------
def same_release(selected: str, running: str) -> bool:
    """Does the go that runs (``1.22.10``) satisfy the version a manager names (``1.22.10``, ``1.22``)?"""
    selected = selected[2:] if selected.startswith("go") else selected
    parsed = gover.parse(selected)
    if parsed is None or not gover.is_valid(running):
        return selected == running
    if parsed.patch == "" and parsed.kind == "":
        return gover.lang(running) == selected or gover.compare(selected, running) == 0
    return gover.compare(selected, running) == 0


def running_version(facts: Facts, binary: GoBinary, found: Provider | None = None) -> str | None:
    """The Go version that runs through ``binary``: what it answered, else what its provider installs."""
    if binary.version:
        return gover.from_runtime(binary.version)
    found = found or provider(facts, binary)
    return found.version


def dangling(binary: GoBinary) -> LinkHop | None:
    """The link that points nowhere, when the chain to ``binary`` ends in nothing."""
    hops = binary.links or ()
    return hops[-1] if hops and not hops[-1].exists else None


def describe(facts: Facts, binary: GoBinary | None = None) -> str | None:
    """One line on what provides the go that runs and why: ``~/.asdf/shims/go → asdf, golang 1.22.3 from
    /work/app/.tool-versions``. None when no go runs."""
    binary = binary or running_go(facts)
    if binary is None:
        return None
    found = provider(facts, binary)
    steps = [binary.path, *(h.leads_to for h in binary.links or ())]
    if binary.real_path not in steps:
        steps.append(binary.real_path)
    text = " → ".join(steps)
    if found.manager is None:
        return f"{text} (a go installation, found directly on PATH)"
    title = TITLES.get(found.manager, found.manager)
    if found.how == "shim":
        chosen = found.selection
        if chosen is None:
            return f"{text} ({title}'s shim; no Go version is selected here)"
        home = found.home
        installed = installed_as(home, chosen) if home else None
        state = f" ({facts.paths.join(home.installs, installed)})" if home and installed else ", not installed"
        return f"{text} ({title}'s shim) → Go {chosen.bare} from {chosen.label}{state}"
    if found.manager == "snap":
        return f"{text} (snap's launcher; its Go lives in /snap/go/<revision>, /snap/go/current)"
    version = f", Go {found.version}" if found.version else ""
    return f"{text} ({title}{version})"
