"""vendor/modules.txt: what `go mod vendor` (or `go work vendor`) recorded, read as cmd/go reads it
(modload.readVendorList, Go 1.21–1.27 alike).

Lines starting with ``# `` name a module (``# path version [=> new [version]]``, or ``# path => new`` for a
wildcard replacement); ``## `` lines after one annotate it (``explicit``, ``go 1.N``; annotations of several
lines add up); other single-field lines are its packages. Anything the go command does not understand it
ignores, and so does this parser: the file is never malformed.

The directory holding vendor/ is a module root or a go.work directory: the walk skips vendor/ directories,
so the probe reads this file for each of them (``goenv_lsp.probe.vendor``). A vendor/ directory without a
modules.txt is recorded as this kind with status MISSING; no vendor/ directory, no file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goenv_lsp.facts import Facts, FileFacts, PathOps, Status
from goenv_lsp.files.base import EditorHints, FileKind, ParseContext, Where
from goenv_lsp.model import Range
from goenv_lsp.text import LineIndex

KIND_NAME = "vendor/modules.txt"
MAX_MODULES = 20_000  # a vendor directory of a huge monorepo: enough for any real one, bounded for a bad one

_NUM = r"(?:0|[1-9][0-9]*)"
_IDENT = r"(?:[0-9A-Za-z-]+)"
_DOTTED = rf"{_IDENT}(?:\.{_IDENT})*"
_SEMVER = re.compile(rf"^v({_NUM})(?:\.({_NUM})(?:\.({_NUM})(-{_DOTTED})?(\+{_DOTTED})?)?)?$")
_IMPORT_PATH = re.compile(r"^[A-Za-z0-9._~+\-/]+$")  # enough of module.CheckImportPath for package lines


@dataclass(frozen=True)
class VendoredModule:
    """One module of modules.txt (several lines naming the same path and version are merged, as go does)."""

    path: str
    version: str  # "" for a wildcard replacement line
    range: Range  # its first `# …` line
    explicit: bool = False  # `## explicit`: required in go.mod
    replacement_path: str = ""  # `=> new [version]`
    replacement_version: str = ""
    go: str = ""  # `## …; go 1.N`
    listed: bool = False  # provides packages to the build (go's vendorList: the selected version of its path)
    replaced: bool = False  # go's vendorReplaced: a `=>` go understood


@dataclass(frozen=True)
class VendorModulesFacts(FileFacts):
    workspace: bool = False  # first line `## workspace`: written by `go work vendor`
    modules: tuple[VendoredModule, ...] = ()

    def module(self, path: str, version: str) -> VendoredModule | None:
        return next((m for m in self.modules if m.path == path and m.version == version), None)


def is_semver(version: str) -> bool:
    return bool(_SEMVER.match(version))


def compare_semver(a: str, b: str) -> int:
    """semver.Compare: an invalid version is less than every valid one; build metadata is ignored."""

    def key(v: str) -> tuple:
        m = _SEMVER.match(v)
        if m is None:
            return ((-1,), 0, ())
        core = tuple(int(x or 0) for x in m.group(1, 2, 3))
        pre = m.group(4)
        if not pre:
            return (core, 1, ())
        parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre[1:].split("."))
        return (core, 0, parts)

    ka, kb = key(a), key(b)
    return (ka > kb) - (ka < kb)


def parse_vendor_modules(data: bytes, path: str, ctx: ParseContext | None = None) -> VendorModulesFacts:
    text = data.decode("utf-8", "replace")
    doc = LineIndex(text, newlines="lf")
    first = text.split("\n", 1)[0]
    workspace = first.startswith("## ") and any(e.strip() == "workspace" for e in first[3:].split(";"))
    found: dict[tuple[str, str], dict] = {}
    selected: dict[str, str] = {}  # go's vendorVersion
    current: tuple[str, str] | None = None
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if line.startswith("# "):
            fields = line.split()
            current = None
            if len(fields) < 3:
                continue
            if is_semver(fields[2]):
                current, rest = (fields[1], fields[2]), fields[3:]
            elif fields[2] == "=>":
                current, rest = (fields[1], ""), fields[2:]
            else:
                continue
            if current not in found:
                if len(found) >= MAX_MODULES:
                    break
                found[current] = {"range": doc.range(start, start + len(line.rstrip("\r")))}
            entry = found[current]
            if len(rest) >= 2 and rest[0] == "=>":
                if len(rest) == 2:
                    entry.update(replacement_path=rest[1], replacement_version="", replaced=True)
                elif len(rest) == 3 and is_semver(rest[2]):
                    entry.update(replacement_path=rest[1], replacement_version=rest[2], replaced=True)
            continue
        if current is None:
            continue
        if line.startswith("## "):
            for annotation in (a.strip() for a in line[3:].split(";")):
                if annotation == "explicit":
                    found[current]["explicit"] = True
                elif annotation.startswith("go "):
                    found[current]["go"] = annotation[3:]
            continue
        fields = line.split()
        if len(fields) == 1 and _IMPORT_PATH.match(fields[0]):
            module_path, version = current
            known = selected.get(module_path)
            if known is None or compare_semver(known, version) < 0:
                selected[module_path] = version
                found[current]["listed"] = True
    modules = tuple(VendoredModule(p, v, **entry) for (p, v), entry in found.items())
    return VendorModulesFacts(path=path, kind=KIND_NAME, status=Status.OK, workspace=workspace, modules=modules)


def vendor_dir_of(directory: str, paths: PathOps) -> str:
    return paths.join(directory, "vendor")


def modules_txt_of(directory: str, paths: PathOps) -> str:
    return paths.join(directory, "vendor", "modules.txt")


def vendor_modules(facts: Facts, directory: str) -> VendorModulesFacts | None:
    """The vendor/modules.txt of the module or workspace at ``directory``: status OK (read), MISSING (a vendor/
    directory without it); None when there is no vendor/ directory (if the kind was looked for) or unknown."""
    found = facts.file(modules_txt_of(directory, facts.paths))
    return found if isinstance(found, VendorModulesFacts) else None


KIND = FileKind(
    name=KIND_NAME, title="vendor/modules.txt", where=Where.MODULE, names=("vendor/modules.txt",),
    parse=parse_vendor_modules, facts_type=VendorModulesFacts,
    editor=EditorHints(nvim_filetypes=("text",), language_id="plaintext"),
)
